"""Commands run the way `make` runs them: the same seed, backend and dates."""

from __future__ import annotations

import functools
import os
import subprocess
from pathlib import Path

from harness.paths import BIN, ROOT


def build_environment() -> dict[str, str]:
    """The variables `make` sets for a build (dates from the last commit, not the clock).

    >>> build_environment()["PYTHONHASHSEED"]
    '0'
    """
    env = {
        **os.environ,
        "PYTHONHASHSEED": "0",
        "MPLBACKEND": "Agg",
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.setdefault("SOURCE_DATE_EPOCH", _last_commit_time())
    return env


@functools.cache
def _last_commit_time() -> str:
    commit = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True
    )
    return commit.stdout.strip() or "0"


def run(
    cmd: list[str], cwd: Path = ROOT, timeout: int = 900, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run a command with make's environment, capturing text output; never raises on a non-zero
    exit (the caller asserts, showing the output)."""
    return subprocess.run(
        cmd,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**build_environment(), **(env or {})},
    )


def offline(command: str) -> list[str]:
    """`command` in a shell inside a new network namespace with only loopback up (the Jupyter
    kernels talk to the build over 127.0.0.1); needs root and iproute2."""
    return ["unshare", "-n", "sh", "-c", f"ip link set lo up && {command}"]


def can_go_offline() -> bool:
    """Whether this process can cut a command off the network (root, unshare, ip)."""
    import shutil

    return os.geteuid() == 0 and all(shutil.which(t) for t in ("unshare", "ip"))
