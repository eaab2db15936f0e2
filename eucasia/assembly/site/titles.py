"""The page's `<title>`: the book's name once.

Sphinx's templates append " — <the book's title>" to every page's title (the tab, bookmarks,
search results), so the book's first page, whose title is the book's, read it twice.
"""

from __future__ import annotations

import html
import re

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def single_title(page: str) -> str:
    """The page with a `<title>` that names the book once (see the module's doc).

    >>> single_title("<title>Book &#8212; Book</title>"), single_title("<title>1. A &#8212; Book</title>")
    ('<title>Book</title>', '<title>1. A &#8212; Book</title>')
    """
    found = _TITLE.search(page)
    if not found:
        return page
    parts = found.group(1).rsplit(" &#8212; ", 1)
    if len(parts) == 2 and html.unescape(parts[0]).split() == html.unescape(parts[1]).split():
        return page[: found.start(1)] + parts[1] + page[found.end(1) :]
    return page
