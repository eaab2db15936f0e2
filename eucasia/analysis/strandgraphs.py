"""The graphs individual strands call for, beyond the actor network.

- Resilience: transboundary rivers and the upstream→downstream dependencies between riparian states.
- Prosperity: transport and energy corridors and the countries each connects.
- Working better together: the dialogue formats and the actors the strategy brings into each.

All build on :func:`eucasia.analysis.graphs.affiliation_graph`, so drawing, projection and export
work the same way as for the actor networks.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import pandas as pd

from eucasia.analysis.graphs import affiliation_graph

POSITION_ORDER = {"upstream": 0, "midstream": 1, "downstream": 2}
#: A country's type when the actors table does not give one. A "region" row may be the five
#: states together or the European Union, so only its actor can say which: alone it is "other".
GROUP_TYPE = {
    "central_asia": "central_asian_state",
    "neighbour": "neighbour_state",
    "region": "other",
    "other": "other",
}


def country_attrs(
    countries: pd.DataFrame, actors: pd.DataFrame | None = None
) -> dict[str, dict[str, str]]:
    """Node attributes for countries: their name as label, and a type that colours them.

    The type is that of the country's actor (``countries.actor_id`` in ``actors``) when there is
    one, so the European Union is drawn as what it is; otherwise it follows the country's group.
    """
    typed = (
        {} if actors is None else dict(zip(actors["actor_id"], actors["actor_type"], strict=True))
    )
    return {
        code: {"label": name, "actor_type": typed.get(actor, GROUP_TYPE[group])}
        for code, name, group, actor in zip(
            countries["country_code"],
            countries["name"],
            countries["group"],
            countries["actor_id"],
            strict=True,
        )
    }


def river_graph(
    rivers: pd.DataFrame, countries: pd.DataFrame, actors: pd.DataFrame | None = None
) -> nx.Graph:
    """Rivers (left) and their riparian countries (right); edges carry the country's position.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["rivers"])
    >>> G = river_graph(tables["rivers"], tables["countries"])
    >>> G.edges["amu_darya", "AFG"]["position"]
    'upstream'
    """
    names = dict(zip(rivers["river_id"], rivers["river"], strict=False))
    attrs = country_attrs(countries, actors) | {r: {"label": n} for r, n in names.items()}
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

    Examples
    --------
    >>> import pandas as pd
    >>> rivers = pd.DataFrame({"river_id": ["r", "r", "r"], "river": ["R", "R", "R"],
    ...                        "country_code": ["KGZ", "UZB", "TKM"],
    ...                        "position": ["upstream", "midstream", "downstream"]})
    >>> countries = pd.DataFrame({"country_code": ["KGZ", "UZB", "TKM"],
    ...                           "name": ["Kyrgyzstan", "Uzbekistan", "Turkmenistan"],
    ...                           "group": ["central_asia"] * 3,
    ...                           "actor_id": ["kgz", "uzb", "tkm"]})
    >>> D = upstream_downstream(rivers, countries)
    >>> sorted(D.edges), dict(D.out_degree())["KGZ"]
    ([('KGZ', 'TKM'), ('KGZ', 'UZB'), ('UZB', 'TKM')], 2)
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


def corridor_graph(
    corridors: pd.DataFrame,
    corridor_countries: pd.DataFrame,
    countries: pd.DataFrame,
    actors: pd.DataFrame | None = None,
) -> nx.Graph:
    """Corridors (left) and the countries each connects (right), typed by their actors.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["corridor_countries"])
    >>> G = corridor_graph(tables["corridors"], tables["corridor_countries"], tables["countries"])
    >>> G.has_edge("caspian_green_energy_corridor", "KAZ")
    True
    """
    names = dict(zip(corridors["corridor_id"], corridors["name"], strict=True))
    attrs = country_attrs(countries, actors) | {c: {"label": n} for c, n in names.items()}
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

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> pairs = format_participation(load_tables(["initiative_actors", "initiative_instruments"]))
    >>> list(pairs.columns)
    ['instrument_id', 'actor_id', 'initiatives']
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
    """Dialogue formats (left) and the actors the strategy brings into each (right).

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> G = format_graph(load_tables(["initiative_actors", "initiative_instruments"]))
    >>> sorted({side for _, side in G.nodes(data="bipartite")})
    [0, 1]
    """
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
