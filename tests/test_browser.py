"""The built site, as a reader's browser sees it, offline (Playwright with Debian's Chromium).

Every built page is served from a local HTTP server and loaded in a fresh browser with every
request to another host aborted. A page fails if it tried to reach another host, if a local
asset failed or answered 4xx/5xx, if an image did not load, if it logged a console error, if
axe-core finds a serious or critical violation (light and dark mode), or if its first load
weighs more than the budget. Internal links and #anchors are checked in the HTML files.
What a reader sees at a desktop and a phone width (words, sideways scrolling, figures, search
entries) and the screenshots of every page are tests/test_reader_view.py's.
The features readers use (search, dark mode, the tables of contents, the launch, download and
print buttons, icons) are exercised on a chapter page.

The page loading and byte counting are tools/measure.py's, the same as `make measure` prints.
"""

from __future__ import annotations

import html.parser
import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from harness import chromium, website
from harness.paths import HTML

pytestmark = pytest.mark.book

PAGES = website.site_pages(HTML) if (HTML / "index.html").is_file() else ["(the book is not built)"]
#: Pages with the book's content (not the redirect, the index or the search page).
CHAPTERS = [p for p in PAGES if p.startswith(("book/", "notebooks/"))]
#: The pages loaded in the browser: all but most actor pages (see website.browser_pages).
LOADED = website.browser_pages(HTML) if (HTML / "index.html").is_file() else PAGES
CHAPTER = (
    "notebooks/overview.html" if "notebooks/overview.html" in PAGES else [*CHAPTERS, *PAGES][0]
)
SERIOUS = {"serious", "critical"}
MOBILE = {"width": 412, "height": 823}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def site(built_html: Path):
    with website.serve(built_html) as base:
        yield base


class PageReport:
    """One load of one page and everything checked on it."""

    def __init__(self, load: chromium.PageLoad, broken_images: list[str], axe: dict[str, list]):
        self.load = load
        self.broken_images = broken_images
        self.axe = axe


@pytest.fixture(scope="session")
def report(site: str, browser):
    """Loads a page once (lazily, cached) for all the per-page checks."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    @cache
    def load(page_path: str) -> PageReport:
        with chromium.open_page(browser, site + page_path) as (page, record):
            broken = page.evaluate(
                "[...document.images].filter(i => !i.complete || i.naturalWidth === 0)"
                ".map(i => i.currentSrc || i.src)"
            )
            violations = {}
            # The colours as they end up, not halfway through the theme's colour transitions.
            page.add_style_tag(
                content="*, *::before, *::after { transition: none !important; "
                "animation: none !important; }"
            )
            for mode in ("light", "dark"):
                page.evaluate(f"document.documentElement.dataset.theme = '{mode}'")
                page.wait_for_timeout(100)
                result = axe.run(page).response
                violations[mode] = [v for v in result["violations"] if v["impact"] in SERIOUS]
        return PageReport(record, broken, violations)

    return load


# --------------------------------------------------------------------------- every page


@pytest.mark.parametrize("page_path", LOADED)
def test_page_reads_offline_without_errors(report, page_path: str) -> None:
    r = report(page_path)
    load = r.load
    assert not load.external, f"{page_path} tried to reach other hosts: {load.external}"
    assert not load.failed, f"{page_path}: local requests failed: {load.failed}"
    bad = [f"{resp.status} {resp.url}" for resp in load.responses if resp.status >= 400]
    assert not bad, f"{page_path}: local requests answered with an error: {bad}"
    assert not r.broken_images, f"{page_path}: images that did not load: {r.broken_images}"
    assert not load.console_errors, f"{page_path} logged console errors: {load.console_errors}"


@pytest.mark.parametrize("page_path", LOADED)
def test_first_load_within_budget(report, page_path: str) -> None:
    load = report(page_path).load
    largest = "\n".join(f"  {resp.size:>10,}  {resp.url}" for resp in load.largest(6))
    assert load.total_bytes <= chromium.BUDGET_BYTES, (
        f"{page_path} weighs {load.total_bytes:,} bytes on first load, over the "
        f"{chromium.BUDGET_BYTES:,}-byte budget; its largest responses:\n{largest}"
    )
    # the explorer's graph libraries wait until a reader asks for the graph
    graph = [r.url for r in load.responses if re.search(r"/vendor/(sigma|graphology)-", r.url)]
    assert not graph, f"{page_path}: the graph loaded without the reader asking: {graph}"


@pytest.mark.parametrize("page_path", LOADED)
def test_no_serious_accessibility_violations(report, page_path: str) -> None:
    found = [
        f"[{mode}] {v['id']} ({v['impact']}): {v['help']} - "
        + "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5])
        for mode, violations in report(page_path).axe.items()
        for v in violations
    ]
    assert not found, f"{page_path}: axe-core violations:\n" + "\n".join(found)


# --------------------------------------------------------------------------- links


class _LinkParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key])
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"])


@cache
def _parsed(path: Path) -> _LinkParser:
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(html_dir: Path, page_path: str) -> list[str]:
    """Links of one page to files of the site that do not exist, or to #anchors that don't."""
    broken = []
    for href in _parsed(html_dir / page_path).hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
            continue  # another site: not followed (the site must read offline, links may leave)
        if parts.path:
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(page_path), unquote(parts.path))
            )
            if target.startswith(".."):
                broken.append(f"{href} (outside the site)")
                continue
            file = html_dir / target
            if file.is_dir():
                file = file / "index.html"
        else:
            file = html_dir / page_path
        if not file.is_file():
            broken.append(f"{href} (no file {file.relative_to(html_dir)})")
        elif (
            parts.fragment
            and file.suffix == ".html"
            and unquote(parts.fragment) not in _parsed(file).ids
        ):
            broken.append(f"{href} (no id {parts.fragment!r} in {file.relative_to(html_dir)})")
    return broken


