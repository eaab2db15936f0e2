"""The implementation tracker: its data rules, its aggregates and the agreement statistics."""

from __future__ import annotations

import csv
import html.parser
import random
import re
import shutil
from pathlib import Path

import pytest

from eucasia.analysis import tracker
from eucasia.analysis.agreement import (
    bootstrap_agreement,
    cohen_kappa,
    confusion_table,
    krippendorff_alpha,
    percent_agreement,
)
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


def test_bootstrap_intervals_are_reproducible_and_bracket_the_estimate() -> None:
    first = ["delivered"] * 10 + ["under_way"] * 6 + ["partly_delivered"] * 6
    second = ["delivered"] * 9 + ["under_way"] * 7 + ["partly_delivered"] * 4 + ["delivered"] * 2
    one = bootstrap_agreement(first, second, tracker.STATUSES, resamples=300)
    assert one == bootstrap_agreement(first, second, tracker.STATUSES, resamples=300)
    assert one.kappa == pytest.approx(cohen_kappa(first, second))
    assert one.kappa_ci[0] <= one.kappa <= one.kappa_ci[1] and one.kappa_ci[0] < one.kappa_ci[1]
    assert one.alpha_ci[0] <= one.alpha <= one.alpha_ci[1] and one.alpha_ci[0] < one.alpha_ci[1]
    assert (one.n, one.agreed) == (22, 19)
    # another seed resamples other items: the intervals move, so the seed is really used
    assert bootstrap_agreement(first, second, tracker.STATUSES, 300, seed=1) != one


def test_bootstrap_of_perfect_agreement_is_a_point() -> None:
    codes = ["delivered", "under_way", "announced_only"] * 4
    report = bootstrap_agreement(codes, codes, tracker.STATUSES, resamples=200)
    assert report.kappa_ci == (1.0, 1.0) and report.alpha_ci == (1.0, 1.0)


def test_confusion_table_puts_agreement_on_the_diagonal() -> None:
    first = ["delivered", "delivered", "under_way", "partly_delivered"]
    second = ["delivered", "partly_delivered", "under_way", "partly_delivered"]
    table = confusion_table(first, second, tracker.STATUSES)
    assert list(table.index) == ["delivered", "partly_delivered", "under_way"]
    assert sum(table.loc[c, c] for c in table.index) == 3
    assert table.loc["delivered", "partly_delivered"] == 1
    assert table.to_numpy().sum() == len(first)


# --- the data ---------------------------------------------------------------------------------


def test_every_coded_item_has_one_status(tables: dict) -> None:
    """All 112 items: the 45 specific initiatives and the 67 commitments (issue 25)."""
    coded = set(tables["initiatives"]["initiative_id"])
    assert set(tables["implementation_status"]["initiative_id"]) == coded
    assert set(tables["initiatives"]["kind"]) == set(tracker.KINDS)


def test_no_public_evidence_records_the_search(tables: dict) -> None:
    status = tables["implementation_status"]
    assert status["searched"].str.len().min() > 20, "every status records what was searched"


def test_the_second_coding_is_the_recorded_seeded_sample(tables: dict) -> None:
    recorded = [
        line
        for line in (ROOT / "research" / "tracker" / "second-coding-sample.txt").read_text().split()
        if "-SI-" in line
    ]
    # the 0.2.0 sample was drawn from the 45 specific initiatives, the only items then coded
    ids = sorted(i for i in tables["implementation_status"]["initiative_id"] if "-SI-" in i)
    assert sorted(random.Random(2019).sample(ids, len(recorded))) == recorded
    second = tables["second_coding"]
    assert sorted(second.loc[second["round"] == "0.2.0", "initiative_id"]) == recorded
    assert len(recorded) >= 15


def test_the_second_coding_of_the_whole_is_the_drawn_sample(tables: dict) -> None:
    """Round 0.3.0 codes exactly the 32 items drawn by research/tracker/draw_second_sample.py,
    and its file in research/ is the one the data holds."""
    text = (ROOT / "research" / "tracker" / "second-coding-2-sample.txt").read_text()
    drawn = sorted(w for w in text.split() if "-" in w and not w.startswith("#"))
    second = tables["second_coding"]
    rows = second[second["round"] == "0.3.0"]
    assert sorted(rows["initiative_id"]) == drawn and len(drawn) >= 30
    with open(ROOT / "research" / "tracker" / "second-coding-2.csv", encoding="utf-8") as handle:
        blind = {r["initiative_id"]: r["status"] for r in csv.DictReader(handle)}
    assert dict(zip(rows["initiative_id"], rows["status"], strict=True)) == blind


