"""The explorable tables, the data files and the row anchors of the built site, in a real browser.

Each table marked interactive is loaded offline (every other host blocked, as in
tests/test_browser.py), filtered by a word chosen from the data, and the visible rows must fall
to the number of rows of the table — recomputed here from the data package with the package's
own functions — that contain the word. A numeric column and a date column are sorted with the
keyboard and compared with the sorted data. A figure's and a table's CSV are fetched from the
served site and compared with the data recomputed from the package. Every initiative of a
strand has its row anchor on its strand's page.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from harness import chromium, website

from eucasia.analysis import tracker
from eucasia.analysis.corpus import Corpus
from eucasia.analysis.network import strand_analysis
from eucasia.assembly.edition import read_edition
from eucasia.data import load_tables
from eucasia.presentation.charts.tracker_figures import drawn_statuses, status_chart_data
from eucasia.presentation.page.display import _figure_frame, format_cell
from eucasia.presentation.page.downloads import frame_csv, number_twins
from eucasia.presentation.tables.comparison import strand_titles
from eucasia.presentation.tables.context_tables import funding_table
from eucasia.presentation.tables.edition_tables import SUMMARY_LABEL
from eucasia.presentation.tables.network_tables import actor_table, initiatives_table
from eucasia.presentation.tables.tracker_tables import actors_table, with_status

pytestmark = pytest.mark.book

SEED = 2019
STRANDS = {"res": "resilience", "pro": "prosperity", "tog": "together"}
PHONE = {"width": 390, "height": 844}


@cache
def tables() -> dict[str, pd.DataFrame]:
    return load_tables()


@cache
def strand_result(strand: str):
    return strand_analysis(Corpus.from_tables(tables()), strand, seed=SEED)


def _timeline() -> pd.DataFrame:
    timeline = tables()["timeline"]
    return (
        timeline.sort_values(["date", "event_id"])[["date", "kind", "title", "place"]]
        .assign(kind=lambda t: t["kind"].str.replace("_", " "))
        .reset_index(drop=True)
    )


def _tracker_actors() -> pd.DataFrame:
    metrics = strand_analysis(Corpus.from_tables(tables()), None, robustness=False).metrics
    return actors_table(tracker.centrality_against_delivery(tables(), metrics), 12)


def _expected() -> dict[str, tuple[str, Callable[[], pd.DataFrame], list[str]]]:
    """Interactive table name → (page, the table recomputed from the data, raw columns)."""
    out: dict[str, tuple[str, Callable[[], pd.DataFrame], list[str]]] = {}
    for prefix, strand in STRANDS.items():
        page = f"notebooks/{strand}.html"
        out[f"tbl-{prefix}-initiatives"] = (
            page,
            lambda s=strand: with_status(
                initiatives_table(tables(), s, "specific_initiative"), tables(), s
            ),
            ["status"],
        )
        out[f"tbl-{prefix}-commitments"] = (
            page,
            lambda s=strand: initiatives_table(tables(), s, "commitment"),
            [],
        )
        out[f"tbl-{prefix}-actors"] = (
            page,
            lambda s=strand: actor_table(strand_result(s), tables(), top=15),
            [],
        )
    out["tbl-timeline"] = ("notebooks/overview.html", _timeline, [])
    out["tbl-syn-funding"] = (
        "notebooks/synthesis.html",
        lambda: funding_table(tables()),
        ["source", "note"],  # both raw on the page (citations in notes)
    )
    out["tbl-trk-actors"] = ("notebooks/tracker.html", _tracker_actors, [])
    return out


EXPECTED = _expected()
ROLE = re.compile(r"\{[a-z:]+\}`([^`<]*?)\s*(?:<[^`>]*>)?`")
#: A citation shows as its number in the bibliography ([83]): no word of it can match.
CITE = re.compile(r"\{cite\}`[^`]*`")


def shown_cells(frame: pd.DataFrame, raw: list[str]) -> list[list[str]]:
    """The text of each cell as the page shows it (format_cell; a role as its text, a citation
    as a number). A "note" column is always read as markup: notes cite sources by key, and the
    page shows each as its number."""
    raw = [*raw, *(c for c in ("note",) if c in frame.columns and c not in raw)]
    rows = []
    for row in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, row, strict=True):
            text = format_cell(value)
            shown = ROLE.sub(r"\1", CITE.sub("[n]", text)) if column in raw else text
            cells.append(" ".join(shown.split()))
        rows.append(cells)
    return rows


def filter_word(rows: list[list[str]]) -> tuple[str, int]:
    """A word of the data found in some rows but not all, and in how many rows (as the script
    matches: case-insensitive, within one cell)."""
    words = Counter()
    for row in rows:
        words.update({w.lower() for cell in row for w in re.findall(r"[A-Za-z]{4,}", cell)})
    counts = {w: sum(any(w in c.lower() for c in row) for row in rows) for w in sorted(words)}
    candidates = [(n, w) for w, n in counts.items() if 0 < n < len(rows)]
    assert candidates, "no word tells the rows apart"
    n, word = max(candidates, key=lambda c: (min(c[0], len(rows) - c[0]), c[1]))
    return word, n


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def site(built_html: Path):
    with website.serve(built_html) as base:
        yield base


def ready(page, name: str) -> None:
    """Wait until eucasia-tables.js has wired the table (`data-eucasia-ready`): its sort buttons
    and filter field act from then on. The script loads after the page's first paint, so a click
    before it (on a header, or a button Playwright found early) would do nothing."""
    page.wait_for_selector(f"table#{name}[data-eucasia-ready]", state="attached", timeout=15_000)


def unfold(page, name: str) -> None:
    """Open the fold a table sits in (the commitments are folded on the page), as a reader does,
    once the table is ready."""
    ready(page, name)
    summary = page.locator(f"details:has(table#{name}) > summary")
    if summary.count():
        summary.first.click()


def visible_rows(page, name: str) -> int:
    return page.locator(f"table#{name} > tbody > tr:visible").count()


def column(page, name: str, index: int) -> list[str]:
    return page.eval_on_selector_all(
        f"table#{name} > tbody > tr",
        f"rows => rows.map(r => r.cells[{index}].textContent.trim())",
    )


# --------------------------------------------------------------------------- tests


def test_every_interactive_table_is_tested(built_html: Path) -> None:
    """Every interactive table of a chapter is tested here with the data it shows (the "What
    changed" page's, computed from two editions, have their own check below)."""
    found = set()
    for path in built_html.joinpath("notebooks").glob("*.html"):
        if path.name == CHANGES.rsplit("/", 1)[-1]:
            continue
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'<table class="[^"]*eucasia-interactive[^"]*" id="([^"]+)"', text))
    assert found == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_filter_by_a_word_shows_the_rows_that_contain_it(site: str, browser, name: str) -> None:
    page_path, build, raw = EXPECTED[name]
    frame = build()
    rows = shown_cells(frame, raw)
    word, expected = filter_word(rows)
    with chromium.open_page(browser, site + page_path) as (page, record):
        assert not record.external and not record.console_errors
        unfold(page, name)
        status = page.locator(f'input[aria-controls="{name}"] ~ [role=status]')
        assert status.text_content() == f"{len(rows)} of {len(rows)} rows"
        assert visible_rows(page, name) == len(rows)
        page.focus(f'input[aria-controls="{name}"]')
        page.keyboard.type(word.upper())  # case does not matter
        assert visible_rows(page, name) == expected, word
        assert status.text_content() == f"{expected} of {len(rows)} rows"
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        assert visible_rows(page, name) == len(rows)


