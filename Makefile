# The book's build. Two commands do everything on a fresh Debian/Ubuntu machine:
#   make book   # environment, TeX check, execute notebooks, HTML site and PDF edition
#   make test   # the whole test suite
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.pins-installed
BUILD := _build
PDF := $(BUILD)/pdf/eu-central-asia-strategy.pdf
# Dates in the PDF and other outputs come from the last commit, never from the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg
JB_FLAGS := -W -n --keep-going

.PHONY: help book html pdf test lint bench measure clean env lock tex

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort

$(STAMP): environment.yml pyproject.toml tools/pins.py
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required, found " + sys.version.split()[0]'
	rm -rf $(VENV)  # start clean, so the environment holds the pins and nothing else
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(PYTHON) tools/pins.py requirements > $(VENV)/requirements.txt
	$(BIN)/python -m pip install --quiet -r $(VENV)/requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python tools/pins.py check
	touch $@

env: $(STAMP) ## Create .venv with the pinned packages of environment.yml

tex: ## Check (and, as root with apt, install) the TeX toolchain for the PDF
	tools/ensure-tex.sh

book: html pdf ## Build everything: HTML site and PDF edition

html: $(STAMP) ## Execute the notebooks (cached) and build the HTML site
	$(BIN)/jupyter-book build . --builder html $(JB_FLAGS)

pdf: $(STAMP) tex ## Build the PDF edition at _build/pdf/eu-central-asia-strategy.pdf
	rm -rf $(BUILD)/latex  # stale .aux/.idx files from an earlier run confuse latexmk
	$(BIN)/jupyter-book build . --builder pdflatex $(JB_FLAGS)
	mkdir -p $(BUILD)/pdf
	cp $(BUILD)/latex/book.pdf $(PDF)
	mkdir -p $(BUILD)/html/_pdf  # the site carries the PDF edition of the same version
	cp $(PDF) $(BUILD)/html/_pdf/
	@echo "PDF edition: $(PDF)"

test: book ## Run the whole test suite on an up-to-date book (a no-op rebuild when nothing changed)
	$(BIN)/python -m pytest

lint: $(STAMP) ## ruff on the package, tests and tools (the tests run the same checks)
	$(BIN)/ruff check eucasia tests tools book/_ext
	$(BIN)/ruff format --check eucasia tests tools book/_ext

measure: html ## Build times against their budgets, then page weight and Lighthouse beside a stock Jupyter Book
	status=0; $(BIN)/python tools/buildtimes.py || status=$$?; \
	$(BIN)/python tools/measure.py || status=$$?; exit $$status

bench: $(STAMP) ## Time graph building and metrics at 1x, 10x, 100x the real data
	$(BIN)/python -m eucasia.analysis.bench

lock: ## Rewrite environment.yml's pins from the packages installed in .venv
	$(BIN)/python tools/lock.py

clean: ## Remove the build and the execution cache (keeps .venv)
	rm -rf $(BUILD)
