"""Turn one CSV cell into a typed value, or record why it is not valid for its column."""

from __future__ import annotations

import datetime as dt
import math
import re

from eucasia.data.errors import Problem

PARTIAL_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
PRECISION_OF_PARTS = {1: "year", 2: "month", 3: "day"}
#: The whole numbers a column can hold (pandas' Int64).
INT64 = (-(2**63), 2**63 - 1)
#: Table Schema's bounds, with the standard's meaning: (constraint, test the value must pass,
#: what the message says). Numbers compare as numbers, dates (ISO text) as dates, and the
#: length bounds count the characters of text.
BOUNDS = (
    ("minimum", lambda v, b: v >= b, "is below the minimum {}"),
    ("maximum", lambda v, b: v <= b, "is above the maximum {}"),
)
LENGTHS = (
    ("minLength", lambda n, b: n >= b, "is shorter than the minimum length of {} characters"),
    ("maxLength", lambda n, b: n <= b, "is longer than the maximum length of {} characters"),
)
#: The only spellings of typed values: ASCII digits, finite numbers, ISO dates.
SYNTAX = {
    "integer": (re.compile(r"-?[0-9]+"), "a whole number in ASCII digits, e.g. 2019"),
    "number": (
        re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?"),
        "a finite number in ASCII digits, e.g. 1250000 or 0.5 (not inf or nan)",
    ),
    "date": (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"), "a date YYYY-MM-DD in ASCII digits"),
    "boolean": (re.compile(r"true|false"), "true or false"),
}
#: Never in any cell: C0 and C1 controls (a line feed only where the column allows line
#: breaks), bidirectional embeddings, overrides and isolates, the byte-order mark, and the
#: Unicode line and paragraph separators.
FORBIDDEN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]")
#: Never in an identifier or key: the above, and invisible characters (zero-width spaces and
#: joiners, direction marks, soft hyphen, word joiner) that make two keys look alike.
FORBIDDEN_IN_KEYS = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2060\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]"
)


def character_problem(cell: str, field: dict, is_key: bool) -> str | None:
    """Why a cell's characters are not allowed in its column, or None."""
    bad = (FORBIDDEN_IN_KEYS if is_key else FORBIDDEN).search(cell)
    if bad:
        char = bad.group()
        where = "an identifier or key" if is_key else "any cell"
        return (
            f"value {cell!r} contains the invisible or control character U+{ord(char):04X} "
            f"at position {bad.start() + 1}, which is not allowed in {where}; delete it"
        )
    if "\n" in cell and not field.get("x-multiline"):
        spans = cell.count("\n") + 1
        return (
            f"value {cell!r} spans {spans} lines, but this column does not allow line breaks: "
            "write it on one line, or close the quote opened at its start before the line ends"
        )
    return None


def convert_cell(
    shown: str,
    line: int,
    field: dict,
    cell: str,
    problems: list[Problem],
    is_key: bool = False,
) -> object:
    """Cell text to a Python value of the field's type; record a problem if it does not fit.

    `is_key`: the column is an identifier or key (stricter characters).
    """
    name = field["name"]
    constraints = field.get("constraints", {})
    characters = character_problem(cell, field, is_key)
    if characters:
        problems.append(Problem(shown, line, name, characters, code="character-error"))
        return None
    if cell != cell.strip():
        problems.append(
            Problem(
                shown,
                line,
                name,
                f"value {cell!r} has leading or trailing spaces",
                code="whitespace-error",
            )
        )
        return None
    if cell == "":
        if constraints.get("required"):
            problems.append(
                Problem(
                    shown,
                    line,
                    name,
                    "a value is required but the cell is empty",
                    code="constraint-error",
                )
            )
        return None
    kind = field.get("type", "string")
    value: object = cell
    try:
        if kind in SYNTAX and not SYNTAX[kind][0].fullmatch(cell):
            raise ValueError
        if kind == "integer":
            value = int(cell)
            if not INT64[0] <= value <= INT64[1]:
                raise OverflowError
        elif kind == "number":
            value = float(cell) + 0.0  # "-0" is the number 0, never shown as "-0"
            if not math.isfinite(value):
                raise ValueError
        elif kind == "date":
            value = dt.date.fromisoformat(cell).isoformat()
        elif kind == "boolean":
            value = cell == "true"
    except OverflowError:
        problems.append(
            Problem(
                shown,
                line,
                name,
                f"value {cell!r} is too large for a whole-number column: the book keeps them "
                f"between {INT64[0]} and {INT64[1]}",
                code="type-error",
            )
        )
        return None
    except ValueError:
        hint = SYNTAX[kind][1]
        problems.append(
            Problem(
                shown,
                line,
                name,
                f"value {cell!r} is not a valid {kind}; write {hint}",
                code="type-error",
            )
        )
        return None
    fmt = field.get("format")
    if kind == "string" and field.get("x-partialDate") and not is_partial_date(cell):
        problems.append(
            Problem(
                shown,
                line,
                name,
                f"value {cell!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)",
                code="type-error",
            )
        )
        return None
    if kind == "string" and fmt == "uri" and not re.match(r"^https?://\S+$", cell):
        problems.append(
            Problem(shown, line, name, f"value {cell!r} is not an http(s) URL", code="type-error")
        )
        return None
    if "enum" in constraints and cell not in constraints["enum"]:
        problems.append(
            Problem(
                shown,
                line,
                name,
                f"value {cell!r} is not one of the allowed values {constraints['enum']}",
                code="constraint-error",
            )
        )
        return None
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], cell, re.ASCII):
        problems.append(
            Problem(
                shown,
                line,
                name,
                f"value {cell!r} does not match the pattern {constraints['pattern']!r}",
                code="constraint-error",
            )
        )
        return None
    bound = bound_problem(value, constraints)
    if bound:
        problems.append(
            Problem(shown, line, name, f"value {cell!r} {bound}", code="constraint-error")
        )
        return None
    return value


def bound_problem(value: object, constraints: dict) -> str | None:
    """What a typed value breaks of its column's bounds (Table Schema's `minimum`, `maximum`,
    `minLength`, `maxLength`), or None.

    >>> bound_problem(2031, {"maximum": 2030})
    'is above the maximum 2030'
    >>> bound_problem("Kazakhstan", {"maxLength": 5})
    'is longer than the maximum length of 5 characters'
    >>> bound_problem("2019-06-17", {"minimum": "2019-05-15"}) is None
    True
    """
    for key, passes, says in BOUNDS:
        if key in constraints and not passes(value, constraints[key]):
            return says.format(constraints[key])
    if isinstance(value, str):
        for key, passes, says in LENGTHS:
            if key in constraints and not passes(len(value), constraints[key]):
                return says.format(constraints[key])
    return None


def is_partial_date(text: str) -> bool:
    match = PARTIAL_DATE.match(text)
    if not match:
        return False
    year, month, day = (int(p) if p else None for p in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return False
    return True
