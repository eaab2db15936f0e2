"""Network figures that are colour-blind safe, print-readable and byte-reproducible.

* Colours come from the Okabe–Ito palette; each actor type has a fixed colour
  *and* marker, so types stay distinguishable in greyscale and for any form of
  colour blindness, and every figure uses the same mapping.
* Layouts are seeded; label placement is a deterministic greedy search, so the
  same data always give the same picture.
* :func:`figure_style` pins the settings that make SVG/PDF output byte-stable
  (fixed SVG id salt, bundled font, no dates); call it once per notebook so
  figures saved by other helpers are stable too.

Figures are built on :class:`matplotlib.figure.Figure` directly (no pyplot
state), so the module works under the Agg backend and in batch builds.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from collections.abc import Hashable, Iterable, Mapping, Sequence
from pathlib import Path

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from eucasia.metrics import actor_metrics, components

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
_C = OKABE_ITO

#: actor_type -> (legend label, colour, marker), in legend order. Related types
#: share a colour and differ by marker (circle vs square).
ACTOR_TYPE_STYLE: dict[str, tuple[str, str, str]] = {
    "eu_institution": ("EU institution", _C["blue"], "o"),
    "eu_member_states": ("EU member states", _C["sky_blue"], "o"),
    "parliament": ("Parliament", _C["blue"], "s"),
    "central_asian_state": ("Central Asian state", _C["vermillion"], "o"),
    "central_asian_collective": ("Central Asian collective", _C["vermillion"], "s"),
    "neighbour_state": ("Neighbour state", _C["reddish_purple"], "o"),
    "third_country": ("Third country", _C["reddish_purple"], "s"),
    "international_organisation": ("International organisation", _C["bluish_green"], "o"),
    "un_body": ("UN body", _C["bluish_green"], "s"),
    "financial_institution": ("Financial institution", _C["orange"], "o"),
    "private_sector": ("Private sector", _C["orange"], "s"),
    "civil_society": ("Civil society", _C["yellow"], "o"),
    "academia_youth": ("Academia and youth", _C["yellow"], "s"),
    "other": ("Other", _C["grey"], "o"),
}
ACTOR_TYPE_ORDER = tuple(ACTOR_TYPE_STYLE)
EDGE_COLOUR = "#6b6b6b"
NODE_EDGE = "#333333"
WIDTH_IN = 7.0
LABEL_WRAP = 24
KK_MAX_NODES = 400
NODE_AREA_MIN, NODE_AREA_RANGE = 30.0, 870.0  # points²: 6–30 pt wide markers


def actor_type_style(actor_type: str | None) -> tuple[str, str, str]:
    """(label, colour, marker) for an actor type; unknown or missing types map to "other"."""
    return ACTOR_TYPE_STYLE.get(actor_type or "other", ACTOR_TYPE_STYLE["other"])


def figure_style(apply: bool = True) -> dict[str, object]:
    """Matplotlib settings for the book's figures; applied globally when ``apply``.

    ``svg.hashsalt`` fixes the otherwise random ids inside SVG files, glyphs are
    stored as paths in SVG (identical look in every browser) and as embedded
    TrueType in PDF, and DejaVu Sans ships with Matplotlib, so the output does
    not depend on the fonts of the machine that builds the book.
    """
    style = {
        "svg.hashsalt": "eucasia",
        "svg.fonttype": "path",
        "pdf.fonttype": 42,
        "font.family": "DejaVu Sans",
        "font.size": 8.5,
        "axes.titlesize": 10,
        "axes.titlelocation": "left",
        "legend.fontsize": 8,
        "legend.title_fontsize": 8.5,
        "savefig.dpi": 200,
        "path.simplify": False,
        # Labels are data: a name with two "$" must never be typeset as mathematics.
        "text.parse_math": False,
    }
    if apply:
        mpl.rcParams.update(style)
    return style


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
    """``fig`` rendered to ``fmt`` in the book's style, without dates or software stamps."""
    buffer = io.BytesIO()
    with mpl.rc_context(figure_style(apply=False)):
        fig.savefig(buffer, format=fmt, bbox_inches="tight", metadata=STABLE_METADATA.get(fmt))
    return buffer.getvalue()


