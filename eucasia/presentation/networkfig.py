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
from matplotlib.lines import Line2D

from eucasia.analysis.metrics import actor_metrics
from eucasia.presentation.canvas import empty_figure, new_axes, text_renderer
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
from eucasia.presentation.legends import key_below, scale_legend, type_legend, type_legend_below
from eucasia.presentation.style import (
    ACTOR_TYPE_STYLE,
    EDGE_COLOUR,
    MARK_COLOURS,
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


#: Free space (points) kept between two tied markers, so the line of their tie shows.
TIE_GAP_PT = 14.0


def name_nodes(
    ax: Axes, G: nx.Graph, pos: Mapping, size: Mapping, order: list, text: Mapping
) -> list[tuple[str, str]]:
    """Name every node: in full beside it where a place is free, else by a number in a key.

    Nodes are taken most central first. A name that finds no free place near its node within
    three rings is replaced by a number (placed the same way, farther out if need be); an
    acronym shown for a longer name is explained in the key too. Returns the key's entries.
    """
    taken: list = []
    named = place_labels(
        ax, pos, size, [(n, wrap_label(text[n], 20)) for n in order], rings=3, taken=taken
    )
    rest = [n for n in order if n not in named]
    numbers = {n: str(i) for i, n in enumerate(rest, start=1)}
    numbered = place_labels(ax, pos, size, [(n, numbers[n]) for n in rest], rings=9, taken=taken)
    missing = [n for n in rest if n not in numbered]
    if missing:
        raise ValueError(f"no free place to name nodes {missing!r}: enlarge the figure")
    full = {n: str(G.nodes[n].get("label", n)) for n in G}
    key = [(numbers[n], full[n]) for n in rest]
    key += sorted(
        {
            (text[n], full[n].removesuffix(f" ({text[n]})"))
            for n in named
            if " ".join(text[n].split()) != full[n]
        },
        key=lambda e: e[0].lower(),
    )
    return key


def draw_network(
    G: nx.Graph,
    metrics: pd.DataFrame | None,
    title: str,
    ax: Axes | None = None,
    seed: int = 0,
    tie_label: str = "shared initiatives",
) -> Figure:
    """Draw a weighted actor network for print (7 in wide) and screen.

    Node area ∝ strength, colour and marker = actor type (legend outside the
    plot, from the same style table), line width ∝ tie weight (with its legend).
    Every node is named: beside it, on a white halo and never over another label,
    where a place is free (most central first; an acronym for a name that ends in
    one), else by a number explained in the key under the figure. Tied markers keep
    :data:`TIE_GAP_PT` apart, so the tie between two hubs shows. ``metrics`` is the
    output of :func:`eucasia.analysis.metrics.actor_metrics` (computed if ``None``).
    """
    with mpl.rc_context(figure_style(apply=False)):
        fig, ax = new_axes(ax, 5.6, (0.01, 0.01, 0.68, 0.92))
        if len(G) == 0:
            return empty_figure(fig, ax, title, "No actors to show")
        if metrics is None:
            metrics = actor_metrics(G, seed=seed)
        known = metrics[metrics["node"].isin(list(G))]
        strength = dict(zip(known["node"], known["strength"], strict=True))
        smax = max(max(strength.values(), default=0), 1)
        size = {n: node_area(strength.get(n, 0), smax) for n in G}
        types = {n: G.nodes[n].get("actor_type") or "other" for n in G}
        per_pt = data_per_point(ax, 2.24)
        radius = {n: marker_radius(size[n], actor_type_style(types[n])[2]) * per_pt for n in G}
        pos = separate_markers(
            network_layout(G, seed),
            radius,
            gap=3 * per_pt,
            ties=G.edges,
            tie_gap=TIE_GAP_PT * per_pt,
        )

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
            alpha=0.5,
        )
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

        order = [n for n in known["node"] if n in G] + sorted(
            (n for n in G if n not in strength), key=str
        )
        label = {n: G.nodes[n].get("label", n) for n in G}
        text = {n: G.nodes[n].get("short_label") or short_label(label[n]) for n in G}
        key = name_nodes(ax, G, pos, size, order, text)
        key_below(ax, key, "Key: numbered actors and abbreviations")
    return fig


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
        _draw_typed_nodes(ax, B, pos, types, dict.fromkeys(right, 55))
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
                    fontsize=8.5,
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
