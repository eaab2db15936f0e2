"""Frictionless as referee: wherever it finds an error in a broken package, so does the loader.

The data package is a Frictionless data package, so `frictionless` (a second, independent
implementation of Table Schema) validates the same descriptor and files. Over a corpus of
broken packages (every bad-input fixture of `test_loader_errors.py`, and the seeded
corruptions of the real data of `test_corruption_property.py`) each error Frictionless reports
must have a problem of the loader at the same place:
- an error in a row: the same file and line (Frictionless counts rows, the loader physical
  lines; the test maps one to the other by reading the file);
- an error in a header: the same file, line 1;
- an error of the package or a table's description: a problem of the descriptor or that file.
A file the loader refuses as a whole (its header, bytes or description) covers every error
Frictionless finds inside it. The loader checks more than Table Schema (the book's `x-` rules,
characters, case-folded keys); those extra problems are not compared.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import test_corruption_property as corruptions
import test_loader_errors as fixtures

from eucasia.data import DATA_DIR, DataValidationError, load_tables
from eucasia.data.descriptor import required_resources

HEADER_ERRORS = {"incorrect-label", "missing-label", "extra-label", "duplicate-label", "blank-label", "blank-header"}  # fmt: skip


def frictionless_places(root: Path, tables: list[str] | None) -> set[tuple[str, int | None, str]]:
    """(file, line, error type) of each error Frictionless reports; line None for a whole file
    or the descriptor (file "datapackage.json")."""
    from frictionless import FrictionlessException, Package

    try:
        descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        if tables is not None:
            wanted = required_resources(descriptor, tables)
            descriptor = {
                **descriptor,
                "resources": [r for r in descriptor["resources"] if r["name"] in wanted],
            }
        paths = {r["name"]: r["path"] for r in descriptor["resources"]}
        report = Package(descriptor, basepath=str(root)).validate()
    except (FrictionlessException, ValueError, KeyError, TypeError):
        return {("datapackage.json", None, "package-error")}  # it cannot read the description
    places: set[tuple[str, int | None, str]] = set()
    for task in report.tasks:
        file = paths.get(task.name)
        file = file if isinstance(file, str) else "datapackage.json"
        lines = physical_lines(root / file)
        for error in task.errors:
            row = getattr(error, "row_number", None)
            if error.type in HEADER_ERRORS:
                places.add((file, 1, error.type))
            elif row is not None and lines is not None and row - 2 < len(lines):
                places.add((file, lines[row - 2], error.type))
            else:
                places.add((file, None, error.type))
    if not report.valid and not places:
        places.add(("datapackage.json", None, "package-error"))
    return places


def physical_lines(path: Path) -> list[int] | None:
    """The line each data row starts on (a quoted cell may span lines), or None if unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, line = [], 1
    try:
        next(reader)
        line = reader.line_num + 1
        for _ in reader:
            starts.append(line)
            line = reader.line_num + 1
    except (csv.Error, StopIteration):  # unreadable, or not even a header: no rows
        pass
    return starts


#: Loader problems that refuse a whole file: nothing inside it is read further.
WHOLE_FILE = {"encoding-error", "source-error", "format-error", "incorrect-label", "path-error"}


def loader_places(root: Path, tables: list[str] | None) -> set[tuple[str, int | None, str]]:
    try:
        load_tables(tables, data_dir=root)
    except DataValidationError as error:
        return {(Path(p.path).name, p.line, p.code) for p in error.problems}
    return set()


def unmatched(referee: set, loader: set) -> list[tuple[str, int | None, str]]:
    """Errors Frictionless found that no problem of the loader covers: one at the same file
    and line; a refusal of the whole file, or of the descriptor; for an error of a whole file,
    any problem in it; for a foreign key, the refusal of another file (the target), and the
    same for an error Frictionless repeats in a table that references a refused file."""
    refused = {f for f, line, code in loader if code in WHOLE_FILE or line is None}
    at = {(f, line) for f, line, _ in loader}
    missing = []
    for file, line, kind in sorted(referee, key=str):
        covered = (
            "datapackage.json" in refused
            or file in refused
            or (file, line) in at
            or (line is None and any(f == file for f, _ in at))
            or (kind == "foreign-key" and bool(refused))
            or (line is None and any((f, None, kind) in referee for f in refused))
        )
        if not covered:
            missing.append((file, line, kind))
    return missing


def fixture_corpus() -> list[tuple[str, Callable[[Path], None]]]:
    cases = [(c[0], c[1]) for c in fixtures.CASES]
    cases += [(f"{c[0]}:{c[1]}", c[2]) for c in fixtures.EXACT_CASES]
    return cases


@pytest.mark.parametrize(
    "mutate", [c[1] for c in fixture_corpus()], ids=[c[0] for c in fixture_corpus()]
)
def test_the_loader_finds_what_frictionless_finds_in_each_fixture(
    tmp_path: Path, mutate: Callable[[Path], None]
) -> None:
    for path in fixtures.FIXTURE.iterdir():
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(fixtures.DESCRIPTOR, tmp_path / "datapackage.json")
    assert frictionless_places(tmp_path, fixtures.TABLES) == set()  # the good fixture is valid
    mutate(tmp_path)
    referee = frictionless_places(tmp_path, fixtures.TABLES)
    loader = loader_places(tmp_path, fixtures.TABLES)
    assert unmatched(referee, loader) == [], (
        f"Frictionless: {sorted(referee, key=str)}; loader: {sorted(loader, key=str)}"
    )


#: The seeded corruptions of the real data that are refereed (the first 20 of that test's).
REAL_CASES = corruptions.CASES[:20]


@pytest.mark.parametrize(
    ("table", "file", "kind", "row", "column", "value"),
    REAL_CASES,
    ids=[f"{i}-{c[0]}-{c[2]}" for i, c in enumerate(REAL_CASES)],
)
def test_the_loader_finds_what_frictionless_finds_in_the_real_data(
    tmp_path: Path, table, file, kind, row, column, value
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    rows = corruptions.read_rows(data / file)
    rows[row + 1][rows[0].index(column)] = value
    corruptions.write_rows(data / file, rows)
    referee = frictionless_places(data, [table])
    assert unmatched(referee, loader_places(data, [table])) == []


def test_the_referee_would_catch_a_loader_that_misses_an_error() -> None:
    """The comparison fails when the loader is silent where Frictionless is not."""
    error = ("strands.csv", 3, "type-error")
    assert unmatched({error}, set()) == [error]
    assert unmatched({error}, {("strands.csv", 4, "type-error")}) == [error]
    assert unmatched({error}, {("strands.csv", 1, "incorrect-label")}) == []  # refused whole
    assert unmatched({error}, {("strands.csv", 3, "constraint-error")}) == []
