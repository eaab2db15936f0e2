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
    changed = set(status.index[status["status"] != status["first_coder_status"]])
    assert changed <= disagreed


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
