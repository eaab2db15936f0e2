"""Read `datapackage.json`, the one definition of every table, column, key and category."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from eucasia.data.crossrules import referenced_tables
from eucasia.data.errors import DataValidationError, Problem
from eucasia.data.paths import DATA_DIR, DESCRIPTOR, default_data_dir, show_path


def read_descriptor(data_dir: Path | str | None = None) -> dict:
    """The parsed `datapackage.json`."""
    path = Path(data_dir or default_data_dir()) / DESCRIPTOR
    if not path.is_file():
        raise DataValidationError(
            [Problem(show_path(path), None, None, "descriptor file is missing")]
        )
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataValidationError(
            [Problem(show_path(path), None, None, f"not valid JSON: {exc}")]
        ) from exc


def field_values(table: str, field: str, data_dir: Path = DATA_DIR) -> list[str]:
    """The allowed values (enum) of a column, in descriptor order: the one list of categories."""
    resource = next(r for r in read_descriptor(data_dir)["resources"] if r["name"] == table)
    spec = next(f for f in resource["schema"]["fields"] if f["name"] == field)
    return list(spec["constraints"]["enum"])


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
