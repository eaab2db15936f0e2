"""The tables of the "What changed" page: the data's changes since the previous edition.

One summary row per table (rows added, corrected and removed, columns added or removed) with a
total, the row every glued total reads; then, for each table that changed, one row per corrected
cell (old → new) and one row per row added or removed, with the key it was renamed from or to
where the record checks say so. Detail tables are per data table so that the values fit beside
the key (one table of all, with a column naming the table, put them off the side of the page). Values
are shown as the files hold them (no restyling), so each cell is the text a reader cited.
"""

from __future__ import annotations

import re

import pandas as pd

from eucasia.analysis.editions import EditionDiff, diff_editions
from eucasia.data.snapshots import TextTable
from eucasia.presentation.page.display import show_table
from eucasia.presentation.text.escaping import escape_markdown
from eucasia.presentation.text.readertext import cite_sources, reader_text
from eucasia.presentation.text.shown import Shown
from eucasia.presentation.text.wordchanges import END, START, changed_words

#: The first cell of the summary's total row (the glued totals name it).
TOTAL = "all tables"
SUMMARY_LABEL = "tbl-chg-summary"
#: Prefixes of the labels of each data table's corrections and rows added or removed.
CORRECTIONS_LABEL = "tbl-chg-fix"
ROWS_LABEL = "tbl-chg-rows"
#: A table longer than this breaks across PDF pages (on the web every detail table of the page
#: can be filtered and sorted, as the chapters' tables; the summary cannot, so that its total
#: stays its last row).
LONG = 25
#: Absent values (a table one edition lacks, an empty cell) are shown so, and empty in the CSV.
ABSENT = "–"


def _example() -> EditionDiff:
    """A two-row table whose row 1 was corrected, 2 removed and 3 added (for the examples)."""

    def table(rows: list[list[str]]) -> TextTable:
        return TextTable("a", ("id",), pd.DataFrame(rows, columns=["id", "v"]))

    return diff_editions(
        {"a": table([["1", "x"], ["2", "y"]])}, {"a": table([["1", "z"], ["3", "w"]])}
    )


def marked_values(frame: pd.DataFrame, source_ids: set[str]) -> list[object]:
    """The value column of a corrections table (rows in pairs: before, now) as markup: cited as
    everywhere, the words that changed in bold; the download keeps each value as the data has it.

    Examples
    --------
    >>> frame = pd.DataFrame({"value": ["seen on the EEAS page", "seen on the Council page"]})
    >>> [str(v) for v in marked_values(frame, set())]
    ['seen on the **EEAS** page', 'seen on the **Council** page']
    """
    values = list(frame["value"])
    out: list[object] = []
    for before, after in zip(values[::2], values[1::2], strict=True):
        pair = (before, after)
        marked = None
        if all(isinstance(v, str) for v in pair):
            marked = changed_words(reader_text(before), reader_text(after))
        if marked is None:
            out += [_cited_value(v, source_ids) for v in pair]
            continue
        for value, text in zip(pair, marked, strict=True):
            myst = str(cite_sources(text, source_ids)).replace(START, "**").replace(END, "**")
            out.append(Shown(myst, data=value))
    return out


def _cited_value(value: object, source_ids: set[str]) -> object:
    """One value as reader text with its sources cited; an absent value stays absent."""
    if value is None or (isinstance(value, float) and value != value):
        return value
    return cite_sources(value, source_ids)


def _columns_changed(added: object, removed: object) -> str | None:
    pairs = (("added", added), ("removed", removed))
    parts = [f"{what}: {names}" for what, names in pairs if not pd.isna(names) and names]
    return "; ".join(parts) or None


