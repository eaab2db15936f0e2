"""Edits of the book's inputs re-execute exactly the chapters that read them, and reach the page.

In a copy of the checkout's build (`make test` has just made it): a table edit, a module edit
and a change a reader sees each re-execute exactly the chapters whose cache key lists the edited
file, and the new value reaches the page; an edit of the book's extension re-executes nothing
and reaches every page. Which files a chapter really reads is proven in `test_cache_audit.py`;
the edit-every-input sweep is `make test-exhaustive` (`test_cache_inputs.py`).

The module is its own group, on its own worker from the start, beside the shared second build
(`test_rebuilds.py`) rather than after it: it used to edit the folder the shared build was made
in, so its four rebuilds waited for that build's eleven minutes on one worker, the suite's
longest path.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from harness.edits import TOKEN, chapters_reading, edit_input, rebuild_html
from harness.paths import BUILD
from harness.repository import copy_repository

pytestmark = [pytest.mark.rebuild, pytest.mark.xdist_group("rebuild-edits")]

#: What of the checkout's build an HTML rebuild needs: not the PDF and its LaTeX sources.
NOT_FOR_HTML = shutil.ignore_patterns("latex", "pdf")


def chapters(book: Path) -> set[str]:
    return {p.stem for p in (book / "notebooks").glob("*.md")}


@pytest.fixture(scope="module")
def edited_book(built_html: Path, tmp_path_factory) -> Path:
    """A copy of the repository with the checkout's HTML build and execution cache, this
    module's to edit. At its new path Sphinx re-reads every page once, so a rebuild with nothing
    edited runs first and must execute nothing: the copied cache serves every chapter."""
    book = copy_repository(tmp_path_factory.mktemp("edited") / "book")
    shutil.copytree(BUILD, book / "_build", symlinks=True, ignore=NOT_FOR_HTML)
    assert rebuild_html(book) == set(), "the copied build re-executed chapters with nothing edited"
    return book


def page(book: Path, chapter: str) -> str:
    return (book / "_build" / "html" / "notebooks" / f"{chapter}.html").read_text(encoding="utf-8")


def test_table_edit_reexecutes_exactly_its_readers(edited_book: Path) -> None:
    table = edited_book / "data" / "rivers.csv"  # its river names are in the chapters
    expected = chapters_reading(edited_book, table)
    assert expected and expected != chapters(edited_book), expected
    edit_input(table, edited_book)
    assert rebuild_html(edited_book) == expected
    assert any(TOKEN in page(edited_book, c) for c in expected), "the edited value is on no page"


def test_module_edit_reexecutes_exactly_its_importers(edited_book: Path) -> None:
    # a module of one chapter's figures: an analysis module would also make the book's extension
    # rewrite every actor page, which proves nothing more and costs two minutes
    module = edited_book / "eucasia" / "presentation" / "charts" / "synthesis_figures.py"
    expected = chapters_reading(edited_book, module)
    assert expected and expected != chapters(edited_book), expected
    edit_input(module, edited_book)
    assert rebuild_html(edited_book) == expected


def test_change_a_reader_sees_reaches_the_page(edited_book: Path) -> None:
    module = edited_book / "eucasia" / "presentation" / "tables" / "country_tables.py"
    old, new = '"strand networks it is in"', '"strand networks it belongs to"'
    text = module.read_text(encoding="utf-8")
    assert old in text
    module.write_text(text.replace(old, new), encoding="utf-8")
    expected = chapters_reading(edited_book, module)
    assert rebuild_html(edited_book) == expected == {"countries"}
    assert "strand networks it belongs to" in page(edited_book, "countries")


def pages_with(book: Path, text: str) -> tuple[int, list[str]]:
    """How many pages of the site there are, and those lacking `text`."""
    pages = [
        p
        for p in (book / "_build" / "html").rglob("*.html")
        if "_static" not in p.parts and p.name != "index.html"  # the root index only redirects
    ]
    return len(pages), [str(p) for p in pages if text not in p.read_text(encoding="utf-8")]


def test_an_extension_edit_reaches_every_page(edited_book: Path) -> None:
    """The footer is written by the book's extension, which no notebook's cache key lists: the
    page-code digest (eucasia.assembly.codedigest) makes Sphinx write every page again, and the
    edit reaches all of them while no chapter re-executes. Before the digest, this build wrote
    0 pages and every later `make html` said nothing changed."""
    extension = edited_book / "book" / "_ext" / "eucasia_book.py"
    old, new = "How to cite</a>.</p>", "How to cite this book</a>.</p>"
    text = extension.read_text(encoding="utf-8")
    assert old in text
    extension.write_text(text.replace(old, new), encoding="utf-8")
    assert rebuild_html(edited_book) == set()
    count, stale = pages_with(edited_book, "How to cite this book")
    assert count >= 60 and stale == [], f"{len(stale)} of {count} pages stale: {stale[:5]}"
