"""Tables of the wider record: the 2019 → 2023 crosswalk, funding, and events before and after 2019."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from eucasia.presentation.text.money import format_eur
from eucasia.presentation.text.readertext import cite_sources, reader_frame, reader_text


def crosswalk_table(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Each 2019 section with the Joint Roadmap key areas that carry it forward.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> list(crosswalk_table(load_tables(["crosswalk"])).columns)
    ['section', '2019 section', 'relation', '2023 Roadmap key area', 'why']
    """
    areas = tables["areas"].set_index("area_id")["title"]
    roadmap = tables["roadmap_areas"].set_index("roadmap_area_id")["title"]
    walk = tables["crosswalk"].copy()
    walk["roadmap key area"] = walk["roadmap_area_id"].map(roadmap).fillna("none")
    walk = walk.assign(order=walk["relation"].map({"primary": 0, "partial": 1, "none": 2}))
    walk = walk.sort_values(["area_id", "order", "roadmap_area_id"])
    return (
        pd.DataFrame(
            {
                "section": walk["area_id"],
                "2019 section": walk["area_id"].map(areas),
                "relation": walk["relation"],
                "2023 Roadmap key area": walk["roadmap key area"],
                "why": walk["rationale"],
            }
        )
        .pipe(reader_frame)
        .reset_index(drop=True)
    )


def funding_table(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Funding rows for readers: programme, period, scope, amount in words, source, note.

    *source* and *note* hold MyST (citations): show them with ``raw_columns``.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> list(funding_table(load_tables(["funding", "countries"])).columns)
    ['programme or package', 'period', 'scope', 'amount', 'source', 'note']
    """
    f = tables["funding"].copy()
    ids = set(tables["sources"]["source_id"])
    names = dict(zip(tables["countries"]["country_code"], tables["countries"]["name"], strict=True))
    period = [
        "" if pd.isna(a) else (f"{a}" if pd.isna(b) or a == b else f"{a}–{b}")
        for a, b in zip(f["period_start"], f["period_end"], strict=True)
    ]
    f = f.assign(
        period=period,
        scope_name=f["scope"].map(lambda s: "regional" if s == "regional" else names.get(s, s)),
    )
    f = f.assign(sort_year=pd.to_numeric(f["period_start"]).fillna(9999)).sort_values(
        ["sort_year", "scope", "funding_id"]
    )
    return pd.DataFrame(
        {
            "programme or package": f["programme"].map(reader_text),
            "period": f["period"],
            "scope": f["scope_name"],
            "amount": [
                format_eur(a, q) if pd.notna(a) else ""  # absent: empty, and so its number
                for a, q in zip(f["amount_eur"], f["amount_qualifier"], strict=True)
            ],
            "source": [f"{{cite}}`{s}`" for s in f["source_id"]],
            "note": [cite_sources(n, ids) for n in f["note"]],
        }
    ).reset_index(drop=True)


def events_by_period(timeline: pd.DataFrame, split: str = "2019-05-15") -> pd.DataFrame:
    """Counts of timeline events by kind before and after the 2019 communication.

    Examples
    --------
    >>> import pandas as pd
    >>> timeline = pd.DataFrame({"date": ["2018-11-23", "2019-05-15", "2023-10-23"],
    ...                          "kind": ["summit", "communication", "summit"]})
    >>> counts = events_by_period(timeline)
    >>> list(counts.columns), counts.values.tolist()
    (['kind', 'before May 2019', 'from May 2019'], [['communication', 0, 1], ['summit', 1, 1]])
    """
    after = timeline["date"] >= split[:10]
    table = pd.crosstab(timeline["kind"], np.where(after, "from May 2019", "before May 2019"))
    for column in ("before May 2019", "from May 2019"):
        if column not in table:
            table[column] = 0
    table = table[["before May 2019", "from May 2019"]].reset_index()
    table["kind"] = table["kind"].str.replace("_", " ")
    return table.sort_values(["from May 2019", "kind"], ascending=[False, True]).reset_index(
        drop=True
    )
