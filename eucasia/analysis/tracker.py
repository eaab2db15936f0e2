"""What became of the strategy: aggregates of the implementation tracker's statuses and evidence.

Statuses are coded by the protocol in Methods (table ``implementation_status``); evidence rows
(``implementation_evidence``) carry dates, sources and, through ``implementation_evidence_actors``,
the actors involved. Everything here counts and compares; the pages format it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from eucasia.data import field_values

#: The closed status vocabulary, in the descriptor's order (most to least delivered).
STATUSES: tuple[str, ...] = tuple(field_values("implementation_status", "status"))
#: Which statuses count as delivered under each reading of the headline share.
#: strict: delivered with at least medium confidence and at least one official source;
#: headline: delivered; lenient: implementation under way in any form.
READINGS = ("strict", "headline", "lenient")
LENIENT = {"delivered", "partly_delivered", "under_way"}
#: The two kinds of coded item the tracker follows, in the order the pages show them: the
#: specific initiatives (bullets of the text's lists) and the commitments of its prose.
KINDS: tuple[str, ...] = tuple(field_values("initiatives", "kind"))


def _status_with_strand(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    status = tables["implementation_status"].merge(
        tables["initiatives"][["initiative_id", "area_id", "kind"]], on="initiative_id", how="left"
    )
    return status.merge(tables["areas"][["area_id", "strand_id"]], on="area_id", how="left")


def of_kind(tables: Mapping[str, pd.DataFrame], kind: str | None) -> dict[str, pd.DataFrame]:
    """The tracker tables restricted to one kind of item (None: all items), for any aggregate.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["implementation_evidence_actors"])
    >>> len(of_kind(tables, "commitment")["implementation_status"]) < len(
    ...     tables["implementation_status"])
    True
    """
    if kind is None:
        return dict(tables)
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose from {KINDS}")
    initiatives = tables["initiatives"]
    ids = set(initiatives.loc[initiatives["kind"] == kind, "initiative_id"])
    out = dict(tables)
    for name in ("implementation_status", "implementation_evidence"):
        out[name] = tables[name][tables[name]["initiative_id"].isin(ids)]
    if "implementation_evidence_actors" in tables:
        kept = set(out["implementation_evidence"]["evidence_id"])
        links = tables["implementation_evidence_actors"]
        out["implementation_evidence_actors"] = links[links["evidence_id"].isin(kept)]
    return out


def kind_counts(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Items per status (columns, vocabulary order) for each kind of item (rows, KINDS order).

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> counts = kind_counts(load_tables(["implementation_status"]))
    >>> list(counts.index), int(counts.to_numpy().sum())
    (['specific_initiative', 'commitment'], 112)
    """
    status = _status_with_strand(tables)
    counts = pd.crosstab(status["kind"], status["status"])
    counts = counts.reindex(index=list(KINDS), columns=list(STATUSES), fill_value=0)
    return counts.astype(int)


def status_counts(tables: Mapping[str, pd.DataFrame], by: str = "strand_id") -> pd.DataFrame:
    """Items per status (columns, vocabulary order) for each strand or section (rows).

    Pass ``of_kind(tables, kind)`` to count one kind of item only.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> counts = status_counts(load_tables(["implementation_status"]))
    >>> list(counts.columns) == list(STATUSES)
    True
    """
    status = _status_with_strand(tables)
    counts = pd.crosstab(status[by], status["status"]).reindex(columns=list(STATUSES), fill_value=0)
    order = (
        [s for s in field_values("strands", "strand_id") if s in counts.index]
        if by == "strand_id"
        else sorted(counts.index)
    )
    return counts.loc[order].astype(int)


def official_evidence(tables: Mapping[str, pd.DataFrame]) -> set[str]:
    """Initiatives with at least one piece of evidence from an official source."""
    evidence = tables["implementation_evidence"]
    return set(evidence.loc[evidence["source_kind"] == "official", "initiative_id"])