def disagreements(status, second) -> set[str]:
    """Items some round of the second coding coded otherwise than the status it was compared
    with (the first coding, after earlier rounds' resolutions)."""
    return set(second.loc[second["status"] != second["compared_status"], "initiative_id"])


def resolution_problems(status, second) -> list[str]:
    """Each disagreement of round 0.3.0 is resolved by rule 5 (the less favourable of the two
    readings, in the order of clarification C1) and the note records both codings."""
    order = list(tracker.STATUSES)
    problems = []
    rows = second[second["round"] == "0.3.0"]
    for item, first, other in zip(
        rows["initiative_id"], rows["compared_status"], rows["status"], strict=True
    ):
        if first == other:
            continue
        kept = max(first, other, key=order.index)
        if status.loc[item, "status"] != kept:
            problems.append(
                f"{item}: rule 5 keeps {kept}, the data says {status.loc[item, 'status']}"
            )
        note = str(status.loc[item, "note"])
        if not all(s.replace("_", " ") in note for s in (first, other)):
            problems.append(f"{item}: the note does not record both codings")
    return problems


def test_disagreements_are_resolved_by_rule_5(tables: dict) -> None:
    status = tables["implementation_status"].set_index("initiative_id")
    assert resolution_problems(status, tables["second_coding"]) == []


def test_a_resolution_to_the_more_favourable_status_is_reported(tables: dict) -> None:
    status = tables["implementation_status"].set_index("initiative_id").copy()
    status.loc["2.1-SI-01", "status"] = "delivered"  # the first coder's, more favourable
    status.loc["2.3-C-04", "note"] = "resolved"
    problems = resolution_problems(status, tables["second_coding"])
    assert problems == [
        "2.1-SI-01: rule 5 keeps partly_delivered, the data says delivered",
        "2.3-C-04: the note does not record both codings",
    ]


