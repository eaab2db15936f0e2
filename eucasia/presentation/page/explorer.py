"""The data of the interactive network explorer, placed on a page as JSON by ``show_explorer``.

The explorer (``book/_static/eucasia-explorer.js``, drawn with sigma.js) shows the same actor
network as the printed figure, at the same positions: they come from the figure's own seeded
layout (:func:`figure_positions` asks
:func:`~eucasia.presentation.charts.networkfig.network_positions`, the placement
:func:`~eucasia.presentation.charts.networkfig.draw_network` draws with; ``tests/test_explorer.py`` checks
both give the same points), given in the figure's points
(:func:`~eucasia.presentation.charts.networkfig.figure_points`), so that the explorer keeps the
figure's proportions (its axes are wider than tall); the colours and
shapes come from :data:`~eucasia.presentation.figurekit.style.ACTOR_TYPE_STYLE`, the ties' colour,
opacity and widths from :data:`~eucasia.presentation.figurekit.style.TIE_STYLE`, as the figure's. Each node's size is the
figure's: the same quantity (strength) on the same scale
(:func:`~eucasia.presentation.figurekit.layout.node_area`), given as the half width of its marker
as the figure draws it (:func:`~eucasia.presentation.figurekit.typednodes.half_width`: every
shape covers the same area for the same strength), which sigma.js draws as a circle's radius or a
square's half side. Each actor's
counts are the chapter table's (:func:`~eucasia.presentation.tables.network_tables.actor_table`): the
initiatives it takes part in, its partners and its strength; the initiatives it shares with
another actor, which the ties are made of, are a count of their own, named as such. Actors come
in the table's order, by strength. Every value from the data is
written as a JSON string that the script puts on the page as text (``textContent``), never as
markup; the JSON is escaped so that no value can close its ``<script>`` element.
"""

from __future__ import annotations

import html
import json
from collections.abc import Hashable, Mapping

import networkx as nx
import pandas as pd
from IPython.display import display

from eucasia.analysis.network import StrandResult
from eucasia.presentation.charts.networkfig import figure_points, network_positions
from eucasia.presentation.figurekit.labels import short_label, wrap_label
from eucasia.presentation.figurekit.layout import node_area
from eucasia.presentation.figurekit.style import (
    ACTOR_TYPE_STYLE,
    TIE_STYLE,
    actor_type_style,
    tie_width,
)
from eucasia.presentation.figurekit.typednodes import half_width

#: The class the page's explorer element carries: the site loads the explorer's script and
#: stylesheet on exactly the pages whose content has it (book/_ext/eucasia_explorer.py).
EXPLORER_CLASS = "eucasia-explorer"
#: Labels on the canvas are wrapped at this many characters, as the printed figure wraps them
#: (``networkfig``): whole names on as many lines as they take, never cut with an ellipsis, so
#: a reader can read every name where the graph shows it.
LABEL_WRAP = 20
SHAPES = {"o": "circle", "s": "square"}
#: What the PDF gets in place of the explorer: a MyST comment, which prints nothing.
MARKDOWN_TWIN = "% The interactive network explorer is in the web edition."


def figure_positions(
    G: nx.Graph, metrics: pd.DataFrame, seed: int
) -> tuple[dict[Hashable, tuple[float, float]], dict[Hashable, float]]:
    """Each node's position and marker radius (points) in the printed figure of ``G``."""
    return network_positions(G, metrics, seed)


def shared_initiatives(G: nx.Graph, node: Hashable) -> list[str]:
    """The initiatives ``node`` shares with at least one other actor (its ties' initiatives)."""
    return sorted({str(i) for _, _, ids in G.edges(node, data="initiatives") for i in ids or ()})


def marker_half_width(strength: float, smax: float, actor_type: str | None = None) -> float:
    """Half the width (points) of the figure's marker for ``strength`` and ``actor_type``: a
    circle's radius, a square's half side, each shape covering the area the strength is given
    (:func:`~eucasia.presentation.figurekit.layout.node_area`, the figure's scale), as the figure
    draws it (:func:`~eucasia.presentation.figurekit.typednodes.half_width`).

    >>> round(marker_half_width(0, 10), 3)  # a circle of 30 points², the smallest
    2.739
    >>> marker_half_width(10, 10, "un_body") < marker_half_width(10, 10, "eu_institution")
    True
    """
    return half_width(node_area(strength, smax), actor_type_style(actor_type)[2])


