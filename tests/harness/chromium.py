"""A fresh Chromium page that records what it loaded: bytes, requests, blocked hosts, errors.

Debian's Chromium through Playwright (never `playwright install`, which downloads a browser).
Every request to another host is aborted and recorded, so a page that would reach the internet
fails its check instead of hanging or silently succeeding.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]
#: The first-load budget of every page: the sum of all responses, uncompressed.
BUDGET_BYTES = 1_000_000
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-extension", "chrome"):
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


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