# --- shared drawing helpers -----------------------------------------------------------------


def _new_axes(ax: Axes | None, height: float, rect: Sequence[float]) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=(WIDTH_IN, height))
    return fig, fig.add_axes(rect)


def _renderer(fig: Figure):
    if not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()


def _count(value: float, noun: str) -> str:
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


def _wrap(text: str) -> str:
    """At most three lines of ``LABEL_WRAP`` characters, ending in "…" if cut."""
    lines = textwrap.wrap(str(text), LABEL_WRAP, max_lines=3, placeholder=" …")
    return "\n".join(lines) or str(text)


_HALO = [patheffects.withStroke(linewidth=2.6, foreground="white")]


def _legend(ax: Axes, handles: list, y: float = 1.0, **options) -> Legend:
    """Legend outside the axes' right edge; figure-level so tight bounding boxes include it."""
    return ax.figure.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.01, y),
        bbox_transform=ax.transAxes,
        frameon=False,
        alignment="left",
        borderaxespad=0.0,
        **options,
    )


def _type_handles(types: Iterable[str]) -> list[Line2D]:
    """Legend entries for the actor types present, in the book's fixed order."""
    present = [t for t in ACTOR_TYPE_ORDER if t in set(types)]
    return [
        Line2D([], [], ls="none", marker=m, ms=7, mfc=c, mec=NODE_EDGE, mew=0.6, label=lab)
        for lab, c, m in (actor_type_style(t) for t in present)
    ]


def _type_legend(ax: Axes, types: Iterable[str], title: str = "Actor type") -> Legend | None:
    handles = _type_handles(types)
    return _legend(ax, handles, title=title) if handles else None


def _type_legend_below(ax: Axes, types: Iterable[str]) -> Legend | None:
    """Actor-type legend in rows under the axes: two-column drawings need their full width."""
    handles = _type_handles(types)
    if not handles:
        return None
    return ax.figure.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.01),
        bbox_transform=ax.transAxes,
        ncol=min(4, len(handles)),
        frameon=False,
        title="Actor type",
        borderaxespad=0.0,
    )


def _scale_legend(
    ax: Axes,
    above: Legend | None,
    sizes: Sequence[tuple[float, str]],
    widths: Sequence[tuple[float, str]],
) -> None:
    """Second legend (node area, line width) placed under the type legend."""
    handles = [
        Line2D(
            [],
            [],
            ls="none",
            marker="o",
            ms=math.sqrt(s),
            mfc="#dddddd",
            mec=NODE_EDGE,
            mew=0.6,
            label=lab,
        )
        for s, lab in sizes
    ]
    handles += [Line2D([], [], color=EDGE_COLOUR, lw=w, label=lab) for w, lab in widths]
    if not handles:
        return
    y = 1.0
    if above is not None:
        box = above.get_window_extent(_renderer(ax.figure)).transformed(ax.transAxes.inverted())
        y = box.y0 - 0.05
    big = max((math.sqrt(s) for s, _ in sizes), default=0)
    size = mpl.rcParams["legend.fontsize"]
    _legend(
        ax,
        handles,
        y,
        handlelength=max(2.0, big / size + 0.6),
        labelspacing=max(0.5, (big / size - 0.7) / 2 + 0.4),
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


def _node_boxes(ax: Axes, pos: Mapping, size: Mapping) -> list[Bbox]:
    """Display-space boxes of node markers (marker area is in points²)."""
    px = ax.figure.dpi / 72
    boxes = []
    for n, (x, y) in pos.items():
        cx, cy = ax.transData.transform((x, y))
        r = math.sqrt(size[n]) / 2 * px
        boxes.append(Bbox.from_extents(cx - r, cy - r, cx + r, cy + r))
    return boxes


_DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))


