"""Figures rendered to bytes that do not change between builds (no dates, no software stamps)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

import matplotlib as mpl
from matplotlib.figure import Figure

from eucasia.presentation.figurekit.style import figure_style
from eucasia.presentation.figurekit.svgfonts import embed_fonts


def save_figure(
    fig: Figure, path_stem: str | Path, formats: Sequence[str] = ("svg", "pdf")
) -> list[Path]:
    """Save ``fig`` as ``<path_stem>.svg`` and ``.pdf`` (plus any other ``formats``).

    Dates and software stamps are left out of the metadata and the style of
    :func:`figure_style` is used, so two saves of the same figure are identical
    byte for byte.
    """
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        path = stem.with_name(f"{stem.name}.{fmt}")
        path.write_bytes(figure_bytes(fig, fmt))
        paths.append(path)
    return paths


#: Metadata that would stamp a date or software version into a file, left out.
STABLE_METADATA = {
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
    "png": {"Software": None},
}


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """``fig`` rendered to ``fmt`` in the book's style, without dates or software stamps; an
    SVG with its text as text in its own embedded font, and without the weight `compact_svg`
    removes."""
    buffer = io.BytesIO()
    style = figure_style(apply=False) | (SVG_AS_TEXT if fmt == "svg" else {})
    with mpl.rc_context(style):
        fig.savefig(buffer, format=fmt, bbox_inches="tight", metadata=STABLE_METADATA.get(fmt))
    data = buffer.getvalue()
    if fmt != "svg":
        return data
    return compact_svg(embed_fonts(data.decode("utf-8"))).encode("utf-8")


#: SVG text written as text, its fonts embedded by `svgfonts.embed_fonts` (half the weight of
#: glyph outlines, the same drawing).
SVG_AS_TEXT = {"svg.fonttype": "none"}


#: Places in matplotlib's SVG that hold coordinates in points: path data, positions, and the
#: offsets of `translate(...)`. Scales, widths and opacities are left exact.
_COORDINATE_ATTRIBUTE = re.compile(r'(\s(?:d|x|y)=")([^"]*)(")')
_TRANSLATE = re.compile(r"(translate\()([^)]*)(\))")
_LONG_DECIMAL = re.compile(r"-?\d+\.\d{3,}")
_BETWEEN_TAGS = re.compile(r">\s+<")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _round(match: re.Match) -> str:
    text = f"{float(match.group(0)):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _coordinates(match: re.Match) -> str:
    value = " ".join(_LONG_DECIMAL.sub(_round, match.group(2)).split())
    return match.group(1) + value + match.group(3)


def compact_svg(svg: str) -> str:
    """Matplotlib's SVG with coordinates to 1/100 pt (it writes six decimals, a thousandth of a
    pixel), without its line breaks, indentation and comments: about a seventh lighter, and
    the same drawing on any screen.

    Hand-written because it is four substitutions on one program's known output: an SVG
    optimiser (svgo, scour) would bring Node.js or an unmaintained package into the build.
    Scale factors are never rounded: glyphs are drawn at `scale(size/100)`.
    """
    svg = _COMMENT.sub("", svg)
    svg = _COORDINATE_ATTRIBUTE.sub(_coordinates, svg)
    svg = _TRANSLATE.sub(_coordinates, svg)
    return _BETWEEN_TAGS.sub("><", svg)
