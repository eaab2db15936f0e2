"""Two-column drawings of affiliation graphs: rivers, corridors, dialogue formats and their members.

Whole names, wrapped; rows spaced for the tallest label; river edges styled by the country's
position (upstream, midstream, downstream); a line-width legend when edge weights vary.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import matplotlib as mpl
import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from eucasia.presentation.figurekit.canvas import empty_figure, new_axes, text_renderer
from eucasia.presentation.figurekit.labels import column_label, count_label
from eucasia.presentation.figurekit.layout import column_order, fit_columns
from eucasia.presentation.figurekit.legends import type_legend_below
from eucasia.presentation.figurekit.style import (
    EDGE_COLOUR,
    FONT_PT,
    MARK_COLOURS,
    NODE_EDGE,
    OKABE_ITO,
    figure_style,
)
from eucasia.presentation.figurekit.typednodes import draw_typed_nodes

#: A riparian's position on a river -> (legend label, colour, line style): the edge of a river
#: drawing says where on the river the country lies; colours have 3:1 contrast on white.
POSITION_STYLE = {
    "upstream": ("upstream", MARK_COLOURS[0], "-"),
    "midstream": ("midstream", MARK_COLOURS[5], (0, (5, 2))),
    "downstream": ("downstream", MARK_COLOURS[1], (0, (1.5, 1.5))),
}


def _edge_widths(B: nx.Graph) -> dict:
    return {(u, v): 0.6 + 0.6 * (d.get("weight", 1) - 1) for u, v, d in B.edges(data=True)}


def _affiliation_edges(ax: Axes, B: nx.Graph, pos: Mapping) -> list:
    """Edges in grey, or, when they carry a river ``position``, styled by it; legend handles."""
    widths = _edge_widths(B)
    positions = {e: B.edges[e].get("position") for e in B.edges}
    if not any(positions.values()):
        nx.draw_networkx_edges(
            B, pos, ax=ax, width=list(widths.values()), edge_color=EDGE_COLOUR, alpha=0.6
        )
        weights = sorted({d.get("weight", 1) for *_, d in B.edges(data=True)})
        if len(weights) < 2:
            return []
        return [
            Line2D(
                [],
                [],
                color=EDGE_COLOUR,
                alpha=0.6,
                lw=0.6 + 0.6 * (w - 1),
                label=count_label(w, "shared initiatives"),
            )
            for w in sorted({weights[0], weights[len(weights) // 2], weights[-1]})
        ]
    handles = []
    for key, (label, colour, style) in POSITION_STYLE.items():
        edges = [e for e, p in positions.items() if p == key]
        if not edges:
            continue
        nx.draw_networkx_edges(
            B, pos, ax=ax, edgelist=edges, width=1.4, edge_color=colour, style=style
        )
        handles.append(Line2D([], [], color=colour, lw=1.4, ls=style, label=label))
    return handles


def _position_rank(B: nx.Graph, n: Hashable) -> float:
    ranks = list(POSITION_STYLE)
    found = [ranks.index(B.edges[n, m]["position"]) for m in B[n] if B.edges[n, m].get("position")]
    return float(np.mean(found)) if found else 0.0


def draw_affiliation(
    B: nx.Graph,
    title: str,
    ax: Axes | None = None,
    left_title: str | None = None,
    right_title: str | None = None,
) -> Figure:
    """Two-column drawing of an :func:`eucasia.analysis.graphs.affiliation_graph`.

    Left nodes (e.g. rivers, corridors, dialogue formats) are grey squares with
    labels on the left; right nodes (e.g. countries, participants) take the
    colour and marker of their ``actor_type`` (grey "other" when absent). Every
    name is shown whole, wrapped, and rows are spaced for the tallest one. Rows
    are reordered to reduce crossings; no randomness is involved. Edges that carry
    a river ``position`` are drawn by it (upstream solid … downstream dotted), and
    the right column runs from upstream (top) to downstream; edge weights that
    vary get a line-width legend.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import networkx as nx
    >>> B = nx.Graph()
    >>> B.add_nodes_from(["Amu Darya", "Syr Darya"], bipartite=0)
    >>> B.add_nodes_from(["Kyrgyzstan", "Uzbekistan"], bipartite=1, actor_type="partner_country")
    >>> B.add_edges_from([("Amu Darya", "Uzbekistan"), ("Syr Darya", "Kyrgyzstan"),
    ...                   ("Syr Darya", "Uzbekistan")])
    >>> fig = draw_affiliation(B, "Rivers and riparian states")
    >>> type(fig).__name__, float(fig.get_figwidth())  # inches: the print width
    ('Figure', 7.0)
    >>> plt.close(fig)
    """
    left = [n for n, d in B.nodes(data=True) if d.get("bipartite") == 0]
    right = [n for n, d in B.nodes(data=True) if d.get("bipartite") == 1]
    text = {n: column_label(B.nodes[n].get("label", n)) for n in left + right}
    slot = {n: 0.17 + 0.13 * (t.count("\n") + 1) for n, t in text.items()}  # inches a row
    column_in = max(sum(slot[n] for n in left), sum(slot[n] for n in right), 0.3)
    with mpl.rc_context(figure_style(apply=False)):
        height = max(2.2, column_in + 0.9)
        fig, ax = new_axes(ax, height, (0.01, 0.02, 0.97, 0.86))
        if not left or not right:
            return empty_figure(fig, ax, title, "Nothing to show")
        left, right = column_order(B, left, right)
        flows = any("position" in d for *_, d in B.edges(data=True))
        if flows:
            right = sorted(right, key=lambda n: (_position_rank(B, n), right.index(n)))

        def ys(nodes: list) -> dict:
            # Each column spreads over the full height, each row in proportion to its label's
            # lines: the shorter column gets more room per label, no label touches the next.
            total = sum(slot[n] for n in nodes)
            top, out = 1.0, {}
            for n in nodes:
                out[n] = top - slot[n] / total / 2
                top -= slot[n] / total
            return out

        pos = {n: (0.0, y) for n, y in ys(left).items()} | {
            n: (1.0, y) for n, y in ys(right).items()
        }
        edge_handles = _affiliation_edges(ax, B, pos)
        nx.draw_networkx_nodes(
            B,
            pos,
            ax=ax,
            nodelist=left,
            node_shape="s",
            node_size=45,
            node_color=OKABE_ITO["grey"],
            edgecolors=NODE_EDGE,
            linewidths=0.6,
        )
        types = {n: B.nodes[n].get("actor_type") or "other" for n in right}
        draw_typed_nodes(ax, B, pos, types, dict.fromkeys(right, 55))
        texts = []
        for n in left + right:
            x, y = pos[n]
            texts.append(
                ax.annotate(
                    text[n],
                    (x, y),
                    xytext=(-7 if x == 0 else 7, 0),
                    textcoords="offset points",
                    ha="right" if x == 0 else "left",
                    va="center",
                    fontsize=FONT_PT,
                )
            )
        kinds = (
            left_title or B.nodes[left[0]].get("kind", ""),
            right_title or B.nodes[right[0]].get("kind", ""),
        )
        if flows:
            kinds = (kinds[0], f"{kinds[1]}\n(upstream at the top)")
        for x, head in zip((0.0, 1.0), kinds, strict=True):
            ax.annotate(
                str(head).replace("_", " ")[:1].upper() + str(head).replace("_", " ")[1:],
                (x, 1.0),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontweight="bold",
            )
        ax.set_title(title, pad=28 if flows else 16)
        ax.set_axis_off()
        fit_columns(ax, texts)
        legend = None
        if any("actor_type" in B.nodes[n] for n in right):
            legend = type_legend_below(ax, types.values())
        if edge_handles:
            below = -0.01
            if legend is not None:
                box = legend.get_window_extent(text_renderer(fig)).transformed(
                    ax.transAxes.inverted()
                )
                below = box.y0 - 0.02
            fig.legend(
                handles=edge_handles,
                loc="upper center",
                bbox_to_anchor=(0.5, below),
                bbox_transform=ax.transAxes,
                ncol=len(edge_handles),
                frameon=False,
                title="Country's position on the river" if flows else "Line width",
                borderaxespad=0.0,
                handlelength=3,
            )
    return fig
