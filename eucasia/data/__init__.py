"""The data layer: the only code that reads ``data/``.

It reads ``data/datapackage.json`` (Frictionless Data Package, Table Schema; written from
``tools/datapackage_src.py``), the one definition
of every table, column, key and category, and checks the CSV files against it, raising
:class:`DataValidationError` with file, line, column and the offending value, so a broken row
stops the book build instead of rendering a wrong page. The checks are written here, with the
standard library and pandas, rather than delegated to ``frictionless.validate`` because the
messages must point an author at a line of the CSV file they edit; ``tests/test_referee.py``
runs Frictionless as an independent second opinion on the same descriptor.
"""

from eucasia.data.descriptor import (
    field_values,
    read_descriptor,
    required_resources,
    resource_names,
)
from eucasia.data.errors import DataValidationError, Problem
from eucasia.data.load import load_tables
from eucasia.data.paths import DATA_DIR, DESCRIPTOR, ROOT, default_data_dir

__all__ = [
    "DATA_DIR",
    "DESCRIPTOR",
    "ROOT",
    "DataValidationError",
    "Problem",
    "default_data_dir",
    "field_values",
    "load_tables",
    "read_descriptor",
    "required_resources",
    "resource_names",
]
