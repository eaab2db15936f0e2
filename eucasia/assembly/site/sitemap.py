"""The sitemap lists every page, and robots.txt points crawlers at it.

sphinx-sitemap lists the pages written during the build it runs in, so after a build that
rewrote a few pages its sitemap named only those (and the index and search pages). The pages
an incremental build did not rewrite are added back here.
"""

from __future__ import annotations

import fnmatch
import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def robots_txt(baseurl: str) -> str:
    """robots.txt: crawling allowed, and the sitemap's address (it must be absolute)."""
    robots = "User-agent: *\nAllow: /\n"
    if baseurl:
        robots += f"\nSitemap: {posixpath.join(baseurl, 'sitemap.xml')}\n"
    return robots


def page_locations(
    links: Iterable[str],
    site_url: str,
    scheme: str = "{lang}{version}{link}",
    lang: str = "",
    version: str = "",
    excludes: Iterable[str] = (),
) -> list[str]:
    """The sitemap addresses of the pages at `links` (as sphinx-sitemap writes them), but for
    those `excludes` names (fnmatch patterns)."""
    excludes = list(excludes)
    return [
        site_url + scheme.format(lang=lang, version=version, link=link)
        for link in links
        if not any(fnmatch.fnmatch(link, pattern) for pattern in excludes)
    ]


def complete_sitemap(sitemap: Path, pages: list[str]) -> bool:
    """Add the addresses of `pages` that `sitemap` lacks; True when it was rewritten.

    The pages come first, in their order, as after a full build; then the other entries
    (the index, search).
    """
    ET.register_namespace("", SITEMAP_NS)
    tree = ET.parse(sitemap)
    root = tree.getroot()
    loc_tag = f"{{{SITEMAP_NS}}}loc"
    listed = {loc.text for loc in root.iter(loc_tag)}
    missing = [loc for loc in pages if loc not in listed]
    if not missing:
        return False
    for loc in missing:
        ET.SubElement(ET.SubElement(root, f"{{{SITEMAP_NS}}}url"), loc_tag).text = loc
    urls = list(root)
    for url in urls:
        root.remove(url)
    documents = set(pages)

    def order(url: ET.Element) -> tuple[bool, str]:
        loc = url.find(loc_tag).text
        return (loc not in documents, loc)

    root.extend(sorted(urls, key=order))
    tree.write(sitemap, xml_declaration=True, encoding="utf-8", method="xml")
    return True
