"""Synthetic strategy corpora with the shape of the real data, for tests and benchmarks.

The real coding has roughly 100 initiatives, 60 actors and 350 initiative–actor
links, with a few actors (the EU, the five Central Asian states) in most
initiatives and a long tail of actors that appear once or twice. The generator
reproduces that heavy tail with Zipf-like participation weights so that tests
and timings exercise hubs, bridges and isolates, not a uniform random graph.
Nothing here is real data: every name is prefixed "Synthetic".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from eucasia.analysis.corpus import Corpus
from eucasia.data import field_values

BASE_INITIATIVES = 100
BASE_ACTORS = 60
MEAN_EXTRA_ACTORS = 2.5  # actors per initiative = 1 + Poisson(2.5) -> ~350 links at scale 1
ZIPF_EXPONENT = 1.1

AREAS = (
    ("0", "regional"),
    ("1.1", "resilience"),
    ("1.2", "resilience"),
    ("1.3", "resilience"),
    ("2.1", "prosperity"),
    ("2.2", "prosperity"),
    ("2.3", "prosperity"),
    ("2.4", "prosperity"),
    ("3.1", "together"),
    ("3.2", "together"),
    ("3.3", "together"),
)
ACTOR_TYPES = tuple(field_values("actors", "actor_type"))
ROLES = ("partner", "beneficiary", "funder", "forum")


def synthetic_corpus(scale: float = 1.0, seed: int = 0) -> Corpus:
    """A :class:`Corpus` at ``scale`` × the real corpus size.

    Columns match the data package. Actor 0 (an EU institution) has the largest
    participation weight, actors 1–5 are Central Asian states, the rest get
    random types; the first actor drawn for an initiative is its lead.
    Deterministic for a given ``(scale, seed)``.
    """
    rng = np.random.default_rng(seed)
    n_init = max(4, round(BASE_INITIATIVES * scale))
    n_act = max(6, round(BASE_ACTORS * scale))
    width = len(str(n_act))

    areas = pd.DataFrame(
        {
            "area_id": [a for a, _ in AREAS],
            "strand_id": [s for _, s in AREAS],
            "title": [f"Synthetic area {a}" for a, _ in AREAS],
        }
    )

    types = ["eu_institution"] + ["central_asian_state"] * 5
    types += list(rng.choice(ACTOR_TYPES, size=max(0, n_act - len(types))))
    actor_ids = [f"A{i:0{width}d}" for i in range(n_act)]
    actors = pd.DataFrame(
        {
            "actor_id": actor_ids,
            "name": [f"Synthetic actor {i}" for i in range(n_act)],
            "actor_type": types[:n_act],
            "scope": "synthetic",
            "country_code": "",
            "note": "",
        }
    )

    area_idx = rng.integers(0, len(AREAS), size=n_init)
    kinds = np.where(rng.random(n_init) < 0.4, "specific_initiative", "commitment")
    ordinals: dict[tuple[str, str], int] = {}
    ids = []
    for a, k in zip(area_idx, kinds, strict=True):
        key = (AREAS[a][0], k)
        ordinals[key] = ordinals.get(key, 0) + 1
        ids.append(f"{key[0]}-{'SI' if k == 'specific_initiative' else 'C'}-{ordinals[key]:02d}")
    initiatives = pd.DataFrame(
        {
            "initiative_id": ids,
            "area_id": [AREAS[a][0] for a in area_idx],
            "kind": kinds,
            "ordinal": [int(i.rsplit("-", 1)[1]) for i in ids],
            "summary": [f"Synthetic initiative {i}" for i in ids],
            "locator": "",
            "source_id": "synthetic",
            "note": "",
        }
    )

    # Zipf-like participation: actor r (0-based) drawn with weight (r + 1) ** -s.
    weights = np.arange(1, n_act + 1, dtype=float) ** -ZIPF_EXPONENT
    weights /= weights.sum()
    sizes = np.minimum(1 + rng.poisson(MEAN_EXTRA_ACTORS, size=n_init), n_act)
    rows = []
    for iid, size in zip(ids, sizes, strict=True):
        members = rng.choice(n_act, size=size, replace=False, p=weights)
        for pos, m in enumerate(members):
            role = "lead" if pos == 0 else ROLES[rng.integers(len(ROLES))]
            basis = "explicit" if rng.random() < 0.7 else "implied"
            rows.append((iid, actor_ids[m], role, basis))
    links = pd.DataFrame(rows, columns=["initiative_id", "actor_id", "role", "basis"])
    links = links.assign(locator="", source_id="synthetic", note="")
    return Corpus(initiatives, actors, links, areas)


def toy_corpus() -> Corpus:
    """Hand-built corpus whose network answers are known; for tests and examples.

    Two clusters joined by one bridge, plus an isolate:

    * A1, A2, A3 share three resilience initiatives (1.1-SI-01, 1.1-SI-02,
      1.2-C-01) → ties of weight 3; A1 is both lead and funder of 1.1-SI-01;
    * B1, B2, B3 share three prosperity initiatives → ties of weight 3;
    * A1 and B1 share one "together" initiative (3.1-C-01) → the only bridge;
    * X is the sole actor of a regional initiative (0-C-01) → an isolate.

    Hence strength A1 = B1 = 7, A2…B3 = 6, X = 0; normalised betweenness
    A1 = B1 = 0.4, all others 0; Louvain finds {A1, A2, A3}, {B1, B2, B3}, {X}.
    """
    areas = pd.DataFrame(
        {
            "area_id": ["0", "1.1", "1.2", "2.1", "2.2", "2.3", "3.1"],
            "strand_id": ["regional"] + ["resilience"] * 2 + ["prosperity"] * 3 + ["together"],
            "title": ["Toy area"] * 7,
        }
    )
    actors = pd.DataFrame(
        {
            "actor_id": ["A1", "A2", "A3", "B1", "B2", "B3", "X"],
            "name": [
                "Alpha one",
                "Alpha two",
                "Alpha three",
                "Beta one",
                "Beta two",
                "Beta three",
                "Lone actor",
            ],
            "actor_type": [
                "eu_institution",
                "central_asian_state",
                "un_body",
                "central_asian_state",
                "financial_institution",
                "civil_society",
                "other",
            ],
        }
    )
    groups = {
        "1.1-SI-01": ["A1", "A2", "A3"],
        "1.1-SI-02": ["A1", "A2", "A3"],
        "1.2-C-01": ["A1", "A2", "A3"],
        "2.1-SI-01": ["B1", "B2", "B3"],
        "2.2-C-01": ["B1", "B2", "B3"],
        "2.3-C-01": ["B1", "B2", "B3"],
        "3.1-C-01": ["A1", "B1"],
        "0-C-01": ["X"],
    }
    initiatives = pd.DataFrame(
        {
            "initiative_id": list(groups),
            "area_id": [g.split("-")[0] for g in groups],
            "kind": ["commitment" if "-C-" in g else "specific_initiative" for g in groups],
            "summary": [f"Toy initiative {g}" for g in groups],
        }
    )
    rows = [
        (g, a, "lead" if i == 0 else "partner") for g, m in groups.items() for i, a in enumerate(m)
    ]
    rows.append(("1.1-SI-01", "A1", "funder"))
    links = pd.DataFrame(rows, columns=["initiative_id", "actor_id", "role"]).assign(
        basis="explicit"
    )
    return Corpus(initiatives, actors, links, areas)
