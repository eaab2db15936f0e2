"""The few calls a chapter needs: one strand's full actor-network analysis in one go.

``tables`` is the mapping returned by :func:`eucasia.data.load_tables` (keys
``"actors"``, ``"initiatives"``, ``"areas"``, ``"initiative_actors"``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from eucasia.graphs import actor_projection, bipartite_graph
from eucasia.metrics import actor_metrics, network_summary
from eucasia.robustness import Stability, bootstrap_stability, leave_one_out_stability

TABLES = ("initiatives", "actors", "initiative_actors", "areas")


@dataclass(frozen=True)
class StrandResult:
    """Everything a chapter reports about one strand's (or the whole strategy's) network."""

    strand: str | None
    bipartite: nx.Graph
    projection: nx.Graph
    metrics: pd.DataFrame
    summary: dict[str, float]
    robustness: dict[str, Stability]


def _frames(tables: Mapping[str, pd.DataFrame]) -> tuple[pd.DataFrame, ...]:
    missing = [t for t in TABLES if t not in tables]
    if missing:
        raise KeyError(f"tables lacks {', '.join(missing)}")
    return tuple(tables[t] for t in TABLES)


def strand_analysis(
    tables: Mapping[str, pd.DataFrame],
    strand: str | None = None,
    seed: int = 0,
    top_k: int = 5,
    n_boot: int = 200,
    robustness: bool = True,
) -> StrandResult:
    """Build, measure and stress-test the actor network of ``strand`` (``None`` = all).

    ``robustness`` holds ``"leave_one_out"`` and ``"bootstrap"`` stability of
    the strength ranking (empty when ``robustness=False``).
    """
    initiatives, actors, links, areas = _frames(tables)
    B = bipartite_graph(initiatives, actors, links, areas, strand=strand)
    P = actor_projection(B)
    stability: dict[str, Stability] = {}
    if robustness:
        stability = {
            "leave_one_out": leave_one_out_stability(
                initiatives, actors, links, areas, strand=strand, top_k=top_k
            ),
            "bootstrap": bootstrap_stability(
                initiatives,
                actors,
                links,
                areas,
                strand=strand,
                top_k=top_k,
                n_boot=n_boot,
                seed=seed,
            ),
        }
    return StrandResult(
        strand, B, P, actor_metrics(P, seed=seed), network_summary(P, seed=seed), stability
    )


def strand_projections(
    tables: Mapping[str, pd.DataFrame], strands: Iterable[str] | None = None
) -> dict[str, nx.Graph]:
    """Actor projection per strand (default: every strand in ``areas``, in table order).

    The input of :func:`eucasia.metrics.bridging_actors`.
    """
    initiatives, actors, links, areas = _frames(tables)
    if strands is None:
        strands = list(dict.fromkeys(areas["strand_id"].astype(str)))
    return {
        s: actor_projection(bipartite_graph(initiatives, actors, links, areas, strand=s))
        for s in strands
    }
