"""The 2025 Samarkand declaration: its four tables' rules, the agenda comparison and its figure.

The loader must refuse a bad row of each new table (a copy of the real data package, one row
broken per case, the error naming file, line and column); the comparison must refuse a
crosswalk the schema cannot judge; the figure must draw one mark per theme, in its relation's
column, and nothing in the *dropped* column while no area is coded so.
"""

from __future__ import annotations

import csv
import doctest
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from eucasia.analysis import declaration
from eucasia.analysis.declaration import (
    agenda_changes,
    coverage,
    crosswalk_problems,
    declaration_only_actors,
    relation_counts,
    summit_packages,
)
from eucasia.data import DataValidationError, load_tables
from eucasia.presentation.charts import declaration_figure
from eucasia.presentation.charts.declaration_figure import COLUMNS, agenda_chart
from eucasia.presentation.tables import declaration_tables

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
NEW = ["declaration_paragraphs", "declaration_actors", "declaration_instruments"]
TABLES = [*NEW, "declaration_crosswalk", "initiative_actors", "funding"]


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return load_tables(TABLES)


@pytest.fixture
def package(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


Rows = list[dict[str, str]]


def rewrite(path: Path, change: Callable[[Rows], None]) -> None:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    change(rows)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def cell(key: str, value: str, column: str, new: str) -> Callable[[Rows], None]:
    """Set `column` to `new` in the first row whose first column is `key` (`value` unused: the
    row's old value, asserted so that a case cannot silently break nothing)."""

    def change(rows: Rows) -> None:
        row = next(r for r in rows if next(iter(r.values())) == key and r[column] == value)
        row[column] = new

    return change


def drop(column: str, key: str) -> Callable[[Rows], None]:
    def change(rows: Rows) -> None:
        rows[:] = [r for r in rows if r[column] != key]

    return change


# (case, file, change, table to load, where the error is, what it says)
CASES = [
    (
        "paragraph-kind",
        "declaration_paragraphs.csv",
        cell("D-02", "statement", "kind", "promise"),
        "declaration_paragraphs",
        "declaration_paragraphs.csv, line 3, column 'kind'",
        "'promise' is not one of the allowed values",
    ),
    (
        "paragraph-id-and-number-disagree",
        "declaration_paragraphs.csv",
        cell("D-02", "2", "number", "3"),
        "declaration_paragraphs",
        "declaration_paragraphs.csv, line 3, column 'number'",
        "",
    ),
    (
        "paragraph-area-unknown",
        "declaration_paragraphs.csv",
        cell("D-05", "1.2", "area_id", "1.9"),
        "declaration_paragraphs",
        "declaration_paragraphs.csv, line 6, column 'area_id'",
        "'1.9' is not a area_id",
    ),
    (
        "actor-unknown",
        "declaration_actors.csv",
        cell("D-04", "central_asian_states", "actor_id", "nobody"),
        "declaration_actors",
        "declaration_actors.csv, line 11, column 'actor_id'",
        "'nobody' is not a actor_id",
    ),
    (
        "actor-role-unknown",
        "declaration_actors.csv",
        cell("D-01", "partner", "role", "host"),
        "declaration_actors",
        "declaration_actors.csv, line 2, column 'role'",
        "'host' is not one of the allowed values",
    ),
    (
        "paragraph-without-actor",
        "declaration_actors.csv",
        drop("paragraph_id", "D-08"),
        "declaration_actors",
        "declaration_paragraphs.csv, line 9, column 'paragraph_id'",
        "'D-08' has no row in",
    ),
    (
        "instrument-unknown",
        "declaration_instruments.csv",
        cell("D-03", "osce_commitments", "instrument_id", "nothing"),
        "declaration_instruments",
        "declaration_instruments.csv, line 7, column 'instrument_id'",
        "'nothing' is not a instrument_id",
    ),
    (
        "instrument-paragraph-unknown",
        "declaration_instruments.csv",
        cell("D-07", "D-07", "paragraph_id", "D-12"),
        "declaration_instruments",
        "declaration_instruments.csv, line 10, column 'paragraph_id'",
        "'D-12' is not a paragraph_id",
    ),
    (
        "crosswalk-relation-unknown",
        "declaration_crosswalk.csv",
        cell("2019-2.1", "undetermined", "relation", "lost"),
        "declaration_crosswalk",
        "declaration_crosswalk.csv, line 6, column 'relation'",
        "'lost' is not one of the allowed values",
    ),
    (
        "crosswalk-2019-row-with-a-key-area",
        "declaration_crosswalk.csv",
        cell("2019-1.1", "", "roadmap_area_id", "RA1"),
        "declaration_crosswalk",
        "declaration_crosswalk.csv, line 3, column 'roadmap_area_id'",
        "",
    ),
    (
        "crosswalk-id-names-another-text",
        "declaration_crosswalk.csv",
        cell("2019-2.2", "2019-2.2", "theme_id", "2024-2.2"),
        "declaration_crosswalk",
        "declaration_crosswalk.csv, line 7, column 'theme_id'",
        "does not have the form",
    ),
    (
        "crosswalk-section-missing",
        "declaration_crosswalk.csv",
        drop("theme_id", "2019-3.3"),
        "declaration_crosswalk",
        "areas.csv, line 12, column 'area_id'",
        "'3.3' has no row in",
    ),
    (
        "crosswalk-paragraph-list-malformed",
        "declaration_crosswalk.csv",
        cell("2019-1.2", "D-05;D-06", "paragraphs", "D-05, D-06"),
        "declaration_crosswalk",
        "declaration_crosswalk.csv, line 4, column 'paragraphs'",
        "",
    ),
]


@pytest.mark.parametrize(
    ("file", "change", "table", "where", "says"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_the_loader_refuses_a_bad_row_of_each_new_table(
    package: Path, file: str, change, table: str, where: str, says: str
) -> None:
    rewrite(package / file, change)
    with pytest.raises(DataValidationError) as info:
        load_tables([table], data_dir=package)
    message = str(info.value)
    assert where in message, message
    assert says in message, message


def test_the_real_tables_load_and_every_new_table_is_exercised(tables) -> None:
    assert {c[3] for c in CASES} == {*NEW, "declaration_crosswalk"}
    assert {len(tables[t]) > 0 for t in NEW} == {True}


# --- the comparison ---------------------------------------------------------------------------


def test_the_real_crosswalk_has_no_problem_and_covers_both_earlier_texts(tables) -> None:
    assert crosswalk_problems(tables) == []
    changes = agenda_changes(tables)
    more = load_tables(["areas", "roadmap_areas"])
    areas, key_areas = more["areas"], more["roadmap_areas"]
    assert set(changes.loc[changes["text"] == "strategy_2019", "label"]) == set(areas["area_id"])
    assert set(changes.loc[changes["text"] == "roadmap_2023", "label"]) == set(
        key_areas["roadmap_area_id"]
    )


def _broken(tables, theme_id: str, values: dict) -> dict[str, pd.DataFrame]:
    walk = tables["declaration_crosswalk"].copy()
    for column, value in values.items():
        walk.loc[walk["theme_id"] == theme_id, column] = value
    return {**tables, "declaration_crosswalk": walk}


@pytest.mark.parametrize(
    ("theme", "values", "problem"),
    [
        ("2019-1.2", {"paragraphs": "D-05;D-11"}, "2019-1.2: paragraph D-11 is not coded"),
        ("2019-1.3", {"relation": "new"}, "2019-1.3: only a theme of the declaration itself"),
        ("2025-ukraine", {"relation": "kept"}, "2025-ukraine: a theme of the declaration itself"),
        ("2025-ukraine", {"theme": None}, "2025-ukraine: a theme new in 2025 needs its title"),
        (
            "2019-3.2",
            {"area_id": None, "roadmap_area_id": "RA1"},
            "2019-3.2: a row of strategy_2019 needs its area_id",
        ),
    ],
)
def test_the_comparison_refuses_a_crosswalk_the_schema_cannot_judge(
    tables, theme: str, values: dict, problem: str
) -> None:
    broken = _broken(tables, theme, values)
    assert any(p.startswith(problem) for p in crosswalk_problems(broken))
    with pytest.raises(ValueError, match=problem.split(": ")[0]):
        agenda_changes(broken)


def test_a_key_area_without_its_row_is_reported(tables) -> None:
    walk = tables["declaration_crosswalk"]
    broken = {**tables, "declaration_crosswalk": walk[walk["theme_id"] != "2023-RA5"]}
    assert crosswalk_problems(broken) == [
        "Roadmap key area RA5 has no row in declaration_crosswalk"
    ]


def test_undetermined_is_never_counted_as_dropped(tables) -> None:
    """Paragraphs 9 onwards are not stored: nothing may be called dropped, and every area no
    stored paragraph addresses must say it is undetermined."""
    changes = agenda_changes(tables)
    counts = relation_counts(changes)
    assert counts.to_numpy().sum() == len(changes)
    assert counts["dropped"].sum() == 0
    unaddressed = changes[changes["paragraphs"].map(len) == 0]
    assert set(unaddressed["relation"]) == {"undetermined"}
    assert unaddressed["rationale"].str.contains("could not be read").all()


def test_coverage_is_the_stored_paragraphs_without_a_gap(tables) -> None:
    covered = coverage(tables)
    assert (covered["coded"], covered["last"], covered["last_partial"]) == (8, 8, True)
    assert sum(covered["kinds"].values()) == covered["coded"]
    gap = tables["declaration_paragraphs"].query("number != 5")
    with pytest.raises(ValueError, match="not 1 to n without a gap"):
        coverage({"declaration_paragraphs": gap})


def test_summit_amounts_come_from_funding_and_the_split_is_news_only(tables) -> None:
    money = summit_packages(tables["funding"])
    assert money["shares"] == money["package"] and money["n_shares"] == 4
    funding = tables["funding"].set_index("funding_id")
    assert funding.loc[declaration.SUMMIT_EIB, "source_id"] == "eib_2025_samarkand"
    assert "news report only" in funding.loc[declaration.SUMMIT_EIB, "note"]


def test_actors_held_only_for_the_declaration_say_so(tables) -> None:
    only = declaration_only_actors(tables)
    assert only == ["european_council", "unsc"]
    notes = load_tables(["actors"])["actors"].set_index("actor_id")["note"]
    assert all("2025 declaration" in notes[a] for a in only)


def test_the_examples_in_the_docstrings_run() -> None:
    for module in (declaration, declaration_figure, declaration_tables):
        result = doctest.testmod(module)
        assert result.attempted and not result.failed, module.__name__


# --- the figure -------------------------------------------------------------------------------


def marks_by_column(fig) -> dict[str, int]:
    """How many marks the figure draws in each relation's column (by the marks' x position)."""
    ax = fig.axes[0]
    counts = dict.fromkeys(COLUMNS, 0)
    for collection in ax.collections:
        for x, _ in collection.get_offsets():
            counts[COLUMNS[round(x + 0.22)]] += 1
    return counts


def test_the_figure_draws_one_mark_per_theme_in_its_column(tables) -> None:
    changes = agenda_changes(tables)
    expected = relation_counts(changes).sum().to_dict()
    assert marks_by_column(agenda_chart(changes, 8)) == expected
    assert expected["dropped"] == 0
    # The check can fail: a figure drawn from a crosswalk with one area called dropped.
    lost = changes.copy()
    lost.loc[lost["theme_id"] == "2019-3.3", "relation"] = "dropped"
    assert marks_by_column(agenda_chart(lost, 8)) != expected


def test_the_undetermined_heading_names_the_last_paragraph_coded(tables) -> None:
    fig = agenda_chart(agenda_changes(tables), 8)
    headings = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert any("§1–8" in h for h in headings)
    other = agenda_chart(agenda_changes(tables), 12)
    assert any("§1–12" in t.get_text() for t in other.axes[0].get_xticklabels())
