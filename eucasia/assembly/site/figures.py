"""Figures that open at full size.

On a phone a network figure is shrunk to the width of the screen and its labels become
unreadable. Each figure image of a page (a file in `_images/` that is not already a link) is
wrapped in a link to the image file itself. The site's script (book/_static/eucasia-site.js)
turns a tap or a click on it into a full-size view: a dialog with the figure at the size it was
drawn for (its type 12 px and more), panned and pinch-zoomed in a frame, its caption, and a
Close button (Esc and the browser's Back close it too). Without the script the link opens the
file itself. The link's accessible name is the image's alt text; its title says what it does.
tests/test_figure_view.py measures the figure text on screen in both.
"""

from __future__ import annotations

import html

from eucasia.assembly.site import markup

LINK_CLASS = "eucasia-figure-link"
TITLE = "Open the figure at full size"


def link_to_full_size(page: str) -> str:
    """`page` with each figure image wrapped in a link to its file (see the module's doc)."""
    if "_images/" not in page:
        return page
    doc = markup.parse(page)
    events = sorted(
        [(t.start, "start", t) for t in doc.tags] + [(t.start, "end", t) for t in doc.end_tags],
        key=lambda event: event[0],
    )
    edits: list[tuple[int, int, str]] = []
    in_link = 0
    for _, kind, tag in events:
        if tag.name == "a":
            in_link = in_link + 1 if kind == "start" else max(0, in_link - 1)
            continue
        if kind != "start" or tag.name != "img" or in_link:
            continue
        src = tag.get("src") or ""
        if "_images/" not in src:
            continue
        href = html.escape(src, quote=True)
        opening = f'<a class="{LINK_CLASS}" href="{href}" title="{TITLE}">'
        edits += [(tag.start, tag.start, opening), (tag.end, tag.end, "</a>")]
    return markup.splice(page, edits)
