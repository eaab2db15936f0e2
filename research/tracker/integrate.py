"""One-off authoring step: the coders' batch files → the tracker tables of the data package.

Kept for provenance (what was merged, how duplicates were resolved). Run from the repository
root: `python3 research/tracker/integrate.py`. It writes data/implementation_*.csv, appends the
new sources to data/sources.csv and their entries to book/references.bib.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "research" / "tracker"
DATA = ROOT / "data"
BATCHES = ("strand1", "strand2a", "strand23")
ASSESSED_ON = "2026-12-01"
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def read(name: str) -> list[dict]:
    with open(name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path: Path, columns: list[str], rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: r.get(c, "") for c in columns} for r in rows)


def tex(text: str) -> str:
    return re.sub(r"([&%$#_])", r"\\\1", text)


def bib_entry(row: dict) -> str:
    fields = [
        ("author", "{" + tex(row["publisher"] or "Unknown publisher") + "}"),
        ("title", "{" + tex(row["title"]) + "}"),
    ]
    if row["date"]:
        fields.append(("year", row["date"][:4]))
        if len(row["date"]) >= 7:
            fields.append(("month", MONTHS[int(row["date"][5:7]) - 1]))
    if row["url"]:
        fields.append(("url", row["url"]))
    body = ",\n".join(
        f"  {k:<12} = {v}" if k == "month" else f"  {k:<12} = {{{v}}}" for k, v in fields
    )
    return f"@misc{{{row['source_id']},\n{body}\n}}\n"


def main() -> None:
    evidence = [r for b in BATCHES for r in read(HERE / f"evidence-{b}.csv")]
    statuses = [r for b in BATCHES for r in read(HERE / f"status-{b}.csv")]
    new_sources = [r for b in BATCHES for r in read(HERE / f"sources-{b}.csv")]
    actors = {r["actor_id"] for r in read(DATA / "actors.csv")}
    instruments = {r["instrument_id"] for r in read(DATA / "instruments.csv")}

    source_rows = read(DATA / "sources.csv")
    known = {r["source_id"]: r for r in source_rows}
    added = []
    for row in new_sources:
        if row["source_id"] in known:
            if known[row["source_id"]]["url"] != row["url"]:
                raise SystemExit(f"source id clash with different URLs: {row['source_id']}")
            continue
        known[row["source_id"]] = row
        added.append(row)
    write(DATA / "sources.csv", list(source_rows[0]), source_rows + added)
    with open(ROOT / "book" / "references.bib", "a", encoding="utf-8") as bib:
        bib.write(
            "\n% Sources of the implementation tracker (evidence of what became of each initiative).\n"
        )
        for row in added:
            bib.write("\n" + bib_entry(row))

    out, links = [], []
    for row in evidence:
        named = [a.strip() for a in row["actors"].split(";") if a.strip()]
        links += [{"evidence_id": row["evidence_id"], "actor_id": a} for a in named if a in actors]
        instrument = row["instrument"].strip()
        out.append(
            row
            | {
                "instrument_id": instrument if instrument in instruments else "",
                "programme": "" if instrument in instruments else instrument,
                "other_actors": "; ".join(a for a in named if a not in actors),
            }
        )
    write(
        DATA / "implementation_evidence.csv",
        [
            "evidence_id",
            "initiative_id",
            "date",
            "date_precision",
            "event",
            "instrument_id",
            "programme",
            "amount_eur",
            "amount_note",
            "other_actors",
            "source_id",
            "locator",
            "source_kind",
            "note",
        ],
        sorted(out, key=lambda r: r["evidence_id"]),
    )
    write(
        DATA / "implementation_evidence_actors.csv",
        ["evidence_id", "actor_id"],
        sorted(
            {(r["evidence_id"], r["actor_id"]): r for r in links}.values(),
            key=lambda r: (r["evidence_id"], r["actor_id"]),
        ),
    )
    write(
        DATA / "implementation_status.csv",
        [
            "initiative_id",
            "status",
            "confidence",
            "assessed_on",
            "coder",
            "rationale",
            "searched",
            "note",
        ],
        sorted(
            ({**r, "assessed_on": ASSESSED_ON, "coder": "first"} for r in statuses),
            key=lambda r: r["initiative_id"],
        ),
    )
    print(
        f"{len(out)} evidence rows, {len(links)} actor links, {len(statuses)} statuses, {len(added)} new sources"
    )


if __name__ == "__main__":
    main()
