"""The numbers and names a chapter's prose cites, computed from the data and formatted for glue."""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import pandas as pd

from eucasia.analysis.network import StrandResult
from eucasia.presentation.tables import marginal_actors, strand_areas, strand_initiatives


def centralisation_note(G: nx.Graph) -> str:
    """Which actor most ties run through: the node with the highest degree, for the prose."""
    if G.number_of_nodes() == 0:
        return ""
    node = max(sorted(G, key=str), key=G.degree)
    return str(G.nodes[node].get("label", node))


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "n/a"


def strand_facts(
    result: StrandResult, tables: Mapping[str, pd.DataFrame], strand: str
) -> dict[str, str]:
    """The numbers and names a strand chapter's prose cites, formatted for glue.

    Keys are stable so the notebooks can glue them as `<prefix>_<key>`; every claim in the
    prose about sizes, shares, leaders and stability reads one of these values.
    """
    initiatives = strand_initiatives(tables, strand)
    ids = set(initiatives["initiative_id"])
    links = tables["initiative_actors"][tables["initiative_actors"]["initiative_id"].isin(ids)]
    with_actor = lambda actor: links.loc[links["actor_id"] == actor, "initiative_id"].nunique()  # noqa: E731
    ranked = result.metrics.sort_values(["rank_strength", "node"])
    labels = ranked["label"].tolist()
    by_betweenness = result.metrics.sort_values(["rank_betweenness", "node"])
    summary = result.summary
    loo = result.robustness["leave_one_out"].summary if result.robustness else {}
    boot = result.robustness["bootstrap"].summary if result.robustness else {}
    margin = marginal_actors(result, tables)
    hubs_only = (
        margin["why at the margin"].str.contains("only to the EU").sum() if len(margin) else 0
    )
    third = ranked.iloc[2] if len(ranked) > 2 else None
    return {
        "sections": str(len(strand_areas(tables, strand))),
        "initiatives": str(len(initiatives)),
        "specific": str((initiatives["kind"] == "specific_initiative").sum()),
        "commitments": str((initiatives["kind"] == "commitment").sum()),
        "links": str(len(links)),
        "implied_share": _pct((links["basis"] == "implied").sum(), len(links)),
        "actors": str(summary["nodes"]),
        "ties": str(summary["edges"]),
        "density": f"{summary['density']:.2f}",
        "centralization": f"{summary['degree_centralization']:.2f}",
        "communities": str(summary["communities"]),
        "modularity": f"{summary['modularity']:.2f}",
        "eu_share": _pct(with_actor("eu"), len(ids)),
        "ca_share": _pct(with_actor("central_asian_states"), len(ids)),
        "top1": labels[0] if labels else "",
        "top2": labels[1] if len(labels) > 1 else "",
        "top3": labels[2] if len(labels) > 2 else "",
        "top3_strength": str(int(third["strength"])) if third is not None else "",
        "top_broker": by_betweenness["label"].iloc[0] if len(by_betweenness) else "",
        "top_broker_betweenness": f"{by_betweenness['betweenness'].iloc[0]:.2f}"
        if len(by_betweenness)
        else "",
        "second_broker": by_betweenness["label"].iloc[1] if len(by_betweenness) > 1 else "",
        "marginal": str(len(margin)),
        "hubs_only": str(int(hubs_only)),
        "loo_runs": str(loo.get("runs", "")),
        "loo_spearman": f"{loo['mean_spearman']:.2f}" if loo else "",
        "loo_min_spearman": f"{loo['min_spearman']:.2f}" if loo else "",
        "boot_runs": str(boot.get("runs", "")),
        "boot_spearman": f"{boot['mean_spearman']:.2f}" if boot else "",
        "boot_overlap": _pct(boot["mean_top_k_overlap"], 1) if boot else "",
        "top_k": str(boot.get("top_k", "")),
    }


def community_of(result: StrandResult, node: str) -> int | None:
    """The Louvain community of an actor in a strand network (None if absent)."""
    rows = result.metrics.loc[result.metrics["node"] == node, "community"]
    return int(rows.iloc[0]) if len(rows) else None


def initiatives_of(result: StrandResult, node: str) -> int:
    """Number of the strand's initiatives an actor takes part in (0 if absent)."""
    return result.bipartite.degree(node) if node in result.bipartite else 0


def density_without(result: StrandResult, nodes: tuple[str, ...]) -> float:
    """Density of the strand network once `nodes` are removed: do the others meet directly?

    The prose says the rest of a hub-and-spoke network rarely shares initiatives; this is the
    number that claim is checked against.
    """
    G = result.projection.subgraph(n for n in result.projection if n not in set(nodes))
    return nx.density(G) if G.number_of_nodes() > 1 else 0.0
