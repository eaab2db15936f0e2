"""The numbers and names a chapter's prose cites, computed from the data and formatted for glue."""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import pandas as pd

from eucasia.analysis.network import StrandResult
from eucasia.presentation.prose.claims import require, require_extreme
from eucasia.presentation.prose.glued import Cell, Fact
from eucasia.presentation.tables.network_tables import (
    ACTOR_TABLE_TOP,
    marginal_actors,
    strand_areas,
    strand_initiatives,
)
from eucasia.presentation.text.money import format_eur
from eucasia.presentation.text.numbers import fixed, percent
from eucasia.presentation.text.readertext import reader_text


def centralisation_note(G: nx.Graph) -> str:
    """Which actor most ties run through: the node with the highest degree, for the prose."""
    if G.number_of_nodes() == 0:
        return ""
    node = max(sorted(G, key=str), key=G.degree)
    return str(G.nodes[node].get("label", node))


def _actor_cell(
    result: StrandResult,
    tables: Mapping[str, pd.DataFrame],
    prefix: str | None,
    node: str,
    column: str,
) -> Cell | None:
    """The cell of the chapter's actors table (`tbl-<prefix>-actors`, the first
    ACTOR_TABLE_TOP by strength) that shows `column` for `node`; None when the table does not."""
    ranked = result.metrics.sort_values(["rank_strength", "node"])["node"].head(ACTOR_TABLE_TOP)
    if prefix is None or node not in set(ranked):
        return None
    names = dict(zip(tables["actors"]["actor_id"], tables["actors"]["name"], strict=True))
    return Cell(f"tbl-{prefix}-actors", str(names[node]), column)


