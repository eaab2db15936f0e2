"""An actor's profile is the data: counts from the link tables, positions from the chapters' analysis."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from eucasia.analysis.actor_profiles import (
    SEED,
    TABLES,
    actor_profile,
    actor_profiles,
    by_type,
    strand_results,
)
from eucasia.data import field_values, load_tables
from eucasia.data.vocabulary import STRANDS
from eucasia.presentation.tables.network_tables import actor_table, stability_table

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return load_tables([*TABLES, "strands"])


@pytest.fixture(scope="module")
def results(tables):
    return strand_results(tables)


@pytest.fixture(scope="module")
def profiles(tables, results):
    return {p.actor_id: p for p in actor_profiles(tables, results)}


def test_every_actor_has_one_profile_in_table_order(tables, profiles) -> None:
    assert list(profiles) == list(tables["actors"]["actor_id"])


def test_items_are_the_actors_rows_of_initiative_actors(tables, profiles) -> None:
    links = tables["initiative_actors"]
    for actor_id, profile in profiles.items():
        mine = links[links["actor_id"] == actor_id]
        assert len(profile.initiatives) == len(mine), actor_id
        shown = set(
            zip(profile.initiatives["initiative_id"], profile.initiatives["role"], strict=True)
        )
        assert shown == set(zip(mine["initiative_id"], mine["role"], strict=True)), actor_id
    assert sum(len(p.initiatives) for p in profiles.values()) == len(links)


def test_items_carry_their_strand_and_status(tables, profiles) -> None:
    status = tables["implementation_status"].set_index("initiative_id")["status"]
    rows = profiles["osce"].initiatives
    assert rows["initiative_id"].is_unique
    for row in rows.itertuples():
        area = row.initiative_id.split("-")[0]
        strand = tables["areas"].set_index("area_id").at[area, "strand_id"]
        assert row.strand_id == strand
        assert (pd.isna(row.status) and row.initiative_id not in status) or row.status == status[
            row.initiative_id
        ]


def test_evidence_is_the_actors_rows_of_implementation_evidence_actors(tables, profiles) -> None:
    named = tables["implementation_evidence_actors"]
    for actor_id, profile in profiles.items():
        mine = set(named.loc[named["actor_id"] == actor_id, "evidence_id"])
        assert set(profile.evidence["evidence_id"]) == mine, actor_id
        assert len(profile.evidence) == len(mine)
    assert sum(len(p.evidence) for p in profiles.values()) == len(named)


def test_instruments_are_those_of_the_actors_items(tables, profiles) -> None:
    links = tables["initiative_instruments"]
    for actor_id, profile in profiles.items():
        items = set(profile.initiatives["initiative_id"])
        expected: dict[str, set[str]] = {}
        for row in links[links["initiative_id"].isin(items)].itertuples():
            expected.setdefault(row.instrument_id, set()).add(row.initiative_id)
        shown = {
            r.instrument_id: set(r.initiatives) for r in profile.instruments.itertuples(index=False)
        }
        assert shown == expected, actor_id
        counts = [len(i) for i in profile.instruments["initiatives"]]
        assert counts == sorted(counts, reverse=True), actor_id


def test_positions_are_the_chapters_numbers(tables, results, profiles) -> None:
    names = tables["actors"].set_index("name")["actor_id"]
    for strand, result in results.items():
        chapter = actor_table(result, tables)
        for row in chapter.itertuples(index=False):
            position = profiles[names[row.actor]].position(strand)
            assert position is not None
            assert (position.initiatives, position.partners) == (
                row.initiatives,
                row._3,  # partners (degree)
            )
            assert (position.strength, position.community) == (row.strength, row.community)
        robustness = stability_table(result)
        for row in robustness.itertuples(index=False):
            position = profiles[names[row.actor]].position(strand)
            assert position.rank == row.rank
            assert "{}–{}".format(*position.loo_range) == row._2
            assert "{}–{}".format(*position.boot_interval) == row._4
        nodes = set(result.metrics["node"])
        assert {a for a, p in profiles.items() if p.position(strand)} == nodes


def test_actors_in_no_item_are_in_no_network(profiles) -> None:
    idle = [p for p in profiles.values() if p.initiatives.empty]
    assert idle, "the data name actors linked to no initiative"
    assert all(not p.positions and p.instruments.empty for p in idle)


def test_identity_comes_from_the_actors_row(tables, results) -> None:
    row = tables["actors"].set_index("actor_id").loc["afghanistan"]
    profile = actor_profile(tables, results, "afghanistan")
    assert (profile.name, profile.actor_type, profile.scope) == (
        row["name"],
        row["actor_type"],
        row["scope"],
    )
    countries = tables["countries"].set_index("country_code")["name"]
    assert profile.country == countries[row["country_code"]]
    assert profile.note == row["note"]
    with pytest.raises(KeyError, match="no actor 'nobody'"):
        actor_profile(tables, results, "nobody")


def test_groups_by_type_follow_the_descriptor_and_count_the_data(tables, profiles) -> None:
    groups = by_type(list(profiles.values()))
    order = list(field_values("actors", "actor_type"))
    types = [t for t, _ in groups]
    assert types == [t for t in order if t in set(tables["actors"]["actor_type"])]
    counts = tables["actors"]["actor_type"].value_counts()
    assert {t: len(m) for t, m in groups} == {t: int(n) for t, n in counts.items()}
    for _, members in groups:
        names = [m.name.casefold() for m in members]
        assert names == sorted(names)


def test_the_strand_chapters_use_the_profiles_seed() -> None:
    """The pages' communities and bootstrap intervals are the chapters' only with the same seed."""
    for strand in STRANDS:
        text = (ROOT / "notebooks" / f"{strand}.md").read_text(encoding="utf-8")
        assert re.search(rf'STRAND, PREFIX, SEED = "{strand}", "\w+", {SEED}\b', text), strand
