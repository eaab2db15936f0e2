"""The book's real figures, drawn from the data package, checked as a reader sees them.

Each check is a function that returns the problems it finds, run on every real figure it
applies to, and proven able to fail on a small figure that has the defect a reader reported
(the EU drawn with the Central Asian collective's colour and shape, names cut with "…",
labels on top of each other, a hidden hub tie, a missing line-width legend, low-contrast
timeline marks, counts ticked at 2.5, type below 8 pt).
"""

from __future__ import annotations

import collections
import itertools
import math
import re
import textwrap

import matplotlib.colors as mcolors
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.path import Path as MplPath
from matplotlib.text import Text

from eucasia.analysis import tracker
from eucasia.analysis.corpus import Corpus
from eucasia.analysis.declaration import agenda_changes
from eucasia.analysis.milestones import STRATEGY_DOCUMENT
from eucasia.analysis.network import strand_analysis
from eucasia.analysis.strandgraphs import corridor_graph, format_graph, river_graph
from eucasia.data import load_tables
from eucasia.data.vocabulary import STRANDS
from eucasia.presentation.charts import synthesis_figures, timelinefig, tracker_figures
from eucasia.presentation.charts.country_figures import agreement_alt, agreement_chart
from eucasia.presentation.charts.declaration_figure import agenda_chart
from eucasia.presentation.charts.networkfig import TIE_GAP_PT, draw_affiliation, draw_network
from eucasia.presentation.charts.plain_charts import NAMED_KINDS, structure_chart, timeline_chart
from eucasia.presentation.charts.synthesis_figures import crosswalk_chart, strength_heatmap
from eucasia.presentation.charts.timelinefig import plot_date
from eucasia.presentation.charts.tracker_figures import delivery_timeline, status_chart
from eucasia.presentation.figurekit import labels, typednodes
from eucasia.presentation.figurekit.canvas import count_axis, text_renderer
from eucasia.presentation.figurekit.labels import HALO
from eucasia.presentation.figurekit.layout import node_area
from eucasia.presentation.figurekit.legends import bottom_of, legend_within_width
from eucasia.presentation.figurekit.slots import GAP_PT, label_slots
from eucasia.presentation.figurekit.style import (
    ACTOR_TYPE_STYLE,
    FONT_FAMILY,
    FONT_PT,
    MAX_WIDTH_PT,
    MIN_FONT_PT,
    STATUS_STYLE,
    contrast_ratio,
)
from eucasia.presentation.tables.comparison import strand_titles, strength_matrix

GROUP_TYPE = {"central_asia": "central_asian_state", "neighbour": "neighbour_state"}


@pytest.fixture(scope="module")
def tables():
    return load_tables()


@pytest.fixture(scope="module")
def results(tables):
    corpus = Corpus.from_tables(tables)
    return {s: strand_analysis(corpus, s, seed=2019, robustness=False) for s in STRANDS}


@pytest.fixture(scope="module")
def networks(results):
    return {
        s: (draw_network(r.projection, r.metrics, s, seed=2019), r.projection)
        for s, r in results.items()
    }


@pytest.fixture(scope="module")
def affiliations(tables):
    graphs = {
        "rivers": river_graph(tables["rivers"], tables["countries"], tables["actors"]),
        "corridors": corridor_graph(
            tables["corridors"], tables["corridor_countries"], tables["countries"], tables["actors"]
        ),
        "formats": format_graph(tables),
    }
    return {k: (draw_affiliation(B, k), B) for k, B in graphs.items()}


def true_type(tables, node: str) -> str | None:
    """An actor's type from the actors table; a country's from its actor, else its group."""
    actors = tables["actors"].set_index("actor_id")["actor_type"]
    if node in actors.index:
        return actors[node]
    countries = tables["countries"].set_index("country_code")
    if node in countries.index:
        actor = countries.loc[node, "actor_id"]
        return actors[actor] if pd.notna(actor) else GROUP_TYPE.get(countries.loc[node, "group"])
    return None  # a river, corridor or format: not an actor


# --- checks -------------------------------------------------------------------------------------


def legend_mismatches(fig: Figure, expected: dict[str, str | None]) -> list[str]:
    """Nodes whose drawn colour or marker differs from the legend entry of their true type."""
    handles = {
        t.get_text(): h
        for legend in fig.legends + [a.get_legend() for a in fig.axes if a.get_legend()]
        for h, t in zip(legend.legend_handles, legend.get_texts(), strict=True)
        if isinstance(h, Line2D)
    }
    problems = []
    for coll in fig.axes[0].collections:
        for i, node in enumerate(getattr(coll, "nodes", ())):
            kind = expected.get(node)
            if kind is None:
                continue
            label = ACTOR_TYPE_STYLE[kind][0]
            handle = handles.get(label)
            if handle is None:
                problems.append(f"{node}: no legend entry {label!r}")
                continue
            face = coll.get_facecolor()[i % len(coll.get_facecolor())]
            marker = MarkerStyle(handle.get_marker())
            path = marker.get_path().transformed(marker.get_transform())
            drawn = coll.get_paths()[0]
            if not np.allclose(mcolors.to_rgba(handle.get_markerfacecolor()), face):
                problems.append(f"{node}: colour differs from legend entry {label!r}")
            elif drawn.vertices.shape != path.vertices.shape or not np.allclose(
                drawn.vertices, path.vertices
            ):
                problems.append(f"{node}: marker differs from legend entry {label!r}")
    return problems


def all_texts(fig: Figure) -> list[Text]:
    found = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return found


def _norm(text: str) -> str:
    """Lines joined as a reader reads them: a line broken after a hyphen joins without a space."""
    return re.sub(r"-\s+", "-", " ".join(text.split()))


def unnamed(fig: Figure, names: list[str]) -> list[str]:
    """Names not on the figure whole (as a label, or in a key), and labels cut with "…"."""
    texts = [_norm(t.get_text()) for t in all_texts(fig)]
    joined = " | ".join(texts)
    problems = [f"cut label {t!r}" for t in texts if t.endswith("…") or t.endswith("...")]
    for name in names:
        name = _norm(name)
        if name in joined:
            continue
        acronym = re.fullmatch(r"(.*) \(([^()]+)\)", name)
        if acronym and f"{acronym[2]}: {acronym[1]}" in joined and acronym[2] in texts:
            continue
        problems.append(f"not named: {name!r}")
    return problems


def overlapping_labels(fig: Figure) -> list[tuple[str, str]]:
    """Pairs of labels inside the plot whose rendered text boxes overlap."""
    renderer = text_renderer(fig)
    ax = fig.axes[0]
    boxes = []
    for t in ax.texts:
        if hasattr(t, "update_positions"):
            t.update_positions(renderer)
        boxes.append((t.get_text(), Text.get_window_extent(t, renderer)))
    return [(a, b) for (a, x), (b, y) in itertools.combinations(boxes, 2) if x.overlaps(y)]


