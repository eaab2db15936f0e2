"""How much do actor rankings depend on individual coded initiatives?

The actor network is built from a hand-coded sample of initiatives, so every
ranking inherits coding choices. Two perturbations quantify that:

* **leave-one-out**: drop each initiative in turn (rank interval = min–max);
* **bootstrap**: resample initiatives with replacement, a duplicated initiative
  counting twice in the tie weights (rank interval = percentile interval).

Each run rebuilds the projection's weights and recomputes one metric on a fixed
actor set (an actor that loses all its ties stays in with value 0). Strength is
computed directly from a sparse initiative × actor matrix, O(links) per run;
other metrics rebuild the weighted projection with
:func:`eucasia.analysis.graphs.project` and call the function in
:data:`eucasia.analysis.metrics.METRICS`.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse
from scipy.stats import kendalltau, spearmanr

from eucasia.analysis.corpus import Corpus
from eucasia.analysis.graphs import actor_projection, bipartite_graph, memberships, project
from eucasia.analysis.metrics import METRICS, rank_desc

CHUNK = 256  # runs evaluated together in the vectorised strength path


@dataclass(frozen=True)
class Stability:
    """Per-actor stability table plus a one-line-per-key summary.

    ``table`` columns: node, label, value and rank in the full network,
    share_top_k (share of runs in which the actor ranks ≤ top_k), median_rank,
    rank_lo, rank_hi. ``summary``: method, metric, runs, top_k, mean/min
    Spearman and mean Kendall (tau-b) correlation of each run's values with the
    full values, and mean share of the full top_k retained in a run's top_k.
    """

    table: pd.DataFrame
    summary: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class _Setup:
    B: nx.Graph
    actors: list[Hashable]
    groups: dict[Hashable, tuple[Hashable, ...]]
    full: np.ndarray


def _setup(corpus: Corpus, strand: str | None, metric: str) -> _Setup:
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; choose from {sorted(METRICS)}")
    B = bipartite_graph(corpus, strand=strand)
    P = actor_projection(B)
    values = METRICS[metric](P)
    nodes = list(P)
    return _Setup(B, nodes, memberships(B), np.array([values[n] for n in nodes], dtype=float))


def _strength_matrix(setup: _Setup) -> sparse.csr_array:
    """Initiative × actor matrix whose entry is what the initiative adds to the actor's strength."""
    col = {a: j for j, a in enumerate(setup.actors)}
    rows, cols, vals = [], [], []
    for i, members in enumerate(setup.groups.values()):
        for a in members:
            rows.append(i)
            cols.append(col[a])
            vals.append(len(members) - 1)
    shape = (len(setup.groups), len(setup.actors))
    return sparse.csr_array((vals, (rows, cols)), shape=shape, dtype=float)


def _run_values(setup: _Setup, metric: str, runs: Iterator[np.ndarray]) -> np.ndarray:
    """Metric values (runs × actors) for each multiplicity vector over initiatives."""
    out: list[np.ndarray] = []
    if metric == "strength":
        S = _strength_matrix(setup)
        batch: list[np.ndarray] = []
        for mult in runs:
            batch.append(mult)
            if len(batch) == CHUNK:
                out.append(np.asarray((S.T @ np.stack(batch).T).T))
                batch = []
        if batch:
            out.append(np.asarray((S.T @ np.stack(batch).T).T))
        return np.vstack(out) if out else np.empty((0, len(setup.actors)))
    fn = METRICS[metric]
    ids = list(setup.groups)
    for mult in runs:
        P = project(setup.B, multiplicity=dict(zip(ids, mult.tolist(), strict=True)))
        values = fn(P)
        out.append(np.array([values[a] for a in setup.actors], dtype=float))
    return np.vstack(out) if out else np.empty((0, len(setup.actors)))


