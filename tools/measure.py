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
import contextlib
import functools
import http.server
import json
import os
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
#: The first-load budget of every page: the sum of all responses, uncompressed.
BUDGET_BYTES = 1_000_000
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
#: Built files that are not pages (theme template fragments copied into _static).
NOT_PAGES = ("_static/", "_images/", "_downloads/", "_sources/", "_pdf/")


# --------------------------------------------------------------------------- serving


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, uncompressed, over keep-alive HTTP/1.1 (as any static host serves them),
    without a log line per request."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature of the base class
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address) -> None:
        # A browser that navigates away (the root page's redirect) drops its connections.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on a free localhost port in a thread; yields the base URL (with /)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name=f"http {directory}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def site_pages(html: Path = HTML) -> list[str]:
    """Every HTML page of a built site, as paths relative to its root (index.html first)."""
    pages = sorted(
        p.relative_to(html).as_posix()
        for p in html.rglob("*.html")
        if not p.relative_to(html).as_posix().startswith(NOT_PAGES)
    )
    return sorted(pages, key=lambda p: (p != "index.html", p))


#: Pages generated from one template, one per record: a browser checks a sample of them.
TEMPLATED = ("actors/",)


def browser_pages(html: Path = HTML) -> list[str]:
    """The pages a browser loads in the tests: every page, except that of the pages generated
    from one template (`TEMPLATED`: one per actor) it takes the index, the heaviest and the
    lightest page and the EU's. The template's checks are the same on each; loading all of them
    with axe at two widths and two colour modes would add a quarter of an hour to every run,
    while the static checks (links, metadata, markup) still read every page."""
    pages = site_pages(html)
    kept = [p for p in pages if not p.startswith(TEMPLATED)]
    for prefix in TEMPLATED:
        family = [p for p in pages if p.startswith(prefix) and not p.endswith("/index.html")]
        if not family:
            continue
        by_size = sorted(family, key=lambda p: ((html / p).stat().st_size, p))
        sample = {by_size[0], by_size[-1], prefix + "index.html", prefix + "eu.html"}
        kept += sorted(p for p in sample if (html / p).is_file())
    return sorted(kept, key=lambda p: (p != "index.html", p))


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-extension", "chrome"):
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


# --------------------------------------------------------------------------- loading


@dataclass
class Response:
    url: str
    status: int
    size: int
    kind: str


@dataclass
class PageLoad:
    """What a fresh browser did for one page."""

    url: str
    responses: list[Response] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return sum(r.size for r in self.responses)

    @property
    def requests(self) -> int:
        return len(self.responses) + len(self.failed)

    def largest(self, n: int = 5) -> list[Response]:
        return sorted(self.responses, key=lambda r: r.size, reverse=True)[:n]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@contextlib.contextmanager
def open_page(browser, url: str, viewport: dict | None = None) -> Iterator[tuple[object, PageLoad]]:
    """Load `url` in a fresh context, every non-local request aborted and recorded.

    Yields the Playwright page (still open, for further checks) and its PageLoad, whose byte
    count covers everything the page fetched up to full load, idle network and a scroll to the
    bottom (so that lazily loaded images count too).
    """
    context = browser.new_context(
        viewport=viewport or {"width": 1280, "height": 900}, service_workers="block"
    )
    page = context.new_page()
    record = PageLoad(url=url)
    raw: list = []

    def route(route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            record.external.append(route.request.url)
            route.abort("blockedbyclient")

    def on_failed(request) -> None:
        if is_local(request.url) and not request.url.startswith("data:"):
            record.failed.append(f"{request.url} ({request.failure})")

    def on_console(message) -> None:
        if message.type == "error":
            record.console_errors.append(message.text)

    page.route("**/*", route)
    page.on("response", lambda response: raw.append(response))
    page.on("requestfailed", on_failed)
    page.on("console", on_console)
    page.on("pageerror", lambda error: record.console_errors.append(f"uncaught: {error}"))
    try:
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        # A reader who reads to the end loads every figure: lazy images count too.
        page.evaluate(
            "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
        )
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        page.wait_for_function("[...document.images].every(i => i.complete)")
        page.evaluate("window.scrollTo(0, 0)")
        for response in raw:
            if not is_local(response.url) or response.url.startswith("data:"):
                continue
            try:
                size = len(response.body())
            except Exception:  # redirects and aborted bodies have none
                size = 0
            record.responses.append(
                Response(response.url, response.status, size, response.request.resource_type)
            )
        yield page, record
    finally:
        context.close()


def load_pages(base_url: str, pages: list[str]) -> dict[str, PageLoad]:
    from playwright.sync_api import sync_playwright

    loads = {}
    with sync_playwright() as p:
        browser = launch(p)
        try:
            for page_path in pages:
                with open_page(browser, base_url + page_path) as (_, record):
                    loads[page_path] = record
        finally:
            browser.close()
    return loads


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
