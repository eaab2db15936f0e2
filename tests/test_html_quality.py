"""The built site's metadata and assets, read from the HTML files (no browser).

Sitemap, robots.txt, Open Graph and description metadata, the book's own favicon and logo,
nothing fetched from another host, MathJax only from the book, and the trimmed theme assets
(no Font Awesome script; every icon on every page present in the cut-down icon fonts).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from harness import website
from harness.paths import HTML, ROOT

from eucasia.assembly.site import assets, fonts, offline

pytestmark = pytest.mark.book

BASEURL = "https://eucasia-book.github.io/eu-central-asia-strategy/"
PAGES = website.site_pages(HTML) if (HTML / "index.html").is_file() else []
CHAPTERS = [p for p in PAGES if p.startswith(("book/", "notebooks/"))]


def meta(page: str, key: str) -> str | None:
    """The content of <meta property|name=key> in a page, unescaped."""
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', page)
    return match and match.group(1)


def read(built_html: Path, page_path: str) -> str:
    return (built_html / page_path).read_text(encoding="utf-8")


def test_the_site_has_its_pages(built_html: Path) -> None:
    assert len(CHAPTERS) >= 5, CHAPTERS
    assert "search.html" in PAGES and "genindex.html" in PAGES


def test_sitemap_lists_every_page(built_html: Path) -> None:
    tree = ET.parse(built_html / "sitemap.xml")
    locs = [el.text for el in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert all(loc.startswith(BASEURL) for loc in locs), locs
    listed = {loc.removeprefix(BASEURL) for loc in locs}
    pages = set(PAGES) - {"index.html"}  # the root only redirects to book/intro.html
    assert pages - listed == set(), f"pages missing from sitemap.xml: {sorted(pages - listed)}"
    assert listed - pages == set(), f"sitemap.xml lists pages not built: {sorted(listed - pages)}"


def test_site_root_redirects_to_the_book_with_its_metadata(built_html: Path) -> None:
    page = read(built_html, "index.html")
    assert '<meta http-equiv="refresh" content="0; url=book/intro.html">' in page
    assert '<a href="book/intro.html">' in page  # for readers whose browser does not redirect
    assert f'<link rel="canonical" href="{BASEURL}book/intro.html">' in page
    assert '<link rel="icon" href="data:,">' in page  # no /favicon.ico request, no 404


def test_robots_txt_allows_crawling_and_names_the_sitemap(built_html: Path) -> None:
    robots = (built_html / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and "Disallow: /\n" not in robots
    assert f"Sitemap: {BASEURL}sitemap.xml" in robots


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_chapter_has_open_graph_metadata(built_html: Path, page_path: str) -> None:
    page = read(built_html, page_path)
    title = meta(page, "og:title")
    assert title and title.strip(), f"{page_path}: no og:title"
    description = meta(page, "og:description")
    assert description and len(description) > 40, f"{page_path}: og:description {description!r}"
    assert meta(page, "og:url") == BASEURL + page_path
    assert (
        meta(page, "og:site_name")
        == "The EU and Central Asia: the 2019 Strategy as data and networks"
    )
    assert f'<link rel="canonical" href="{BASEURL}{page_path}"' in page


@pytest.mark.parametrize("page_path", PAGES)
def test_every_page_has_a_title_description_and_language(built_html: Path, page_path: str) -> None:
    page = read(built_html, page_path)
    assert re.search(r"<title>[^<]{5,}</title>", page), page_path
    description = meta(page, "description")
    assert description and len(description) > 20, f"{page_path}: description {description!r}"
    assert '<html lang="en"' in page
    assert 'name="robots" content="noindex' not in page


@pytest.mark.parametrize("page_path", [p for p in PAGES if p != "index.html"])
def test_favicon_and_logo_are_the_books_own(built_html: Path, page_path: str) -> None:
    page = read(built_html, page_path)
    icon = re.search(r'<link rel="icon" href="([^"]+)"', page)
    assert icon and icon.group(1).endswith("_static/favicon.svg"), page_path
    logos = re.findall(r'<img src="([^"]+)" class="logo__image', page)
    assert logos and all(src.endswith("_static/logo.svg") for src in logos), logos
    for name in ("favicon.svg", "logo.svg"):
        assert (built_html / "_static" / name).read_bytes() == (
            ROOT / "book" / "_static" / name
        ).read_bytes()


@pytest.mark.parametrize("page_path", PAGES)
def test_no_tag_fetches_from_another_host(built_html: Path, page_path: str) -> None:
    page = read(built_html, page_path)
    assert offline.remote_fetches(page) == [], page_path
    assert "fontawesome.js" not in page, f"{page_path} still loads Font Awesome's 1.5 MB script"
    for script in re.findall(r'<script[^>]*\bsrc="([^"]+)"', page):
        assert "mathjax" not in script.lower() or not offline.is_remote(script), script
    if 'class="math' in page:  # a page with math loads MathJax, from the book itself
        assert re.search(r'<script[^>]*src="[^":]*_static/mathjax/', page), page_path


def test_every_icon_on_every_page_is_in_the_cut_down_fonts(built_html: Path) -> None:
    from fontTools.ttLib import TTFont

    static = built_html / "_static"
    theme_css = (static / assets.THEME_CSS).read_text(encoding="utf-8")
    mapping = fonts.icon_map(theme_css)
    glyphs: set[int] = set()
    for font in fonts.FONTS:
        path = static / fonts.FONT_DIR / f"{font}.woff"
        assert path.stat().st_size < 20_000, f"{path.name} was not cut down"
        glyphs |= set(TTFont(str(path)).getBestCmap())
    modifiers = {"solid", "regular", "brands", "fw", "lg", "sm", "xs", "xl"}
    missing = set()
    for page_path in PAGES:
        for classes in re.findall(r'class="([^"]*\bfa-[^"]*)"', read(built_html, page_path)):
            for name in re.findall(r"\bfa-([a-z0-9-]+)", classes):
                if name not in modifiers and (
                    name not in mapping or ord(mapping[name]) not in glyphs
                ):
                    missing.add(f"fa-{name} ({page_path})")
    assert not missing, f"icons without a glyph: {sorted(missing)}"
    # The glyphs the theme's stylesheets draw in ::before/::after (admonitions, breadcrumbs).
    for char in ("\uf05a", "\uf105", "\uf35d"):  # circle-info, angle-right, up-right-from-square
        assert ord(char) in glyphs


def test_stylesheets_are_cut_but_keep_what_pages_use(built_html: Path) -> None:
    theme_css = (built_html / "_static" / assets.THEME_CSS).read_text(encoding="utf-8")
    assert theme_css.startswith(assets.PURGED_MARK)
    assert len(theme_css) < 200_000, "the theme stylesheet was not cut down"
    for selector in (
        ".bd-sidebar-primary",
        ".theme-switch-button",
        "html[data-theme=dark]",
        ".dropdown-menu.show",
        ".bd-search",
        "@font-face",
    ):
        assert selector in theme_css, selector
    assert ".carousel-caption" not in theme_css  # Bootstrap's carousel: no page has one


def test_every_page_links_one_stylesheet_holding_its_sheets_in_order(built_html: Path) -> None:
    """One stylesheet a page (eucasia.assembly.site.bundle): the bundle exists, names its sheets,
    holds each one's cut text, and its fonts and images resolve."""
    from eucasia.assembly.site import bundle, css

    static = built_html / "_static"
    for page_path in PAGES:
        page = read(built_html, page_path)
        head = page.split("</head>", 1)[0]
        sheets = re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', head)
        sheets += re.findall(r'<link href="([^"]+)"[^>]*rel="stylesheet"', head)
        local = [s for s in sheets if "_static/" in s]
        if not local:
            continue
        assert len(local) == 1, f"{page_path} links {local}"
        path = (built_html / page_path).parent / local[0].split("?", 1)[0]
        text = path.resolve().read_text(encoding="utf-8")
        members = bundle.bundle_members(text)
        assert "styles/pydata-sphinx-theme.css" in members and members[-1] == "eucasia.css"
        at = 0
        for member in members:
            rules = (static / member).read_text(encoding="utf-8").split("\n")
            body = next(line for line in rules if line.rstrip().endswith("{") or "{" in line)
            found = text.find(body, at)
            assert found >= 0, f"{page_path}: {member} not in its bundle in order"
            at = found
        for url in css.urls(text):
            if not url.startswith("data:"):
                assert (path.parent / url.split("?")[0]).resolve().is_file(), url


def test_the_inline_documentation_options_are_what_sphinx_wrote(built_html: Path) -> None:
    options = (built_html / "_static" / "documentation_options.js").read_text(encoding="utf-8")
    for page_path in CHAPTERS:
        page = read(built_html, page_path)
        assert f"<script>{options}</script>" in page, page_path
        assert "documentation_options.js" not in page, page_path