def _correlations(full: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Spearman and Kendall tau-b of each run with the full values (NaN if constant)."""
    full = np.nan_to_num(full, nan=-np.inf)
    rho, tau = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # constant input -> NaN, reported as such
        for row in np.nan_to_num(values, nan=-np.inf):
            rho.append(spearmanr(full, row).statistic)
            tau.append(kendalltau(full, row).statistic)
    return np.array(rho, dtype=float), np.array(tau, dtype=float)


def _summarise(
    setup: _Setup,
    values: np.ndarray,
    top_k: int,
    interval: tuple[float, float],
    method: str,
    metric: str,
) -> Stability:
    full_rank = rank_desc(setup.full)
    ranks = rank_desc(values, axis=1) if len(values) else np.empty((0, len(setup.actors)))
    in_top = ranks <= top_k
    lo, hi = interval
    table = pd.DataFrame(
        {
            "node": pd.Series(setup.actors, dtype=object),
            "label": [str(setup.B.nodes[a].get("label", a)) for a in setup.actors],
            "value": setup.full,
            "rank": full_rank.astype("int64"),
            "share_top_k": in_top.mean(axis=0) if len(values) else np.nan,
            "median_rank": np.median(ranks, axis=0) if len(values) else np.nan,
            "rank_lo": np.quantile(ranks, lo, axis=0, method="inverted_cdf")
            if len(values)
            else np.nan,
            "rank_hi": np.quantile(ranks, hi, axis=0, method="inverted_cdf")
            if len(values)
            else np.nan,
        }
    )
    table = table.sort_values(["rank", "node"], kind="mergesort").reset_index(drop=True)
    rho, tau = _correlations(setup.full, values)
    full_top = full_rank <= top_k
    overlap = (in_top & full_top).sum(axis=1) / max(full_top.sum(), 1)
    summary = {
        "method": method,
        "metric": metric,
        "runs": len(values),
        "top_k": top_k,
        "mean_spearman": float(np.nanmean(rho)) if np.isfinite(rho).any() else np.nan,
        "min_spearman": float(np.nanmin(rho)) if np.isfinite(rho).any() else np.nan,
        "mean_kendall": float(np.nanmean(tau)) if np.isfinite(tau).any() else np.nan,
        "mean_top_k_overlap": float(overlap.mean()) if len(values) else np.nan,
    }
    return Stability(table, summary)


def leave_one_out_stability(
    corpus: Corpus,
    strand: str | None = None,
    metric: str = "strength",
    top_k: int = 5,
    initiative_ids: Sequence[str] | None = None,
) -> Stability:
    """Drop one initiative at a time (all of them, or only ``initiative_ids``).

    The rank interval is the min–max rank over runs: the worst case from a
    single coding decision.
    """
    setup = _setup(corpus, strand, metric)
    ids = list(setup.groups)
    position = {g: i for i, g in enumerate(ids)}
    drop = ids if initiative_ids is None else [str(g) for g in initiative_ids]
    unknown = sorted(set(drop) - set(position))
    if unknown:
        raise ValueError(f"initiative id(s) not in the network: {', '.join(unknown[:10])}")

    def runs() -> Iterator[np.ndarray]:
        for g in drop:
            mult = np.ones(len(ids))
            mult[position[g]] = 0
            yield mult

    values = _run_values(setup, metric, runs())
    return _summarise(setup, values, top_k, (0.0, 1.0), "leave-one-out", metric)


def bootstrap_stability(
    corpus: Corpus,
    strand: str | None = None,
    metric: str = "strength",
    top_k: int = 5,
    n_boot: int = 200,
    seed: int = 0,
    ci: float = 0.95,
) -> Stability:
    """Resample initiatives with replacement ``n_boot`` times (seeded).

    A duplicated initiative counts as many times as it is drawn in the tie
    weights, as in a case bootstrap. The rank interval is the central ``ci``
    percentile interval of the bootstrap ranks.
    """
    setup = _setup(corpus, strand, metric)
    n = len(setup.groups)
    rng = np.random.default_rng(seed)

    def runs() -> Iterator[np.ndarray]:
        for _ in range(n_boot):
            yield np.bincount(rng.integers(0, n, size=n), minlength=n).astype(float)

    values = _run_values(setup, metric, runs() if n else iter(()))
    tail = (1 - ci) / 2
    return _summarise(setup, values, top_k, (tail, 1 - tail), "bootstrap", metric)
