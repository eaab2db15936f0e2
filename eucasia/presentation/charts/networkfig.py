"""Network figures: weighted actor networks and two-column affiliation drawings, for print and screen.

Figures are built on :class:`matplotlib.figure.Figure` directly (no pyplot state), so they work
under the Agg backend and in batch builds.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from eucasia.analysis.metrics import actor_metrics
from eucasia.presentation.figurekit.canvas import empty_figure, new_axes
from eucasia.presentation.figurekit.labels import (
    count_label,
    place_labels,
    short_label,
    wrap_label,
)
from eucasia.presentation.figurekit.layout import (
    data_per_point,
    network_layout,
    node_area,
    separate_markers,
)
from eucasia.presentation.figurekit.legends import (
    bottom_of,
    key_below,
    scale_legend_below,
    type_legend_below,
)
from eucasia.presentation.figurekit.style import (
    TIE_STYLE,
    actor_type_style,
    figure_style,
    tie_width,
)
from eucasia.presentation.figurekit.typednodes import draw_typed_nodes, marker_radius

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


#: The network figure's height (inches) and axes box; the figure is drawn 7 in wide.
FIGURE_HEIGHT_IN, FIGURE_AXES = 4.3, (0.01, 0.01, 0.98, 0.92)
#: The data units spanned by the axes' smaller side.
FIGURE_SPAN = 2.24


def _node_styles(G: nx.Graph, metrics: pd.DataFrame) -> tuple:
    """The metrics rows of G's nodes, their strength and its maximum (at least 1), each node's
    marker area and actor type: what both the drawing and its placement read."""
    known = metrics[metrics["node"].isin(list(G))]
    strength = dict(zip(known["node"], known["strength"], strict=True))
    smax = max(max(strength.values(), default=0), 1)
    size = {n: node_area(strength.get(n, 0), smax) for n in G}
    types = {n: G.nodes[n].get("actor_type") or "other" for n in G}
    return known, strength, smax, size, types


def _place_markers(
    G: nx.Graph, ax: Axes, size: Mapping, types: Mapping, seed: int
) -> tuple[dict, dict, float]:
    """Marker centres and radii (data units) as drawn, and data units per point: the seeded
    layout, then markers pushed apart so none overlaps and tied ones keep a visible gap."""
    per_pt = data_per_point(ax, FIGURE_SPAN)
    radius = {n: marker_radius(size[n], actor_type_style(types[n])[2]) * per_pt for n in G}
    pos = separate_markers(
        network_layout(G, seed),
        radius,
        gap=3 * per_pt,
        ties=G.edges,
        tie_gap=TIE_GAP_PT * per_pt,
    )
    return pos, radius, per_pt


def _limits(pos: Mapping, radius: Mapping, per_pt: float) -> tuple[tuple, tuple]:
    """The axes' x and y limits (data units) around the placed markers."""
    xy = np.array(list(pos.values()))
    pad = max(0.12, max(radius.values()) + 3 * per_pt)  # markers are clipped at the axes
    xlim = (min(xy[:, 0].min(), -1) - pad, max(xy[:, 0].max(), 1) + pad)
    ylim = (min(xy[:, 1].min(), -1) - pad, max(xy[:, 1].max(), 1) + pad)
    return xlim, ylim


def figure_points(
    G: nx.Graph, metrics: pd.DataFrame, seed: int
) -> dict[object, tuple[float, float]]:
    """Where :func:`draw_network` draws each node, in points from its axes' lower left corner.

    The figure's axes are wider than tall and its data units stretch with them, so these, not
    the data units, are the proportions a reader sees; the explorer draws them.

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c")])
    >>> m = pd.DataFrame({"node": ["a", "b", "c"], "strength": [2.0, 2.0, 2.0]})
    >>> xs = [x for x, _ in figure_points(G, m, 0).values()]
    >>> 0 < min(xs) < max(xs) < 7 * 72
    True
    """
    import matplotlib.pyplot as plt

    with mpl.rc_context(figure_style(apply=False)):
        fig, ax = new_axes(None, FIGURE_HEIGHT_IN, FIGURE_AXES)
        *_, size, types = _node_styles(G, metrics)
        pos, radius, per_pt = _place_markers(G, ax, size, types, seed)
        (x0, x1), (y0, y1) = _limits(pos, radius, per_pt)
        box = ax.get_position()
        w, h = fig.get_size_inches()
    plt.close(fig)
    width, height = box.width * w * 72, box.height * h * 72
    return {
        n: (float((x - x0) / (x1 - x0) * width), float((y - y0) / (y1 - y0) * height))
        for n, (x, y) in pos.items()
    }


