"""The book builds with no network at all (a new network namespace: `unshare -n`).

The suite's shared second build (`harness.shared_build`) runs every step, from a copy with no
execution cache to the PDF, inside a namespace with nothing but loopback up (the Jupyter kernels
talk to the build over 127.0.0.1), so these checks read that build instead of making their own.
Cutting off the network needs root (CI runs as root) and iproute2.
"""

from __future__ import annotations

import os
import shlex
import sys

import pytest
from harness.commands import can_go_offline, offline, run
from harness.shared_build import SharedBuild

from eucasia.assembly.site.offline import remote_fetches


@pytest.fixture(scope="module")
def can_unshare() -> None:
    if os.geteuid() != 0:
        pytest.skip("creating a network namespace needs root (CI runs as root)")
    if not can_go_offline():
        pytest.fail("unshare or ip is missing: apt-get install util-linux iproute2")


@pytest.mark.rebuild
def test_namespace_has_no_network(can_unshare) -> None:
    """The namespace the build runs in really is cut off (else the next test proves nothing)."""
    probe = (
        f'{shlex.quote(sys.executable)} -c "import socket; '
        "socket.create_connection(('1.1.1.1', 443), timeout=5)\""
    )
    result = run(offline(probe), timeout=60)
    assert result.returncode != 0
    assert "unreachable" in result.stderr.lower(), result.stderr


def test_book_builds_with_no_network(can_unshare, second_build: SharedBuild) -> None:
    assert second_build.offline, "the shared build ran with the network up"
    html = second_build.build / "html"
    pages = sorted(html.glob("notebooks/*.html")) + sorted(html.glob("book/*.html"))
    assert len(pages) >= 5, pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert remote_fetches(text) == [], page
        assert "Traceback (most recent call last)" not in text, page
    assert (second_build.build / "latex" / "book.pdf").is_file(), "no PDF from the offline build"
