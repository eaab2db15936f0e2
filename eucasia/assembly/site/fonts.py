"""Font Awesome's fonts cut down to the icons the site shows.

The theme loads Font Awesome's 1.5 MB SVG-with-JavaScript bundle to draw a dozen icons. Its
stylesheet also carries Font Awesome's web-font rules, so the site drops the script and draws
the icons from the fonts, cut with fontTools (from the theme's own TTF files) to the glyphs the
pages use: a few kB instead of 1.5 MB.
"""

from __future__ import annotations

from collections.abc import Iterable

from tinycss2 import ast, parse_blocks_contents

from eucasia.assembly.site import css
from eucasia.assembly.site.markup import splice

#: Where the cut fonts go, under `_static`.
FONT_DIR = "vendor/fontawesome/subset"
FONTS = ("fa-solid-900", "fa-regular-400", "fa-brands-400")
#: Where the theme's fonts are, under its `static` folder.
THEME_FONTS = "vendor/fontawesome/webfonts"


def _icon_rule(sheet: css.Sheet, statement: css.Statement) -> tuple[list[str], str] | None:
    """(icon names, content) of a rule `.fa-NAME:before, ... { content: "..." }`."""
    if statement.keyword is not None or statement.block is None:
        return None
    names = []
    for _, tokens, _ in css.selectors(sheet, statement):
        parts = [
            t.serialize() if isinstance(t, ast.LiteralToken) else t for t in css.significant(tokens)
        ]
        if len(parts) not in (4, 5) or parts[0] != "." or parts[2:-1] not in ([":"], [":", ":"]):
            return None
        name, before = parts[1], parts[-1]
        if not (
            isinstance(name, ast.IdentToken)
            and name.value.startswith("fa-")
            and isinstance(before, ast.IdentToken)
            and before.value == "before"
        ):
            return None
        names.append(name.value[3:])
    body = css.significant(parse_blocks_contents(statement.block.content))
    if not names or len(body) != 1 or not isinstance(body[0], ast.Declaration):
        return None
    value = css.significant(body[0].value)
    if body[0].lower_name != "content" or body[0].important or len(value) != 1:
        return None
    return (names, value[0].value) if isinstance(value[0], ast.StringToken) else None


def icon_map(theme_css: str) -> dict[str, str]:
    """Icon name -> its character, from the `.fa-NAME:before{content:"\\f185"}` rules."""
    sheet = css.read(theme_css)
    mapping = {}
    for statement in sheet.statements():
        icon = _icon_rule(sheet, statement)
        for name in icon[0] if icon else []:
            mapping[name] = icon[1]
    return mapping


def private_use_chars(stylesheet: str) -> set[str]:
    """Characters of the Private Use Area a stylesheet puts in strings (icon-font glyphs in
    ::before/::after: admonitions, breadcrumbs, external links), icon class rules excepted."""
    sheet = css.read(stylesheet)
    chars = set()
    for statement in sheet.statements():
        if _icon_rule(sheet, statement):
            continue
        for token in css.walk(statement.tokens):
            if isinstance(token, ast.StringToken):
                chars.update(ch for ch in token.value if 0xE000 <= ord(ch) <= 0xF8FF)
    return chars


def font_face_sources(stylesheet: str) -> list[tuple[list[str], int, int]]:
    """For each top-level @font-face, the addresses of its `src` and where that declaration
    (name to end of value) sits in the normalised text."""
    sheet = css.read(stylesheet)
    found = []
    for statement in sheet.statements():
        if statement.keyword != "font-face" or statement.block is None:
            continue
        content = statement.block.content
        _, closing = sheet.block_span(statement)
        for index, token in enumerate(content):
            if not (isinstance(token, ast.IdentToken) and token.lower_value == "src"):
                continue
            previous = css.significant(content[:index])
            if previous and not (
                isinstance(previous[-1], ast.LiteralToken) and previous[-1].value == ";"
            ):
                continue
            semicolons = [
                sheet.at(t)
                for t in content[index:]
                if isinstance(t, ast.LiteralToken) and t.value == ";"
            ]
            end = semicolons[0] if semicolons else closing
            rest = content[index:]
            stop = next((i for i, t in enumerate(rest) if sheet.at(t) >= end), len(rest))
            found.append((css.url_values(rest[:stop]), sheet.at(token), end))
    return found


def icon_chars(theme_css: str, classes: set[str], sheets: Iterable[str]) -> set[str]:
    """The characters to keep: those of the icon classes the site uses (`fa-sun`), and the
    glyphs the stylesheets `sheets` draw in ::before/::after (admonitions, breadcrumbs)."""
    mapping = icon_map(theme_css)
    chars = {char for name, char in mapping.items() if f"fa-{name}" in classes}
    for sheet in sheets:
        chars |= private_use_chars(sheet)
    return chars


def point_fonts_at_subsets(theme_css: str) -> str:
    """The theme's stylesheet with each Font Awesome @font-face loading the cut WOFF font.

    Raises ValueError unless each font has exactly one @font-face (a theme update to check).
    """
    edits = []
    faces = font_face_sources(theme_css)
    for font in FONTS:
        found = [
            (start, end)
            for urls, start, end in faces
            if urls[:1] == [f"../{THEME_FONTS}/{font}.woff2"]
        ]
        if len(found) != 1:
            raise ValueError(f"the theme's @font-face for {font} was not found")
        edits.append((*found[0], f'src:url(../{FONT_DIR}/{font}.woff) format("woff")'))
    return splice(css.normalise(theme_css), edits)