def summary_table(diff: EditionDiff, previous: str) -> pd.DataFrame:
    """One row per table of either edition (its rows in `previous`, rows added, corrected and
    removed, columns added or removed), then the total (`TOTAL`).

    Examples
    --------
    >>> t = TextTable("a", ("id",), pd.DataFrame([["1", "x"]], columns=["id", "v"]))
    >>> summary_table(diff_editions({}, {"a": t}), "0.1.0").iloc[:, :4].values.tolist()
    [['a', <NA>, 1, 0], ['all tables', 0, 1, 0]]
    """
    s = diff.summary
    frame = pd.DataFrame(
        {
            "table": s["table"],
            f"rows in {previous}": s["rows_before"],
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
    for column in (f"rows in {previous}", "added", "corrected", "removed"):
        total[column] = int(frame[column].fillna(0).sum())
    frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    return frame.astype({f"rows in {previous}": "Int64"})


def corrections_tables(diff: EditionDiff, previous: str) -> dict[str, pd.DataFrame]:
    """Every corrected cell, table by table: the row (its key) and the field, then its value in
    `previous` and its value now, one above the other (two rows), so that a long value is read
    in full beside its key, never pushed off the side of the page.

    Examples
    --------
    >>> corrections_tables(_example(), "0.1.0")["a"].values.tolist()
    [['1', 'v', '0.1.0', 'x'], ['1', 'v', 'now', 'z']]
    """
    tables = {}
    for name, part in diff.corrections.groupby("table", sort=False):
        rows = []
        for key, field, before, after in part[["key", "field", "before", "after"]].itertuples(
            index=False
        ):
            rows += [[key, field, previous, before], [key, field, "now", after]]
        tables[name] = pd.DataFrame(
            rows, columns=["row", "field", "edition", "value"], dtype=object
        )
    return tables


def rows_tables(diff: EditionDiff) -> dict[str, pd.DataFrame]:
    """Every row added or removed, table by table, and, for a renamed key, the key it was
    renamed from or to (the record check of the new row says why).

    Examples
    --------
    >>> rows_tables(_example())["a"].values.tolist()
    [['3', 'added', None], ['2', 'removed', None]]
    """
    renamed = [
        None if pd.isna(other) else f"{'from' if change == 'added' else 'to'} {other}"
        for change, other in zip(diff.rows["change"], diff.rows["renamed"], strict=True)
    ]
    r = diff.rows.assign(renamed=renamed)
    return {
        name: pd.DataFrame(
            {"row": part["key"], "change": part["change"], "renamed": part["renamed"]}
        ).reset_index(drop=True)
        for name, part in r.groupby("table", sort=False)
    }


def corrections_label(table: str) -> str:
    """The label of a table's corrections: ``tbl-chg-fix-<table>``.

    Examples
    --------
    >>> corrections_label("eu_special_representatives")
    'tbl-chg-fix-eu-special-representatives'
    """
    return f"{CORRECTIONS_LABEL}-{_slug(table)}"


def rows_label(table: str) -> str:
    """The label of a table's rows added and removed: ``tbl-chg-rows-<table>``.

    Examples
    --------
    >>> rows_label("timeline")
    'tbl-chg-rows-timeline'
    """
    return f"{ROWS_LABEL}-{_slug(table)}"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _sources(diff: EditionDiff, table: str | None = None) -> list[str]:
    """The tables of this edition a table of the page shows (its download names them): `table`
    where it is one of this edition's, else all of them."""
    s = diff.summary
    current = sorted(s.loc[s["rows_after"].notna(), "table"])
    return [table] if table in current else current


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
        widths=[36, 12, 11, 12, 11, 18],
        long=True,
        absent=ABSENT,
    )


def _cited(frame: pd.DataFrame, columns: list[str], ids: set[str]) -> pd.DataFrame:
    """`columns` as reader text: a source key (a key of the sources table, or one a note names)
    becomes its citation, as everywhere in the book, never an internal key."""
    out = frame.copy()
    for column in columns:
        out[column] = [_cited_value(v, ids) for v in out[column]]
    return out


def show_corrections(diff: EditionDiff, previous: str, source_ids: set[str]) -> None:
    """Show every corrected cell, one table per data table (:func:`corrections_tables`); the
    page folds them. A value that is a key of the sources table (``source_ids``) is cited.

    Examples
    --------
    >>> show_corrections(_example(), "0.1.0", set())
    <IPython.core.display.Markdown object>
    """
    for name, frame in corrections_tables(diff, previous).items():
        shown = _cited(frame, ["row"], source_ids).assign(value=marked_values(frame, source_ids))
        show_table(
            shown,
            f"Corrected values of the table *{escape_markdown(name)}* since edition {previous}: "
            f"the row's key and the field, then its value in {previous} and now; in a longer "
            "value, the words that differ between the two are in bold.",
            corrections_label(name),
            sources=_sources(diff, name),
            widths=[36, 13, 10, 41],
            long=len(frame) > LONG,
            interactive=True,
            raw_columns=["row", "value"],
            absent=ABSENT,
        )


def show_rows(diff: EditionDiff, previous: str, source_ids: set[str]) -> None:
    """Show every row added or removed, one table per data table (:func:`rows_tables`); the
    page folds them. A key that is a key of the sources table (``source_ids``) is cited.

    Examples
    --------
    >>> show_rows(_example(), "0.1.0", set())
    <IPython.core.display.Markdown object>
    """
    for name, frame in rows_tables(diff).items():
        show_table(
            _cited(frame, ["row", "renamed"], source_ids),
            f"Rows of the table *{escape_markdown(name)}* added or removed since edition "
            f"{previous}, by key; *renamed* gives the other key where a record check of the row "
            "says its key was corrected.",
            rows_label(name),
            sources=_sources(diff, name),
            widths=[45, 15, 40],
            long=len(frame) > LONG,
            interactive=True,
            raw_columns=["row", "renamed"],
            absent=ABSENT,
        )
