"""What changed in the data between two editions, table by table and row by row.

A reader who cited an edition needs to know exactly which of the values they used still stand.
Rows are matched by each table's primary key (from the descriptors): a key only in the newer
edition is a row added, a key only in the older one a row removed, and a key in both whose cells
differ is a row corrected, listed field by field (old → new). A table new in the newer edition is
all added, a table it dropped all removed. Cells are compared as the files hold them (text), so a
respelled value is a correction even where its meaning is the same.

A row whose key was corrected (an event re-dated, so its id changed) is a row removed and a row
added; where the newer edition's ``record_checks`` table records the change (a check of the new
row whose note names the old key), both rows say so.

Pure: two packages in (:func:`eucasia.data.snapshots.read_text_package`), frames out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from eucasia.data.snapshots import TextTable

#: Joins the parts of a composite key, as ``record_checks.row_key`` writes them.
KEY_JOIN = "/"
SUMMARY_COLUMNS = [
    "table",
    "compared_by",
    "rows_before",
    "rows_after",
    "added",
    "corrected",
    "removed",
    "columns_added",
    "columns_removed",
]
CORRECTION_COLUMNS = ["table", "key", "field", "before", "after"]
ROW_COLUMNS = ["table", "key", "change", "renamed", "record_check"]


@dataclass(frozen=True)
class EditionDiff:
    """The difference between two editions' data.

    ``summary``: one row per table of either edition (counts of rows added, corrected, removed;
    columns added or removed); ``corrections``: one row per changed cell of a row in both;
    ``rows``: one row per row added or removed, with the key it was renamed from or to where
    ``record_checks`` explains it. Empty cells are missing values (None), never "".
    """

    summary: pd.DataFrame
    corrections: pd.DataFrame
    rows: pd.DataFrame


def _compare_key(old: TextTable | None, new: TextTable | None) -> tuple[str, ...]:
    """The key both editions' rows are matched by: the newer key, else the older, else none. A
    key must be in both editions' columns and tell each edition's rows apart: the older key is
    no key of the newer rows where the newer edition made it part of a wider one (second_coding's
    `initiative_id` became `round`, `initiative_id`), and matching by it would pair each old row
    with whichever new row came last."""
    present = [t for t in (old, new) if t is not None]
    for candidate in [t.key for t in reversed(present)]:
        if (
            candidate
            and all(set(candidate) <= set(t.frame.columns) for t in present)
            and not any(t.frame.duplicated(list(candidate)).any() for t in present)
        ):
            return candidate
    return ()


def _row_key(table: TextTable, row: dict[str, str], columns: list[str]) -> str:
    """A row's name: its key in its own edition, else its values."""
    return KEY_JOIN.join(str(row[k]) for k in (table.key or columns))


