"""Load the data package and refuse anything that does not match its descriptor.

`data/datapackage.json` (Frictionless Data Package, Table Schema) is the single definition of
every table: columns, types, constraints, primary and foreign keys. This module reads the CSV
files against it and raises :class:`DataValidationError` naming the file, the line, the column
and the offending value, so a broken row stops the book build instead of rendering a wrong page.

The checks are done here, with the standard library and pandas, rather than by handing the
files to `frictionless.validate`, because the messages must point an author at a line of the
CSV file they edit; `tests/test_datapackage.py` runs Frictionless as an independent second
opinion on the same descriptor.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DESCRIPTOR = "datapackage.json"

#: ISO 8601 dates at day, month or year precision (`2019-05-15`, `2024-06`, `2007`).
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
PRECISION_OF_PARTS = {1: "year", 2: "month", 3: "day"}
MAX_ERRORS_SHOWN = 25


@dataclass(frozen=True)
class Problem:
    """One defect in one cell (or row, or file) of the data package."""

    path: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class DataValidationError(ValueError):
    """Raised when the data package does not match its descriptor; lists every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n  ".join(str(p) for p in problems[:MAX_ERRORS_SHOWN])
        more = len(problems) - MAX_ERRORS_SHOWN
        tail = f"\n  … and {more} more" if more > 0 else ""
        super().__init__(f"{len(problems)} problem(s) in the data package:\n  {shown}{tail}")


def default_data_dir() -> Path:
    """The `data/` folder of the book being worked on.

    Searched upwards from the working directory (a notebook runs in `notebooks/`, so this finds
    the data of the copy of the book it belongs to), falling back to the package's own book.
    """
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "data" / DESCRIPTOR).is_file():
            return folder / "data"
    return DATA_DIR


def read_descriptor(data_dir: Path | str | None = None) -> dict:
    """The parsed `datapackage.json`."""
    path = Path(data_dir or default_data_dir()) / DESCRIPTOR
    if not path.is_file():
        raise DataValidationError([Problem(_show(path), None, None, "descriptor file is missing")])
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataValidationError(
            [Problem(_show(path), None, None, f"not valid JSON: {exc}")]
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
    """`names` plus every table they reference through foreign keys, transitively.

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
    order = resource_names(descriptor)
    return sorted(wanted, key=order.index)


def load_tables(
    names: Iterable[str] | None = None, data_dir: Path | str | None = None
) -> dict[str, pd.DataFrame]:
    """Read and validate tables of the data package; return them as typed DataFrames.

    `names` selects tables (default: all); the tables they reference are loaded and checked
    too. Raises :class:`DataValidationError` listing every problem found, each with file, line
    and column.
    """
    data_dir = Path(data_dir or default_data_dir())
    descriptor = read_descriptor(data_dir)
    wanted = required_resources(
        descriptor, names if names is not None else resource_names(descriptor)
    )
    by_name = {r["name"]: r for r in descriptor["resources"]}
    problems: list[Problem] = []
    parsed: dict[str, _ParsedTable] = {}
    for name in wanted:
        table = _read_table(data_dir, by_name[name], problems)
        if table is not None:
            parsed[name] = table
    for table in parsed.values():
        _check_primary_key(table, problems)
        _check_foreign_keys(table, parsed, problems)
    if problems:
        raise DataValidationError(problems)
    return {name: parsed[name].frame for name in wanted}


# --- internals -------------------------------------------------------------------------------


@dataclass
class _ParsedTable:
    resource: dict
    path: str  # as shown in messages
    lines: list[int]  # source line of each row
    frame: pd.DataFrame


def _show(path: Path) -> str:
    """A path as an author sees it: relative to the repository when possible."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _decode(path: Path, shown: str, problems: list[Problem]) -> str | None:
    raw = path.read_bytes()
    if not raw.strip():
        problems.append(
            Problem(shown, None, None, "file is empty; it needs at least the header row")
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            Problem(
                shown,
                1,
                None,
                "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
            )
        )
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                shown,
                line,
                None,
                f"bytes {raw[exc.start : exc.end]!r} are not valid UTF-8; save the file as UTF-8",
            )
        )
        return None


