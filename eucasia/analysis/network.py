"""The few calls a chapter needs: one strand's full actor-network analysis in one go.

The input is a :class:`~eucasia.analysis.corpus.Corpus`, built from the loaded tables with
``Corpus.from_tables(tables)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from eucasia.analysis.corpus import Corpus
from eucasia.analysis.graphs import actor_projection, bipartite_graph
from eucasia.analysis.metrics import actor_metrics, network_summary
from eucasia.analysis.robustness import Stability, bootstrap_stability, leave_one_out_stability


@dataclass(frozen=True)
class StrandResult:
    """Everything a chapter reports about one strand's (or the whole strategy's) network."""

    strand: str | None
    bipartite: nx.Graph
    projection: nx.Graph
    metrics: pd.DataFrame
    summary: dict[str, float]
    robustness: dict[str, Stability]


def strand_analysis(
    corpus: Corpus,
    strand: str | None = None,
    seed: int = 0,
    top_k: int = 5,
    n_boot: int = 200,
    robustness: bool = True,
) -> StrandResult:
    """Build, measure and stress-test the actor network of ``strand`` (``None`` = all).

    ``robustness`` holds ``"leave_one_out"`` and ``"bootstrap"`` stability of
    the strength ranking (empty when ``robustness=False``).

    Examples
    --------
    >>> from eucasia.analysis.corpus import Corpus
    >>> from eucasia.data import load_tables
    >>> corpus = Corpus.from_tables(load_tables(["initiative_actors"]))
    >>> result = strand_analysis(corpus, "resilience", robustness=False)
    >>> result.strand, result.metrics["node"].iloc[0], result.robustness
    ('resilience', 'eu', {})
    """
    B = bipartite_graph(corpus, strand=strand)
    P = actor_projection(B)
    stability: dict[str, Stability] = {}
    if robustness:
        stability = {
            "leave_one_out": leave_one_out_stability(corpus, strand=strand, top_k=top_k),
            "bootstrap": bootstrap_stability(
                corpus,
                strand=strand,
                top_k=top_k,
                n_boot=n_boot,
                seed=seed,
            ),
        }
    return StrandResult(
        strand, B, P, actor_metrics(P, seed=seed), network_summary(P, seed=seed), stability
    )


def strand_projections(corpus: Corpus, strands: Iterable[str] | None = None) -> dict[str, nx.Graph]:
    """Actor projection per strand (default: every strand in ``areas``, in table order).

    The input of :func:`eucasia.analysis.metrics.bridging_actors`.
    """
    if strands is None:
        strands = list(dict.fromkeys(corpus.areas["strand_id"].astype(str)))
    return {s: actor_projection(bipartite_graph(corpus, strand=s)) for s in strands}
