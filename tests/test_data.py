"""The data package: complete against the source text, internally consistent, fully sourced."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pybtex.database
import pytest

from eucasia.data import DATA_DIR, load_tables, read_descriptor

ROOT = Path(__file__).resolve().parent.parent
STRATEGY_TEXT = ROOT.parent / "shared" / "sources" / "002_f240c291dd8c89d1.txt"
BULLET = "\uf0d8"
LIST_INTRO = "Särskilda initiativ på detta område bör omfatta följande"
SECTION_HEADING = re.compile(r"^\s*([1-3]\.[1-4])\.\s{2}\S", re.MULTILINE)


@pytest.fixture(scope="module")
def tables() -> dict:
    return load_tables()


def bullets_per_section(text: str) -> dict[str, int]:
    """Count the items of each section's list of specific initiatives in the source text.

    A section runs from its numbered heading to the next; its list starts at the sentence that
    introduces the specific initiatives. Bullets elsewhere (the three priorities listed in the
    introduction) are not counted.
    """
    headings = [(m.start(), m.group(1)) for m in SECTION_HEADING.finditer(text)]
    counts = {}
    for (start, section), (end, _) in zip(headings, [*headings[1:], (len(text), "")], strict=True):
        body = text[start:end]
        intro = body.find(LIST_INTRO)
        assert intro != -1, f"section {section} has no list of specific initiatives in the source"
        counts[section] = body[intro:].count(BULLET)
    return counts


def test_source_text_is_there() -> None:
    assert STRATEGY_TEXT.is_file(), (
        f"the strategy text is missing at {STRATEGY_TEXT} (shared/ must sit beside the repository)"
    )


def test_every_specific_initiative_is_coded(tables: dict) -> None:
    expected = bullets_per_section(STRATEGY_TEXT.read_text(encoding="utf-8"))
    assert len(expected) == 10, f"expected sections 1.1–3.3 in the source, found {sorted(expected)}"
    initiatives = tables["initiatives"]
    coded = (
        initiatives[initiatives["kind"] == "specific_initiative"]
        .groupby("area_id")
        .size()
        .to_dict()
    )
    assert coded == expected


def test_ordinals_follow_the_source_order(tables: dict) -> None:
    initiatives = tables["initiatives"]
    for (area, kind), group in initiatives.groupby(["area_id", "kind"]):
        assert sorted(group["ordinal"]) == list(range(1, len(group) + 1)), (area, kind)
        for ident, ordinal in zip(group["initiative_id"], group["ordinal"], strict=True):
            assert ident.endswith(f"-{ordinal:02d}") and ident.startswith(f"{area}-"), ident


def test_counting_detects_a_missing_bullet() -> None:
    text = STRATEGY_TEXT.read_text(encoding="utf-8")
    first = text.index(BULLET, text.index(LIST_INTRO))
    fewer = bullets_per_section(text[:first] + text[first + 1 :])
    assert fewer["1.1"] == bullets_per_section(text)["1.1"] - 1


def test_all_sections_and_strands(tables: dict) -> None:
    assert list(tables["areas"]["area_id"]) == [
        "0",
        "1.1",
        "1.2",
        "1.3",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "3.1",
        "3.2",
        "3.3",
    ]
    assert set(tables["strands"]["strand_id"]) == {
        "regional",
        "resilience",
        "prosperity",
        "together",
    }


def test_every_initiative_has_an_actor(tables: dict) -> None:
    linked = set(tables["initiative_actors"]["initiative_id"])
    missing = sorted(set(tables["initiatives"]["initiative_id"]) - linked)
    assert not missing, f"initiatives without any actor: {missing}"


def test_implied_links_say_why(tables: dict) -> None:
    links = tables["initiative_actors"]
    implied = links[links["basis"] == "implied"]
    assert implied["note"].notna().all(), implied.loc[
        implied["note"].isna(), ["initiative_id", "actor_id"]
    ]


def test_the_five_states_are_actors(tables: dict) -> None:
    states = tables["actors"][tables["actors"]["actor_type"] == "central_asian_state"]
    assert set(states["country_code"]) == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}


def test_every_source_is_in_the_bibliography(tables: dict) -> None:
    bib = pybtex.database.parse_file(str(ROOT / "book" / "references.bib"))
    sources = set(tables["sources"]["source_id"])
    assert sources - set(bib.entries) == set(), "sources without a bibliography entry"
    assert set(bib.entries) - sources == set(), "bibliography entries that are not sources"


def test_every_fact_table_names_its_sources(tables: dict) -> None:
    descriptor = read_descriptor()
    factual = [
        r["name"]
        for r in descriptor["resources"]
        if any(f["name"] == "source_id" for f in r["schema"]["fields"])
    ]
    assert len(factual) >= 14
    for name in factual:
        field = next(f for f in read_descriptor()["resources"] if f["name"] == name)["schema"][
            "fields"
        ]
        source = next(f for f in field if f["name"] == "source_id")
        assert source.get("constraints", {}).get("required"), f"{name}.source_id must be required"
        assert tables[name]["source_id"].notna().all(), name


def test_local_sources_exist(tables: dict) -> None:
    for local in tables["sources"]["local_file"].dropna():
        assert (STRATEGY_TEXT.parent / local).is_file(), local


def test_crosswalk_covers_every_section(tables: dict) -> None:
    assert set(tables["crosswalk"]["area_id"]) == set(tables["areas"]["area_id"])
    none = tables["crosswalk"][tables["crosswalk"]["relation"] == "none"]
    assert none["roadmap_area_id"].isna().all()


def test_descriptor_is_generated_from_its_source() -> None:
    spec = importlib.util.spec_from_file_location(
        "datapackage_src", ROOT / "tools" / "datapackage_src.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (
        json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8")) == module.build()
    ), (
        "data/datapackage.json differs from tools/datapackage_src.py, its one source: edit the "
        "source, never the JSON, and run python tools/datapackage_src.py"
    )


def test_files_are_clean_utf8_csv() -> None:
    for resource in read_descriptor()["resources"]:
        raw = (DATA_DIR / resource["path"]).read_bytes()
        assert b"\r\n" not in raw, f"{resource['path']} has Windows line endings"
        assert raw.endswith(b"\n"), f"{resource['path']} does not end with a newline"


def test_frictionless_agrees_the_package_is_valid() -> None:
    """An independent validator reads the same descriptor and data."""
    from frictionless import Package

    report = Package(str(DATA_DIR / "datapackage.json")).validate()
    errors = [f"{task.name}: {e.message}" for task in report.tasks for e in task.errors]
    assert report.valid, "\n".join(errors[:20])