def test_resolved_statuses_are_the_disagreements(tables: dict) -> None:
    status = tables["implementation_status"].set_index("initiative_id")
    disagreed = disagreements(status, tables["second_coding"])
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
    disagreed = disagreements(status, second)
    by_id = {row["initiative_id"]: row for row in record}
    # the commitments were first coded with the clarifications: only the 45 were re-coded
    specific = {i for i in status.index if "-SI-" in i}
    if len(by_id) != len(record) or set(by_id) != specific:
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
        # a later round's resolution may move a re-coded status again; the note says so
        if (
            i in status.index
            and i not in disagreed
            and (row["new_status"], row["new_confidence"])
            != (
                status.loc[i, "status"],
                status.loc[i, "confidence"],
            )
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


def counted_changes_problems(tables: dict, record: list[dict]) -> list[str]:
    """The chapter counts re-codings from the status notes (tracker.clarification_changes):
    the counts must be the record's, item for item."""
    counted = tracker.clarification_changes(tables)
    recorded = {
        "status": sorted(r["initiative_id"] for r in record if r["old_status"] != r["new_status"]),
        "confidence": sorted(
            r["initiative_id"] for r in record if r["old_confidence"] != r["new_confidence"]
        ),
    }
    return [
        f"{k}: notes say {counted[k]}, the record {recorded[k]}"
        for k in recorded
        if counted[k] != recorded[k]
    ]


def test_counted_recodings_are_the_recorded_ones(tables: dict) -> None:
    assert counted_changes_problems(tables, read_clarifications()) == []


def test_a_recoding_the_notes_do_not_count_is_reported(tables: dict) -> None:
    broken = dict(tables)
    status = tables["implementation_status"].copy()
    status.loc[status["initiative_id"] == "1.3-SI-01", "note"] = "no word of the change"
    broken["implementation_status"] = status
    problems = counted_changes_problems(broken, read_clarifications())
    assert len(problems) == 1 and problems[0].startswith("confidence: notes say")


def test_every_status_change_is_explained(tables: dict) -> None:
    status = tables["implementation_status"].set_index("initiative_id")
    second = tables["second_coding"]
    assert status_change_problems(status, second, read_clarifications()) == []


def test_an_unexplained_status_change_is_reported(tables: dict) -> None:
    status = tables["implementation_status"].set_index("initiative_id").copy()
    second = tables["second_coding"]
    record = read_clarifications()
    sampled = set(second["initiative_id"])
    unsampled = next(
        i for i in status.index if i not in sampled and "-SI-" in i and i != "1.3-SI-04"
    )
    status.loc[unsampled, "status"] = "no_public_evidence"
    problems = status_change_problems(status, second, record)
    assert any(p.startswith(f"{unsampled}: status differs") for p in problems)
    assert any(p.startswith(f"{unsampled}: the record's new status") for p in problems)


def test_a_recoding_the_note_does_not_announce_is_reported(tables: dict) -> None:
    status = tables["implementation_status"].set_index("initiative_id").copy()
    second = tables["second_coding"]
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
    first = {}

    def late(rows: list[dict]) -> None:
        row = next(i for i, r in enumerate(rows) if r["initiative_id"] == "1.1-SI-01")
        rows[row]["date"], rows[row]["date_precision"] = "2027-01", "month"
        first["line"] = row + 2

    rewrite(package / "implementation_evidence.csv", late)
    with pytest.raises(
        DataValidationError, match=r"column 'date': date '2027-01' is after 2026-12-01"
    ) as info:
        load_tables(["implementation_evidence"], data_dir=package)
    assert f"line {first['line']}," in str(info.value)


def test_commitment_evidence_is_bounded_by_its_own_assessment(package: Path) -> None:
    """The commitments were assessed on 2026-12-07: their evidence may reach that day, no later."""

    def late(rows: list[dict]) -> None:
        row = next(r for r in rows if r["initiative_id"] == "0-C-01")
        row["date"], row["date_precision"] = "2026-12-08", "day"

    rewrite(package / "implementation_evidence.csv", late)
    with pytest.raises(DataValidationError, match=r"date '2026-12-08' is after 2026-12-07"):
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


# --- the built page: every status row says which kind of item it is ---------------------------


class _FirstCells(html.parser.HTMLParser):
    """The text of the first cell of each body row, per table id."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[str]] = {}
        self._table: list[str | None] = []
        self._in_body, self._cell, self._col = False, None, 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self._table.append(dict(attrs).get("id"))
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._col = 0
        elif tag in {"td", "th"} and self._in_body:
            self._col += 1
            if self._col == 1:
                self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._table:
            self._table.pop()
        elif tag == "tbody":
            self._in_body = False
        elif tag in {"td", "th"} and self._cell is not None:
            table = self._table[-1] if self._table else None
            if table:
                self.rows.setdefault(table, []).append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def kind_marking_problems(page: str, items: dict[str, str]) -> list[str]:
    """Rows of the tracker's status tables (tbl-trk-status-*) whose item does not say its
    kind, or says the wrong one; and items (id → kind) that no status table shows."""
    parser = _FirstCells()
    parser.feed(page)
    words = {"specific_initiative": "initiative", "commitment": "commitment"}
    problems, seen = [], set()
    for table, cells in parser.rows.items():
        if not table.startswith("tbl-trk-status-"):
            continue
        for cell in cells:
            match = re.fullmatch(r"(\S+) \((initiative|commitment)\)", cell)
            if not match or match[1] not in items:
                problems.append(f"{table}: {cell!r} does not name a coded item and its kind")
                continue
            seen.add(match[1])
            if words[items[match[1]]] != match[2]:
                problems.append(
                    f"{table}: {match[1]} is a {items[match[1]]}, the page says {match[2]}"
                )
    problems += [f"{i}: in no status table" for i in sorted(set(items) - seen)]
    return problems


def test_every_status_row_on_the_page_names_its_kind(built_html: Path, tables: dict) -> None:
    items = dict(
        zip(tables["initiatives"]["initiative_id"], tables["initiatives"]["kind"], strict=True)
    )
    page = (built_html / "notebooks" / "tracker.html").read_text(encoding="utf-8")
    assert kind_marking_problems(page, items) == []


def test_a_status_row_without_its_kind_is_reported() -> None:
    items = {"1.1-C-01": "commitment", "1.1-SI-01": "specific_initiative", "0-C-01": "commitment"}
    page = (
        '<table id="tbl-trk-status-resilience"><thead><tr><th>item</th></tr></thead><tbody>'
        "<tr><td>1.1-C-01 (initiative)</td><td>delivered</td></tr>"
        "<tr><td><span>1.1-SI-01</span></td><td>delivered</td></tr></tbody></table>"
        '<table id="tbl-other"><tbody><tr><td>0-C-01 (commitment)</td></tr></tbody></table>'
    )
    assert kind_marking_problems(page, items) == [
        "tbl-trk-status-resilience: 1.1-C-01 is a commitment, the page says initiative",
        "tbl-trk-status-resilience: '1.1-SI-01' does not name a coded item and its kind",
        "0-C-01: in no status table",
        "1.1-SI-01: in no status table",
    ]
