"""Table cells and captions that keep their words whole, and dates that do so everywhere.

A browser may break a line inside a word at a hyphen, a dash, a slash or a bar ("2019-05-/15",
"1.3-SI-/01", "and/or"), and CSS has no property that forbids only that. So each word of a
table cell, a table caption or a figure caption that holds such a break opportunity is wrapped
in `<span class="eucasia-nobr">` (`white-space: nowrap` in eucasia.css); its text is untouched,
so it reads, copies and searches the same. Line breaks stay at spaces, and every other word
is kept whole by the stylesheet (no `overflow-wrap: break-word`, no automatic hyphens). A word
of `LONG_CHARS` or more is marked long, with `<wbr>` after its underscores and slashes: the
stylesheet lets it break there (and at its hyphens) when it is wider than its line, rather
than make its table scroll.

In the rest of the page's body (prose, lists, notes) only dates are kept whole: an ISO date
("2026-12-01", "2019-05") or a range of dates or years ("2019–2026", "2019-05-15 – 2019-06-17")
is wrapped in the same span, so that no line ends at "2026-12-" with "01" on the next. Not a
non-breaking hyphen (U+2011): that would change the text a reader copies and searches for.

A cell with a sentence or more of text (`PROSE_CHARS`) is marked `eucasia-prose`: the stylesheet
gives it a width between a readable minimum, so that a phone scrolls the table instead of
squeezing a note to a word a line, and a maximum, so that a desktop table is not absurdly wide.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

from eucasia.assembly.site import markup

#: Elements whose words are kept whole.
SCOPE = frozenset({"td", "th", "caption", "figcaption"})
#: Characters a line may break after, inside a word (UAX #14 classes HY, BA, B2, SY, EX, CP, CL,
#: IN), when more of the word follows.
BREAK_INSIDE = re.compile(r"[-\u2010\u2012\u2013\u2014/|?!})\]\u2026](?=\S)")
WORD = re.compile(r"\S+")
NOBR = '<span class="eucasia-nobr">'
#: A kept-whole word of at least this many characters is long (an id of the record, a path, a
#: hyphen-joined name): it may break inside when it is wider than its line (eucasia.css), at
#: its hyphens and slashes and, through `<wbr>`, after its underscores, rather than scroll.
LONG_CHARS = 20
LONG_NOBR = '<span class="eucasia-nobr eucasia-long">'
#: Where a long word may break besides the break opportunities a browser finds itself (UAX #14
#: gives none after an underscore, Chromium none after a slash followed by a letter).
WBR_AFTER = re.compile(r"[_/](?=\S)")
PROSE_CLASS = "eucasia-prose"
#: A cell with at least this many characters of text is prose.
PROSE_CHARS = 60
RAW_TEXT = frozenset({"script", "style"})
#: A date or a range of dates or years, as a whole (see the module's doc), but not a piece of a
#: longer word (an id such as 2019-07-05-forum) nor a lone year, which holds no break.
_DAY = r"\d{4}(?:-\d{2}){1,2}"
_YEAR_OR_DAY = r"\d{4}(?:-\d{2}){0,2}"
DATES = re.compile(
    rf"(?<![\w.\-\u2013/])(?:{_YEAR_OR_DAY}(?: ?[\u2013\u2014] ?|-){_YEAR_OR_DAY}|{_DAY})"
    r"(?![\w\-\u2013/])"
)
#: Elements whose text keeps its dates as they are: raw text, code (its own spans keep it on a
#: line), form fields and the document's title, and drawings.
DATE_SKIP = frozenset(
    {"script", "style", "title", "textarea", "option", "pre", "code", "kbd", "samp", "svg", "math"}
)


def _events(doc: markup.Document) -> list[tuple[int, int, str, object]]:
    """Start tags, end tags and comments in document order, as (start, end, kind, item)."""
    events = [(t.start, t.end, "start", t) for t in doc.tags]
    events += [(t.start, t.end, "end", t) for t in doc.end_tags]
    events += [(c.start, c.end, "comment", c) for c in doc.comments]
    return sorted(events, key=lambda event: event[0])


def _nobr_edits(text: str, offset: int) -> list[tuple[int, int, str]]:
    """Edits that wrap each word of a raw text run that a line could break inside; a long one
    is marked so, with `<wbr>` after each underscore and slash.

    >>> from eucasia.assembly.site.markup import splice
    >>> splice("a 1.3-SI-01 b", _nobr_edits("a 1.3-SI-01 b", 0))
    'a <span class="eucasia-nobr">1.3-SI-01</span> b'
    >>> splice("x timeline/2019-07_forum", _nobr_edits("x timeline/2019-07_forum", 0))
    'x <span class="eucasia-nobr eucasia-long">timeline/<wbr>2019-07_<wbr>forum</span>'
    """
    edits = []
    for match in WORD.finditer(text):
        word = html.unescape(match.group())
        if BREAK_INSIDE.search(word) or (len(word) >= LONG_CHARS and WBR_AFTER.search(word)):
            long = len(word) >= LONG_CHARS
            edits += [(offset + match.start(),) * 2 + (LONG_NOBR if long else NOBR,)]
            if long:
                edits += [
                    (offset + match.start() + m.end(),) * 2 + ("<wbr>",)
                    for m in WBR_AFTER.finditer(match.group())
                ]
            edits += [(offset + match.end(),) * 2 + ("</span>",)]
    return edits


def _date_edits(text: str, offset: int) -> list[tuple[int, int, str]]:
    """Edits that wrap each date or range of dates of a text run (outside tables) in a span.

    >>> from eucasia.assembly.site.markup import splice
    >>> run = "cite 2026-12-01, from 2019–2026; not 2019-07-05-forum or 2019"
    >>> splice(run, _date_edits(run, 0))  # doctest: +NORMALIZE_WHITESPACE
    'cite <span class="eucasia-nobr">2026-12-01</span>, from
     <span class="eucasia-nobr">2019–2026</span>; not 2019-07-05-forum or 2019'
    """
    edits = []
    for match in DATES.finditer(text):
        edits += [
            (offset + match.start(),) * 2 + (NOBR,),
            (offset + match.end(),) * 2 + ("</span>",),
        ]
    return edits


def _class_edit(page: str, tag: markup.Tag, name: str) -> tuple[int, int, str]:
    """The edit that adds class `name` to a start tag."""
    span = tag.span("class")
    if span is not None:
        return (span[1], span[1], f" {name}")
    at = tag.start + 1 + len(tag.name)
    return (at, at, f' class="{name}"')


def keep_words_whole(page: str) -> str:
    """`page` with the words of its tables and captions kept whole, and the dates of the rest
    of its body (see the module's doc).

    >>> keep_words_whole("<body><p>On 2026-12-01.</p><pre>2026-12-01</pre></body>")
    '<body><p>On <span class="eucasia-nobr">2026-12-01</span>.</p><pre>2026-12-01</pre></body>'
    """
    tables = "<td" in page or "<th" in page or "caption" in page
    if not tables and not DATES.search(page):
        return page
    doc = markup.parse(page)
    edits: list[tuple[int, int, str]] = []
    depth, cells, position, raw = 0, [], 0, False
    body, skip = False, 0  # in the page's body; inside elements whose dates stay as they are
    for start, end, kind, item in _events(doc):
        if depth and not raw and start > position:
            run = page[position:start]
            edits += _nobr_edits(run, position)
            if cells:
                cells[-1][1] += len(html.unescape(run).strip())
        elif body and not skip and not raw and start > position:
            edits += _date_edits(page[position:start], position)
        position = max(position, end)
        name = item.name if kind != "comment" else ""
        raw = kind == "start" and name in RAW_TEXT
        body = body or (kind == "start" and name == "body")
        if name in DATE_SKIP - RAW_TEXT:
            skip = max(0, skip + (1 if kind == "start" else -1))
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


#: Tables of words with at least this many columns are stacked on a phone (eucasia.css): each row
#: a card of "header: value" lines, since three columns of words never fit 390 px at a readable
#: measure. A table of numbers (half its columns or more) stays a grid that scrolls sideways
#: under its first column, since a reader compares its numbers down the columns.
STACK_COLUMNS = 3
STACK_CLASS = "eucasia-stack"


def stacks(columns: int, numeric: int) -> bool:
    """Whether a table of `columns` columns, `numeric` of them numbers, stacks on a phone.

    >>> stacks(5, 1), stacks(8, 6), stacks(2, 0)
    (True, False, False)
    """
    return columns >= STACK_COLUMNS and 2 * numeric < columns


def _attribute(name: str, value: str) -> str:
    return f' {name}="{html.escape(value, quote=True)}"'


def describe_cells(page: str, sort: Mapping[str, Mapping[str, Sequence[float | None]]]) -> str:
    """`page` with each body cell of its tables labelled by its column's header (`data-label`,
    shown beside the value when a phone stacks the table) and, for the columns `sort` gives,
    the number the cell stands for (`data-sort-value`, empty when missing), by which
    eucasia-tables.js sorts. `sort` maps a table's id to {column position: value per row}, in
    the order of the rows on the page (`eucasia.presentation.page.downloads.sort_keys`). Tables that
    `stacks` get the class that stacks them on a phone.

    >>> page = ('<table class="table" id="t"><thead><tr><th>name</th><th>amount</th></tr>'
    ...         '</thead><tbody><tr><td>a</td><td>EUR 2 million</td></tr></tbody></table>')
    >>> re.findall("<td[^>]*>", describe_cells(page, {"t": {"1": [2e6]}}))
    ['<td data-label="name">', '<td data-label="amount" data-sort-value="2000000.0">']
    """
    if "<table" not in page:
        return page
    doc = markup.parse(page)
    edits: list[tuple[int, int, str]] = []
    tables: list[dict] = []  # open tables, innermost last
    opened: list[markup.Tag] = []  # open th elements
    for start, _end, kind, item in _events(doc):
        if kind == "comment":
            continue
        name = item.name
        if kind == "start" and name == "table":
            keys = sort.get(item.get("id") or "", {})
            tables.append({"tag": item, "heads": [], "row": -1, "col": 0, "keys": keys})
            continue
        if not tables:
            continue
        table = tables[-1]
        if kind == "end" and name == "table":
            tables.pop()
            tag = table["tag"]
            if "table" in tag.classes() and stacks(len(table["heads"]), len(table["keys"])):
                edits.append(_class_edit(page, tag, STACK_CLASS))
            continue
        if name == "th" and kind == "start":
            opened.append(item)
        elif name == "th" and kind == "end" and opened:
            th = opened.pop()
            text = " ".join(markup.text_content(page[th.end : start]).split())
            if table["row"] < 0:
                table["heads"].append(text)
        elif name == "tr" and kind == "start" and table["heads"]:
            table["row"] += 1
            table["col"] = 0
        elif name == "td" and kind == "start" and table["row"] >= 0:
            col, row = table["col"], table["row"]
            table["col"] += 1
            added = ""
            if col < len(table["heads"]):
                added += _attribute("data-label", table["heads"][col])
            values = table["keys"].get(str(col))
            if values is not None and row < len(values):
                value = values[row]
                added += _attribute("data-sort-value", "" if value is None else repr(float(value)))
            at = item.start + 1 + len(item.name)
            edits.append((at, at, added))
    return markup.splice(page, edits)
