"""The corrected and wider record of edition 0.2.0: the verification table, the new context tables
and the three corrections of the independent check."""

from __future__ import annotations

import re

import pytest

from eucasia.data import load_tables, read_descriptor

NEW_TABLES = {
    "record_checks": (["table", "row_key"], {"checked_against": "sources"}),
    "eu_special_representatives": ("eusr_id", {"source_id": "sources", "end_source_id": "sources"}),
    "team_europe_initiatives": ("tei_id", {"source_id": "sources"}),
    "resource_partnerships": (
        "partnership_id",
        {"source_id": "sources", "country_code": "countries"},
    ),
    "agreement_ratification": (
        ["agreement_id", "step"],
        {"source_id": "sources", "agreement_id": "agreements"},
    ),
}
PRIMARY_KEYS = {r["name"]: r["schema"]["primaryKey"] for r in read_descriptor()["resources"]}
PARTIAL_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
CHECKED_KINDS = {
    "ministerial_meeting",
    "leaders_meeting",
    "summit",
    "council_conclusions",
    "agreement_milestone",
    "parliament_resolution",
}


@pytest.fixture(scope="module")
def tables() -> dict:
    return load_tables()


@pytest.fixture(scope="module")
def resources() -> dict:
    return {r["name"]: r for r in read_descriptor()["resources"]}


def key_of(table: str, row) -> str:
    """The row_key record_checks uses for a row: its primary key, parts joined by '/'."""
    key = PRIMARY_KEYS[table]
    return "/".join(str(row[k]) for k in ([key] if isinstance(key, str) else key))


@pytest.mark.parametrize("name", sorted(NEW_TABLES))
def test_new_tables_declare_keys_and_foreign_keys(resources: dict, name: str) -> None:
    key, references = NEW_TABLES[name]
    schema = resources[name]["schema"]
    assert schema["primaryKey"] == key
    declared = {fk["fields"]: fk["reference"]["resource"] for fk in schema.get("foreignKeys", [])}
    assert declared == references


@pytest.mark.parametrize("name", sorted(NEW_TABLES))
def test_new_tables_have_unique_keys_and_resolving_references(tables: dict, name: str) -> None:
    key, references = NEW_TABLES[name]
    frame = tables[name]
    columns = [key] if isinstance(key, str) else key
    assert not frame.duplicated(columns).any(), f"{name}: duplicate primary keys"
    targets = {"sources": "source_id", "countries": "country_code", "agreements": "agreement_id"}
    for column, target in references.items():
        values = set(frame[column].dropna())
        missing = values - set(tables[target][targets[target]])
        assert not missing, f"{name}.{column}: {sorted(missing)} not in {target}"


@pytest.mark.parametrize(
    ("name", "columns"),
    [
        ("record_checks", ["checked_on"]),
        ("eu_special_representatives", ["start_date", "end_date"]),
        ("team_europe_initiatives", ["launch_date"]),
        ("resource_partnerships", ["signed_date"]),
        ("agreement_ratification", ["date"]),
    ],
)
def test_new_tables_have_valid_dates(tables: dict, name: str, columns: list[str]) -> None:
    for column in columns:
        for value in tables[name][column].dropna():
            assert PARTIAL_DATE.match(value), f"{name}.{column}: {value!r}"
            assert "1990" <= value[:4] <= "2027", f"{name}.{column}: {value!r} out of range"


def test_ratification_precision_matches_date(tables: dict) -> None:
    lengths = {"year": 4, "month": 7, "day": 10}
    for _, row in tables["agreement_ratification"].iterrows():
        assert len(row["date"]) == lengths[row["date_precision"]], row.to_dict()


def test_special_representatives_terms_follow_each_other(tables: dict) -> None:
    eusr = tables["eu_special_representatives"]
    for _, row in eusr.iterrows():
        if isinstance(row["start_date"], str) and isinstance(row["end_date"], str):
            assert row["start_date"] <= row["end_date"], row["eusr_id"]
        if isinstance(row["end_date"], str) and row["end_date"] != row.get("start_date"):
            assert isinstance(row["end_source_id"], str) or row["source_id"], row["eusr_id"]
    dated = eusr.dropna(subset=["start_date"]).sort_values("start_date")
    ends = list(dated["end_date"])
    starts = list(dated["start_date"])
    for end, following in zip(ends[:-1], starts[1:], strict=True):
        if isinstance(end, str):
            assert end < following, "terms of special representatives overlap"
    assert set(eusr["name"]) >= {"Pierre Morel", "Peter Burian", "Terhi Hakala", "Eduards Stiprais"}


