"""Rules across cells and tables: date precision, primary keys and foreign keys."""

from __future__ import annotations

from eucasia.data.cells import PRECISION_OF_PARTS
from eucasia.data.errors import Problem
from eucasia.data.frames import ParsedTable


def check_row_rules(
    shown: str,
    resource: dict,
    names: list[str],
    rows: list[list[object]],
    lines: list[int],
    problems: list[Problem],
) -> None:
    """Rules across cells of a row: a date's precision column must match the date written."""
    pairs = resource["schema"].get("x-precisionOf", {})
    for precision_col, date_col in pairs.items():
        p, d = names.index(precision_col), names.index(date_col)
        for row, line in zip(rows, lines, strict=True):
            if row[d] is None or row[p] is None:
                continue
            parts = len(str(row[d]).split("-"))
            if PRECISION_OF_PARTS[parts] != row[p]:
                problems.append(
                    Problem(
                        shown,
                        line,
                        precision_col,
                        f"precision {row[p]!r} does not match the date {row[d]!r} in column '{date_col}'"
                        f" (a {PRECISION_OF_PARTS[parts]})",
                    )
                )


def as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def key_tuples(table: ParsedTable, columns: list[str]) -> list[tuple]:
    frame = table.frame
    return list(
        zip(*(frame[c].astype(object).where(frame[c].notna(), None) for c in columns), strict=True)
    )


def check_primary_key(table: ParsedTable, problems: list[Problem]) -> None:
    key = table.resource["schema"].get("primaryKey")
    if not key:
        return
    columns = as_list(key)
    seen: dict[tuple, int] = {}
    for values, line in zip(key_tuples(table, columns), table.lines, strict=True):
        if values in seen:
            shown = values[0] if len(values) == 1 else values
            problems.append(
                Problem(
                    table.path,
                    line,
                    ", ".join(columns),
                    f"duplicate primary key {shown!r}; first used on line {seen[values]}",
                )
            )
        else:
            seen[values] = line


def check_foreign_keys(
    table: ParsedTable, parsed: dict[str, ParsedTable], problems: list[Problem]
) -> None:
    for fk in table.resource["schema"].get("foreignKeys", []):
        columns = as_list(fk["fields"])
        target_name = fk["reference"]["resource"] or table.resource["name"]
        target = parsed.get(target_name)
        if target is None:  # its own problems are already reported
            continue
        target_columns = as_list(fk["reference"]["fields"])
        allowed = set(key_tuples(target, target_columns))
        for values, line in zip(key_tuples(table, columns), table.lines, strict=True):
            if any(v is None for v in values):
                continue
            if values not in allowed:
                shown = values[0] if len(values) == 1 else values
                problems.append(
                    Problem(
                        table.path,
                        line,
                        ", ".join(columns),
                        f"{shown!r} is not a {', '.join(target_columns)} in {target.path}",
                    )
                )
