"""The tables of the "What changed" page: the data's changes since the previous edition.

One summary row per table (rows added, corrected and removed, columns added or removed) with a
total, the row every glued total reads; one row per corrected cell (old → new); one row per row
added or removed, with the key it was renamed from or to where the record checks say so. Values
are shown as the files hold them (no restyling), so each cell is the text a reader cited.
"""

from __future__ import annotations

import pandas as pd

from eucasia.analysis.editions import EditionDiff, diff_editions
from eucasia.data.editions import TextTable
from eucasia.presentation.page.display import show_table

#: The first cell of the summary's total row (the glued totals name it).
TOTAL = "all tables"
SUMMARY_LABEL = "tbl-chg-summary"
CORRECTIONS_LABEL = "tbl-chg-corrections"
ROWS_LABEL = "tbl-chg-rows"
#: Absent values (a table one edition lacks, an empty cell) are shown so, and empty in the CSV.
ABSENT = "–"


def _example() -> EditionDiff:
    """A two-row table whose row 1 was corrected, 2 removed and 3 added (for the examples)."""

    def table(rows: list[list[str]]) -> TextTable:
        return TextTable("a", ("id",), pd.DataFrame(rows, columns=["id", "v"]))

    return diff_editions(
        {"a": table([["1", "x"], ["2", "y"]])}, {"a": table([["1", "z"], ["3", "w"]])}
    )


def _columns_changed(added: object, removed: object) -> str | None:
    pairs = (("added", added), ("removed", removed))
    parts = [f"{what}: {names}" for what, names in pairs if not pd.isna(names) and names]
    return "; ".join(parts) or None


def summary_table(diff: EditionDiff, previous: str) -> pd.DataFrame:
    """One row per table of either edition, then the total (`TOTAL`).

    Examples
    --------
    >>> t = TextTable("a", ("id",), pd.DataFrame([["1", "x"]], columns=["id", "v"]))
    >>> summary_table(diff_editions({}, {"a": t}), "0.1.0").iloc[:, :4].values.tolist()
    [['a', <NA>, 1, 1], ['all tables', 0, 1, 1]]
    """
    s = diff.summary
    frame = pd.DataFrame(
        {
            "table": s["table"],
            f"rows in {previous}": s["rows_before"],
            "rows now": s["rows_after"],
            "added": s["added"],
            "corrected": s["corrected"],
            "removed": s["removed"],
            "columns changed": [
                _columns_changed(a, r)
                for a, r in zip(s["columns_added"], s["columns_removed"], strict=True)
            ],
        }
    )
    total = {c: None for c in frame.columns} | {"table": TOTAL}
    for column in (f"rows in {previous}", "rows now", "added", "corrected", "removed"):
        total[column] = int(frame[column].fillna(0).sum())
    frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    return frame.astype({f"rows in {previous}": "Int64", "rows now": "Int64"})


def corrections_table(diff: EditionDiff, previous: str) -> pd.DataFrame:
    """Every corrected cell: table, row (its key), field, the value in `previous`, the value now.

    Examples
    --------
    >>> corrections_table(_example(), "0.1.0").values.tolist()
    [['a', '1', 'v', 'x', 'z']]
    """
    c = diff.corrections
    return pd.DataFrame(
        {
            "table": c["table"],
            "row": c["key"],
            "field": c["field"],
            f"in {previous}": c["before"],
            "now": c["after"],
        }
    )


def rows_table(diff: EditionDiff) -> pd.DataFrame:
    """Every row added or removed, and, for a renamed key, the key it was renamed from or to and
    the note of the record check that says so.

    Examples
    --------
    >>> rows_table(_example()).values.tolist()
    [['a', '3', 'added', None, None], ['a', '2', 'removed', None, None]]
    """
    r = diff.rows
    renamed = [
        None if pd.isna(other) else f"{'from' if change == 'added' else 'to'} {other}"
        for change, other in zip(r["change"], r["renamed"], strict=True)
    ]
    return pd.DataFrame(
        {
            "table": r["table"],
            "row": r["key"],
            "change": r["change"],
            "renamed": renamed,
            "record check": r["record_check"],
        }
    )


def _sources(diff: EditionDiff) -> list[str]:
    """The tables of this edition the diff read (the downloads name them as their sources)."""
    s = diff.summary
    return sorted(s.loc[s["rows_after"].notna(), "table"])


def show_summary(diff: EditionDiff, previous: str) -> None:
    """Show the summary table (:func:`summary_table`).

    Examples
    --------
    >>> show_summary(_example(), "0.1.0")
    <IPython.core.display.Markdown object>
    """
    show_table(
        summary_table(diff, previous),
        f"The data package table by table: rows added, corrected and removed since edition "
        f"{previous}, matched by each table's primary key.",
        SUMMARY_LABEL,
        sources=_sources(diff),
        widths=[30, 11, 11, 10, 11, 10, 17],
        long=True,
        absent=ABSENT,
    )


def show_corrections(diff: EditionDiff, previous: str) -> None:
    """Show every corrected cell (:func:`corrections_table`); the page folds it.

    Examples
    --------
    >>> show_corrections(_example(), "0.1.0")
    <IPython.core.display.Markdown object>
    """
    show_table(
        corrections_table(diff, previous),
        f"Every corrected value since edition {previous}: the row's table and key, the field, "
        "its value then and now.",
        CORRECTIONS_LABEL,
        sources=_sources(diff),
        widths=[14, 20, 12, 27, 27],
        long=True,
        interactive=True,
        absent=ABSENT,
    )


def show_rows(diff: EditionDiff, previous: str) -> None:
    """Show every row added or removed (:func:`rows_table`); the page folds it.

    Examples
    --------
    >>> show_rows(_example(), "0.1.0")
    <IPython.core.display.Markdown object>
    """
    show_table(
        rows_table(diff),
        f"Every row added or removed since edition {previous}, by table and key; a key that was "
        "corrected is a row removed and a row added, and *renamed* gives the other key where a "
        "record check says so.",
        ROWS_LABEL,
        sources=_sources(diff),
        widths=[15, 25, 10, 20, 30],
        long=True,
        interactive=True,
        absent=ABSENT,
    )
