"""eucasia.presentation.figurekit.svgfonts: figures' text as text, in its own embedded font."""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET

from fontTools.ttLib import TTFont
from matplotlib.figure import Figure

from eucasia.presentation.figurekit.figfile import figure_bytes
from eucasia.presentation.figurekit.style import FONT_FAMILY, figure_style
from eucasia.presentation.figurekit.svgfonts import text_faces

HOSTILE = "<script>alert(1)</script> & Ünité"


def _figure() -> Figure:
    figure_style()  # the book's type, as every chart applies it (not left to test order)
    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    ax.set_title("Bold title", fontweight="bold")
    ax.text(0.1, 0.5, HOSTILE)
    ax.set_axis_off()
    return fig


def _embedded_fonts(svg: str) -> dict[str, TTFont]:
    faces = re.findall(
        r"font-weight:(\w+);font-style:normal;src:url\(data:font/woff;base64,([^)]+)\)", svg
    )
    return {weight: TTFont(io.BytesIO(base64.b64decode(data))) for weight, data in faces}


def test_text_stays_text_escaped_and_its_font_travels_with_it() -> None:
    svg = figure_bytes(_figure(), "svg").decode("utf-8")
    root = ET.fromstring(svg.encode("utf-8"))  # still well-formed XML
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert HOSTILE in texts and "Bold title" in texts
    assert "<script" not in svg and "&lt;script&gt;" in svg
    fonts = _embedded_fonts(svg)
    assert set(fonts) == {"normal", "bold"}
    # Each face carries exactly the characters it draws (the bold one only its title's).
    drawn = text_faces(svg)
    for (_, weight, _), chars in drawn.items():
        cmap = {chr(code) for code in fonts[weight].getBestCmap()}
        assert cmap == chars, (weight, cmap ^ chars)
    assert fonts["bold"]["name"].getDebugName(1) == FONT_FAMILY == "Noto Sans"  # the book's type
    assert "<use" not in svg and "NotoSans-" not in svg  # no glyph outlines


def test_the_figure_bytes_do_not_change_between_renders() -> None:
    assert figure_bytes(_figure(), "svg") == figure_bytes(_figure(), "svg")
