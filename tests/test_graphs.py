"""Bipartite graphs and projections: known answers, validation, and an independent check."""

from __future__ import annotations

import pandas as pd
import pytest

from eucasia.analysis.corpus import Corpus
from eucasia.analysis.graphs import (
    actor_projection,
    affiliation_graph,
    affiliation_projection,
    bipartite_graph,
    project,
)
from eucasia.analysis.synthetic import synthetic_corpus, toy_corpus


@pytest.fixture(scope="module")
def toy():
    return toy_corpus()


def test_bipartite_nodes_and_attributes(toy):
    B = bipartite_graph(toy)
    actors = {n for n, d in B.nodes(data=True) if d["kind"] == "actor"}
    inits = {n for n, d in B.nodes(data=True) if d["kind"] == "initiative"}
    assert actors == {"A1", "A2", "A3", "B1", "B2", "B3", "X"}
    assert len(inits) == 8
    assert {B.nodes[n]["bipartite"] for n in actors} == {0}
    assert {B.nodes[n]["bipartite"] for n in inits} == {1}
    assert B.nodes["A1"]["label"] == "Alpha one"
    assert B.nodes["A1"]["actor_type"] == "eu_institution"
    assert B.nodes["A1"]["strands"] == ("resilience", "together")
    assert B.nodes["3.1-C-01"]["strand"] == "together"
    assert B.nodes["3.1-C-01"]["area"] == "3.1"
    # 22 link rows, but A1's two roles in 1.1-SI-01 make one edge
    assert B.number_of_edges() == 21
    assert B.edges["A1", "1.1-SI-01"]["role"] == "funder; lead"
    assert B.edges["A2", "1.1-SI-01"]["role"] == "partner"


def test_insertion_order_is_sorted(toy):
    initiatives, actors, links, areas = toy.initiatives, toy.actors, toy.links, toy.areas
    shuffled = links.sample(frac=1.0, random_state=3)
    B = bipartite_graph(Corpus(initiatives, actors.iloc[::-1], shuffled, areas))
    actors_order = [n for n in B if B.nodes[n]["kind"] == "actor"]
    assert actors_order == sorted(actors_order)
    P = actor_projection(B)
    assert list(P) == sorted(P)
    assert list(P.edges) == sorted(tuple(sorted(e)) for e in P.edges)


def test_projection_known_weights(toy):
    P = actor_projection(bipartite_graph(toy))
    assert P.number_of_nodes() == 7
    assert P.number_of_edges() == 7
    assert P.edges["A1", "A2"]["weight"] == 3
    assert P.edges["A1", "A2"]["initiatives"] == ("1.1-SI-01", "1.1-SI-02", "1.2-C-01")
    assert P.edges["B2", "B3"]["weight"] == 3
    assert P.edges["A1", "B1"]["weight"] == 1
    assert P.edges["A1", "B1"]["initiatives"] == ("3.1-C-01",)
    assert "X" in P and P.degree("X") == 0  # isolated actor kept
    assert not P.has_edge("A2", "B2")
    assert P.nodes["B2"]["actor_type"] == "financial_institution"


def test_strand_filter(toy):
    B = bipartite_graph(toy, strand="resilience")
    P = actor_projection(B)
    assert set(P) == {"A1", "A2", "A3"}
    assert {d["weight"] for *_, d in P.edges(data=True)} == {3}
    together = actor_projection(bipartite_graph(toy, strand="together"))
    assert set(together.edges) == {("A1", "B1")}
    with_all = bipartite_graph(toy, strand="together", keep_unlinked=True)
    assert "X" in with_all


def test_unknown_ids_raise_with_the_id(toy):
    initiatives, actors, links, areas = toy.initiatives, toy.actors, toy.links, toy.areas
    bad = pd.concat(
        [
            links,
            pd.DataFrame(
                [
                    {
                        "initiative_id": "0-C-01",
                        "actor_id": "ZZ-TYPO",
                        "role": "partner",
                        "basis": "explicit",
                    }
                ]
            ),
        ]
    )
    with pytest.raises(ValueError, match="ZZ-TYPO"):
        bipartite_graph(Corpus(initiatives, actors, bad, areas))
    # also when the typo sits in another strand than the one requested
    with pytest.raises(ValueError, match="ZZ-TYPO"):
        bipartite_graph(Corpus(initiatives, actors, bad, areas), strand="resilience")
    bad_init = links.assign(initiative_id=links["initiative_id"].replace("0-C-01", "9.9-C-99"))
    with pytest.raises(ValueError, match="9.9-C-99"):
        bipartite_graph(Corpus(initiatives, actors, bad_init, areas))
    with pytest.raises(ValueError, match="nowhere"):
        bipartite_graph(toy, strand="nowhere")