@pytest.mark.parametrize("name", ["tbl-res-actors", "tbl-trk-actors"])
def test_numeric_column_sorts_numerically_by_keyboard(site: str, browser, name: str) -> None:
    page_path, build, raw = EXPECTED[name]
    frame = build()
    index = next(i for i, c in enumerate(frame.columns) if c == "strength" or c.startswith("rank"))
    values = [float(v) for v in frame.iloc[:, index]]
    with chromium.open_page(browser, site + page_path) as (page, _):
        ready(page, name)
        header = page.locator(f"table#{name} > thead th").nth(index)
        header.locator("button").focus()
        page.keyboard.press("Enter")
        assert header.get_attribute("aria-sort") == "ascending"
        shown = [float(v.replace(",", "")) for v in column(page, name, index)]
        assert shown == sorted(values)
        page.keyboard.press("Space")
        assert header.get_attribute("aria-sort") == "descending"
        shown = [float(v.replace(",", "")) for v in column(page, name, index)]
        assert shown == sorted(values, reverse=True)


def test_date_column_sorts_chronologically(site: str, browser) -> None:
    page_path, build, _ = EXPECTED["tbl-timeline"]
    dates = list(build()["date"])
    with chromium.open_page(browser, site + page_path) as (page, _):
        unfold(page, "tbl-timeline")
        page.locator("table#tbl-timeline > thead th").nth(0).locator("button").click()
        page.locator("table#tbl-timeline > thead th").nth(0).locator("button").click()
        assert column(page, "tbl-timeline", 0) == sorted(dates, reverse=True)


