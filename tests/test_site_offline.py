"""eucasia.assembly.site.offline: what a page would fetch from another host, read as a browser reads it.

The detector it replaced was a regular expression over the page; `regex_detector` below is a
copy of it, kept here to show which markup it missed and the parser now catches.
"""

from __future__ import annotations

import html
import re

import pytest

from eucasia.assembly.site.offline import is_remote, remote_fetches, srcset_urls

#: The regular expression the site used before (book/_ext/eucasia_site.py up to c370465).
OLD_FETCHING_ATTR = re.compile(
    r"<(?:script|img|source|iframe|embed|video|audio|input|object|track)\b[^>]*?"
    r"\s(?:src|srcset|data|poster)=\"(?P<url>[^\"]+)\""
    r"|<link\b(?=[^>]*\brel=\"(?:stylesheet|preload|modulepreload|prefetch|icon|shortcut icon|"
    r"apple-touch-icon|manifest|preconnect|dns-prefetch)\")[^>]*?\shref=\"(?P<href>[^\"]+)\"",
    re.I,
)
OLD_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def regex_detector(page: str) -> list[str]:
    urls = []
    for match in OLD_FETCHING_ATTR.finditer(page):
        if match.group("url"):
            candidates = [u.strip().split(" ")[0] for u in match.group("url").split(",")]
        else:
            candidates = [match.group("href")]
        urls += [u for u in candidates if OLD_REMOTE.match(html.unescape(u))]
    return urls


def test_sees_scripts_styles_images_and_fonts() -> None:
    page = (
        '<script src="https://cdn.example/x.js"></script>'
        '<link rel="stylesheet" href="//fonts.example/css">'
        '<img alt="" src="http://img.example/a.png">'
        '<img alt="" srcset="b.png 1x, https://c.example/b.png 2x">'
        '<link rel="canonical" href="https://book.example/page.html">'
        '<a href="https://elsewhere.example/">a link is not a fetch</a>'
        '<script src="../_static/local.js"></script>'
    )
    expected = [
        "https://cdn.example/x.js",
        "//fonts.example/css",
        "http://img.example/a.png",
        "https://c.example/b.png",
    ]
    assert remote_fetches(page) == expected
    assert regex_detector(page) == expected  # what both detectors see


#: Markup a browser fetches from another host, which the regular expression did not see.
MISSED_BY_THE_REGEX = [
    ("<SCRIPT SRC='https://cdn.example/a.js'></SCRIPT>", "https://cdn.example/a.js"),
    ("<img alt='' src='//img.example/single.png'>", "//img.example/single.png"),
    ("<img alt=x src=//img.example/unquoted.png>", "//img.example/unquoted.png"),
    ('<img alt="" src="/&#10;/img.example/newline.png">', "/\n/img.example/newline.png"),
    ('<img alt="" src="/\\img.example/backslash.png">', "/\\img.example/backslash.png"),
    (
        '<link rel="alternate stylesheet" href="https://a.example/alt.css">',
        "https://a.example/alt.css",
    ),
    ("<link rel=STYLESHEET href=https://a.example/upper.css>", "https://a.example/upper.css"),
    ("<link href='https://a.example/icon.png' rel='icon'>", "https://a.example/icon.png"),
    (
        '<link rel="preload" as="image" imagesrcset="x.png 1x, https://a.example/x2.png 2x">',
        "https://a.example/x2.png",
    ),
    ('<div style="background: url(//bg.example/b.png)"></div>', "//bg.example/b.png"),
    ("<style>@import 'https://fonts.example/font.css';</style>", "https://fonts.example/font.css"),
    (
        '<style>@font-face{font-family:x;src:url("https://fonts.example/x.woff2")}</style>',
        "https://fonts.example/x.woff2",
    ),
    (
        '<svg><image xlink:href="https://img.example/in-svg.png"/></svg>',
        "https://img.example/in-svg.png",
    ),
    ('<base href="https://elsewhere.example/">', "https://elsewhere.example/"),
    (
        '<iframe title="x" srcdoc="&lt;img src=&quot;//img.example/nested.png&quot;&gt;"></iframe>',
        "//img.example/nested.png",
    ),
]


@pytest.mark.parametrize(("markup", "url"), MISSED_BY_THE_REGEX)
def test_catches_what_the_regex_missed(markup: str, url: str) -> None:
    assert regex_detector(markup) == []
    assert remote_fetches(markup) == [url]


@pytest.mark.parametrize(
    ("srcset", "urls"),
    [
        ("a.png 1x, //b.example/b.png 2x", ["a.png", "//b.example/b.png"]),
        # A comma inside an address does not end it (the regex split there: `https://x/a`).
        ("https://x.example/a,b.png 1x,c.png 2x", ["https://x.example/a,b.png", "c.png"]),
        ("a.png,b.png", ["a.png,b.png"]),  # HTML's rule: an address runs to a space
        ("data:image/png;base64,iVBOR= 1x", ["data:image/png;base64,iVBOR="]),
        ("  a.png  100w ,  b.png  200w  ", ["a.png", "b.png"]),
    ],
)
def test_srcset_lists(srcset: str, urls: list[str]) -> None:
    assert srcset_urls(srcset) == urls


def test_a_comma_in_a_srcset_address() -> None:
    page = '<img alt="" srcset="https://img.example/a,1.png 1x">'
    assert remote_fetches(page) == ["https://img.example/a,1.png"]


@pytest.mark.parametrize(
    "markup",
    [
        '<a href="https://elsewhere.example/">links are not fetches</a>',
        '<link rel="canonical" href="https://book.example/">',
        '<img alt="" src="data:image/png;base64,iVBOR=">',
        '<img alt="" src="../_images/figure.svg" srcset="../_images/figure.png 2x">',
        '<script>const url = "https://not-a-fetch.example/";</script>',
        "<!-- <script src='https://commented.example/x.js'></script> -->",
        "<p>&lt;script src=&quot;https://text.example/x.js&quot;&gt;</p>",
        '<svg><use href="#icon"/></svg>',
    ],
)
def test_no_fetch(markup: str) -> None:
    assert remote_fetches(markup) == []


@pytest.mark.parametrize(
    ("url", "remote"),
    [
        ("//a.example/x", True),
        ("HTTPS://a.example/x", True),
        (" \t//a.example/x", True),
        ("/\\a.example/x", True),
        ("\\\\a.example/x", True),
        ("/\t/a.example/x", True),
        ("/local/x", False),
        ("../_static/x.js", False),
        ("data:,", False),
        ("mathjax/tex-chtml.js", False),
    ],
)
def test_is_remote(url: str, remote: bool) -> None:
    assert is_remote(url) is remote
