"""Tables a strand chapter shows, built from the data package and a strand's network analysis.

Each function returns a plain DataFrame with reader-facing column names, ready for
:func:`eucasia.presentation.page.display.show_table`; the chapters only choose which to show.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from eucasia.analysis.network import StrandResult
from eucasia.presentation.figurekit.style import ACTOR_TYPE_STYLE
from eucasia.presentation.text.readertext import reader_frame
from eucasia.presentation.text.shown import Shown

#: Rows of a strand chapter's actors table (the most central by strength).
ACTOR_TABLE_TOP = 15
ROLE_ORDER = {"lead": 0, "funder": 1, "partner": 2, "forum": 3, "beneficiary": 4}


def type_label(actor_type: str) -> str:
    """Reader-facing name of an actor type (the legend label of the network figures)."""
    return ACTOR_TYPE_STYLE.get(actor_type, ACTOR_TYPE_STYLE["other"])[0]


def strand_areas(tables: Mapping[str, pd.DataFrame], strand: str) -> pd.DataFrame:
    """The sections of one strand, in section order."""
    areas = tables["areas"]
    return areas[areas["strand_id"] == strand].sort_values("area_id").reset_index(drop=True)


def strand_initiatives(
    tables: Mapping[str, pd.DataFrame], strand: str, kind: str | None = None
) -> pd.DataFrame:
    """Initiatives of a strand (optionally of one kind), in section and source order.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["initiatives"])
    >>> chosen = strand_initiatives(tables, "resilience", kind="specific_initiative")
    >>> chosen["initiative_id"].iloc[0], set(chosen["kind"])
    ('1.1-SI-01', {'specific_initiative'})
    """
    initiatives = tables["initiatives"]
    areas = strand_areas(tables, strand)["area_id"]
    rows = initiatives[initiatives["area_id"].isin(areas)]
    if kind is not None:
        rows = rows[rows["kind"] == kind]
    return rows.sort_values(
        ["area_id", "kind", "ordinal"], ascending=[True, False, True]
    ).reset_index(drop=True)


def _actors_of(tables: Mapping[str, pd.DataFrame]) -> pd.Series:
    """For every initiative, its actors as 'Name (role)', leads first."""
    names = dict(zip(tables["actors"]["actor_id"], tables["actors"]["name"], strict=True))
    links = (
        tables["initiative_actors"]
        .assign(order=lambda t: t["role"].map(ROLE_ORDER), name=lambda t: t["actor_id"].map(names))
        .sort_values(["initiative_id", "order", "name"])
    )
    return links.groupby("initiative_id")[["name", "role"]].apply(
        lambda g: "; ".join(f"{n} ({r})" for n, r in zip(g["name"], g["role"], strict=True))
    )


def _instruments_of(tables: Mapping[str, pd.DataFrame]) -> pd.Series:
    names = dict(
        zip(tables["instruments"]["instrument_id"], tables["instruments"]["name"], strict=True)
    )
    links = tables["initiative_instruments"].assign(name=lambda t: t["instrument_id"].map(names))
    return (
        links.sort_values(["initiative_id", "name"]).groupby("initiative_id")["name"].agg("; ".join)
    )


def initiatives_table(tables: Mapping[str, pd.DataFrame], strand: str, kind: str) -> pd.DataFrame:
    """One row per initiative of the strand: id, what it is, who is involved, through what.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["initiative_actors", "initiative_instruments"])
    >>> list(initiatives_table(tables, "resilience", "specific_initiative").columns)
    ['item', 'what the strategy proposes', 'actors (role)', 'instruments']
    """
    rows = strand_initiatives(tables, strand, kind)
    actors = _actors_of(tables)
    instruments = _instruments_of(tables)
    return pd.DataFrame(
        {
            "item": rows["initiative_id"],
            "what the strategy proposes": rows["summary"],
            "actors (role)": rows["initiative_id"].map(actors).fillna(""),
            "instruments": rows["initiative_id"].map(instruments).fillna(""),
        }
    ).pipe(reader_frame)


def actor_table(
    result: StrandResult, tables: Mapping[str, pd.DataFrame], top: int | None = None
) -> pd.DataFrame:
    """Centrality of each actor in the strand's actor network, most central first.

    Examples
    --------
    >>> from eucasia.analysis.corpus import Corpus
    >>> from eucasia.analysis.network import strand_analysis
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["initiative_actors"])
    >>> result = strand_analysis(Corpus.from_tables(tables), "resilience", robustness=False)
    >>> table = actor_table(result, tables, top=3)
    >>> len(table), list(table.columns[:2])
    (3, ['actor', 'type'])
    """
    metrics = result.metrics.sort_values(["rank_strength", "node"]).reset_index(drop=True)
    if top is not None:
        metrics = metrics.head(top)
    names = dict(zip(tables["actors"]["actor_id"], tables["actors"]["name"], strict=True))
    return pd.DataFrame(
        {
            "actor": metrics["node"].map(names),
            "type": metrics["actor_type"].map(type_label),
            "initiatives": [result.bipartite.degree(n) for n in metrics["node"]],
            "partners (degree)": metrics["degree"].astype(int),
            "strength": metrics["strength"].astype(int),
            # Unrounded: the page rounds once (numbers.fixed), as the prose does.
            "betweenness": metrics["betweenness"],
            "PageRank": metrics["pagerank"],
            "community": metrics["community"].astype(int),
        }
    )


def community_table(
    result: StrandResult, tables: Mapping[str, pd.DataFrame], show: int = 6
) -> pd.DataFrame:
    """Louvain communities: size and their most central members (by strength); the page lists
    the first `show`, the download every member in the same order.

    Examples
    --------
    >>> from eucasia.analysis.corpus import Corpus
    >>> from eucasia.analysis.network import strand_analysis
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["initiative_actors"])
    >>> result = strand_analysis(Corpus.from_tables(tables), "resilience", robustness=False)
    >>> list(community_table(result, tables).columns)
    ['community', 'actors', 'most central members']
    """
    names = dict(zip(tables["actors"]["actor_id"], tables["actors"]["name"], strict=True))
    metrics = result.metrics.sort_values(["rank_strength", "node"])
    rows = []
    for community, group in metrics.groupby("community", sort=True):
        members = [names.get(n, n) for n in group["node"]]
        more = f" and {len(members) - show} more" if len(members) > show else ""
        rows.append(
            {
                "community": int(community),
                "actors": len(members),
                "most central members": Shown("; ".join(members[:show]) + more, "; ".join(members))
                if more
                else "; ".join(members),
            }
        )
    return pd.DataFrame(rows)


def instruments_table(tables: Mapping[str, pd.DataFrame], strand: str) -> pd.DataFrame:
    """Instruments tied to the strand's initiatives, with how many initiatives each serves.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["initiative_actors", "initiative_instruments"])
    >>> list(instruments_table(tables, "resilience").columns)
    ['instrument', 'kind', 'initiatives', 'items']
    """
    ids = set(strand_initiatives(tables, strand)["initiative_id"])
    links = tables["initiative_instruments"]
    links = links[links["initiative_id"].isin(ids)]
    counts = links.groupby("instrument_id")["initiative_id"].agg(
        ["size", lambda s: "; ".join(sorted(s))]
    )
    counts.columns = ["initiatives", "items"]
    table = tables["instruments"].merge(counts, left_on="instrument_id", right_index=True)
    table = table.sort_values(["initiatives", "name"], ascending=[False, True])
    return pd.DataFrame(
        {
            "instrument": table["name"],
            "kind": table["kind"].str.replace("_", " "),
            "initiatives": table["initiatives"].astype(int),
            "items": table["items"],
        }
    ).reset_index(drop=True)


def marginal_actors(
    result: StrandResult, tables: Mapping[str, pd.DataFrame], with_ids: bool = False
) -> pd.DataFrame:
    """Actors at the margin of the strand: in a single initiative, or tied to the hubs only.

    An actor whose every tie runs to the EU or the Central Asian states as a group takes part
    in the network only through them; that is what the strategy leaves at the margin.
    `with_ids` adds an `actor_id` column first, for prose checks by id (not by display name).

    Examples
    --------
    >>> from eucasia.analysis.corpus import Corpus
    >>> from eucasia.analysis.network import strand_analysis
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["initiative_actors"])
    >>> result = strand_analysis(Corpus.from_tables(tables), "resilience", robustness=False)
    >>> list(marginal_actors(result, tables, with_ids=True).columns)
    ['actor_id', 'actor', 'type', 'initiatives', 'partners', 'why at the margin']
    """
    names = dict(zip(tables["actors"]["actor_id"], tables["actors"]["name"], strict=True))
    hubs = {"eu", "central_asian_states"}
    rows = []
    for node in sorted(result.projection, key=str):
        if node in hubs:
            continue
        partners = set(result.projection[node])
        single = result.bipartite.degree(node) == 1
        hubs_only = partners <= hubs
        if single or hubs_only:
            rows.append(
                {
                    **({"actor_id": node} if with_ids else {}),
                    "actor": names.get(node, node),
                    "type": type_label(result.projection.nodes[node].get("actor_type", "other")),
                    "initiatives": result.bipartite.degree(node),
                    "partners": len(partners),
                    "why at the margin": "; ".join(
                        reason
                        for reason, flag in (
                            ("in a single initiative", single),
                            ("tied only to the EU and/or the region as a whole", hubs_only),
                        )
                        if flag
                    ),
                }
            )
    return pd.DataFrame(rows)


def unlinked_actors(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Actors the strategy names but links to no initiative at all (with the coder's note)."""
    linked = set(tables["initiative_actors"]["actor_id"])
    actors = tables["actors"]
    rows = actors[~actors["actor_id"].isin(linked)].sort_values("name")
    return pd.DataFrame(
        {
            "actor": rows["name"],
            "type": rows["actor_type"].map(type_label),
            "why it has no link": rows["note"].fillna(""),
        }
    ).reset_index(drop=True)


