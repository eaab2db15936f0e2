"""What a reader sees on every built page, at a desktop width (1280 px) and a phone width (390 px).

The checks look at the laid-out page in Chromium, not at the HTML:

- words: no word of a table (th, td, caption) or of a figure caption is broken inside itself,
  but a long id, path or hyphen-joined name the build marks as breakable (`.eucasia-long`), and
  on a phone's stacked card a word wider than the card's line: these break at - _ / or scroll.
  Each word (split on whitespace) is a DOM Range; its client rects must sit on one line. (One
  rect is too strict: a word made of two inline elements, `<em>EU</em>-funded`, has a rect per
  element on the same line. Rects of zero width are ignored.)
- overflow: the page itself never scrolls sideways (its scroll width is the viewport's); a wide
  table scrolls inside its own container. The elements that stick out are named.
- images: a content image shown narrower than its file is wrapped in a link to that file, so a
  reader can open it at full size; an unlinked image must be shown at its natural width.

Each check is proven on a page of tests/fixtures/reader/ that breaks it, and on one that keeps it.
Viewport screenshots of every page, scrolled through, go to $EUCASIA_TEST_ARTIFACTS/screenshots/desktop/ and
$EUCASIA_TEST_ARTIFACTS/screenshots/phone/ (`<page>-NN.png`, at most `SHOTS_PER_PAGE` a page, spread over its
length; a CI artefact).
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import pytest
from harness import chromium, website
from harness.paths import ARTIFACTS, HTML
from test_browser import CHAPTER, PAGES, site  # noqa: F401 - the shared fixtures (browser: conftest)

pytestmark = pytest.mark.book

FIXTURES = Path(__file__).parent / "fixtures" / "reader"
SCREENSHOTS = ARTIFACTS / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SHOTS_PER_PAGE = 5
#: Every page the browser loads (all but most actor pages: website.browser_pages) but the root
#: redirect (its target is checked on its own).
READER_PAGES = [
    p
    for p in (website.browser_pages(HTML) if (HTML / "index.html").is_file() else PAGES)
    if p != "index.html"
]

#: Where words must stay whole.
WORD_SELECTOR = "table th, table td, table caption, figcaption"

BROKEN_WORDS = """(selector) => {
  const found = [];
  const label = (el) => {
    const table = el.closest("table");
    const figure = el.closest("figure");
    const number = (table || figure)?.querySelector(".caption-number")?.textContent.trim();
    const where = number || (table || figure)?.id || "";
    if (el.matches("td, th")) {
      const row = el.parentElement;
      const rows = [...row.parentElement.children];
      return `${where} ${el.localName} row ${rows.indexOf(row) + 1} column ${el.cellIndex + 1}`;
    }
    return `${where} ${el.localName}`.trim();
  };
  const sameLine = (a, b) => Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
  // Two kinds of word may break, at the points the build marks (after - _ /): a long id, path
  // or hyphen-joined name the build marks as such (.eucasia-long, table_cells.py), and, on a
  // phone's stacked card, a word wider than the card's whole line.
  const mayBreak = (range) => {
    const start = range.startContainer.parentElement;
    if (start.closest(".eucasia-long")) return true;
    const stacked = start.closest("table.eucasia-stack") && matchMedia("(max-width: 575px)").matches;
    return Boolean(stacked) && widerThanItsLine(range);
  };
  const widerThanItsLine = (range) => {
    const block = range.startContainer.parentElement.closest("p, div, li, td, th, caption, figcaption");
    const probe = document.createElement("span");
    probe.style.cssText = "position:absolute;visibility:hidden;left:0;top:0;white-space:nowrap";
    // A word in code is measured with its code box (padding, border): the box is what must fit.
    const code = range.startContainer.parentElement.closest("code");
    probe.append(code && block.contains(code) ? code.cloneNode(true) : range.cloneContents());
    for (const inner of probe.querySelectorAll("*")) inner.style.whiteSpace = "nowrap";
    block.append(probe);
    const natural = probe.getBoundingClientRect().width;
    probe.remove();
    const style = getComputedStyle(block);
    const room = block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return natural > room + 1;
  };
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility()) continue;
    const nodes = [];
    let text = "";
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest("td, th, caption, figcaption") !== el) continue;
      nodes.push([node, text.length]);
      text += node.data;
    }
    const at = (offset, isEnd) => {
      for (const [node, start] of nodes) {
        const end = start + node.data.length;
        if (isEnd ? offset > start && offset <= end : offset >= start && offset < end) {
          return [node, offset - start];
        }
      }
    };
    for (const match of text.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(...at(match.index, false));
      range.setEnd(...at(match.index + match[0].length, true));
      const lines = [];
      for (const rect of range.getClientRects()) {
        if (rect.width <= 0.5 || rect.height <= 0) continue;
        if (!lines.some((line) => sameLine(line, rect))) lines.push(rect);
      }
      if (lines.length > 1 && !mayBreak(range)) found.push([label(el), match[0]]);
    }
  }
  return found;
}"""

OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const sticksOut = (el) => el.getBoundingClientRect().right > width + 0.5;
  const scrolls = (el) => getComputedStyle(el).overflowX !== "visible";
  const fixed = (el) => {
    for (let a = el; a; a = a.parentElement) {
      if (getComputedStyle(a).position === "fixed") return true;
    }
    return false;
  };
  const culprits = [];
  if (root.scrollWidth > width) {
    for (const el of document.body.querySelectorAll("*")) {
      if (!sticksOut(el) || el.getBoundingClientRect().width === 0) continue;
      if (!el.checkVisibility({visibilityProperty: true}) || fixed(el)) continue;
      if (el.parentElement !== document.body && sticksOut(el.parentElement)
          && !scrolls(el.parentElement)) continue;  // its parent is named already
      let held = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (scrolls(a)) { held = true; break; }
      }
      if (held) continue;
      const classes = [...el.classList].slice(0, 3).map((c) => "." + c).join("");
      culprits.push(`${el.localName}${el.id ? "#" + el.id : ""}${classes}`
        + ` (right edge at ${Math.round(el.getBoundingClientRect().right)} px)`);
    }
  }
  return {scrollWidth: root.scrollWidth, width, culprits};
}"""

