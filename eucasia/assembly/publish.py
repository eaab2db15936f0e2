"""Graph files readers can download: every network of the book as GraphML, GEXF and JSON.

Written at build time by the book's Sphinx extension (not by the notebooks), so the files exist
even when every notebook is served from the execution cache.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from eucasia.analysis.corpus import Corpus
from eucasia.analysis.graphs import actor_projection, bipartite_graph
from eucasia.analysis.strandgraphs import (
    corridor_graph,
    format_graph,
    river_graph,
    upstream_downstream,
)
from eucasia.assembly.exports import export_graph
from eucasia.data.vocabulary import STRANDS


def graph_stems() -> list[str]:
    """File stems of every exported graph (each written as .graphml, .gexf and .json)."""
    stems = []
    for scope in ("strategy", *STRANDS):
        stems += [f"{scope}-actor-initiative", f"{scope}-actor-network"]
    return stems + [
        "rivers-countries",
        "rivers-upstream-downstream",
        "corridors-countries",
        "formats-actors",
    ]


def export_all(tables: Mapping[str, pd.DataFrame], directory: Path) -> dict[str, dict[str, Path]]:
    """Write every graph of the book under `directory`; returns {stem: {format: path}}."""
    corpus = Corpus.from_tables(tables)
    graphs = {}
    for scope in ("strategy", *STRANDS):
        B = bipartite_graph(corpus, strand=None if scope == "strategy" else scope)
        graphs[f"{scope}-actor-initiative"] = B
        graphs[f"{scope}-actor-network"] = actor_projection(B)
    graphs["rivers-countries"] = river_graph(
        tables["rivers"], tables["countries"], tables["actors"]
    )
    graphs["rivers-upstream-downstream"] = upstream_downstream(
        tables["rivers"], tables["countries"]
    )
    graphs["corridors-countries"] = corridor_graph(
        tables["corridors"], tables["corridor_countries"], tables["countries"], tables["actors"]
    )
    graphs["formats-actors"] = format_graph(tables)
    assert list(graphs) == graph_stems()
    return {stem: export_graph(G, directory, stem) for stem, G in graphs.items()}
