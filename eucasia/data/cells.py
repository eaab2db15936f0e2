"""Turn one CSV cell into a typed value, or record why it is not valid for its column."""

from __future__ import annotations

import datetime as dt
import re

from eucasia.data.errors import Problem

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
PRECISION_OF_PARTS = {1: "year", 2: "month", 3: "day"}


def convert_cell(shown: str, line: int, field: dict, cell: str, problems: list[Problem]) -> object:
    """Cell text to a Python value of the field's type; record a problem if it does not fit."""
    name = field["name"]
    constraints = field.get("constraints", {})
    if cell != cell.strip():
        problems.append(
            Problem(shown, line, name, f"value {cell!r} has leading or trailing spaces")
        )
        return None
    if cell == "":
        if constraints.get("required"):
            problems.append(Problem(shown, line, name, "a value is required but the cell is empty"))
        return None
    kind = field.get("type", "string")
    value: object = cell
    try:
        if kind == "integer":
            value = int(cell)
        elif kind == "number":
            value = float(cell)
        elif kind == "date":
            value = dt.date.fromisoformat(cell).isoformat()
        elif kind == "boolean":
            if cell not in ("true", "false"):
                raise ValueError
            value = cell == "true"
    except ValueError:
        problems.append(Problem(shown, line, name, f"value {cell!r} is not a valid {kind}"))
        return None
    fmt = field.get("format")
    if kind == "string" and field.get("x-partialDate") and not is_partial_date(cell):
        problems.append(
            Problem(
                shown,
                line,
                name,
                f"value {cell!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)",
            )
        )
        return None
    if kind == "string" and fmt == "uri" and not re.match(r"^https?://\S+$", cell):
        problems.append(Problem(shown, line, name, f"value {cell!r} is not an http(s) URL"))
        return None
    if "enum" in constraints and cell not in constraints["enum"]:
        problems.append(
            Problem(
                shown,
                line,
                name,
                f"value {cell!r} is not one of the allowed values {constraints['enum']}",
            )
        )
        return None
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], cell):
        problems.append(
            Problem(
                shown,
                line,
                name,
                f"value {cell!r} does not match the pattern {constraints['pattern']!r}",
            )
        )
        return None
    if (
        "minimum" in constraints
        and isinstance(value, int | float)
        and value < constraints["minimum"]
    ):
        problems.append(
            Problem(
                shown, line, name, f"value {cell!r} is below the minimum {constraints['minimum']}"
            )
        )
        return None
    return value


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