def strand_facts(
    result: StrandResult, tables: Mapping[str, pd.DataFrame], strand: str, prefix: str | None = None
) -> dict[str, str]:
    """The numbers and names a strand chapter's prose cites, formatted for glue.

    Keys are stable so the notebooks can glue them as `<prefix>_<key>`; every claim in the
    prose about sizes, shares, leaders and stability reads one of these values. With the
    chapter's `prefix`, a number its actors table also shows is a :class:`Fact` naming that
    table's cell, which the tests compare with the page.

    Examples
    --------
    >>> from eucasia.analysis.corpus import Corpus
    >>> from eucasia.analysis.network import strand_analysis
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["initiative_actors"])
    >>> result = strand_analysis(Corpus.from_tables(tables), "resilience", robustness=False)
    >>> facts = strand_facts(result, tables, "resilience")
    >>> all(isinstance(value, str) for value in facts.values()), "specific" in facts
    (True, True)
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
    broker = by_betweenness.iloc[0] if len(by_betweenness) else None
    _check_leaders(ranked, by_betweenness)
    return {
        "sections": str(len(strand_areas(tables, strand))),
        "initiatives": str(len(initiatives)),
        "specific": str((initiatives["kind"] == "specific_initiative").sum()),
        "commitments": str((initiatives["kind"] == "commitment").sum()),
        "links": str(len(links)),
        "implied_share": percent((links["basis"] == "implied").sum(), len(links)),
        "actors": str(summary["nodes"]),
        "ties": str(summary["edges"]),
        "density": fixed(summary["density"]),
        "centralization": fixed(summary["degree_centralization"]),
        "communities": str(summary["communities"]),
        "modularity": fixed(summary["modularity"]),
        "eu_share": percent(with_actor("eu"), len(ids)),
        "ca_share": percent(with_actor("central_asian_states"), len(ids)),
        "top1": labels[0] if labels else "",
        "top2": labels[1] if len(labels) > 1 else "",
        "top3": labels[2] if len(labels) > 2 else "",
        "top3_strength": Fact(
            str(int(third["strength"])),
            _actor_cell(result, tables, prefix, third["node"], "strength"),
        )
        if third is not None
        else "",
        "top_broker": by_betweenness["label"].iloc[0] if len(by_betweenness) else "",
        "top_broker_betweenness": Fact(
            fixed(broker["betweenness"]),
            _actor_cell(result, tables, prefix, broker["node"], "betweenness"),
        )
        if broker is not None
        else "",
        "second_broker": by_betweenness["label"].iloc[1] if len(by_betweenness) > 1 else "",
        "marginal": str(len(margin)),
        "hubs_only": str(int(hubs_only)),
        "loo_runs": str(loo.get("runs", "")),
        "loo_spearman": fixed(loo["mean_spearman"]) if loo else "",
        "loo_min_spearman": fixed(loo["min_spearman"]) if loo else "",
        "boot_runs": str(boot.get("runs", "")),
        "boot_spearman": fixed(boot["mean_spearman"]) if boot else "",
        "boot_overlap": percent(boot["mean_top_k_overlap"], 1) if boot else "",
        "top_k": str(boot.get("top_k", "")),
    }


def _check_leaders(ranked: pd.DataFrame, by_betweenness: pd.DataFrame) -> None:
    """The prose names "the three most central actors" by strength, the broker who "alone" has
    the highest betweenness and "the next broker": each must be the only one in its place."""
    if len(ranked) > 3:
        require(
            ranked["strength"].iloc[2] > ranked["strength"].iloc[3],
            f"the three most central actors by strength are {', '.join(ranked['label'][:3])} "
            f"({ranked['label'].iloc[3]} ties with the third)",
        )
    betweenness = dict(zip(by_betweenness["node"], by_betweenness["betweenness"], strict=True))
    if len(betweenness) > 1:
        top, second = by_betweenness["node"].iloc[:2]
        require_extreme([top], betweenness, True, f"{top} alone is the top broker")
        rest = {n: b for n, b in betweenness.items() if n != top}
        require_extreme([second], rest, True, f"{second} is the next broker")


def community_of(result: StrandResult, node: str) -> int | None:
    """The Louvain community of an actor in a strand network (None if absent).

    Examples
    --------
    >>> from eucasia.analysis.corpus import Corpus
    >>> from eucasia.analysis.network import strand_analysis
    >>> from eucasia.data import load_tables
    >>> corpus = Corpus.from_tables(load_tables(["initiative_actors"]))
    >>> result = strand_analysis(corpus, "resilience", robustness=False)
    >>> isinstance(community_of(result, "eu"), int), community_of(result, "no_such_actor")
    (True, None)
    """
    rows = result.metrics.loc[result.metrics["node"] == node, "community"]
    return int(rows.iloc[0]) if len(rows) else None


def initiatives_of(result: StrandResult, node: str) -> int:
    """Number of the strand's initiatives an actor takes part in (0 if absent).

    Examples
    --------
    >>> from eucasia.analysis.corpus import Corpus
    >>> from eucasia.analysis.network import strand_analysis
    >>> from eucasia.data import load_tables
    >>> corpus = Corpus.from_tables(load_tables(["initiative_actors"]))
    >>> result = strand_analysis(corpus, "resilience", robustness=False)
    >>> initiatives_of(result, "eu") > 0, initiatives_of(result, "no_such_actor")
    (True, 0)
    """
    return result.bipartite.degree(node) if node in result.bipartite else 0


def density_without(result: StrandResult, nodes: tuple[str, ...]) -> float:
    """Density of the strand network once `nodes` are removed: do the others meet directly?

    The prose says the rest of a hub-and-spoke network rarely shares initiatives; this is the
    number that claim is checked against.

    Examples
    --------
    >>> from eucasia.analysis.corpus import Corpus
    >>> from eucasia.analysis.network import strand_analysis
    >>> from eucasia.data import load_tables
    >>> corpus = Corpus.from_tables(load_tables(["initiative_actors"]))
    >>> result = strand_analysis(corpus, "resilience", robustness=False)
    >>> 0 <= density_without(result, ("eu", "central_asian_states")) <= 1
    True
    """
    G = result.projection.subgraph(n for n in result.projection if n not in set(nodes))
    return nx.density(G) if G.number_of_nodes() > 1 else 0.0


def funding_fact(funding: pd.DataFrame, funding_id: str, table: str) -> Fact:
    """A funding row's amount as the funding table shows it, naming that table's cell.

    The prose cites an amount the funding table lists on the same page; the glue declares the
    cell (row: the programme as the table writes it; column: ``amount``) so the glued-number
    check compares the two (tests/test_glued_numbers.py).

    Examples
    --------
    >>> rows = pd.DataFrame({"funding_id": ["gg"], "programme": ["Global Gateway package"],
    ...                      "amount_eur": [1.2e10], "amount_qualifier": ["exact"]})
    >>> fact = funding_fact(rows, "gg", "tbl-syn-funding")
    >>> str(fact), fact.cell.row, fact.cell.column
    ('EUR 12 billion', 'Global Gateway package', 'amount')
    """
    row = funding.set_index("funding_id").loc[funding_id]
    text = str(format_eur(row["amount_eur"], row["amount_qualifier"]))
    return Fact(text, Cell(table, reader_text(row["programme"]), "amount"))
