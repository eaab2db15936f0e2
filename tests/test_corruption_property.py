"""Seeded random corruptions of the real data: each is rejected with file, line and column.

Every corruption below makes a cell invalid for its column (a value of the wrong type or
spelling, a forbidden character, a duplicated or dangling key, an identifier that disagrees with
its row, an empty required cell). The property: the loader rejects it with a problem located by
file, line and column; if it ever accepted one, the loaded tables must equal the original ones
with that cell byte-identical (the stricter form: we do not try to decide which cells a page
shows, so an accepted corruption may not change any value at all).
"""

from __future__ import annotations

import csv
import io
import random
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from eucasia.data import DATA_DIR, DataValidationError, load_tables, read_descriptor

SEED = 13
RUNS = 60
FORBIDDEN_CHARS = ["\x07", "\x1b", "\x85", "\u202e", "\u2067", "\ufeff", "\u2028"]
KINDS = ("type", "character", "duplicate_key", "bad_id", "dangling_fk", "empty_required")
#: The problem codes each kind of corruption may be reported with (a value of the wrong type can
#: also break a pattern or an identifier it encodes; a swapped-case key repeats another).
CODES = {
    "type": {"type-error", "constraint-error", "id-encoding", "foreign-key", "row-constraint"},
    "character": {"character-error", "whitespace-error"},
    "duplicate_key": {
        "primary-key",
        "constraint-error",
    },  # a case-swapped key may break its pattern
    "bad_id": {"id-encoding"},
    "dangling_fk": {"foreign-key"},
    "empty_required": {"constraint-error"},
}


def read_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def corruption(rng: random.Random, resource: dict, rows: list[list[str]]) -> tuple | None:
    """(kind, row index, column, new value) for a corruption that fits this table, or None."""
    header, body = rows[0], rows[1:]
    schema = resource["schema"]
    kind = rng.choice(KINDS)
    r = rng.randrange(len(body))
    fields = schema["fields"]
    if kind == "type":
        typed = [
            f for f in fields if f.get("type") in ("integer", "number") or f.get("x-partialDate")
        ]
        if not typed:
            return None
        f = rng.choice(typed)
        bad = ["inf", "nan", "NaN", "1_000", "\u0661\u0662", "12a", "1e999", "2019-13", "2019/05"]
        return kind, r, f["name"], rng.choice(bad)
    if kind == "character":
        f = rng.choice(fields)
        old = body[r][header.index(f["name"])]
        pos = rng.randrange(len(old) + 1)
        return kind, r, f["name"], old[:pos] + rng.choice(FORBIDDEN_CHARS) + old[pos:]
    if kind == "duplicate_key":
        key = as_list(schema["primaryKey"])
        if len(body) < 2 or len(key) != 1:
            return None
        other = rng.choice([i for i in range(len(body)) if i != r])
        value = body[other][header.index(key[0])]
        if rng.random() < 0.5:
            value = value.swapcase()  # a key that differs only in case is a duplicate too
        return kind, r, key[0], value
    if kind == "bad_id":
        rules = schema.get("x-idEncodes", [])
        if not rules:
            return None
        column = rules[0]["field"]
        old = body[r][header.index(column)]
        match = re.fullmatch(rules[0]["pattern"], old)
        spans = [match.span(g) for g in match.groupdict()] if match else []
        # only digits the rule ties to another column: the rest of an id is free to change
        digits = [i for a, b in spans for i in range(a, b) if old[i].isdigit()]
        if not digits:
            return None
        i = rng.choice(digits)
        return kind, r, column, old[:i] + str((int(old[i]) + 1) % 10) + old[i + 1 :]
    if kind == "dangling_fk":
        fks = [fk for fk in schema.get("foreignKeys", []) if isinstance(fk["fields"], str)]
        if not fks:
            return None
        column = rng.choice(fks)["fields"]
        return kind, r, column, "zz_missing_key"
    required = [f for f in fields if f.get("constraints", {}).get("required")]
    if not required:
        return None
    return kind, r, rng.choice(required)["name"], ""


def cases() -> list[tuple]:
    rng = random.Random(SEED)
    descriptor = read_descriptor(DATA_DIR)
    found = []
    while len(found) < RUNS:
        resource = rng.choice(descriptor["resources"])
        rows = read_rows(DATA_DIR / resource["path"])
        case = corruption(rng, resource, rows)
        if case is None:
            continue
        kind, r, column, value = case
        if rows[r + 1][rows[0].index(column)] == value:
            continue  # not a change (e.g. swapcase of a digit-only key)
        found.append((resource["name"], resource["path"], *case))
    return found


CASES = cases()


@pytest.fixture(scope="module")
def original() -> dict[str, pd.DataFrame]:
    return load_tables(data_dir=DATA_DIR)


def test_every_kind_is_drawn() -> None:
    assert {c[2] for c in CASES} == set(KINDS)


@pytest.mark.parametrize(
    ("table", "file", "kind", "row", "column", "value"),
    CASES,
    ids=[f"{i}-{c[0]}-{c[2]}" for i, c in enumerate(CASES)],
)
def test_corruption_is_rejected_with_its_location(
    tmp_path: Path, original, table, file, kind, row, column, value
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    rows = read_rows(data / file)
    rows[row + 1][rows[0].index(column)] = value
    write_rows(data / file, rows)
    try:
        loaded = load_tables([table], data_dir=data)
    except DataValidationError as error:
        located = [
            p
            for p in error.problems
            if p.path.endswith(file) and p.line is not None and p.column is not None
        ]
        assert {p.code for p in located} & CODES[kind], (
            f"{kind} {value!r} reported as {sorted({p.code for p in located})}:\n{error}"
        )
        if kind in ("dangling_fk", "duplicate_key"):  # reported where the key repeats or points
            assert located, f"{kind} {value!r} in {file}:{column} not located:\n{error}"
        elif kind == "bad_id":  # reported on the row, at the column that disagrees with the id
            assert any(p.line == row + 2 for p in located), f"{value!r} not located:\n{error}"
        else:
            line = row + 2
            assert any(p.line == line and column in p.column for p in located), (
                f"{kind} {value!r} at {file} line {line}, column {column!r} not located:\n{error}"
            )
        return
    # accepted: nothing may have changed, not even the corrupted cell's value
    for name, frame in loaded.items():
        pd.testing.assert_frame_equal(frame, original[name], check_dtype=True)
