"""The PDF edition carries what the site carries: every numbered figure and table, the glued numbers."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import run

CAPTION = re.compile(r'<span class="caption-number">(Figure|Table) (\d+\.\d+) </span>')
PASTED = re.compile(r'<span class="pasted-text">([^<]*)</span>')


@pytest.fixture(scope="module")
def pdf_text(built_pdf: Path) -> str:
    text = run(["pdftotext", str(built_pdf), "-"]).stdout
    # Undo line-end hyphenation and line breaks so values split across lines are found whole.
    return re.sub(r"\s+", " ", re.sub(r"-\n", "", text))


@pytest.fixture(scope="module")
def chapter_pages(built_html: Path) -> list[Path]:
    return sorted((built_html / "notebooks").glob("*.html")) + sorted(
        (built_html / "book").glob("*.html")
    )


def test_every_numbered_figure_and_table_is_in_the_pdf(
    chapter_pages: list[Path], pdf_text: str
) -> None:
    numbered = {
        m for page in chapter_pages for m in CAPTION.findall(page.read_text(encoding="utf-8"))
    }
    assert len(numbered) > 40, "expected the chapters' numbered figures and tables"
    missing = sorted(
        f"{kind} {number}" for kind, number in numbered if f"{kind} {number}:" not in pdf_text
    )
    assert not missing, f"numbered in the HTML but not captioned in the PDF: {missing}"


def test_glued_numbers_agree_between_html_and_pdf(chapter_pages: list[Path], pdf_text: str) -> None:
    values = set()
    for page in chapter_pages:
        values |= {
            html.unescape(v).strip() for v in PASTED.findall(page.read_text(encoding="utf-8"))
        }
    values.discard("")
    assert len(values) > 30, "expected glued values in the chapters"
    missing = sorted(v for v in values if re.sub(r"\s+", " ", v) not in pdf_text)
    assert not missing, f"glued in the HTML but absent from the PDF text: {missing}"


def test_fonts_are_embedded(built_pdf: Path) -> None:
    lines = run(["pdffonts", str(built_pdf)]).stdout.splitlines()[2:]
    assert lines, "pdffonts listed no fonts"
    not_embedded = [line for line in lines if line.split()[-5] != "yes"]
    assert not not_embedded, not_embedded


def test_pdf_has_pages_and_title_metadata(built_pdf: Path) -> None:
    info = run(["pdfinfo", str(built_pdf)]).stdout
    assert re.search(r"^Pages:\s+\d{2,}", info, re.M)
    assert "Title:" in info and "Central Asia" in info