SHRUNK_IMAGES = """() => {
  const found = [];
  const images = new Set(document.querySelectorAll(".bd-article img, article img"));
  for (const img of images) {
    if (!img.checkVisibility()) continue;
    const shown = img.getBoundingClientRect().width;
    const natural = img.naturalWidth;
    if (shown >= natural - 1) continue;
    const link = img.closest("a[href]");
    const file = new URL(img.currentSrc || img.src, location.href).pathname;
    if (link && new URL(link.href, location.href).pathname === file) continue;
    const box = img.parentElement;
    const style = getComputedStyle(box);
    const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    found.push(`${file.split("/").pop()}: shown ${Math.round(shown)} px wide, its file is `
      + `${natural} px (room: ${Math.round(room)} px), and no link opens it at full size`);
  }
  return found;
}"""


#: The site-search entries a reader can see (the theme's search fields and buttons, search
#: inputs); a table's filter box and an explorer's actor search search one element, not the site.
SEARCH_ENTRIES = """() => [...document.querySelectorAll(
    ".search-button__button, .search-button-field, input[type=search]")]
  .filter((el) => !el.closest(".eucasia-table-tools, .eucasia-explorer"))
  .filter((el) => el.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && el.getBoundingClientRect().width > 0)
  .map((el) => `${el.localName}.${[...el.classList].join(".")} in ${el.parentElement.className}`)"""


class ReaderView:
    """What the three checks found on one page at one width."""

    def __init__(self, page) -> None:
        self.broken_words = [tuple(w) for w in page.evaluate(BROKEN_WORDS, WORD_SELECTOR)]
        self.overflow = page.evaluate(OVERFLOW)
        self.shrunk_images = page.evaluate(SHRUNK_IMAGES)


def save_screenshots(page, directory: Path, name: str) -> list[Path]:
    """Viewport screenshots down the page (lazy figures are loaded by `chromium.open_page`): one
    a screen, or `SHOTS_PER_PAGE` spread evenly over a long page."""
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob(f"{name}-[0-9][0-9].png"):
        old.unlink()
    height, screen = page.evaluate("[document.documentElement.scrollHeight, innerHeight]")
    screens = max(1, math.ceil(height / screen))
    last = max(0, height - screen)
    if screens <= SHOTS_PER_PAGE:
        tops = [min(k * screen, last) for k in range(screens)]
    else:
        tops = [round(last * k / (SHOTS_PER_PAGE - 1)) for k in range(SHOTS_PER_PAGE)]
    shots = []
    for k, top in enumerate(tops):
        page.evaluate(f"window.scrollTo(0, {top})")
        page.wait_for_timeout(60)
        shots.append(directory / f"{name}-{k:02d}.png")
        page.screenshot(path=str(shots[-1]))
    page.evaluate("window.scrollTo(0, 0)")
    return shots


def look(browser, url: str, viewport: dict, shots: tuple[Path, str] | None = None) -> ReaderView:  # noqa: F811
    with chromium.open_page(browser, url, viewport=viewport) as (page, _):
        view = ReaderView(page)
        if shots:
            save_screenshots(page, *shots)
    return view


@pytest.fixture(scope="session")
def reader_view(site: str, browser):  # noqa: F811
    @cache
    def load(page_path: str, device: str) -> ReaderView:
        name = page_path.removesuffix(".html").replace("/", "__")
        return look(browser, site + page_path, VIEWPORTS[device], (SCREENSHOTS / device, name))

    return load


@pytest.fixture(scope="session")
def fixture_site():
    with website.serve(FIXTURES) as base:
        yield base


# --------------------------------------------------------------------------- every page

CASES = [(p, d) for p in READER_PAGES for d in VIEWPORTS]
IDS = [f"{d}-{p}" for p, d in CASES]


