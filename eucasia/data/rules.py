"""Rules across cells and tables: date precision, primary keys and foreign keys."""

from __future__ import annotations

import re

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
    """Rules across cells of a row: a date's precision column must match the date written;
    identifiers that encode other columns agree with them; an end is not before its start."""
    check_id_rules(shown, resource, names, rows, lines, problems)
    check_row_order(shown, resource, names, rows, lines, problems)
    check_bounds_when(shown, resource, names, rows, lines, problems)
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
                        code="row-constraint",
                    )
                )


def ends_before(end: object, start: object) -> bool:
    """Whether `end` is certainly before `start`: years as numbers; partial ISO dates by the
    last day `end` can mean against the first day `start` can mean.

    >>> ends_before(2019, 2021), ends_before("2019", "2019-05"), ends_before("2019-04", "2019-05")
    (True, False, True)
    """
    if isinstance(end, int | float) and isinstance(start, int | float):
        return end < start
    end_parts = str(end).split("-") + ["99", "99"]
    start_parts = str(start).split("-") + ["00", "00"]
    return end_parts[:3] < start_parts[:3]


def check_row_order(
    shown: str,
    resource: dict,
    names: list[str],
    rows: list[list[object]],
    lines: list[int],
    problems: list[Problem],
) -> None:
    """`x-notBefore`: in each row, the rule's field is not before its `notBefore` field."""
    for rule in resource["schema"].get("x-notBefore", []):
        later, earlier = names.index(rule["field"]), names.index(rule["notBefore"])
        for row, line in zip(rows, lines, strict=True):
            if row[later] is None or row[earlier] is None:
                continue
            if ends_before(row[later], row[earlier]):
                problems.append(
                    Problem(
                        shown,
                        line,
                        rule["field"],
                        f"{row[later]!r} is before {row[earlier]!r} in column "
                        f"'{rule['notBefore']}'; it cannot be earlier: correct one of them",
                        code="row-constraint",
                    )
                )


def check_bounds_when(
    shown: str,
    resource: dict,
    names: list[str],
    rows: list[list[object]],
    lines: list[int],
    problems: list[Problem],
) -> None:
    """`x-boundsWhen`: bounds a column keeps in the rows whose other columns hold given values
    (a share in percent lies between 0 and 100: a part is never larger than its whole)."""
    for rule in resource["schema"].get("x-boundsWhen", []):
        column = names.index(rule["field"])
        when = {names.index(c): values for c, values in rule["when"].items()}
        low, high = rule.get("minimum"), rule.get("maximum")
        for row, line in zip(rows, lines, strict=True):
            value = row[column]
            if value is None or not all(row[c] in values for c, values in when.items()):
                continue
            if (low is not None and value < low) or (high is not None and value > high):
                condition = "; ".join(f"{c} {v}" for c, v in rule["when"].items())
                problems.append(
                    Problem(
                        shown,
                        line,
                        rule["field"],
                        f"value {value!r} lies outside {low}..{high}, the bounds of this "
                        f"column where {condition}",
                        code="row-constraint",
                    )
                )


def check_id_rules(
    shown: str,
    resource: dict,
    names: list[str],
    rows: list[list[object]],
    lines: list[int],
    problems: list[Problem],
) -> None:
    """Identifiers that encode other columns (`x-idEncodes`) must agree with them.

    Each rule names the id column and a pattern whose named groups are columns: the text a
    group matches (translated by the rule's `map`, upper-cased if listed in `upper`, read as a
    number for an integer column) must equal that column's value in the same row.
    """
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    for rule in resource["schema"].get("x-idEncodes", []):
        column = names.index(rule["field"])
        pattern = re.compile(rule["pattern"], re.ASCII)
        for row, line in zip(rows, lines, strict=True):
            ident = row[column]
            if ident is None:
                continue
            match = pattern.fullmatch(str(ident))
            if match is None:
                problems.append(
                    Problem(
                        shown,
                        line,
                        rule["field"],
                        f"identifier {ident!r} does not have the form {rule['pattern']!r}",
                        code="id-encoding",
                    )
                )
                continue
            for group, text in match.groupdict().items():
                value = row[names.index(group)]
                expected: object = rule.get("map", {}).get(group, {}).get(text, text)
                if group in rule.get("upper", []):
                    expected = str(expected).upper()
                if fields[group].get("type") == "integer":
                    expected = int(text)
                if value is not None and value != expected:
                    problems.append(
                        Problem(
                            shown,
                            line,
                            group,
                            f"value {value!r} disagrees with the identifier {ident!r} in column "
                            f"'{rule['field']}', which encodes {expected!r}; correct one of them",
                            code="id-encoding",
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
    seen: dict[tuple, tuple[tuple, int]] = {}
    for values, line in zip(key_tuples(table, columns), table.lines, strict=True):
        folded = tuple(v.casefold() if isinstance(v, str) else v for v in values)
        shown = values[0] if len(values) == 1 else values
        if folded not in seen:
            seen[folded] = (values, line)
            continue
        first, first_line = seen[folded]
        if first == values:
            message = f"duplicate primary key {shown!r}; first used on line {first_line}"
        else:
            earlier = first[0] if len(first) == 1 else first
            message = (
                f"primary key {shown!r} differs only in letter case from {earlier!r} on line "
                f"{first_line}; keys must differ in more than case"
            )
        problems.append(Problem(table.path, line, ", ".join(columns), message, code="primary-key"))


def check_unique_columns(table: ParsedTable, problems: list[Problem]) -> None:
    """Table Schema's `unique`: no value twice in the column (empty cells aside)."""
    for field in table.resource["schema"]["fields"]:
        if not field.get("constraints", {}).get("unique"):
            continue
        name = field["name"]
        seen: dict[object, int] = {}
        for (value,), line in zip(key_tuples(table, [name]), table.lines, strict=True):
            if value is None:
                continue
            if value in seen:
                problems.append(
                    Problem(
                        table.path,
                        line,
                        name,
                        f"value {value!r} is also on line {seen[value]}; this column's values "
                        "must be unique",
                        code="unique-error",
                    )
                )
            else:
                seen[value] = line


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
                        code="foreign-key",
                    )
                )
