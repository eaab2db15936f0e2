"""The book builds, fails loudly on a broken notebook, and its cache is neither stale nor wasteful.

These tests need the built book (`make book`); the one that builds works on a copy of the
repository in a temporary directory, so `_build/` is never disturbed. The no-op rebuild and the
edits that must re-execute exactly their chapters are in `test_rebuilds.py`, on the suite's
shared second build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from harness.commands import run
from harness.paths import BIN, ROOT
from harness.repository import copy_repository

JB = str(BIN / "jupyter-book")


def pdftotext(path: Path) -> str:
    result = run(["pdftotext", "-layout", str(path), "-"])
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_html_site_exists(built_html: Path) -> None:
    assert (built_html / "index.html").is_file()
    for page in (
        "book/intro",
        "notebooks/overview",
        "notebooks/data_dictionary",
        "book/how-to-cite",
    ):
        assert (built_html / f"{page}.html").is_file(), page


def test_no_error_output_reached_a_page(built_html: Path) -> None:
    for page in built_html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" not in text, page
        assert 'class="output traceback' not in text, page


CHAPTERS = [
    "The 2019 strategy and its place in EU–Central Asia relations",
    "Partnering for Resilience",
    "Partnering for Prosperity",
    "Working Better Together",
    "Synthesis: three networks, one partnership",
    "Country profiles",
    "Methods",
    "Data dictionary",
    "How to cite",
    "Glossary",
    "References",
]


def test_pdf_has_contents_and_no_unresolved_references(built_pdf: Path) -> None:
    text = pdftotext(built_pdf)
    front = "\n".join(text.split("\f")[:6])
    assert "CONTENTS" in front.upper()
    for title in CHAPTERS:
        assert re.search(rf"\d+\s+{re.escape(title)}\s+\d+\s*$", front, re.M), (
            f"{title!r} is not in the PDF's contents"
        )
    assert "??" not in text, "unresolved reference in the PDF"
    # The bibliography's numbered entries are printed (in the References chapter, listed above).
    assert re.search(r"^\s*\[1\]\s+\S", text, re.M) and re.search(
        r"^\s*\[100\]\s+\S", text, re.M
    ), "no bibliography"


@pytest.mark.rebuild  # builds a one-chapter book
def test_raising_cell_stops_the_build_and_names_the_notebook(tmp_path: Path) -> None:
    book = copy_repository(tmp_path / "book")
    broken = book / "notebooks" / "broken_chapter.md"
    broken.write_text(
        (ROOT / "notebooks" / "data_dictionary.md")
        .read_text(encoding="utf-8")
        .split("# Data dictionary")[0]
        + "# Broken\n\n```{code-cell} ipython3\nraise RuntimeError('deliberate failure')\n```\n",
        encoding="utf-8",
    )
    (book / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nchapters:\n  - file: notebooks/broken_chapter\n",
        encoding="utf-8",
    )
    result = run(
        [JB, "build", ".", "--builder", "html", "-W", "--keep-going"], cwd=book, timeout=600
    )
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert "broken_chapter" in log
    assert "deliberate failure" in log
    assert (
        not (book / "_build" / "html" / "notebooks" / "broken_chapter.html").exists()
        or "deliberate failure"
        not in (book / "_build" / "html" / "notebooks" / "broken_chapter.html").read_text()
    )