def hidden_ties(fig: Figure, G, min_gap_pt: float) -> list[str]:
    """Tied node pairs whose markers are closer than ``min_gap_pt``: their tie cannot be seen."""
    ax = fig.axes[0]
    where, reach = {}, {}
    for coll in ax.collections:
        nodes = getattr(coll, "nodes", ())
        if not nodes:
            continue
        square = len(coll.get_paths()[0].vertices) <= 6
        for node, xy, area in zip(nodes, coll.get_offsets(), coll.get_sizes(), strict=True):
            where[node] = ax.transData.transform(xy) * 72 / fig.dpi
            reach[node] = math.sqrt(area) * (math.sqrt(2) / 2 if square else 0.5)
    problems = []
    for u, v in G.edges:
        gap = np.hypot(*(where[u] - where[v])) - reach[u] - reach[v]
        if gap < min_gap_pt:
            problems.append(f"{u}–{v}: {gap:.1f} pt")
    return problems


def missing_width_legend(fig: Figure) -> bool:
    """True when edges are drawn in several widths but no legend shows what a width means."""
    widths = {
        round(float(w), 3)
        for c in fig.axes[0].collections
        if isinstance(c, LineCollection)
        for w in c.get_linewidths()
    }
    if len(widths) < 2:
        return False
    legend_widths = {
        round(h.get_linewidth(), 3)
        for legend in fig.legends
        for h in legend.legend_handles
        if isinstance(h, Line2D)
        and h.get_linestyle() == "-"
        and h.get_marker() in ("None", None, "")
    }
    return len(legend_widths) < 2


def low_contrast_marks(fig: Figure) -> list[str]:
    found = []
    for coll in fig.axes[0].collections:
        if isinstance(coll, PathCollection):
            for face in coll.get_facecolor():
                if face[3] > 0 and contrast_ratio(mcolors.to_hex(face)) < 3:
                    found.append(mcolors.to_hex(face))
    return found


def fractional_ticks(fig: Figure) -> list[float]:
    ax = fig.axes[0]
    lo, hi = ax.get_xlim()
    return [t for t in ax.get_xticks() if lo <= t <= hi and t != int(t)]


def small_type(fig: Figure) -> list[str]:
    return [
        f"{t.get_text()!r} at {t.get_fontsize()} pt"
        for t in all_texts(fig)
        if t.get_fontsize() < MIN_FONT_PT
    ]


def off_style_type(fig: Figure) -> list[str]:
    """Texts not in the book's typeface at the style table's one size."""
    return [
        f"{t.get_text()[:30]!r}: {t.get_fontname()} {t.get_fontsize()} pt"
        for t in all_texts(fig)
        if t.get_fontsize() != FONT_PT or t.get_fontname() != FONT_FAMILY
    ]


#: Free space (points) a timeline name's type keeps from the centre of the 2019 line, three
#: quarters of an em: a name 5 points off it read as running into it.
LINE_CLEAR_TEXT_PT = 0.75 * FONT_PT


def timeline_collisions(fig: Figure, line_clear_pt: float = 0.0) -> list[str]:
    """Names of a timeline (its texts on a halo) that overlap each other, cross or come within
    ``line_clear_pt`` of a dashed vertical line (the 2019 Communication), cover a mark
    other than their own row's, or leave the axes. The overview's timeline is held to
    :data:`LINE_CLEAR_TEXT_PT` (``line_clear_pt``); by default a name only must not cross a line."""
    renderer = text_renderer(fig)
    ax = fig.axes[0]
    frame = ax.get_window_extent(renderer)
    names = [
        (t.get_text().split("\n")[0], Text.get_window_extent(t, renderer))
        for t in ax.texts
        if t.get_bbox_patch() is not None
    ]
    problems = [
        f"{a!r} overlaps {b!r}"
        for (a, x), (b, y) in itertools.combinations(names, 2)
        if x.overlaps(y)
    ]
    lines = [
        ax.transData.transform((xs[0], 0))[0]
        for xs in (ax.convert_xunits(list(line.get_xdata())) for line in ax.lines)
        if len(set(map(float, xs))) == 1
    ]
    marks = [
        (xy, math.sqrt(area) / 2 * fig.dpi / 72)
        for coll in ax.collections
        for xy, area in zip(
            ax.transData.transform(coll.get_offsets()),
            np.broadcast_to(coll.get_sizes(), len(coll.get_offsets())),
            strict=True,
        )
    ]
    for name, box in names:
        clear = line_clear_pt * fig.dpi / 72
        problems += [
            f"{name!r} crosses the line at x={x:.0f}"
            if box.x0 < x < box.x1
            else f"{name!r} runs into the line at x={x:.0f}"
            for x in lines
            if box.x0 - clear < x < box.x1 + clear
        ]
        if not (
            frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
        ):
            problems.append(f"{name!r} leaves the axes")
        for (cx, cy), r in marks:
            if box.x0 < cx + r and cx - r < box.x1 and box.y0 < cy + r and cy - r < box.y1:
                problems.append(f"{name!r} covers a mark at ({cx:.0f}, {cy:.0f})")
    return problems


def country_name_problems(fig: Figure) -> list[str]:
    """Names of a country figure that are not plainly their own mark's, in their lane's order.

    A name (a text tagged with its own ``mark``; the marks are tagged in their collection's
    ``marks``) must reach over its own mark (its box widened by the names' gap) with no other
    mark under it nearer; a lane's names start left to right in the date order of their marks;
    a lane title (a text tagged with its ``lane`` only) overlaps no name and crosses no dashed
    line. Overlaps among names, with marks and with the line are `timeline_collisions`'s."""
    renderer = text_renderer(fig)
    ax = fig.axes[0]
    px = fig.dpi / 72
    marks = {}
    for coll in ax.collections:
        for key, xy, area in zip(
            getattr(coll, "marks", ()),
            ax.transData.transform(coll.get_offsets()),
            np.broadcast_to(coll.get_sizes(), len(coll.get_offsets())),
            strict=True,
        ):
            marks[key] = (xy[0], xy[1], math.sqrt(area) / 2 * px)
    names = [t for t in ax.texts if hasattr(t, "mark")]
    titles = [t for t in ax.texts if hasattr(t, "lane") and not hasattr(t, "mark")]
    for t in names + titles:
        if hasattr(t, "update_positions"):
            t.update_positions(renderer)
    box = {id(t): Text.get_window_extent(t, renderer) for t in names + titles}
    problems = []
    for t in names:
        b, (cx, cy, r) = box[id(t)], marks[t.mark]
        label = t.get_text().split("\n")[0]
        lo, hi = b.x0 - GAP_PT * px, b.x1 + GAP_PT * px
        if not (lo < cx + r and cx - r < hi):
            problems.append(f"{label!r} is not over or under its own mark")
            continue

        def away(y: float, b=b) -> float:
            return max(b.y0 - y, y - b.y1, 0.0)

        nearer = [
            k
            for k, (x, y, _) in marks.items()
            if k != t.mark and lo < x < hi and away(y) < away(cy) - px
        ]
        if nearer:
            problems.append(f"{label!r} is nearer another mark than its own")
    for a, b in itertools.permutations(names, 2):
        earlier = a.lane == b.lane and marks[a.mark][0] < marks[b.mark][0] - 0.5 * px
        if earlier and box[id(a)].x0 > box[id(b)].x0 + 0.5 * px:
            first, later = a.get_text().split("\n")[0], b.get_text().split("\n")[0]
            problems.append(f"{later!r} starts left of the earlier {first!r}")
    lines = [
        ax.transData.transform((xs[0], 0))[0]
        for xs in (ax.convert_xunits(list(line.get_xdata())) for line in ax.lines)
        if len(set(map(float, xs))) == 1
    ]
    for t in titles:
        b = box[id(t)]
        problems += [f"title {t.get_text()!r} crosses the line" for x in lines if b.x0 < x < b.x1]
        problems += [
            f"title {t.get_text()!r} overlaps {n.get_text()!r}"
            for n in names
            if b.overlaps(box[id(n)])
        ]
    return problems