COUNCIL_ACT = re.compile(
    r"(Joint Action|Decision) \(?CFSP\)? ?[0-9]{4}/[0-9]+|Decision [0-9]{4}/[0-9]+/CFSP"
)


def eusr_office_problems(eusr) -> list[str]:
    """Why rows of the Special Representatives table misstate an office (empty when none do).

    A special_representative row must name the Council act (Joint Action or Decision (CFSP)) or
    rest on a Council source; an other_envoy row must say in its note that it was not a
    Council-appointed EUSR, so that no reader takes an envoy for a Special Representative.

    >>> import pandas as pd
    >>> eusr_office_problems(pd.DataFrame([{"eusr_id": "x", "office": "other_envoy",
    ...     "source_id": "s", "note": "An envoy."}]))
    ['x: an other_envoy row must say it was not a Council-appointed EUSR']
    """
    problems = []
    for _, row in eusr.iterrows():
        note = row["note"] if isinstance(row["note"], str) else ""
        if row["office"] == "special_representative":
            if not (COUNCIL_ACT.search(note) or str(row["source_id"]).startswith("council_")):
                problems.append(
                    f"{row['eusr_id']}: no Council act named for a special_representative"
                )
        elif "not a council-appointed eusr" not in note.lower():
            problems.append(
                f"{row['eusr_id']}: an other_envoy row must say it was not a Council-appointed EUSR"
            )
    return problems


def test_special_representatives_are_council_appointed_or_marked(tables: dict) -> None:
    eusr = tables["eu_special_representatives"]
    assert not eusr_office_problems(eusr)
    assert eusr.set_index("eusr_id").loc["herman", "office"] == "other_envoy"
    assert eusr.sort_values("start_date").iloc[0]["name"] == "Ján Kubiš", (
        "the first holder (2005) is missing"
    )
    checks = tables["record_checks"]
    checked = set(checks.loc[checks["table"] == "eu_special_representatives", "row_key"])
    assert checked == set(eusr["eusr_id"]), "every Special Representative row is checked"


def test_eusr_office_rule_catches_an_envoy_listed_as_representative(tables: dict) -> None:
    broken = tables["eu_special_representatives"].copy()
    herman = broken["eusr_id"] == "herman"
    broken.loc[herman, "office"] = "special_representative"
    broken.loc[herman, "source_id"] = "gazeta_2015_burian"
    broken.loc[herman, "note"] = "Named only as the EUSR preceding Peter Burian."
    assert eusr_office_problems(broken) == [
        "herman: no Council act named for a special_representative"
    ]
    broken.loc[herman, "office"] = "other_envoy"
    assert len(eusr_office_problems(broken)) == 1


def test_partnerships_are_with_central_asia(tables: dict) -> None:
    countries = tables["countries"].set_index("country_code")
    for code in tables["resource_partnerships"]["country_code"]:
        assert code == "CA" or countries.loc[code, "group"] == "central_asia", code


def test_ratification_steps_are_in_order(tables: dict) -> None:
    steps = tables["agreement_ratification"].set_index(["agreement_id", "step"])["date"]
    milestones = tables["agreement_milestones"].set_index(["agreement_id", "milestone"])["date"]
    assert (
        steps["kaz_epca", "council_negotiating_mandate"]
        < milestones["kaz_epca", "negotiations_launched"]
        < milestones["kaz_epca", "initialled"]
        < steps["kaz_epca", "council_decision_signature"]
        < milestones["kaz_epca", "signed"]
        < steps["kaz_epca", "provisionally_applied"]
        < steps["kaz_epca", "parliament_consent"]
        < steps["kaz_epca", "council_decision_conclusion"]
        < milestones["kaz_epca", "in_force"]
    )
    assert (
        steps["uzb_epca", "council_negotiating_mandate"]
        < milestones["uzb_epca", "negotiations_launched"]
    )
    assert (
        steps["kgz_epca", "council_negotiating_mandate"]
        < milestones["kgz_epca", "negotiations_launched"]
    )
    agreements = tables["agreements"].set_index("agreement_id")["agreement_type"]
    assert set(agreements[steps.index.get_level_values(0)]) == {"EPCA"}


