"""Bad input stops the book with a message naming file, line and column.

Each case starts from the good fixture package (tests/fixtures/good, read against the real
data/datapackage.json), corrupts one thing, and asserts the exact location in the error.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from eucasia.data import DataValidationError, load_tables

FIXTURE = Path(__file__).parent / "fixtures" / "good"
DESCRIPTOR = Path(__file__).parent.parent / "data" / "datapackage.json"
TABLES = ["initiative_actors", "timeline", "funding"]  # and their foreign-key closure: every file


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


def descriptor(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        data = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        change(data)
        (root / "datapackage.json").write_text(json.dumps(data), encoding="utf-8")

    return mutate


def resource(data: dict, name: str) -> dict:
    return next(r for r in data["resources"] if r["name"] == name)


def field(data: dict, table: str, name: str) -> dict:
    return next(f for f in resource(data, table)["schema"]["fields"] if f["name"] == name)


def link_outside(root: Path) -> None:
    (root / "actors.csv").unlink()
    (root / "actors.csv").symlink_to(FIXTURE.parent / "outside" / "secret.csv")


def mutate_all(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        for step in steps:
            step(root)

    return mutate


def _set(d: dict, key: str, value: object) -> None:
    d[key] = value


# (case id, mutation, where: "<file>, line N, column 'c'", the problem's code, and for a few cases
# the words of the message a reader needs; the others assert location and code, not prose)
CASES = [
    (
        "wrong-type",
        replace("strands.csv", "resilience,1,", "resilience,one,"),
        "strands.csv, line 3, column 'number'",
        "type-error",
        "not a valid integer",
    ),
    (
        "missing-required",
        replace("actors.csv", "osce,OSCE,", "osce,,"),
        "actors.csv, line 4, column 'name'",
        "constraint-error",
        None,
    ),
    (
        "duplicate-key",
        replace("actors.csv", "osce,OSCE,", "eu,OSCE,"),
        "actors.csv, line 4, column 'actor_id'",
        "primary-key",
        None,
    ),
    (
        "duplicate-composite-key",
        replace("initiative_actors.csv", "1.1-SI-02,osce,partner", "1.1-SI-01,eu,partner"),
        "initiative_actors.csv, line 4, column 'initiative_id, actor_id'",
        "primary-key",
        None,
    ),
    (
        "dangling-foreign-key",
        replace("initiative_actors.csv", "1.1-SI-02,osce,", "1.1-SI-02,nobody,"),
        "initiative_actors.csv, line 4, column 'actor_id'",
        "foreign-key",
        "'nobody' is not a actor_id in",
    ),
    (
        "unknown-category",
        replace("actors.csv", "international_organisation", "ngo"),
        "actors.csv, line 4, column 'actor_type'",
        "constraint-error",
        "'ngo' is not one of the allowed values",
    ),
    (
        "malformed-date",
        replace("sources.csv", "2019-05-15", "2019-13-01"),
        "sources.csv, line 2, column 'date'",
        "type-error",
        None,
    ),
    (
        "bad-encoding",
        write_bytes("actors.csv", lambda b: b.replace(b"Kazakhstan", b"Kaz\xe1khstan")),
        "actors.csv, line 3",
        "encoding-error",
        "not valid UTF-8",
    ),
    (
        "byte-order-mark",
        write_bytes("areas.csv", lambda b: b"\xef\xbb\xbf" + b),
        "areas.csv, line 1",
        "encoding-error",
        None,
    ),
    (
        "empty-file",
        write_bytes("initiatives.csv", lambda b: b""),
        "initiatives.csv",
        "source-error",
        None,
    ),
    ("missing-file", delete("strands.csv"), "strands.csv", "source-error", None),
    (
        "row-without-source",
        replace("initiatives.csv", "p. 2,doc_a,", "p. 2,,"),
        "initiatives.csv, line 4, column 'source_id'",
        "constraint-error",
        None,
    ),
    (
        "unknown-source",
        replace("initiatives.csv", "p. 2,doc_a,", "p. 2,doc_zz,"),
        "initiatives.csv, line 4, column 'source_id'",
        "foreign-key",
        None,
    ),
    (
        "too-few-cells",
        replace(
            "actors.csv",
            "kaz,Kazakhstan,central_asian_state,national,KAZ,",
            "kaz,Kazakhstan,central_asian_state",
        ),
        "actors.csv, line 3",
        "missing-cell",
        None,
    ),
    (
        "renamed-column",
        replace("actors.csv", "actor_type", "type"),
        "actors.csv, line 1",
        "incorrect-label",
        "missing ['actor_type']; unexpected ['type']",
    ),
    (
        "pattern",
        replace("initiatives.csv", "0-C-01,0,", "0-X-1,0,"),
        "initiatives.csv, line 4, column 'initiative_id'",
        "constraint-error",
        None,
    ),
    (
        "surrounding-spaces",
        replace("actors.csv", "kaz,Kazakhstan,", "kaz, Kazakhstan,"),
        "actors.csv, line 3, column 'name'",
        "whitespace-error",
        None,
    ),
    (
        "blank-line",
        replace("actors.csv", "\nosce,", "\n\nosce,"),
        "actors.csv, line 4",
        "blank-row",
        None,
    ),
    (
        "unclosed-quote",
        replace(
            "initiatives.csv",
            '"Second initiative, with ""quotes"".",',
            '"Second initiative, with ""quotes"".,',
        ),
        "initiatives.csv, line 3",
        "format-error",
        None,
    ),
    (
        "below-minimum",
        replace("initiatives.csv", "specific_initiative,2,", "specific_initiative,0,"),
        "initiatives.csv, line 3, column 'ordinal'",
        "constraint-error",
        None,
    ),
    (
        "bad-url",
        replace("sources.csv", "https://example.org/a", "example.org/a"),
        "sources.csv, line 2, column 'url'",
        "type-error",
        None,
    ),
    # Table Schema's constraints with the standard's meaning, and what no descriptor may hold
    (
        "above-maximum",
        mutate_all(
            descriptor(lambda d: field(d, "strands", "number")["constraints"].update(maximum=0)),
        ),
        "strands.csv, line 3, column 'number'",
        "constraint-error",
        "is above the maximum 0",
    ),
    (
        "exclusive-minimum-is-v2",
        descriptor(
            lambda d: field(d, "funding", "amount_eur")["constraints"].update(exclusiveMinimum=5e5)
        ),
        "datapackage.json, resources[17].schema.fields[5].constraints.exclusiveMinimum",
        "schema-error",
        "belongs to Data Package v2",
    ),
    (
        "date-below-minimum",
        mutate_all(
            descriptor(
                lambda d: field(d, "sources", "date").update(
                    type="date", constraints={"minimum": "2020-01-01"}
                )
            ),
            replace("sources.csv", ",2024-01,", ",2024-01-31,"),
        ),
        "sources.csv, line 2, column 'date'",
        "constraint-error",
        "is below the minimum 2020-01-01",
    ),
    (
        "longer-than-max-length",
        descriptor(
            lambda d: field(d, "actors", "name").setdefault("constraints", {}).update(maxLength=12)
        ),
        "actors.csv, line 2, column 'name'",
        "constraint-error",
        None,
    ),
    (
        "not-unique",
        mutate_all(
            descriptor(
                lambda d: (
                    field(d, "actors", "name").setdefault("constraints", {}).update(unique=True)
                )
            ),
            replace("actors.csv", "kaz,Kazakhstan,", "kaz,European Union,"),
        ),
        "actors.csv, line 3, column 'name'",
        "unique-error",
        "also on line 2",
    ),
    (
        "actor-renamed-to-another-actors-name",
        replace("actors.csv", "osce,OSCE,", "osce,European Union,"),
        "actors.csv, line 4, column 'name'",
        "unique-error",
        None,
    ),
    (
        "actor-name-of-2000-characters",
        replace("actors.csv", "osce,OSCE,", "osce," + "Organisation" * 200 + ","),
        "actors.csv, line 4, column 'name'",
        "constraint-error",
        "longer than the maximum length of 400",
    ),
    (
        "period-ends-before-it-starts",
        replace(
            "funding.csv",
            "regional_2021,Regional programme 2021-2027,2021,2027,",
            "regional_2021,Regional programme 2021-2027,2027,2021,",
        ),
        "funding.csv, line 2, column 'period_end'",
        "row-constraint",
        "is before 2027",
    ),
    (
        "year-before-the-states-existed",
        replace(
            "funding.csv",
            "kaz_2021,Kazakhstan programme,2021,",
            "kaz_2021,Kazakhstan programme,1985,",
        ),
        "funding.csv, line 3, column 'period_start'",
        "constraint-error",
        "below the minimum 1991",
    ),
    (
        "absurd-amount",
        replace("funding.csv", ",134000000,", ",1e300,"),
        "funding.csv, line 2, column 'amount_eur'",
        "constraint-error",
        "above the maximum",
    ),
    (
        "rule-names-a-list-not-a-column",  # found by the fuzzer: a TypeError before the fix
        descriptor(
            lambda d: resource(d, "initiatives")["schema"]["x-idEncodes"][0].update(field=["x"])
        ),
        "datapackage.json, resources[4].schema.x-idEncodes[0].field",
        "schema-error",
        None,
    ),
    (
        "constraint-not-enforced",
        descriptor(
            lambda d: field(d, "actors", "name").setdefault("constraints", {}).update(jsonSchema={})
        ),
        "datapackage.json, resources[5].schema.fields[1].constraints.jsonSchema",
        "schema-error",
        "not a constraint the loader enforces",
    ),
    (
        "max-length-on-a-number",
        descriptor(lambda d: field(d, "strands", "number")["constraints"].update(maxLength=3)),
        "datapackage.json, resources[2].schema.fields[1].constraints.maxLength",
        "schema-error",
        None,
    ),
    (
        "same-file-twice",
        descriptor(lambda d: _set(resource(d, "strands"), "path", "actors.csv")),
        "datapackage.json, resources[5].path",
        "resource-error",
        None,
    ),
    (
        "key-written-twice",
        replace("datapackage.json", '"name": "strands"', '"name": "strands", "name": "strands"'),
        "datapackage.json, resources[2]",
        "resource-error",
        "written twice",
    ),
    (
        "integer-beyond-64-bits",
        replace("strands.csv", "resilience,1,", "resilience,99999999999999999999,"),
        "strands.csv, line 3, column 'number'",
        "type-error",
        None,
    ),
    (
        "lone-carriage-return",
        replace("actors.csv", "kaz,Kazakhstan,", "kaz,Kaz\rakhstan,"),
        "actors.csv, line 3",
        "format-error",
        None,
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
        "type-error",
        "not a valid integer",
    ),
]


def test_good_fixture_loads(package: Path) -> None:
    tables = load_tables(TABLES, data_dir=package)
    assert list(tables["actors"]["actor_id"]) == ["eu", "kaz", "osce"]
    assert tables["strands"]["number"].dtype == "Int64"
    assert tables["initiatives"].loc[1, "summary"] == 'Second initiative, with "quotes".'


@pytest.mark.parametrize(
    ("mutate", "where", "code", "what"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_is_located(
    package: Path, mutate, where: str, code: str, what: str | None
) -> None:
    mutate(package)
    with pytest.raises(DataValidationError) as caught:
        load_tables(TABLES, data_dir=package)
    message = str(caught.value)
    located = [p for p in caught.value.problems if f"{where}:" in str(p)]
    assert located, f"expected a problem at {where!r}, got:\n{message}"
    assert code in {p.code for p in located}, f"expected {code!r} at {where!r}, got:\n{message}"
    if what is not None:
        assert any(what in str(p) for p in located), f"expected {what!r}, got:\n{message}"


def test_some_cases_keep_their_message_and_every_code_is_known() -> None:
    from eucasia.data.errors import CODES

    assert {c[3] for c in CASES} <= CODES
    assert 3 <= sum(c[4] is not None for c in CASES) < len(CASES)


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


# --------------------------------------------------------------------------------------------
# One case per kind of bad input of issue 13, grouped by class, each with the EXACT message
# ({root} is the fixture package's folder). tests/test_honesty.py counts these lists.


A = "{root}/actors.csv"
F = "{root}/funding.csv"
I = "{root}/initiatives.csv"  # noqa: E741
S = "{root}/strands.csv"
T = "{root}/timeline.csv"
D = "{root}/datapackage.json"
NUMBER_HINT = "a finite number in ASCII digits, e.g. 1250000 or 0.5 (not inf or nan)"
INTEGER_HINT = "a whole number in ASCII digits, e.g. 2019"

#: class → [(case id, mutation, exact message)]
EXACT = {
    "numbers": [
        (
            "number-inf",
            replace("funding.csv", ",134000000,", ",inf,"),
            f"{F}, line 2, column 'amount_eur': value 'inf' is not a valid number; write {NUMBER_HINT}",
        ),
        (
            "number-nan",
            replace("funding.csv", ",134000000,", ",nan,"),
            f"{F}, line 2, column 'amount_eur': value 'nan' is not a valid number; write {NUMBER_HINT}",
        ),
        (
            "number-NaN",
            replace("funding.csv", ",134000000,", ",NaN,"),
            f"{F}, line 2, column 'amount_eur': value 'NaN' is not a valid number; write {NUMBER_HINT}",
        ),
        (
            "number-overflow-to-infinity",
            replace("funding.csv", ",134000000,", ",1e999,"),
            f"{F}, line 2, column 'amount_eur': value '1e999' is not a valid number; write {NUMBER_HINT}",
        ),
        (
            "number-underscore",
            replace("funding.csv", ",134000000,", ",134_000_000,"),
            f"{F}, line 2, column 'amount_eur': value '134_000_000' is not a valid number; write {NUMBER_HINT}",
        ),
        (
            "integer-arabic-indic-digits",
            replace("strands.csv", "resilience,1,", "resilience,\u0661,"),
            f"{S}, line 3, column 'number': value '\u0661' is not a valid integer; write {INTEGER_HINT}",
        ),
        (
            "integer-fullwidth-digits",
            replace("funding.csv", ",2021,2027,", ",\uff12\uff10\uff12\uff11,2027,"),
            f"{F}, line 2, column 'period_start': value '\uff12\uff10\uff12\uff11' is not a valid integer; write {INTEGER_HINT}",
        ),
        (
            "date-devanagari-digits",
            replace("timeline.csv", "2024-01,month", "\u0968\u0966\u0968\u096a-01,month"),
            f"{T}, line 3, column 'date': value '\u0968\u0966\u0968\u096a-01' is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)",
        ),
        (
            "pattern-bengali-digits",
            replace("initiatives.csv", "1.1-SI-01,1.1,", "1.1-SI-\u09e6\u09e7,1.1,"),
            f"{I}, line 2, column 'initiative_id': value '1.1-SI-\u09e6\u09e7' does not match the pattern '(0|[1-3]\\\\.[1-4])-(SI|C)-\\\\d{{2}}'",
        ),
    ],
    "characters": [
        (
            "nul-in-text",
            replace("strands.csv", "Resilience.", "Resil\x00ience."),
            f"{S}, line 3, column 'summary': value 'Resil\\x00ience.' contains the invisible or control character U+0000 at position 6, which is not allowed in any cell; delete it",
        ),
        (
            "c1-control-in-text",
            replace("actors.csv", "OSCE,international", "OS\x85CE,international"),
            f"{A}, line 4, column 'name': value 'OS\\x85CE' contains the invisible or control character U+0085 at position 3, which is not allowed in any cell; delete it",
        ),
        (
            "bidi-override-in-text",
            replace("actors.csv", "Kazakhstan,", "Kazakh\u202estan,"),
            f"{A}, line 3, column 'name': value 'Kazakh\\u202estan' contains the invisible or control character U+202E at position 7, which is not allowed in any cell; delete it",
        ),
        (
            "zero-width-space-in-key",
            replace("actors.csv", "osce,OSCE,", "os\u200bce,OSCE,"),
            f"{A}, line 4, column 'actor_id': value 'os\\u200bce' contains the invisible or control character U+200B at position 3, which is not allowed in an identifier or key; delete it",
        ),
        (
            "bidi-isolate-in-foreign-key",
            replace("initiative_actors.csv", "1.1-SI-02,osce,", "1.1-SI-02,osce\u2066,"),
            "{root}/initiative_actors.csv, line 4, column 'actor_id': value 'osce\\u2066' contains the invisible or control character U+2066 at position 5, which is not allowed in an identifier or key; delete it",
        ),
        (
            "byte-order-mark-inside-key",
            replace("strands.csv", "resilience,1,", "\ufeffresilience,1,"),
            f"{S}, line 3, column 'strand_id': value '\\ufeffresilience' contains the invisible or control character U+FEFF at position 1, which is not allowed in an identifier or key; delete it",
        ),
    ],
    "keys": [
        (
            "key-differs-only-in-case",
            replace("initiative_actors.csv", "1.1-SI-02,osce,partner", "1.1-si-01,eu,partner"),
            "{root}/initiative_actors.csv, line 4, column 'initiative_id, actor_id': primary key ('1.1-si-01', 'eu') differs only in letter case from ('1.1-SI-01', 'eu') on line 2; keys must differ in more than case",
        ),
        (
            "foreign-key-differs-only-in-case",
            replace("initiative_actors.csv", "1.1-SI-02,osce,", "1.1-SI-02,OSCE,"),
            "{root}/initiative_actors.csv, line 4, column 'actor_id': 'OSCE' is not a actor_id in {root}/actors.csv",
        ),
    ],
    "ids": [
        (
            "initiative-id-wrong-section",
            replace("initiatives.csv", "1.1-SI-01,1.1,", "1.2-SI-01,1.1,"),
            f"{I}, line 2, column 'area_id': value '1.1' disagrees with the identifier '1.2-SI-01' in column 'initiative_id', which encodes '1.2'; correct one of them",
        ),
        (
            "initiative-id-wrong-kind",
            replace("initiatives.csv", "0-C-01,0,commitment,", "0-C-01,0,specific_initiative,"),
            f"{I}, line 4, column 'kind': value 'specific_initiative' disagrees with the identifier '0-C-01' in column 'initiative_id', which encodes 'commitment'; correct one of them",
        ),
        (
            "initiative-id-wrong-ordinal",
            replace(
                "initiatives.csv",
                "1.1-SI-02,1.1,specific_initiative,2,",
                "1.1-SI-02,1.1,specific_initiative,3,",
            ),
            f"{I}, line 3, column 'ordinal': value 3 disagrees with the identifier '1.1-SI-02' in column 'initiative_id', which encodes 2; correct one of them",
        ),
        (
            "event-id-wrong-date",
            replace(
                "timeline.csv", "2019-05-15-strategy,2019-05-15,", "2019-05-15-strategy,2019-05-16,"
            ),
            f"{T}, line 2, column 'date': value '2019-05-16' disagrees with the identifier '2019-05-15-strategy' in column 'event_id', which encodes '2019-05-15'; correct one of them",
        ),
    ],
    "line-breaks": [
        (
            "quote-closed-in-the-next-row",
            mutate_all(
                replace(
                    "strands.csv", "Regional cooperation.,doc_a", '"Regional cooperation.,doc_a'
                ),
                replace("strands.csv", "Resilience.,doc_a", 'Resilience.",doc_a'),
            ),
            f"{S}, line 2, column 'summary': value 'Regional cooperation.,doc_a,p. 2\\nresilience,1,Partnering for Resilience,Resilience.' spans 2 lines, but this column does not allow line breaks: write it on one line, or close the quote opened at its start before the line ends",
        ),
        (
            "line-break-in-a-name",
            replace("actors.csv", "kaz,Kazakhstan,", 'kaz,"Kazakh\nstan",'),
            f"{A}, line 3, column 'name': value 'Kazakh\\nstan' spans 2 lines, but this column does not allow line breaks: write it on one line, or close the quote opened at its start before the line ends",
        ),
    ],
    "rows": [
        (
            "header-only-table",
            replace("strands.csv", "", ""),  # replaced below: keep the header, drop every row
            f"{S}: table has 0 rows; the book needs at least 1 (x-minRows)",
        ),
    ],
    "descriptor": [
        (
            "path-is-a-list",
            descriptor(lambda d: _set(resource(d, "actors"), "path", ["actors.csv"])),
            f"{D}, resources[5].path: must be a file name under data/ (a string), not a list",
        ),
        (
            "minimum-is-a-string",
            descriptor(
                lambda d: _set(field(d, "strands", "number")["constraints"], "minimum", "0")
            ),
            f"{D}, resources[2].schema.fields[1].constraints.minimum: must be a number, e.g. 0, not the string '0'",
        ),
        (
            "primary-key-names-a-missing-field",
            descriptor(lambda d: _set(resource(d, "actors")["schema"], "primaryKey", "actor")),
            f"{D}, resources[5].schema.primaryKey: names 'actor', not a column; columns: ['actor_id', 'name', 'actor_type', 'scope', 'country_code', 'note']",
        ),
        (
            "foreign-key-to-an-unknown-table",
            descriptor(
                lambda d: _set(
                    resource(d, "initiatives")["schema"]["foreignKeys"][0]["reference"],
                    "resource",
                    "sections",
                )
            ),
            f"{D}, resources[4].schema.foreignKeys[0].reference.resource: 'sections' is not a table (or its description is broken); tables: {{tables}}",
        ),
        (
            "foreign-key-to-an-unknown-field",
            descriptor(
                lambda d: _set(
                    resource(d, "initiatives")["schema"]["foreignKeys"][0]["reference"],
                    "fields",
                    "section_id",
                )
            ),
            f"{D}, resources[4].schema.foreignKeys[0].reference.fields: names 'section_id', not a column of 'areas'",
        ),
        (
            "unknown-type",
            descriptor(lambda d: _set(field(d, "strands", "number"), "type", "int")),
            f"{D}, resources[2].schema.fields[1].type: the string 'int' is not a type; valid: ['string', 'integer', 'number', 'boolean', 'date']",
        ),
        (
            "enum-is-not-a-list",
            descriptor(lambda d: _set(field(d, "actors", "scope")["constraints"], "enum", "eu")),
            f"{D}, resources[5].schema.fields[3].constraints.enum: must be a non-empty list of strings, not the string 'eu'",
        ),
        (
            "min-rows-is-negative",
            descriptor(lambda d: _set(resource(d, "actors"), "x-minRows", -1)),
            f"{D}, resources[5].x-minRows: must be a whole number of rows, 0 or more, not a number",
        ),
        (
            "id-rule-names-a-missing-column",
            descriptor(
                lambda d: _set(
                    resource(d, "timeline")["schema"]["x-idEncodes"][0], "pattern", "(?P<day>.*)"
                )
            ),
            f"{D}, resources[9].schema.x-idEncodes[0].pattern: group 'day' is not a column",
        ),
        (
            "infinity-in-the-descriptor",
            lambda root: (root / "datapackage.json").write_text(
                (root / "datapackage.json")
                .read_text(encoding="utf-8")
                .replace('"minimum": 0', '"minimum": Infinity', 1),
                encoding="utf-8",
            ),
            f"{D}: not valid JSON: Infinity is not a JSON number; write a finite number",
        ),
    ],
    "paths": [
        (
            "absolute-path",
            descriptor(lambda d: _set(resource(d, "actors"), "path", "/etc/passwd")),
            f"{D}, resources[5].path: '/etc/passwd' is absolute; give a file name relative to data/",
        ),
        (
            "parent-path",
            descriptor(lambda d: _set(resource(d, "actors"), "path", "../outside/secret.csv")),
            f"{D}, resources[5].path: '../outside/secret.csv' leaves data/ or is not a plain file name under it",
        ),
        (
            "symlink-out-of-data",
            link_outside,
            f"{D}, resources[5].path: 'actors.csv' is a link leading out of data/; data files must lie in it",
        ),
        (
            "markup-in-a-path",
            descriptor(lambda d: _set(resource(d, "actors"), "path", "a`{b}`.csv")),
            f"{D}, resources[5].path: 'a`{{b}}`.csv' is not a plain file name of data/ (letters, digits, _ . -, ending .csv)",
        ),
    ],
}


def _header_only(root: Path) -> None:
    text = (root / "strands.csv").read_text(encoding="utf-8")
    (root / "strands.csv").write_text(text.split("\n")[0] + "\n", encoding="utf-8")


EXACT["rows"][0] = (EXACT["rows"][0][0], _header_only, EXACT["rows"][0][2])
EXACT_CASES = [(cls, *case) for cls, cases in EXACT.items() for case in cases]


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [c[2:] for c in EXACT_CASES],
    ids=[f"{c[0]}:{c[1]}" for c in EXACT_CASES],
)
def test_bad_input_gets_its_exact_message(package: Path, mutate, expected: str) -> None:
    mutate(package)
    names = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))["resources"]
    tables = sorted(r["name"] for r in names)
    expected = expected.replace("{root}", str(package)).replace("{tables}", str(tables))
    with pytest.raises(DataValidationError) as caught:
        load_tables(TABLES, data_dir=package)
    shown = [str(p) for p in caught.value.problems]
    assert expected in shown, "\n".join(["expected:", expected, "got:", *shown])
    assert "TOP-SECRET" not in str(caught.value), "a file outside data/ was read or printed"


def test_a_file_outside_data_is_never_opened(package: Path, monkeypatch) -> None:
    """The path checks run before any read: the outside file is not even opened."""
    link_outside(package)
    opened: list[str] = []
    real_open = Path.read_bytes

    def spy(self: Path) -> bytes:
        opened.append(os.path.realpath(self))
        return real_open(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    with pytest.raises(DataValidationError):
        load_tables(TABLES, data_dir=package)
    assert not any("outside" in p for p in opened), opened


def test_descriptor_mistakes_never_escape_as_python_errors(package: Path) -> None:
    """Every descriptor case above stops with DataValidationError, also for the cache key and
    for field_values (which run before any notebook)."""
    from eucasia.assembly.cachekey import notebook_inputs
    from eucasia.data import field_values

    for _, mutate, _ in EXACT["descriptor"][:-1]:
        shutil.copy(DESCRIPTOR, package / "datapackage.json")
        mutate(package)
        with pytest.raises(DataValidationError):
            field_values("actors", "actor_type", data_dir=package)
        with pytest.raises(DataValidationError):
            notebook_inputs(
                "```{code-cell} ipython3\nfrom eucasia.data import load_tables\n"
                "load_tables(['actors'])\n```\n",
                data_dir=package,
            )


@pytest.mark.parametrize(
    ("typed", "code"), [("Partly delivered", "constraint-error"), ("", "constraint-error")]
)
def test_an_invalid_status_is_located_before_any_rule_reads_it(
    tmp_path: Path, typed: str, code: str
) -> None:
    """The tracker maintainer's commonest slip: a status typed as prose, or left empty. The
    cross-table rules read statuses as values, so they wait until every cell is valid; the
    author sees the cell's own message, never `boolean value of NA is ambiguous`."""
    data = tmp_path / "data"
    shutil.copytree(DESCRIPTOR.parent, data)
    path = data / "implementation_status.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("1.1-SI-01,"))
    lines[row] = lines[row].replace(
        ",partly_delivered,partly_delivered,", f",{typed},partly_delivered,", 1
    )
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        load_tables(["implementation_status"], data_dir=data)
    located = [p for p in caught.value.problems if p.line == row + 1 and p.column == "status"]
    assert [p.code for p in located] == [code], str(caught.value)


