"""Readable labels: short names for actors, wrapping, and deterministic placement without overlaps."""

from __future__ import annotations

import itertools
import math
import re
import textwrap
from collections.abc import Hashable, Mapping, Sequence

from matplotlib.axes import Axes
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from eucasia.presentation.figurekit.canvas import text_renderer
from eucasia.presentation.figurekit.style import FONT_PT

LABEL_WRAP = 24


def count_label(value: float, noun: str) -> str:
    """``"1 shared initiative"``, ``"3 shared initiatives"`` (nouns are given in the plural)."""
    return f"{value:g} {noun[:-1] if value == 1 and noun.endswith('s') else noun}"


_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&-]*[A-Z])\)\s*$")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


def short_label(name: str) -> str:
    """Figure label for an actor name: its acronym if it ends in one, else without asides.

    "European Bank for Reconstruction and Development (EBRD)" → "EBRD";
    "Social partners (employers' and workers' organisations)" → "Social partners".
    Tables and alt text keep the full name.
    """
    name = str(name)
    match = _ACRONYM.search(name)
    if match:
        return match.group(1)
    return _PARENTHESES.sub("", name).strip() or name


def wrap_label(text: str, width: int = LABEL_WRAP) -> str:
    """``text`` wrapped at ``width`` characters (or after a hyphen); never cut: whole names."""
    lines = textwrap.wrap(str(text), width, break_long_words=False)
    return "\n".join(lines) or str(text)


#: A white, slightly see-through ground under a label, so it stays readable where it crosses an
#: edge. A stroked path-effect outline looks alike but stores every glyph outline twice, inline:
#: it made one network's SVG four times larger (886 kB against 207 kB), too heavy for a phone.
HALO = {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
#: How far (points) a label's halo reaches beyond its text (the box's pad, a share of the type).
HALO_PAD_PT = 0.12 * FONT_PT
#: The margin (points) kept free around a label's text: its halo and a little air.
LABEL_MARGIN_PT = 1.5


def node_boxes(ax: Axes, pos: Mapping, size: Mapping) -> list[Bbox]:
    """Display-space boxes of node markers (marker area is in points²)."""
    px = ax.figure.dpi / 72
    boxes = []
    for n, (x, y) in pos.items():
        cx, cy = ax.transData.transform((x, y))
        r = math.sqrt(size[n]) / 2 * px
        boxes.append(Bbox.from_extents(cx - r, cy - r, cx + r, cy + r))
    return boxes


_DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))


def place_labels(
    ax: Axes,
    pos: Mapping,
    size: Mapping,
    labels: Sequence[tuple[Hashable, str]],
    rings: int = 5,
    taken: list[Bbox] | None = None,
) -> set[Hashable]:
    """Greedy, deterministic label placement: no label overlaps another label, covers another
    node's marker or leaves the axes.

    For each label (most important first) try 8 directions at growing distances from the node;
    from the second ring on, a thin leader line joins label and node. A label (its white halo
    included) that fits nowhere free is left out rather than drawn over another label or over a
    marker, which it would hide; the nodes labelled are returned (``taken`` collects the boxes
    placed, so a later pass avoids them too).
    """
    renderer = text_renderer(ax.figure)
    frame = ax.get_window_extent(renderer)
    boxes = dict(zip(pos, node_boxes(ax, pos, size), strict=True))
    placed: list[Bbox] = taken if taken is not None else []
    done: set[Hashable] = set()
    px = ax.figure.dpi / 72
    for n, text in labels:
        others = [b for m, b in boxes.items() if m != n]
        radius = math.sqrt(size[n]) / 2 + 2
        found = None
        for ring, (dx, dy) in itertools.product(range(rings), _DIRECTIONS):
            dist = radius + ring * 12
            norm = math.hypot(dx, dy)
            ann = ax.annotate(
                text,
                pos[n],
                xytext=(dx / norm * dist, dy / norm * dist),
                textcoords="offset points",
                ha={1: "left", -1: "right", 0: "center"}[dx],
                va={1: "bottom", -1: "top", 0: "center"}[dy],
                fontsize=FONT_PT,
                bbox=HALO,
                zorder=5,
                arrowprops={
                    "arrowstyle": "-",
                    "color": "#555555",
                    "lw": 0.5,
                    "shrinkA": 0,
                    "shrinkB": math.sqrt(size[n]) / 2,
                }
                if ring
                else None,
            )
            # text only: an Annotation's own extent would include its leader line; the margin
            # holds the halo (HALO_PAD_PT) with room to spare
            ann.update_positions(renderer)
            box = Text.get_window_extent(ann, renderer).padded(LABEL_MARGIN_PT * px)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            if inside and not any(box.overlaps(b) for b in [*placed, *others]):
                found = (ann, box)
                break
            ann.remove()
        if found is not None:
            placed.append(found[1])
            done.add(n)
    return done


COLUMN_WRAP = 38


def column_label(text: str) -> str:
    """Labels of a two-column drawing, wrapped whole; rows are spaced for the tallest label."""
    return wrap_label(text, COLUMN_WRAP)
