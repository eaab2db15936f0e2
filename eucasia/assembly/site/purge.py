"""Stylesheets cut down to the rules whose classes a site uses.

The theme's stylesheet is 397 kB, most of it Bootstrap components and icons no page shows. A
rule stays when an element of the site could match it: each of its selectors is checked for
the classes an element must have, read from the selector's tokens (`css`), and the rule goes
when every selector needs a class the site never has.
"""

from __future__ import annotations

from tinycss2 import ast

from eucasia.assembly.site.css import Sheet, Statement, read, selectors

#: Class prefixes that scripts compose at run time (Bootstrap: `bs-${name}-auto`): always kept.
COMPOSED_CLASSES = ("bs-",)
#: At-rules whose block holds rules, cut like the sheet itself.
AT_BLOCKS_WITH_RULES = {"media", "supports", "container", "layer", "document"}


def required_classes(sheet: Sheet, tokens: list, end: int) -> list[str] | None:
    """Classes an element must have for a selector (its `tokens`, ending at `end`) to match;
    None when that can't be told (escapes, unknown functions). Classes inside functional
    pseudo-classes (`:not(.x)`, `:is(...)`) or attribute selectors never count: `:not(.hide)`
    matches exactly when `hide` is absent."""
    classes, previous = [], None
    for index, token in enumerate(tokens):
        stop = sheet.at(tokens[index + 1]) if index + 1 < len(tokens) else end
        if isinstance(token, ast.FunctionBlock):
            if not (isinstance(previous, ast.LiteralToken) and previous.value == ":"):
                return None
        elif isinstance(token, ast.ParenthesesBlock):
            return None
        elif not isinstance(token, ast.SquareBracketsBlock | ast.Comment):
            if "\\" in sheet.text[sheet.at(token) : stop]:
                return None
            if (
                isinstance(token, ast.IdentToken)
                and isinstance(previous, ast.LiteralToken)
                and previous.value == "."
            ):
                classes.append(token.value)
        previous = token
    return classes


def _can_match(sheet: Sheet, tokens: list, end: int, classes: set[str]) -> bool:
    required = required_classes(sheet, tokens, end)
    return required is None or all(c in classes or c.startswith(COMPOSED_CLASSES) for c in required)


def purge(stylesheet: str, classes: set[str]) -> str:
    """`stylesheet` without the selectors that need a class no page has and no script can add.

    Rules whose selectors all go are dropped, and at-rule blocks left empty; everything else
    (element and attribute selectors, :root variables, @font-face, @keyframes) stays as it is,
    and so do licence comments (`/*! ... */`). Comments inside the rules that stay go.
    """
    sheet = read(stylesheet)
    return "\n".join(_purge(sheet, sheet.statements(), classes, nested=False))


def _purge(sheet: Sheet, statements: list[Statement], classes: set[str], nested: bool) -> list:
    kept = []
    for st in statements:
        text = sheet.bare if nested else (lambda a, b: sheet.text[a:b])
        licences = [] if nested else sheet.licences(st.start, st.end)
        if st.block is None:
            kept.append(text(st.start, st.end))
        elif st.keyword in AT_BLOCKS_WITH_RULES:
            opening, closing = sheet.block_span(st)
            inner = sheet.statements(st.block.content, opening + 1, closing)
            cut = "\n".join(_purge(sheet, inner, classes, nested=True))
            prelude = sheet.bare(st.start, opening).strip()
            kept.extend([*licences, f"{prelude}{{{cut}}}"] if cut.strip() else licences)
        elif st.keyword is not None:
            kept.append(text(st.start, st.end))
        else:
            kept_selectors = [
                text
                for text, tokens, end in selectors(sheet, st)
                if _can_match(sheet, tokens, end, classes)
            ]
            rule = ",".join(kept_selectors) + sheet.bare(sheet.at(st.block), st.end)
            kept.extend([*licences, rule] if kept_selectors else licences)
    return kept
