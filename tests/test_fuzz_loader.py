"""A structure-aware fuzzer: no mutation of the real data package reaches an author as a traceback.

Hypothesis mutates one thing of a copy of `data/` at a time: a cell (text, huge and odd
numbers, dates that do not exist, formulas, controls, line breaks, another column's value), a
row (dropped, doubled, a cell more or less), the header, the bytes (BOM, Latin-1, UTF-16,
invalid UTF-8), the line endings (CR LF, lone CR, blank lines, no final newline), or an entry
of `datapackage.json` (any JSON value at any path, or the key deleted). The property: the
loader either loads the package or raises its own `DataValidationError`, every problem with a
known code, its file, and a line, a column or a JSON path, or a file-level code.

`make test` runs 200 cases (derandomized: the same cases every run); `make test-exhaustive`
(weekly and before a release) runs 3,000 more (`EUCASIA_FUZZ_EXAMPLES` to choose how many).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from eucasia.data import DATA_DIR, DataValidationError, load_tables
from eucasia.data.errors import CODES

#: Codes of problems that concern a whole file (no line, column or JSON path to give).
FILE_LEVEL = {"source-error", "encoding-error", "path-error", "table-dimensions", "package-error"}
EXAMPLES = 200
LONG_RUN_DEFAULT = 3000
LONG_RUN = int(os.environ.get("EUCASIA_FUZZ_EXAMPLES", str(LONG_RUN_DEFAULT)))

DESCRIPTOR = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
TABLES = {r["name"]: r["path"] for r in DESCRIPTOR["resources"]}

ODD_CELLS = [
    "", " ", "NA", "null", "-0", "+1", "0x10", "1e400", "-1e400", "nan", "inf", "1_000",
    "99999999999999999999999", "-99999999999999999999999", "1,5", "٣", "２０１９",
    "2019-13-01", "2019-02-30", "0000-00-00", "9999-12-31", "2019-1-1", "true", "True", "yes",
    "=1+1", "@SUM(A1)", "-cmd", "\t", "\r", "\n", "a\nb", "a\rb", "\x00", "\u202e", "\ufeff",
    '"', '""', "a,b", "é", "𝕏", "x" * 5000, "{ref}`x`", "<script>", "\\", "--",
]  # fmt: skip
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=5,
)


@pytest.fixture(scope="module")
def package() -> Iterator[Path]:
    """One copy of `data/` for all cases: each case changes one file and puts it back."""
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(DATA_DIR, root)
        yield root


def _paths(value: object, at: tuple = ()) -> list[tuple]:
    """Every JSON path of the descriptor (as tuples of keys and indices)."""
    found = [at]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*at, index))
    return found


DESCRIPTOR_PATHS = [p for p in _paths(DESCRIPTOR) if p]


def _set(document: object, path: tuple, value: object, delete: bool) -> None:
    *parents, last = path
    for key in parents:
        document = document[key]
    if delete and isinstance(document, dict):
        del document[last]
    elif delete and isinstance(document, list):
        document.pop(last)
    else:
        document[last] = value


@st.composite
def mutations(draw) -> tuple[str, object]:
    """(file name under data/, new bytes) for one mutation."""
    kind = draw(st.sampled_from(["cell", "row", "header", "bytes", "lines", "descriptor"]))
    if kind == "descriptor":
        document = json.loads(json.dumps(DESCRIPTOR))
        path = draw(st.sampled_from(DESCRIPTOR_PATHS))
        _set(document, path, draw(JSON_VALUES), delete=draw(st.booleans()))
        return "datapackage.json", json.dumps(document).encode()
    name = draw(st.sampled_from(sorted(TABLES)))
    text = (DATA_DIR / TABLES[name]).read_text(encoding="utf-8")
    lines = text.split("\n")
    if kind == "cell":
        import csv  # noqa: E401
        import io

        rows = list(csv.reader(io.StringIO(text, newline="")))
        r = draw(st.integers(1, len(rows) - 1))
        c = draw(st.integers(0, len(rows[r]) - 1))
        other = rows[draw(st.integers(1, len(rows) - 1))][draw(st.integers(0, len(rows[0]) - 1))]
        rows[r][c] = draw(st.sampled_from(ODD_CELLS) | st.text(max_size=12) | st.just(other))
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\n").writerows(rows)
        return TABLES[name], out.getvalue().encode()
    if kind == "row":
        i = draw(st.integers(1, max(1, len(lines) - 2)))
        how = draw(st.sampled_from(["drop", "double", "cell-more", "cell-less"]))
        if how == "drop":
            del lines[i]
        elif how == "double":
            lines.insert(i, lines[i])
        elif how == "cell-more":
            lines[i] += ",x"
        else:
            lines[i] = lines[i].rsplit(",", 1)[0]
        return TABLES[name], "\n".join(lines).encode()
    if kind == "header":
        labels = lines[0].split(",")
        j = draw(st.integers(0, len(labels) - 1))
        how = draw(st.sampled_from(["rename", "drop", "double", "swap", "case"]))
        if how == "rename":
            labels[j] = draw(st.text(max_size=6))
        elif how == "drop":
            del labels[j]
        elif how == "double":
            labels.insert(j, labels[j])
        elif how == "swap" and len(labels) > 1:
            labels[j], labels[j - 1] = labels[j - 1], labels[j]
        else:
            labels[j] = labels[j].upper()
        lines[0] = ",".join(labels)
        return TABLES[name], "\n".join(lines).encode()
    if kind == "bytes":
        how = draw(st.sampled_from(["bom", "latin-1", "utf-16", "invalid", "empty", "nul"]))
        data = text.encode()
        if how == "bom":
            return TABLES[name], b"\xef\xbb\xbf" + data
        if how == "latin-1":
            return TABLES[name], (text + "é\n").encode("latin-1", "replace")
        if how == "utf-16":
            return TABLES[name], text.encode("utf-16")
        if how == "invalid":
            at = draw(st.integers(0, len(data)))
            return TABLES[name], data[:at] + b"\xff\xfe" + data[at:]
        if how == "empty":
            return TABLES[name], b""
        return TABLES[name], data.replace(b",", b"\x00,", 1)
    how = draw(st.sampled_from(["crlf", "lone-cr", "blank", "no-final", "trailing-blank"]))
    if how == "crlf":
        return TABLES[name], text.replace("\n", "\r\n").encode()
    if how == "lone-cr":
        i = draw(st.integers(1, max(1, len(lines) - 2)))
        lines[i] = lines[i] + "\r"
        return TABLES[name], "\n".join(lines).encode()
    if how == "blank":
        lines.insert(draw(st.integers(1, len(lines) - 1)), "")
        return TABLES[name], "\n".join(lines).encode()
    if how == "no-final":
        return TABLES[name], text.rstrip("\n").encode()
    return TABLES[name], (text + "\n\n").encode()


def unlocated(problems) -> list[str]:
    return [
        str(p)
        for p in problems
        if p.code not in CODES
        or not p.path
        or (p.line is None and p.at is None and p.column is None and p.code not in FILE_LEVEL)
    ]


def check(package: Path, mutation: tuple[str, bytes]) -> None:
    """The property: a clean load, or the loader's own error with every problem located."""
    name, data = mutation
    target = package / name
    original = target.read_bytes()
    target.write_bytes(data)
    try:
        load_tables(data_dir=package)
    except DataValidationError as error:
        assert error.problems and unlocated(error.problems) == [], str(error)
    finally:
        target.write_bytes(original)


