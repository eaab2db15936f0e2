"""Stylesheets read with tinycss2, with every token's place in the text.

tinycss2 tokenises (strings, escapes, comments, nested blocks); every output is then cut from
the original text at the tokens' positions, never re-serialised: tinycss2 writes `"\\f185"` back
as the character itself, and the cut sheets must stay byte for byte what they were. Like every
CSS parser, these functions read CR, CRLF and form feed as a newline (and NUL as U+FFFD); the
text they return is the normalised one.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from dataclasses import dataclass

import tinycss2
from tinycss2 import ast

_BLOCKS = (ast.CurlyBracketsBlock, ast.SquareBracketsBlock, ast.ParenthesesBlock)
_TRIVIA = (ast.WhitespaceToken, ast.Comment)


def normalise(css: str) -> str:
    """The text as tinycss2 reads it (its positions count in this text)."""
    return css.replace("\0", "\ufffd").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")


def _children(token) -> list:
    if isinstance(token, _BLOCKS):
        return token.content
    if isinstance(token, ast.FunctionBlock):
        return token.arguments
    return []


def walk(tokens: list) -> Iterator:
    """Every token, in source order, nested ones included."""
    for token in tokens:
        yield token
        yield from walk(_children(token))


@dataclass
class Statement:
    """A rule or at-rule of a sheet: `start` includes the whitespace and comments before it,
    `rule` is where the rule itself begins; `tokens` are its top-level tokens."""

    start: int
    rule: int
    end: int
    tokens: list

    @property
    def keyword(self) -> str | None:
        """The at-rule's name (`media`), None for a qualified rule."""
        first = self.tokens[0] if self.tokens else None
        return first.lower_value if isinstance(first, ast.AtKeywordToken) else None

    @property
    def block(self) -> ast.CurlyBracketsBlock | None:
        last = self.tokens[-1] if self.tokens else None
        return last if isinstance(last, ast.CurlyBracketsBlock) else None


class Sheet:
    """A stylesheet's tokens with their offsets in its (normalised) text."""

    def __init__(self, css: str) -> None:
        self.text = normalise(css)
        self.tokens = tinycss2.parse_component_value_list(self.text)
        self._lines, newline = [0], self.text.find("\n")
        while newline >= 0:
            self._lines.append(newline + 1)
            newline = self.text.find("\n", newline + 1)
        #: (start, end) of every comment, nested ones included, in source order.
        self.comments = [
            self._comment_span(c) for c in walk(self.tokens) if isinstance(c, ast.Comment)
        ]
        self._comment_starts = [a for a, _ in self.comments]

    def _comment_span(self, comment: ast.Comment) -> tuple[int, int]:
        start = self.at(comment)
        end = start + 2 + len(comment.value)  # an unclosed comment runs to the end
        return start, end + 2 if self.text.startswith("*/", end) else end

    def _comments_in(self, start: int, end: int) -> list[tuple[int, int]]:
        first = bisect.bisect_left(self._comment_starts, start)
        last = bisect.bisect_left(self._comment_starts, end)
        return [(a, b) for a, b in self.comments[first:last] if b <= end]

    def at(self, token) -> int:
        """The offset where `token` begins."""
        return self._lines[token.source_line - 1] + token.source_column - 1

    def bare(self, start: int, end: int) -> str:
        """The text of `[start, end)` without its comments."""
        parts, position = [], start
        for a, b in self._comments_in(start, end):
            parts.append(self.text[position:a])
            position = b
        return "".join(parts) + self.text[position:end]

    def licences(self, start: int, end: int) -> list[str]:
        """The `/*! ... */` comments in `[start, end)`, which a cut keeps."""
        return [
            self.text[a:b]
            for a, b in self._comments_in(start, end)
            if self.text.startswith("/*!", a)
        ]

    def statements(
        self, tokens: list | None = None, start: int = 0, end: int | None = None
    ) -> list[Statement]:
        """The statements of `tokens` (the sheet's, or a block's content in `[start, end)`).

        A statement ends with its `{}` block or a `;` at its level; what trails the last one
        is a statement too unless it is only whitespace.
        """
        tokens = self.tokens if tokens is None else tokens
        end = len(self.text) if end is None else end
        out, current, lead = [], [], start
        for index, token in enumerate(tokens):
            if not current and isinstance(token, _TRIVIA):
                continue
            current.append(token)
            if isinstance(token, ast.CurlyBracketsBlock):
                stop = self.at(tokens[index + 1]) if index + 1 < len(tokens) else end
            elif isinstance(token, ast.LiteralToken) and token.value == ";":
                stop = self.at(token) + 1
            else:
                continue
            out.append(Statement(lead, self.at(current[0]), stop, current))
            current, lead = [], stop
        if self.text[lead:end].strip():
            rule = self.at(current[0]) if current else lead
            out.append(Statement(lead, rule, end, current))
        return out

    def block_span(self, statement: Statement) -> tuple[int, int]:
        """Offsets of the `{` of a statement's block and of its closing `}` (or its end)."""
        opening = self.at(statement.block)
        closing = statement.end - 1 if self.text[statement.end - 1] == "}" else statement.end
        return opening, closing


