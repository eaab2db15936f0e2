"""A state's milestones read in one order in its table, its figure and the figure's CSV
(the order is asked once, in eucasia.analysis.milestones.state_milestones)."""

from __future__ import annotations

import pandas as pd
import pytest

from eucasia.analysis.milestones import MILESTONE_ORDER, state_milestones, strategy_date
from eucasia.data import load_tables
from eucasia.presentation.charts.country_figures import _steps, agreement_chart_data
from eucasia.presentation.tables.country_tables import agreements_table, river_positions

TABLES = load_tables()
CODES = list(TABLES["countries"]["country_code"])


def order_mismatches(table: pd.DataFrame, figure_rows: pd.DataFrame) -> list[str]:
    """Rows where the page's table and the figure's data list different milestones."""
    left = list(zip(table["agreement"], table["milestone"], table["date"], strict=True))
    right = list(
        zip(figure_rows["agreement"], figure_rows["milestone"], figure_rows["date"], strict=True)
    )
    return [
        f"row {i}: table {a} vs figure {b}"
        for i, (a, b) in enumerate(zip(left, right, strict=False))
        if a != b
    ] + ([f"{len(left)} table rows vs {len(right)} figure rows"] if len(left) != len(right) else [])


@pytest.mark.parametrize("code", CODES)
def test_table_figure_and_csv_list_milestones_in_one_order(code: str) -> None:
    table = agreements_table(TABLES, code)
    assert order_mismatches(table, agreement_chart_data(TABLES, code)) == []
    drawn = _steps(TABLES, code)  # what the figure draws and labels
    assert list(drawn["milestone"].str.replace("_", " ")) == list(table["milestone"])


def test_the_check_catches_a_table_in_another_order() -> None:
    code = max(CODES, key=lambda c: len(state_milestones(TABLES, c)))
    table = agreements_table(TABLES, code)
    shuffled = table.sort_values("date", ascending=False).reset_index(drop=True)
    assert order_mismatches(shuffled, agreement_chart_data(TABLES, code))


def test_ties_never_depend_on_the_files_row_order() -> None:
    code = max(CODES, key=lambda c: len(state_milestones(TABLES, c)))
    reversed_rows = {**TABLES, "agreement_milestones": TABLES["agreement_milestones"].iloc[::-1]}
    assert state_milestones(reversed_rows, code).equals(state_milestones(TABLES, code))


def test_milestones_follow_an_agreements_life_and_the_strategy_date_is_the_communications() -> None:
    for code in CODES:
        steps = state_milestones(TABLES, code)
        for _, group in steps.groupby("agreement_type"):
            assert list(group["order"]) == sorted(group["order"])
    assert MILESTONE_ORDER[0] == "negotiations_launched"
    assert strategy_date(TABLES["timeline"]) == "2019-05-15"
    with pytest.raises(ValueError, match="JOIN"):
        strategy_date(TABLES["timeline"].iloc[0:0])


@pytest.mark.parametrize("code", CODES)
def test_the_overview_counts_every_river_row_of_a_state(code: str) -> None:
    """The overview's rivers cell adds up to the state's rows in rivers.csv (TKM is midstream)."""
    rivers = TABLES["rivers"][TABLES["rivers"]["country_code"] == code]
    counts = [int(n) for n in river_positions(rivers).split(" / ")]
    assert sum(counts) == len(rivers), (code, river_positions(rivers), len(rivers))


def test_a_river_position_outside_the_vocabulary_is_an_error() -> None:
    with pytest.raises(ValueError, match="'midway'"):
        river_positions(pd.DataFrame({"position": ["upstream", "midway"]}))
