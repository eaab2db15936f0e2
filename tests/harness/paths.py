"""Where the checkout and its built book are."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "_build"
HTML = BUILD / "html"
PDF = BUILD / "pdf" / "eu-central-asia-strategy.pdf"
#: The venv's scripts (jupyter-book, ruff, ...): the one running the tests.
BIN = Path(sys.executable).parent
JUPYTER_BOOK = str(BIN / "jupyter-book")
#: Sphinx's flags for every book build (Makefile's JB_FLAGS).
JB_FLAGS = ["-W", "-n", "--keep-going"]
#: Where tests leave files for people to look at (screenshots, PDF page images, measured
#: numbers): outside the checkout, which no test writes in. CI sets it and uploads the folder.
ARTIFACTS = Path(
    os.environ.get("EUCASIA_TEST_ARTIFACTS")
    or Path(tempfile.gettempdir()) / "eucasia-test-artifacts"
)