def _keyed(table: TextTable | None, key: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Each row by the compared key, or (a table only one edition has) by its own key."""
    if table is None:
        return {}
    columns = list(table.frame.columns)
    return {
        KEY_JOIN.join(str(r[k]) for k in key) if key else _row_key(table, r, columns): r
        for r in table.frame.to_dict("records")
    }


def _matched_whole(
    old: TextTable, new: TextTable, shared: list[str]
) -> tuple[list[str], list[str]]:
    """Rows added and removed where no key matches the editions: a row stands when a row of the
    other edition holds the same values in the columns both have (each pairs once); each row
    named by its own edition's key."""
    waiting: dict[tuple, list[str]] = {}
    for row in old.frame.to_dict("records"):
        waiting.setdefault(tuple(row[c] for c in shared), []).append(_row_key(old, row, shared))
    added = []
    for row in new.frame.to_dict("records"):
        same = waiting.get(tuple(row[c] for c in shared))
        if same:
            same.pop(0)
        else:
            added.append(_row_key(new, row, shared))
    return added, [k for keys in waiting.values() for k in keys]


def _cell(value: str) -> str | None:
    return value if value != "" else None


def _table_diff(name: str, old: TextTable | None, new: TextTable | None):
    key = _compare_key(old, new)
    old_columns = list(old.frame.columns) if old is not None else []
    new_columns = list(new.frame.columns) if new is not None else []
    shared = [c for c in new_columns if c in old_columns]
    corrections, corrected = [], 0
    if key or old is None or new is None:
        before, after = _keyed(old, key), _keyed(new, key)
        for row_key, row in after.items():
            if row_key not in before:
                continue
            changed = [c for c in shared if row[c] != before[row_key][c]]
            corrected += bool(changed)
            corrections += [
                [name, row_key, c, _cell(before[row_key][c]), _cell(row[c])] for c in changed
            ]
        added = [k for k in after if k not in before]
        removed = [k for k in before if k not in after]
    else:
        added, removed = _matched_whole(old, new, shared)
    rows = [[name, k, "added", None, None] for k in added]
    rows += [[name, k, "removed", None, None] for k in removed]
    summary = [
        name,
        ", ".join(key) or None,
        len(old.frame) if old is not None else None,
        len(new.frame) if new is not None else None,
        len(added),
        corrected,
        len(removed),
        (", ".join(c for c in new_columns if c not in old_columns) or None) if old else None,
        (", ".join(c for c in old_columns if c not in new_columns) or None) if new else None,
    ]
    return summary, corrections, rows


def _explain_renames(rows: pd.DataFrame, checks: TextTable | None) -> pd.DataFrame:
    """Pair a removed row with an added one of its table where a record check of the added row
    names the removed row's key in its note (as a whole word); fill both rows' `renamed` and
    `record_check` (the check's note)."""
    if checks is None or rows.empty or "note" not in checks.frame.columns:
        return rows
    rows = rows.copy()
    for check in checks.frame.to_dict("records"):
        table, new_key, note = check.get("table"), check.get("row_key"), check.get("note") or ""
        mine = rows["table"] == table
        added = mine & (rows["change"] == "added") & (rows["key"] == new_key)
        if not added.any():
            continue
        for index in rows.index[mine & (rows["change"] == "removed")]:
            old_key = rows.at[index, "key"]
            if re.search(rf"(?<![\w-]){re.escape(old_key)}(?![\w-])", note):
                rows.loc[added, ["renamed", "record_check"]] = [old_key, note]
                rows.loc[index, ["renamed", "record_check"]] = [new_key, note]
                break
    return rows


def diff_editions(
    old: Mapping[str, TextTable], new: Mapping[str, TextTable], checks: str = "record_checks"
) -> EditionDiff:
    """Compare two editions' packages; tables in the newer edition's order, dropped ones last.

    `checks` names the newer edition's table of record checks that explains renamed keys.

    Examples
    --------
    >>> def t(name, rows):
    ...     return TextTable(name, ("id",), pd.DataFrame(rows, columns=["id", "v"]))
    >>> d = diff_editions({"a": t("a", [["1", "x"], ["2", "y"]])},
    ...                   {"a": t("a", [["1", "z"], ["3", "w"]])})
    >>> d.summary[["table", "added", "corrected", "removed"]].values.tolist()
    [['a', 1, 1, 1]]
    >>> d.corrections.values.tolist()
    [['a', '1', 'v', 'x', 'z']]

    A key the newer edition widened (`round` added to it) matches no rows; whole rows do:

    >>> old = TextTable("s", ("id",), pd.DataFrame([["1", "x"]], columns=["id", "v"]))
    >>> new = TextTable("s", ("round", "id"), pd.DataFrame(
    ...     [["0.2", "1", "x"], ["0.3", "1", "y"]], columns=["round", "id", "v"]))
    >>> d = diff_editions({"s": old}, {"s": new})
    >>> d.summary[["rows_before", "rows_after", "added", "corrected", "removed"]].values.tolist()
    [[1, 2, 1, 0, 0]]
    >>> d.rows["key"].tolist()
    ['0.3/1']
    """
    names = list(new) + [n for n in old if n not in new]
    summaries, corrections, rows = [], [], []
    for name in names:
        summary, changed, added_removed = _table_diff(name, old.get(name), new.get(name))
        summaries.append(summary)
        corrections += changed
        rows += added_removed
    summary = pd.DataFrame(summaries, columns=SUMMARY_COLUMNS, dtype=object).astype(
        {
            "rows_before": "Int64",
            "rows_after": "Int64",
            "added": int,
            "corrected": int,
            "removed": int,
        }
    )
    rows_frame = pd.DataFrame(rows, columns=ROW_COLUMNS, dtype=object)
    return EditionDiff(
        summary=summary,
        corrections=pd.DataFrame(corrections, columns=CORRECTION_COLUMNS, dtype=object),
        rows=_explain_renames(rows_frame, new.get(checks)),
    )
