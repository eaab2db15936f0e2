"""The one second build of the suite: the book built again from nothing, HTML and PDF, offline.

Several checks need a book built from nothing beside the one in `_build`: that two builds are
identical, that the book builds with no network, that a second `make html` does nothing, and how
long each chapter takes to execute. Each used to make its own build; now one build, made once
per test run in a copy of the repository outside the checkout, serves them all.

The build is made behind a file lock in the run's temporary folder, so under pytest-xdist the
first worker that asks builds it and the others wait and read the same result (a failed build is
recorded too, so no worker tries again). Where the suite runs as root, every step runs in a new
network namespace with only loopback up (`unshare -n`): the build that the determinism checks
compare is then also the proof that the book needs no network.

Steps, each timed, its log kept beside the copy:
1. `clean-html`: `make html` in the fresh copy (every chapter executes);
2. `pdf`: `make pdf` on that execution cache;
3. `noop-make`: `make html` again (make must find every input unchanged and skip Jupyter Book);
4. `noop-jupyter-book`: `jupyter-book build` itself again (the cache must serve every chapter).

No test edits this copy: the checks that edit and rebuild (`test_rebuild_edits.py`) start from a
copy of the checkout's own build instead, on their own worker, so they need not wait for this one.
"""

from __future__ import annotations

import fcntl
import json
import os
import shlex
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from harness.commands import can_go_offline, offline, run
from harness.notebooks import executed_notebooks
from harness.paths import BIN, JB_FLAGS, JUPYTER_BOOK
from harness.repository import copy_repository

#: What `make html` / `make pdf` print when the inputs' digest is unchanged.
SKIPPED = "nothing changed since the last build"
STEPS = ("clean-html", "pdf", "noop-make", "noop-jupyter-book")


@dataclass
class Step:
    """One timed command of the shared build."""

    name: str
    seconds: float
    returncode: int
    log: str  # path of the full output
    executed: dict[str, float] = field(default_factory=dict)
    skipped: bool = False  # make found nothing changed


@dataclass
class SharedBuild:
    """The copy the book was built in, whether the build was offline, and each step."""

    book: Path
    offline: bool
    steps: dict[str, Step]

    @property
    def build(self) -> Path:
        """The outputs as built, for reading (no test edits them)."""
        return self.book / "_build"

    def failure(self) -> str | None:
        """Why the build is unusable, in words (with the log's tail), or None."""
        for name in STEPS:
            step = self.steps.get(name)
            if step is None:
                return f"the shared build never ran its step {name!r}"
            if step.returncode:
                tail = Path(step.log).read_text(encoding="utf-8")[-4000:]
                return f"the shared build's step {name!r} failed ({step.returncode}):\n{tail}"
        return None


def make_command(target: str) -> list[str]:
    """`make TARGET` in a copy with the suite's venv, whose stamp make must take as up to date
    (`-o`): the copy has no venv of its own, and make must never rebuild the real one."""
    venv = BIN.parent
    return [
        "make",
        "--no-print-directory",
        f"VENV={venv}",
        "-o",
        str(venv / ".pins-installed"),
        target,
    ]


def _step(name: str, cmd: list[str], book: Path, cut_off: bool) -> Step:
    if cut_off:
        cmd = offline(shlex.join(cmd))
    start = time.perf_counter()
    # The copy's own package first, so the kernels and the book's extension run the copy's code.
    result = run(cmd, cwd=book, timeout=1800, env={"PYTHONPATH": str(book)})
    seconds = round(time.perf_counter() - start, 1)
    log = book.parent / f"{name}.log"
    text = result.stdout + result.stderr
    log.write_text(text, encoding="utf-8")
    return Step(
        name, seconds, result.returncode, str(log), executed_notebooks(text), SKIPPED in text
    )


def _build(folder: Path) -> SharedBuild:
    book = copy_repository(folder / "book")
    cut_off = can_go_offline()
    commands = {
        "clean-html": make_command("html"),
        "pdf": make_command("pdf"),
        "noop-make": make_command("html"),
        "noop-jupyter-book": [JUPYTER_BOOK, "build", ".", "--builder", "html", *JB_FLAGS],
    }
    steps: dict[str, Step] = {}
    for name, cmd in commands.items():
        steps[name] = _step(name, cmd, book, cut_off)
        if steps[name].returncode:
            break
    return SharedBuild(book, cut_off, steps)


def _save(shared: SharedBuild, state: Path) -> None:
    data = {"book": str(shared.book), "offline": shared.offline}
    data["steps"] = {name: asdict(step) for name, step in shared.steps.items()}
    state.write_text(json.dumps(data, indent=1), encoding="utf-8")


def _load(state: Path) -> SharedBuild:
    data = json.loads(state.read_text(encoding="utf-8"))
    steps = {name: Step(**step) for name, step in data["steps"].items()}
    return SharedBuild(Path(data["book"]), data["offline"], steps)


def shared_build(run_folder: Path) -> SharedBuild:
    """The run's shared build, made now if no process of this run has made it yet.

    `run_folder` is the temporary folder all processes of one test run share (pytest-xdist's
    workers: the parent of their own base folders).
    """
    folder = run_folder / "shared-build"
    folder.mkdir(exist_ok=True)
    state = folder / "state.json"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if state.is_file():
            return _load(state)
        shared = _build(folder)
        _save(shared, state)
        return shared


def run_folder(tmp_path_factory) -> Path:
    """The temporary folder every process of this run shares (xdist's workers each get a
    subfolder of it; a run without xdist has its own)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


__all__ = [
    "SKIPPED", "SharedBuild", "Step", "run_folder",
    "shared_build",
]  # fmt: skip
