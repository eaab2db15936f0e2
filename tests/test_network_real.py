"""Invariants of the network analysis on the real data package."""

from __future__ import annotations

import time
from itertools import combinations
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from eucasia.analysis.corpus import Corpus
from eucasia.analysis.network import strand_analysis
from eucasia.assembly.exports import export_graph, read_graph
from eucasia.assembly.publish import export_all, graph_stems
from eucasia.data import load_tables

SCOPES = [None, "resilience", "prosperity", "together"]


@pytest.fixture(scope="module")
def tables() -> dict:
    return load_tables()


def shared_counts(tables: dict, strand: str | None) -> dict[frozenset, int]:
    """Shared-initiative counts computed independently of the graph code (plain Python)."""
    areas = tables["areas"]
    wanted = set(
        areas["area_id"] if strand is None else areas.loc[areas["strand_id"] == strand, "area_id"]
    )
    ids = set(
        tables["initiatives"].loc[tables["initiatives"]["area_id"].isin(wanted), "initiative_id"]
    )
    members: dict[str, set[str]] = {}
    for initiative, actor in zip(
        tables["initiative_actors"]["initiative_id"],
        tables["initiative_actors"]["actor_id"],
        strict=True,
    ):
        if initiative in ids:
            members.setdefault(initiative, set()).add(actor)
    counts: dict[frozenset, int] = {}
    for group in members.values():
        for a, b in combinations(sorted(group), 2):
            counts[frozenset((a, b))] = counts.get(frozenset((a, b)), 0) + 1
    return counts


@pytest.mark.parametrize("strand", SCOPES)
def test_projection_weights_equal_independent_counts(tables: dict, strand: str | None) -> None:
    result = strand_analysis(Corpus.from_tables(tables), strand, robustness=False)
    weights = {frozenset((u, v)): w for u, v, w in result.projection.edges(data="weight")}
    assert weights == shared_counts(tables, strand)
    for _, _, data in result.projection.edges(data=True):
        assert len(data["initiatives"]) == data["weight"]


@pytest.mark.parametrize("strand", SCOPES)
def test_every_node_exists_in_the_data(tables: dict, strand: str | None) -> None:
    result = strand_analysis(Corpus.from_tables(tables), strand, robustness=False)
    actors = set(tables["actors"]["actor_id"])
    initiatives = set(tables["initiatives"]["initiative_id"])
    assert set(result.projection) <= actors
    assert set(result.bipartite) <= actors | initiatives
    assert set(result.metrics["node"]) == set(result.projection)


def test_results_are_identical_across_runs(tables: dict) -> None:
    first = strand_analysis(Corpus.from_tables(tables), "resilience", seed=7)
    second = strand_analysis(Corpus.from_tables(tables), "resilience", seed=7)
    pd.testing.assert_frame_equal(first.metrics, second.metrics)
    assert first.summary == second.summary
    for key in first.robustness:
        pd.testing.assert_frame_equal(first.robustness[key].table, second.robustness[key].table)


def test_full_analysis_of_the_real_data_is_fast(tables: dict) -> None:
    """Under 2 s of this process's CPU time: wall time would also count the other tests that
    pytest-xdist runs beside it on the same cores (`make bench` reports wall times alone)."""
    start = time.process_time()
    for strand in SCOPES:
        strand_analysis(Corpus.from_tables(tables), strand)
    assert time.process_time() - start < 2.0, (
        "the full analysis of the real data must take under 2 s of CPU time"
    )


def test_exports_read_back_equal(tables: dict, tmp_path: Path) -> None:
    result = strand_analysis(Corpus.from_tables(tables), None, robustness=False)
    paths = export_graph(result.projection, tmp_path, "strategy")
    for fmt, path in paths.items():
        back = read_graph(path)
        assert set(map(str, back)) == set(result.projection), fmt
        weights = {frozenset(map(str, (u, v))): float(w) for u, v, w in back.edges(data="weight")}
        assert weights == {
            frozenset((u, v)): float(w) for u, v, w in result.projection.edges(data="weight")
        }, fmt


def test_every_book_graph_is_exported(tables: dict, tmp_path: Path) -> None:
    written = export_all(tables, tmp_path)
    assert list(written) == graph_stems()
    for stem, paths in written.items():
        assert {p.suffix for p in paths.values()} == {".graphml", ".gexf", ".json"}
        assert read_graph(paths["graphml"]).number_of_nodes() > 0, stem
    flows = read_graph(written["rivers-upstream-downstream"]["graphml"])
    assert isinstance(flows, nx.DiGraph)