def test_no_evidence_found_cannot_have_evidence(tmp_path: Path) -> None:
    """A status that records a search which found nothing, for an initiative with evidence
    rows, is a contradiction the descriptor declares (`x-forbidsRowsInWhen`)."""
    data = tmp_path / "data"
    shutil.copytree(DESCRIPTOR.parent, data)
    path = data / "implementation_status.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("1.1-SI-01,"))
    lines[row] = lines[row].replace(",partly_delivered,", ",no_public_evidence,", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        load_tables(["implementation_status"], data_dir=data)
    located = [p for p in caught.value.problems if p.line == row + 1 and p.column == "status"]
    assert [p.code for p in located] == ["cross-table-constraint"], str(caught.value)
    assert "implementation_evidence.csv has 5 row(s)" in str(located[0])


def test_negative_zero_is_zero(package: Path) -> None:
    """'-0' is the number 0 (it was shown as "EUR -0")."""
    import math

    replace("funding.csv", ",134000000,", ",-0,")(package)
    amount = load_tables(TABLES, data_dir=package)["funding"].loc[0, "amount_eur"]
    assert amount == 0 and math.copysign(1, amount) == 1


def test_a_specific_initiative_without_a_status_is_located(tmp_path: Path) -> None:
    """Each coded item has a status row (`x-everyRowOf`); a missing one is named at the item's
    own line (it used to surface as a claim error naming no row)."""
    data = tmp_path / "data"
    shutil.copytree(DESCRIPTOR.parent, data)
    path = data / "implementation_status.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text(
        "\n".join(line for line in lines if not line.startswith("1.1-SI-01,")), encoding="utf-8"
    )
    with pytest.raises(DataValidationError) as caught:
        load_tables(["implementation_status"], data_dir=data)
    located = [p for p in caught.value.problems if p.path.endswith("initiatives.csv")]
    assert [p.code for p in located] == ["cross-table-constraint"], str(caught.value)
    assert "'1.1-SI-01' has no row in" in str(located[0]) and located[0].line is not None


