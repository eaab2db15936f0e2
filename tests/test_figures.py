"""Network figures: palette, layout hygiene (no clipped or overlapping labels), determinism."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from eucasia.analysis.graphs import actor_projection, affiliation_graph, bipartite_graph
from eucasia.analysis.metrics import actor_metrics
from eucasia.analysis.synthetic import ACTOR_TYPES, synthetic_corpus, toy_corpus
from eucasia.presentation.charts.networkfig import draw_affiliation, draw_network
from eucasia.presentation.figurekit.alttext import alt_text
from eucasia.presentation.figurekit.figfile import save_figure
from eucasia.presentation.figurekit.labels import short_label
from eucasia.presentation.figurekit.style import ACTOR_TYPE_STYLE, OKABE_ITO, actor_type_style


@pytest.fixture(scope="module")
def network():
    P = actor_projection(bipartite_graph(synthetic_corpus(0.4, 1)))
    return P, actor_metrics(P)


@pytest.fixture(scope="module")
def toy():
    P = actor_projection(bipartite_graph(toy_corpus()))
    return P, actor_metrics(P)


def _labels(fig: Figure) -> list[Text]:
    ax = fig.axes[0]
    return [t for t in ax.texts if t.get_text()]


def _text_boxes(fig: Figure):
    renderer = fig.canvas.get_renderer()
    boxes = []
    for t in _labels(fig):
        t.update_positions(renderer)
        boxes.append(Text.get_window_extent(t, renderer))
    return boxes


def test_palette_covers_every_actor_type_distinctly():
    assert set(ACTOR_TYPES) == set(ACTOR_TYPE_STYLE)
    styles = [(c, m) for _, c, m in ACTOR_TYPE_STYLE.values()]
    assert len(set(styles)) == len(styles)
    assert {c for c, _ in styles} <= set(OKABE_ITO.values())
    assert actor_type_style("no_such_type") == ACTOR_TYPE_STYLE["other"]
    assert actor_type_style(None) == ACTOR_TYPE_STYLE["other"]


def test_every_node_is_named_without_overlap_or_clipping(network):
    P, m = network
    fig = draw_network(P, m, "Test network")
    labels = _labels(fig)
    full = " ".join(" ".join(t.get_text().split()) for t in fig.texts)
    for n in P:  # beside its node (short label), or numbered with its full name in the key
        shown = {" ".join(t.get_text().split()) for t in labels}
        assert short_label(P.nodes[n]["label"]) in shown or P.nodes[n]["label"] in full
    boxes = _text_boxes(fig)
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    frame = fig.axes[0].get_window_extent(fig.canvas.get_renderer())
    for b in boxes:
        assert frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1


def test_legends_sit_under_the_plot_and_inside_the_saved_figure(network, tmp_path):
    P, m = network
    fig = draw_network(P, m, "Test network")
    renderer = fig.canvas.get_renderer()
    ax_box = fig.axes[0].get_window_extent(renderer)
    assert fig.legends, "legend expected"
    for legend in fig.legends:  # under the drawing, which keeps the figure's full width
        assert legend.get_window_extent(renderer).y1 <= ax_box.y0
    tight = fig.get_tightbbox(renderer)
    assert tight.width <= 7.3  # inches: fits a printed page
    for legend in fig.legends:
        box = legend.get_window_extent(renderer).transformed(fig.dpi_scale_trans.inverted())
        assert box.x1 <= tight.x1 + 1e-6
    assert fig.get_size_inches()[0] == pytest.approx(7.0)


def test_svg_and_pdf_bytes_are_deterministic(toy, tmp_path):
    P, m = toy
    first = save_figure(draw_network(P, m, "Toy"), tmp_path / "one")
    second = save_figure(draw_network(P, m, "Toy"), tmp_path / "two")
    assert [p.suffix for p in first] == [".svg", ".pdf"]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
    assert b"CreationDate" not in first[1].read_bytes()
    assert b"<dc:date>" not in first[0].read_bytes()


def test_layout_is_reproducible(toy):
    P, m = toy
    a = draw_network(P, m, "Toy", seed=1)
    b = draw_network(P, m, "Toy", seed=1)
    pa = [t.xy for t in _labels(a)]
    pb = [t.xy for t in _labels(b)]
    assert pa == pb


def test_empty_graph_and_edgeless_graph_draw():
    fig = draw_network(nx.Graph(), pd.DataFrame(columns=["node", "label", "strength"]), "Empty")
    assert isinstance(fig, Figure)
    G = nx.empty_graph(["a", "b", "c"])
    fig = draw_network(G, actor_metrics(G), "No ties")
    assert sorted(t.get_text() for t in _labels(fig)) == ["a", "b", "c"]


def test_alt_text_is_written_from_the_data(toy):
    P, m = toy
    text = alt_text(P, m)
    assert text.startswith("Network of 7 actors and 7 ties")
    assert "2 separate groups" in text and "1 without ties" in text
    assert "Alpha one, Beta one and Alpha two are most central by strength" in text
    assert "(3 shared initiatives)" in text
    assert alt_text(nx.Graph(), m) == "Network with no actors."


def test_affiliation_drawing_fits():
    table = pd.DataFrame(
        {
            "format": ["EU–Central Asia Ministerial"] * 6 + ["Human rights dialogue"] * 2,
            "participant": [
                "European Union",
                "Kazakhstan",
                "Kyrgyzstan",
                "Tajikistan",
                "Turkmenistan",
                "Uzbekistan",
                "European Union",
                "Kazakhstan",
            ],
        }
    )
    attrs = {"European Union": {"actor_type": "eu_institution"}}
    B = affiliation_graph(table, "format", "participant", node_attrs=attrs)
    fig = draw_affiliation(B, "Dialogue formats")
    renderer = fig.canvas.get_renderer()
    ax_box = fig.axes[0].get_window_extent(renderer)
    texts = [t for t in fig.axes[0].texts if t.get_text() in set(B)]
    assert len(texts) == len(B)
    for t in texts:
        box = t.get_window_extent(renderer)
        assert ax_box.x0 <= box.x0 and box.x1 <= ax_box.x1
    for a, b in itertools.combinations([t.get_window_extent(renderer) for t in texts], 2):
        assert not a.overlaps(b)


def test_alt_text_keeps_acronyms(toy):
    P, m = toy
    assert alt_text(P, m, what="EU–Central Asia network").startswith("EU–Central Asia network of")


def test_short_labels_for_figures():
    assert short_label("European Bank for Reconstruction and Development (EBRD)") == "EBRD"
    assert short_label("Social partners (employers' and workers' organisations)") == (
        "Social partners"
    )
    assert short_label("European Union") == "European Union"


def _svg_numbers(svg: str) -> list[tuple[str, list[float]]]:
    """Every element's tag and the numbers of its drawing attributes, in document order (ids
    and references are names, not numbers)."""
    import re
    import xml.etree.ElementTree as ET

    number = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
    return [
        (
            element.tag,
            [
                float(n)
                for name, value in element.attrib.items()
                if name in ("d", "x", "y", "transform", "style", "width", "height", "viewBox")
                for n in number.findall(value)
            ],
        )
        for element in ET.fromstring(svg.encode("utf-8")).iter()
    ]


def test_compact_svg_keeps_the_drawing_and_sheds_weight(network):
    """The compacted SVG has the same elements in the same order, every number within half a
    hundredth of a point of matplotlib's, every scale exact, and is at least a tenth lighter."""
    import io
    import re

    from eucasia.presentation.figurekit.figfile import compact_svg

    P, m = network
    buffer = io.StringIO()
    draw_network(P, m, "Synthetic").savefig(buffer, format="svg")
    original = buffer.getvalue()
    compact = compact_svg(original)
    before, after = _svg_numbers(original), _svg_numbers(compact)
    assert [tag for tag, _ in before] == [tag for tag, _ in after]
    for (tag, xs), (_, ys) in zip(before, after, strict=True):
        assert len(xs) == len(ys), tag
        assert all(abs(x - y) <= 0.005 + 1e-9 for x, y in zip(xs, ys, strict=True)), (tag, xs, ys)
    scales = re.compile(r"scale\([^)]*\)")
    assert scales.findall(original) == scales.findall(compact)
    assert "<!--" not in compact and "\n" not in compact.split("<svg", 1)[1].rstrip()
    assert len(compact) <= 0.9 * len(original), (len(original), len(compact))