def repeated_entries(fig: Figure) -> list[str]:
    """Legend and key entries that say their label twice ("Civil society: Civil society (…)")."""
    lines = [t.get_text() for legend in _legends(fig) for t in legend.get_texts()]
    lines += [line for t in all_texts(fig) for line in t.get_text().split("\n")]
    problems = []
    for line in lines:
        mark, sep, name = line.strip().partition(": ")
        if sep and _norm(name).casefold().startswith(_norm(mark).casefold()):
            problems.append(line.strip())
    return problems


def _legends(fig: Figure) -> list:
    return fig.legends + [a.get_legend() for a in fig.axes if a.get_legend()]


def hidden_markers(fig: Figure, share: float = 0.5) -> list[str]:
    """Marks of which more than ``share`` of the box lies under one mark drawn after them (a
    scatter point, a node): such a mark cannot be seen or told apart."""
    marks = []  # in drawing order
    for ax in fig.axes:
        for coll in sorted(ax.collections, key=lambda c: c.get_zorder()):
            if not isinstance(coll, PathCollection) or not len(coll.get_offsets()):
                continue
            sizes = np.broadcast_to(coll.get_sizes(), len(coll.get_offsets()))
            centres = ax.transData.transform(coll.get_offsets())
            marks += [
                (xy, math.sqrt(area) / 2 * fig.dpi / 72)
                for xy, area in zip(centres, sizes, strict=True)
            ]
    problems = []
    for (i, (a, ra)), (j, (b, rb)) in itertools.permutations(enumerate(marks), 2):
        if j < i:
            continue  # only a mark drawn later can cover an earlier one
        w = max(0.0, min(a[0] + ra, b[0] + rb) - max(a[0] - ra, b[0] - rb))
        h = max(0.0, min(a[1] + ra, b[1] + rb) - max(a[1] - ra, b[1] - rb))
        if w * h > share * (2 * ra) ** 2:
            problems.append(f"mark at ({a[0]:.0f}, {a[1]:.0f}) under ({b[0]:.0f}, {b[1]:.0f})")
    return problems


# --- the real figures ---------------------------------------------------------------------------


def test_drawn_nodes_match_the_legend_entry_of_their_true_type(tables, networks, affiliations):
    for fig, G in [*networks.values(), *affiliations.values()]:
        expected = {n: true_type(tables, n) for n in G}
        assert legend_mismatches(fig, expected) == []
        assert sum(len(getattr(c, "nodes", ())) for c in fig.axes[0].collections) > 0


def test_the_legend_check_catches_the_eu_drawn_as_a_central_asian_collective(tables):
    B = corridor_graph(
        tables["corridors"], tables["corridor_countries"], tables["countries"], tables["actors"]
    )
    B.nodes["EU"]["actor_type"] = "central_asian_collective"  # the reported defect
    fig = draw_affiliation(B, "Corridors")
    problems = legend_mismatches(fig, {n: true_type(tables, n) for n in B})
    assert problems == ["EU: no legend entry 'EU institution'"]


def test_every_name_is_shown_whole_or_explained_in_a_key(tables, results, networks, affiliations):
    for fig, G in [*networks.values(), *affiliations.values()]:
        assert unnamed(fig, [G.nodes[n].get("label", n) for n in G]) == []
    matrix = strength_matrix(results)
    assert unnamed(strength_heatmap(matrix, strand_titles(tables)), list(matrix.index)) == []
    walk = crosswalk_chart(tables)
    titles = [*tables["areas"]["title"], *tables["roadmap_areas"]["title"]]
    assert unnamed(walk, titles) == []
    timeline = tables["timeline"]
    named = timeline[timeline["kind"].isin(NAMED_KINDS)]
    named = named[~named["title"].str.contains(STRATEGY_DOCUMENT, regex=False)]
    assert unnamed(timeline_chart(timeline[timeline["date"] >= "2007"]), list(named["title"])) == []


def test_the_name_check_catches_a_cut_label():
    fig = Figure()
    ax = fig.add_subplot()
    ax.text(0, 0, "Independent trade union …")
    ax.text(0, 1, "OSCE")
    assert unnamed(fig, ["Independent trade union leaders"]) == [
        "cut label 'Independent trade union …'",
        "not named: 'Independent trade union leaders'",
    ]
    assert unnamed(fig, ["Organization for Security and Co-operation in Europe (OSCE)"]) == [
        "cut label 'Independent trade union …'",
        "not named: 'Organization for Security and Co-operation in Europe (OSCE)'",
    ]


def test_network_labels_have_halos_and_never_overlap(networks):
    for fig, _ in networks.values():
        assert overlapping_labels(fig) == []
        for t in fig.axes[0].texts:
            halo = t.get_bbox_patch()
            assert halo is not None, f"label {t.get_text()!r} has no halo"
            assert mcolors.to_hex(halo.get_facecolor()) == "#ffffff"


def test_the_overlap_check_catches_labels_on_top_of_each_other():
    fig = Figure()
    ax = fig.add_subplot()
    ax.annotate("European Union", (0.5, 0.5))
    ax.annotate("Central Asian states", (0.52, 0.5))
    assert overlapping_labels(fig) == [("European Union", "Central Asian states")]


def _path_area(path: MplPath) -> float:
    """The area a closed path covers (its polygons' shoelace areas)."""
    total = 0.0
    for xy in path.to_polygons(closed_only=True):
        x, y = xy[:, 0], xy[:, 1]
        total += abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2
    return total