FUZZ = {
    "derandomize": True,  # the same cases on every run: a failure is reproducible
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


@settings(max_examples=EXAMPLES, **FUZZ)
@given(mutation=mutations())
def test_every_mutation_loads_or_is_a_located_problem(package: Path, mutation) -> None:
    check(package, mutation)


@pytest.mark.exhaustive
@settings(max_examples=LONG_RUN, **FUZZ)
@given(mutation=mutations())
def test_every_mutation_in_the_long_run(package: Path, mutation) -> None:
    """`make test-exhaustive`: thousands of cases (README gives the count of the last run)."""
    check(package, mutation)


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")  # large examples
def test_the_fuzzer_reaches_the_descriptors_own_rules_and_every_kind_of_file() -> None:
    """The strategy can change an `x-` rule of the descriptor, a header, the bytes and the line
    ends: each is found among its cases (a fuzzer that never got there would prove nothing)."""
    probe = settings(max_examples=3000, database=None, suppress_health_check=list(HealthCheck))
    rule = find(
        mutations(),
        lambda m: m[0] == "datapackage.json" and "x-" in _changed_path(m[1]),
        settings=probe,
    )
    assert "x-" in _changed_path(rule[1])
    crlf = find(mutations(), lambda m: m[0].endswith(".csv") and b"\r\n" in m[1], settings=probe)
    assert crlf[0].endswith(".csv")
    bom = find(mutations(), lambda m: m[1].startswith(b"\xef\xbb\xbf"), settings=probe)
    assert bom[1][:3] == b"\xef\xbb\xbf"


def _changed_path(data: bytes) -> str:
    """The first JSON path where a mutated descriptor differs from the real one."""
    try:
        changed = json.loads(data)
    except ValueError:
        return ""
    for path in DESCRIPTOR_PATHS:
        try:
            old, new = DESCRIPTOR, changed
            for key in path:
                old, new = old[key], new[key]
        except (KeyError, IndexError, TypeError):
            return ".".join(map(str, path))
        if old != new and not isinstance(old, dict | list):
            return ".".join(map(str, path))
    return ""


def test_an_unlocated_problem_is_caught() -> None:
    from eucasia.data.errors import Problem

    nowhere = Problem("data/actors.csv", None, None, "something", code="type-error")
    assert unlocated([nowhere]) == [str(nowhere)]
    whole_file = Problem("data/actors.csv", None, None, "empty", code="source-error")
    assert unlocated([whole_file]) == []