def network_positions(
    G: nx.Graph, metrics: pd.DataFrame, seed: int
) -> tuple[dict[object, tuple[float, float]], dict[object, float]]:
    """Where :func:`draw_network` puts each node (data units) and its marker radius (points).

    The explorer takes its positions from here, so the interactive and the printed network agree.
    """
    import matplotlib.pyplot as plt

    with mpl.rc_context(figure_style(apply=False)):
        fig, ax = new_axes(None, FIGURE_HEIGHT_IN, FIGURE_AXES)
        *_, size, types = _node_styles(G, metrics)
        pos, radius, per_pt = _place_markers(G, ax, size, types, seed)
    plt.close(fig)
    xy = {n: (float(x), float(y)) for n, (x, y) in pos.items()}
    return xy, {n: float(r / per_pt) for n, r in radius.items()}


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

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("eu", "kaz", weight=3)
    >>> G.add_edge("eu", "undp", weight=1)
    >>> nx.set_node_attributes(G, {"eu": "eu_institution", "kaz": "partner_country",
    ...                            "undp": "international_organisation"}, "actor_type")
    >>> fig = draw_network(G, None, "Three actors")
    >>> type(fig).__name__, float(fig.get_figwidth())  # inches: the print width
    ('Figure', 7.0)
    >>> plt.close(fig)
    """
    with mpl.rc_context(figure_style(apply=False)):
        fig, ax = new_axes(ax, FIGURE_HEIGHT_IN, FIGURE_AXES)
        if len(G) == 0:
            return empty_figure(fig, ax, title, "No actors to show")
        if metrics is None:
            metrics = actor_metrics(G, seed=seed)
        known, strength, smax, size, types = _node_styles(G, metrics)
        pos, radius, per_pt = _place_markers(G, ax, size, types, seed)

        weights = [d.get("weight", 1) for _, _, d in G.edges(data=True)]
        wmax = max(weights, default=1)
        width = {w: tie_width(w, wmax) for w in set(weights)}
        edges = sorted(
            G.edges(data="weight", default=1), key=lambda e: (e[2], str(e[0]), str(e[1]))
        )
        nx.draw_networkx_edges(
            G,
            pos,
            ax=ax,
            edgelist=[(u, v) for u, v, _ in edges],
            width=[width[w] for *_, w in edges],
            edge_color=TIE_STYLE["colour"],
            alpha=TIE_STYLE["alpha"],
        )
        draw_typed_nodes(ax, G, pos, types, size)
        ax.set_title(title)
        xlim, ylim = _limits(pos, radius, per_pt)
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        ax.set_axis_off()

        legend = type_legend_below(ax, types.values())
        smin = min((v for v in strength.values() if v > 0), default=0)
        sizes = [
            (size_for, f"strength {s:g}")
            for s, size_for in sorted({(s, node_area(s, smax)) for s in {smin, smax} if s > 0})
        ]
        wmin = min(weights, default=0)
        widths = [(width[w], count_label(w, tie_label)) for w in sorted({wmin, wmax}) if weights]
        scales = scale_legend_below(ax, bottom_of(ax, legend) - 0.02, sizes, widths)

        order = [n for n in known["node"] if n in G] + sorted(
            (n for n in G if n not in strength), key=str
        )
        label = {n: G.nodes[n].get("label", n) for n in G}
        text = {n: G.nodes[n].get("short_label") or short_label(label[n]) for n in G}
        key = name_nodes(ax, G, pos, size, order, text)
        key_below(
            ax, key, "Key: numbered actors and abbreviations", bottom_of(ax, scales or legend, 0.03)
        )
    return fig


# Two-column drawings live in their own module; notebooks import them from here too.
from eucasia.presentation.charts.affiliationfig import draw_affiliation  # noqa: E402, F401