def drawn_markers(fig: Figure) -> dict:
    """Each node's marker as drawn: its outline in display space, its area (points²) and its
    centre (data units), read from the marker paths and sizes of the figure's node artists."""
    ax = fig.axes[0]
    px = fig.dpi / 72
    found = {}
    for coll in ax.collections:
        nodes = getattr(coll, "nodes", ())
        if not isinstance(coll, PathCollection) or not nodes:
            continue
        unit = coll.get_paths()[0]
        sizes = np.broadcast_to(coll.get_sizes(), len(nodes))
        for node, xy, s in zip(nodes, coll.get_offsets(), sizes, strict=True):
            outline = MplPath(unit.vertices * math.sqrt(s) * px + ax.transData.transform(xy))
            found[node] = (outline, _path_area(unit) * s, tuple(np.round(xy, 9)))
    return found


def areas_off_scale(fig: Figure, strength: dict, tolerance: float = 0.05) -> list[str]:
    """Nodes whose drawn area is not on the figure's one strength scale (``node_area``, the
    scale its legend shows) within ``tolerance``, whatever their marker's shape."""
    smax = max(max(strength.values(), default=0), 1)
    ratio = {n: a / node_area(strength[n], smax) for n, (_, a, _) in drawn_markers(fig).items()}
    ref = float(np.median(list(ratio.values())))
    return sorted(f"{n}: {r / ref:.3f}" for n, r in ratio.items() if abs(r / ref - 1) > tolerance)


def labels_over_markers(fig: Figure) -> list[str]:
    """Labels whose white halo (the drawn box) covers part of another node's marker."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    markers = drawn_markers(fig)
    problems = []
    for t in fig.axes[0].texts:
        halo = t.get_bbox_patch()
        if halo is None:
            continue
        box = halo.get_window_extent(renderer)
        own = tuple(np.round(t.xy, 9)) if hasattr(t, "xy") else None
        for n, (outline, _, xy) in markers.items():
            if xy != own and outline.intersects_bbox(box, filled=True):
                problems.append(f"{' '.join(t.get_text().split())!r} over {n}")
    return problems


def test_node_area_is_on_one_strength_scale_for_every_shape(results, networks):
    """A square and a circle of the same strength cover the same area, so the Central Asian
    states' square (strength 57) is drawn smaller than the EU's circle (70)."""
    for strand, (fig, _) in networks.items():
        metrics = results[strand].metrics
        assert (
            areas_off_scale(fig, dict(zip(metrics["node"], metrics["strength"], strict=True))) == []
        )
    markers = drawn_markers(networks["resilience"][0])
    assert markers["central_asian_states"][1] < markers["eu"][1]


def test_the_area_check_catches_squares_drawn_at_a_circles_size(results, monkeypatch):
    """Matplotlib's ``s`` as the reader found it, given to every shape alike: a square of side
    √s covers 27 % more than a circle of diameter √s."""
    monkeypatch.setattr(typednodes, "shape_size", lambda area, marker: area)
    r = results["resilience"]
    fig = draw_network(r.projection, r.metrics, "t", seed=2019)
    found = areas_off_scale(fig, dict(zip(r.metrics["node"], r.metrics["strength"], strict=True)))
    assert "central_asian_states: 1.274" in found
    markers = drawn_markers(fig)
    assert markers["central_asian_states"][1] > markers["eu"][1]


def test_no_label_covers_another_nodes_marker(networks):
    for fig, _ in networks.values():
        assert labels_over_markers(fig) == []


def test_the_label_check_catches_a_halo_over_a_marker(networks):
    """The reader's case: a name's halo laid over the General Assembly's marker."""
    fig, _ = networks["resilience"]
    ax = fig.axes[0]
    label = next(t for t in ax.texts if t.get_text().startswith("United Nations Human"))
    saved = label.xyann, label.get_ha(), label.get_va()
    unga = ax.transData.transform(drawn_markers(fig)["unga"][2])
    label.xyann = tuple((unga - ax.transData.transform(label.xy)) * 72 / fig.dpi)
    label.set_ha("center"), label.set_va("center")
    try:
        assert any(p.endswith("over unga") for p in labels_over_markers(fig))
    finally:
        label.xyann = saved[0]
        label.set_ha(saved[1]), label.set_va(saved[2])


def _label_boxes(fig: Figure) -> list[tuple[Text, object]]:
    """The network's node labels (texts placed at a node) and their text boxes as drawn."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    found = []
    for t in fig.axes[0].texts:
        if hasattr(t, "update_positions"):
            t.update_positions(renderer)
        found.append((t, Text.get_window_extent(t, renderer)))
    return found


def _marker_distance(box, outline: MplPath) -> float:
    """How far a drawn marker (its outline in display space) is from a text box, 0 where they
    meet: to a square's sides, or to a circle's edge."""
    extent = outline.get_extents()
    if len(outline.vertices) <= 6:  # a square: the distance between two boxes
        dx = max(extent.x0 - box.x1, 0.0, box.x0 - extent.x1)
        dy = max(extent.y0 - box.y1, 0.0, box.y0 - extent.y1)
        return math.hypot(dx, dy)
    (cx, cy), r = extent.p0 + (extent.p1 - extent.p0) / 2, extent.width / 2
    dx = max(box.x0 - cx, 0.0, cx - box.x1)
    dy = max(box.y0 - cy, 0.0, cy - box.y1)
    return max(0.0, math.hypot(dx, dy) - r)


def labels_nearer_another_node(fig: Figure) -> list[str]:
    """Node labels nearer another node's marker than their own (or as near): the marker next
    to a name must be its own. The reader met "Researchers, academics and research institutes"
    40 points below-left of its square, between the United Nations and the Central Asian
    states, so that it read as either's."""
    markers = drawn_markers(fig)
    problems = []
    for t, box in _label_boxes(fig):
        own = next((n for n, (_, _, xy) in markers.items() if xy == tuple(np.round(t.xy, 9))), None)
        if own is None:
            continue
        mine = _marker_distance(box, markers[own][0])
        for n, (outline, _, _) in markers.items():
            if n != own and _marker_distance(box, outline) <= mine:
                name = " ".join(t.get_text().split())
                problems.append(f"{name!r} ({own}) is as near {n}")
    return problems


#: The least free space (points) between two labels' texts side by side, and one above the
#: other: "2" three points from "European Union" read "2 European Union".
LABEL_CLEAR_X_PT, LABEL_CLEAR_Y_PT = 0.9 * FONT_PT, 0.4 * FONT_PT


