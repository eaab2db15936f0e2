"""One-off authoring step: the three commitment batches → the tracker tables (edition 0.3.0).

The strategy's 67 commitments (``kind = commitment``) were coded by three coders with the
protocol and its adaptation for commitments (PROTOCOL.md; research/tracker/*-c-{res,pros,tog}.csv).
This script adds them to data/implementation_status.csv, implementation_evidence.csv and
implementation_evidence_actors.csv, and their new sources to data/sources.csv and
book/references.bib. Run from the repository root: ``python3 research/tracker/integrate_commitments.py``.

Why a second script beside integrate.py: integrate.py rebuilds the tracker tables from the
strand batch files of the 45 specific initiatives, and data/ now holds corrections those files
lack (the re-application of the protocol's clarifications, resolved disagreements, sources moved
to official pages). Running integrate.py again would undo them. This script therefore never
touches the rows of specific initiatives: it drops any commitment rows already in data/ and
adds them afresh from the batches (keeping a status row that a later step resolved, see
resolve_second_coding_2.py, which runs after this one), so it can be re-run and gives the same
bytes.

What it decides, beyond copying:
- status rows get ``first_coder_status`` = ``status``, ``coder`` = ``first`` and
  ``assessed_on`` = 2026-12-07 (the date the commitments were coded);
- the coder's ``actors`` column is split: ids of data/actors.csv become rows of
  implementation_evidence_actors, other names go to ``other_actors``;
- the coder's ``instrument`` column may name several vehicles (``;``) and qualify one in
  brackets (``BOMCA (regional_programmes)``, ``erasmus_plus (Jean Monnet)``): the first
  instrument id found becomes ``instrument_id``, the rest (programme names, other instruments'
  names) goes to ``programme``;
- duplicate sources across the three batches are merged (ALIASES: the same page under two ids),
  and a new id whose URL differs from an existing one of the same id stops the script.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from integrate import bib_entry, read, write

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "research" / "tracker"
DATA = ROOT / "data"
BATCHES = ("res", "pros", "tog")
ASSESSED_ON = "2026-12-07"
#: The same page under two ids in two batches: the id dropped → the id kept.
ALIASES = {"eeas_2024_uzb_hr_subcommittee": "eeas_2024_uzb_subcommittee"}
BIB_HEADER = "% Sources of the implementation tracker's commitments (edition 0.3.0)."


def columns_of(resource: str) -> list[str]:
    """The column order of a data table as the data package declares it (one list, not a copy)."""
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    (table,) = [r for r in descriptor["resources"] if r["name"] == resource]
    return [field["name"] for field in table["schema"]["fields"]]


EVIDENCE_COLUMNS = columns_of("implementation_evidence")
STATUS_COLUMNS = columns_of("implementation_status")


def is_commitment(initiative_id: str) -> bool:
    return "-C-" in initiative_id


def split_instrument(text: str, instruments: dict[str, str]) -> tuple[str, str]:
    """(instrument_id, programme) from a coder's instrument cell."""
    chosen, rest = "", []
    for part in (p.strip() for p in text.split(";") if p.strip()):
        match = re.fullmatch(r"(.*?)\s*\((.*)\)", part)
        name, qualifier = (match.group(1), match.group(2)) if match else (part, "")
        if not chosen and name in instruments:
            chosen = name
            rest.append(qualifier)
        elif not chosen and qualifier in instruments:
            chosen = qualifier
            rest.append(name)
        else:
            rest.append(instruments.get(part, part))
    return chosen, "; ".join(r for r in rest if r)


def main() -> None:
    actors = {r["actor_id"] for r in read(DATA / "actors.csv")}
    instruments = {r["instrument_id"]: r["name"] for r in read(DATA / "instruments.csv")}

    # Sources: new ones, deduplicated, appended as one sorted block.
    source_rows = read(DATA / "sources.csv")
    known = {r["source_id"]: r for r in source_rows}
    new = {}
    for batch in BATCHES:
        for row in read(HERE / f"sources-c-{batch}.csv"):
            if row["source_id"] in ALIASES:
                continue
            existing = known.get(row["source_id"]) or new.get(row["source_id"])
            if existing:
                if existing["url"] != row["url"]:
                    raise SystemExit(f"source id clash with different URLs: {row['source_id']}")
                continue
            new[row["source_id"]] = row
    added = [new[k] for k in sorted(new)]
    write(DATA / "sources.csv", list(source_rows[0]), source_rows + added)
    bib_path = ROOT / "book" / "references.bib"
    bib = bib_path.read_text(encoding="utf-8")
    if added:
        if BIB_HEADER in bib:
            raise SystemExit("the bibliography already has the commitments' block")
        block = "\n" + BIB_HEADER + "\n" + "".join("\n" + bib_entry(r) for r in added)
        bib_path.write_text(bib.rstrip("\n") + "\n" + block, encoding="utf-8")

    # Evidence and actor links: the initiatives' rows kept as they are, commitments' rows anew.
    evidence = [
        r
        for r in read(DATA / "implementation_evidence.csv")
        if not is_commitment(r["initiative_id"])
    ]
    links = [
        r
        for r in read(DATA / "implementation_evidence_actors.csv")
        if not is_commitment(r["evidence_id"])
    ]
    for batch in BATCHES:
        for row in read(HERE / f"evidence-c-{batch}.csv"):
            named = [a.strip() for a in row["actors"].split(";") if a.strip()]
            links += [
                {"evidence_id": row["evidence_id"], "actor_id": a} for a in named if a in actors
            ]
            instrument_id, programme = split_instrument(row["instrument"], instruments)
            evidence.append(
                row
                | {
                    "source_id": ALIASES.get(row["source_id"], row["source_id"]),
                    "instrument_id": instrument_id,
                    "programme": programme,
                    "other_actors": "; ".join(a for a in named if a not in actors),
                }
            )
    write(
        DATA / "implementation_evidence.csv",
        EVIDENCE_COLUMNS,
        sorted(evidence, key=lambda r: r["evidence_id"]),
    )
    unique_links = {(r["evidence_id"], r["actor_id"]): r for r in links}
    write(
        DATA / "implementation_evidence_actors.csv",
        ["evidence_id", "actor_id"],
        [unique_links[k] for k in sorted(unique_links)],
    )

    # Later steps (resolve_second_coding_2.py) resolve some commitments' statuses: a row the
    # data holds as resolved is kept as it is, so that re-running this step undoes nothing.
    current = read(DATA / "implementation_status.csv")
    resolved = {r["initiative_id"]: r for r in current if r["coder"] == "resolved"}
    statuses = [r for r in current if not is_commitment(r["initiative_id"])]
    for batch in BATCHES:
        statuses += [
            resolved.get(r["initiative_id"])
            or r
            | {
                "first_coder_status": r["status"],
                "assessed_on": ASSESSED_ON,
                "coder": "first",
                "note": "",
            }
            for r in read(HERE / f"status-c-{batch}.csv")
        ]
    write(
        DATA / "implementation_status.csv",
        STATUS_COLUMNS,
        sorted(statuses, key=lambda r: r["initiative_id"]),
    )
    new_evidence = sum(is_commitment(r["initiative_id"]) for r in evidence)
    print(
        f"{new_evidence} commitment evidence rows, {len(statuses)} statuses, {len(added)} new sources"
    )


if __name__ == "__main__":
    csv.field_size_limit(1 << 24)
    main()
