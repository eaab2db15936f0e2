"""Deterministic geometry: node positions, marker sizes and separation, column order and fit.

Layouts are seeded or deterministic, so the same data always give the same picture.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
from matplotlib.axes import Axes

from eucasia.analysis.metrics import components
from eucasia.presentation.figurekit.canvas import text_renderer

KK_MAX_NODES = 400
NODE_AREA_MIN, NODE_AREA_RANGE = 30.0, 870.0  # points²: 6–30 pt wide markers


def network_layout(G: nx.Graph, seed: int) -> dict[Hashable, np.ndarray]:
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


def separate_markers(
    pos: dict[Hashable, np.ndarray],
    radius: Mapping[Hashable, float],
    gap: float,
    sweeps: int = 80,
    ties: Iterable[tuple[Hashable, Hashable]] = (),
    tie_gap: float | None = None,
) -> dict[Hashable, np.ndarray]:
    """Push overlapping markers apart (radii in data units), deterministically.

    Layouts place node *centres*; big hubs drawn with large markers can still
    overlap. Two markers keep ``gap`` between their edges, two tied markers
    ``tie_gap`` (so the line of their tie stays visible). Each sweep moves every
    pair too close apart by half the shortfall each, in a fixed order; small
    graphs only (O(n²) per sweep).
    """
    nodes = list(pos)
    if len(nodes) > KK_MAX_NODES:
        return pos
    index = {n: i for i, n in enumerate(nodes)}
    extra = np.full((len(nodes), len(nodes)), float(gap))
    for u, v in ties:
        if u != v and u in index and v in index:
            extra[index[u], index[v]] = extra[index[v], index[u]] = max(gap, tie_gap or gap)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    r = np.array([radius[n] for n in nodes])
    for _ in range(sweeps):
        moved = False
        for i in range(len(nodes)):
            delta = xy[i + 1 :] - xy[i]
            dist = np.hypot(delta[:, 0], delta[:, 1])
            need = r[i] + r[i + 1 :] + extra[i, i + 1 :]
            for j in np.flatnonzero(dist < need - 1e-9):
                d = delta[j] / dist[j] if dist[j] > 0 else np.array([1.0, 0.0])
                push = (need[j] - dist[j]) / 2 * d
                xy[i] -= push
                xy[i + 1 + j] += push
                moved = True
        if not moved:
            break
    return dict(zip(nodes, xy, strict=True))


def data_per_point(ax: Axes, span: float) -> float:
    """Data units per typographic point for an axes showing ``span`` data units each way."""
    box = ax.get_position()
    w, h = ax.figure.get_size_inches()
    return span / (min(box.width * w, box.height * h) * 72)


def node_area(strength: float, smax: float) -> float:
    """Marker area (points²) proportional to strength, with a visible minimum."""
    return NODE_AREA_MIN + NODE_AREA_RANGE * strength / smax


def column_order(B: nx.Graph, left: list, right: list, sweeps: int = 4) -> tuple[list, list]:
    """Barycentric ordering of both columns to reduce crossings (ties broken by id)."""
    left = sorted(left, key=lambda n: (-B.degree(n), str(n)))
    for _ in range(sweeps):
        lpos = {n: i for i, n in enumerate(left)}
        right = sorted(right, key=lambda n: (np.mean([lpos[x] for x in B[n]] or [0]), str(n)))
        rpos = {n: i for i, n in enumerate(right)}
        left = sorted(left, key=lambda n: (np.mean([rpos[x] for x in B[n]] or [0]), str(n)))
    return left, right


def fit_columns(ax: Axes, texts: Sequence) -> None:
    """Widen the x range so the longest left and right labels fit inside the axes."""
    renderer = text_renderer(ax.figure)
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


#: Room (points) kept between two marks of one lane, side by side or stacked.
MARK_GAP_PT = 2.0


def points_across(ax: Axes, xs: Sequence[float]) -> np.ndarray:
    """Positions ``xs`` (data units) as points from the figure's left edge, as laid out."""
    px = ax.transData.transform(np.column_stack([xs, np.zeros(len(xs))]))[:, 0]
    return px * 72 / ax.figure.dpi


def stack_ranks(
    points: Sequence[float], lanes: Sequence[object], sizes: Sequence[float]
) -> np.ndarray:
    """Vertical offsets (in steps of the caller's choosing) that keep marks of one lane (a row
    of a time axis) from covering each other.

    Marks of a lane (areas ``sizes`` in points²) whose centres (``points`` across, as drawn:
    :func:`points_across`) are closer than their half-widths and :data:`MARK_GAP_PT` form a cluster, taken in date order;
    the marks of a cluster get offsets one step apart, centred on the lane. A mark alone keeps
    its place (offset 0).

    >>> stack_ranks([10, 12, 60], ["a", "a", "a"], [42, 42, 42]).tolist()
    [-0.5, 0.5, 0.0]
    """
    points = np.asarray(points, dtype=float)
    half = np.sqrt(np.asarray(sizes, dtype=float)) / 2
    offsets = np.zeros(len(points))
    lanes = list(lanes)
    for lane in dict.fromkeys(lanes):
        mine = sorted((i for i, v in enumerate(lanes) if v == lane), key=lambda i: (points[i], i))
        clusters: list[list[int]] = []
        for i in mine:
            last = clusters[-1][-1] if clusters else None
            if last is not None and points[i] - points[last] < half[i] + half[last] + MARK_GAP_PT:
                clusters[-1].append(i)
            else:
                clusters.append([i])
        for cluster in clusters:
            for rank, i in enumerate(cluster):
                offsets[i] = rank - (len(cluster) - 1) / 2
    return offsets
