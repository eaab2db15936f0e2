"""Everything the data say about one actor, gathered for its page.

Who it is (the ``actors`` row), every initiative and commitment it takes part in with its role
(``initiative_actors``), its place in each strand's network with the robustness of its rank
(the same :func:`~eucasia.analysis.network.strand_analysis` the strand chapters run, with their
seed, so a page and a chapter cannot disagree), the instruments tied to its initiatives
(``initiative_instruments``) and what the implementation tracker found it delivering
(``implementation_evidence_actors``), and the paragraphs of the 2025 summit declaration that
name it (``declaration_actors``). Pure functions of the loaded tables; the pages format it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from eucasia.analysis.corpus import Corpus
from eucasia.analysis.network import StrandResult, strand_analysis
from eucasia.data import field_values
from eucasia.data.vocabulary import STRANDS

#: The seed every strand chapter passes to ``strand_analysis`` (Louvain communities and the
#: bootstrap depend on it; ``tests/test_actor_profiles.py`` checks the chapters use this one).
SEED = 2019
#: The tables an actor's profile reads.
TABLES = (
    "actors",
    "countries",
    "initiatives",
    "areas",
    "initiative_actors",
    "initiative_instruments",
    "instruments",
    "implementation_status",
    "implementation_evidence",
    "implementation_evidence_actors",
    "declaration_paragraphs",
    "declaration_actors",
)


@dataclass(frozen=True)
class StrandPosition:
    """An actor's place in one strand's actor network and how firm its strength rank is.

    ``loo_range`` is the min–max rank when one initiative at a time is left out;
    ``boot_interval`` the 95 % bootstrap rank interval; ``share_top_k`` the share of bootstrap
    runs in which the actor ranks in the top ``top_k``.
    """

    strand: str
    initiatives: int
    partners: int
    strength: float
    rank: int
    network_size: int
    community: int
    community_size: int
    loo_range: tuple[int, int]
    boot_interval: tuple[int, int]
    share_top_k: float
    top_k: int


@dataclass(frozen=True, eq=False)
class ActorProfile:
    """One actor: its row of ``actors``, its initiatives, network positions, instruments and evidence.

    ``initiatives``: one row per ``initiative_actors`` row of the actor (initiative_id, area_id,
    strand_id, kind, role, basis, summary, status; status is missing where the tracker codes
    none). ``instruments``: instrument_id, name, kind, initiatives (the actor's initiatives it
    is tied to, a tuple of ids). ``evidence``: one row per evidence row naming the actor
    (evidence_id, initiative_id, status, date, event, source_id, source_kind).
    ``declaration``: one row per paragraph of the 2025 declaration naming the actor
    (paragraph_id, number, theme, kind, role, basis), in paragraph order.
    """

    actor_id: str
    name: str
    actor_type: str
    scope: str
    country: str | None
    note: str | None
    initiatives: pd.DataFrame
    positions: tuple[StrandPosition, ...]
    instruments: pd.DataFrame
    evidence: pd.DataFrame
    declaration: pd.DataFrame

    def position(self, strand: str) -> StrandPosition | None:
        """The actor's position in ``strand``'s network, or None when it is not in it."""
        return next((p for p in self.positions if p.strand == strand), None)


def _text(value: object) -> str | None:
    return None if value is None or value is pd.NA or pd.isna(value) else str(value)


def _status(tables: Mapping[str, pd.DataFrame]) -> pd.Series:
    return tables["implementation_status"].set_index("initiative_id")["status"]


def all_initiatives(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Every ``initiative_actors`` row with its item, section, strand and status, in section and
    source order (the rows of :func:`initiatives_of`, with ``actor_id``)."""
    links = tables["initiative_actors"][["actor_id", "initiative_id", "role", "basis"]]
    rows = links.merge(
        tables["initiatives"][["initiative_id", "area_id", "kind", "ordinal", "summary"]],
        on="initiative_id",
        how="left",
    ).merge(tables["areas"][["area_id", "strand_id"]], on="area_id", how="left")
    rows["status"] = rows["initiative_id"].map(_status(tables)).astype("string")
    rows = rows.sort_values(
        ["area_id", "kind", "ordinal", "actor_id"], ascending=[True, False, True, True]
    )
    columns = ["initiative_id", "area_id", "strand_id", "kind", "role", "basis", "summary"]
    return rows[["actor_id", *columns, "status"]].reset_index(drop=True)


