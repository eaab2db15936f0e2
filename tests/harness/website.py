"""The built site as the tests (and `make measure`) see it: served from localhost, listed by page.

Shared by the browser tests and `tools/measure.py`, so the pages tested and the pages measured
are the same pages, served the same way.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import socketserver
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from harness.paths import HTML

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
