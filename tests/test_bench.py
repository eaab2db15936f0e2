"""The benchmark runs end to end on a tiny scale and ends with a machine-readable line."""

from __future__ import annotations

import json

from eucasia.analysis.bench import main


def test_bench_prints_table_and_final_json(capsys):
    returned = main(["--unit", "0.05", "--n-boot", "5", "--loo", "5", "--k", "8"])
    out = capsys.readouterr().out.strip().splitlines()
    data = json.loads(out[-1])
    assert data == json.loads(json.dumps(returned))
    assert {"times", "ratio_10x_1x", "ratio_100x_10x", "links"} <= set(data)
    assert list(data["times"]) == ["0.05", "0.5", "5"]
    for steps in data["times"].values():
        assert {"projection", "louvain", "betweenness", "robustness_boot", "total"} <= set(steps)
        assert steps["total"] > 0
    assert data["links"]["5"] > data["links"]["0.5"] > data["links"]["0.05"] > 0
    assert data["ratio_10x_1x"] > 0 and data["ratio_100x_10x"] > 0
    assert any(line.startswith("step") for line in out)
    assert any("sampled, k=8" in line for line in out)
