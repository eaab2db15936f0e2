"""Every table readable at 1280 px and at 390 px, in the built site, in Chromium.

At both widths no column of a table that wraps is narrower than a readable measure
(`harness.tablewidth.MIN_CHARS` characters), and every column is either in view or reachable
by a control the page shows (the scroll bar above a wide table); the page itself never scrolls
sideways. The check runs on fixture pages first: a column squeezed by print widths, and a wide
table without its scroll bar, must both fail it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import chromium, website
from harness.paths import ROOT
from harness.tablewidth import MEASURE, PAGE_OVERFLOW, problems

pytestmark = pytest.mark.browser

CHAPTERS = [
    "notebooks/overview.html",
    "notebooks/resilience.html",
    "notebooks/prosperity.html",
    "notebooks/together.html",
    "notebooks/synthesis.html",
    "notebooks/tracker.html",
    "notebooks/countries.html",
    "notebooks/data_dictionary.html",
    "notebooks/changes.html",
    "book/methods.html",
    "book/glossary.html",
    "actors/index.html",
]
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _measure(browser, url: str, viewport: dict) -> tuple[list[dict], int]:
    with chromium.open_page(browser, url, viewport=viewport) as (page, record):
        assert not record.console_errors, record.console_errors
        # Folded tables are measured as a reader sees them, opened: in a closed fold Chromium
        # still lays a table out, but hides the scroll bar above it, so a wide folded table read
        # as "out of view, and no control reaches it" although opening it shows the control.
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        page.wait_for_timeout(100)  # the scroll bar is set by a ResizeObserver callback
        return page.evaluate(MEASURE), page.evaluate(PAGE_OVERFLOW)


@pytest.fixture(scope="module")
def site(built_html: Path):
    with website.serve(built_html) as base:
        yield base


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_every_table_is_readable_at_its_width(site: str, browser, width: str) -> None:
    found, measured = [], 0
    for page in CHAPTERS:
        tables, overflow = _measure(browser, site + page, WIDTHS[width])
        measured += len(tables)
        found += [f"{page}: {p}" for p in problems(tables)]
        if overflow > 0:
            found.append(f"{page}: the page scrolls sideways by {overflow} px")
    assert measured > 50  # the chapters' tables were all there to measure
    assert not found, "\n".join(found)


# --------------------------------------------------------------------------- the check can fail

STYLE = (ROOT / "book" / "_static" / "eucasia.css").read_text(encoding="utf-8")
SCRIPT = (ROOT / "book" / "_static" / "eucasia-site.js").read_text(encoding="utf-8")
ROWS = "".join(
    f"<tr><td><p>row {i}</p></td><td><p>EUR-{i}000</p></td>"
    f"<td class='eucasia-prose'><p>{'a long note ' * 8}</p></td>"
    f"<td class='eucasia-prose'><p>{'another long note ' * 6}</p></td><td><p>{i}</p></td></tr>"
    for i in range(4)
)
FIXTURE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<style>{STYLE} body {{ margin: 0 }} .bd-article {{ width: 640px; padding: 16px }}</style></head>
<body><main class="bd-article">
<div class="pst-scrollable-table-container" style="overflow-x:auto">
<table class="table" id="tbl-fixture"><colgroup><col style="width:10%"><col style="width:40%">
<col style="width:40%"><col style="width:5%"><col style="width:5%"></colgroup>
<thead><tr><th>key</th><th>amount</th><th>note</th><th>more</th><th>n</th></tr></thead>
<tbody>{ROWS}</tbody></table></div>
<script>SCRIPT</script></main></body></html>"""


def _fixture(browser, tmp_path: Path, html: str) -> list[str]:
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    with website.serve(tmp_path) as base:
        tables, _ = _measure(browser, base, WIDTHS["desktop"])
    return problems(tables)


def test_the_fixture_table_passes_as_the_book_styles_it(browser, tmp_path: Path) -> None:
    assert _fixture(browser, tmp_path, FIXTURE.replace("SCRIPT", SCRIPT)) == []


def test_a_squeezed_column_fails(browser, tmp_path: Path) -> None:
    """The first column ("row 0") squeezed below its measure wraps a word a line."""
    squeeze = (
        "<style>.bd-article table.table td:nth-child(1), .bd-article table.table th:nth-child(1)"
        " { min-width: 0 !important; width: 3ch; max-width: 3ch }</style>"
    )
    html = FIXTURE.replace("SCRIPT", SCRIPT).replace("</head>", squeeze + "</head>")
    found = _fixture(browser, tmp_path, html)
    assert any("column 1" in p and "characters wide" in p for p in found), found


def test_a_wide_table_without_its_scroll_control_fails(browser, tmp_path: Path) -> None:
    found = _fixture(browser, tmp_path, FIXTURE.replace("SCRIPT", ""))
    assert any("no control reaches it" in p for p in found), found
