"""The book builds with no network at all (a new network namespace: `unshare -n`).

The build runs in a copy of the repository in a temporary directory, with the execution cache
copied along so that it stays fast, and nothing but loopback up (the Jupyter kernels talk to
the build over 127.0.0.1). Needs root (to create the namespace) and iproute2.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

import pytest
from conftest import BIN, copy_repository, run

from eucasia.build.site.offline import remote_fetches


def offline(command: str) -> list[str]:
    """`command` in a shell inside a namespace with no network but loopback."""
    return ["unshare", "-n", "sh", "-c", f"ip link set lo up && {command}"]


@pytest.fixture(scope="module")
def can_unshare() -> None:
    if os.geteuid() != 0:
        pytest.skip("creating a network namespace needs root (CI runs as root)")
    for tool in ("unshare", "ip"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: apt-get install util-linux iproute2")


@pytest.mark.slow
def test_namespace_has_no_network(can_unshare) -> None:
    """The namespace the build runs in really is cut off (else the next test proves nothing)."""
    probe = (
        f'{shlex.quote(sys.executable)} -c "import socket; '
        "socket.create_connection(('1.1.1.1', 443), timeout=5)\""
    )
    result = run(offline(probe), timeout=60)
    assert result.returncode != 0
    assert "unreachable" in result.stderr.lower(), result.stderr


@pytest.mark.slow
def test_book_builds_with_no_network(can_unshare, tmp_path: Path) -> None:
    book = copy_repository(tmp_path / "book", with_cache=True)
    build = shlex.join(
        [str(BIN / "jupyter-book"), "build", ".", "--builder", "html", "-W", "-n", "--keep-going"]
    )
    result = run(offline(build), cwd=book, timeout=900)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-5000:]
    html = book / "_build" / "html"
    pages = sorted(html.glob("notebooks/*.html")) + sorted(html.glob("book/*.html"))
    assert len(pages) >= 5, pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert remote_fetches(text) == [], page
        assert "Traceback (most recent call last)" not in text, page
