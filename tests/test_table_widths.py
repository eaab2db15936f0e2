"""Every table readable at 1280 px and at 390 px, in the built site, in Chromium.

At both widths no column of a table that wraps is narrower than a readable measure
(`harness.tablewidth.MIN_CHARS` characters), and every column is either in view or reachable
by a control the page shows (the scroll bar above a wide table); the page itself never scrolls
sideways. The check runs on fixture pages first: a column squeezed by print widths, and a wide
table without its scroll bar, must both fail it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from harness import chromium, website
from harness.paths import ROOT
from harness.tablewidth import MEASURE, PAGE_OVERFLOW, problems

from eucasia.assembly.site import table_cells

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


def _measure(browser, url: str, viewport: dict, more: dict | None = None) -> tuple[list[dict], int]:
    """The page's tables (`MEASURE`) and how far the page scrolls sideways; with `more`, each of
    its scripts' results too, stored in it by name (evaluated in order, after the others)."""
    with chromium.open_page(browser, url, viewport=viewport) as (page, record):
        assert not record.console_errors, record.console_errors
        # Folded tables are measured as a reader sees them, opened: in a closed fold Chromium
        # still lays a table out, but hides the scroll bar above it, so a wide folded table read
        # as "out of view, and no control reaches it" although opening it shows the control.
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        page.wait_for_timeout(100)  # the scroll bar is set by a ResizeObserver callback
        found = page.evaluate(MEASURE), page.evaluate(PAGE_OVERFLOW)
        for name, script in (more or {}).items():
            more[name] = page.evaluate(script)
        return found


@pytest.fixture(scope="module")
def site(built_html: Path):
    with website.serve(built_html) as base:
        yield base


@pytest.fixture(scope="module")
def measured(site: str, browser) -> dict:
    """Every chapter measured once at each width: its tables, how far the page scrolls, and at
    1280 px its tables' room beside the column and what the page's contents cover, at 390 px
    its stacked cards that scroll (the checks of issue 23, below)."""
    out = {}
    for width in sorted(WIDTHS):
        for page in CHAPTERS:
            more = (
                {"breakout": BREAKOUT, "covered": COVERED, "long": LONG_BROKEN}
                if width == "desktop"
                else {"cards": CARDS_SCROLL}
            )
            more["clipped"] = CLIPPED  # fold24: tables cut off by a fold (below)
            tables, overflow = _measure(browser, site + page, WIDTHS[width], more)
            out[width, page] = {"tables": tables, "overflow": overflow, **more}
    return out


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_every_table_is_readable_at_its_width(measured: dict, width: str) -> None:
    found, count = [], 0
    for page in CHAPTERS:
        tables, overflow = measured[width, page]["tables"], measured[width, page]["overflow"]
        count += len(tables)
        found += [f"{page}: {p}" for p in problems(tables)]
        if overflow > 0:
            found.append(f"{page}: the page scrolls sideways by {overflow} px")
    assert count > 50  # the chapters' tables were all there to measure
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


# --------------------------------------------------------------------------- issue 23: wide tables

#: The right edge of the room a table has (JavaScript, `right`): the right edge of the page's
#: contents column, less its padding, where the page has that column beside the article; else
#: the article's right edge. BREAKOUT and LONG_BROKEN measure against it.
ROOM_RIGHT = """
  const pad = (e, side) => parseFloat(getComputedStyle(e)[side]);
  const art = document.querySelector('.bd-article');
  const side = document.querySelector('.bd-content > .bd-sidebar-secondary');
  const shown = side && side.getBoundingClientRect().width > 0
    && getComputedStyle(side).position !== 'fixed';
  const right = shown ? side.getBoundingClientRect().right - pad(side, 'paddingRight')
                      : art.getBoundingClientRect().right - pad(art, 'paddingRight');
"""

