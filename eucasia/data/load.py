"""Load tables of the data package as typed DataFrames, refusing anything the descriptor does not allow."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from eucasia.data.crossrules import check_cross_rules, referenced_tables
from eucasia.data.csvfile import read_table
from eucasia.data.descriptor import read_descriptor, required_resources, resource_names
from eucasia.data.errors import DataValidationError, Problem
from eucasia.data.frames import ParsedTable
from eucasia.data.paths import default_data_dir
from eucasia.data.rules import check_foreign_keys, check_primary_key, check_unique_columns


def load_tables(
    names: Iterable[str] | None = None, data_dir: Path | str | None = None
) -> dict[str, pd.DataFrame]:
    """Read and validate tables of the data package; return them as typed DataFrames.

    `names` selects tables (default: all); the tables they reference are loaded and checked
    too. Raises :class:`DataValidationError` listing every problem found, each with file, line
    and column.

    Examples
    --------
    >>> tables = load_tables(["initiative_actors"])  # and the tables it references
    >>> sorted(tables)
    ['actors', 'areas', 'initiative_actors', 'initiatives', 'sources', 'strands']
    >>> list(tables["strands"].columns[:3])
    ['strand_id', 'number', 'title']
    """
    data_dir = Path(data_dir or default_data_dir())
    descriptor = read_descriptor(data_dir)
    wanted = required_resources(
        descriptor, names if names is not None else resource_names(descriptor)
    )
    by_name = {r["name"]: r for r in descriptor["resources"]}
    problems: list[Problem] = []
    parsed: dict[str, ParsedTable] = {}
    for name in wanted:
        table = read_table(data_dir, by_name[name], problems)
        if table is not None:
            parsed[name] = table
    for table in parsed.values():
        check_primary_key(table, problems)
        check_unique_columns(table, problems)
        check_foreign_keys(table, parsed, problems)
        readers = [table.resource["name"], *referenced_tables(table.resource)]
        if all(name in parsed and parsed[name].clean for name in readers):
            check_cross_rules(table, parsed, problems)
    if problems:
        raise DataValidationError(problems)
    return {name: parsed[name].frame for name in wanted}
