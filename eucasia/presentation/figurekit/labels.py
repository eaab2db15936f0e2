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
#: The least free space (points) between two labels' texts side by side (an em, well over a
#: word space: a number 3 points from a name read as part of it, "2 European Union"), and one
#: above the other (half an em, over the line spacing of a name's own lines).
LABEL_GAP_X_PT, LABEL_GAP_Y_PT = FONT_PT, 0.5 * FONT_PT
#: How much nearer (points) a label keeps to its own marker than to any other, so that the
#: marker next to a name is its own (a name 40 points off its node, wedged between two others,
#: read as belonging to either).
OWN_MARKER_LEAD_PT = 2.0


def padded_xy(box: Bbox, dx: float, dy: float) -> Bbox:
    """``box`` grown by ``dx`` to each side and ``dy`` above and below: two text boxes are
    ``dx`` apart side by side or ``dy`` apart one above the other exactly when one, so grown,
    does not overlap the other.

    >>> from matplotlib.transforms import Bbox
    >>> padded_xy(Bbox.from_extents(0, 0, 10, 10), 2, 1).extents.tolist()
    [-2.0, -1.0, 12.0, 11.0]
    """
    return Bbox.from_extents(box.x0 - dx, box.y0 - dy, box.x1 + dx, box.y1 + dy)


def box_distance(box: Bbox, centre: tuple[float, float], radius: float) -> float:
    """How far a marker's edge (a circle around ``centre``) is from ``box``, 0 if they meet:
    the measure a label's nearness to markers is compared by (display units).

    >>> from matplotlib.transforms import Bbox
    >>> box_distance(Bbox.from_extents(0, 0, 10, 10), (13, 14), 2)
    3.0
    """
    dx = max(box.x0 - centre[0], 0.0, centre[0] - box.x1)
    dy = max(box.y0 - centre[1], 0.0, centre[1] - box.y1)
    return max(0.0, math.hypot(dx, dy) - radius)


def nearest_is_own(box: Bbox, own: Hashable, markers: Mapping, lead: float = 0.0) -> bool:
    """``box`` (a label's text) is nearer the marker of ``own`` than any other marker by at
    least ``lead``; ``markers`` gives each node's centre and radius in display units.

    >>> from matplotlib.transforms import Bbox
    >>> markers = {"a": ((0, 0), 5), "b": ((40, 0), 5)}
    >>> nearest_is_own(Bbox.from_extents(8, -3, 20, 3), "a", markers)
    True
    >>> nearest_is_own(Bbox.from_extents(22, -3, 30, 3), "a", markers)
    False
    """
    mine = box_distance(box, *markers[own])
    return all(box_distance(box, *m) >= mine + lead for n, m in markers.items() if n != own)


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
    from the second ring on, a thin leader line joins label and node. A place is taken only
    where the label stays clear of every other label (:data:`LABEL_GAP_X_PT` beside it,
    :data:`LABEL_GAP_Y_PT` above or below) and is nearer its own marker than any other (by
    :data:`OWN_MARKER_LEAD_PT`), so it reads as its node's. A label
    (its white halo included) that fits nowhere free is left out rather than drawn over another
    label or over a marker, which it would hide; the nodes labelled are returned (``taken``
    collects the boxes placed, so a later pass avoids them too).
    """
    renderer = text_renderer(ax.figure)
    frame = ax.get_window_extent(renderer)
    boxes = dict(zip(pos, node_boxes(ax, pos, size), strict=True))
    px = ax.figure.dpi / 72
    markers = {n: (tuple(ax.transData.transform(pos[n])), math.sqrt(size[n]) / 2 * px) for n in pos}
    placed: list[Bbox] = taken if taken is not None else []
    # the placed labels' texts (the boxes in ``placed`` carry a margin): the earlier passes'
    # from ``taken``, so that a number keeps clear of the names as names keep clear of each other
    texts = [b.padded(-LABEL_MARGIN_PT * px) for b in placed]
    done: set[Hashable] = set()
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
            text_box = Text.get_window_extent(ann, renderer)
            box = text_box.padded(LABEL_MARGIN_PT * px)
            clear = padded_xy(text_box, LABEL_GAP_X_PT * px, LABEL_GAP_Y_PT * px)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            if (
                inside
                and not any(box.overlaps(b) for b in others)
                and not any(clear.overlaps(b) for b in texts)
                and nearest_is_own(text_box, n, markers, OWN_MARKER_LEAD_PT * px)
            ):
                found = (ann, box, text_box)
                break
            ann.remove()
        if found is not None:
            placed.append(found[1])
            texts.append(found[2])
            done.add(n)
    return done


COLUMN_WRAP = 38


def column_label(text: str) -> str:
    """Labels of a two-column drawing, wrapped whole; rows are spaced for the tallest label."""
    return wrap_label(text, COLUMN_WRAP)