#: Each table container of the page in view: whether it scrolls, its width, and the room it has
#: (from its left edge to the right edge of the page's contents column, less its padding, where
#: the page has that column beside the article; else to the article's right edge).
BREAKOUT = (
    """() => {"""
    + ROOM_RIGHT
    + """  return [...document.querySelectorAll('.bd-article .pst-scrollable-table-container')]
    .filter((box) => box.getClientRects().length)
    .map((box) => {
      const r = box.getBoundingClientRect();
      // the nearest edge an ancestor (a fold, an admonition) clips it at
      let clip = Infinity;
      for (let e = box.parentElement; e && e !== art; e = e.parentElement)
        if (getComputedStyle(e).overflowX !== 'visible') clip = Math.min(clip, e.getBoundingClientRect().right);
      return { id: (box.querySelector('table') || {}).id || '(no id)',
               scrolls: box.scrollWidth - box.clientWidth > 1,
               width: Math.round(r.width), room: Math.round(right - r.left),
               cut: clip < r.right - 1 ? Math.round(r.right - clip) : 0 };
    });
}"""
)

#: Each table that reaches beside the article, brought into view: whether the page's contents
#: (nav.page-toc, as far as its column shows it) are visible over it once their column settled.
COVERED = """async () => {
  const side = document.querySelector('.bd-content > .bd-sidebar-secondary');
  const toc = side && side.querySelector('nav');
  if (!side || !toc) return [];
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const overlap = (a, b) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left))
    * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
  const out = [];
  for (const box of document.querySelectorAll('.bd-article .pst-scrollable-table-container')) {
    if (!box.getClientRects().length || box.getBoundingClientRect().right <= side.getBoundingClientRect().left) continue;
    box.scrollIntoView({ block: 'start' });
    await frames();
    await new Promise((r) => setTimeout(r, 50));
    await Promise.all(side.getAnimations({ subtree: true }).map((a) => a.finished));
    await frames();
    if (getComputedStyle(toc).opacity === '0' || getComputedStyle(toc).visibility === 'hidden') continue;
    const s = side.getBoundingClientRect(), t = toc.getBoundingClientRect();
    const seen = { left: t.left, right: t.right, top: Math.max(t.top, s.top, 0),
                   bottom: Math.min(t.bottom, s.bottom, window.innerHeight) };
    const area = overlap(seen, box.getBoundingClientRect());
    if (area > 0) out.push(`${(box.querySelector('table') || {}).id}: the page's contents cover ${Math.round(area)} px² of it`);
  }
  return out;
}"""


def breakout_problems(boxes: list[dict]) -> list[str]:
    """A table that scrolls while there is room beside it that it does not take, or one that
    breaks out of a fold that cuts it off."""
    return [
        f"{b['id']}: scrolls in {b['width']} px while {b['room']} px are free for it"
        for b in boxes
        if b["scrolls"] and b["width"] < b["room"] - 2
    ] + [f"{b['id']}: {b['cut']} px of it cut off by a fold" for b in boxes if b.get("cut")]


#: Tables of the "What changed" page that scrolled at 1280 px only because their event ids never
#: broke: none of them scrolls.
NEVER_SCROLL = {"notebooks/changes.html": ("tbl-chg-fix-timeline", "tbl-chg-fix-record-checks")}


def test_no_table_scrolls_while_room_is_free_beside_it(measured: dict) -> None:
    """At 1280 px a table wider than the column takes the empty margin beside it (up to the
    page's right edge less the contents column's padding) before it scrolls, and the page's
    contents fold away while it is in view (they cover none of it)."""
    found = []
    for path in CHAPTERS:
        boxes = measured["desktop", path]["breakout"]
        found += [f"{path}: {p}" for p in breakout_problems(boxes)]
        found += [
            f"{path}: {b['id']} scrolls at 1280 px"
            for b in boxes
            if b["id"] in NEVER_SCROLL.get(path, ()) and b["scrolls"]
        ]
        found += [f"{path}: {p}" for p in measured["desktop", path]["covered"]]
    # The wide tables were there, wider than the column (688 px at 1280 px).
    broke_out = sum(b["width"] > 700 for p in CHAPTERS for b in measured["desktop", p]["breakout"])
    assert broke_out > 10
    assert not found, "\n".join(found)


