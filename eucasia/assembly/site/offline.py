"""Finds what a page would make the browser fetch from another host.

The site must read offline, so a page that loads a script, stylesheet, font or image from
elsewhere stops the build. The page is read with an HTML parser, as a browser reads it: tags
and attributes in any case and any quoting, `srcset` lists, styles in `<style>` and `style=`,
and the HTML inside `<iframe srcdoc>`. Addresses are read as a browser's URL parser would:
surrounding spaces trimmed, tabs and newlines dropped, backslashes taken for slashes.
"""

from __future__ import annotations

import re

from eucasia.assembly.site import css, markup

#: `scheme://host...` or `//host...` (after the clean-up browsers do, see `is_remote`).
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
#: Tags that make the browser fetch what their attributes name, and those attributes.
FETCHING = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "input": ("src",),
    "object": ("data",),
    "track": ("src",),
    "image": ("href", "xlink:href"),  # SVG
    "feimage": ("href", "xlink:href"),  # SVG
    "use": ("href", "xlink:href"),  # SVG: an external sprite sheet
    "base": ("href",),  # every relative address of the page then points there
}
#: `<link rel=...>` kinds that fetch (or connect to) their `href`.
FETCHING_LINKS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "icon",
    "apple-touch-icon",
    "apple-touch-icon-precomposed",
    "manifest",
    "preconnect",
    "dns-prefetch",
}
#: Characters browsers strip from anywhere in an address (tab, line feed, carriage return).
_DROPPED = str.maketrans("", "", "\t\n\r")


def is_remote(url: str) -> bool:
    """Whether the address names another host, as a browser reads it: `//host`,
    `https://host`, but also ` //host`, `/\\host`, `/<newline>/host`."""
    cleaned = url.strip(" \t\n\r\f").translate(_DROPPED).replace("\\", "/")
    return bool(REMOTE.match(cleaned))


def srcset_urls(srcset: str) -> list[str]:
    """The addresses of a `srcset` list (HTML's parsing rules: an address runs to the next
    space; a comma ends a candidate only outside its descriptors' parentheses)."""
    urls, i, n = [], 0, len(srcset)
    while i < n:
        while i < n and (srcset[i].isspace() or srcset[i] == ","):
            i += 1
        start = i
        while i < n and not srcset[i].isspace():
            i += 1
        url = srcset[start:i]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth = 0
            while i < n and (depth or srcset[i] != ","):
                depth += {"(": 1, ")": -1}.get(srcset[i], 0)
                i += 1
        if url:
            urls.append(url)
    return urls


def _fetched(tag: markup.Tag) -> list[str]:
    """The addresses a start tag makes the browser fetch."""
    urls = []
    for attribute in FETCHING.get(tag.name, ()):
        value = tag.get(attribute)
        if value is not None:
            urls += srcset_urls(value) if attribute.endswith("srcset") else [value.strip()]
    if tag.name == "link":
        rel = set((tag.get("rel") or "").lower().split())
        if rel & FETCHING_LINKS and tag.get("href") is not None:
            urls.append((tag.get("href") or "").strip())
        if "preload" in rel and tag.get("imagesrcset"):
            urls += srcset_urls(tag.get("imagesrcset") or "")
    if tag.get("style"):
        urls += css.urls(tag.get("style") or "")
    if tag.name == "style":
        urls += css.urls(tag.content)
    if tag.name == "iframe" and tag.get("srcdoc"):
        urls += remote_fetches(tag.get("srcdoc") or "")
    return urls


def remote_fetches(page: str) -> list[str]:
    """Addresses on other hosts that a page's tags and styles make the browser fetch, in the
    order they appear."""
    return [url for tag in markup.parse(page).tags for url in _fetched(tag) if is_remote(url)]


def advice(url: str) -> str:
    """What to do about a remote fetch, for the build's warning."""
    if "mathjax" in url.lower():
        return " (for MathJax, put MathJax 3's es5 build under book/_static/mathjax/)"
    return ""