@pytest.mark.parametrize(("page_path", "device"), CASES, ids=IDS)
def test_no_word_is_broken_in_tables_and_captions(reader_view, page_path: str, device: str):
    broken = reader_view(page_path, device).broken_words
    assert not broken, (
        f"{page_path} at {VIEWPORTS[device]['width']} px breaks words:\n"
        + "\n".join(f"  {where}: {word!r}" for where, word in broken[:40])
    )


@pytest.mark.parametrize(("page_path", "device"), CASES, ids=IDS)
def test_page_does_not_scroll_sideways(reader_view, page_path: str, device: str):
    overflow = reader_view(page_path, device).overflow
    assert overflow["scrollWidth"] <= overflow["width"], (
        f"{page_path} at {overflow['width']} px scrolls sideways (scroll width "
        f"{overflow['scrollWidth']} px); sticking out: {overflow['culprits'][:10]}"
    )


@pytest.mark.parametrize(("page_path", "device"), CASES, ids=IDS)
def test_figures_open_at_full_size(reader_view, page_path: str, device: str):
    shrunk = reader_view(page_path, device).shrunk_images
    assert not shrunk, f"{page_path} at {VIEWPORTS[device]['width']} px:\n" + "\n".join(shrunk)


def test_one_search_entry_at_each_width(site: str, browser):  # noqa: F811
    for device, viewport in VIEWPORTS.items():
        with chromium.open_page(browser, site + CHAPTER, viewport=viewport) as (page, _):
            entries = page.evaluate(SEARCH_ENTRIES)
            assert len(entries) == 1, f"{device}: search entries a reader sees: {entries}"
            if device == "desktop":  # the reader hides the sidebar
                page.locator(".primary-toggle").filter(visible=True).first.click()
                page.wait_for_timeout(400)
                hidden = page.evaluate(SEARCH_ENTRIES)
                assert len(hidden) == 1, f"desktop, sidebar hidden: search entries: {hidden}"
            entry = page.locator(".search-button__button").filter(visible=True).first
            page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
            top = entry.bounding_box()["y"]
            assert 0 <= top < viewport["height"], f"{device}: the search entry is out of view"
            entry.click()
            page.locator("#pst-search-dialog").wait_for(state="visible", timeout=3000)


def test_search_check_counts_two_entries(fixture_site: str, browser):  # noqa: F811
    with chromium.open_page(browser, fixture_site + "two-searches.html") as (page, _):
        assert len(page.evaluate(SEARCH_ENTRIES)) == 2


def test_screenshots_saved_for_every_page(reader_view):
    for page_path in READER_PAGES:
        name = page_path.removesuffix(".html").replace("/", "__")
        for device in VIEWPORTS:
            reader_view(page_path, device)
            shots = sorted((SCREENSHOTS / device).glob(f"{name}-[0-9][0-9].png"))
            assert 1 <= len(shots) <= SHOTS_PER_PAGE, (device, page_path, shots)
            assert all(shot.stat().st_size > 5_000 for shot in shots), (device, page_path)


# --------------------------------------------------------------------------- the checks can fail


def test_word_check_finds_the_broken_words(fixture_site: str, browser):  # noqa: F811
    view = look(browser, fixture_site + "broken-words.html", VIEWPORTS["desktop"])
    assert sorted(view.broken_words) == [
        ("Table 1 caption", "Kyrgyzstan"),
        ("Table 1 td row 1 column 1", "initiatives"),
        ("Table 1 td row 1 column 2", "2019-05-15"),
        ("Table 1 th row 1 column 2", "PageRank"),
        ("fig-narrow figcaption", "Afghanistan"),
    ]
    assert not view.overflow["culprits"] and not view.shrunk_images


def test_overflow_check_names_the_wide_element(fixture_site: str, browser):  # noqa: F811
    for device, viewport in VIEWPORTS.items():
        view = look(browser, fixture_site + "wide-page.html", viewport)
        assert view.overflow["scrollWidth"] > viewport["width"], device
        assert [c.split(" (")[0] for c in view.overflow["culprits"]] == ["div#too-wide"], device
        assert not view.broken_words and not view.shrunk_images


def test_image_check_finds_the_shrunk_unlinked_image(fixture_site: str, browser):  # noqa: F811
    view = look(browser, fixture_site + "shrunk-image.html", VIEWPORTS["desktop"])
    assert [s.split(":")[0] for s in view.shrunk_images] == ["wide.svg"]
    assert "shown 200 px wide, its file is 800 px" in view.shrunk_images[0]
    assert view.overflow["scrollWidth"] <= view.overflow["width"] and not view.broken_words


def test_a_page_that_keeps_every_rule_passes(fixture_site: str, browser):  # noqa: F811
    for viewport in VIEWPORTS.values():
        view = look(browser, fixture_site + "good.html", viewport)
        assert not view.broken_words, view.broken_words
        assert view.overflow["scrollWidth"] <= view.overflow["width"], view.overflow
        assert not view.shrunk_images, view.shrunk_images