def touching_labels(fig: Figure) -> list[str]:
    """Pairs of node labels closer than :data:`LABEL_CLEAR_X_PT` side by side or
    :data:`LABEL_CLEAR_Y_PT` one above the other: they read as one label."""
    px = fig.dpi / 72
    problems = []
    for (a, x), (b, y) in itertools.combinations(_label_boxes(fig), 2):
        dx = max(x.x0 - y.x1, y.x0 - x.x1) / px
        dy = max(x.y0 - y.y1, y.y0 - x.y1) / px
        if dx < LABEL_CLEAR_X_PT and dy < LABEL_CLEAR_Y_PT:
            problems.append(f"{' '.join(a.get_text().split())!r} touches {b.get_text()!r}")
    return problems


def test_each_label_is_nearest_its_own_node_and_clear_of_the_others(networks):
    for fig, _ in networks.values():
        assert labels_nearer_another_node(fig) == []
        assert touching_labels(fig) == []


def test_the_nearness_checks_catch_the_readers_layout(results, monkeypatch):
    """Figure 4.1 placed as the reader found it (labels checked against markers and labels
    only for overlap): the research institutes' name nearer other nodes, "2" against the EU."""
    monkeypatch.setattr(labels, "nearest_is_own", lambda *args: True)
    monkeypatch.setattr(labels, "LABEL_GAP_X_PT", 2 * labels.LABEL_MARGIN_PT)
    monkeypatch.setattr(labels, "LABEL_GAP_Y_PT", 2 * labels.LABEL_MARGIN_PT)
    r = results["together"]
    fig = draw_network(r.projection, r.metrics, "t", seed=2019)
    assert any(p.startswith("'Researchers, academics") for p in labels_nearer_another_node(fig))
    assert any("European Union" in p and "'2'" in p for p in touching_labels(fig))


def tall_names(fig: Figure, most: int = 3) -> list[str]:
    """Texts of the figure that take more than ``most`` lines: a name stacked in a narrow
    column, which a reader has to piece together."""
    return [
        " ".join(t.get_text().split())[:40]
        for t in all_texts(fig)
        if t.get_text().count("\n") + 1 > most
    ]


def test_the_crosswalk_gives_each_key_area_name_at_most_three_lines(tables):
    fig = crosswalk_chart(tables)
    assert tall_names(fig) == []
    assert not off_figure(fig)


def test_the_tall_name_check_catches_names_stacked_in_a_column(tables, monkeypatch):
    """Each name in its own column, 13 characters a line, as the reader found it (12 lines)."""
    monkeypatch.setattr(synthesis_figures, "CROSSWALK_KEY_WRAP", 13)
    assert "3. Engaging on energy, climate neutral e" in tall_names(crosswalk_chart(tables))


def off_figure(fig: Figure) -> list[str]:
    """Texts drawn (partly) outside the figure: cut off on the page."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    box = fig.bbox.padded(1)
    return [
        t.get_text()[:40]
        for t in all_texts(fig)
        if not (
            box.contains(*t.get_window_extent(renderer).p0)
            and box.contains(*t.get_window_extent(renderer).p1)
        )
    ]


def test_every_tie_shows_between_its_markers(networks):
    for fig, G in networks.values():
        assert hidden_ties(fig, G, 0.8 * TIE_GAP_PT) == []


def test_the_tie_check_catches_touching_hubs(networks):
    fig, G = networks["resilience"]
    ax = fig.axes[0]
    hubs = [
        c for c in ax.collections if {"eu", "central_asian_states"} & set(getattr(c, "nodes", ()))
    ]
    eu = next(c for c in hubs if "eu" in c.nodes)
    ca = next(c for c in hubs if "central_asian_states" in c.nodes)
    offsets = ca.get_offsets().copy()
    saved = offsets.copy()
    offsets[ca.nodes.index("central_asian_states")] = eu.get_offsets()[eu.nodes.index("eu")]
    ca.set_offsets(offsets)  # the two hubs on top of each other, as the reader saw them
    try:
        assert "eu–central_asian_states" in " ".join(hidden_ties(fig, G, 0.8 * TIE_GAP_PT)) or (
            "central_asian_states–eu" in " ".join(hidden_ties(fig, G, 0.8 * TIE_GAP_PT))
        )
    finally:
        ca.set_offsets(saved)


def test_line_widths_that_vary_have_a_legend(networks, affiliations):
    for fig, _ in [*networks.values(), affiliations["formats"]]:
        assert not missing_width_legend(fig)
    fig, _ = affiliations["formats"]
    kept = list(fig.legends)
    fig.legends.clear()  # the reported defect: widths vary, no legend says what they mean
    try:
        assert missing_width_legend(fig)
    finally:
        fig.legends.extend(kept)


def test_river_figure_shows_each_countrys_position(affiliations):
    fig, B = affiliations["rivers"]
    legend_text = {t.get_text() for legend in fig.legends for t in legend.get_texts()}
    positions = {d["position"] for *_, d in B.edges(data=True)}
    assert positions <= legend_text and {"upstream", "downstream"} <= positions
    styles = {
        (mcolors.to_hex(c.get_edgecolor()[0]), str(c.get_linestyle()))
        for c in fig.axes[0].collections
        if isinstance(c, LineCollection)
    }
    assert len(styles) == len(positions)  # one look per position, as the legend says


def test_timeline_marks_contrast_with_white_and_the_2019_communication_is_marked(tables):
    fig = timeline_chart(tables["timeline"][tables["timeline"]["date"] >= "2007"])
    assert low_contrast_marks(fig) == []
    assert any(STRATEGY_DOCUMENT in t.get_text() for t in fig.axes[0].texts)
    old = Figure()
    old.add_subplot().scatter([1], [1], color="#F0E442")  # the reported low-contrast yellow
    assert low_contrast_marks(old) == ["#f0e442"]


def test_count_axes_tick_whole_numbers_only(tables):
    status = tables["implementation_status"].merge(
        tables["initiatives"][["initiative_id", "area_id"]], on="initiative_id"
    )
    counts = status.groupby(["area_id", "status"]).size().unstack(fill_value=0)
    figures = [
        structure_chart(tables["areas"], tables["initiatives"], tables["strands"]),
        status_chart(counts, {a: a for a in counts.index}),
    ]
    for fig in figures:
        fig.canvas.draw()
        assert fractional_ticks(fig) == []
    old = Figure(figsize=(7, 3))
    ax = old.add_subplot()
    ax.barh([0, 1], [1, 3])
    ax.set_xlim(0, 3)
    assert 2.5 in fractional_ticks(old)  # Matplotlib's default ticks a small count at halves
    count_axis(ax.xaxis)
    assert fractional_ticks(old) == []


def book_figures(tables, results, networks, affiliations) -> dict[str, Figure]:
    """Every kind of figure the book draws, from the real data."""
    status = tables["implementation_status"].merge(
        tables["initiatives"][["initiative_id", "area_id"]], on="initiative_id"
    )
    counts = status.groupby(["area_id", "status"]).size().unstack(fill_value=0)
    figures = {f"network {s}": f for s, (f, _) in networks.items()}
    figures |= {f"affiliation {k}": f for k, (f, _) in affiliations.items()}
    figures |= {
        "heatmap": strength_heatmap(strength_matrix(results), strand_titles(tables)),
        "crosswalk": crosswalk_chart(tables),
        "declaration": agenda_chart(agenda_changes(tables), 8),
        "timeline": timeline_chart(tables["timeline"][tables["timeline"]["date"] >= "2007"]),
        "structure": structure_chart(tables["areas"], tables["initiatives"], tables["strands"]),
        "status": status_chart(counts, {a: a for a in counts.index}),
        "delivery": tracker_delivery_figure(tables),
    }
    figures |= {f"country {c}": agreement_chart(tables, c) for c in COUNTRIES}
    return figures


COUNTRIES = ("KAZ", "KGZ", "TJK", "TKM", "UZB")


@pytest.fixture(scope="module")
def every_figure(tables, results, networks, affiliations):
    return book_figures(tables, results, networks, affiliations)


def saved_width_pt(fig: Figure) -> float:
    """The width (points) of the file the figure is saved as (``bbox_inches="tight"``)."""
    return fig.get_tightbbox(text_renderer(fig)).width * 72  # inches to points


def test_type_is_the_books_at_one_size_in_every_figure(every_figure):
    """One typeface and size in every figure, and no figure wider than the page's column can
    show at that size for 11 px type (its saved width: legends and keys included)."""
    for name, fig in every_figure.items():
        assert small_type(fig) == [], name
        assert off_style_type(fig) == [], name
        assert saved_width_pt(fig) <= MAX_WIDTH_PT, name
    wide = Figure(figsize=(7, 2))
    wide.add_subplot().legend(
        handles=[Line2D([], [], label=f"a long entry {i}") for i in range(9)],
        ncol=9,
        loc="upper left",
        bbox_to_anchor=(0, -0.1),
    )
    assert saved_width_pt(wide) > MAX_WIDTH_PT  # a legend in a row too long for the figure
    old = Figure()
    old.add_subplot().text(0, 0, "EU", fontsize=7, family="DejaVu Sans")
    assert small_type(old) == ["'EU' at 7.0 pt"]
    assert off_style_type(old) == ["'EU': DejaVu Sans 7.0 pt"]


def test_timeline_names_never_collide_nor_cross_the_2019_line(tables):
    fig = timeline_chart(tables["timeline"][tables["timeline"]["date"] >= "2007"])
    assert timeline_collisions(fig, LINE_CLEAR_TEXT_PT) == []
    assert sum(t.get_bbox_patch() is not None for t in fig.axes[0].texts) >= 5


def test_the_collision_check_catches_names_over_each_other_and_the_line():
    """The reported defect: two meetings' names on top of each other, one across the line."""
    fig = Figure(figsize=(7, 3))
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    ax.set_xlim(pd.Timestamp("2006-01-01"), pd.Timestamp("2027-01-01"))
    ax.set_ylim(0, 3)
    ax.axvline(pd.Timestamp("2019-05-15"), ls="--")
    ax.scatter([pd.Timestamp("2023-06-02")], [1.0], s=60)
    ax.text(pd.Timestamp("2016-01-01"), 2, "First meeting of the Heads", bbox=HALO)
    ax.text(pd.Timestamp("2017-01-01"), 2, "Second meeting", bbox=HALO)
    ax.text(pd.Timestamp("2023-01-01"), 0.98, "Summit", bbox=HALO)
    problems = timeline_collisions(fig)
    assert "'First meeting of the Heads' overlaps 'Second meeting'" in problems
    assert any("'First meeting of the Heads' crosses the line" in p for p in problems)
    assert any("'Summit' covers a mark" in p for p in problems)