def test_compact_svg_never_rounds_a_scale_or_a_width():
    from eucasia.presentation.figurekit.figfile import compact_svg

    svg = (
        '<svg><g transform="translate(1.234567 -2.345678) scale(0.065 -0.065)">'
        '<path d="M 0.123456 9.876543 &#10;L 1 2" style="stroke-width: 0.509091"/></g></svg>'
    )
    assert compact_svg(svg) == (
        '<svg><g transform="translate(1.23 -2.35) scale(0.065 -0.065)">'
        '<path d="M 0.12 9.88 &#10;L 1 2" style="stroke-width: 0.509091"/></g></svg>'
    )


PRESENTATION = Path(__file__).resolve().parents[1] / "eucasia" / "presentation"
#: The one module that builds a legend's marks and swatches (`marker_handle`, `swatch_handle`).
HANDLE_MAKER = PRESENTATION / "figurekit" / "legends.py"
MARKER_KEYWORDS = {"marker", "ms", "markersize", "mfc", "markerfacecolor", "mec", "markeredgecolor"}


def hand_built_handles(source: str) -> list[str]:
    """Calls that build a legend's mark (a `Line2D` with a marker) or a bar's swatch (a
    `Patch`) by hand: four charts each did, with their own sizes and outlines."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        keywords = {k.arg for k in node.keywords}
        if name == "Patch" or (name == "Line2D" and keywords & MARKER_KEYWORDS):
            found.append(f"line {node.lineno}: {name}")
    return found


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(PRESENTATION.rglob("*.py")) if p != HANDLE_MAKER],
    ids=lambda p: str(p.relative_to(PRESENTATION)),
)
def test_legend_marks_and_swatches_come_from_the_kit(path):
    assert hand_built_handles(path.read_text(encoding="utf-8")) == []


def test_the_handle_check_catches_a_legend_mark_built_by_hand():
    timeline_before = (  # the overview timeline's key, as it was built
        'Line2D([], [], ls="none", marker="o", ms=5.5, mfc=MARK_COLOURS[0], mec="white", label="e")\n'
        'mpatches.Patch(facecolor=colour, edgecolor="#333333", label=label)\n'
        'Line2D([], [], label=f"the 2019 Communication", **STRATEGY_MARK)\n'
    )
    assert hand_built_handles(timeline_before) == ["line 1: Line2D", "line 2: Patch"]
