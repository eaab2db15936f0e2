"""Centralities, communities and summaries on graphs whose answers are known."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

from eucasia.analysis.graphs import actor_projection, bipartite_graph
from eucasia.analysis.metrics import (
    actor_metrics,
    bridging_actors,
    closeness,
    communities,
    eigenvector,
    network_summary,
)
from eucasia.analysis.synthetic import synthetic_corpus, toy_corpus


@pytest.fixture(scope="module")
def toy_graph() -> nx.Graph:
    return actor_projection(bipartite_graph(toy_corpus()))


@pytest.fixture(scope="module")
def synthetic_graph() -> nx.Graph:
    return actor_projection(bipartite_graph(synthetic_corpus(1.0, 0)))


def test_known_degrees_strengths_and_order(toy_graph):
    m = actor_metrics(toy_graph).set_index("node")
    assert m.loc["A1", "degree"] == 3 and m.loc["A2", "degree"] == 2
    assert m.loc["X", "degree"] == 0
    assert m.loc["A1", "strength"] == 7 and m.loc["B3", "strength"] == 6
    # sorted by strength, degree (descending), then id
    assert list(actor_metrics(toy_graph)["node"]) == ["A1", "B1", "A2", "A3", "B2", "B3", "X"]
    assert m.loc["A1", "rank_strength"] == 1 and m.loc["B1", "rank_strength"] == 1
    assert m.loc["A2", "rank_strength"] == 3  # competition ranking after a tie
    assert m.loc["X", "rank_strength"] == 7


def test_betweenness_ranking(toy_graph):
    m = actor_metrics(toy_graph).set_index("node")
    assert m.loc["A1", "betweenness"] == pytest.approx(0.4)
    assert m.loc["B1", "betweenness"] == pytest.approx(0.4)
    assert (m.drop(["A1", "B1"])["betweenness"] == 0).all()
    assert set(m.index[m["rank_betweenness"] == 1]) == {"A1", "B1"}


def test_louvain_finds_the_two_clusters(toy_graph):
    m = actor_metrics(toy_graph, seed=7).set_index("node")
    assert m.loc[["A1", "A2", "A3"], "community"].tolist() == [1, 1, 1]
    assert m.loc[["B1", "B2", "B3"], "community"].tolist() == [2, 2, 2]
    assert m.loc["X", "community"] == 3
    assert [sorted(c) for c in communities(toy_graph)] == [
        ["A1", "A2", "A3"],
        ["B1", "B2", "B3"],
        ["X"],
    ]


def test_summary_known_values(toy_graph):
    s = network_summary(toy_graph)
    assert s["nodes"] == 7 and s["edges"] == 7
    assert s["components"] == 2 and s["isolates"] == 1
    assert s["largest_component_share"] == pytest.approx(6 / 7)
    assert s["density"] == pytest.approx(7 / 21)
    assert s["average_degree"] == pytest.approx(2.0)
    assert s["degree_centralization"] == pytest.approx(7 / 30)
    assert s["communities"] == 3
    assert s["modularity"] > 0
    assert s["modularity"] == pytest.approx(18 / 19 - 1 / 2)


def test_star_centralization_is_one():
    assert network_summary(nx.star_graph(5))["degree_centralization"] == pytest.approx(1.0)


def test_eigenvector_matches_networkx_on_largest_component(toy_graph, synthetic_graph):
    for G in (toy_graph, synthetic_graph):
        ours = eigenvector(G)
        main = max(nx.connected_components(G), key=len)
        ref = nx.eigenvector_centrality(G.subgraph(main), weight="weight", max_iter=5000, tol=1e-12)
        assert all(ours[n] == pytest.approx(ref[n], abs=1e-6) for n in main)
    assert math.isnan(eigenvector(toy_graph)["X"])  # outside the largest component


def test_pagerank_sums_to_one_and_closeness_uses_inverse_weights(toy_graph):
    m = actor_metrics(toy_graph)
    assert m["pagerank"].sum() == pytest.approx(1.0)
    H = nx.Graph()
    H.add_edge("a", "b", weight=4)
    H.add_edge("b", "c", weight=1)
    c = closeness(H)
    # distances from b: 1/4 and 1 -> closeness 2 / 1.25
    assert c["b"] == pytest.approx(2 / 1.25)


def test_sampled_closeness_is_exact_with_all_pivots_and_close_with_few(synthetic_graph):
    exact = closeness(synthetic_graph)
    assert closeness(synthetic_graph, k=len(synthetic_graph)) == exact
    approx = closeness(synthetic_graph, k=20, seed=1)
    nodes = list(synthetic_graph)
    rho = pd.Series([exact[n] for n in nodes]).corr(
        pd.Series([approx[n] for n in nodes]), method="spearman"
    )
    assert rho > 0.9


def test_deterministic(synthetic_graph):
    pd.testing.assert_frame_equal(
        actor_metrics(synthetic_graph, seed=3), actor_metrics(synthetic_graph, seed=3)
    )
    assert network_summary(synthetic_graph, seed=3) == network_summary(synthetic_graph, seed=3)


def test_empty_and_edgeless_graphs_do_not_crash():
    empty = actor_metrics(nx.Graph())
    assert empty.empty and "rank_strength" in empty.columns
    s = network_summary(nx.Graph())
    assert s["nodes"] == 0 and math.isnan(s["modularity"]) and s["communities"] == 0
    G = nx.Graph()
    G.add_nodes_from(["a", "b", "c"])
    m = actor_metrics(G).set_index("node")
    assert (m["degree"] == 0).all() and (m["betweenness"] == 0).all()
    assert m["eigenvector"].isna().all() and m["rank_eigenvector"].isna().all()
    assert m["pagerank"].tolist() == pytest.approx([1 / 3] * 3)
    assert sorted(m["community"]) == [1, 2, 3]
    s = network_summary(G)
    assert math.isnan(s["modularity"]) and s["isolates"] == 3


def test_bridging_actors():
    graphs = {
        s: actor_projection(bipartite_graph(toy_corpus(), strand=s))
        for s in ("regional", "resilience", "prosperity", "together")
    }
    b = bridging_actors(graphs, top_n=1).set_index("node")
    assert sorted(b.index) == ["A1", "B1"]  # only actors in two strands
    assert b.loc["A1", "strands_present"] == 2
    assert b.loc["A1", "rank_strength_resilience"] == 1
    assert pd.isna(b.loc["A1", "rank_strength_prosperity"])
    # top 1 in resilience (strength, tied) and in together; B1 likewise
    assert b.loc["A1", "strands_top"] == 2 and b.loc["A1", "top_in"] == "resilience; together"
    assert bridging_actors({"a": nx.Graph(), "b": nx.empty_graph(3)}).empty


def test_bridging_on_edgeless_graphs_counts_no_top():
    G = nx.empty_graph(["u", "v"])
    b = bridging_actors({"s1": G, "s2": G})
    assert list(b["strands_present"]) == [2, 2]
    assert list(b["strands_top"]) == [0, 0]


def test_strand_analysis_facade():
    from eucasia.analysis.corpus import Corpus
    from eucasia.analysis.network import strand_analysis, strand_projections

    toy = toy_corpus()
    tables = {
        "initiatives": toy.initiatives,
        "actors": toy.actors,
        "initiative_actors": toy.links,
        "areas": toy.areas,
    }
    corpus = Corpus.from_tables(tables)
    result = strand_analysis(corpus, strand="resilience", n_boot=20)
    assert set(result.projection) == {"A1", "A2", "A3"}
    assert result.summary["nodes"] == 3 and result.summary["edges"] == 3
    assert list(result.metrics["node"]) == ["A1", "A2", "A3"]
    assert set(result.robustness) == {"leave_one_out", "bootstrap"}
    assert result.robustness["bootstrap"].summary["runs"] == 20
    graphs = strand_projections(corpus)
    assert list(graphs) == ["regional", "resilience", "prosperity", "together"]
    assert sorted(bridging_actors(graphs)["node"]) == ["A1", "B1"]
    with pytest.raises(KeyError, match="areas"):
        Corpus.from_tables({k: v for k, v in tables.items() if k != "areas"})
