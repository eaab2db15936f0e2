"""The class names a built site can put on an element, which decide what its stylesheets keep.

A class counts if a page has it, or if a script could add it at run time (Bootstrap's `show`,
the search results...): every word of the site's scripts and inline scripts counts, which keeps
a little too much rather than a style a reader would miss.
"""

from __future__ import annotations

import re
from pathlib import Path

from eucasia.build.site import markup

#: A word of a script: a class name it might add. (Scripts are not HTML: no parser needed.)
WORD = re.compile(r"[A-Za-z0-9_-]+")
#: Scripts too big to be the site's own, and Font Awesome's, which names every icon and which
#: the site does not load.
SKIPPED_SCRIPTS = ("fontawesome.js",)
MAX_SCRIPT_BYTES = 1_000_000


def page_classes(page: str) -> set[str]:
    """The classes on the page's elements and the words of its inline scripts."""
    names: set[str] = set()
    for tag in markup.parse(page).tags:
        names.update(tag.classes())
        if tag.name == "script":
            names.update(WORD.findall(tag.content))
    return names


def site_classes(out: Path) -> set[str]:
    """The class names of every page of the site in `out` and every word of its scripts."""
    names: set[str] = set()
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out).as_posix()
        if path.suffix == ".html" and not relative.startswith("_static/"):
            names |= page_classes(path.read_text(encoding="utf-8", errors="replace"))
        elif (
            path.suffix == ".js"
            and relative.startswith("_static/")
            and path.name not in SKIPPED_SCRIPTS
            and path.stat().st_size < MAX_SCRIPT_BYTES
        ):
            names.update(WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names