def strand_data(result: StrandResult, title: str, page: str, seed: int) -> dict:
    """One strand's network for the explorer: nodes, ties, actor types, initiatives.

    ``page`` is the chapter (``resilience.html``) whose tables hold the initiatives' rows. Node
    positions are the figure's points (x right, y up); each tie is ``[u, v, weight, width]``, its
    width in points as the figure draws it, and ``tie`` gives the figure's colour and opacity.
    Each node's ``short`` is its whole figure label and ``lines`` that label wrapped as the
    figure wraps it: the canvas draws every line, so no name is cut.
    """
    G, B = result.projection, result.bipartite
    pos = figure_points(G, result.metrics, seed)
    metrics = result.metrics.sort_values(["rank_strength", "node"])
    metrics = metrics[metrics["node"].isin(list(G))]
    strength = dict(zip(metrics["node"], metrics["strength"], strict=True))
    degree = dict(zip(metrics["node"], metrics["degree"], strict=True))
    smax = max(max(strength.values(), default=0), 1)  # as the figure (networkfig._node_styles)
    nodes, used = [], set()
    for n in metrics["node"]:
        attrs = G.nodes[n]
        name = str(attrs.get("label") or attrs.get("name") or n)
        kind = attrs.get("actor_type") or "other"
        kind = kind if kind in ACTOR_TYPE_STYLE else "other"
        label = str(attrs.get("short_label") or short_label(name))
        shared = shared_initiatives(G, n)
        taken = sorted(str(i) for i in B[n]) if n in B else shared
        used.update(taken)
        nodes.append(
            {
                "id": str(n),
                "name": name,
                "short": label,
                "lines": wrap_label(label, LABEL_WRAP).split("\n"),
                "type": kind,
                "x": round(pos[n][0], 3),
                "y": round(pos[n][1], 3),
                "size": round(marker_half_width(strength[n], smax, kind), 3),
                "strength": int(strength[n]),
                "partners": int(degree[n]),
                "shared": len(shared),
                "initiatives": [[i, str(B.edges[n, i].get("role", ""))] for i in taken],
            }
        )
    present = {node["type"] for node in nodes}
    types = [
        {"id": t, "label": label, "colour": colour, "shape": SHAPES.get(marker, "circle")}
        for t, (label, colour, marker) in ACTOR_TYPE_STYLE.items()
        if t in present
    ]
    wmax = max((w for *_, w in G.edges(data="weight", default=1)), default=1)
    edges = sorted(
        (*sorted((str(u), str(v))), int(w), round(tie_width(w, wmax), 4))
        for u, v, w in G.edges(data="weight", default=1)
    )
    # Whole summaries: the panel shows each initiative's text as its table row does, uncut.
    summaries = {i: str(B.nodes[i].get("summary", "")) for i in sorted(used)}
    return {
        "strand": str(result.strand),
        "title": str(title),
        "page": page,
        "tie": {"colour": TIE_STYLE["colour"], "opacity": TIE_STYLE["alpha"]},
        "types": types,
        "nodes": nodes,
        "edges": [list(e) for e in edges],
        "initiatives": summaries,
    }


def explorer_json(datasets: list[dict]) -> str:
    """The datasets as JSON that is safe inside a ``<script>`` element (no ``<``, ``>``, ``&``)."""
    text = json.dumps(
        {"version": 1, "actorPages": "../actors/", "strands": datasets},
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=False,
    )
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def explorer_html(datasets: list[dict]) -> str:
    """The explorer's element: its data, and a sentence for readers without JavaScript."""
    label = (
        "Network explorer: " + datasets[0]["title"]
        if len(datasets) == 1
        else "Network explorer: the strand networks"
    )
    return (
        f'<div class="{EXPLORER_CLASS}" role="region" aria-label="{html.escape(label)}">'
        f'<script type="application/json" class="{EXPLORER_CLASS}-data">'
        f"{explorer_json(datasets)}</script>"
        f'<p class="{EXPLORER_CLASS}-intro">Explore the network: find an actor, see its partners '
        "and the initiatives they share, filter by actor type, pan and zoom. The explorer needs "
        "JavaScript; the figure and the tables of this page show the same data.</p></div>"
    )


def show_explorer(
    results: StrandResult | Mapping[str, StrandResult],
    titles: Mapping[str, str],
    seed: int,
) -> None:
    """Put the interactive explorer of one strand's network (or of several, with a switch)
    on the page; in the PDF it shows nothing (the figure above it is the printed view).

    Examples
    --------
    Outside a notebook, record what it puts on the page instead of displaying it:

    >>> from unittest import mock
    >>> from eucasia.analysis.corpus import Corpus
    >>> from eucasia.analysis.network import strand_analysis
    >>> from eucasia.data import load_tables
    >>> corpus = Corpus.from_tables(load_tables(["initiative_actors"]))
    >>> result = strand_analysis(corpus, "resilience", robustness=False)
    >>> with mock.patch("eucasia.presentation.page.explorer.display") as page:
    ...     show_explorer(result, {"resilience": "Partnering for Resilience"}, seed=2019)
    >>> sorted(page.call_args.args[0])  # the explorer (web) and an empty twin (PDF)
    ['text/html', 'text/markdown']
    """
    chosen = {results.strand: results} if isinstance(results, StrandResult) else dict(results)
    datasets = [
        strand_data(result, titles[strand], f"{strand}.html", seed)
        for strand, result in chosen.items()
    ]
    # A Markdown twin holding only a MyST comment: the PDF build picks it and prints nothing,
    # instead of warning that no output suits it (an empty twin does not survive execution).
    display({"text/html": explorer_html(datasets), "text/markdown": MARKDOWN_TWIN}, raw=True)