def all_instruments(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Per actor and instrument: the actor's items the text ties the instrument to (a tuple of
    ids), most items first (the rows of :func:`instruments_of`, with ``actor_id``)."""
    pairs = tables["initiative_actors"][["actor_id", "initiative_id"]].merge(
        tables["initiative_instruments"][["initiative_id", "instrument_id"]], on="initiative_id"
    )
    grouped = (
        pairs.groupby(["actor_id", "instrument_id"])["initiative_id"]
        .agg(lambda s: tuple(sorted(set(s))))
        .rename("initiatives")
        .reset_index()
    )
    table = grouped.merge(tables["instruments"][["instrument_id", "name", "kind"]])
    table = table.assign(count=table["initiatives"].map(len))
    table = table.sort_values(
        ["actor_id", "count", "name", "instrument_id"], ascending=[True, False, True, True]
    )
    return table[["actor_id", "instrument_id", "name", "kind", "initiatives"]].reset_index(
        drop=True
    )


def all_evidence(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Every (evidence, actor named) pair with the evidence row and its initiative's status, by
    initiative and date (the rows of :func:`evidence_of`, with ``actor_id``)."""
    rows = tables["implementation_evidence_actors"][["evidence_id", "actor_id"]].merge(
        tables["implementation_evidence"], on="evidence_id"
    )
    rows["status"] = rows["initiative_id"].map(_status(tables)).astype("string")
    rows = rows.sort_values(["initiative_id", "date", "evidence_id", "actor_id"])
    columns = ["evidence_id", "initiative_id", "status", "date", "event", "source_id"]
    return rows[["actor_id", *columns, "source_kind"]].reset_index(drop=True)