@pytest.mark.parametrize("page_path", PAGES)
def test_internal_links_and_anchors_resolve(built_html: Path, page_path: str) -> None:
    broken = broken_links(built_html, page_path)
    assert not broken, f"{page_path} has broken links:\n" + "\n".join(broken)


def test_link_checker_finds_a_broken_anchor(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<a href="b.html#there">x</a><a href="#here">y</a><a href="c.html">z</a><p id="here"></p>',
        encoding="utf-8",
    )
    (tmp_path / "b.html").write_text('<p id="elsewhere"></p>', encoding="utf-8")
    assert broken_links(tmp_path, "a.html") == [
        "b.html#there (no id 'there' in b.html)",
        "c.html (no file c.html)",
    ]


# --------------------------------------------------------------------------- features


@pytest.fixture()
def chapter(site: str, browser):
    """A chapter page, open and loaded (no other host reachable)."""
    with chromium.open_page(browser, site + CHAPTER) as (page, record):
        yield page, record


def _visible(page, selector: str):
    return page.locator(selector).filter(visible=True).first


def test_search_finds_a_word_of_the_book(chapter) -> None:
    page, _ = chapter
    page.keyboard.press("Control+k")
    dialog = page.locator("#pst-search-dialog")
    dialog.wait_for(state="visible", timeout=3000)
    dialog.locator("input[name=q]").fill("Kazakhstan")
    dialog.locator("input[name=q]").press("Enter")
    page.wait_for_url("**/search.html?q=Kazakhstan*")
    results = page.locator("#search-results li")
    results.first.wait_for(timeout=10_000)
    assert results.count() > 0


def test_dark_mode_switches_the_colours(chapter) -> None:
    page, _ = chapter
    background = "getComputedStyle(document.body).backgroundColor"
    page.evaluate("document.documentElement.dataset.theme = 'light'")
    light = page.evaluate(background)
    for _ in range(3):  # the button cycles auto -> light -> dark
        if page.evaluate("document.documentElement.dataset.theme") == "dark":
            break
        _visible(page, ".theme-switch-button").click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate(background) != light


def test_buttons_show_their_tooltips(chapter) -> None:
    page, _ = chapter
    _visible(page, ".theme-switch-button").hover()
    tooltip = page.locator(".tooltip")
    tooltip.wait_for(state="visible", timeout=3000)
    assert "Color mode" in tooltip.inner_text()


def test_download_and_launch_buttons(chapter) -> None:
    page, _ = chapter
    _visible(page, 'button[aria-label="Download this page"]').click()
    downloads = page.locator(".dropdown-download-buttons .dropdown-item").filter(visible=True)
    labels = " ".join(downloads.all_inner_texts())
    assert ".md" in labels and "PDF edition" in labels and "Print this page" in labels, labels
    source = page.locator('.dropdown-download-buttons a[href$=".md"]').first.get_attribute("href")
    assert (HTML / posixpath.normpath(posixpath.join(posixpath.dirname(CHAPTER), source))).is_file()
    pdf = page.locator(".dropdown-download-buttons .btn-download-edition-pdf-button")
    edition = posixpath.normpath(
        posixpath.join(posixpath.dirname(CHAPTER), pdf.get_attribute("href"))
    )
    assert edition == "_pdf/eu-central-asia-strategy.pdf", edition
    page.keyboard.press("Escape")
    _visible(page, 'button[aria-label="Launch interactive content"]').click()
    binder = page.locator('.dropdown-launch-buttons a[href*="mybinder.org"]').filter(visible=True)
    assert binder.count() == 1 and "/v2/gh/" in binder.get_attribute("href")


def test_print_button_prints(chapter) -> None:
    page, _ = chapter
    page.evaluate(
        "() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }"
    )
    _visible(page, 'button[aria-label="Download this page"]').click()
    _visible(page, ".dropdown-download-buttons .btn-print-page-button").click()
    assert page.evaluate("window.__printed") == 1


def test_sidebar_buttons_show_and_hide_the_tables_of_contents(site: str, browser) -> None:
    with chromium.open_page(browser, site + CHAPTER) as (page, _):
        sidebar = page.locator("#pst-primary-sidebar")
        assert sidebar.is_visible()
        _visible(page, ".primary-toggle").click()
        page.wait_for_timeout(400)
        assert "pst-sidebar-hidden" in (sidebar.get_attribute("class") or "")
    with chromium.open_page(browser, site + CHAPTER, viewport=MOBILE) as (page, _):
        for kind in ("primary", "secondary"):
            _visible(page, f".{kind}-toggle").click()
            modal = page.locator(f"#pst-{kind}-sidebar-modal")
            modal.wait_for(state="visible", timeout=3000)
            assert modal.locator("a").filter(visible=True).count() > 0, kind
            page.keyboard.press("Escape")
            modal.wait_for(state="hidden", timeout=3000)


def test_icons_render_from_the_local_fonts(chapter) -> None:
    page, record = chapter
    page.evaluate("document.fonts.ready")
    faces = page.evaluate(
        "[...document.fonts].filter(f => f.family.includes('Font Awesome'))"
        ".map(f => [f.family, f.weight, f.status])"
    )
    assert any(status == "loaded" for *_, status in faces), faces
    assert not [f for f in faces if f[2] == "error"], faces
    assert not [r.url for r in record.responses if "fontawesome.js" in r.url]
    widths = page.evaluate(
        "[...document.querySelectorAll('.bd-header-article [class*=fa-]')]"
        ".filter(e => e.offsetParent).map(e => [e.className, e.getBoundingClientRect().width])"
    )
    assert widths and all(width > 4 for _, width in widths), widths
