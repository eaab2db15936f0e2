"""The implementation tracker: its data rules, its aggregates and the agreement statistics."""

from __future__ import annotations

import csv
import random
import re
import shutil
from pathlib import Path

import pytest

from eucasia.analysis import tracker
from eucasia.analysis.agreement import cohen_kappa, krippendorff_alpha, percent_agreement
from eucasia.data import DataValidationError, load_tables

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TRACKER_TABLES = ["implementation_evidence_actors", "second_coding"]


@pytest.fixture(scope="module")
def tables() -> dict:
    return load_tables(TRACKER_TABLES)


# --- agreement ------------------------------------------------------------------------------


def test_cohen_kappa_matches_a_worked_example() -> None:
    """The textbook 2 × 2 example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no gives kappa 0.4."""
    first = ["yes"] * 25 + ["no"] * 25
    second = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert percent_agreement(first, second) == pytest.approx(0.7)
    assert cohen_kappa(first, second) == pytest.approx(0.4)


def test_alpha_is_one_for_perfect_agreement_and_below_kappa_bound_otherwise() -> None:
    codes = ["delivered", "under_way", "delivered", "announced_only"]
    assert krippendorff_alpha(codes, codes, tracker.STATUSES) == pytest.approx(1.0)
    other = ["delivered", "delivered", "delivered", "announced_only"]
    assert krippendorff_alpha(codes, other, tracker.STATUSES) < 1.0


def test_alpha_matches_the_two_coder_nominal_formula() -> None:
    """Two coders, nominal: alpha = 1 - (n - 1) * disagreements / expected pairs (n = 2N values)."""
    first = ["a", "a", "b", "b", "c", "a"]
    second = ["a", "b", "b", "b", "c", "c"]
    values = first + second
    n = len(values)
    counts = {v: values.count(v) for v in set(values)}
    observed = sum(a != b for a, b in zip(first, second, strict=True)) * 2
    expected = (n * n - sum(c * c for c in counts.values())) / (n - 1)
    assert krippendorff_alpha(first, second, ["a", "b", "c"]) == pytest.approx(
        1 - observed / expected
    )


def test_agreement_refuses_unmatched_codings() -> None:
    with pytest.raises(ValueError, match="same units"):
        cohen_kappa(["a"], ["a", "b"])
    with pytest.raises(ValueError, match="not in the vocabulary"):
        krippendorff_alpha(["a", "z"], ["a", "a"], ["a", "b"])


# --- the data ---------------------------------------------------------------------------------


def test_every_specific_initiative_has_one_status(tables: dict) -> None:
    initiatives = tables["initiatives"]
    specific = set(initiatives.loc[initiatives["kind"] == "specific_initiative", "initiative_id"])
    assert set(tables["implementation_status"]["initiative_id"]) == specific


def test_no_public_evidence_records_the_search(tables: dict) -> None:
    status = tables["implementation_status"]
    assert status["searched"].str.len().min() > 20, "every status records what was searched"


def test_the_second_coding_is_the_recorded_seeded_sample(tables: dict) -> None:
    recorded = [
        line
        for line in (ROOT / "research" / "tracker" / "second-coding-sample.txt").read_text().split()
        if "-SI-" in line
    ]
    ids = sorted(tables["implementation_status"]["initiative_id"])
    assert sorted(random.Random(2019).sample(ids, len(recorded))) == recorded
    assert sorted(tables["second_coding"]["initiative_id"]) == recorded
    assert len(recorded) >= 15


def test_resolved_statuses_are_the_disagreements(tables: dict) -> None:
    status = tables["implementation_status"].set_index("initiative_id")
    second = tables["second_coding"].set_index("initiative_id")["status"]
    disagreed = {i for i in second.index if status.loc[i, "first_coder_status"] != second[i]}
    assert set(status.index[status["coder"] == "resolved"]) == disagreed


# --- clarifications re-applied (issue 25) ----------------------------------------------------

CLARIFICATIONS = ROOT / "research" / "tracker" / "clarifications-reapplied.csv"
RECODED = "Re-coded 2026-12-07 under clarification"


