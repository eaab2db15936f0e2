"""Which pages the browser tests load (tools/measure.py browser_pages)."""

from __future__ import annotations

from pathlib import Path

from harness import website
from harness.tools import load_tool

measure = load_tool("measure")


def _site(root: Path, pages: dict[str, int]) -> Path:
    for page, size in pages.items():
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        (root / page).write_text("x" * size, encoding="utf-8")
    return root


def test_every_page_but_a_sample_of_the_templated_ones(tmp_path: Path) -> None:
    html = _site(
        tmp_path,
        {
            "index.html": 1,
            "notebooks/resilience.html": 5,
            "actors/index.html": 3,
            "actors/eu.html": 50,
            "actors/osce.html": 400,
            "actors/unece.html": 2,
            "actors/ilo.html": 60,
            "_static/x.html": 1,
        },
    )
    assert website.browser_pages(html) == [
        "index.html",
        "actors/eu.html",
        "actors/index.html",
        "actors/osce.html",  # the heaviest
        "actors/unece.html",  # the lightest
        "notebooks/resilience.html",
    ]
    assert "actors/ilo.html" in website.site_pages(html)  # the static checks read it


def test_without_templated_pages_it_is_every_page(tmp_path: Path) -> None:
    html = _site(tmp_path, {"index.html": 1, "book/intro.html": 2})
    assert website.browser_pages(html) == website.site_pages(html)


def test_lighthouse_reports_the_median_run_whole(monkeypatch, tmp_path) -> None:
    runs = iter(
        [
            {"performance": 97, "lcp_ms": 1},
            {"performance": 91, "lcp_ms": 2},
            {"performance": 95, "lcp_ms": 3},
        ]
    )
    monkeypatch.setattr(measure, "lighthouse", lambda url, workdir: next(runs))
    row = measure.lighthouse_median("http://127.0.0.1/x.html", tmp_path, 3)
    assert row == {"performance": 95, "lcp_ms": 3, "performance_runs": [91, 95, 97]}
