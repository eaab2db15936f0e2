# The book's build. Two commands do everything on a fresh Debian/Ubuntu machine:
#   make book   # environment, TeX check, execute notebooks, HTML site and PDF edition
#   make test   # the test tools (Chromium, poppler, iproute2, node tools), then the whole test suite
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.pins-installed
BUILD := _build
PDF := $(BUILD)/pdf/eu-central-asia-strategy.pdf
SITE_PDF := $(BUILD)/html/_pdf/$(notdir $(PDF))
# A build is skipped when the digest of every input it reads (tools/inputs_digest.py) equals the
# one stored with its outputs by the last successful build, and those outputs are all there.
INPUTS := $(PYTHON) tools/inputs_digest.py --env-stamp $(STAMP)
HTML_DIGEST := $(BUILD)/html/.inputs.sha256
PDF_DIGEST := $(BUILD)/pdf/.inputs.sha256
# Dates in the PDF and other outputs come from the last commit, never from the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg
JB_FLAGS := -W -n --keep-going

.PHONY: help book html pdf test test-exhaustive test-tools lint bench measure clean env lock tex

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort

# The reader pins (environment.yml, what Binder installs), then the dev tools on top
# (requirements-dev.txt); the stamp records what got installed, an input of every build.
$(STAMP): environment.yml requirements-dev.txt pyproject.toml tools/pins.py
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required, found " + sys.version.split()[0]'
	rm -rf $(VENV)  # start clean, so the environment holds the pins and nothing else
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(PYTHON) tools/pins.py requirements reader > $(VENV)/requirements-reader.txt
	$(PYTHON) tools/pins.py requirements dev > $(VENV)/requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r $(VENV)/requirements-reader.txt
	$(BIN)/python -m pip install --quiet -r $(VENV)/requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python tools/pins.py check
	$(BIN)/python tools/pins.py freeze > $@.tmp && mv $@.tmp $@

env: $(STAMP) ## Create .venv with the reader pins (environment.yml) and the dev pins on top

tex: ## Check (and, as root with apt, install) the TeX toolchain for the PDF
	tools/ensure-tex.sh

test-tools: ## Check (and, as root with apt, install) Chromium, poppler, iproute2, node; npm ci when the lock changed
	tools/ensure-test-tools.sh

book: html pdf ## Build everything: HTML site and PDF edition

# The digest is taken before the build and stored only after it succeeded: an input edited during
# the build, or a failed build, leaves the next `make` to build again.
html: $(STAMP) ## Execute the notebooks (cached) and build the HTML site (skipped when no input changed)
	@if digest="$$($(INPUTS) check $(HTML_DIGEST) $(BUILD)/html/index.html 2>/dev/null)"; then \
	  echo "make html: nothing changed since the last build"; exit 0; fi; \
	rm -f $(HTML_DIGEST); \
	echo "$(BIN)/jupyter-book build . --builder html $(JB_FLAGS)"; \
	$(BIN)/jupyter-book build . --builder html $(JB_FLAGS); \
	$(INPUTS) write $(HTML_DIGEST) "$$digest" $(BUILD)/html --exclude $(dir $(SITE_PDF))

# latex/ starts empty (stale .aux/.idx files from an earlier run confuse latexmk); the site carries
# the PDF edition of the same version.
pdf: $(STAMP) tex ## Build the PDF edition at _build/pdf/eu-central-asia-strategy.pdf (skipped when no input changed)
	@if digest="$$($(INPUTS) check $(PDF_DIGEST) $(PDF) 2>/dev/null)"; then \
	  echo "make pdf: nothing changed since the last build"; \
	else \
	  rm -f $(PDF_DIGEST); \
	  rm -rf $(BUILD)/latex; \
	  echo "$(BIN)/jupyter-book build . --builder pdflatex $(JB_FLAGS)"; \
	  $(BIN)/jupyter-book build . --builder pdflatex $(JB_FLAGS); \
	  mkdir -p $(BUILD)/pdf; \
	  cp $(BUILD)/latex/book.pdf $(PDF); \
	  $(INPUTS) write $(PDF_DIGEST) "$$digest" $(PDF); \
	  echo "PDF edition: $(PDF)"; \
	fi; \
	if ! cmp -s $(PDF) $(SITE_PDF); then \
	  mkdir -p $(dir $(SITE_PDF)); cp $(PDF) $(SITE_PDF); fi

# pytest-xdist: the unit tests spread over the workers; the browser tests of one module, and each
# kind of rebuild, keep to one worker (tests/conftest.py gives the groups).
TEST_WORKERS ?= 3
test: book test-tools ## Run the whole test suite on an up-to-date book (no build when nothing changed)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder

test-exhaustive: book test-tools ## The cache sweep, the book built from hostile data, 3,000 fuzz cases, each page-code file edited (weekly and before a release; not in make test)
	$(BIN)/python -m pytest -m exhaustive -n 2 --dist loadgroup --no-loadscope-reorder

lint: $(STAMP) ## ruff on the package, tests and tools (the tests run the same checks)
	$(BIN)/ruff check eucasia tests tools book/_ext
	$(BIN)/ruff format --check eucasia tests tools book/_ext

measure: book test-tools ## Build and test times against their budgets, then page weight and Lighthouse beside a stock Jupyter Book
	status=0; $(BIN)/python tools/buildtimes.py || status=$$?; \
	$(BIN)/python tools/testtimes.py --workers $(TEST_WORKERS) || status=$$?; \
	$(BIN)/python tools/measure.py || status=$$?; exit $$status

bench: $(STAMP) ## Time graph building and metrics at 1x, 10x, 100x the real data
	$(BIN)/python -m eucasia.analysis.bench

lock: ## Rewrite the pins of environment.yml (reader) and requirements-dev.txt (dev) from .venv
	$(BIN)/python tools/lock.py

clean: ## Remove the build and the execution cache (keeps .venv)
	rm -rf $(BUILD)
