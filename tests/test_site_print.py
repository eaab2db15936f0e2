""" "Print this page" prints the page a reader reads (issue 23, item 7): a chapter printed by
Chromium, as the header's download menu does it (`window.print()`).

The resilience chapter is printed twice: to an A4 PDF (`page.pdf`, which fires `beforeprint`
and `afterprint` as a reader's print does), read with `pdftotext`, and laid out under print
media at the width of that page's content box, measured in the page. On paper:
- no control prints: not the explorer (its buttons, search field, checkboxes and list; the figure
  above it is its printed form, and it is there), not the sort arrows, the filter box, the
  "Download data" and "Cite" line, the fold bars;
- the folds print open: every row of Tables 2.7 and 2.8 is on paper, and a table that runs over
  pages repeats its header row on each;
- tables print whole: every column header of Table 2.2 is printed, and no cell of any table
  ends beyond the page's content box or is cut by a box around it.
Each rule is a function of what was printed. The rules of `RULES` are proven on the same page
printed with the site as it was, its print block (`--eucasia-print`, eucasia.css) and its fold
script (eucasia-site.js) taken out, where every one of them fails; the header-repeat rule (the
folded table is not printed at all then) on a small fixture of printed pages.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass

import pytest
import tinycss2
from test_browser import site  # noqa: F401 - the shared fixture (browser: conftest)

pytestmark = pytest.mark.book

PAGE = "notebooks/resilience.html"
#: A4 with 10 mm margins (about Chromium's default): the content box is 190 mm wide.
MARGIN_MM = 10
CONTENT_WIDTH = round((210 - 2 * MARGIN_MM) / 25.4 * 96)  # CSS px
#: What the page's controls say; none of it is on paper. Every entry is printed by the site as it
#: was (the proof below), so none is stale.
CONTROL_TEXTS = (
    "Zoom in",
    "Zoom out",
    "Reset view",
    "Move and zoom",
    "Show the graph",
    "Find an actor",
    "by strength (as the table)",
    "Filter rows",
    "Download data (CSV)",
    "\u25b8 Cite",
    "\u2195",
    "Show the full list of",
)
#: The folded tables whose rows must be printed, and the table whose headers must be.
FOLDED = ("tbl-res-initiatives", "tbl-res-commitments")
WIDE = "tbl-res-actors"

#: The page, laid out for print: the explorer and the figure before it, every table's header
#: cells, rows, and the right edge of each cell and of each box that clips it.
MEASURE = """() => {
  const visible = (el) => el.checkVisibility() && el.getBoundingClientRect().height > 0;
  const clippedRight = (el) => {
    let right = Infinity;
    for (let box = el.parentElement; box; box = box.parentElement) {
      const s = getComputedStyle(box);
      if (s.overflowX !== "visible")
        right = Math.min(right, box.getBoundingClientRect().right);
    }
    return right;
  };
  const explorer = document.querySelector(".eucasia-explorer");
  let figure = null;
  if (explorer) {
    const figures = [...document.querySelectorAll(".bd-article figure")].filter(
      (f) => f.compareDocumentPosition(explorer) & Node.DOCUMENT_POSITION_FOLLOWING);
    figure = figures[figures.length - 1] || null;
  }
  const img = figure && figure.querySelector("img");
  return {
    content: document.documentElement.clientWidth,
    explorer: explorer ? visible(explorer) : null,
    figure: img ? visible(img) && img.complete && img.naturalWidth > 0 : false,
    tables: [...document.querySelectorAll(".bd-article table")].map((t) => ({
      id: t.id,
      caption: t.caption ? t.caption.textContent.trim().slice(0, 40) : "",
      thead: t.tHead ? getComputedStyle(t.tHead).display : null,
      headers: [...t.querySelectorAll("thead th")].map((th) => th.textContent.trim()),
      rows: [...t.querySelectorAll("tbody tr")].map((tr) => ({
        first: tr.cells[0] ? tr.cells[0].textContent.trim() : "",
        visible: visible(tr),
      })),
      cells: [...t.querySelectorAll("th, td")].map((c) => ({
        text: c.textContent.trim().slice(0, 30),
        visible: visible(c),
        right: c.getBoundingClientRect().right,
        clip: clippedRight(c),
      })),
    })),
  };
}"""


@dataclass
class Printed:
    """One print of the page: the PDF's text page by page, and the page laid out for print."""

    pages: list[str]
    layout: dict

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    def table(self, table_id: str) -> dict:
        return next(t for t in self.layout["tables"] if t["id"] == table_id)


