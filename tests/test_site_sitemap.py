"""eucasia.assembly.site.sitemap and .redirect: robots.txt, the sitemap, the root redirect."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from eucasia.assembly.site import redirect, sitemap

BASE = "https://book.example/"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_robots_txt() -> None:
    assert sitemap.robots_txt(BASE) == (
        "User-agent: *\nAllow: /\n\nSitemap: https://book.example/sitemap.xml\n"
    )
    assert sitemap.robots_txt("") == "User-agent: *\nAllow: /\n"


def test_page_locations() -> None:
    links = ["book/intro.html", "book/draft.html", "notebooks/a.html"]
    assert sitemap.page_locations(links, BASE, "{link}", excludes=["book/draft*"]) == [
        BASE + "book/intro.html",
        BASE + "notebooks/a.html",
    ]
    assert sitemap.page_locations(["a.html"], BASE, lang="en/", version="1/") == [
        BASE + "en/1/a.html"
    ]


def test_incremental_sitemap_is_completed(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{BASE}search.html</loc></url><url><loc>{BASE}b.html</loc></url></urlset>",
        encoding="utf-8",
    )
    pages = [BASE + "a.html", BASE + "b.html", BASE + "c.html"]
    assert sitemap.complete_sitemap(path, pages) is True
    locs = [loc.text for loc in ET.parse(path).iter(f"{NS}loc")]
    assert locs == [*pages, BASE + "search.html"]
    assert sitemap.complete_sitemap(path, pages) is False  # nothing missing: left as it is


def test_root_redirect() -> None:
    etoc = '<meta http-equiv="Refresh" content="0; url=book/intro.html" />\n'
    assert redirect.is_redirect(etoc)
    assert redirect.is_redirect("<META HTTP-EQUIV=refresh CONTENT='0; url=x.html'>")
    assert not redirect.is_redirect("<p>A page of its own</p>")
    assert not redirect.is_redirect(etoc + "<p>and more</p>")
    page = redirect.redirect_page(
        "book/intro.html", title="A & B", description='The "book"', baseurl=BASE
    )
    assert redirect.is_redirect(page)
    assert '<meta http-equiv="refresh" content="0; url=book/intro.html">' in page
    assert f'<link rel="canonical" href="{BASE}book/intro.html">' in page
    assert "<title>A &amp; B</title>" in page
    assert '<meta name="description" content="The &quot;book&quot;">' in page
