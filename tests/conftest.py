"""Shared paths and helpers for the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
HTML = BUILD / "html"
PDF = BUILD / "pdf" / "eu-central-asia-strategy.pdf"
BIN = Path(sys.executable).parent

# The measuring tools (tools/measure.py, tools/buildtimes.py) are tested and reused here.
sys.path.insert(0, str(ROOT / "tools"))
from buildtimes import copy_repository  # noqa: E402, F401 - for the tests that rebuild a copy


def run(
    cmd: list[str], cwd: Path = ROOT, timeout: int = 900, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run a command, capturing text output; never raises on a non-zero exit."""
    full_env = {**os.environ, "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg", **(env or {})}
    return subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=full_env
    )


#: Fixtures that need the built book: a test using one reads `_build` and is not a unit test.
BUILT_BOOK_FIXTURES = {"built_html", "built_pdf", "second_build"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that needs the built book is marked `build` and `slow`, whoever wrote it.

    So `pytest -m "not slow"` runs only the unit tests, which need no built book, in seconds;
    nobody has to remember a mark for that to stay true.
    """
    for item in items:
        needs_book = BUILT_BOOK_FIXTURES & set(getattr(item, "fixturenames", ()))
        if needs_book or item.get_closest_marker("build"):
            item.add_marker(pytest.mark.build)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def built_html() -> Path:
    if not (HTML / "index.html").is_file():
        pytest.fail("the HTML book is not built: run `make book` first (make test does)")
    return HTML


@pytest.fixture(scope="session")
def built_pdf() -> Path:
    if not PDF.is_file():
        pytest.fail(f"the PDF edition is missing at {PDF}: run `make book` first (make test does)")
    return PDF


@pytest.fixture(scope="session")
def browser():
    """One Chromium for every browser test of the session (Playwright's sync API allows one
    running instance per thread: two test files each starting their own would collide)."""
    import measure
    from playwright.sync_api import sync_playwright

    if not Path(measure.CHROMIUM).is_file():
        pytest.fail(f"{measure.CHROMIUM} is missing: apt-get install chromium (see .ci/run)")
    with sync_playwright() as p:
        chromium = measure.launch(p)
        yield chromium
        chromium.close()