def all_declaration(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Every (paragraph of the 2025 declaration, actor) link with the paragraph's number, theme
    and kind, in paragraph order."""
    rows = tables["declaration_actors"][["paragraph_id", "actor_id", "role", "basis"]].merge(
        tables["declaration_paragraphs"][["paragraph_id", "number", "theme", "kind"]],
        on="paragraph_id",
    )
    rows = rows.sort_values(["number", "actor_id"])
    columns = ["paragraph_id", "number", "theme", "kind", "role", "basis"]
    return rows[["actor_id", *columns]].reset_index(drop=True)


def _of(frame: pd.DataFrame, actor_id: str) -> pd.DataFrame:
    return frame[frame["actor_id"] == actor_id].drop(columns="actor_id").reset_index(drop=True)


def initiatives_of(tables: Mapping[str, pd.DataFrame], actor_id: str) -> pd.DataFrame:
    """The actor's initiatives and commitments with its role, in section and source order."""
    return _of(all_initiatives(tables), actor_id)


def instruments_of(tables: Mapping[str, pd.DataFrame], actor_id: str) -> pd.DataFrame:
    """Instruments the text ties to the actor's initiatives, most initiatives first."""
    return _of(all_instruments(tables), actor_id)


def evidence_of(tables: Mapping[str, pd.DataFrame], actor_id: str) -> pd.DataFrame:
    """Every piece of implementation evidence naming the actor, by initiative and date."""
    return _of(all_evidence(tables), actor_id)


def strand_positions(result: StrandResult) -> dict[str, StrandPosition]:
    """Every actor's position in one analysed strand, by actor id."""
    metrics = result.metrics.set_index("node")
    loo = result.robustness["leave_one_out"].table.set_index("node")
    boot = result.robustness["bootstrap"]
    boot_table = boot.table.set_index("node")
    sizes = metrics["community"].value_counts()
    positions = {}
    for node, row in metrics.iterrows():
        positions[str(node)] = StrandPosition(
            strand=str(result.strand),
            initiatives=int(result.bipartite.degree(node)),
            partners=int(row["degree"]),
            strength=float(row["strength"]),
            rank=int(row["rank_strength"]),
            network_size=len(metrics),
            community=int(row["community"]),
            community_size=int(sizes[row["community"]]),
            loo_range=(int(loo.at[node, "rank_lo"]), int(loo.at[node, "rank_hi"])),
            boot_interval=(
                int(boot_table.at[node, "rank_lo"]),
                int(boot_table.at[node, "rank_hi"]),
            ),
            share_top_k=float(boot_table.at[node, "share_top_k"]),
            top_k=int(boot.summary["top_k"]),
        )
    return positions


def strand_results(
    tables: Mapping[str, pd.DataFrame], strands: Sequence[str] = STRANDS, seed: int = SEED
) -> dict[str, StrandResult]:
    """Each strand's analysis as its chapter runs it (same seed, robustness included)."""
    corpus = Corpus.from_tables(tables)
    return {s: strand_analysis(corpus, s, seed=seed) for s in strands}


def _split(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """A frame's rows by actor, without the ``actor_id`` column, keeping their order."""
    return {
        str(actor): rows.drop(columns="actor_id").reset_index(drop=True)
        for actor, rows in frame.groupby("actor_id", sort=False)
    }


def actor_profiles(
    tables: Mapping[str, pd.DataFrame],
    results: Mapping[str, StrandResult],
    actor_ids: Sequence[str] | None = None,
) -> tuple[ActorProfile, ...]:
    """The profiles of ``actor_ids`` (default: every actor, in the order of ``actors``)."""
    actors = tables["actors"]
    if actor_ids is not None:
        unknown = sorted(set(actor_ids) - set(actors["actor_id"]))
        if unknown:
            raise KeyError(f"no actor {', '.join(map(repr, unknown))} in the actors table")
        actors = actors.set_index("actor_id").loc[list(actor_ids)].reset_index()
    countries = tables["countries"].set_index("country_code")["name"]
    frames = (
        all_initiatives(tables),
        all_instruments(tables),
        all_evidence(tables),
        all_declaration(tables),
    )
    parts = [(_split(frame), frame.drop(columns="actor_id").iloc[0:0]) for frame in frames]
    positions = [strand_positions(r) for r in results.values()]
    profiles = []
    for row in actors.itertuples(index=False):
        actor_id = str(row.actor_id)
        initiatives, instruments, evidence, declaration = (
            split.get(actor_id, empty) for split, empty in parts
        )
        code = _text(row.country_code)
        profiles.append(
            ActorProfile(
                actor_id=actor_id,
                name=str(row.name),
                actor_type=str(row.actor_type),
                scope=str(row.scope),
                country=None if code is None else str(countries.get(code, code)),
                note=_text(row.note),
                initiatives=initiatives,
                positions=tuple(p[actor_id] for p in positions if actor_id in p),
                instruments=instruments,
                evidence=evidence,
                declaration=declaration,
            )
        )
    return tuple(profiles)


def actor_profile(
    tables: Mapping[str, pd.DataFrame], results: Mapping[str, StrandResult], actor_id: str
) -> ActorProfile:
    """The profile of one actor of the ``actors`` table."""
    return actor_profiles(tables, results, [actor_id])[0]


def by_type(profiles: Sequence[ActorProfile]) -> list[tuple[str, list[ActorProfile]]]:
    """Profiles grouped by actor type in the descriptor's order, each group by name; no empty group."""
    order = list(field_values("actors", "actor_type"))
    rank = {t: i for i, t in enumerate(order)}
    groups: dict[str, list[ActorProfile]] = {}
    for p in sorted(profiles, key=lambda p: (rank.get(p.actor_type, len(order)), p.actor_type)):
        groups.setdefault(p.actor_type, []).append(p)
    return [
        (t, sorted(members, key=lambda p: (p.name.casefold(), p.actor_id)))
        for t, members in groups.items()
    ]
