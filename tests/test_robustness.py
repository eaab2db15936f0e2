"""Leave-one-out and bootstrap stability of actor rankings."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from eucasia.analysis.graphs import project
from eucasia.analysis.metrics import METRICS
from eucasia.analysis.robustness import (
    _run_values,
    _setup,
    bootstrap_stability,
    leave_one_out_stability,
)
from eucasia.analysis.synthetic import synthetic_corpus, toy_corpus


@pytest.fixture(scope="module")
def toy():
    return toy_corpus()


@pytest.fixture(scope="module")
def corpus():
    return synthetic_corpus(1.0, 0)


def test_leave_one_out_known_shares(toy):
    result = leave_one_out_stability(toy, top_k=2)
    t = result.table.set_index("node")
    assert result.summary["runs"] == 8
    assert list(result.table["node"][:2]) == ["A1", "B1"]
    # A1 drops out of the top 2 when one of the three A-initiatives is removed
    assert t.loc["A1", "share_top_k"] == pytest.approx(5 / 8)
    assert t.loc["A1", "rank_lo"] == 1 and t.loc["A1", "rank_hi"] == 4
    assert t.loc["X", "share_top_k"] == 0
    assert t.loc["X", "rank"] == 7
    assert result.summary["mean_spearman"] < 1
    assert -1 <= result.summary["mean_kendall"] <= 1


def test_leave_one_out_subset_and_unknown_id(toy):
    result = leave_one_out_stability(toy, initiative_ids=["0-C-01"])
    assert result.summary["runs"] == 1
    assert result.summary["mean_spearman"] == pytest.approx(1.0)  # dropping X changes nothing
    with pytest.raises(ValueError, match="nope"):
        leave_one_out_stability(toy, initiative_ids=["nope"])


def test_bootstrap_is_seeded(corpus):
    a = bootstrap_stability(corpus, n_boot=40, seed=5)
    b = bootstrap_stability(corpus, n_boot=40, seed=5)
    c = bootstrap_stability(corpus, n_boot=40, seed=6)
    pd.testing.assert_frame_equal(a.table, b.table)
    assert a.summary == b.summary
    assert a.summary != c.summary
    assert 0 < a.summary["mean_spearman"] <= 1
    t = a.table
    assert ((t["rank_lo"] <= t["median_rank"]) & (t["median_rank"] <= t["rank_hi"])).all()
    assert t["share_top_k"].between(0, 1).all()


def test_strength_fast_path_equals_rebuilt_projection(corpus):
    setup = _setup(corpus, None, "strength")
    rng = np.random.default_rng(0)
    n = len(setup.groups)
    mults = [np.bincount(rng.integers(0, n, n), minlength=n).astype(float) for _ in range(4)]
    fast = _run_values(setup, "strength", iter(mults))
    ids = list(setup.groups)
    for row, mult in zip(fast, mults, strict=True):
        P = project(setup.B, multiplicity=dict(zip(ids, mult, strict=True)))
        slow = METRICS["strength"](P)
        assert row.tolist() == [slow[a] for a in setup.actors]
    # all-ones multiplicity reproduces the full network
    assert fast.shape == (4, len(setup.actors))
    assert _run_values(setup, "strength", iter([np.ones(n)]))[0].tolist() == setup.full.tolist()


def test_duplicates_count_twice(toy):
    setup = _setup(toy, None, "strength")
    ids = list(setup.groups)
    mult = np.zeros(len(ids))
    mult[ids.index("3.1-C-01")] = 2  # the bridge initiative drawn twice
    values = dict(zip(setup.actors, _run_values(setup, "strength", iter([mult]))[0], strict=True))
    assert values["A1"] == 2 and values["B1"] == 2 and values["A2"] == 0


def test_other_metrics_and_unknown_metric(toy):
    r = bootstrap_stability(toy, metric="pagerank", n_boot=10, seed=1)
    assert r.summary["metric"] == "pagerank" and r.summary["runs"] == 10
    with pytest.raises(ValueError, match="no_such"):
        bootstrap_stability(toy, metric="no_such")


def test_fast_enough(corpus):
    start = time.perf_counter()
    leave_one_out_stability(corpus)
    bootstrap_stability(corpus, n_boot=200, seed=0)
    assert time.perf_counter() - start < 2.0