def read_clarifications() -> list[dict]:
    with open(CLARIFICATIONS, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def status_change_problems(status, second, record: list[dict]) -> list[str]:
    """Why a status may differ from the first coder's: a resolved disagreement of the second
    coding, or a re-coding under the protocol's clarifications, recorded row by row in the
    research file and announced in the status note. Anything else is an unexplained change."""
    problems = []
    disagreed = {i for i in second.index if status.loc[i, "first_coder_status"] != second[i]}
    by_id = {row["initiative_id"]: row for row in record}
    if len(by_id) != len(record) or set(by_id) != set(status.index):
        problems.append("the clarifications record needs exactly one row per initiative")
    recoded = {i for i, row in by_id.items() if row["old_status"] != row["new_status"]}
    for i in status.index:
        if status.loc[i, "status"] == status.loc[i, "first_coder_status"] or i in disagreed:
            continue
        note = status.loc[i, "note"]
        if i not in recoded:
            problems.append(
                f"{i}: status differs from the first coder's without a resolution or a re-coding"
            )
        elif not (isinstance(note, str) and RECODED in note):
            problems.append(f"{i}: re-coded, but the status note does not say so")
    for i, row in by_id.items():
        if i in status.index and (row["new_status"], row["new_confidence"]) != (
            status.loc[i, "status"],
            status.loc[i, "confidence"],
        ):
            problems.append(f"{i}: the record's new status or confidence is not the table's")
        moved = (row["old_status"], row["old_confidence"]) != (
            row["new_status"],
            row["new_confidence"],
        )
        if moved and row["changed"] != "yes":
            problems.append(f"{i}: status or confidence changed but changed is not yes")
        if row["changed"] not in {"yes", "no"} or not row["reason"].strip():
            problems.append(f"{i}: changed must be yes or no, with a reason")
        if not set(filter(None, row["clarification"].split(";"))) <= {"C1", "C2", "C3"}:
            problems.append(f"{i}: clarification must be C1, C2, C3, a ;-list or empty")
    return problems


def test_every_status_change_is_explained(tables: dict) -> None:
    status = tables["implementation_status"].set_index("initiative_id")
    second = tables["second_coding"].set_index("initiative_id")["status"]
    assert status_change_problems(status, second, read_clarifications()) == []


def test_an_unexplained_status_change_is_reported(tables: dict) -> None:
    status = tables["implementation_status"].set_index("initiative_id").copy()
    second = tables["second_coding"].set_index("initiative_id")["status"]
    record = read_clarifications()
    unsampled = next(i for i in status.index if i not in second.index and i != "1.3-SI-04")
    status.loc[unsampled, "status"] = "no_public_evidence"
    problems = status_change_problems(status, second, record)
    assert any(p.startswith(f"{unsampled}: status differs") for p in problems)
    assert any(p.startswith(f"{unsampled}: the record's new status") for p in problems)


def test_a_recoding_the_note_does_not_announce_is_reported(tables: dict) -> None:
    status = tables["implementation_status"].set_index("initiative_id").copy()
    second = tables["second_coding"].set_index("initiative_id")["status"]
    record = read_clarifications()
    recoded = [r["initiative_id"] for r in record if r["old_status"] != r["new_status"]]
    assert recoded, "the fixture needs a re-coded initiative"
    status.loc[recoded[0], "note"] = "no word about it"
    record[1] = {**record[1], "changed": "no", "old_confidence": "x", "clarification": "C4"}
    problems = status_change_problems(status, second, record + record[:1])
    assert f"{recoded[0]}: re-coded, but the status note does not say so" in problems
    assert "the clarifications record needs exactly one row per initiative" in problems
    assert any(p.endswith("changed is not yes") for p in problems)
    assert any("clarification must be" in p for p in problems)


@pytest.fixture
def package(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def rewrite(path: Path, change) -> None:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    change(rows)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_status_without_evidence_is_refused(package: Path) -> None:
    def drop(rows: list[dict]) -> None:
        rows[:] = [r for r in rows if r["initiative_id"] != "1.1-SI-03"]

    rewrite(package / "implementation_evidence.csv", drop)
    rewrite(
        package / "implementation_evidence_actors.csv",
        lambda rows: rows.__setitem__(
            slice(None), [r for r in rows if not r["evidence_id"].startswith("1.1-SI-03")]
        ),
    )
    with pytest.raises(DataValidationError) as info:
        load_tables(["implementation_status"], data_dir=package)
    message = str(info.value)
    assert (
        "data/implementation_status.csv, line" in message
        or "implementation_status.csv, line" in message
    )
    assert "'1.1-SI-03' has no rows in" in message and "no_public_evidence" in message


def test_no_public_evidence_needs_no_evidence(package: Path) -> None:
    status = load_tables(["implementation_status"], data_dir=package)["implementation_status"]
    none = status.loc[status["status"] == "no_public_evidence", "initiative_id"]
    assert len(none) >= 1  # the rule's exception is exercised by the real data


def test_evidence_before_the_communication_is_refused(package: Path) -> None:
    def early(rows: list[dict]) -> None:
        rows[0]["date"], rows[0]["date_precision"] = "2019-05-15", "day"

    rewrite(package / "implementation_evidence.csv", early)
    with pytest.raises(
        DataValidationError,
        match=r"implementation_evidence.csv, line 2, column 'date': date '2019-05-15' is not after 2019-05-15",
    ):
        load_tables(["implementation_evidence"], data_dir=package)


def test_evidence_after_the_assessment_is_refused(package: Path) -> None:
    def late(rows: list[dict]) -> None:
        rows[0]["date"], rows[0]["date_precision"] = "2027-01", "month"

    rewrite(package / "implementation_evidence.csv", late)
    with pytest.raises(
        DataValidationError, match=r"line 2, column 'date': date '2027-01' is after 2026-12-01"
    ):
        load_tables(["implementation_evidence"], data_dir=package)


# --- the aggregates ---------------------------------------------------------------------------


def test_readings_are_nested(tables: dict) -> None:
    strict, headline, lenient = (tracker.delivered_under(tables, r) for r in tracker.READINGS)
    assert strict <= headline <= lenient
    with pytest.raises(ValueError, match="unknown reading"):
        tracker.delivered_under(tables, "generous")


def test_status_counts_add_up(tables: dict) -> None:
    by_strand = tracker.status_counts(tables)
    by_section = tracker.status_counts(tables, by="area_id")
    assert (
        by_strand.to_numpy().sum()
        == by_section.to_numpy().sum()
        == len(tables["implementation_status"])
    )
    assert list(by_strand.columns) == list(tracker.STATUSES)


def test_evidence_by_year_counts_every_row(tables: dict) -> None:
    by_year = tracker.evidence_by_year(tables)
    assert by_year.to_numpy().sum() == len(tables["implementation_evidence"])
    assert by_year.index.min() >= 2019


def test_delivery_actors_count_distinct_initiatives(tables: dict) -> None:
    actors = tracker.delivery_actors(tables).set_index("actor_id")
    links = tables["implementation_evidence_actors"].merge(
        tables["implementation_evidence"][["evidence_id", "initiative_id"]], on="evidence_id"
    )
    eu = links[links["actor_id"] == "eu"]
    assert actors.loc["eu", "initiatives"] == eu["initiative_id"].nunique()
    assert actors.loc["eu", "evidence"] == eu["evidence_id"].nunique()


@pytest.mark.parametrize(
    ("table", "key", "value", "where"),
    [
        (
            "implementation_status",
            "x-requiresRowsIn",
            {"resource": "nowhere", "fields": "initiative_id"},
            "x-requiresRowsIn.resource",
        ),
        (
            "implementation_status",
            "x-requiresRowsIn",
            {"resource": "implementation_evidence", "fields": "nope"},
            "x-requiresRowsIn.fields",
        ),
        (
            "implementation_evidence",
            "x-notAfter",
            [
                {
                    "field": "date",
                    "resource": "implementation_status",
                    "via": "initiative_id",
                    "bound": "nope",
                }
            ],
            "x-notAfter[0].bound",
        ),
        ("implementation_evidence", "x-notAfter", "date", "x-notAfter"),
    ],
)
def test_a_malformed_cross_table_rule_is_reported_by_its_json_path(
    package: Path, table: str, key: str, value: object, where: str
) -> None:
    import json

    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    index = next(i for i, r in enumerate(descriptor["resources"]) if r["name"] == table)
    descriptor["resources"][index]["schema"][key] = value
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(DataValidationError, match=re.escape(f"resources[{index}].schema.{where}")):
        load_tables(["implementation_status"], data_dir=package)
