"""Bad input stops the book with a message naming file, line and column.

Each case starts from the good fixture package (tests/fixtures/good, read against the real
data/datapackage.json), corrupts one thing, and asserts the exact location in the error.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from eucasia.data import DataValidationError, load_tables

FIXTURE = Path(__file__).parent / "fixtures" / "good"
DESCRIPTOR = Path(__file__).parent.parent / "data" / "datapackage.json"
TABLES = ["initiative_actors"]  # loads its foreign-key closure: all fixture files


@pytest.fixture
def package(tmp_path: Path) -> Path:
    for path in FIXTURE.iterdir():
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(DESCRIPTOR, tmp_path / "datapackage.json")
    return tmp_path


def replace(file: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        text = (root / file).read_text(encoding="utf-8")
        assert old in text, f"fixture {file} lacks {old!r}"
        (root / file).write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def write_bytes(file: str, data: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / file).write_bytes(data((root / file).read_bytes()))

    return mutate


def delete(file: str) -> Callable[[Path], None]:
    return lambda root: (root / file).unlink()


# (case id, mutation, expected fragment of the message: "<file>, line N, column 'c'" and a hint)
CASES = [
    (
        "wrong-type",
        replace("strands.csv", "resilience,1,", "resilience,one,"),
        "strands.csv, line 3, column 'number'",
        "not a valid integer",
    ),
    (
        "missing-required",
        replace("actors.csv", "osce,OSCE,", "osce,,"),
        "actors.csv, line 4, column 'name'",
        "value is required",
    ),
    (
        "duplicate-key",
        replace("actors.csv", "osce,OSCE,", "eu,OSCE,"),
        "actors.csv, line 4, column 'actor_id'",
        "duplicate primary key 'eu'; first used on line 2",
    ),
    (
        "duplicate-composite-key",
        replace("initiative_actors.csv", "1.1-SI-02,osce,partner", "1.1-SI-01,eu,partner"),
        "initiative_actors.csv, line 4, column 'initiative_id, actor_id'",
        "duplicate primary key",
    ),
    (
        "dangling-foreign-key",
        replace("initiative_actors.csv", "1.1-SI-02,osce,", "1.1-SI-02,nobody,"),
        "initiative_actors.csv, line 4, column 'actor_id'",
        "'nobody' is not a actor_id in",
    ),
    (
        "unknown-category",
        replace("actors.csv", "international_organisation", "ngo"),
        "actors.csv, line 4, column 'actor_type'",
        "'ngo' is not one of the allowed values",
    ),
    (
        "malformed-date",
        replace("sources.csv", "2019-05-15", "2019-13-01"),
        "sources.csv, line 2, column 'date'",
        "is not an ISO 8601 date",
    ),
    (
        "bad-encoding",
        write_bytes("actors.csv", lambda b: b.replace(b"Kazakhstan", b"Kaz\xe1khstan")),
        "actors.csv, line 3",
        "not valid UTF-8",
    ),
    (
        "byte-order-mark",
        write_bytes("areas.csv", lambda b: b"\xef\xbb\xbf" + b),
        "areas.csv, line 1",
        "byte-order mark",
    ),
    (
        "empty-file",
        write_bytes("initiatives.csv", lambda b: b""),
        "initiatives.csv",
        "file is empty",
    ),
    ("missing-file", delete("strands.csv"), "strands.csv", "is missing"),
    (
        "row-without-source",
        replace("initiatives.csv", "p. 2,doc_a,", "p. 2,,"),
        "initiatives.csv, line 4, column 'source_id'",
        "value is required",
    ),
    (
        "unknown-source",
        replace("initiatives.csv", "p. 2,doc_a,", "p. 2,doc_zz,"),
        "initiatives.csv, line 4, column 'source_id'",
        "'doc_zz' is not a source_id",
    ),
    (
        "too-few-cells",
        replace(
            "actors.csv",
            "kaz,Kazakhstan,central_asian_state,national,KAZ,",
            "kaz,Kazakhstan,central_asian_state",
        ),
        "actors.csv, line 3",
        "row has 3 cells but the header has 6",
    ),
    (
        "renamed-column",
        replace("actors.csv", "actor_type", "type"),
        "actors.csv, line 1",
        "missing ['actor_type']; unexpected ['type']",
    ),
    (
        "pattern",
        replace("initiatives.csv", "0-C-01,0,", "0-X-1,0,"),
        "initiatives.csv, line 4, column 'initiative_id'",
        "does not match the pattern",
    ),
    (
        "surrounding-spaces",
        replace("actors.csv", "kaz,Kazakhstan,", "kaz, Kazakhstan,"),
        "actors.csv, line 3, column 'name'",
        "leading or trailing spaces",
    ),
    (
        "blank-line",
        replace("actors.csv", "\nosce,", "\n\nosce,"),
        "actors.csv, line 4",
        "blank line",
    ),
    (
        "unclosed-quote",
        replace(
            "initiatives.csv",
            '"Second initiative, with ""quotes"".",',
            '"Second initiative, with ""quotes"".,',
        ),
        "initiatives.csv, line 3",
        "malformed CSV",
    ),
    (
        "below-minimum",
        replace("initiatives.csv", "specific_initiative,2,", "specific_initiative,0,"),
        "initiatives.csv, line 3, column 'ordinal'",
        "below the minimum 1",
    ),
    (
        "bad-url",
        replace("sources.csv", "https://example.org/a", "example.org/a"),
        "sources.csv, line 2, column 'url'",
        "not an http(s) URL",
    ),
    (
        "multiline-quoted-cell-keeps-line-numbers",
        lambda root: (
            replace(
                "initiatives.csv", '"Second initiative, with ""quotes"".",', '"Second\ninitiative",'
            )(root),
            replace("initiatives.csv", "0,commitment,1,", "0,commitment,x,")(root),
        ),
        "initiatives.csv, line 5, column 'ordinal'",
        "not a valid integer",
    ),
]


def test_good_fixture_loads(package: Path) -> None:
    tables = load_tables(TABLES, data_dir=package)
    assert list(tables["actors"]["actor_id"]) == ["eu", "kaz", "osce"]
    assert tables["strands"]["number"].dtype == "Int64"
    assert tables["initiatives"].loc[1, "summary"] == 'Second initiative, with "quotes".'


@pytest.mark.parametrize(
    ("mutate", "where", "what"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_is_located(package: Path, mutate, where: str, what: str) -> None:
    mutate(package)
    with pytest.raises(DataValidationError) as caught:
        load_tables(TABLES, data_dir=package)
    message = str(caught.value)
    located = [str(p) for p in caught.value.problems if where in str(p)]
    assert located, f"expected a problem at {where!r}, got:\n{message}"
    assert any(what in p for p in located), f"expected {what!r} at {where!r}, got:\n{message}"


def test_cases_are_distinct() -> None:
    assert len({c[0] for c in CASES}) == len(CASES) >= 15


def test_every_problem_is_reported_at_once(package: Path) -> None:
    replace("actors.csv", "international_organisation", "ngo")(package)
    replace("strands.csv", "resilience,1,", "resilience,one,")(package)
    with pytest.raises(DataValidationError) as caught:
        load_tables(TABLES, data_dir=package)
    assert len(caught.value.problems) == 2


def test_unknown_table_name_is_refused(package: Path) -> None:
    with pytest.raises(KeyError, match="no table named 'actorz'"):
        load_tables(["actorz"], data_dir=package)
