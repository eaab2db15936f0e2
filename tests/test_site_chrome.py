"""The site's chrome must not get in the reader's way: each check observes the built site in
Chromium, and each is run again on the site as it was (a stylesheet rule or script put back,
the old links) to show that it fails there.

- "Previous"/"Next": the actors' index leads to the next chapter, not through every actor page
  in file-name order; an actor page leads to its neighbours in the index's order.
- The search field's magnifying glass does not cover the first letter typed.
- Search highlights stop after the page a search result opens.
- A chapter's title fits a phone (390 px): at most three lines.
- "Back to top" on a phone covers no table header (it sits in the sticky header bar).
- Figures in dark mode sit on one light panel, dimmed evenly, their colours unchanged.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from harness import chromium, website

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def site(built_html: Path):
    with website.serve(built_html) as base:
        yield base


# --------------------------------------------------------------------------- previous and next

#: The page's "Previous" and "Next" links (theme: a.left-prev, a.right-next), as site paths.
PREV_NEXT = """() => {
  const path = (a) => a ? new URL(a.getAttribute('href'), location.href).pathname.replace(/^\\//, '') : null;
  return [path(document.querySelector('a.left-prev')), path(document.querySelector('a.right-next'))];
}"""

#: The actor pages the index lists, in its order.
INDEX_LINKS = """() => [...document.querySelectorAll('.bd-article section li > p > a.reference.internal, .bd-article section li > a.reference.internal')]
  .map((a) => new URL(a.getAttribute('href'), location.href).pathname.replace(/^\\//, ''))"""


def built_prev_next(html_dir: Path, page: str) -> tuple[str | None, str | None]:
    """A built page's "Previous" and "Next" targets (site paths), read with an HTML parser."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((html_dir / page).read_text(encoding="utf-8"), "html.parser")

    def target(cls: str) -> str | None:
        link = soup.find("a", class_=cls)
        if link is None:
            return None
        return posixpath.normpath(posixpath.join(posixpath.dirname(page), link["href"]))

    return target("left-prev"), target("right-next")


def reading_order_problems(
    index: tuple[str | None, str | None],
    order: list[str],
    links: dict[str, tuple[str | None, str | None]],
    chapter_after: str,
) -> list[str]:
    """Where "Previous"/"Next" around the actor pages leave the reading order: the index's
    "Next" must be the chapter after the actors (whose "Previous" is the index), each actor's
    the next in the index's order, the first and the last leading back to the index."""
    problems = []
    if index[1] != chapter_after:
        problems.append(f"Next from the index goes to {index[1]}, not {chapter_after}")
    if links[chapter_after][0] != "actors/index.html":
        problems.append(f"Previous from {chapter_after} goes to {links[chapter_after][0]}")
    for at, page in enumerate(order):
        expected = (
            order[at - 1] if at else "actors/index.html",
            order[at + 1] if at + 1 < len(order) else "actors/index.html",
        )
        if links[page] != expected:
            problems.append(f"{page}: previous/next {links[page]}, expected {expected}")
    return problems


def test_next_from_the_actor_index_goes_to_the_next_chapter(site, browser, built_html) -> None:
    """In Chromium: the index's links and its list of actors; the actor pages' links read from
    the built files. The same check on the old links (the table of contents' file-name order)
    fails."""
    with chromium.open_page(browser, site + "actors/index.html") as (page, _):
        index = tuple(page.evaluate(PREV_NEXT))
        order = page.evaluate(INDEX_LINKS)
        chapter_after = index[1]
        page.locator("a.right-next").click()
        page.wait_for_load_state("load")
        after = tuple(page.evaluate(PREV_NEXT))
    assert len(order) > 10 and all(p.startswith("actors/") for p in order)
    assert chapter_after and not chapter_after.startswith("actors/"), index
    assert chapter_after == "book/how-to-cite.html"  # the table of contents' next chapter
    links = {p: built_prev_next(built_html, p) for p in order}
    links[chapter_after] = after
    assert not reading_order_problems(index, order, links, chapter_after)
    # Before: Sphinx's order (the toc's glob, by file name) from the index through every actor.
    by_file = sorted(order)
    old_links = {
        p: (by_file[i - 1] if i else "actors/index.html", (by_file + [chapter_after])[i + 1])
        for i, p in enumerate(by_file)
    }
    old_links[chapter_after] = (by_file[-1], after[1])
    old = reading_order_problems((index[0], by_file[0]), order, old_links, chapter_after)
    assert any(m.startswith("Next from the index") for m in old)
    assert any(m.startswith(f"Previous from {chapter_after}") for m in old)


# --------------------------------------------------------------------------- the search field

#: The magnifying glass's right edge and where the search field's text starts, in the open
#: search dialog.
SEARCH_FIELD = """() => {
  const input = [...document.querySelectorAll('input[name=q]')].find((i) => i.offsetParent);
  const icon = input.closest('form').querySelector('.fa-magnifying-glass');
  const style = getComputedStyle(input);
  const text = input.getBoundingClientRect().left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
  return { iconRight: icon.getBoundingClientRect().right, textLeft: text, value: input.value };
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_search_icon_leaves_the_first_letter_visible(site, browser, width) -> None:
    """Open the search dialog, type: the icon ends before the text begins. With the theme's
    rule back (the icon placed over the field) the check fails."""
    viewport = {"width": width, "height": 844}
    with chromium.open_page(browser, site + "notebooks/resilience.html", viewport) as (page, _):
        page.locator("button.search-button:visible").first.click()
        page.locator("input[name=q]:visible").first.type("w")
        found = page.evaluate(SEARCH_FIELD)
        assert found["value"] == "w" and found["iconRight"] <= found["textLeft"], found
        page.add_style_tag(
            content=".bd-search .fa-solid.fa-magnifying-glass { position: absolute !important; }"
        )
        old = page.evaluate(SEARCH_FIELD)
        assert old["iconRight"] > old["textLeft"], old


# --------------------------------------------------------------------------- search highlights


def highlights(page) -> int:
    page.wait_for_timeout(300)  # sphinx_highlight.js marks the words 10 ms after it runs
    return page.locator("span.highlighted").count()


def highlight_trail(page, base: str) -> dict[str, int]:
    """Search, open the first result, then the next page; search again and open a chapter
    from the sidebar instead: how many words each page highlights."""
    trail = {}
    page.goto(base + "search.html?q=water")
    page.wait_for_selector("ul.search li a", timeout=20_000)
    page.locator("ul.search li a").first.click()
    page.wait_for_load_state("load")
    trail["result"] = highlights(page)
    page.locator("a.right-next").first.click()
    page.wait_for_load_state("load")
    trail["next page"] = highlights(page)
    page.goto(base + "search.html?q=water")
    page.wait_for_selector("ul.search li a", timeout=20_000)
    page.locator(".bd-sidebar-primary a[href$='tracker.html']").first.click()
    page.wait_for_load_state("load")
    trail["page from the sidebar"] = highlights(page)
    return trail


def without_block(text: str) -> str:
    """eucasia-site.js without its search highlight block: the site as it was."""
    return re.sub(
        r"/\* --- Search highlights.*?end of the search highlight block --- \*/",
        "",
        text,
        flags=re.S,
    )


def test_search_highlights_stop_after_the_result_page(site, browser, built_html) -> None:
    """The page a result opens highlights the words; the next page does not, nor a page opened
    from the sidebar after a search. Without the site's fix (its script block taken out) the
    sidebar's page is highlighted too: the check fails."""
    with chromium.open_page(browser, site + "search.html") as (page, _):
        trail = highlight_trail(page, site)
        assert trail["result"] > 0 and trail["next page"] == 0, trail
        assert trail["page from the sidebar"] == 0, trail
        page.evaluate("localStorage.clear()")
        script = (built_html / "_static" / "eucasia-site.js").read_text(encoding="utf-8")
        assert without_block(script) != script
        page.route(
            "**/eucasia-site.js*",
            lambda route: route.fulfill(
                body=without_block(script), content_type="application/javascript"
            ),
        )
        old = highlight_trail(page, site)
        assert old["page from the sidebar"] > 0, old


# --------------------------------------------------------------------------- titles on a phone

#: The page's title: its lines, height, and font size beside a section heading's.
TITLE = """() => {
  const h1 = document.querySelector('.bd-article h1');
  const h2 = document.querySelector('.bd-article h2');
  const style = getComputedStyle(h1);
  const height = h1.getBoundingClientRect().height;
  return { lines: Math.round(height / parseFloat(style.lineHeight)), height,
           size: parseFloat(style.fontSize), h2: h2 ? parseFloat(getComputedStyle(h2).fontSize) : 0,
           screen: window.innerHeight };
}"""

CHAPTERS = [
    "book/intro.html",
    "notebooks/overview.html",
    "notebooks/synthesis.html",
    "notebooks/tracker.html",
    "notebooks/resilience.html",
]


def title_problems(found: dict, max_lines: int = 3) -> list[str]:
    problems = []
    if found["lines"] > max_lines:
        problems.append(f"the title runs to {found['lines']} lines")
    if found["height"] > found["screen"] / 4:
        problems.append(f"the title takes {found['height']:.0f}px of a {found['screen']}px screen")
    if found["h2"] and found["size"] <= found["h2"]:
        problems.append("the title is no larger than a section heading")
    return problems


def test_chapter_titles_fit_a_phone(site, browser) -> None:
    """At 390 px every long chapter title takes at most three lines (and a quarter of the
    screen), still larger than a section heading; the longest actor name at most a quarter of
    the screen. With the theme's size put back, the check fails (five lines)."""
    found = {}
    with chromium.open_page(browser, site + CHAPTERS[0], PHONE) as (page, _):
        for path in CHAPTERS:
            page.goto(site + path)
            found[path] = page.evaluate(TITLE)
        page.goto(site + "actors/hr_vp.html")
        actor = page.evaluate(TITLE)
        page.goto(site + "notebooks/overview.html")
        page.add_style_tag(content=".bd-article h1 { font-size: 2.625rem !important; }")
        old = page.evaluate(TITLE)
    problems = {p: title_problems(f) for p, f in found.items() if title_problems(f)}
    assert not problems, problems
    assert not title_problems(actor, max_lines=6), actor
    assert title_problems(old), old


# --------------------------------------------------------------------------- back to top

#: Shows "Back to top" with a table's header where the theme put the button (90% of the
#: screen's height), and returns the button's box, the header bar's, its buttons' and the
#: table headers' boxes that the button overlaps.
BACK_TO_TOP = """async (table) => {
  const head = document.querySelector(table + ' thead');
  window.scrollTo(0, head.getBoundingClientRect().top + window.scrollY - 0.9 * window.innerHeight + 60);
  await new Promise((r) => setTimeout(r, 200));
  window.scrollBy(0, -60);  // scrolling up shows the button
  await new Promise((r) => setTimeout(r, 400));
  const button = document.getElementById('pst-back-to-top');
  const box = button.getBoundingClientRect();
  const bar = document.querySelector('.bd-header-article').getBoundingClientRect();
  const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const shown = getComputedStyle(button).display !== 'none' && box.width > 0;
  const barButtons = [...document.querySelectorAll('.bd-header-article button, .bd-header-article a.btn')]
    .filter((e) => e !== button && e.offsetParent && meets(e.getBoundingClientRect(), box)).length;
  const headers = [...document.querySelectorAll('.bd-article th')].filter((th) => meets(th.getBoundingClientRect(), box)).length;
  return { shown, inBar: box.top >= bar.top && box.bottom <= bar.bottom, barButtons, headers };
}"""

#: The theme's placement: a pill at 90% of the screen's height, centred.
OLD_BACK_TO_TOP = """#pst-back-to-top { top: 90vh !important; left: 50vw !important;
  transform: translate(-50%) !important; width: auto !important; height: auto !important;
  font-size: .8rem !important; padding: .375rem .75rem !important; }"""


def test_back_to_top_covers_no_table_header_on_a_phone(site, browser) -> None:
    """With the actor table's header where the theme floated the button, the button (shown
    by scrolling up) sits inside the sticky header bar, over none of its buttons and over no
    table header. With the theme's placement put back, it covers the header: the check fails."""
    with chromium.open_page(browser, site + "notebooks/resilience.html", PHONE) as (page, _):
        found = page.evaluate(BACK_TO_TOP, "#tbl-res-actors")
        assert found == {"shown": True, "inBar": True, "barButtons": 0, "headers": 0}, found
        page.add_style_tag(content=OLD_BACK_TO_TOP)
        old = page.evaluate(BACK_TO_TOP, "#tbl-res-actors")
        assert old["shown"] and not old["inBar"] and old["headers"] > 0, old


# --------------------------------------------------------------------------- figures in dark mode

#: Every figure image's ground, padding, corners and filter, in dark mode.
FIGURES = """() => [...document.querySelectorAll('.bd-article figure img')].map((img) => {
  const s = getComputedStyle(img);
  return { src: img.getAttribute('src'), ground: s.backgroundColor, padding: parseFloat(s.paddingTop),
           radius: parseFloat(s.borderTopLeftRadius), filter: s.filter };
})"""


def figure_problems(figure: dict) -> list[str]:
    """A figure that glares (undimmed white), sits on a ground unlike its own white (a ring
    of another colour), or is recoloured (any filter but an even dimming)."""
    problems = []
    if figure["ground"] != "rgb(255, 255, 255)":
        problems.append(f"ground {figure['ground']} around a white figure")
    if figure["padding"] < 4 or figure["radius"] <= 0:
        problems.append("no panel (padding, rounded corners)")
    dim = re.fullmatch(r"brightness\(([\d.]+)\)", figure["filter"])
    if not dim:
        problems.append(f"filter {figure['filter']!r} is not an even dimming")
    elif not 0.8 <= float(dim.group(1)) <= 0.95:
        problems.append(f"brightness {dim.group(1)}: glaring or too dark")
    return problems


def test_figures_in_dark_mode_sit_on_a_dimmed_light_panel(site, browser) -> None:
    """In dark mode each figure keeps its colours (no inversion, no hue change) on one light
    panel of its own white, padded, rounded and dimmed evenly. The theme's treatment (a grey
    ring around an undimmed white image) fails the check."""
    with chromium.open_page(browser, site + "notebooks/resilience.html") as (page, _):
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
        figures = page.evaluate(FIGURES)
        assert len(figures) >= 2
        problems = {f["src"]: figure_problems(f) for f in figures if figure_problems(f)}
        assert not problems, problems
        page.add_style_tag(
            content="html[data-theme=dark] .bd-content figure img "
            "{ background-color: var(--pst-color-text-base) !important; filter: none !important; }"
        )
        assert all(figure_problems(f) for f in page.evaluate(FIGURES))


# --------------------------------------------------------------------------- issue 23: chrome


def contents_problems(page: str, names: list[str]) -> list[str]:
    """The data tables (`names`) that the page's contents ("On this page") list no entry for:
    each table's heading must be a section of the page, linked from its contents by its id."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    nav = soup.find(id="pst-page-toc-nav")
    links = {a["href"] for a in nav.find_all("a", href=True)} if nav else set()
    return [name for name in names if f"#{name.replace('_', '-')}" not in links]


def test_the_data_dictionary_contents_list_every_data_table(built_html: Path) -> None:
    """One entry per table of the data package in the data dictionary's contents (the page read
    as built). As it was, a cell's Markdown output gave each table a rubric, which is no
    section: the contents listed 9.1 alone, and the check fails on such a page."""
    from eucasia.data import read_descriptor

    names = [resource["name"] for resource in read_descriptor()["resources"]]
    page = (built_html / "notebooks" / "data_dictionary.html").read_text(encoding="utf-8")
    assert len(names) > 20
    assert contents_problems(page, names) == []
    old = (
        '<nav id="pst-page-toc-nav"><a href="#the-tables-column-by-column">9.1</a></nav>'
        + "".join(f'<h3 class="rubric" id="{n.replace("_", "-")}">{n}</h3>' for n in names)
    )
    assert contents_problems(old, names) == names


def title_repeats(title: str, book: str) -> bool:
    """Whether a page's <title> names the book twice ("X — X")."""
    return title.count(book) > 1


def test_no_page_title_names_the_book_twice(built_html: Path) -> None:
    """Every page's <title> (the tab, bookmarks, search results) names the book at most once;
    the first page's title is the book's, and Sphinx appended it again."""
    from bs4 import BeautifulSoup

    intro = built_html / "book" / "intro.html"
    book = BeautifulSoup(intro.read_text(encoding="utf-8"), "html.parser").title.get_text()
    assert len(book) > 20  # the book's title, read from its first page
    twice = []
    for path in sorted(built_html.rglob("*.html")):
        if "_static" in path.parts:
            continue
        title = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").title
        if title is not None and title_repeats(title.get_text(), book):
            twice.append(path.relative_to(built_html).as_posix())
    assert not twice, twice
    assert title_repeats(f"{book} \u2014 {book}", book)  # the first page as it was


#: The BibTeX block of "How to cite": how far it scrolls sideways, and whether a scroll cue
#: (the bar eucasia-site.js puts above a wide table) stands above it.
BIBTEX = """() => { const pre = document.querySelector('.bd-article div.highlight-bibtex pre');
  return pre ? pre.scrollWidth - pre.clientWidth : null; }"""


def test_the_bibtex_entry_does_not_scroll_on_a_phone(site, browser) -> None:
    """At 390 px the BibTeX entry wraps its long lines; with the theme's `white-space: pre` put
    back, it scrolls (with no cue), and the check fails."""
    with chromium.open_page(browser, site + "book/how-to-cite.html", PHONE) as (page, _):
        assert page.evaluate(BIBTEX) == 0
        page.add_style_tag(
            content=".bd-article div.highlight-bibtex pre { white-space: pre !important }"
        )
        assert page.evaluate(BIBTEX) > 20


#: The previous/next titles: their text and lines.
PREV_NEXT_TITLES = """() => [...document.querySelectorAll('.prev-next-area a')].map((a) => {
  const t = a.querySelector('.prev-next-title');
  const style = getComputedStyle(t);
  const line = parseFloat(style.lineHeight) || 1.5 * parseFloat(style.fontSize);
  const box = t.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(t);
  // A line the box hides (a clamp, or text cut at its edge) lies outside it, or the box scrolls.
  const hidden = [...range.getClientRects()].some((r) => r.bottom > box.bottom + 1 || r.right > box.right + 1)
    || t.scrollHeight > t.clientHeight + 1 || t.scrollWidth > t.clientWidth + 1;
  return { title: t.textContent.trim(), lines: Math.round(box.height / line), hidden };
})"""
#: The sample of pages whose previous and next titles are checked: the longest titles of the
#: book (the book's own, the chapters') are among their neighbours.
PREV_NEXT_PAGES = [
    *CHAPTERS,
    "notebooks/prosperity.html",
    "notebooks/countries.html",
    "notebooks/changes.html",
    "notebooks/data_dictionary.html",
    "actors/index.html",
]
#: The footer as it was: each title clamped to two lines (a long title lost its last word at
#: 1280 px), and on a phone the two links side by side, a title running to five lines.
OLD_CLAMP = (
    ".prev-next-area .prev-next-title { display: -webkit-box !important;"
    " -webkit-box-orient: vertical; -webkit-line-clamp: 2 !important; overflow: hidden !important }"
)
OLD_SIDE_BY_SIDE = (
    ".prev-next-area { display: block !important } .prev-next-area a.left-prev,"
    " .prev-next-area a.right-next { max-width: 45% !important }"
    " .prev-next-area a.left-prev { float: left !important }"
    " .prev-next-area a.right-next { float: right !important }"
)


def prev_next_problems(path: str, titles: list[dict], max_lines: int | None) -> list[str]:
    """Titles a reader cannot read whole (a line hidden), or (on a phone) taller than
    `max_lines`; and titles that are not their link's accessible name (checked by the caller)."""
    out = [f"{path}: {t['title']!r} is cut" for t in titles if t["hidden"]]
    if max_lines:
        out += [
            f"{path}: {t['title']!r} takes {t['lines']} lines"
            for t in titles
            if t["lines"] > max_lines
        ]
    return out


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_previous_and_next_titles_show_whole(site, browser, width) -> None:
    """On ten pages, at 1280 and at 390 px, each previous/next title shows whole (no line hidden
    by a clamp or an edge) and is (in) its link's accessible name; on a phone, where the two
    links stack, a title takes two lines at most. With the old clamp, a long title loses its
    last line at 1280 px (and on a phone), and with the old side-by-side links a phone's title
    runs to more than two lines: the check fails on both."""
    viewport, max_lines = (DESKTOP, None) if width == "desktop" else (PHONE, 2)
    found, unnamed, old_clamp, old_layout = [], [], [], []
    with chromium.open_page(browser, site + CHAPTERS[1], viewport) as (page, _):
        for path in PREV_NEXT_PAGES:
            page.goto(site + path)
            titles = page.evaluate(PREV_NEXT_TITLES)
            assert titles, path
            found += prev_next_problems(path, titles, max_lines)
            unnamed += [
                (path, t["title"])
                for t in titles
                if not page.get_by_role("link", name=t["title"], exact=False).count()
            ]
            # the old footer: on a phone the clamp went with the side-by-side links
            clamp = page.add_style_tag(content=OLD_CLAMP + (OLD_SIDE_BY_SIDE if max_lines else ""))
            old_clamp += prev_next_problems(path, page.evaluate(PREV_NEXT_TITLES), max_lines)
            clamp.evaluate("(node) => node.remove()")
            if max_lines:
                page.add_style_tag(content=OLD_SIDE_BY_SIDE)
                old_layout += prev_next_problems(path, page.evaluate(PREV_NEXT_TITLES), max_lines)
    assert not found, "\n".join(found)
    assert not unnamed, unnamed  # every whole title is (in) its link's accessible name
    assert any("is cut" in p for p in old_clamp), old_clamp
    if max_lines:
        assert any("lines" in p for p in old_layout), old_layout


#: Entries of the page's contents that run past the contents column's visible box.
TOC_OVERFLOW = """() => {
  const column = document.querySelector('.bd-sidebar-secondary');
  const right = column.getBoundingClientRect().left + column.clientWidth;
  return [...column.querySelectorAll('nav.page-toc a')]
    .filter((a) => [...a.getClientRects()].some((r) => r.right > right + 1))
    .map((a) => a.textContent.trim());
}"""


def test_the_contents_entries_stay_inside_their_column(site, browser) -> None:
    """At 1280 px the data dictionary's contents name 34 tables in code; each stays inside the
    column. With the theme's code put back (monospace, on one line), the long names
    (team_europe_initiatives) run past the window's edge and the check names them."""
    with chromium.open_page(browser, site + "notebooks/data_dictionary.html", DESKTOP) as (page, _):
        assert page.evaluate(TOC_OVERFLOW) == []
        page.add_style_tag(
            content="nav.page-toc code { font-family: var(--pst-font-family-monospace) !important;"
            " padding: 0.1rem 0.25rem !important } nav.page-toc code,"
            " nav.page-toc code .pre { white-space: pre !important }"
        )
        assert any("team_europe_initiatives" in entry for entry in page.evaluate(TOC_OVERFLOW))


# --------------------------------------------------------------------------- dates (issue 24)

#: Every ISO date or range of dates in the article's text (not its code) that the page sets
#: across two lines: its text and the page's words around it. The pattern is the build's
#: (eucasia.assembly.site.table_cells.DATES).
SPLIT_DATES = """(pattern) => {
  const re = new RegExp(pattern, 'gu');
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('.bd-article'), NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => n.parentElement.closest('pre, code, script, style, svg') || !n.parentElement.getClientRects().length
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(re)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top / 4)));
      if (tops.size > 1) out.push(m[0]);
    }
  }
  return out;
}"""
DATE_PAGES = ["book/how-to-cite.html", "book/editions.html", "notebooks/tracker.html"]


def split_dates(page) -> list[str]:
    from eucasia.assembly.site.table_cells import DATES

    return page.evaluate(SPLIT_DATES, DATES.pattern)


def test_no_date_in_prose_breaks_across_lines_on_a_phone(site, browser) -> None:
    """At 390 px no ISO date ("2026-12-01") nor range of dates in the text of How to cite,
    Editions and the tracker ends a line at one of its hyphens: the build keeps each whole in a
    no-break span (its text untouched, so it copies and searches the same)."""
    found = []
    for path in DATE_PAGES:
        with chromium.open_page(browser, site + path, PHONE) as (page, _):
            page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
            found += [f"{path}: {d}" for d in split_dates(page)]
    assert not found, "\n".join(found)


#: A phone's column of text whose date falls at a line's end ("The 2026-12-" fits, "01" not).
DATE_FIXTURE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<style>.eucasia-nobr { white-space: nowrap } p { font: 16px monospace; width: 13ch }</style>
</head><body><main class="bd-article"><p>The 2026-12-01 edition; 2019–2026 in all.</p>
<p>Dates 2019-05-15 – 2019-06-17 and more.</p></main></body></html>"""


def test_the_date_check_fails_on_a_date_left_breakable(browser, tmp_path: Path) -> None:
    """The fixture's dates, as the build writes them, stay whole; left as they were (no span),
    the check finds them split at a hyphen."""
    from eucasia.assembly.site.table_cells import keep_words_whole

    seen = {}
    for name, text in (("built", keep_words_whole(DATE_FIXTURE)), ("raw", DATE_FIXTURE)):
        (tmp_path / "index.html").write_text(text, encoding="utf-8")
        with (
            website.serve(tmp_path) as base,
            chromium.open_page(browser, base, PHONE) as (page, _),
        ):
            seen[name] = split_dates(page)
    assert seen["built"] == [], seen
    assert "2026-12-01" in seen["raw"], seen
