"""Figure text as a reader's screen shows it: at least 11 CSS px, at a desktop and a phone width.

A figure is an `<img>` of an SVG scaled to the page's column, so the size of its text on screen
is each `<text>` element's font size (in the SVG's user units) times the image's rendered
width over the SVG's viewBox width. Measured in Chromium on the built pages: at 1280 px in the
page itself; at 390 px in the full-size view a tap on the figure opens (book/_static/
eucasia-site.js), which must also carry the figure's caption and close again. Proven able to
fail on a page whose figure's type is too small once shrunk to its column.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import chromium, website
from harness.paths import HTML

pytestmark = pytest.mark.book

#: The smallest figure text a reader should meet on screen (CSS px).
MIN_PX = 11.0
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def figure_pages(html: Path = HTML) -> list[str]:
    """Pages of the built book with at least one figure that opens at full size."""
    if not (html / "index.html").is_file():
        return ["(the book is not built)"]
    return [
        p
        for p in website.site_pages(html)
        if "eucasia-figure-link" in (html / p).read_text(encoding="utf-8")
    ]


#: For each image given (a CSS selector), the smallest text on screen: the SVG fetched and
#: read, each <text>'s font size scaled by the rendered width over the viewBox width.
SCREEN_TEXT = """
async (selector) => {
  const out = [];
  for (const img of document.querySelectorAll(selector)) {
    img.loading = "eager";
    await img.decode();
    const svg = new DOMParser().parseFromString(
      await (await fetch(img.currentSrc || img.src)).text(), "image/svg+xml"
    ).documentElement;
    const viewBox = (svg.getAttribute("viewBox") || "").trim().split(/[\\s,]+/).map(Number);
    const width = img.getBoundingClientRect().width;
    const sizes = [...svg.querySelectorAll("text")].map((t) => {
      const style = /font-size:\\s*([\\d.]+)px/.exec(t.getAttribute("style") || "");
      return Number(style ? style[1] : t.getAttribute("font-size") || 16);
    });
    const article = img.closest(".bd-article");
    out.push({
      src: (img.getAttribute("src") || "").split("/").pop(),
      width,
      column: article ? article.getBoundingClientRect().width : width,
      texts: sizes.length,
      smallest: sizes.length ? (Math.min(...sizes) * width) / viewBox[2] : null,
    });
  }
  return out;
}
"""


def small_text(measured: list[dict]) -> list[str]:
    """Images whose smallest text is under :data:`MIN_PX` on screen."""
    return [
        f"{m['src']}: {m['smallest']:.1f} px"
        for m in measured
        if m["smallest"] is not None and m["smallest"] < MIN_PX
    ]


def overflowing(measured: list[dict]) -> list[str]:
    """Images wider than their column (shown at their drawn width, spilling out: the text
    size measured would be no size a reader sees whole)."""
    return [m["src"] for m in measured if m["width"] > m["column"] + 0.5]


@pytest.fixture(scope="module")
def site(built_html: Path):
    with website.serve(built_html) as base:
        yield base


@pytest.mark.parametrize("page_path", figure_pages())
def test_figure_text_is_11px_at_a_desktop_width(site: str, browser, page_path: str) -> None:
    with chromium.open_page(browser, site + page_path, DESKTOP) as (page, _):
        measured = page.evaluate(SCREEN_TEXT, ".bd-article figure img")
    assert measured and all(m["texts"] for m in measured)
    assert small_text(measured) == []
    assert overflowing(measured) == []


@pytest.mark.parametrize("page_path", figure_pages())
def test_figure_opens_readable_with_its_caption_on_a_phone(
    site: str, browser, page_path: str
) -> None:
    with chromium.open_page(browser, site + page_path, PHONE) as (page, _):
        links = page.locator("a.eucasia-figure-link")
        assert links.count()
        for i in range(links.count()):
            link = links.nth(i)
            caption = link.evaluate(
                "a => (a.closest('figure')?.querySelector('figcaption')?.innerText || '')"
            )
            link.scroll_into_view_if_needed()
            link.click()
            view = page.locator("dialog.eucasia-figure-view[open]")
            view.wait_for()
            measured = page.evaluate(SCREEN_TEXT, "dialog.eucasia-figure-view[open] img")
            assert len(measured) == 1 and small_text(measured) == [], (i, measured)
            shown = view.locator(".eucasia-figure-view-caption").inner_text()
            assert caption.strip() and " ".join(caption.split()) in " ".join(shown.split())
            # The frame pans: the figure is wider than the phone, and scrolls sideways.
            frame = view.locator(".eucasia-figure-view-frame")
            assert frame.evaluate("f => f.scrollWidth > f.clientWidth")
            view.get_by_role("button", name="Close").click()
            page.locator("dialog.eucasia-figure-view[open]").wait_for(state="detached")


def test_the_size_check_catches_a_figure_too_small_for_its_column(tmp_path: Path, browser):
    """A figure drawn 12 in wide with 8 pt type, shown in a 672 px column: 6 px on screen."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="864pt" height="100pt" '
        'viewBox="0 0 864 100"><text x="10" y="50" style="font-size:8px">EBRD</text></svg>'
    )
    (tmp_path / "f.svg").write_text(svg, encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<!doctype html><div class="bd-article" style="width:672px"><figure style="margin:0">'
        '<img src="f.svg" alt="x" style="max-width:100%"></figure>'
        '<figure style="margin:0"><a><img src="g.svg" alt="y"></a></figure></div>',
        encoding="utf-8",
    )
    # The second: an image not held to its column (no max-width), shown at its drawn width.
    (tmp_path / "g.svg").write_text(svg, encoding="utf-8")
    with website.serve(tmp_path) as base, chromium.open_page(browser, base, DESKTOP) as (page, _):
        measured = page.evaluate(SCREEN_TEXT, ".bd-article figure img")
    assert small_text(measured)[0] == "f.svg: 6.2 px"
    assert overflowing(measured) == ["g.svg"]
