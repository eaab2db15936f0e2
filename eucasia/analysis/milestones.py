"""The queries about agreements and the strategy's date that several pages share, asked once.

A state's milestones are shown three times (the country profile's table, its figure and the
figure's CSV), and the 2019 Communication's date is marked on the overview's timeline and on every
country figure. Asked in one place, they cannot come out in two orders or two dates.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from eucasia.data import field_values

#: The milestones of an agreement in the order they happen (from the descriptor's enum).
MILESTONE_ORDER: list[str] = field_values("agreement_milestones", "milestone")

#: The strategy this book is about, found in the timeline by its document number.
STRATEGY_DOCUMENT = "JOIN(2019) 9"


def state_milestones(tables: Mapping[str, pd.DataFrame], code: str) -> pd.DataFrame:
    """Every documented milestone of the state `code`'s agreements, in the book's one order:
    by agreement type, then by the milestone's place in an agreement's life, then by date (then
    by agreement id, so that ties never depend on the file's row order).

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> steps = state_milestones(load_tables(), "KAZ")
    >>> list(steps.columns[:4])
    ['agreement_id', 'agreement_type', 'milestone', 'date']
    >>> steps["order"].is_monotonic_increasing or steps["agreement_type"].nunique() > 1
    True
    """
    agreements = tables["agreements"]
    mine = agreements[agreements["country_code"] == code]
    steps = tables["agreement_milestones"].merge(
        mine[["agreement_id", "agreement_type"]], on="agreement_id"
    )
    steps = steps.assign(order=steps["milestone"].map(MILESTONE_ORDER.index))
    steps = steps.sort_values(["agreement_type", "order", "date", "agreement_id"], kind="stable")
    first = ["agreement_id", "agreement_type", "milestone", "date"]
    return steps[first + [c for c in steps.columns if c not in first]].reset_index(drop=True)


def strategy_events(timeline: pd.DataFrame) -> pd.DataFrame:
    """The timeline's rows that are the 2019 Communication (kind `communication`, title citing
    :data:`STRATEGY_DOCUMENT`)."""
    cites = timeline["title"].str.contains(STRATEGY_DOCUMENT, regex=False)
    return timeline[cites & (timeline["kind"] == "communication")]


def strategy_date(timeline: pd.DataFrame) -> str:
    """The date of the 2019 Communication as the timeline gives it.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> strategy_date(load_tables(["timeline"])["timeline"])
    '2019-05-15'
    """
    rows = strategy_events(timeline)
    if rows.empty:
        raise ValueError(f"the timeline has no communication whose title cites {STRATEGY_DOCUMENT}")
    return str(rows["date"].min())