#: The stacked cards of each table a phone stacks: those that scroll sideways.
CARDS_SCROLL = """() => [...document.querySelectorAll('.bd-article table.eucasia-stack')]
  .map((t) => { const b = t.closest('.pst-scrollable-table-container') || t.parentElement;
                return [t.id || '(no id)', b.scrollWidth - b.clientWidth]; })
  .filter(([, over]) => over > 1)"""


def test_no_stacked_card_scrolls_on_a_phone(measured: dict) -> None:
    """At 390 px a table stacked as cards never scrolls sideways: a long word (a hyphen-joined
    route name, an id of the record, a file name) breaks inside when wider than the card."""
    found = [
        f"{path}: {t} scrolls by {o} px"
        for path in CHAPTERS
        for t, o in measured["phone", path]["cards"]
    ]
    assert not found, "\n".join(found)


# The checks fail on the site as it was: the stylesheet without the block, the page
# without the script that lets a table break out.
BLOCK = re.compile(
    r"/\* --- Wide tables, long words and chrome.*?--- end of the issue 23 block --- \*/", re.S
)
OLD_STYLE = BLOCK.sub("", STYLE)
LONG_IDS = " ".join(
    f"timeline/2025-10-20-cross-regional-ministerial-luxembourg-{i} 2016-06-28-eu_global_strategy"
    for i in range(2)
)
WIDE_TABLE = table_cells.keep_words_whole(
    "<table class='table' id='tbl-wide'><thead><tr><th>key</th><th>field</th><th>before</th>"
    "<th>after</th><th>note</th></tr></thead><tbody>"
    + "".join(
        f"<tr><td><p>2019-07-05-eu-central-asia-forum-bishkek-{i}</p></td><td><p>date</p></td>"
        f"<td><p>{LONG_IDS}</p></td><td><p>timeline/2012-06-strategy-implementation-review</p></td>"
        f"<td class='eucasia-prose'><p>{'a note of the record ' * 6}</p></td></tr>"
        for i in range(3)
    )
    + "</tbody></table>"
)
#: Eight columns of words that never break: wider than the column (688 px), narrower than the
#: column and the margin beside it (968 px), so reaching under the contents column.
BROAD_TABLE = (
    "<table class='table' id='tbl-broad'><thead><tr>"
    + "<th>column</th>" * 8
    + "</tr></thead><tbody>"
    + ("<tr>" + "<td><p>Interregional</p></td>" * 8 + "</tr>") * 3
    + "</tbody></table>"
)
LAYOUT = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<style>*, ::before, ::after { box-sizing: border-box } STYLE body { margin: 0 } .bd-content { display: flex; margin-left: 256px }
.bd-article-container { flex: 1 1 0; min-width: 0 } .bd-article { padding: 0 32px }
.bd-sidebar-secondary { flex: none; width: 272px; box-sizing: border-box; padding: 0 24px;
  position: sticky; top: 0; align-self: flex-start; background: #fff; z-index: 2; height: fit-content;
  --pst-sidebar-secondary: 17rem } .pst-scrollable-table-container { overflow-x: auto }