def test_the_line_check_catches_a_name_run_into_the_line(tables, monkeypatch):
    """The reader's case: the 2016 Joint Communication's name, its halo 4 points off the 2019
    line (the gap kept between two names), its type touching the dash."""
    monkeypatch.setattr(timelinefig, "LINE_CLEAR_PT", GAP_PT)
    fig = timeline_chart(tables["timeline"][tables["timeline"]["date"] >= "2007"])
    assert any(
        p.startswith("\"Joint Communication 'Towards") and "runs into the line" in p
        for p in timeline_collisions(fig, LINE_CLEAR_TEXT_PT)
    ), timeline_collisions(fig, LINE_CLEAR_TEXT_PT)


def mark_kind_mismatches(fig: Figure, timeline: pd.DataFrame) -> list[str]:
    """Events drawn with another kind's mark: every event of a named kind (a strategy, a Joint
    Communication, a leaders' meeting, a summit) is a diamond, whether its name stands beside
    it or over its line, and every other event a point. Marks are matched by date."""
    ax = fig.axes[0]
    drawn = collections.Counter()
    for coll in ax.collections:
        shape = "diamond" if len(coll.get_paths()[0].vertices) <= 6 else "point"
        drawn.update((round(float(x), 6), shape) for x, _ in coll.get_offsets())
    wanted = collections.Counter(
        (
            round(float(mdates.date2num(plot_date(d))), 6),
            "diamond" if k in NAMED_KINDS else "point",
        )
        for d, k in zip(timeline["date"], timeline["kind"], strict=True)
    )
    days = {
        x: d
        for x, d in zip(
            map(mdates.date2num, map(plot_date, timeline["date"])), timeline["date"], strict=True
        )
    }
    return sorted(
        f"{days.get(x, x)}: {shape} wanted, not drawn" for (x, shape) in wanted - drawn
    ) + sorted(f"{days.get(x, x)}: {shape} drawn, not wanted" for (x, shape) in drawn - wanted)


def test_every_timeline_event_has_its_kinds_mark(tables):
    """The 2019 Communication, named over its line, is a diamond as the 2016 one is."""
    timeline = tables["timeline"][tables["timeline"]["date"] >= "2007"]
    assert mark_kind_mismatches(timeline_chart(timeline), timeline) == []


def test_the_mark_check_catches_the_2019_communication_drawn_as_a_point(tables):
    """As the reader found it: the 2019 Communication's mark among the plain points."""
    timeline = tables["timeline"][tables["timeline"]["date"] >= "2007"]
    fig = timeline_chart(timeline)
    points, diamonds = sorted(
        fig.axes[0].collections, key=lambda c: len(c.get_paths()[0].vertices)
    )[::-1]
    x = mdates.date2num(pd.Timestamp("2019-05-15"))
    moved = np.isclose(diamonds.get_offsets()[:, 0], x)
    assert moved.sum() == 1
    points.set_offsets(np.vstack([points.get_offsets(), diamonds.get_offsets()[moved]]))
    diamonds.set_offsets(diamonds.get_offsets()[~moved])
    assert mark_kind_mismatches(fig, timeline) == [
        "2019-05-15: diamond wanted, not drawn",
        "2019-05-15: point drawn, not wanted",
    ]