def test_a_share_above_its_whole_is_located(tmp_path: Path) -> None:
    """A value in percent above 100 (a part larger than its whole) breaks `x-boundsWhen`."""
    data = tmp_path / "data"
    shutil.copytree(DESCRIPTOR.parent, data)
    path = data / "indicators.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if ",percent," in line)
    cells = lines[index].split(",")
    cells[3] = "130"  # the value column
    lines[index] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        load_tables(["indicators"], data_dir=data)
    located = [p for p in caught.value.problems if p.line == index + 1 and p.column == "value"]
    assert [p.code for p in located] == ["row-constraint"], str(caught.value)


def test_a_commitment_without_a_status_is_located(tmp_path: Path) -> None:
    """Since edition 0.3.0 the commitments are tracked too: a missing commitment status is
    named at the commitment's own line of initiatives.csv."""
    data = tmp_path / "data"
    shutil.copytree(DESCRIPTOR.parent, data)
    path = data / "implementation_status.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text(
        "\n".join(line for line in lines if not line.startswith("2.1-C-01,")), encoding="utf-8"
    )
    with pytest.raises(DataValidationError) as caught:
        load_tables(["implementation_status"], data_dir=data)
    located = [p for p in caught.value.problems if p.path.endswith("initiatives.csv")]
    assert [p.code for p in located] == ["cross-table-constraint"], str(caught.value)
    assert "'2.1-C-01' has no row in" in str(located[0]) and located[0].line is not None