def test_overlapping_node_ids_raise(toy):
    initiatives, actors, links, areas = toy.initiatives, toy.actors, toy.links, toy.areas
    clash = actors.assign(actor_id=actors["actor_id"].replace("X", "0-C-01"))
    links = links.assign(actor_id=links["actor_id"].replace("X", "0-C-01"))
    with pytest.raises(ValueError, match="0-C-01"):
        bipartite_graph(Corpus(initiatives, clash, links, areas))


def test_duplicate_ids_raise(toy):
    initiatives, actors, links, areas = toy.initiatives, toy.actors, toy.links, toy.areas
    with pytest.raises(ValueError, match="A2"):
        bipartite_graph(Corpus(initiatives, pd.concat([actors, actors.iloc[[1]]]), links, areas))


@pytest.mark.parametrize("seed", [0, 1])
def test_projection_weights_match_pandas_self_merge(seed):
    corpus = synthetic_corpus(1.0, seed)
    links = corpus.links
    P = actor_projection(bipartite_graph(corpus))
    pairs = links[["initiative_id", "actor_id"]].drop_duplicates()
    merged = pairs.merge(pairs, on="initiative_id")
    merged = merged[merged["actor_id_x"] < merged["actor_id_y"]]
    expected = merged.groupby(["actor_id_x", "actor_id_y"])["initiative_id"].agg(
        lambda s: tuple(sorted(s))
    )
    got = {(u, v) if u < v else (v, u): d for u, v, d in P.edges(data=True)}
    assert set(got) == set(expected.index)
    for key, inits in expected.items():
        assert got[key]["weight"] == len(inits)
        assert got[key]["initiatives"] == inits
    assert set(P) == set(links["actor_id"])


def test_multiplicity_counts_duplicates(toy):
    B = bipartite_graph(toy)
    ids = [n for n, d in B.nodes(data=True) if d["bipartite"] == 1]
    mult = dict.fromkeys(ids, 1) | {"3.1-C-01": 2, "1.1-SI-01": 0}
    P = project(B, multiplicity=mult, via="initiatives")
    assert P.edges["A1", "B1"]["weight"] == 2
    assert P.edges["A1", "B1"]["initiatives"] == ("3.1-C-01",)
    assert P.edges["A1", "A2"]["weight"] == 2
    assert "1.1-SI-01" not in P.edges["A1", "A2"]["initiatives"]


def test_affiliation_graph_and_projection():
    rivers = pd.DataFrame(
        {
            "river": [
                "Amu Darya",
                "Amu Darya",
                "Amu Darya",
                "Syr Darya",
                "Syr Darya",
                "Chu",
                "Chu",
                "Chu",
                None,
            ],
            "country": [
                "Tajikistan",
                "Uzbekistan",
                "Turkmenistan",
                "Kyrgyzstan",
                "Uzbekistan",
                "Kyrgyzstan",
                "Kazakhstan",
                "Kazakhstan",
                "Kazakhstan",
            ],
        }
    )
    B = affiliation_graph(
        rivers, "river", "country", node_attrs={"Kazakhstan": {"actor_type": "central_asian_state"}}
    )
    assert B.nodes["Chu"]["kind"] == "river" and B.nodes["Chu"]["bipartite"] == 0
    assert B.nodes["Kazakhstan"]["bipartite"] == 1
    assert B.nodes["Kazakhstan"]["actor_type"] == "central_asian_state"
    assert B.number_of_edges() == 7  # duplicate and missing rows dropped
    C = affiliation_projection(B, onto="right", via="rivers")
    assert C.edges["Kyrgyzstan", "Uzbekistan"]["rivers"] == ("Syr Darya",)
    assert C.edges["Tajikistan", "Uzbekistan"]["weight"] == 1
    assert not C.has_edge("Kazakhstan", "Tajikistan")
    R = affiliation_projection(B, onto="left")
    assert R.edges["Amu Darya", "Syr Darya"]["shared"] == ("Uzbekistan",)
    with pytest.raises(ValueError):
        affiliation_projection(B, onto="middle")
