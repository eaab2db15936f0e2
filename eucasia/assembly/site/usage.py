"""The class names a built site can put on an element, which decide what its stylesheets keep.

A class counts if a page has it, or if a script could add it at run time (Bootstrap's `show`,
the search results...): every word of the site's scripts and inline scripts counts, which keeps
a little too much rather than a style a reader would miss. Parsing every page takes about half
a second, on every build: the classes of each page are kept under its size and modification
time, so a no-op rebuild parses only the pages Sphinx wrote again.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from eucasia.assembly.site import markup

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


def site_classes(out: Path, kept: Path | None = None) -> set[str]:
    """The class names of every page of the site in `out` and every word of its scripts.

    `kept`: a JSON file of each page's classes from the last call, by size and mtime.
    """
    previous = json.loads(kept.read_text(encoding="utf-8")) if kept and kept.is_file() else {}
    by_page: dict[str, list] = {}
    names: set[str] = set()
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out).as_posix()
        if path.suffix == ".html" and not relative.startswith("_static/"):
            stat = path.stat()
            stamp = [stat.st_size, stat.st_mtime_ns]
            entry = previous.get(relative)
            if entry is None or entry[:2] != stamp:
                text = path.read_text(encoding="utf-8", errors="replace")
                entry = [*stamp, sorted(page_classes(text))]
            by_page[relative] = entry
            names.update(entry[2])
        elif (
            path.suffix == ".js"
            and relative.startswith("_static/")
            and path.name not in SKIPPED_SCRIPTS
            and path.stat().st_size < MAX_SCRIPT_BYTES
        ):
            names.update(WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    if kept is not None and by_page != previous:
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(json.dumps(by_page), encoding="utf-8")
    return names
