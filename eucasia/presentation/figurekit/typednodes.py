"""Nodes drawn in their actor type's colour and marker, and how far a marker reaches.

Both network figures and two-column drawings draw nodes here, from the one style table the
legends read, and tag each set of marks with its nodes so tests can match marks to legend entries.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from functools import cache

import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.markers import MarkerStyle

from eucasia.presentation.figurekit.style import ACTOR_TYPE_STYLE, NODE_EDGE, actor_type_style


def draw_typed_nodes(
    ax: Axes,
    G: nx.Graph,
    pos: Mapping,
    types: Mapping[Hashable, str],
    size: Mapping[Hashable, float],
) -> None:
    """Draw nodes with their actor type's colour and marker, largest first within a type.

    ``size`` is each node's nominal marker area (points², a circle's ``s``); every shape is
    drawn to cover what a circle of that size covers (:func:`shape_size`), so area compares
    across shapes."""
    for t in sorted(set(types.values()), key=lambda t: (t not in ACTOR_TYPE_STYLE, str(t))):
        nodes = sorted((n for n in types if types[n] == t), key=lambda n: (-size[n], str(n)))
        _, colour, marker = actor_type_style(t)
        drawn = nx.draw_networkx_nodes(
            G,
            pos,
            ax=ax,
            nodelist=nodes,
            node_shape=marker,
            node_size=[shape_size(size[n], marker) for n in nodes],
            node_color=colour,
            edgecolors=NODE_EDGE,
            linewidths=0.6,
        )
        drawn.nodes = nodes  # which node each mark is: tests match marks to the legend by it


@cache
def unit_area(marker: str) -> float:
    """The area (points²) Matplotlib's ``marker`` covers at ``s = 1``, measured on its path.

    Matplotlib's ``s`` is the square of the marker's *width*: a circle of diameter √s covers
    π/4·s, a square of side √s covers s, so at one ``s`` a square looks 27 % larger.

    >>> round(unit_area("o"), 3), unit_area("s")
    (0.785, 1.0)
    """
    style = MarkerStyle(marker)
    path = style.get_path().transformed(style.get_transform())
    return float(sum(_polygon_area(p) for p in path.to_polygons(closed_only=True)))


def _polygon_area(xy: np.ndarray) -> float:
    x, y = xy[:, 0], xy[:, 1]
    return abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2


def shape_size(area: float, marker: str) -> float:
    """Matplotlib's ``s`` that makes ``marker`` cover what a circle of ``s = area`` covers.

    The one rule for every marker shape, in the figures and the explorer alike: a node's
    drawn area is π/4·``area`` whatever its shape.

    >>> shape_size(100, "o"), round(shape_size(100, "s"), 1)
    (100.0, 78.5)
    """
    return float(area) * (unit_area("o") / unit_area(marker))


def drawn_area(area: float, marker: str) -> float:
    """The area (points²) a node of nominal ``area`` covers once drawn: the same for every shape.

    >>> round(drawn_area(100, "o"), 1), round(drawn_area(100, "s"), 1)
    (78.5, 78.5)
    """
    return shape_size(area, marker) * unit_area(marker)


def half_width(area: float, marker: str) -> float:
    """Half the drawn width (points) of a node of nominal ``area``: a circle's radius, a square's
    half side (what the explorer draws as a node's size).

    >>> half_width(100, "o"), round(half_width(100, "s"), 2)
    (5.0, 4.43)
    """
    return math.sqrt(shape_size(area, marker)) / 2


def marker_radius(area: float, marker: str) -> float:
    """Half the widest extent of a node of nominal ``area`` as drawn: a square reaches out to
    its corners."""
    return half_width(area, marker) * (math.sqrt(2) if marker == "s" else 1.0)