def delivered_under(tables: Mapping[str, pd.DataFrame], reading: str) -> set[str]:
    """Initiatives that count as delivered under one reading of the coding (see READINGS)."""
    status = tables["implementation_status"]
    if reading == "headline":
        return set(status.loc[status["status"] == "delivered", "initiative_id"])
    if reading == "lenient":
        return set(status.loc[status["status"].isin(LENIENT), "initiative_id"])
    if reading == "strict":
        firm = status[(status["status"] == "delivered") & (status["confidence"] != "low")]
        return set(firm["initiative_id"]) & official_evidence(tables)
    raise ValueError(f"unknown reading {reading!r}; choose from {READINGS}")


def shares(tables: Mapping[str, pd.DataFrame]) -> dict[str, tuple[int, int]]:
    """(items counted, items coded) for each reading.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> readings = shares(load_tables(["implementation_status"]))
    >>> all(counted <= coded for counted, coded in readings.values())
    True
    """
    total = len(tables["implementation_status"])
    return {reading: (len(delivered_under(tables, reading)), total) for reading in READINGS}


def evidence_by_year(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Evidence rows per year (rows, the index named `year`: every year of the span, none
    skipped) and strand (columns).

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> by_year = evidence_by_year(load_tables(["implementation_evidence"]))
    >>> by_year.index.name, by_year.index.is_monotonic_increasing
    ('year', True)
    """
    evidence = tables["implementation_evidence"].merge(
        _status_with_strand(tables)[["initiative_id", "strand_id"]], on="initiative_id"
    )
    years = evidence["date"].str[:4].astype(int)
    table = pd.crosstab(years, evidence["strand_id"])
    strands = [s for s in field_values("strands", "strand_id") if s in table.columns]
    full = pd.RangeIndex(int(years.min()), int(years.max()) + 1, name="year")
    return table.reindex(index=full, columns=strands, fill_value=0).astype(int)


def delivery_actors(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Per actor: evidence rows and initiatives it is named in, most active first."""
    links = tables["implementation_evidence_actors"].merge(
        tables["implementation_evidence"][["evidence_id", "initiative_id"]], on="evidence_id"
    )
    grouped = links.groupby("actor_id").agg(
        evidence=("evidence_id", "nunique"), initiatives=("initiative_id", "nunique")
    )
    grouped = grouped.reset_index().sort_values(
        ["initiatives", "evidence", "actor_id"], ascending=[False, False, True]
    )
    return grouped.reset_index(drop=True)


def centrality_against_delivery(
    tables: Mapping[str, pd.DataFrame], metrics_2019: pd.DataFrame
) -> pd.DataFrame:
    """Actors central in the 2019 text (strength rank) beside the initiatives they delivered on.

    ``metrics_2019`` is the strategy-wide actor metrics (``strand_analysis(corpus).metrics``).
    Every actor of either side is kept: central actors absent from the evidence show 0.

    Examples
    --------
    >>> from eucasia.analysis.corpus import Corpus
    >>> from eucasia.analysis.network import strand_analysis
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["initiative_actors", "implementation_evidence_actors"])
    >>> metrics = strand_analysis(Corpus.from_tables(tables), robustness=False).metrics
    >>> list(centrality_against_delivery(tables, metrics).columns[:4])
    ['actor_id', 'label', 'strength', 'rank_strength']
    """
    delivery = delivery_actors(tables).set_index("actor_id")
    ranked = metrics_2019.set_index("node")[["label", "strength", "rank_strength"]]
    joined = ranked.join(delivery, how="outer")
    joined[["evidence", "initiatives"]] = joined[["evidence", "initiatives"]].fillna(0).astype(int)
    names = tables["actors"].set_index("actor_id")["name"]
    joined["label"] = joined["label"].fillna(pd.Series(names)).astype("string")
    joined.index.name = "actor_id"
    return joined.reset_index().sort_values(["rank_strength", "actor_id"], na_position="last")


def instruments_of_delivery(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Instruments and programmes named in the evidence, with the initiatives each carried.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> list(instruments_of_delivery(load_tables(["implementation_evidence"])).columns)
    ['vehicle', 'initiatives', 'evidence']
    """
    evidence = tables["implementation_evidence"]
    names = tables["instruments"].set_index("instrument_id")["name"]
    vehicle = evidence["instrument_id"].map(names).fillna(evidence["programme"])
    carried = (
        evidence.assign(vehicle=vehicle)
        .dropna(subset=["vehicle"])
        .groupby("vehicle")
        .agg(initiatives=("initiative_id", "nunique"), evidence=("evidence_id", "nunique"))
    )
    carried = carried.reset_index().sort_values(
        ["initiatives", "evidence", "vehicle"], ascending=[False, False, True]
    )
    return carried.reset_index(drop=True)


def second_coding(tables: Mapping[str, pd.DataFrame], round_: str) -> pd.DataFrame:
    """One round of the second coding beside the first coder's and the final status.

    Columns: initiative_id, kind, first (the status the item had when the round was coded:
    the first coding, after earlier rounds' resolutions and re-codings), second (the second
    coder's), final (the status in the data, after any resolution); one row per sampled item,
    in id order.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> rows = second_coding(load_tables(["second_coding"]), "0.2.0")
    >>> list(rows.columns)
    ['initiative_id', 'kind', 'first', 'second', 'final']
    """
    sample = tables["second_coding"]
    sample = sample[sample["round"] == round_].sort_values("initiative_id")
    status = tables["implementation_status"].set_index("initiative_id")
    kinds = tables["initiatives"].set_index("initiative_id")["kind"]
    ids = list(sample["initiative_id"])
    return pd.DataFrame(
        {
            "initiative_id": ids,
            "kind": [kinds[i] for i in ids],
            "first": list(sample["compared_status"]),
            "second": list(sample["status"]),
            "final": [status.loc[i, "status"] for i in ids],
        }
    )


#: How a status note announces a re-coding under the protocol's clarifications (issue 25):
#: a status moved ("Re-coded 2026-12-07 under clarification C2: a → b") or a confidence moved
#: ("clarification C3: medium → high"). tests/test_tracker.py holds the notes to the record in
#: research/tracker/clarifications-reapplied.csv, so these counts are the record's.
RECODED_STATUS = re.compile(r"Re-coded 2026-12-07 under clarification C[123]: (\w+) → (\w+)")
RECODED_CONFIDENCE = re.compile(
    r"clarification C[123]\b[^.]*?\b(high|medium|low) → (high|medium|low)\b"
)


def clarification_changes(tables: Mapping[str, pd.DataFrame]) -> dict[str, list[str]]:
    """Items whose status, and items whose confidence, the re-applied clarifications changed.

    Read from the status notes, which announce every such change (see RECODED_STATUS).

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> changes = clarification_changes(load_tables(["implementation_status"]))
    >>> sorted(changes)
    ['confidence', 'status']
    """
    notes = tables["implementation_status"].set_index("initiative_id")["note"].fillna("")
    return {
        "status": sorted(i for i, n in notes.items() if RECODED_STATUS.search(n)),
        "confidence": sorted(i for i, n in notes.items() if RECODED_CONFIDENCE.search(n)),
    }


def status_counts_by_kind(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Items per status (columns) for each strand and kind of item (rows, a (strand_id, kind)
    index in strand then KINDS order); a strand without items of a kind has no row for it.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> counts = status_counts_by_kind(load_tables(["implementation_status"]))
    >>> counts.index.names, int(counts.to_numpy().sum())
    (FrozenList(['strand_id', 'kind']), 112)
    """
    status = _status_with_strand(tables)
    counts = pd.crosstab([status["strand_id"], status["kind"]], status["status"])
    counts = counts.reindex(columns=list(STATUSES), fill_value=0)
    strands = field_values("strands", "strand_id")
    order = [(s, k) for s in strands for k in KINDS if (s, k) in counts.index]
    return counts.loc[order].astype(int)
