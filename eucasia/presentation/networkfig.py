"""Network figures: weighted actor networks and two-column affiliation drawings, for print and screen.

Figures are built on :class:`matplotlib.figure.Figure` directly (no pyplot state), so they work
under the Agg backend and in batch builds.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from eucasia.analysis.metrics import actor_metrics
from eucasia.presentation.canvas import empty_figure, new_axes
from eucasia.presentation.labels import (
    column_label,
    count_label,
    place_labels,
    short_label,
    wrap_label,
)
from eucasia.presentation.layout import (
    column_order,
    data_per_point,
    fit_columns,
    network_layout,
    node_area,
    separate_markers,
)
from eucasia.presentation.legends import scale_legend, type_legend, type_legend_below
from eucasia.presentation.style import (
    ACTOR_TYPE_STYLE,
    EDGE_COLOUR,
    NODE_EDGE,
    OKABE_ITO,
    actor_type_style,
    figure_style,
)


def _draw_typed_nodes(
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
        nx.draw_networkx_nodes(
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


def draw_network(
    G: nx.Graph,
    metrics: pd.DataFrame | None,
    title: str,
    ax: Axes | None = None,
    label_top: int = 12,
    seed: int = 0,
    tie_label: str = "shared initiatives",
) -> Figure:
    """Draw a weighted actor network for print (7 in wide) and screen.

    Node area ∝ strength, colour and marker = actor type (legend outside the
    plot), line width ∝ tie weight, labels (white halo, no overlaps) for the
    ``label_top`` actors by strength — a node's ``short_label`` attribute if
    set, else :func:`short_label` of its label. ``metrics`` is the output of
    :func:`eucasia.analysis.metrics.actor_metrics` (computed if ``None``).
    """
    with mpl.rc_context(figure_style(apply=False)):
        fig, ax = new_axes(ax, 5.4, (0.01, 0.01, 0.68, 0.92))
        if len(G) == 0:
            return empty_figure(fig, ax, title, "No actors to show")
        if metrics is None:
            metrics = actor_metrics(G, seed=seed)
        known = metrics[metrics["node"].isin(list(G))]
        strength = dict(zip(known["node"], known["strength"], strict=True))
        smax = max(max(strength.values(), default=0), 1)
        size = {n: node_area(strength.get(n, 0), smax) for n in G}
        per_pt = data_per_point(ax, 2.24)
        radius = {n: math.sqrt(size[n]) / 2 * per_pt for n in G}
        pos = separate_markers(network_layout(G, seed), radius, gap=2 * per_pt)

        weights = [d.get("weight", 1) for _, _, d in G.edges(data=True)]
        wmax = max(weights, default=1)
        width = {w: 0.4 + 3.6 * w / wmax for w in set(weights)}
        edges = sorted(
            G.edges(data="weight", default=1), key=lambda e: (e[2], str(e[0]), str(e[1]))
        )
        nx.draw_networkx_edges(
            G,
            pos,
            ax=ax,
            edgelist=[(u, v) for u, v, _ in edges],
            width=[width[w] for *_, w in edges],
            edge_color=EDGE_COLOUR,
            alpha=0.45,
        )
        types = {n: G.nodes[n].get("actor_type") or "other" for n in G}
        _draw_typed_nodes(ax, G, pos, types, size)
        ax.set_title(title)
        xy = np.array(list(pos.values()))
        pad = max(0.12, max(radius.values()) + 3 * per_pt)  # markers are clipped at the axes
        ax.set_xlim(min(xy[:, 0].min(), -1) - pad, max(xy[:, 0].max(), 1) + pad)
        ax.set_ylim(min(xy[:, 1].min(), -1) - pad, max(xy[:, 1].max(), 1) + pad)
        ax.set_axis_off()

        legend = type_legend(ax, types.values())
        smin = min((v for v in strength.values() if v > 0), default=0)
        sizes = [
            (size_for, f"strength {s:g}")
            for s, size_for in sorted({(s, node_area(s, smax)) for s in {smin, smax} if s > 0})
        ]
        wmin = min(weights, default=0)
        widths = [(width[w], count_label(w, tie_label)) for w in sorted({wmin, wmax}) if weights]
        scale_legend(ax, legend, sizes, widths)

        top = [n for n in known["node"] if n in G][:label_top]
        label = dict(zip(known["node"], known["label"], strict=True))
        text = {n: G.nodes[n].get("short_label") or short_label(label[n]) for n in top}
        place_labels(ax, pos, size, [(n, wrap_label(text[n])) for n in top])
    return fig


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
    colour and marker of their ``actor_type`` (grey "other" when absent). Rows
    are evenly spaced at print-readable size and reordered to reduce crossings;
    no randomness is involved.
    """
    left = [n for n, d in B.nodes(data=True) if d.get("bipartite") == 0]
    right = [n for n, d in B.nodes(data=True) if d.get("bipartite") == 1]
    rows = max(len(left), len(right), 1)
    with mpl.rc_context(figure_style(apply=False)):
        fig, ax = new_axes(ax, max(2.2, 0.3 * rows + 0.9), (0.01, 0.02, 0.97, 0.86))
        if not left or not right:
            return empty_figure(fig, ax, title, "Nothing to show")
        left, right = column_order(B, left, right)

        def ys(nodes: list) -> dict:
            # Each column spreads over the full height: the shorter one gets more room per label.
            step = 1 / len(nodes)
            return {n: 1 - step / 2 - i * step for i, n in enumerate(nodes)}

        pos = {n: (0.0, y) for n, y in ys(left).items()} | {
            n: (1.0, y) for n, y in ys(right).items()
        }
        widths = [0.6 + 0.6 * (d.get("weight", 1) - 1) for *_, d in B.edges(data=True)]
        nx.draw_networkx_edges(B, pos, ax=ax, width=widths, edge_color=EDGE_COLOUR, alpha=0.6)
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
        _draw_typed_nodes(ax, B, pos, types, dict.fromkeys(right, 55))
        texts = []
        for n in left + right:
            x, y = pos[n]
            texts.append(
                ax.annotate(
                    column_label(
                        B.nodes[n].get("short_label") or short_label(B.nodes[n].get("label", n))
                    ),
                    (x, y),
                    xytext=(-7 if x == 0 else 7, 0),
                    textcoords="offset points",
                    ha="right" if x == 0 else "left",
                    va="center",
                    fontsize=8,
                )
            )
        kinds = (
            left_title or B.nodes[left[0]].get("kind", ""),
            right_title or B.nodes[right[0]].get("kind", ""),
        )
        for x, text in zip((0.0, 1.0), kinds, strict=True):
            ax.annotate(
                str(text).replace("_", " ").capitalize(),
                (x, 1.0),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontweight="bold",
            )
        ax.set_title(title, pad=16)
        ax.set_axis_off()
        fit_columns(ax, texts)
        if any("actor_type" in B.nodes[n] for n in right):
            type_legend_below(ax, types.values())
    return fig