.onthispage { height: 3rem; margin: 0 }</style>EXTRA</head>
<body><div class="bd-content"><div class="bd-article-container"><main class="bd-article">
<p style="height: 1200px">text</p>
<div class="pst-scrollable-table-container">TABLE</div><p style="height: 1200px">text</p></main></div>
<div class="bd-sidebar-secondary"><p class="onthispage">Contents</p><nav class="page-toc">
ENTRIES</nav></div></div><script>SCRIPT</script></body></html>"""
#: The layout without the contents column: the article's column alone, 688 px wide at 1280 px
#: and the whole screen less its padding on a phone.
NO_ROOM = {
    "desktop": "<style>.bd-sidebar-secondary { display: none }"
    " .bd-article-container { flex: none; width: 752px }</style>",
    "phone": "<style>.bd-sidebar-secondary { display: none } .bd-content { margin-left: 0 }"
    " .bd-article { padding: 0 16px }</style>",
}


def _layout(tmp_path: Path, style: str, script: str, table: str, extra: str = "") -> None:
    entries = "".join(f"<p>Section {i}</p>" for i in range(30))
    html = (
        LAYOUT.replace("STYLE", style)
        .replace("EXTRA", extra)
        .replace("SCRIPT", script)
        .replace("TABLE", table)
        .replace("ENTRIES", entries)
    )
    (tmp_path / "index.html").write_text(html, encoding="utf-8")


def _breakout_fixture(browser, tmp_path: Path, style: str, script: str) -> list[str]:
    _layout(tmp_path, style, script, BROAD_TABLE)
    with (
        website.serve(tmp_path) as base,
        chromium.open_page(browser, base, WIDTHS["desktop"]) as (
            page,
            _,
        ),
    ):
        page.wait_for_timeout(100)
        return breakout_problems(page.evaluate(BREAKOUT)) + page.evaluate(COVERED)


def test_the_breakout_fixture_passes_as_the_book_styles_it(browser, tmp_path: Path) -> None:
    assert _breakout_fixture(browser, tmp_path, STYLE, SCRIPT) == []


def test_a_table_that_scrolls_beside_free_room_fails(browser, tmp_path: Path) -> None:
    found = _breakout_fixture(browser, tmp_path, STYLE, "")
    assert any("scrolls in" in p and "free for it" in p for p in found), found


def test_a_table_under_the_page_contents_fails(browser, tmp_path: Path) -> None:
    """The table breaks out, but the contents stay open over it (their fold rules removed)."""
    unfolded = STYLE.replace(".eucasia-tucked", ".eucasia-untucked")
    found = _breakout_fixture(browser, tmp_path, unfolded, SCRIPT)
    assert any("contents cover" in p for p in found), found


def test_long_words_break_rather_than_scroll(browser, tmp_path: Path) -> None:
    """In the column alone (no room beside it), a table of long ids fits by breaking them; with
    the stylesheet as it was it scrolls. Stacked at 390 px, its cards do not scroll; as it was,
    they do."""
    stacked = WIDE_TABLE.replace("class='table'", "class='table eucasia-stack'", 1)
    seen = {}
    for name, style in (("now", STYLE), ("old", OLD_STYLE)):
        for width, table in (("desktop", WIDE_TABLE), ("phone", stacked)):
            if name == "old":  # and the cells as they were: no long words, no breaks after _ or /
                table = table.replace("<wbr>", "").replace(" eucasia-long", "")
            _layout(tmp_path, style, SCRIPT, table, NO_ROOM[width])
            with (
                website.serve(tmp_path) as base,
                chromium.open_page(browser, base, WIDTHS[width]) as (page, _),
            ):
                seen[name, width] = page.evaluate(BREAKOUT)[0]["scrolls"]
    assert seen == {
        ("now", "desktop"): False,
        ("now", "phone"): False,
        ("old", "desktop"): True,
        ("old", "phone"): True,
    }, seen


# --------------------------------------------------------------------------- issue 23: long ids whole

#: Each long word (`.eucasia-long`: an id, a path) that a table shown on the page sets across
#: two lines although the table, its long words kept whole, fits the room it has (its column and,
#: where the page has the contents column beside it, that column less its padding, as BREAKOUT).
#: The whole-word width is the table's own minimum with every long word on one line, measured
#: with a style added and taken away again before the page draws.
LONG_BROKEN = (
    """() => {"""
    + ROOM_RIGHT
    + """  const lines = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top / 4))).size;
  };
  const out = [];
  for (const box of document.querySelectorAll('.bd-article .pst-scrollable-table-container')) {
    const table = box.querySelector('table');
    if (!table || !box.getClientRects().length) continue;
    const broken = [...table.querySelectorAll('.eucasia-long')].filter((w) => lines(w) > 1);
    if (!broken.length) continue;
    const whole = document.createElement('style');
    whole.textContent = '.bd-article .eucasia-long { white-space: nowrap !important; display: inline !important }'
      + ' .bd-article .eucasia-long wbr { display: none !important }';
    document.head.append(whole);
    const was = table.style.width;
    table.style.width = 'min-content';
    const need = table.getBoundingClientRect().width;
    table.style.width = was;
    whole.remove();
    const room = right - box.getBoundingClientRect().left;
    if (need <= room - 1) out.push(`${table.id || '(no id)'}: ${broken.length} long words break, the first `
      + `"${broken[0].textContent}", though the table fits ${Math.round(room)} px with them whole (${Math.round(need)} px)`);
  }
  return out;
}"""
)


def test_long_ids_stay_whole_where_the_table_has_room(measured: dict) -> None:
    """At 1280 px no long id breaks across lines in a table that fits, with its ids whole, in
    the room beside it (the data dictionary's Table 9.1, the "What changed" page's tables broke
    theirs at an underscore beside an empty margin)."""
    found = [f"{path}: {p}" for path in CHAPTERS for p in measured["desktop", path]["long"]]
    assert not found, "\n".join(found)


#: Ids that fit whole in the column and the margin beside it (about 900 px in 968), not in the
#: column alone (688 px).
ROOMY_IDS = table_cells.keep_words_whole(
    "<table class='table' id='tbl-roomy'><thead><tr><th>event</th><th>record check</th>"
    "<th>field</th></tr></thead><tbody>"
    + "".join(
        f"<tr><td><p>2025-10-20-cross-regional-ministerial-{i}</p></td>"
        f"<td><p>timeline/2016-06-28-eu_global_strategy_review_{i}</p></td>"
        "<td><p>date</p></td></tr>"
        for i in range(3)
    )
    + "</tbody></table>"
)


def test_long_id_check_fails_on_ids_measured_breakable(browser, tmp_path: Path) -> None:
    """The fixture's ids stay whole with the book's stylesheet and script (the table breaks out
    to its whole-word width); measured with its ids breakable, as before (the rule that keeps
    them whole while measuring taken out), the table seems to fit its column, stays there, and
    breaks its ids: the check fails."""
    seen = {}
    for name, style in (("now", STYLE), ("old", STYLE.replace(".eucasia-whole", ".eucasia-off"))):
        _layout(tmp_path, style, SCRIPT, ROOMY_IDS)
        with (
            website.serve(tmp_path) as base,
            chromium.open_page(browser, base, WIDTHS["desktop"]) as (page, _),
        ):
            page.wait_for_timeout(100)
            seen[name] = page.evaluate(LONG_BROKEN)
    assert seen["now"] == [], seen
    assert any("tbl-roomy" in p and "fits" in p for p in seen["old"]), seen


# --- fold24: tables inside folds (issue 23, item 1) ------------------------------------------

#: Each table of the page in view (its scroll container, else the table) whose box reaches past
#: the visible edge of an ancestor that clips what overflows it (overflow other than `visible`):
#: the ancestor, the part hidden, and each column cut, with how much of it shows. A fold (the
#: theme's `details.admonition`, overflow hidden) cut the strand chapters' full lists and the
#: funding table at its own right edge once they broke out beside the column.
CLIPPED = """() => {
  const out = [];
  for (const table of document.querySelectorAll('.bd-article table.table')) {
    const box = table.closest('.pst-scrollable-table-container') || table;
    if (!box.getClientRects().length) continue;
    const r = box.getBoundingClientRect();
    for (let a = box.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX === 'visible') continue;
      const left = a.getBoundingClientRect().left + a.clientLeft, right = left + a.clientWidth;
      const hidden = Math.max(0, r.right - right) + Math.max(0, left - r.left);
      if (hidden <= 1) continue;
      const head = table.tHead ? [...table.tHead.rows[table.tHead.rows.length - 1].cells] : [];
      const cut = head.map((c, i) => {
        const b = c.getBoundingClientRect();
        const seen = Math.max(0, Math.min(b.right, right, r.right) - Math.max(b.left, left, r.left));
        return seen < b.width - 1 ? `column ${i + 1} (${c.textContent.trim()}) shows ${Math.round(seen)} of ${Math.round(b.width)} px` : null;
      }).filter(Boolean);
      out.push(`${table.id || '(no id)'}: cut off by ${a.localName}.${[...a.classList].join('.')}`
        + ` at x=${Math.round(right)}, ${Math.round(hidden)} px hidden; ${cut.join('; ')}`);
      break;
    }
  }
  return out;
}"""


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_no_table_is_cut_off_by_a_fold(measured: dict, width: str) -> None:
    """With every fold open (as `_measure` opens them), no table reaches past the visible edge of
    an ancestor that clips it: a folded table that breaks out takes its fold with it, or scrolls
    inside it with its bar. Nothing cut off, each column's width is the one the measure of
    `test_every_table_is_readable_at_its_width` holds (at least `MIN_CHARS` characters)."""
    found = [f"{page}: {p}" for page in CHAPTERS for p in measured[width, page]["clipped"]]
    assert not found, "\n".join(found)


#: The book's fold of a code cell's output: myst-nb's `details.hide.above-output`, which the
#: theme styles as an admonition (overflow hidden, the padding of a note). Closed at first; the
#: test opens it as a reader does, after the page's script has run.
FOLD = (
    '<details class="admonition hide above-output"><summary>Show the list</summary>'
    '<div class="cell_output"><div class="pst-scrollable-table-container">TABLE</div></div>'
    "</details>"
)
FOLD_THEME = "<style>details.admonition { overflow: hidden; padding: 0 0.6rem 0.6rem }</style>"
FOLD_BLOCK = re.compile(r"/\* --- fold24:.*?--- end fold24 --- \*/", re.S)


def _fold_fixture(browser, tmp_path: Path, style: str) -> tuple[list[str], list[str]]:
    _layout(tmp_path, style, SCRIPT, BROAD_TABLE, FOLD_THEME)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    html = html.replace(
        '<div class="pst-scrollable-table-container">' + BROAD_TABLE + "</div>",
        FOLD.replace("TABLE", BROAD_TABLE),
    )
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    with (
        website.serve(tmp_path) as base,
        chromium.open_page(browser, base, WIDTHS["desktop"]) as (page, _),
    ):
        page.wait_for_timeout(100)
        page.evaluate("document.querySelector('details').open = true")
        page.wait_for_timeout(100)
        return page.evaluate(CLIPPED), breakout_problems(page.evaluate(BREAKOUT))


def test_a_table_cut_off_by_its_fold_fails(browser, tmp_path: Path) -> None:
    """A broad table in a fold: as the book styles it now, it breaks out with its fold and
    nothing is cut off; with the stylesheet as it was (without the fold24 block) the fold cuts it
    at the column's edge, and the check names the fold and the columns it hides."""
    assert FOLD_BLOCK.search(STYLE), "the fold24 block of eucasia.css is gone"
    assert _fold_fixture(browser, tmp_path, STYLE) == ([], [])
    clipped, _ = _fold_fixture(browser, tmp_path, FOLD_BLOCK.sub("", STYLE))
    assert any("cut off by details.admonition" in p and "column 8" in p for p in clipped), clipped


# --- end fold24 -------------------------------------------------------------------------------