def test_filtered_table_stays_in_its_scroll_container_on_a_phone(site: str, browser) -> None:
    page_path, build, raw = EXPECTED["tbl-res-initiatives"]
    word, expected = filter_word(shown_cells(build(), raw))
    with chromium.open_page(browser, site + page_path, viewport=PHONE) as (page, _):
        unfold(page, "tbl-res-initiatives")
        page.fill('input[aria-controls="tbl-res-initiatives"]', word)
        assert visible_rows(page, "tbl-res-initiatives") == expected
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        box = page.locator('input[aria-controls="tbl-res-initiatives"]').bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_only_pages_with_an_interactive_table_load_the_script(built_html: Path) -> None:
    for path in built_html.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        has_table = "eucasia-interactive" in text and "<table" in text
        # A script tag, or the list of scripts fetched after the first paint (pages.LATE_LOADER).
        loads = (
            re.search(r'(?:src=|for \(const src of \[[^\]]*)"[^"]*_static/eucasia-tables\.js', text)
            is not None
        )
        assert loads == has_table, path


def test_only_pages_with_a_data_block_load_the_cite_script(built_html: Path) -> None:
    loading = 0
    for path in built_html.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        loads = re.search(r'"[^"]*_static/eucasia-cite\.js', text) is not None
        assert loads == ('class="eucasia-data' in text), path
        loading += loads
    assert loading >= 8


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url) as response:
        return response.read().decode("utf-8")


def _described(site: str, name: str) -> dict:
    """The resource of `_data/datapackage.json` that describes `name`'s CSV."""
    package = json.loads(_fetch(site + "_data/datapackage.json"))
    return next(r for r in package["resources"] if r["path"] == f"{name}.csv")


def test_figure_csv_is_the_data_it_draws(site: str) -> None:
    text = _fetch(site + "_data/fig-trk-strands.csv")
    # header row first; one row per strand and kind of item (edition 0.3.0), each strand by
    # id and by the name its bars show
    # and the statuses its key shows only (no item is superseded: no swatch, no column)
    counts = tracker.status_counts_by_kind(tables())
    titles = strand_titles(tables())
    drawn = status_chart_data(counts, [titles[s] for s, _ in counts.index], "strand")
    assert text == frame_csv(_figure_frame(drawn))
    assert text.startswith("strand_id,kind,strand,")
    assert list(drawn.columns[1:]) == drawn_statuses(counts)
    described = _described(site, "fig-trk-strands")
    assert described["title"].startswith("Figure ")
    assert described["homepage"].endswith("notebooks/tracker.html#fig-trk-strands")
    assert "data/implementation_status.csv" in [s["title"] for s in described["sources"]]
    assert f"/v{read_edition().version}/" in described["sources"][0]["path"]