def test_timeline_rule_puts_names_in_their_row_and_beside_the_line():
    """Names of one row take turns above and below; a name never spans the line (here between
    95 and 105 points); one too wide for its side takes its next, narrower form."""
    events = [
        ("a", 0, 90, [120, 80]),  # left of the line: only its narrower form fits
        ("b", 0, 110, [120]),
        ("c", 0, 120, [120]),
        ("d", 0, 130, [120]),  # the row's two sides are taken: no place
        ("e", 1, 110, [120]),  # another row: free again
    ]
    slots = label_slots(events, [(0, 95), (105, 300)])
    assert slots == {
        "a": (1, "above", 15.0),
        "b": (0, "above", 106.0),
        "c": (0, "below", 116.0),
        "e": (0, "above", 106.0),
    }


def test_no_legend_or_key_entry_repeats_its_label(every_figure):
    for name, fig in every_figure.items():
        assert repeated_entries(fig) == [], name
    old = Figure()
    old.text(0, 0, "Key\nCivil society: Civil society (organisations and activists)")
    assert repeated_entries(old) == ["Civil society: Civil society (organisations and activists)"]


def test_no_mark_is_hidden_under_another(every_figure):
    for name, fig in every_figure.items():
        fig.canvas.draw()
        assert hidden_markers(fig) == [], name


def test_the_hidden_mark_check_catches_initialled_under_concluded():
    """The reported defect: a triangle (initialled) drawn under a square (concluded) three
    weeks later, on one agreement's row."""
    fig = Figure(figsize=(7, 2))
    ax = fig.add_axes((0.05, 0.2, 0.9, 0.7))
    ax.set_xlim(pd.Timestamp("1995-01-01"), pd.Timestamp("2026-01-01"))
    ax.set_ylim(-1, 1)
    ax.scatter([pd.Timestamp("2019-07-06")], [0], marker="^", s=42, zorder=3)
    ax.scatter([pd.Timestamp("2019-06-15")], [0], marker="s", s=42, zorder=3)
    assert len(hidden_markers(fig)) == 1


@pytest.mark.parametrize("code", ["KAZ", "KGZ", "TJK", "TKM", "UZB"])
def test_each_country_has_an_agreement_figure_true_to_its_data(tables, code):
    """Every milestone named (beside its mark, or numbered there and named in the key below),
    each name plainly its own mark's and in date order in its lane (the overview timeline's rule)."""
    fig = agreement_chart(tables, code)
    alt = agreement_alt(tables, code)
    agreements = tables["agreements"]
    ids = agreements.loc[agreements["country_code"] == code, "agreement_id"]
    steps = tables["agreement_milestones"]
    steps = steps[steps["agreement_id"].isin(ids)]
    names = [t for t in fig.axes[0].texts if hasattr(t, "mark")]
    key = dict(
        line.split(": ", 1)
        for t in fig.axes[0].texts
        if not hasattr(t, "mark") and not hasattr(t, "lane")
        for line in t.get_text().split("\n")
    )
    shown = [key[t.get_text()] if t.get_text() in key else _norm(t.get_text()) for t in names]
    for milestone, date in zip(steps["milestone"], steps["date"], strict=True):
        assert f"{milestone.replace('_', ' ')} {date}" in shown
        assert f"{milestone.replace('_', ' ')} {date}" in alt
    assert len(shown) == len(steps)
    assert overlapping_labels(fig) == []
    assert timeline_collisions(fig) == []
    assert country_name_problems(fig) == []
    assert tables["countries"].set_index("country_code").loc[code, "name"] in alt


def _old_country_figure() -> Figure:
    """An empty lane of a country figure, with the 2019 line; `_old_mark` and `_old_name` draw
    marks and names on it where the old placement put them, tagged as the chart tags them."""
    fig = Figure(figsize=(7, 2))
    ax = fig.add_axes((0.05, 0.2, 0.9, 0.7))
    ax.set_xlim(pd.Timestamp("1995-01-01"), pd.Timestamp("2022-01-01"))
    ax.set_ylim(-1, 1)
    ax.axvline(pd.Timestamp("2019-05-15"), ls="--")
    return fig


def _old_mark(fig: Figure, key: int, date: str, marker: str, y: float = 0.0) -> None:
    ax = fig.axes[0]
    drawn = ax.scatter([pd.Timestamp(date)], [y], marker=marker, s=42)
    drawn.marks = [key]


def _old_name(fig: Figure, key: int, text: str, date: str, dx: float, ha: str, dy: float = 0.0):
    ax = fig.axes[0]
    name = ax.annotate(
        text,
        (pd.Timestamp(date), dy),
        xytext=(dx, 0),
        textcoords="offset points",
        ha=ha,
        va="center",
        bbox=HALO,
    )
    name.mark, name.lane = key, 0


def test_the_country_name_check_catches_the_names_a_reader_misread():
    """Turkmenistan's "negotiations concluded" beside the "signed" diamond; Uzbekistan's PCA
    names out of date order ("in force" left of its star, "signed" right of it); a number
    under the square of a stack when its mark is the triangle above; a lane title across the
    2019 line."""
    tkm = _old_country_figure()
    _old_mark(tkm, 0, "1997-05-24", "s")
    _old_mark(tkm, 1, "1998-05-25", "D")
    _old_name(tkm, 0, "negotiations concluded\n1997-05-24", "1998-05-25", 6, "left")
    _old_name(tkm, 1, "signed\n1998-05-25", "1998-05-25", 0, "center", dy=0.6)
    assert country_name_problems(tkm) == [
        "'negotiations concluded' is not over or under its own mark",
        "'signed' starts left of the earlier 'negotiations concluded'",
    ]
    uzb = _old_country_figure()
    _old_mark(uzb, 0, "1996-06-21", "D")
    _old_mark(uzb, 1, "1999-07-01", "*")
    _old_name(uzb, 1, "in force\n1999", "1999-07-01", -6, "right")
    _old_name(uzb, 0, "signed\n1996-06-21", "1999-07-01", 6, "left")
    assert country_name_problems(uzb) == [
        "'signed' is not over or under its own mark",
        "'in force' starts left of the earlier 'signed'",
    ]
    stack = _old_country_figure()
    _old_mark(stack, 0, "2014-10-09", "s", y=-0.05)
    _old_mark(stack, 1, "2015-01-20", "^", y=0.05)
    _old_name(stack, 1, "2", "2015-01-20", 0, "center", dy=-0.3)
    assert country_name_problems(stack) == ["'2' is nearer another mark than its own"]
    title = _old_country_figure()
    lane = title.axes[0].text(pd.Timestamp("2012-01-01"), 0.8, "Enhanced Partnership (EPCA)")
    lane.lane = 0
    assert country_name_problems(title) == ["title 'Enhanced Partnership (EPCA)' crosses the line"]


