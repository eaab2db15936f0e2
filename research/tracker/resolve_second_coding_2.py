"""One-off authoring step: the second coding of the whole (edition 0.3.0) → the data package.

The blind second coder's file (second-coding-2.csv: initiative_id,status,confidence,rationale for
the 32 items of second-coding-2-sample.txt, coded from the protocol and the evidence only; the
coder's remarks on the protocol are in second-coding-2-remarks.md) becomes the round 0.3.0 rows
of data/second_coding.csv, each with ``compared_status``: the status the item had in the data
when the round was coded (after the resolutions of round 0.2.0 and the re-coding under the
protocol's clarifications), which is the first coding the second is compared with.

Each disagreement was resolved by re-reading the evidence rows and applying decision rule 5
(when two statuses fit, the less favourable, in the order of clarification C1) to the two
readings. RESOLUTIONS records, per item, the status and confidence adopted and why; the script
writes them into data/implementation_status.csv (``coder`` = ``resolved``, both codings and the
reason in ``note``, one sentence appended to ``rationale``). ``first_coder_status`` keeps the
first coder's status. Run from the repository root:
``python3 research/tracker/resolve_second_coding_2.py``; running it again changes nothing (it
stops when the round is already in the data).
"""

from __future__ import annotations

from pathlib import Path

from integrate import read, write

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "research" / "tracker"
DATA = ROOT / "data"
ROUND = "0.3.0"
MARK = "Resolved after the second coding of edition 0.3.0"
#: The status order of clarification C1, most to least favourable.
ORDER = [
    "delivered",
    "partly_delivered",
    "under_way",
    "announced_only",
    "superseded",
    "no_public_evidence",
]
#: item → (status adopted, confidence adopted, why both readings fit and which rule 5 keeps).
RESOLUTIONS = {
    "1.2-C-02": (
        "partly_delivered",
        "medium",
        "the five fields the text names (political dialogue, conflict prevention, development "
        "cooperation, humanitarian action, disaster risk reduction) can be read as one "
        "action's scope or, under C2, as distinct levels of action; on the second reading "
        "humanitarian action and disaster risk reduction have no evidence row (E01-E04 cover "
        "the security dialogue and one 2025 programme). Both readings fit the evidence, so "
        "rule 5 keeps the less favourable",
    ),
    "1.3-SI-05": (
        "under_way",
        "low",
        "the only evidence of natural-resource management in a second year is a 2020 news "
        "report of a contribution to the Aral Sea trust fund (E01) that does not say when the "
        "money was given (the fund dates from 2018) nor tie it to ecosystems; counted, "
        "component (a) is delivered and the item partly_delivered, not counted, no component "
        "reaches two years. Both readings fit, so rule 5 keeps the less favourable, with the "
        "second coder's low confidence (partial, indirect evidence)",
    ),
    "2.1-SI-01": (
        "partly_delivered",
        "medium",
        "the text names three means (business dialogue and cooperation, sector dialogues, "
        "technical assistance); read as components (C2: distinct actions the text names), "
        "sector dialogues have no evidence row (E01-E05 show technical assistance and the "
        "Economic Forums), read as means of one aim the item is delivered. Both readings fit, "
        "so rule 5 keeps the less favourable; medium, as two of the five rows are news",
    ),
    "2.2-SI-01": (
        "partly_delivered",
        "low",
        "component (a) asks for the EU's own experience of non-tariff barriers to be shared: "
        "Ready4Trade works on such barriers (E01-E02) but no row shows EU experience being "
        "shared, which the first coder's rationale also notes; component (b) is evidenced in "
        "2020 and 2021. Both readings fit, so rule 5 keeps the less favourable, with low "
        "confidence because both components rest on indirect ties",
    ),
    "2.3-C-04": (
        "partly_delivered",
        "medium",
        "digital-economy cooperation and work against disinformation are evidenced in two or "
        "more years (E01-E06), but internet freedom is not shown and the text also names "
        "treating digitalisation as cross-cutting and cooperation on Galileo, of which no row "
        "shows anything; whether these orientation and 'could' clauses are components (C2) "
        "is open, so both statuses fit and rule 5 keeps the less favourable",
    ),
    "2.4-SI-05": (
        "partly_delivered",
        "medium",
        "the dialogue (DARYA's High-Level Group, 2023 and 2025) and the exchange exist "
        "(E01-E04), but no dedicated dialogue or exchange on women's empowerment was found; "
        "whether the three subjects of the dialogue are components (C2) is open, so both "
        "statuses fit, and rule 5, in the order of C1, keeps the first coder's "
        "partly_delivered",
    ),
}
SECOND_COLUMNS = ["initiative_id", "round", "status", "confidence", "compared_status", "rationale"]
STATUS_COLUMNS = [
    "initiative_id",
    "status",
    "first_coder_status",
    "confidence",
    "assessed_on",
    "coder",
    "rationale",
    "searched",
    "note",
]


def label(status: str) -> str:
    return status.replace("_", " ")


def main() -> None:
    blind = {r["initiative_id"]: r for r in read(HERE / "second-coding-2.csv")}
    sample = [
        line
        for line in (HERE / "second-coding-2-sample.txt").read_text(encoding="utf-8").split()
        if "-" in line and not line.startswith("#")
    ]
    if sorted(blind) != sorted(sample):
        raise SystemExit("the second coder's items are not the drawn sample")
    statuses = read(DATA / "implementation_status.csv")
    by_id = {r["initiative_id"]: r for r in statuses}
    rows = read(DATA / "second_coding.csv")
    if any(r["round"] == ROUND for r in rows):
        print(f"round {ROUND} is already in data/second_coding.csv: nothing to do")
        return
    new = [
        {**blind[i], "round": ROUND, "compared_status": by_id[i]["status"]} for i in sorted(blind)
    ]
    disagreed = {r["initiative_id"] for r in new if r["status"] != r["compared_status"]}
    if disagreed != set(RESOLUTIONS):
        raise SystemExit(f"disagreements {sorted(disagreed)} are not the resolutions recorded")
    for item, (status, confidence, why) in RESOLUTIONS.items():
        row, second = by_id[item], blind[item]
        pair = sorted([row["status"], second["status"]], key=ORDER.index)
        if status != pair[-1]:
            raise SystemExit(f"{item}: rule 5 keeps {pair[-1]}, not {status}")
        note = (
            f"{MARK} (first coding: {label(row['status'])}, {row['confidence']}; second coder: "
            f"{label(second['status'])}, {second['confidence']}): {why}."
        )
        row["note"] = f"{row['note']} {note}".strip()
        row["rationale"] += (
            f" After the second coding of edition 0.3.0: {label(status)} (rule 5; see the note)."
        )
        row.update(status=status, confidence=confidence, coder="resolved")
    write(DATA / "implementation_status.csv", STATUS_COLUMNS, statuses)
    write(DATA / "second_coding.csv", SECOND_COLUMNS, rows + new)
    print(f"{len(new)} items of round {ROUND}, {len(disagreed)} disagreements resolved")


if __name__ == "__main__":
    main()