def _read_table(data_dir: Path, resource: dict, problems: list[Problem]) -> _ParsedTable | None:
    path = data_dir / resource["path"]
    shown = _show(path)
    if not path.is_file():
        problems.append(
            Problem(shown, None, None, f"file for table '{resource['name']}' is missing")
        )
        return None
    text = _decode(path, shown, problems)
    if text is None:
        return None
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        problems.append(Problem(shown, 1, None, f"malformed CSV header: {exc}"))
        return None
    if header != names:
        missing = [n for n in names if n not in header]
        extra = [h for h in header if h not in names]
        detail = []
        if missing:
            detail.append(f"missing {missing}")
        if extra:
            detail.append(f"unexpected {extra}")
        if not detail:
            detail.append("columns are out of order")
        problems.append(
            Problem(
                shown,
                1,
                None,
                f"header does not match the descriptor ({'; '.join(detail)}); expected {names}",
            )
        )
        return None
    rows: list[list[object]] = []
    lines: list[int] = []
    start = reader.line_num + 1
    before = len(problems)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(shown, reader.line_num, None, f"malformed CSV row: {exc}"))
            break
        line, start = start, reader.line_num + 1
        if not row:
            problems.append(Problem(shown, line, None, "blank line inside the table; delete it"))
            continue
        if len(row) != len(names):
            problems.append(
                Problem(
                    shown, line, None, f"row has {len(row)} cells but the header has {len(names)}"
                )
            )
            continue
        rows.append(
            [_convert(shown, line, f, cell, problems) for f, cell in zip(fields, row, strict=True)]
        )
        lines.append(line)
    if len(problems) == before:
        _check_row_rules(shown, resource, names, rows, lines, problems)
    frame = _frame(fields, rows)
    return _ParsedTable(resource=resource, path=shown, lines=lines, frame=frame)


def _convert(shown: str, line: int, field: dict, cell: str, problems: list[Problem]) -> object:
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
    if kind == "string" and field.get("x-partialDate") and not _is_partial_date(cell):
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


def _is_partial_date(text: str) -> bool:
    match = PARTIAL_DATE.match(text)
    if not match:
        return False
    year, month, day = (int(p) if p else None for p in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return False
    return True


def _check_row_rules(
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


PANDAS_TYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean"}


def _frame(fields: list[dict], rows: list[list[object]]) -> pd.DataFrame:
    columns = [f["name"] for f in fields]
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    for field in fields:
        kind = field.get("type", "string")
        frame[field["name"]] = frame[field["name"]].astype(PANDAS_TYPES.get(kind, "string"))
    return frame


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _key_tuples(table: _ParsedTable, columns: list[str]) -> list[tuple]:
    frame = table.frame
    return list(
        zip(*(frame[c].astype(object).where(frame[c].notna(), None) for c in columns), strict=True)
    )


def _check_primary_key(table: _ParsedTable, problems: list[Problem]) -> None:
    key = table.resource["schema"].get("primaryKey")
    if not key:
        return
    columns = _as_list(key)
    seen: dict[tuple, int] = {}
    for values, line in zip(_key_tuples(table, columns), table.lines, strict=True):
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


def _check_foreign_keys(
    table: _ParsedTable, parsed: dict[str, _ParsedTable], problems: list[Problem]
) -> None:
    for fk in table.resource["schema"].get("foreignKeys", []):
        columns = _as_list(fk["fields"])
        target_name = fk["reference"]["resource"] or table.resource["name"]
        target = parsed.get(target_name)
        if target is None:  # its own problems are already reported
            continue
        target_columns = _as_list(fk["reference"]["fields"])
        allowed = set(_key_tuples(target, target_columns))
        for values, line in zip(_key_tuples(table, columns), table.lines, strict=True):
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