def stability_table(result: StrandResult, top: int = 8) -> pd.DataFrame:
    """How the strength ranking of the most central actors holds when initiatives change.

    Examples
    --------
    >>> from eucasia.analysis.corpus import Corpus
    >>> from eucasia.analysis.network import strand_analysis
    >>> from eucasia.data import load_tables
    >>> corpus = Corpus.from_tables(load_tables(["initiative_actors"]))
    >>> result = strand_analysis(corpus, "resilience", n_boot=20)
    >>> table = stability_table(result, top=3)
    >>> len(table), list(table.columns[:3])
    (3, ['actor', 'rank', 'rank range, leave one out'])
    """
    loo = result.robustness["leave_one_out"].table.set_index("node")
    boot = result.robustness["bootstrap"].table.set_index("node")
    k = result.robustness["bootstrap"].summary["top_k"]
    head = loo.sort_values(["rank"]).head(top)
    return pd.DataFrame(
        {
            "actor": head["label"],
            "rank": head["rank"].astype(int),
            "rank range, leave one out": [
                f"{int(a)}–{int(b)}" for a, b in zip(head["rank_lo"], head["rank_hi"], strict=True)
            ],
            f"share of bootstrap runs in top {k}": boot.loc[head.index, "share_top_k"].to_numpy(),
            "bootstrap rank interval (95%)": [
                f"{int(a)}–{int(b)}"
                for a, b in zip(
                    boot.loc[head.index, "rank_lo"], boot.loc[head.index, "rank_hi"], strict=True
                )
            ],
        }
    ).reset_index(drop=True)
