"""Tables of the strand-specific graphs: riparian states, corridors and the countries they connect."""

from __future__ import annotations

import pandas as pd

from eucasia.analysis.strandgraphs import POSITION_ORDER, upstream_downstream


def riparian_table(
    rivers: pd.DataFrame, countries: pd.DataFrame, with_codes: bool = False
) -> pd.DataFrame:
    """Per country: the rivers it shares, where it lies on them, and its up/downstream ties.

    `with_codes` adds a `country_code` column first, for prose checks by code (not by name).

    Examples
    --------
    >>> import pandas as pd
    >>> rivers = pd.DataFrame({"river_id": ["r", "r"], "river": ["Syr Darya", "Syr Darya"],
    ...                        "country_code": ["KGZ", "UZB"],
    ...                        "position": ["upstream", "downstream"]})
    >>> countries = pd.DataFrame({"country_code": ["KGZ", "UZB"],
    ...                           "name": ["Kyrgyzstan", "Uzbekistan"],
    ...                           "group": ["central_asia"] * 2, "actor_id": ["kgz", "uzb"]})
    >>> riparian_table(rivers, countries, with_codes=True)["country_code"].tolist()
    ['KGZ', 'UZB']
    """
    G = upstream_downstream(rivers, countries)
    names = dict(zip(countries["country_code"], countries["name"], strict=True))
    rows = []
    for code, group in rivers.groupby("country_code", sort=True):
        positions = {p: sorted(group.loc[group["position"] == p, "river"]) for p in POSITION_ORDER}
        rows.append(
            {
                **({"country_code": code} if with_codes else {}),
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


def corridor_table(
    corridors: pd.DataFrame, corridor_countries: pd.DataFrame, countries: pd.DataFrame
) -> pd.DataFrame:
    """Per corridor: kind and the countries the sources name along it (none for some).

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["corridor_countries"])
    >>> table = corridor_table(
    ...     tables["corridors"], tables["corridor_countries"], tables["countries"]
    ... )
    >>> list(table.columns), len(table) == len(tables["corridors"])
    (['corridor', 'kind', 'countries', 'countries along it'], True)
    """
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
    """Number of corridors each country lies on, most first (ties by name).

    Examples
    --------
    >>> import pandas as pd
    >>> links = pd.DataFrame({"corridor_id": ["a", "a", "b"],
    ...                       "country_code": ["KAZ", "UZB", "KAZ"]})
    >>> countries = pd.DataFrame({"country_code": ["KAZ", "UZB"],
    ...                           "name": ["Kazakhstan", "Uzbekistan"]})
    >>> corridors_per_country(links, countries)
    country_code
    Kazakhstan    2
    Uzbekistan    1
    Name: count, dtype: int64
    """
    names = dict(zip(countries["country_code"], countries["name"], strict=True))
    counts = corridor_countries["country_code"].map(names).value_counts()
    return counts.sort_index().sort_values(ascending=False, kind="mergesort")
