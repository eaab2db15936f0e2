"""The `constraints` of one column in the descriptor: Table Schema's, each well formed.

The loader (:mod:`eucasia.data.cells`, :mod:`eucasia.data.rules`) enforces every constraint
of Table Schema v1 (:data:`CONSTRAINTS`) with the standard's meaning; any other key (v2's
`exclusiveMinimum` or `jsonSchema`, a misspelling) is refused here, as Frictionless refuses it,
so no rule a contributor writes into the descriptor goes unchecked.
"""

from __future__ import annotations

import re

#: Table Schema v1's constraints (the package is a Data Package v1, as Frictionless reads it).
CONSTRAINTS = (
    "required", "unique", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength",
)  # fmt: skip
#: Constraints of Data Package v2 only: Frictionless refuses them in a v1 package, and so do we.
V2_ONLY = ("exclusiveMinimum", "exclusiveMaximum", "jsonSchema")
BOUNDS = ("minimum", "maximum")
NUMERIC = ("integer", "number")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def describe(value: object) -> str:
    """A JSON value as a message names it: `a number`, `the string 'x'`, `a list`, ..."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null" if value is None else type(value).__name__


def constraint_mistakes(constraints: dict, kind: str, at: str) -> list[tuple[str, str]]:
    """(JSON path, what is wrong) for each malformed constraint of a column of type `kind`.

    >>> constraint_mistakes({"maxLength": 3}, "integer", "fields[1].constraints")
    [('fields[1].constraints.maxLength', 'applies to string columns, not integer')]
    >>> constraint_mistakes({"minimum": "2019-05-15", "unique": True}, "date", "c")
    []
    """
    mistakes: list[tuple[str, str]] = []

    def fail(key: str, message: str) -> None:
        mistakes.append((f"{at}.{key}", message))

    for key in ("required", "unique"):
        if key in constraints and not isinstance(constraints[key], bool):
            fail(key, f"must be true or false, not {describe(constraints[key])}")
    if "enum" in constraints:
        enum = constraints["enum"]
        if not isinstance(enum, list) or not enum or not all(isinstance(v, str) for v in enum):
            fail("enum", f"must be a non-empty list of strings, not {describe(enum)}")
    if "pattern" in constraints:
        pattern = constraints["pattern"]
        if not isinstance(pattern, str):
            fail("pattern", f"must be a regular expression (a string), not {describe(pattern)}")
        else:
            try:
                re.compile(pattern)
            except re.error as exc:
                fail("pattern", f"{pattern!r} is not a regular expression: {exc}")
    for key in BOUNDS:
        if key not in constraints:
            continue
        bound = constraints[key]
        if kind in NUMERIC:
            if isinstance(bound, bool) or not isinstance(bound, int | float):
                fail(key, f"must be a number, e.g. 0, not {describe(bound)}")
        elif kind == "date":
            if not (isinstance(bound, str) and ISO_DATE.fullmatch(bound)):
                fail(key, f"must be a date YYYY-MM-DD, not {describe(bound)}")
        else:
            fail(key, f"applies to integer, number or date columns, not {kind}")
    for key in ("minLength", "maxLength"):
        if key not in constraints:
            continue
        length = constraints[key]
        if kind != "string":
            fail(key, f"applies to string columns, not {kind}")
        elif isinstance(length, bool) or not isinstance(length, int) or length < 0:
            fail(key, f"must be a whole number, 0 or more, not {describe(length)}")
    for key in sorted(set(constraints) - set(CONSTRAINTS)):
        version = " (it belongs to Data Package v2; this package is v1)" if key in V2_ONLY else ""
        fail(
            key,
            f"{key!r} is not a constraint the loader enforces{version}; "
            f"use one of {list(CONSTRAINTS)}",
        )
    return mistakes
