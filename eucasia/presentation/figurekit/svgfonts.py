"""An SVG figure's text drawn with the very font matplotlib measured it with, embedded.

Matplotlib can write a figure's text as glyph outlines (`svg.fonttype: path`) or as text
(`none`). Outlines look the same everywhere but weigh: a labelled network was 170 kB, nine
tenths of it one `<use>` element per character, and each costs the browser layout work. As
text it is 40 kB, but a reader's browser would set it in whatever font it has, whose widths
are not the ones matplotlib placed the labels and their boxes for.

So the figures are written as text, and this module adds to the SVG an `@font-face` for each
face the text uses (the book's Noto Sans, style.FONT_FAMILY: the same file it measured with), cut
to the characters that face draws, as WOFF inside the file. The figure is then about half its
weight, draws the same, works offline and opened alone, and its labels can be searched and
copied. A character the font lacks falls back to a font of the reader's (as text), where an
outline would have drawn an empty box.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

from matplotlib import font_manager

from eucasia.presentation.figurekit.fontsubset import subset_font

_TEXT = re.compile(r"<text\b([^>]*)>(.*?)</text>", re.S)
_STYLE = re.compile(r'\sstyle="([^"]*)"')
_DECLARATION = re.compile(r"([a-z-]+)\s*:\s*([^;]+)")
#: Where the faces go: matplotlib opens every SVG's `<defs>` with this style element.
_FIRST_STYLE = re.compile(r'(<defs>\s*<style type="text/css">)(.*?)(</style>)', re.S)


def _face(style: str) -> tuple[str, str, str]:
    """(family, weight, style) of a `<text>` element's style attribute, as CSS values."""
    values = {name: value.strip() for name, value in _DECLARATION.findall(style)}
    family = values.get("font-family", "DejaVu Sans").split(",")[0].strip().strip("'\"")
    weight = values.get("font-weight", "normal")
    weight = (
        "bold"
        if weight in ("bold", "bolder") or weight.isdigit() and int(weight) >= 600
        else "normal"
    )
    return family, weight, values.get("font-style", "normal")


def text_faces(svg: str) -> dict[tuple[str, str, str], set[str]]:
    """The characters each face (family, weight, style) draws in `svg`."""
    faces: dict[tuple[str, str, str], set[str]] = {}
    for attributes, content in _TEXT.findall(svg):
        style = _STYLE.search(attributes)
        face = _face(style.group(1) if style else "")
        faces.setdefault(face, set()).update(html.unescape(content))
    return faces


def font_file(family: str, weight: str, style: str) -> Path:
    """The font file matplotlib uses for a face (no fallback: a missing face is an error)."""
    properties = font_manager.FontProperties(family=family, weight=weight, style=style)
    return Path(font_manager.findfont(properties, fallback_to_default=False))


def font_faces_css(svg: str) -> str:
    """`@font-face` rules carrying each face of `svg`'s text, cut to its characters."""
    rules = []
    for (family, weight, style), chars in sorted(text_faces(svg).items()):
        woff = subset_font(font_file(family, weight, style), chars, hinting=False)
        rules.append(
            f'@font-face{{font-family:"{family}";font-weight:{weight};font-style:{style};'
            f"src:url(data:font/woff;base64,{base64.b64encode(woff).decode('ascii')})}}"
        )
    return "".join(rules)


def embed_fonts(svg: str) -> str:
    """`svg` (matplotlib's, with text as text) with the fonts of its text inside it."""
    rules = font_faces_css(svg)
    if not rules:
        return svg
    if not _FIRST_STYLE.search(svg):
        raise ValueError("no <defs><style> in the SVG to put its fonts in (matplotlib changed?)")
    return _FIRST_STYLE.sub(lambda m: m.group(1) + m.group(2) + rules + m.group(3), svg, count=1)
