"""The book's real figures, drawn from the data package, checked as a reader sees them.

Each check is a function that returns the problems it finds, run on every real figure it
applies to, and proven able to fail on a small figure that has the defect a reader reported
(the EU drawn with the Central Asian collective's colour and shape, names cut with "…",
labels on top of each other, a hidden hub tie, a missing line-width legend, low-contrast
timeline marks, counts ticked at 2.5, type below 8 pt).
"""

from __future__ import annotations

import itertools
import math
import re

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.text import Text

from eucasia.analysis.corpus import Corpus
from eucasia.analysis.network import strand_analysis
from eucasia.analysis.strandgraphs import corridor_graph, format_graph, river_graph
from eucasia.data import load_tables
from eucasia.data.vocabulary import STRANDS
from eucasia.presentation.canvas import count_axis, text_renderer
from eucasia.presentation.charts import (
    NAMED_KINDS,
    STRATEGY_DOCUMENT,
    structure_chart,
    timeline_chart,
)
from eucasia.presentation.comparison import strand_titles, strength_matrix
from eucasia.presentation.country_figures import agreement_alt, agreement_chart
from eucasia.presentation.networkfig import TIE_GAP_PT, draw_affiliation, draw_network
from eucasia.presentation.style import ACTOR_TYPE_STYLE, MIN_FONT_PT, contrast_ratio
from eucasia.presentation.synthesis_figures import crosswalk_chart, strength_heatmap
from eucasia.presentation.tracker_figures import status_chart

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


def test_type_is_at_least_8_pt_in_every_figure(tables, results, networks, affiliations):
    figures = [f for f, _ in [*networks.values(), *affiliations.values()]]
    figures += [
        strength_heatmap(strength_matrix(results), strand_titles(tables)),
        crosswalk_chart(tables),
        timeline_chart(tables["timeline"][tables["timeline"]["date"] >= "2007"]),
        structure_chart(tables["areas"], tables["initiatives"], tables["strands"]),
        agreement_chart(tables, "UZB"),
    ]
    for fig in figures:
        assert small_type(fig) == []
    old = Figure()
    old.add_subplot().text(0, 0, "EU", fontsize=7)
    assert small_type(old) == ["'EU' at 7.0 pt"]


@pytest.mark.parametrize("code", ["KAZ", "KGZ", "TJK", "TKM", "UZB"])
def test_each_country_has_an_agreement_figure_true_to_its_data(tables, code):
    fig = agreement_chart(tables, code)
    alt = agreement_alt(tables, code)
    agreements = tables["agreements"]
    ids = agreements.loc[agreements["country_code"] == code, "agreement_id"]
    steps = tables["agreement_milestones"]
    steps = steps[steps["agreement_id"].isin(ids)]
    labels = [_norm(t.get_text()) for t in fig.axes[0].texts]
    for milestone, date in zip(steps["milestone"], steps["date"], strict=True):
        assert f"{milestone.replace('_', ' ')} {date}" in labels
        assert f"{milestone.replace('_', ' ')} {date}" in alt
    assert overlapping_labels(fig) == []
    assert tables["countries"].set_index("country_code").loc[code, "name"] in alt


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
