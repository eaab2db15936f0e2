"""Read `datapackage.json`, the one definition of every table, column, key and category."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from eucasia.data.crossrules import referenced_tables
from eucasia.data.errors import DataValidationError, Problem
from eucasia.data.paths import DATA_DIR, DESCRIPTOR, default_data_dir, show_path
from eucasia.data.structure import check_structure


def read_descriptor(data_dir: Path | str | None = None) -> dict:
    """The parsed `datapackage.json`, its structure checked (:mod:`eucasia.data.structure`).

    Raises :class:`DataValidationError` naming each mistake by its JSON path, so no caller
    ever meets a TypeError or KeyError from a malformed descriptor.

    Examples
    --------
    >>> descriptor = read_descriptor()
    >>> descriptor["resources"][0]["path"].endswith(".csv")
    True
    """
    folder = Path(data_dir or default_data_dir())
    path = folder / DESCRIPTOR
    shown = show_path(path)
    if not path.is_file():
        raise DataValidationError(
            [Problem(shown, None, None, "descriptor file is missing", code="package-error")]
        )
    try:
        descriptor = json.loads(
            path.read_text(encoding="utf-8"),
            parse_constant=_no_constant,
            object_pairs_hook=_JsonObject.from_pairs,
        )
    except (UnicodeDecodeError, ValueError) as exc:
        raise DataValidationError(
            [Problem(shown, None, None, f"not valid JSON: {exc}", code="package-error")]
        ) from exc
    problems = [
        Problem(
            shown,
            None,
            None,
            f"key {key!r} is written twice in one object (JSON keeps only the last); keep one",
            at=at,
            code="package-error" if not at.startswith("resources[") else "resource-error",
        )
        for at, key in _repeated_keys(descriptor)
    ] or check_structure(descriptor, shown, folder)
    if problems:
        raise DataValidationError(problems)
    return descriptor


class _JsonObject(dict):
    """A JSON object that remembers the keys written more than once in it."""

    repeated: tuple[str, ...] = ()

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, object]]) -> _JsonObject:
        obj = cls(pairs)
        if len(obj) < len(pairs):
            keys = [key for key, _ in pairs]
            obj.repeated = tuple(sorted({k for k in keys if keys.count(k) > 1}))
        return obj


def _repeated_keys(value: object, at: str = "") -> list[tuple[str, str]]:
    """(JSON path of the object, key) for each key written twice in one object."""
    found: list[tuple[str, str]] = []
    if isinstance(value, dict):
        found += [(at or "(top level)", key) for key in getattr(value, "repeated", ())]
        for key, item in value.items():
            found += _repeated_keys(item, f"{at}.{key}" if at else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _repeated_keys(item, f"{at}[{index}]")
    return found


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number; write a finite number")


def field_values(table: str, field: str, data_dir: Path = DATA_DIR) -> list[str]:
    """The allowed values (enum) of a column, in descriptor order: the one list of categories."""
    descriptor = read_descriptor(data_dir)
    shown = show_path(Path(data_dir) / DESCRIPTOR)
    for i, resource in enumerate(descriptor["resources"]):
        if resource["name"] != table:
            continue
        for j, spec in enumerate(resource["schema"]["fields"]):
            if spec["name"] == field:
                if "enum" not in spec.get("constraints", {}):
                    at = f"resources[{i}].schema.fields[{j}].constraints.enum"
                    raise DataValidationError(
                        [
                            Problem(
                                shown,
                                None,
                                None,
                                "the book needs this column's list of values",
                                at=at,
                                code="schema-error",
                            )
                        ]
                    )
                return list(spec["constraints"]["enum"])
        at = f"resources[{i}].schema.fields"
        raise DataValidationError(
            [
                Problem(
                    shown,
                    None,
                    None,
                    f"the book needs a column {field!r}",
                    at=at,
                    code="schema-error",
                )
            ]
        )
    raise DataValidationError(
        [
            Problem(
                shown,
                None,
                None,
                f"the book needs a table {table!r}",
                at="resources",
                code="package-error",
            )
        ]
    )


def resource_names(descriptor: Mapping) -> list[str]:
    """Names of the tables, in descriptor order."""
    return [resource["name"] for resource in descriptor["resources"]]


def required_resources(descriptor: Mapping, names: Iterable[str]) -> list[str]:
    """`names` plus every table they reference (foreign keys, cross-table rules), transitively.

    A table cannot be validated without the tables its foreign keys point to, so these are
    also the data files a notebook loading `names` depends on.
    """
    by_name = {r["name"]: r for r in descriptor["resources"]}
    wanted: list[str] = []
    stack = list(names)
    while stack:
        name = stack.pop()
        if name in wanted:
            continue
        if name not in by_name:
            raise KeyError(f"no table named {name!r} in {DESCRIPTOR}; known: {sorted(by_name)}")
        wanted.append(name)
        for fk in by_name[name]["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"] or name
            stack.append(target)
        stack.extend(referenced_tables(by_name[name]))
    order = resource_names(descriptor)
    return sorted(wanted, key=order.index)
