"""Draws the sample for the second coding of the whole tracker (edition 0.3.0), reproducibly.

At least 30 of the 112 coded items of JOIN(2019) 9, stratified by kind (specific initiative,
commitment) and strand (the overarching priority counts as its own stratum), allocated in
proportion to each stratum's size (at least one item each), drawn with a fixed seed. Run from the
repository root: `python3 research/tracker/draw_second_sample.py > research/tracker/second-coding-2-sample.txt`.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
SEED = 20261207
SIZE = 32


def main() -> None:
    with open(ROOT / "data" / "initiatives.csv", encoding="utf-8", newline="") as handle:
        items = list(csv.DictReader(handle))
    with open(ROOT / "data" / "areas.csv", encoding="utf-8", newline="") as handle:
        strand_of = {row["area_id"]: row["strand_id"] for row in csv.DictReader(handle)}
    strata: dict[tuple[str, str], list[str]] = {}
    for item in items:
        key = (item["kind"], strand_of[item["area_id"]])
        strata.setdefault(key, []).append(item["initiative_id"])
    rng = np.random.default_rng(SEED)
    print(f"# seed {SEED}; {SIZE} of {len(items)} items; stratum: drawn of size")
    drawn = []
    for key in sorted(strata):
        ids = sorted(strata[key])
        n = max(1, round(SIZE * len(ids) / len(items)))
        pick = sorted(rng.choice(ids, size=n, replace=False).tolist())
        print(f"# {key[0]} / {key[1]}: {n} of {len(ids)}")
        drawn += pick
    print("\n".join(sorted(drawn)))


if __name__ == "__main__":
    main()
