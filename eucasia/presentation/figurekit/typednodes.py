"""Nodes drawn in their actor type's colour and marker, and how far a marker reaches.

Both network figures and two-column drawings draw nodes here, from the one style table the
legends read, and tag each set of marks with its nodes so tests can match marks to legend entries.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping

import networkx as nx
from matplotlib.axes import Axes

from eucasia.presentation.figurekit.style import ACTOR_TYPE_STYLE, NODE_EDGE, actor_type_style


def draw_typed_nodes(
    ax: Axes,
    G: nx.Graph,
    pos: Mapping,
    types: Mapping[Hashable, str],
    size: Mapping[Hashable, float],
) -> None:
    """Draw nodes with their actor type's colour and marker, largest first within a type."""
    for t in sorted(set(types.values()), key=lambda t: (t not in ACTOR_TYPE_STYLE, str(t))):
        nodes = sorted((n for n in types if types[n] == t), key=lambda n: (-size[n], str(n)))
        _, colour, marker = actor_type_style(t)
        drawn = nx.draw_networkx_nodes(
            G,
            pos,
            ax=ax,
            nodelist=nodes,
            node_shape=marker,
            node_size=[size[n] for n in nodes],
            node_color=colour,
            edgecolors=NODE_EDGE,
            linewidths=0.6,
        )
        drawn.nodes = nodes  # which node each mark is: tests match marks to the legend by it


def marker_radius(area: float, marker: str) -> float:
    """Half the widest extent of a marker of ``area`` points²: a square reaches out to its corners."""
    side = math.sqrt(area)
    return side * (math.sqrt(2) / 2 if marker == "s" else 0.5)