def test_table_csv_is_the_data_it_shows(site: str) -> None:
    text = _fetch(site + "_data/tbl-syn-funding.csv")
    # the page's columns, and the amounts in euros as numbers after the amounts as text
    assert text == frame_csv(number_twins(funding_table(tables())), raw_columns=["source", "note"])
    assert text.startswith("programme or package,period,scope,amount,amount_eur,source,note\n")
    assert "\r" not in text
    described = _described(site, "tbl-syn-funding")
    assert described["title"].startswith("Table ")
    assert "data/funding.csv" in [s["title"] for s in described["sources"]]


def test_every_numbered_table_and_figure_offers_its_data(built_html: Path) -> None:
    offered = set(p.name for p in (built_html / "_data").glob("*.csv"))
    numbered = set()
    for path in built_html.joinpath("notebooks").glob("*.html"):
        text = path.read_text(encoding="utf-8")
        ids = re.findall(r'<(?:table|figure) class="[^"]*" id="((?:tbl|fig)-[^"]+)"', text)
        links = re.findall(r'href="\.\./_data/([^"]+\.csv)" download', text)
        assert sorted(f"{i}.csv" for i in ids) == sorted(links), path.name
        assert text.count("<summary>Cite</summary>") == len(links), path.name
        numbered |= set(links)
    assert numbered and numbered == offered
    cite = (built_html / "notebooks" / "resilience.html").read_text(encoding="utf-8")
    assert "Cite this table" not in cite and "Cite this figure" not in cite  # the old lines


def _closed_height_in_lines(page, block) -> float:
    return block.evaluate(
        "b => b.getBoundingClientRect().height / parseFloat(getComputedStyle(b).lineHeight)"
    )


def test_cite_is_one_line_and_copies_the_citation_on_a_phone(site: str, browser) -> None:
    """Closed, the CSV link and "Cite" share one line at 390 px; opening "Cite" shows the
    citation and leaves the reader's clipboard alone; its "Copy" button puts the one-line
    citation, as the disclosure shows it, on the clipboard (eucasia-cite.js). Proven on the same
    page broken: a block whose CSV link is not floated beside "Cite" takes two lines, and a
    disclosure stripped of the script's listeners copies nothing."""
    url = site + "notebooks/synthesis.html"
    with chromium.open_page(browser, url, viewport=PHONE) as (page, _):
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site[:-1])
        page.evaluate("navigator.clipboard.writeText('the reader had this')")
        blocks = page.locator(".eucasia-data")
        assert blocks.count() >= 5
        heights = [_closed_height_in_lines(page, blocks.nth(i)) for i in range(blocks.count())]
        assert max(heights) < 1.9, heights
        first = blocks.nth(0)
        first.locator("summary").click()
        page.wait_for_timeout(300)
        assert page.evaluate("navigator.clipboard.readText()") == "the reader had this"
        citation = " ".join(first.locator(".eucasia-cite-text").inner_text().split())
        first.locator("button.eucasia-cite-copy").click()
        page.wait_for_function("document.querySelector('.eucasia-cite-status').textContent")
        assert page.evaluate("navigator.clipboard.readText()") == citation
        assert citation.startswith("Table 5.1, in ") and "DOI: " in citation
        assert citation.endswith("notebooks/synthesis.html#tbl-syn-compare")
        # the same checks, broken
        broken = blocks.nth(1)
        broken.locator(".eucasia-csv").evaluate("a => { a.style.float = 'none'; }")
        assert _closed_height_in_lines(page, broken) >= 1.9
        broken.locator("details").evaluate("d => d.replaceWith(d.cloneNode(true))")
        broken.locator("summary").click()
        broken.locator("button.eucasia-cite-copy").click()
        page.wait_for_timeout(300)
        assert page.evaluate("navigator.clipboard.readText()") == citation  # unchanged