# --- the verification ----------------------------------------------------------------------------


def test_every_checked_row_exists(tables: dict) -> None:
    for table, group in tables["record_checks"].groupby("table"):
        keys = {key_of(table, row) for _, row in tables[table].iterrows()}
        missing = set(group["row_key"]) - keys
        assert not missing, f"record_checks names rows not in {table}: {sorted(missing)}"


def test_every_milestone_and_official_event_was_checked(tables: dict) -> None:
    checks = tables["record_checks"]
    checked = set(zip(checks["table"], checks["row_key"], strict=True))
    for _, row in tables["agreement_milestones"].iterrows():
        assert ("agreement_milestones", key_of("agreement_milestones", row)) in checked
    timeline = tables["timeline"]
    for event in timeline.loc[timeline["kind"].isin(CHECKED_KINDS), "event_id"]:
        assert ("timeline", event) in checked, f"{event} was not checked"


FULLY_CHECKED = ["timeline", "agreement_milestones", "funding", "eu_special_representatives"]


def unchecked_rows(tables: dict, names: list[str]) -> list[str]:
    """Rows of the named tables that have no record_checks row, as 'table:row_key'."""
    checks = tables["record_checks"]
    checked = set(zip(checks["table"], checks["row_key"], strict=True))
    return [
        f"{name}:{key_of(name, row)}"
        for name in names
        for _, row in tables[name].iterrows()
        if (name, key_of(name, row)) not in checked
    ]


def test_every_row_of_the_fully_checked_tables_was_checked(tables: dict) -> None:
    assert unchecked_rows(tables, FULLY_CHECKED) == []


def test_an_unchecked_row_is_reported(tables: dict) -> None:
    checks = tables["record_checks"]
    dropped = checks[
        ~((checks["table"] == "funding") & (checks["row_key"] == "tei_digital_connectivity"))
    ]
    assert unchecked_rows({**tables, "record_checks": dropped}, FULLY_CHECKED) == [
        "funding:tei_digital_connectivity"
    ]


def test_checks_are_dated_and_explained(tables: dict) -> None:
    checks = tables["record_checks"]
    # The verification of edition 0.2.0 is dated 2026-12-01; rows checked later carry the day
    # of their own check, never an earlier one and always to the day.
    assert "2026-12-01" in set(checks["checked_on"])
    for day in checks["checked_on"]:
        assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", day) and day >= "2026-12-01", day
    assert checks["note"].notna().all()
    assert set(checks["result"]) == {
        "confirmed",
        "corrected",
        "moved_to_official_source",
        "no_official_source_found",
    }


@pytest.mark.parametrize("day", ["2026-11-30", "2026-12"])
def test_check_dates_before_the_verification_or_not_to_the_day_fail(tables: dict, day: str) -> None:
    """The date rule above rejects a check dated before 2026-12-01 or only to the month."""
    checks = tables["record_checks"].copy()
    checks.loc[checks.index[-1], "checked_on"] = day
    with pytest.raises(AssertionError):
        test_checks_are_dated_and_explained({**tables, "record_checks": checks})


def test_moved_rows_say_so_and_cite_the_source_checked(tables: dict) -> None:
    checks = tables["record_checks"]
    for _, check in checks[checks["result"] == "moved_to_official_source"].iterrows():
        frame = tables[check["table"]]
        row = next(r for _, r in frame.iterrows() if key_of(check["table"], r) == check["row_key"])
        assert row["source_id"] == check["checked_against"], check["row_key"]
        assert re.search(
            r"Moved from .+ to the official .+ (in edition 0\.2\.0|on 2026-12-07)", row["note"]
        ), f"{check['row_key']}: the note must say where the row moved from"


# --- the three corrections -----------------------------------------------------------------------


