"""Values are data, never markup: a name full of HTML, TeX and mathtext renders as text everywhere.

A copy of the book with one actor renamed to a hostile string is built to HTML and PDF; the
string must appear escaped in the HTML, literally in the PDF text, and break neither build.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import BIN, BUILD, copy_repository, run

from eucasia.presentation.display import escape_markdown, table_markdown

HOSTILE = r"Civil society <script>alert(1)</script> & 100% {x} $a$ #z \w *b* `c`"


def test_escaped_markdown_has_no_markup_left() -> None:
    escaped = escape_markdown(HOSTILE)
    assert "<script>" not in escaped and r"\<script\>" in escaped
    table = table_markdown(__import__("pandas").DataFrame({"name": [HOSTILE]}), "caption", "tbl-x")
    assert "<script>" not in table


@pytest.mark.slow
def test_hostile_value_renders_as_text_in_html_and_pdf(tmp_path: Path) -> None:
    book = copy_repository(tmp_path / "book")
    actors = book / "data" / "actors.csv"
    text = actors.read_text(encoding="utf-8")
    old = "civil_society,Civil society (organisations and activists),"
    assert old in text
    quoted = '"' + HOSTILE.replace('"', '""') + '"'
    actors.write_text(text.replace(old, f"civil_society,{quoted},"), encoding="utf-8")
    (book / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nchapters:\n  - file: notebooks/resilience\n"
        "  - file: book/methods\n  - file: notebooks/data_dictionary\n  - file: book/how-to-cite\n"
        "  - file: book/glossary\n  - file: book/references\n",
        encoding="utf-8",
    )
    jb = str(BIN / "jupyter-book")
    html_build = run([jb, "build", ".", "--builder", "html", "--keep-going"], cwd=book, timeout=900)
    assert html_build.returncode == 0, html_build.stdout[-4000:] + html_build.stderr[-4000:]
    page = (book / "_build" / "html" / "notebooks" / "resilience.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page, "the value was injected as markup"
    assert html.escape("<script>alert(1)</script>", quote=False) in page
    assert "$a$" in page and "*b*" in page, "characters of the value were eaten as markup"

    pdf_build = run(
        [jb, "build", ".", "--builder", "pdflatex", "--keep-going"], cwd=book, timeout=900
    )
    assert pdf_build.returncode == 0, pdf_build.stdout[-4000:] + pdf_build.stderr[-4000:]
    pdf = book / "_build" / "latex" / "book.pdf"
    text = run(["pdftotext", str(pdf), "-"]).stdout
    flat = re.sub(r"\s+", " ", text)
    assert "<script>alert(1)</script>" in flat.replace("- ", "")
    assert BUILD.exists()  # the real build was not touched
