"""Where tags, attributes and comments sit in an HTML text, found by Python's HTML parser.

The site's pages are rewritten by splicing small edits into the text the theme rendered, never
by serialising a parsed tree again: a tree would re-quote attributes, re-indent, re-escape, and
change bytes nobody meant to touch. The parser finds each tag however it is written (any case,
any quoting, attributes on several lines), which regular expressions over HTML did not.
"""

from __future__ import annotations

import html.parser
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property


@dataclass
class Tag:
    """A start tag, with its place in the text (`start`, `end`) and its attributes.

    `attrs` holds the attributes in document order, names lowercased and values unescaped, as
    the parser reads them; `spans` gives, for each, where its raw value sits in the text (None
    for an attribute without a value). For `<script>` and `<style>`, `content` is the raw text
    inside and `close` the end of their end tag.
    """

    name: str
    attrs: list[tuple[str, str | None]]
    start: int
    end: int
    source: str = field(repr=False, default="")
    content: str = ""
    close: int | None = None

    @cached_property
    def spans(self) -> list[tuple[int, int] | None]:
        return _attribute_spans(self.source, self)

    def get(self, name: str, default: str | None = None) -> str | None:
        """The first value of attribute `name` (browsers ignore repeats), or `default`."""
        for key, value in self.attrs:
            if key == name:
                return value
        return default

    def has(self, name: str) -> bool:
        return any(key == name for key, _ in self.attrs)

    def span(self, name: str) -> tuple[int, int] | None:
        """Where the raw value of the first attribute `name` sits in the text."""
        for (key, _), span in zip(self.attrs, self.spans, strict=True):
            if key == name:
                return span
        return None

    def classes(self) -> list[str]:
        return (self.get("class") or "").split()


@dataclass
class Comment:
    """An HTML comment: its text between `<!--` and `-->`, and its place in the page."""

    data: str
    start: int
    end: int


@dataclass
class EndTag:
    """An end tag (`</td>`) and its place in the text."""

    name: str
    start: int
    end: int


@dataclass
class Document:
    """The start tags, end tags and comments of an HTML text, in document order."""

    text: str
    tags: list[Tag]
    comments: list[Comment]
    #: The text outside tags, comments and script/style contents, character references resolved.
    data: str
    end_tags: list[EndTag] = field(default_factory=list)

    def find_all(self, *names: str) -> list[Tag]:
        return [tag for tag in self.tags if not names or tag.name in names]


def _attribute_spans(text: str, tag: Tag) -> list[tuple[int, int] | None]:
    """Spans of the raw attribute values, read with the parser's own attribute grammar (so that
    they agree with what it parsed; checked against its result)."""
    raw = text[tag.start : tag.end]
    match = html.parser.tagfind_tolerant.match(raw, 1)
    k, spans, seen = match.end(), [], []
    while k < len(raw):
        m = html.parser.attrfind_tolerant.match(raw, k)
        if not m:
            break
        name, rest, value = m.group(1, 2, 3)
        if not rest:
            spans.append(None)
            seen.append((name.lower(), None))
        else:
            start, end = m.span(3)
            if value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
                start, end = start + 1, end - 1
            spans.append((tag.start + start, tag.start + end))
            seen.append((name.lower(), html.unescape(raw[start:end])))
        k = m.end()
    if seen != tag.attrs:  # a Python whose parser reads attributes differently
        raise RuntimeError(f"attribute offsets disagree with html.parser for {raw[:200]!r}")
    return spans


def _line_starts(text: str) -> list[int]:
    """Offsets where each line begins (the parser reports a line and a column)."""
    starts, newline = [0], text.find("\n")
    while newline >= 0:
        starts.append(newline + 1)
        newline = text.find("\n", newline + 1)
    return starts


class _Locator(html.parser.HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.lines = _line_starts(text)
        self.tags: list[Tag] = []
        self.comments: list[Comment] = []
        self.end_tags: list[EndTag] = []
        self.data: list[str] = []
        self.open_raw: Tag | None = None

    def here(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.here()
        tag = Tag(name, attrs, start, start + len(self.get_starttag_text() or ""), self.text)
        self.tags.append(tag)
        if name in self.CDATA_CONTENT_ELEMENTS:
            self.open_raw = tag

    def handle_startendtag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(name, attrs)
        self.open_raw = None  # `<script />` has no content in XHTML terms; html.parser agrees

    def handle_endtag(self, name: str) -> None:
        start = self.here()
        end = self.text.find(">", start) + 1 or len(self.text)
        self.end_tags.append(EndTag(name, start, end))
        if self.open_raw is not None and name == self.open_raw.name:
            self.open_raw.content = self.text[self.open_raw.end : start]
            self.open_raw.close = end
            self.open_raw = None

    def handle_comment(self, data: str) -> None:
        start = self.here()
        self.comments.append(Comment(data, start, self.text.index(">", start + 4 + len(data)) + 1))

    def handle_data(self, data: str) -> None:
        if self.open_raw is None:
            self.data.append(data)


def parse(text: str) -> Document:
    """The tags and comments of `text` (a page or a fragment), with their offsets."""
    locator = _Locator(text)
    locator.feed(text)
    locator.close()
    return Document(text, locator.tags, locator.comments, "".join(locator.data), locator.end_tags)


def text_content(fragment: str) -> str:
    """The text of an HTML fragment without its tags, character references resolved."""
    return parse(fragment).data


def with_space_before(text: str, start: int) -> int:
    """`start` moved back over the whitespace before it (to remove a tag with its indent)."""
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return start


def splice(text: str, edits: Iterable[tuple[int, int, str]]) -> str:
    """`text` with each span `[start, end)` replaced; spans may touch but never overlap."""
    out, position = [], 0
    for start, end, replacement in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        if start < position:
            raise ValueError(f"overlapping edits at {start}")
        out += [text[position:start], replacement]
        position = end
    out.append(text[position:])
    return "".join(out)