def test_every_strand_initiative_has_its_row_anchor(built_html: Path) -> None:
    initiatives, areas = tables()["initiatives"], tables()["areas"]
    strand_of = dict(zip(areas["area_id"], areas["strand_id"], strict=True))
    missing = []
    for initiative, area in zip(initiatives["initiative_id"], initiatives["area_id"], strict=True):
        strand = strand_of[area]
        if strand not in STRANDS.values():
            continue
        page = (built_html / "notebooks" / f"{strand}.html").read_text(encoding="utf-8")
        if f'<tr class="row-odd" id="initiative-{initiative}"' not in page and (
            f'<tr class="row-even" id="initiative-{initiative}"' not in page
        ):
            missing.append(initiative)
    assert not missing


def test_the_pdf_has_no_download_or_cite_lines(built_pdf: Path) -> None:
    """The blocks are for the web: in print they would read as a broken instruction."""
    import subprocess

    text = subprocess.run(
        ["pdftotext", "-layout", str(built_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Table 2.1" in text  # the PDF was read
    assert "Download data (CSV)" not in text
    assert "Cite this table" not in text and "Cite this figure" not in text
    assert "Sources and columns of the file" not in text
    assert "Filter rows" not in text


ACTOR_TABLES = {
    "tbl-res-actors": "notebooks/resilience.html",
    "tbl-pro-actors": "notebooks/prosperity.html",
    "tbl-tog-actors": "notebooks/together.html",
    "tbl-trk-actors": "notebooks/tracker.html",
}


@pytest.mark.parametrize("name", sorted(ACTOR_TABLES))
def test_every_actor_named_in_an_actor_table_links_to_its_page(
    site: str, browser, name: str
) -> None:
    """The first cell of each row is the actor's name, a link to actors/<its id>.html (ids from
    the data), and the link opens that actor's page."""
    ids = dict(zip(tables()["actors"]["name"], tables()["actors"]["actor_id"], strict=True))
    page = browser.new_page()
    try:
        page.goto(site + ACTOR_TABLES[name])
        cells = page.eval_on_selector_all(
            f"table#{name} > tbody > tr > td:first-child",
            "cells => cells.map(c => [c.textContent.trim(), c.querySelector('a')?.href || ''])",
        )
        assert cells, f"{name} has no rows"
        cells = [(n.replace("\u2019", "'"), href) for n, href in cells]  # smartquotes
        wrong = [(n, href) for n, href in cells if not href.endswith(f"/actors/{ids.get(n)}.html")]
        assert not wrong, f"{name}: rows without the link to their actor page: {wrong}"
        first_name = cells[0][0]
        page.locator(f"table#{name} > tbody > tr > td:first-child a").first.click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/actors/{ids[first_name]}.html")
        assert first_name in page.locator("h1").first.inner_text()
    finally:
        page.close()


def _values(frame: pd.DataFrame, index: int) -> list[float | None] | None:
    """The number each cell of column `index` stands for, from the data (a count or measure, or
    the euros an amount in words carries); None for an empty cell; None for the whole column
    when it holds text (sorted as text, not checked here)."""
    out = []
    for value in frame.iloc[:, index]:
        value = getattr(value, "sort", value) if isinstance(value, str) else value
        if value is None or value == "" or (isinstance(value, float) and value != value):
            out.append(None)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out.append(float(value))
        else:
            return None
    return out if any(v is not None for v in out) else None


def _plain(text: str) -> str:
    """Cell text with spaces collapsed, docutils' typographic quotes as typed, citations as
    [n] and MyST's backslash escapes resolved (the data's text and the page's compare)."""
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
    quotes = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
    return " ".join(re.sub(r"\[\d+\]", "[n]", text.translate(quotes)).split())


def _in_order(values: list[float | None], ascending: bool) -> bool:
    numbers = [v for v in values if v is not None]
    if any(v is not None for v in values[len(numbers) :]):  # empty cells come last, both ways
        return False
    return numbers == sorted(numbers, reverse=not ascending)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_number_column_sorts_by_the_value_it_stands_for(
    site: str, browser, name: str
) -> None:
    """Each column of numbers, counts or money sorts by value (money by its amount in euros,
    never by its words), empty cells last; the order is checked against the data, by reading
    back which row each shown cell belongs to."""
    page_path, build, raw = EXPECTED[name]
    frame = build()
    shown = shown_cells(frame, raw)
    columns = [(i, v) for i in range(frame.shape[1]) if (v := _values(frame, i)) is not None]
    if name == "tbl-syn-funding":  # the money column is among those checked
        assert list(frame.columns).index("amount") in dict(columns)
    with chromium.open_page(browser, site + page_path) as (page, _):
        unfold(page, name)
        for index, values in columns:
            by_row = {
                tuple(map(_plain, cells)): value for cells, value in zip(shown, values, strict=True)
            }
            button = page.locator(f"table#{name} > thead th").nth(index).locator("button")
            for ascending in (True, False):
                button.click()
                rows = page.eval_on_selector_all(
                    f"table#{name} > tbody > tr",
                    "rows => rows.map(r => Array.from(r.cells, c => c.textContent))",
                )
                order = [by_row[tuple(map(_plain, row))] for row in rows]
                assert _in_order(order, ascending), (name, frame.columns[index], ascending)
        # Every column with empty cells (text, dates, periods too): the empties last both ways.
        gaps = [
            i for i in range(frame.shape[1]) if 0 < sum(_blank(r[i]) for r in shown) < len(shown)
        ]
        if name == "tbl-syn-funding":  # the period column the reader sorted is among them
            assert list(frame.columns).index("period") in gaps
        for index in gaps:
            button = page.locator(f"table#{name} > thead th").nth(index).locator("button")
            for ascending in (True, False):
                button.click()
                cells = column(page, name, index)
                assert blanks_last(cells), (name, frame.columns[index], ascending, cells)


def _blank(text: str) -> bool:
    """A cell that shows nothing: empty, or the dash the book writes for an absent value."""
    return text.strip() in ("", "–", "—")


def blanks_last(cells: list[str]) -> bool:
    """The empty cells of a sorted column all come after its filled ones.

    >>> blanks_last(["2014–2020", "2021–2024", "", "–"]), blanks_last(["", "2014–2020"])
    (True, False)
    """
    filled = [not _blank(c) for c in cells]
    return filled == sorted(filled, reverse=True)


SCRIPT = Path(__file__).resolve().parent.parent / "book" / "_static" / "eucasia-tables.js"


def test_ready_waits_until_the_script_has_wired_the_table(browser, tmp_path: Path) -> None:
    """On a page whose tables script arrives late (as it does: after the first paint; here when
    the test loads it), the table is not ready at first, and a click on its header then sorts
    nothing; `ready` returns once the script has wired it, and the same click sorts."""
    (tmp_path / "eucasia-tables.js").write_text(SCRIPT.read_text(encoding="utf-8"), "utf-8")
    rows = "".join(f"<tr><td>{n}</td></tr>" for n in (3, 1, 2))
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>'
        '<table class="table eucasia-interactive" id="t"><thead><tr><th><p>n</p></th></tr>'
        f"</thead><tbody>{rows}</tbody></table><script>window.arrive = () => {{"
        " const s = document.createElement('script'); s.src = 'eucasia-tables.js';"
        " document.body.append(s); };</script></body></html>",
        encoding="utf-8",
    )
    with website.serve(tmp_path) as base:
        page = browser.new_page()
        try:
            page.goto(base, wait_until="domcontentloaded")
            assert page.locator("table#t[data-eucasia-ready]").count() == 0
            page.locator("table#t > thead th").click()  # before the script: nothing happens
            assert column(page, "t", 0) == ["3", "1", "2"]
            # The script arrives when the test says so, not after a delay a loaded machine
            # could outlast before the first click (that raced in a full run).
            page.evaluate("window.arrive()")
            ready(page, "t")
            page.locator("table#t > thead th button").click()
            assert column(page, "t", 0) == ["1", "2", "3"]
        finally:
            page.close()


# --------------------------------------------------------------------------- back matter (issue 24)

CHANGES = "notebooks/changes.html"
CAPTION_NUMBER = re.compile(r'<span class="caption-number">([^<]*)</span>')
TITLE = re.compile(r"<h1\b.*?</h1>", re.S)


def numbered_on_unnumbered_pages(pages: dict[str, str]) -> list[str]:
    """The numbered captions ("Table 1") of pages whose title has no number: the back matter's
    tables, numbered on a count of their own, read as if they clashed with the chapters'.

    >>> numbered_on_unnumbered_pages({
    ...     "a.html": '<h1>What changed</h1><span class="caption-number">Table 1 </span>',
    ...     "b.html": '<h1><span class="section-number">9. </span>Data</h1>'
    ...               '<span class="caption-number">Table 9.1 </span>'})
    ['a.html: Table 1']
    """
    found = []
    for name, text in sorted(pages.items()):
        title = TITLE.search(text, max(0, text.find('class="bd-article"')))  # not the header's
        if title and 'class="section-number"' in title.group():
            continue
        found += [f"{name}: {n.strip()}" for n in CAPTION_NUMBER.findall(text)]
    return found


def test_no_caption_on_an_unnumbered_page_is_numbered(built_html: Path) -> None:
    pages = {
        str(p.relative_to(built_html)): p.read_text(encoding="utf-8")
        for p in built_html.rglob("*.html")
    }
    assert CHANGES in pages and "<caption" in pages[CHANGES]  # its tables have captions
    assert not numbered_on_unnumbered_pages(pages)
    # the check fails on the page as it was: its captions numbered "Table 1", "Table 2"
    old = pages[CHANGES].replace(
        '<span class="caption-text">',
        '<span class="caption-number">Table 1 </span><span class="caption-text">',
        1,
    )
    assert numbered_on_unnumbered_pages({CHANGES: old}) == [f"{CHANGES}: Table 1"]


#: The page's tables, and those wired by the tables script with a sort button in every header.
SORTABLE = """() => { const all = [...document.querySelectorAll('.bd-article table')];
  return { tables: all.map((t) => t.id),
           sortable: all.filter((t) => t.hasAttribute('data-eucasia-ready') && t.tHead
             && [...t.tHead.rows[0].cells].every((c) => c.querySelector('button.eucasia-sort')))
             .map((t) => t.id) }; }"""


def test_the_changes_tables_sort_like_the_chapters(site: str, browser) -> None:
    """Every detail table of the "What changed" page is filterable and sortable, by the chapters'
    mechanism (the class show_table sets, eucasia-tables.js); the summary is not, so that its
    total stays its last row. A table without the class (the page as it was) gets no sort
    button, and the check sees it."""
    with chromium.open_page(browser, site + CHANGES) as (page, _):
        page.wait_for_function(
            "document.querySelectorAll('.bd-article table[data-eucasia-ready]').length"
            " === document.querySelectorAll('.bd-article table').length - 1",
            timeout=15_000,
        )
        found = page.evaluate(SORTABLE)
        details = [t for t in found["tables"] if t != SUMMARY_LABEL]
        assert SUMMARY_LABEL in found["tables"] and SUMMARY_LABEL not in found["sortable"], found
        assert len(details) > 5 and found["sortable"] == details, found
        # as it was: a table the script never wired
        page.evaluate(
            "(() => { const t = document.querySelector('.bd-article table[data-eucasia-ready]');"
            " t.removeAttribute('data-eucasia-ready');"
            " t.querySelectorAll('button.eucasia-sort').forEach((b) => b.replaceWith(...b.childNodes)); })()"
        )
        old = page.evaluate(SORTABLE)
        assert old["sortable"] != old["tables"]


def test_the_blank_check_fails_on_empties_first() -> None:
    """A period column as the script sorted it (its empty cells first), and as it should."""
    assert not blanks_last(["", "–", "2014–2020", "2021–2024"])
    assert blanks_last(["2021–2024", "2014–2020", "–", ""])
