"""Time the network analysis on synthetic corpora at 1×, 10× and 100× the real size.

Run ``python -m eucasia.analysis.bench`` (``--unit 0.01`` for a smoke test). Prints a
table of seconds per step and scale, then a last line of JSON with the times,
the growth ratios of the total and the number of links per scale.

Betweenness and closeness are all-pairs shortest-path measures
(O(n·m + n² log n)); from 10× on they are *estimated* from ``--k`` seeded
sources/pivots (Brandes–Pich for betweenness, Eppstein–Wang for closeness),
so the ratios are not pure scaling of the exact algorithms. Robustness runs use
reduced settings at every scale (``--n-boot`` resamples, ``--loo`` dropped
initiatives). A separate line times the full 1× analysis with the settings the
book uses (exact measures, every initiative dropped once, 200 resamples).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from typing import Any

from eucasia.analysis.graphs import actor_projection, bipartite_graph
from eucasia.analysis.metrics import (
    betweenness,
    closeness,
    communities,
    degree,
    eigenvector,
    pagerank,
    strength,
)
from eucasia.analysis.network import strand_analysis
from eucasia.analysis.robustness import bootstrap_stability, leave_one_out_stability
from eucasia.analysis.synthetic import synthetic_corpus

MULTIPLIERS = (1, 10, 100)
SAMPLED_FROM = 10  # multiplier from which betweenness/closeness are sampled


def _timed(times: dict[str, float], step: str, fn: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = fn()
    times[step] = time.perf_counter() - start
    return result


def run_scale(
    scale: float, sampled: bool, k: int, n_boot: int, loo: int, seed: int
) -> tuple[dict[str, float], int]:
    """Seconds per analysis step for one synthetic corpus; also its number of links."""
    corpus = synthetic_corpus(scale, seed)
    kk = k if sampled else None
    t: dict[str, float] = {}
    B = _timed(t, "bipartite", lambda: bipartite_graph(corpus))
    P = _timed(t, "projection", lambda: actor_projection(B))
    _timed(t, "degree_strength", lambda: (degree(P), strength(P)))
    _timed(t, "pagerank", lambda: pagerank(P))
    _timed(t, "eigenvector", lambda: eigenvector(P))
    _timed(t, "louvain", lambda: communities(P, seed=seed))
    _timed(t, "betweenness", lambda: betweenness(P, k=kk, seed=seed))
    _timed(t, "closeness", lambda: closeness(P, k=kk, seed=seed))
    drop = list(corpus.initiatives["initiative_id"])[:loo]
    _timed(t, "robustness_loo", lambda: leave_one_out_stability(corpus, initiative_ids=drop))
    _timed(t, "robustness_boot", lambda: bootstrap_stability(corpus, n_boot=n_boot, seed=seed))
    t["total"] = sum(t.values())
    return t, len(corpus.links)


def _table(times: dict[str, dict[str, float]]) -> str:
    labels = list(times)
    steps = list(next(iter(times.values())))
    head = f"{'step':<18}" + "".join(f"{lab + 'x':>12}" for lab in labels)
    rows = [f"{s:<18}" + "".join(f"{times[lab][s]:>12.3f}" for lab in labels) for s in steps]
    return "\n".join([head, "-" * len(head), *rows])


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Run the benchmark, print the table and the JSON line; return the JSON data."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unit", type=float, default=1.0, help="scale of the '1×' corpus")
    parser.add_argument("--k", type=int, default=64, help="sources/pivots when sampling")
    parser.add_argument("--n-boot", type=int, default=50, help="bootstrap resamples")
    parser.add_argument("--loo", type=int, default=100, help="initiatives dropped in LOO")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    times: dict[str, dict[str, float]] = {}
    links: dict[str, int] = {}
    for mult in MULTIPLIERS:
        label = f"{mult * args.unit:g}"
        sampled = mult >= SAMPLED_FROM
        times[label], links[label] = run_scale(
            mult * args.unit, sampled, args.k, args.n_boot, args.loo, args.seed
        )
        how = f"sampled, k={args.k}" if sampled else "exact"
        print(f"scale {label}x: {links[label]} links; betweenness/closeness {how}", flush=True)

    corpus = synthetic_corpus(args.unit, args.seed)
    start = time.perf_counter()
    strand_analysis(corpus, seed=args.seed)
    full = time.perf_counter() - start

    print()
    print(_table(times))
    print(
        f"\nfull analysis at {args.unit:g}x with book settings (exact, LOO all, 200 resamples):"
        f" {full:.3f} s"
    )
    totals = [t["total"] for t in times.values()]
    result = {
        "times": {lab: {s: round(v, 4) for s, v in t.items()} for lab, t in times.items()},
        "ratio_10x_1x": round(totals[1] / totals[0], 2),
        "ratio_100x_10x": round(totals[2] / totals[1], 2),
        "links": links,
        "full_1x_seconds": round(full, 4),
        "sampling": {"from_multiplier": SAMPLED_FROM, "k": args.k},
    }
    print(json.dumps(result, sort_keys=True))
    return result


if __name__ == "__main__":
    main()