@functools.lru_cache(maxsize=4)
def read(css: str) -> Sheet:
    """The parsed sheet, kept for the next call with the same text (the theme's stylesheet is
    read for its icons, its fonts and its own glyphs: parsing it takes half a second)."""
    return Sheet(css)


def selectors(sheet: Sheet, statement: Statement) -> list[tuple[str, list, int]]:
    """The selectors of a qualified rule: their text without comments, their tokens, and the
    offset where each ends."""
    opening = sheet.at(statement.block)
    parts, current, start = [], [], statement.rule
    for token in statement.tokens[:-1]:
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            parts.append((sheet.bare(start, sheet.at(token)).strip(), current, sheet.at(token)))
            current, start = [], sheet.at(token) + 1
        else:
            current.append(token)
    parts.append((sheet.bare(start, opening).strip(), current, opening))
    return [part for part in parts if part[0]]


def significant(tokens: list) -> list:
    """The tokens but whitespace and comments."""
    return [t for t in tokens if not isinstance(t, _TRIVIA)]


def without_source_map(css: str) -> str:
    """The sheet without a trailing `/*# sourceMappingURL=... */` (its map is not shipped)."""
    sheet = read(css)
    tokens = [t for t in sheet.tokens if not isinstance(t, ast.WhitespaceToken)]
    last = tokens[-1] if tokens else None
    if isinstance(last, ast.Comment) and last.value.startswith("# sourceMappingURL="):
        return sheet.text[: sheet.at(last)]
    return sheet.text


def imports_only(css: str) -> list[str] | None:
    """The addresses a sheet @imports when it holds nothing else (comments aside), else None."""
    sheet = read(css)
    found = []
    for statement in sheet.statements():
        if statement.keyword != "import" or statement.block is not None:
            return None
        target = significant(statement.tokens[1:])[:1]
        strings = [t.value for t in target if isinstance(t, ast.StringToken)]
        found += strings or url_values(target)
    return found


def url_values(tokens: list) -> list[str]:
    """The addresses of the `url()` and `src()` among `tokens`, nested ones included."""
    out = []
    for token in walk(tokens):
        if isinstance(token, ast.URLToken):
            out.append(token.value)
        elif isinstance(token, ast.FunctionBlock) and token.lower_name in ("url", "src"):
            strings = [t for t in token.arguments if isinstance(t, ast.StringToken)]
            out += [strings[0].value] if strings else []
    return out


def urls(css: str) -> list[str]:
    """Every address a stylesheet (or a style attribute) makes the browser fetch: `url()`,
    `src()`, the strings of `@import` and `image-set()`."""
    sheet = read(css)
    found = url_values(sheet.tokens)
    for statement in sheet.statements():
        target = significant(statement.tokens[1:])[:1] if statement.keyword == "import" else []
        found += [t.value for t in target if isinstance(t, ast.StringToken)]
    for token in walk(sheet.tokens):
        if isinstance(token, ast.FunctionBlock) and token.lower_name.endswith("image-set"):
            found += [t.value for t in token.arguments if isinstance(t, ast.StringToken)]
    return found
