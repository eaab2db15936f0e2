"""The graphs individual strands call for, beyond the actor network.

- Resilience: transboundary rivers and the upstream→downstream dependencies between riparian states.
- Prosperity: transport and energy corridors and the countries each connects.
- Working better together: the dialogue formats and the actors the strategy brings into each.

All build on :func:`eucasia.graphs.affiliation_graph`, so drawing, projection and export work
the same way as for the actor networks.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import pandas as pd

from eucasia.graphs import affiliation_graph

POSITION_ORDER = {"upstream": 0, "midstream": 1, "downstream": 2}
GROUP_TYPE = {
    "central_asia": "central_asian_state",
    "neighbour": "neighbour_state",
    "region": "central_asian_collective",
    "other": "other",
}


def country_attrs(countries: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Node attributes for countries: their name as label, and a type that colours them."""
    return {
        code: {"label": name, "actor_type": GROUP_TYPE[group]}
        for code, name, group in zip(
            countries["country_code"], countries["name"], countries["group"], strict=True
        )
    }


def river_graph(rivers: pd.DataFrame, countries: pd.DataFrame) -> nx.Graph:
    """Rivers (left) and their riparian countries (right); edges carry the country's position."""
    names = dict(zip(rivers["river_id"], rivers["river"], strict=False))
    attrs = country_attrs(countries) | {r: {"label": n} for r, n in names.items()}
    return affiliation_graph(
        rivers,
        "river_id",
        "country_code",
        left_kind="river",
        right_kind="country",
        node_attrs=attrs,
        edge_attrs=("position",),
    )


def upstream_downstream(rivers: pd.DataFrame, countries: pd.DataFrame) -> nx.DiGraph:
    """Directed ties from each riparian country to every country further downstream on a river.

    Edge ``weight`` is the number of rivers on which the tie exists; ``rivers`` lists them. A
    country's out-degree counts the countries that depend on water passing through it first.
    """
    G = nx.DiGraph()
    attrs = country_attrs(countries)
    for code in sorted(set(rivers["country_code"])):
        G.add_node(code, **attrs.get(code, {"label": code}))
    names = dict(zip(rivers["river_id"], rivers["river"], strict=False))
    for river_id, group in rivers.groupby("river_id", sort=True):
        order = {
            c: POSITION_ORDER[p]
            for c, p in zip(group["country_code"], group["position"], strict=True)
        }
        for up in sorted(order):
            for down in sorted(order):
                if order[up] < order[down]:
                    data = G.get_edge_data(up, down, {"weight": 0, "rivers": ()})
                    G.add_edge(
                        up,
                        down,
                        weight=data["weight"] + 1,
                        rivers=(*data["rivers"], names[river_id]),
                    )
    return G


def riparian_table(rivers: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Per country: the rivers it shares, where it lies on them, and its up/downstream ties."""
    G = upstream_downstream(rivers, countries)
    names = dict(zip(countries["country_code"], countries["name"], strict=True))
    rows = []
    for code, group in rivers.groupby("country_code", sort=True):
        positions = {p: sorted(group.loc[group["position"] == p, "river"]) for p in POSITION_ORDER}
        rows.append(
            {
                "country": names.get(code, code),
                "rivers": len(group),
                "upstream on": "; ".join(positions["upstream"]),
                "midstream on": "; ".join(positions["midstream"]),
                "downstream on": "; ".join(positions["downstream"]),
                "countries downstream of it": G.out_degree(code),
                "countries upstream of it": G.in_degree(code),
            }
        )
    table = pd.DataFrame(rows)
    return table.sort_values(
        ["countries downstream of it", "country"], ascending=[False, True]
    ).reset_index(drop=True)


def corridor_graph(
    corridors: pd.DataFrame, corridor_countries: pd.DataFrame, countries: pd.DataFrame
) -> nx.Graph:
    """Corridors (left) and the countries each connects (right)."""
    names = dict(zip(corridors["corridor_id"], corridors["name"], strict=True))
    attrs = country_attrs(countries) | {c: {"label": n} for c, n in names.items()}
    return affiliation_graph(
        corridor_countries,
        "corridor_id",
        "country_code",
        left_kind="corridor",
        right_kind="country",
        node_attrs=attrs,
    )


def format_participation(
    tables: Mapping[str, pd.DataFrame], kind: str = "dialogue_format"
) -> pd.DataFrame:
    """Format–actor pairs: an actor takes part in a format when both are tied to one initiative.

    Returns instrument_id, actor_id and ``initiatives``, the number of initiatives linking them.
    """
    instruments = tables["instruments"]
    formats = set(instruments.loc[instruments["kind"] == kind, "instrument_id"])
    via = tables["initiative_instruments"]
    via = via[via["instrument_id"].isin(formats)][["initiative_id", "instrument_id"]]
    pairs = via.merge(
        tables["initiative_actors"][["initiative_id", "actor_id"]], on="initiative_id"
    )
    return (
        pairs.groupby(["instrument_id", "actor_id"])
        .size()
        .rename("initiatives")
        .reset_index()
        .sort_values(["instrument_id", "actor_id"])
        .reset_index(drop=True)
    )


def format_graph(tables: Mapping[str, pd.DataFrame], kind: str = "dialogue_format") -> nx.Graph:
    """Dialogue formats (left) and the actors the strategy brings into each (right)."""
    pairs = format_participation(tables, kind)
    instruments = tables["instruments"]
    actors = tables["actors"]
    attrs = {
        a: {"label": n, "actor_type": t}
        for a, n, t in zip(actors["actor_id"], actors["name"], actors["actor_type"], strict=True)
    }
    attrs |= {
        i: {"label": n}
        for i, n in zip(instruments["instrument_id"], instruments["name"], strict=True)
    }
    B = affiliation_graph(
        pairs, "instrument_id", "actor_id", left_kind="format", right_kind="actor", node_attrs=attrs
    )
    for fmt, actor, count in zip(
        pairs["instrument_id"], pairs["actor_id"], pairs["initiatives"], strict=True
    ):
        B.edges[fmt, actor]["weight"] = int(count)  # numeric: the drawing scales line width by it
    return B


def corridor_table(
    corridors: pd.DataFrame, corridor_countries: pd.DataFrame, countries: pd.DataFrame
) -> pd.DataFrame:
    """Per corridor: kind and the countries the sources name along it (none for some)."""
    names = dict(zip(countries["country_code"], countries["name"], strict=True))
    along = (
        corridor_countries.assign(country=lambda t: t["country_code"].map(names))
        .sort_values(["corridor_id", "country"])
        .groupby("corridor_id")["country"]
        .agg(["size", "; ".join])
    )
    along.columns = ["countries", "which"]
    table = corridors.merge(along, left_on="corridor_id", right_index=True, how="left")
    table["countries"] = table["countries"].fillna(0).astype(int)
    table["which"] = table["which"].fillna("none named in the sources")
    table = table.sort_values(["countries", "name"], ascending=[False, True])
    return pd.DataFrame(
        {
            "corridor": table["name"],
            "kind": table["kind"],
            "countries": table["countries"],
            "countries along it": table["which"],
        }
    ).reset_index(drop=True)


def corridors_per_country(corridor_countries: pd.DataFrame, countries: pd.DataFrame) -> pd.Series:
    """Number of corridors each country lies on, most first (ties by name)."""
    names = dict(zip(countries["country_code"], countries["name"], strict=True))
    counts = corridor_countries["country_code"].map(names).value_counts()
    return counts.sort_index().sort_values(ascending=False, kind="mergesort")
