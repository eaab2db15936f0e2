"""Measure what a reader's browser loads for each page of the built site (`make measure`).

For every page of `_build/html`, served uncompressed from a local HTTP server, a fresh Chromium
(Debian's, through Playwright) loads the page with every non-local request blocked and reports:
the bytes of every response it received (theme assets and figures included, uncompressed), the
number of requests, the external requests it attempted; then Lighthouse (mobile defaults) gives
its four category scores and the largest contentful paint. The same figures follow for pages of
a stock Jupyter Book 1 site (`jupyter-book create`), built in the same run with the same venv.

The page loading and byte counting here are also what `tests/test_browser.py` checks against
the budget, so the numbers printed and the numbers tested are the same numbers.

    .venv/bin/python tools/measure.py [--pages notebooks/overview.html ...] [--no-lighthouse]
                                      [--runs 3] [--no-stock] [--json FILE] [--html DIR]

Lighthouse runs Debian's Chromium headless with every host but localhost unresolvable, so a
page's attempts to reach other hosts fail at once, as they would for a reader offline.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The site and browser helpers are the tests' (tests/harness), so the pages measured here are
# loaded exactly as the tests load them.
sys.path.insert(0, str(ROOT / "tests"))
from harness.chromium import (  # noqa: E402
    BUDGET_BYTES,
    CHROMIUM,
    CHROMIUM_ARGS,
    PageLoad,
    launch,
    load_pages,
    open_page,
)
from harness.website import browser_pages, serve, site_pages  # noqa: E402

__all__ = ["BUDGET_BYTES", "PageLoad", "browser_pages", "launch", "open_page", "site_pages"]
HTML = ROOT / "_build" / "html"
BIN = Path(sys.executable).parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"


# --------------------------------------------------------------------------- lighthouse

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse(url: str, workdir: Path) -> dict:
    """Lighthouse with its mobile defaults; every non-local host fails to resolve."""
    out = workdir / "lighthouse.json"
    flags = " ".join(
        [
            "--headless=new",
            *CHROMIUM_ARGS,
            '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"',
        ]
    )
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={flags}",
        "--only-categories=" + ",".join(CATEGORIES),
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    if result.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    failing = {
        c: [
            ref["id"]
            for ref in report["categories"][c]["auditRefs"]
            if ref.get("weight")
            and (report["audits"][ref["id"]].get("score") or 0) < 0.9
            and report["audits"][ref["id"]].get("scoreDisplayMode")
            not in ("notApplicable", "manual", "informative")
        ]
        for c in CATEGORIES
    }
    return {
        **scores,
        "lcp_ms": round(report["audits"]["largest-contentful-paint"]["numericValue"]),
        "fcp_ms": round(report["audits"]["first-contentful-paint"]["numericValue"]),
        "speed_index_ms": round(report["audits"]["speed-index"]["numericValue"]),
        "tbt_ms": round(report["audits"]["total-blocking-time"]["numericValue"]),
        "cls": round(report["audits"]["cumulative-layout-shift"]["numericValue"], 3),
        "lighthouse_bytes": round(report["audits"]["total-byte-weight"]["numericValue"]),
        "failing_audits": failing,
    }


def lighthouse_median(url: str, workdir: Path, runs: int) -> dict:
    """The median of `runs` Lighthouse runs by performance score (all figures from that run),
    with every run's performance score: Lighthouse simulates a slow phone from one observed
    load, and which requests happen to finish before the observed first paint varies from run
    to run (on these pages by up to 5 points), so its authors advise the median of several."""
    reports = sorted(
        (lighthouse(url, workdir) for _ in range(runs)), key=lambda r: r["performance"]
    )
    return {**reports[len(reports) // 2], "performance_runs": [r["performance"] for r in reports]}


# --------------------------------------------------------------------------- stock book


def build_stock_book(workdir: Path) -> Path:
    """`jupyter-book create` then build it with this venv; returns its _build/html."""
    book = workdir / "stockbook"
    jb = str(BIN / "jupyter-book")
    for cmd in ([jb, "create", str(book)], [jb, "build", str(book), "--builder", "html", "-q"]):
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(cmd)} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
            )
    return book / "_build" / "html"


# --------------------------------------------------------------------------- report


def measure_site(
    html: Path, pages: list[str], with_lighthouse: bool, workdir: Path, runs: int = 1
) -> dict:
    rows = {}
    with serve(html) as base:
        loads = load_pages(base, pages)
        for page_path, load in loads.items():
            row = {
                "bytes": load.total_bytes,
                "requests": load.requests,
                "external": len(load.external),
                "external_urls": load.external,
                "failed": load.failed,
                "console_errors": load.console_errors,
                "largest": [(r.url.removeprefix(base), r.size) for r in load.largest(3)],
            }
            if with_lighthouse:
                print(f"  lighthouse {page_path} ...", file=sys.stderr, flush=True)
                row.update(lighthouse_median(base + page_path, workdir, runs))
            rows[page_path] = row
    return rows


def format_table(title: str, rows: dict) -> str:
    head = f"{'page':<34} {'bytes':>10} {'req':>4} {'ext':>4}   {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'LCP ms':>7}  runs"
    lines = [title, head, "-" * len(head)]
    for page, r in rows.items():
        lh = (
            (
                f"{r['performance']:>4} {r['accessibility']:>4} {r['best-practices']:>4} {r['seo']:>4} "
                f"{r['lcp_ms']:>7}  {'/'.join(map(str, r.get('performance_runs', [])))}"
            )
            if "performance" in r
            else f"{'-':>4} {'-':>4} {'-':>4} {'-':>4} {'-':>7}"
        )
        flag = " OVER BUDGET" if r["bytes"] > BUDGET_BYTES else ""
        lines.append(
            f"{page:<34} {r['bytes']:>10,} {r['requests']:>4} {r['external']:>4}   {lh}{flag}"
        )
    return "\n".join(lines)


SIDE_BY_SIDE = [
    ("bytes on first load", "bytes", max),
    ("requests", "requests", max),
    ("external requests attempted", "external", max),
    ("Lighthouse performance", "performance", min),
    ("Lighthouse accessibility", "accessibility", min),
    ("Lighthouse best practices", "best-practices", min),
    ("Lighthouse SEO", "seo", min),
    ("largest contentful paint, ms", "lcp_ms", max),
]


def format_side_by_side(book: dict, stock: dict, stock_page: str) -> str:
    """This book's worst and median page beside one page of the stock book."""
    title = f"{'':<30} {'book, worst page':>17} {'book, median':>13} {'stock ' + stock_page:>24}"
    lines = ["Side by side", title, "-" * len(title)]
    for label, key, worst in SIDE_BY_SIDE:
        values = sorted(r[key] for r in book.values() if key in r)
        if not values or key not in stock.get(stock_page, {}):
            continue
        median = values[len(values) // 2]
        lines.append(
            f"{label:<30} {worst(values):>17,} {median:>13,} {stock[stock_page][key]:>24,}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", nargs="*", help="pages of the book (default: all)")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="Lighthouse runs a page; the median one is reported (default: %(default)s)",
    )
    parser.add_argument("--no-stock", action="store_true")
    parser.add_argument("--stock-pages", nargs="*", default=["intro.html", "notebooks.html"])
    parser.add_argument("--json", type=Path, help="also write all figures to this JSON file")
    parser.add_argument(
        "--html", type=Path, default=HTML, help="the built site (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    html = args.html.resolve()
    if not (html / "index.html").is_file():
        print("no built site in _build/html: run `make html` first", file=sys.stderr)
        return 2
    if not args.no_lighthouse and not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: run `npm ci` first", file=sys.stderr)
        return 2
    pages = args.pages or site_pages(html)
    workdir = Path(tempfile.mkdtemp(prefix="measure-"))
    try:
        print(f"measuring {len(pages)} pages of {html} ...", file=sys.stderr, flush=True)
        book = measure_site(html, pages, not args.no_lighthouse, workdir, args.runs)
        result = {"book": book}
        print(
            format_table(
                "This book (first load of a fresh browser, uncompressed; "
                f"budget {BUDGET_BYTES:,} bytes a page)",
                book,
            )
        )
        if not args.no_stock:
            print(
                "building a stock Jupyter Book 1 site (jupyter-book create) ...",
                file=sys.stderr,
                flush=True,
            )
            stock_html = build_stock_book(workdir)
            stock = measure_site(
                stock_html, args.stock_pages, not args.no_lighthouse, workdir, args.runs
            )
            result["stock"] = stock
            print()
            print(format_table("Stock Jupyter Book 1 site, same venv, same measurement", stock))
            print()
            print(format_side_by_side(book, stock, args.stock_pages[-1]))
        print(
            "\nreq: requests made; ext: requests to other hosts attempted (blocked); "
            "scores: Lighthouse mobile defaults, served uncompressed from localhost, the median of "
            f"{args.runs} runs (runs: every run's performance score)"
        )
        over = [p for p, r in book.items() if r["bytes"] > BUDGET_BYTES]
        for page, r in book.items():
            if r["external"]:
                print(f"{page}: external requests attempted: {r['external_urls']}")
            for category, audits in r.get("failing_audits", {}).items():
                if audits:
                    print(f"{page}: {category} audits scoring under 0.9: {', '.join(audits)}")
        if args.json:
            args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
        return 1 if over else 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