def test_uzbek_epca_launch_is_november_2018(tables: dict) -> None:
    milestones = tables["agreement_milestones"].set_index(["agreement_id", "milestone"])
    assert milestones.loc[("uzb_epca", "negotiations_launched"), "date"] == "2018-11-23"
    assert not milestones.loc[("uzb_epca", "negotiations_launched"), "date"].startswith("2019-02")
    timeline = tables["timeline"].set_index("event_id")
    assert "2019-02-uzb-epca-negotiations-launched" not in timeline.index
    assert timeline.loc["2018-11-23-uzb-epca-negotiations-launched", "date"].startswith("2018-11")
    assert "begun in 2019" not in timeline.loc["2022-07-06-uzb-epca-initialled", "summary"]
    assert not tables["timeline"]["summary"].str.contains("begun in 2019").any()


def test_turkmenistan_delegation_decision_and_agreement(tables: dict) -> None:
    timeline = tables["timeline"].set_index("event_id")
    assert "2019-07-eu-delegation-turkmenistan" not in timeline.index
    decision = timeline.loc["2018-11-23-eu-delegation-turkmenistan-decision"]
    assert decision["date"] == "2018-11-23" and "decision" in decision["title"].lower()
    agreement = timeline.loc["2019-07-06-eu-delegation-turkmenistan-agreement"]
    assert agreement["date"] == "2019-07-06" and "agreement" in agreement["title"].lower()
    assert agreement["place"] == "Ashgabat"


def test_corrections_are_recorded(tables: dict) -> None:
    checks = tables["record_checks"].set_index(["table", "row_key"])["result"]
    assert checks["timeline", "2018-11-23-uzb-epca-negotiations-launched"] == "corrected"
    assert checks["agreement_milestones", "uzb_epca/negotiations_launched"] == "corrected"
    assert checks["timeline", "2018-11-23-eu-delegation-turkmenistan-decision"] == "corrected"
    assert checks["timeline", "2019-07-06-eu-delegation-turkmenistan-agreement"] == "corrected"


def test_rows_named_by_the_check_rest_on_official_sources_or_say_why_not(tables: dict) -> None:
    """The rows the independent check found weak: moved, or a note explaining why not."""
    checks = tables["record_checks"].set_index(["table", "row_key"])
    named = [
        ("timeline", "2022-07-06-uzb-epca-initialled"),
        ("timeline", "2022-11-18-connectivity-conference-samarkand"),
        ("timeline", "2022-11-07-eu-kaz-raw-materials"),
        ("timeline", "2021-04-10-uzb-gsp-plus"),
        ("funding", "dci_ca_regional_2014_2020"),
        ("timeline", "2019-07-06-kgz-epca-initialled"),
        ("timeline", "2019-07-07-ministerial-bishkek"),
        ("timeline", "2020-10-27-civil-society-forum"),
        ("agreement_milestones", "kgz_pca/in_force"),
        ("funding", "gg_summit_package_2025_transport"),
        ("funding", "gg_summit_package_2025_crm"),
        ("funding", "gg_summit_package_2025_wec"),
    ]
    for key in named:
        result = checks.loc[key, "result"]
        assert result in {"moved_to_official_source", "no_official_source_found"}, key
        if result == "no_official_source_found":
            table, row_key = key
            row = next(r for _, r in tables[table].iterrows() if key_of(table, r) == row_key)
            assert "No official" in row["note"] or "no official" in row["note"], key


def test_background_events_of_the_2019_text_are_in_the_timeline(tables: dict) -> None:
    """Every dated event the Joint Communication cites as background (its footnotes included)."""
    events = set(tables["timeline"]["event_id"])
    for event in [
        "2007-06-eu-central-asia-strategy",
        "2015-09-25-agenda-2030",
        "2015-12-12-paris-agreement",
        "2016-06-28-eu-global-strategy",
        "2016-06-08-join-2016-29-cultural-relations",
        "2017-06-30-european-consensus-on-development",
        "2017-10-16-council-conclusions-afghanistan",
        "2018-03-15-central-asian-leaders-astana",
        "2018-08-12-caspian-sea-convention",
        "2018-10-15-council-conclusions-connecting-europe-asia",
        "2018-11-19-council-conclusions-water-diplomacy",
        "1992-03-17-unece-water-convention",
    ]:
        assert event in events, event
