"""Table cells and captions that keep their words whole.

A browser may break a line inside a word at a hyphen, a dash, a slash or a bar ("2019-05-/15",
"1.3-SI-/01", "and/or"), and CSS has no property that forbids only that. So each word of a
table cell, a table caption or a figure caption that holds such a break opportunity is wrapped
in `<span class="eucasia-nobr">` (`white-space: nowrap` in eucasia.css); its text is untouched,
so it reads, copies and searches the same. Line breaks stay at spaces, and every other word
is kept whole by the stylesheet (no `overflow-wrap: break-word`, no automatic hyphens).

A cell with a sentence or more of text (`PROSE_CHARS`) is marked `eucasia-prose`: the stylesheet
gives it a width between a readable minimum, so that a phone scrolls the table instead of
squeezing a note to a word a line, and a maximum, so that a desktop table is not absurdly wide.
"""

from __future__ import annotations

import html
import re

from eucasia.build.site import markup

#: Elements whose words are kept whole.
SCOPE = frozenset({"td", "th", "caption", "figcaption"})
#: Characters a line may break after, inside a word (UAX #14 classes HY, BA, B2, SY, EX, CP, CL,
#: IN), when more of the word follows.
BREAK_INSIDE = re.compile(r"[-\u2010\u2012\u2013\u2014/|?!})\]\u2026](?=\S)")
WORD = re.compile(r"\S+")
NOBR = '<span class="eucasia-nobr">'
PROSE_CLASS = "eucasia-prose"
#: A cell with at least this many characters of text is prose.
PROSE_CHARS = 60
RAW_TEXT = frozenset({"script", "style"})


def _events(doc: markup.Document) -> list[tuple[int, int, str, object]]:
    """Start tags, end tags and comments in document order, as (start, end, kind, item)."""
    events = [(t.start, t.end, "start", t) for t in doc.tags]
    events += [(t.start, t.end, "end", t) for t in doc.end_tags]
    events += [(c.start, c.end, "comment", c) for c in doc.comments]
    return sorted(events, key=lambda event: event[0])


def _nobr_edits(text: str, offset: int) -> list[tuple[int, int, str]]:
    """Edits that wrap each word of a raw text run that a line could break inside."""
    edits = []
    for match in WORD.finditer(text):
        if BREAK_INSIDE.search(html.unescape(match.group())):
            edits += [(offset + match.start(),) * 2 + (NOBR,)]
            edits += [(offset + match.end(),) * 2 + ("</span>",)]
    return edits


def _class_edit(page: str, tag: markup.Tag, name: str) -> tuple[int, int, str]:
    """The edit that adds class `name` to a start tag."""
    span = tag.span("class")
    if span is not None:
        return (span[1], span[1], f" {name}")
    at = tag.start + 1 + len(tag.name)
    return (at, at, f' class="{name}"')


def keep_words_whole(page: str) -> str:
    """`page` with the words of its tables and captions kept whole (see the module's doc)."""
    if "<td" not in page and "<th" not in page and "caption" not in page:
        return page
    doc = markup.parse(page)
    edits: list[tuple[int, int, str]] = []
    depth, cells, position, raw = 0, [], 0, False
    for start, end, kind, item in _events(doc):
        if depth and not raw and start > position:
            run = page[position:start]
            edits += _nobr_edits(run, position)
            if cells:
                cells[-1][1] += len(html.unescape(run).strip())
        position = max(position, end)
        name = item.name if kind != "comment" else ""
        raw = kind == "start" and name in RAW_TEXT
        if name not in SCOPE:
            continue
        if kind == "start":
            depth += 1
            if name in ("td", "th"):
                cells.append([item, 0])
        else:
            depth = max(0, depth - 1)
            if name in ("td", "th") and cells:
                tag, length = cells.pop()
                if length >= PROSE_CHARS and PROSE_CLASS not in tag.classes():
                    edits.append(_class_edit(page, tag, PROSE_CLASS))
    return markup.splice(page, edits)
