"""The site's root index.html: a small page that sends readers to the book's first page.

sphinx-external-toc writes it as a bare meta refresh: no title, description, language or
canonical address, which crawlers and accessibility checkers report. Its icon is an empty
`data:` address: with no icon the browser asks for /favicon.ico (a 404 in the console), and a
real one is only fetched to be cut off by the redirect.
"""

from __future__ import annotations

import html
import posixpath

from eucasia.assembly.site import markup

REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{description}">
<link rel="canonical" href="{canonical}">
<link rel="icon" href="data:,">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p><a href="{target}">{title}</a></p>
</body>
</html>
"""


def is_redirect(page: str) -> bool:
    """Whether `page` is the root redirect: sphinx-external-toc's (a lone meta refresh) or
    one written here before. Any other page is left alone."""
    if page.startswith("<!DOCTYPE html>\n<html lang="):
        return True
    doc = markup.parse(page)
    return (
        not doc.comments
        and not doc.data.strip()
        and len(doc.tags) == 1
        and doc.tags[0].name == "meta"
        and (doc.tags[0].get("http-equiv") or "").lower() == "refresh"
    )


def redirect_page(
    target: str, *, title: str, description: str, baseurl: str, lang: str = "en"
) -> str:
    """The root page sending readers to `target` (relative to the root)."""
    return REDIRECT_PAGE.format(
        lang=html.escape(lang),
        title=html.escape(title),
        description=html.escape(description, quote=True),
        canonical=html.escape(posixpath.join(baseurl, target)),
        target=html.escape(target),
    )