def _place_labels(
    ax: Axes, pos: Mapping, size: Mapping, labels: Sequence[tuple[Hashable, str]]
) -> None:
    """Greedy, deterministic label placement: no label overlaps another or leaves the axes.

    For each label (most important first) try 8 directions at growing distances
    from the node, preferring positions that also avoid node markers; from the
    second ring on, a thin leader line joins label and node. A label that fits
    nowhere is left out rather than drawn over another one.
    """
    renderer = _renderer(ax.figure)
    frame = ax.get_window_extent(renderer)
    boxes = dict(zip(pos, _node_boxes(ax, pos, size), strict=True))
    placed: list[Bbox] = []
    px = ax.figure.dpi / 72
    for n, text in labels:
        radius = math.sqrt(size[n]) / 2 + 2
        best = None
        for ring in range(5):
            for dx, dy in _DIRECTIONS:
                dist = radius + ring * 12
                norm = math.hypot(dx, dy)
                offset = (dx / norm * dist, dy / norm * dist)
                ann = ax.annotate(
                    text,
                    pos[n],
                    xytext=offset,
                    textcoords="offset points",
                    ha={1: "left", -1: "right", 0: "center"}[dx],
                    va={1: "bottom", -1: "top", 0: "center"}[dy],
                    fontsize=8,
                    path_effects=_HALO,
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
                # text only: an Annotation's own extent would include its leader line
                ann.update_positions(renderer)
                box = Text.get_window_extent(ann, renderer).padded(1.5 * px)
                inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
                clash = any(box.overlaps(b) for b in placed)
                if inside and not clash:
                    cover = sum(box.overlaps(b) for m, b in boxes.items() if m != n)
                    if best is None or cover < best[0]:
                        if best is not None:
                            best[1].remove()
                        best = (cover, ann, box)
                        if cover == 0:
                            break
                        continue
                ann.remove()
            if best is not None and best[0] == 0:
                break
        if best is not None:
            placed.append(best[2])


# --- actor networks ---------------------------------------------------------------------------


def _layout(G: nx.Graph, seed: int) -> dict[Hashable, np.ndarray]:
    """Deterministic layout: Kamada–Kawai for the main component, a row for the rest.

    Kamada–Kawai (hop distances, circular start, no randomness) spaces the hubs
    of a dense core apart instead of piling them up as spring layouts do.
    Other components and isolates are lined up along the bottom. Components too
    large for Kamada–Kawai's O(n²) cost fall back to a ``seed``-ed spring layout.
    """
    comps = components(G)
    main = comps[0] if comps and len(comps[0]) > 2 else set()
    rest = [c for c in comps if c is not main]
    pos: dict[Hashable, np.ndarray] = {}
    if main:
        H = G.subgraph(sorted(main, key=str))
        raw = (
            nx.kamada_kawai_layout(H, weight=None)
            if len(H) <= KK_MAX_NODES
            else nx.spring_layout(H, seed=seed, k=1.6 / math.sqrt(len(H)), iterations=100)
        )
        xy = np.array([raw[n] for n in H])
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        span = np.where(hi - lo > 0, hi - lo, 1)
        bottom = -0.75 if rest else -1.0
        scaled = (xy - lo) / span * [2.0, 1.0 - bottom] + [-1.0, bottom]
        pos.update(zip(H, scaled, strict=True))
    row = [n for c in rest for n in sorted(c, key=lambda n: (-G.degree(n), str(n)))]
    xs = np.linspace(-1, 1, len(row)) if len(row) > 1 else np.zeros(len(row))
    y = -1.0 if main else 0.0
    pos.update((n, np.array([x, y])) for n, x in zip(row, xs, strict=True))
    return pos


def _separate(
    pos: dict[Hashable, np.ndarray],
    radius: Mapping[Hashable, float],
    gap: float,
    sweeps: int = 60,
) -> dict[Hashable, np.ndarray]:
    """Push overlapping markers apart (radii in data units), deterministically.

    Layouts place node *centres*; big hubs drawn with large markers can still
    overlap. Each sweep moves every overlapping pair apart by half the overlap
    each, in a fixed order; small graphs only (O(n²) per sweep).
    """
    nodes = list(pos)
    if len(nodes) > KK_MAX_NODES:
        return pos
    xy = np.array([pos[n] for n in nodes], dtype=float)
    r = np.array([radius[n] for n in nodes])
    for _ in range(sweeps):
        moved = False
        for i in range(len(nodes)):
            delta = xy[i + 1 :] - xy[i]
            dist = np.hypot(delta[:, 0], delta[:, 1])
            need = r[i] + r[i + 1 :] + gap
            for j in np.flatnonzero(dist < need):
                d = delta[j] / dist[j] if dist[j] > 0 else np.array([1.0, 0.0])
                push = (need[j] - dist[j]) / 2 * d
                xy[i] -= push
                xy[i + 1 + j] += push
                moved = True
        if not moved:
            break
    return dict(zip(nodes, xy, strict=True))


def _data_per_point(ax: Axes, span: float) -> float:
    """Data units per typographic point for an axes showing ``span`` data units each way."""
    box = ax.get_position()
    w, h = ax.figure.get_size_inches()
    return span / (min(box.width * w, box.height * h) * 72)


def _node_area(strength: float, smax: float) -> float:
    """Marker area (points²) proportional to strength, with a visible minimum."""
    return NODE_AREA_MIN + NODE_AREA_RANGE * strength / smax


def _empty(fig: Figure, ax: Axes, title: str, message: str) -> Figure:
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return fig


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
    :func:`eucasia.metrics.actor_metrics` (computed if ``None``).
    """
    with mpl.rc_context(figure_style(apply=False)):
        fig, ax = _new_axes(ax, 5.4, (0.01, 0.01, 0.68, 0.92))
        if len(G) == 0:
            return _empty(fig, ax, title, "No actors to show")
        if metrics is None:
            metrics = actor_metrics(G, seed=seed)
        known = metrics[metrics["node"].isin(list(G))]
        strength = dict(zip(known["node"], known["strength"], strict=True))
        smax = max(max(strength.values(), default=0), 1)
        size = {n: _node_area(strength.get(n, 0), smax) for n in G}
        per_pt = _data_per_point(ax, 2.24)
        radius = {n: math.sqrt(size[n]) / 2 * per_pt for n in G}
        pos = _separate(_layout(G, seed), radius, gap=2 * per_pt)

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

        legend = _type_legend(ax, types.values())
        smin = min((v for v in strength.values() if v > 0), default=0)
        sizes = [
            (size_for, f"strength {s:g}")
            for s, size_for in sorted({(s, _node_area(s, smax)) for s in {smin, smax} if s > 0})
        ]
        wmin = min(weights, default=0)
        widths = [(width[w], _count(w, tie_label)) for w in sorted({wmin, wmax}) if weights]
        _scale_legend(ax, legend, sizes, widths)

        top = [n for n in known["node"] if n in G][:label_top]
        label = dict(zip(known["node"], known["label"], strict=True))
        text = {n: G.nodes[n].get("short_label") or short_label(label[n]) for n in top}
        _place_labels(ax, pos, size, [(n, _wrap(text[n])) for n in top])
    return fig


def alt_text(
    G: nx.Graph,
    metrics: pd.DataFrame,
    what: str = "network",
    node_noun: str = "actors",
    tie_noun: str = "shared initiatives",
) -> str:
    """Plain-language description of a network figure, written from the data."""
    n, m = G.number_of_nodes(), G.number_of_edges()
    what = what[:1].upper() + what[1:]  # not str.capitalize: keep "EU" upper case
    if n == 0:
        return f"{what} with no {node_noun}."
    head = f"{what} of {n} {node_noun} and {m} {'tie' if m == 1 else 'ties'}"
    comps = nx.number_connected_components(G)
    iso = nx.number_of_isolates(G)
    extras = []
    if comps > 1:
        extras.append(f"{comps} separate groups")
    if iso:
        extras.append(f"{iso} without ties")
    parts = [head + (f" ({', '.join(extras)})" if extras else "")]
    known = metrics[metrics["node"].isin(list(G)) & (metrics["strength"] > 0)]
    names = known["label"].head(3).tolist()
    if names:
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        verb = "is" if len(names) == 1 else "are"
        parts.append(f"{listed} {verb} most central by strength")
    if m:
        u, v, w = sorted(
            G.edges(data="weight", default=1), key=lambda e: (-e[2], str(e[0]), str(e[1]))
        )[0]
        lab = {x: G.nodes[x].get("label", x) for x in (u, v)}
        parts.append(f"the strongest tie links {lab[u]} and {lab[v]} ({_count(w, tie_noun)})")
    if any("actor_type" in d for _, d in G.nodes(data=True)):
        types = pd.Series([actor_type_style(G.nodes[x].get("actor_type"))[0] for x in G])
        counts = types.value_counts()
        counts = counts.sort_index().sort_values(ascending=False, kind="mergesort").head(2)
        groups = " and ".join(f"{lab} ({c})" for lab, c in counts.items())
        parts.append(f"colours show actor type; largest groups: {groups}")
    return "; ".join(parts) + "."


# --- affiliation (two-column) graphs ---------------------------------------------------------


def _column_order(B: nx.Graph, left: list, right: list, sweeps: int = 4) -> tuple[list, list]:
    """Barycentric ordering of both columns to reduce crossings (ties broken by id)."""
    left = sorted(left, key=lambda n: (-B.degree(n), str(n)))
    for _ in range(sweeps):
        lpos = {n: i for i, n in enumerate(left)}
        right = sorted(right, key=lambda n: (np.mean([lpos[x] for x in B[n]] or [0]), str(n)))
        rpos = {n: i for i, n in enumerate(right)}
        left = sorted(left, key=lambda n: (np.mean([rpos[x] for x in B[n]] or [0]), str(n)))
    return left, right


def draw_affiliation(
    B: nx.Graph,
    title: str,
    ax: Axes | None = None,
    left_title: str | None = None,
    right_title: str | None = None,
) -> Figure:
    """Two-column drawing of an :func:`eucasia.graphs.affiliation_graph`.

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
        fig, ax = _new_axes(ax, max(2.2, 0.3 * rows + 0.9), (0.01, 0.02, 0.97, 0.86))
        if not left or not right:
            return _empty(fig, ax, title, "Nothing to show")
        left, right = _column_order(B, left, right)

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
                    _column_label(
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
        _fit_columns(ax, texts)
        if any("actor_type" in B.nodes[n] for n in right):
            _type_legend_below(ax, types.values())
    return fig


COLUMN_WRAP = 38


def _column_label(text: str) -> str:
    """Labels of a two-column drawing: at most two lines, so neighbouring rows never collide."""
    lines = textwrap.wrap(str(text), COLUMN_WRAP, max_lines=2, placeholder=" …")
    return "\n".join(lines) or str(text)


def _fit_columns(ax: Axes, texts: Sequence) -> None:
    """Widen the x range so the longest left and right labels fit inside the axes."""
    renderer = _renderer(ax.figure)
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.02, 1.02)
    W = ax.get_window_extent(renderer).width
    x0 = ax.transData.transform((0, 0))[0]
    x1 = ax.transData.transform((1, 0))[0]
    wl = max((x0 - t.get_window_extent(renderer).x0 for t in texts), default=0)
    wr = max((t.get_window_extent(renderer).x1 - x1 for t in texts), default=0)
    pad = 0.02
    span = (1 + 2 * pad) / max(1 - (wl + wr) / W, 0.2)
    left = pad + wl / W * span
    ax.set_xlim(-left, span - left)