def flat(text: str) -> str:
    """Whitespace (line ends, no-break spaces) as single spaces: what words a reader sees."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


# --------------------------------------------------------------------------- the rules


def printed_controls(printed: Printed) -> list[str]:
    """The control texts on paper."""
    text = flat(printed.text)
    return [t for t in CONTROL_TEXTS if t in text]


def explorer_problems(printed: Printed) -> list[str]:
    """The explorer prints as nothing, and the figure above it prints."""
    problems = []
    if printed.layout["explorer"]:
        problems.append("the explorer is laid out on paper")
    if not printed.layout["figure"]:
        problems.append("the figure before the explorer is not on paper")
    return problems


def missing_rows(printed: Printed, table_ids: tuple[str, ...] = FOLDED) -> list[str]:
    """Rows (by their first cell, an item id) of the folded tables that are not on paper."""
    text = flat(printed.text)
    missing = []
    for table_id in table_ids:
        for row in printed.table(table_id)["rows"]:
            if not row["visible"] or flat(row["first"]) not in text:
                missing.append(f"{table_id}: {row['first']}")
    return missing


def header_problems(printed: Printed, table_id: str = WIDE) -> list[str]:
    """Column headers of the table that are not on paper, whole and inside the content box."""
    table = printed.table(table_id)
    words = set(flat(printed.text).split())
    problems = [
        f"{table_id}: header {h!r} is not printed"
        for h in table["headers"]
        if not all(w in words for w in flat(h).split())
    ]
    problems += [
        f"{table_id}: header {c['text']!r} is cut or beyond the page"
        for c in table["cells"][: len(table["headers"])]
        if not c["visible"] or c["right"] > min(c["clip"], printed.layout["content"]) + 0.5
    ]
    return problems


def cells_beyond(printed: Printed) -> list[str]:
    """Cells of any table whose right edge lies beyond the page's content box or the box that
    clips them (a scroll container)."""
    content = printed.layout["content"]
    out = []
    for table in printed.layout["tables"]:
        for cell in table["cells"]:
            edge = min(content, cell["clip"])
            if cell["visible"] and cell["right"] > edge + 0.5:
                out.append(
                    f"{table['caption']}: {cell['text']!r} ends at {cell['right']:.0f} px > {edge:.0f}"
                )
    return out


def unrepeated_headers(printed: Printed, table_id: str = FOLDED[1]) -> list[str]:
    """PDF pages from the table's caption on that hold its rows (an item id) but not its header
    row (the words of its second header)."""
    table = printed.table(table_id)
    header = flat(table["headers"][1])
    caption = flat(table["caption"])
    ids = [flat(r["first"]) for r in table["rows"]]
    pages = [flat(p) for p in printed.pages]
    start = next((n for n, page in enumerate(pages) if caption in page), len(pages))
    return [
        f"{table_id}: page {n + 1} holds rows without the header row"
        for n, page in enumerate(pages)
        if n > start and any(i in page for i in ids) and header not in page
    ]


RULES = {
    "controls": printed_controls,
    "explorer": explorer_problems,
    "folded rows": missing_rows,
    "headers": header_problems,
    "cells": cells_beyond,
}


# --------------------------------------------------------------------------- printing


def without_print_block(css: str) -> str:
    """The stylesheet without the site's print block (the `@media print` that sets
    `--eucasia-print`): the site as it printed before."""
    rules = tinycss2.parse_stylesheet(css)
    kept = [
        r
        for r in rules
        if not (
            r.type == "at-rule"
            and r.lower_at_keyword == "media"
            and "print" in tinycss2.serialize(r.prelude)
            and "--eucasia-print" in tinycss2.serialize(r.content or [])
        )
    ]
    return tinycss2.serialize(kept)


def without_print_script(js: str) -> str:
    """eucasia-site.js without its block that opens the folds for print."""
    return re.sub(
        r"// ---- webprint25: folds print open \(begin\).*?folds print open \(end\)[^\n]*\n",
        "",
        js,
        flags=re.S,
    )


def stripped(strip, kind: str):
    """A route handler that serves the file with `strip` applied, or fails when it takes out
    nothing (the block it looks for has moved)."""

    def serve(route) -> None:
        body = route.fetch().text()
        changed = strip(body)
        if changed == body:
            route.abort()
            raise AssertionError(f"nothing to take out of {route.request.url}")
        route.fulfill(body=changed, content_type=kind)

    return serve


def print_page(browser, url: str, tmp_path, as_before: bool = False) -> Printed:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    if as_before:
        context.route("**/_static/styles/eucasia-*.css*", stripped(without_print_block, "text/css"))
        context.route("**/eucasia-site.js*", stripped(without_print_script, "text/javascript"))
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.evaluate(
            "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
        )
        page.wait_for_function("[...document.images].every(i => i.complete)")
        pdf = tmp_path / ("before.pdf" if as_before else "print.pdf")
        margin = f"{MARGIN_MM}mm"
        page.pdf(
            path=str(pdf),
            format="A4",
            print_background=True,
            margin={"top": margin, "bottom": margin, "left": margin, "right": margin},
        )
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        # The same page laid out as print lays it out, at the content box's width; the folds
        # opened by what the page does before a print.
        page.set_viewport_size({"width": CONTENT_WIDTH, "height": 1000})
        page.emulate_media(media="print")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        layout = page.evaluate(MEASURE)
    finally:
        context.close()
    return Printed(pages=text.split("\f"), layout=layout)


@pytest.fixture(scope="module")
def printed(site: str, browser, tmp_path_factory) -> Printed:  # noqa: F811
    return print_page(browser, site + PAGE, tmp_path_factory.mktemp("print"))


@pytest.fixture(scope="module")
def printed_before(site: str, browser, tmp_path_factory) -> Printed:  # noqa: F811
    return print_page(browser, site + PAGE, tmp_path_factory.mktemp("print"), as_before=True)


# --------------------------------------------------------------------------- the checks


@pytest.mark.parametrize("rule", RULES)
def test_the_printed_page(printed: Printed, rule: str) -> None:
    problems = RULES[rule](printed)
    assert not problems, "\n".join(problems)


def test_every_table_header_is_a_header_group_in_print(printed: Printed) -> None:
    assert all(t["thead"] == "table-header-group" for t in printed.layout["tables"])


def test_a_long_table_repeats_its_header_on_every_page(printed: Printed) -> None:
    table = printed.table(FOLDED[1])
    ids = [flat(r["first"]) for r in table["rows"]]
    texts = [flat(p) for p in printed.pages]
    start = next(n for n, t in enumerate(texts) if flat(table["caption"]) in t)
    pages = [t for t in texts[start:] if any(i in t for i in ids)]
    assert len(pages) >= 2, "Table 2.8 should run over pages, or this proves nothing"
    assert not unrepeated_headers(printed)


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_fails_on_the_page_as_it_printed_before(printed_before: Printed, rule: str):
    assert RULES[rule](printed_before), f"{rule}: passes without the print block"


def test_every_control_text_printed_before(printed_before: Printed) -> None:
    assert printed_controls(printed_before) == list(CONTROL_TEXTS)


def test_the_repeat_check_fails_on_a_page_without_the_header() -> None:
    table = {
        "id": "t",
        "caption": "Table 9.9 Commitments",
        "headers": ["item", "what the strategy proposes"],
        "rows": [{"first": "1.1-C-01", "visible": True}, {"first": "1.1-C-02", "visible": True}],
    }
    pages = [
        "1.1-C-02 elsewhere",
        "Table 9.9 Commitments item what the strategy proposes 1.1-C-01",
        "1.1-C-02 more",
    ]
    broken = Printed(pages=pages, layout={"tables": [table]})
    assert unrepeated_headers(broken, "t") == ["t: page 3 holds rows without the header row"]
    whole = Printed(
        pages=[*pages[:2], "what the strategy proposes 1.1-C-02"], layout={"tables": [table]}
    )
    assert not unrepeated_headers(whole, "t")


def test_the_synthesis_prints_whole_and_without_controls(site: str, browser, tmp_path) -> None:  # noqa: F811
    """The other chapter the reader printed: its wide tables (the funding table) fit the page,
    and no control prints."""
    printed = print_page(browser, site + "notebooks/synthesis.html", tmp_path)
    problems = cells_beyond(printed) + printed_controls(printed)
    assert not problems, "\n".join(problems)