def test_a_timeline_event_with_no_room_for_its_name_is_numbered_in_a_key(tables):
    """A title too long to place beside its mark (here: the first named events made very long)
    is numbered on the chart and named whole in the key under it; the book does not stop."""
    timeline = tables["timeline"][tables["timeline"]["date"] >= "2007"].copy()
    named = timeline["kind"].isin(NAMED_KINDS) & ~timeline["title"].str.contains(
        STRATEGY_DOCUMENT, regex=False
    )
    long = " ".join(["a very long title that cannot find room beside its mark"] * 4)
    timeline.loc[named, "title"] = timeline.loc[named, "title"] + " " + long
    fig = timeline_chart(timeline)
    titles = list(timeline.loc[named, "title"])
    assert unnamed(fig, titles) == []
    texts = [t.get_text() for t in all_texts(fig)]
    assert any(re.match(r"1: ", t) for t in texts), "no numbered key under the chart"


def key_layout(fig: Figure) -> tuple:
    """How a figure's one key reads and stands, as drawn: its entries in reading order (rows
    top to bottom, each left to right), its number of columns, its centre's distance (points)
    from the centre of the saved figure and its top's distance under the axis and its label."""
    fig.canvas.draw()
    renderer = text_renderer(fig)
    (legend,) = _legends(fig)
    texts = [(t.get_window_extent(renderer), t.get_text()) for t in legend.get_texts()]
    rows: list[list] = []  # a row: entries whose boxes overlap in height, whatever their descent
    for box, text in sorted(texts, key=lambda b: -b[0].y1):
        if rows and box.y1 > rows[-1][0][0].y0:
            rows[-1].append((box, text))
        else:
            rows.append([(box, text)])
    entries = [text for row in rows for _, text in sorted(row, key=lambda b: b[0].x0)]
    columns = len({round(box.x0) for box, _ in texts})
    box, saved = legend.get_window_extent(renderer), fig.get_tightbbox(renderer)
    pt = 72 / fig.dpi
    axis = fig.axes[0].xaxis.get_tightbbox(renderer)
    across = round((box.x0 + box.x1) / 2 * pt - (saved.x0 + saved.x1) / 2 * 72)
    return entries, columns, across, round((axis.y0 - box.y1) * pt)


def tracker_status_figures(tables) -> dict[str, Figure]:
    """Figures 6.1 and 6.2 of the tracker chapter, drawn as the chapter draws them."""
    titles = strand_titles(tables)
    by_kind = tracker.status_counts_by_kind(tables)
    by_section = tracker.status_counts(tables, by="area_id")
    areas = tables["areas"].set_index("area_id")["title"]
    return {
        "6.1": status_chart(by_kind, {(s, k): f"{titles[s]}: {k}" for s, k in by_kind.index}),
        "6.2": status_chart(by_section, {a: f"{a} {areas[a]}" for a in by_section.index}),
    }


def test_the_tracker_status_figures_share_one_key_layout(tables):
    """Figures 6.1 and 6.2 show one key: the statuses in the vocabulary's order, read row by
    row, in as many columns, at one place under the axis. Proven on the keys as they were: each
    at its own axes' left, under its axis label as measured before the layout moved it, filled
    column by column."""
    figures = tracker_status_figures(tables)
    layouts = {name: key_layout(fig) for name, fig in figures.items()}
    assert layouts["6.1"] == layouts["6.2"]
    present = set(tables["implementation_status"]["status"])
    statuses = [label for s, (label, _) in STATUS_STYLE.items() if s in present]
    assert layouts["6.1"][0] == statuses
    for fig in figures.values():  # the old keys
        order = [label for label, _ in STATUS_STYLE.values()]
        handles = sorted(fig.legends.pop().legend_handles, key=lambda h: order.index(h.get_label()))
        ax = fig.axes[0]
        legend_within_width(
            ax,
            handles,
            ncol=3,
            loc="upper left",
            bbox_to_anchor=(0, bottom_of(ax, ax.xaxis.label)),
            frameon=False,
        )
    old = {name: key_layout(fig) for name, fig in figures.items()}
    assert old["6.1"][2:] != old["6.2"][2:]  # placed apart
    assert old["6.1"][0] != statuses  # read column by column, the order is lost


#: The events Figure 6.3 names above their years, as the tracker chapter picks them.
KEY_EVENTS = {
    "2019-05-15-join-communication": "Communication",
    "2022-11-18-connectivity-conference-samarkand": "Connectivity Conference, Team Europe Initiatives",
    "2023-10-23-ministerial-luxembourg-joint-roadmap": "Joint Roadmap",
    "2025-04-04-summit-samarkand": "first summit",
}


def tracker_delivery_figure(tables) -> Figure:
    """Figure 6.3 of the tracker chapter, drawn as the chapter draws it."""
    dates = tables["timeline"].set_index("event_id")["date"]
    events = {int(dates[e][:4]): name for e, name in KEY_EVENTS.items()}
    return delivery_timeline(tracker.evidence_by_year(tables), strand_titles(tables), events)


def legends_over_plots(fig: Figure) -> list[str]:
    """Legends whose drawn box overlaps an axes' plot area, where a key can cover bars or marks."""
    fig.canvas.draw()
    renderer = text_renderer(fig)
    return [
        f"legend {legend.get_texts()[0].get_text()!r}… over axes {i}"
        for legend in _legends(fig)
        for i, ax in enumerate(fig.axes)
        if legend.get_window_extent(renderer).overlaps(ax.get_window_extent(renderer))
    ]


def test_no_legend_stands_over_a_plot(every_figure):
    """Every key stands outside the plot. Proven on Figure 6.3's key as it was: in the plot's
    upper left, over the first years' bars."""
    for name, fig in every_figure.items():
        assert legends_over_plots(fig) == [], name
    old = every_figure["delivery"]
    ax = old.axes[0]
    kept = old.legends.pop()
    try:
        ax.legend(handles=kept.legend_handles, loc="upper left", frameon=False, fontsize=FONT_PT)
        assert legends_over_plots(old) == [
            "legend 'Investing in regional cooperation'… over axes 0"
        ]
    finally:
        ax.get_legend().remove()
        old.legends.append(kept)


def test_the_delivery_figures_event_names_never_overlap(tables, monkeypatch):
    """Each event's name keeps to its year's width. Proven on the names as they were wrapped,
    at 18 characters whatever the scale: the Connectivity Conference's (2022) ran into the
    Joint Roadmap's (2023)."""
    assert overlapping_labels(tracker_delivery_figure(tables)) == []
    monkeypatch.setattr(
        tracker_figures, "event_name", lambda fig, text, width: "\n".join(textwrap.wrap(text, 18))
    )
    assert overlapping_labels(tracker_delivery_figure(tables)) == [
        ("Connectivity\nConference, Team\nEurope Initiatives", "Joint Roadmap")
    ]
