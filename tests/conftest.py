"""What every test may ask for, and how the suite is grouped and kept out of the checkout.

Groups (README, "The tests"), given by the fixtures a test asks for, so nobody has to remember
a mark:
- `unit`: needs nothing but the sources (no mark; `pytest -m "not slow"`);
- `book`: reads the built book in `_build` (`built_html`, `built_pdf`);
- `browser`: loads pages in Chromium (`browser`);
- `rebuild`: builds a copy of the book (`second_build`, or marked `rebuild` by hand);
- `exhaustive`: the edit-every-input sweep, only in `make test-exhaustive`.
`slow` is every group but `unit`. Under pytest-xdist the browser tests of one module keep to one
worker (with that worker's one Chromium) and each kind of rebuild keeps to one worker
(`xdist_group`), while the unit tests spread over all.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # `harness`, as pytest does for conftest

from harness.checkout import changed_files, snapshot  # noqa: E402
from harness.chromium import CHROMIUM, launch  # noqa: E402
from harness.groups import ungrouped, ungrouped_message  # noqa: E402
from harness.paths import ARTIFACTS, HTML, PDF  # noqa: E402
from harness.shared_build import SharedBuild, run_folder, shared_build  # noqa: E402

# Hypothesis keeps its caches (and would keep found examples) in `.hypothesis` of the working
# folder: in the tests' artifacts instead, so nothing is written inside the checkout.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(ARTIFACTS / "hypothesis"))

BOOK_FIXTURES = {"built_html", "built_pdf"}
GROUPS = ("book", "browser", "rebuild", "exhaustive")


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the controlling process, not an xdist worker
        config._checkout_before = snapshot()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """No test writes inside the checkout: every file there (the built book included) is as it
    was when the run started. Fails the run, naming the files, when one was written."""
    _write_timeline()
    before = getattr(session.config, "_checkout_before", None)
    if before is None:
        return
    changed = changed_files(before, snapshot())
    if changed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        listed = "\n  ".join(changed[:40])
        message = f"tests wrote inside the checkout ({len(changed)} files):\n  {listed}"
        if reporter:
            reporter.write_line(message, red=True)
        else:
            print(message, file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


#: Groups that take minutes, longest first: pytest-xdist hands groups out in the order it meets
#: them, so these start at once instead of after the quick tests.
LONG_GROUPS = ("second-build", "rebuild-edits", "reader-environment", "kernels", "hostile-build")


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test is marked with the group its fixtures put it in (see the module docstring), and
    the long groups are moved to the front."""
    for item in items:
        needs = set(getattr(item, "fixturenames", ()))
        if needs & BOOK_FIXTURES:
            item.add_marker(pytest.mark.book)
        if "browser" in needs:
            item.add_marker(pytest.mark.browser)
        if "second_build" in needs:
            item.add_marker(pytest.mark.rebuild)
        if any(item.get_closest_marker(g) for g in GROUPS):
            item.add_marker(pytest.mark.slow)
        if item.get_closest_marker("xdist_group"):
            continue
        if item.get_closest_marker("browser"):  # one group a module: a worker, one Chromium
            item.add_marker(pytest.mark.xdist_group(f"browser-{item.module.__name__}"))
        elif "second_build" in needs:
            item.add_marker(pytest.mark.xdist_group("second-build"))
    items.sort(key=_start_order)


#: Set when pytest-xdist did not apply the groups (harness.groups): every test then fails at once.
_GROUPS_PROBLEM: list[str] = []


def pytest_collection_finish(session: pytest.Session) -> None:
    """Under `--dist loadgroup`, every grouped test's id must carry its group: otherwise the
    groups would silently spread over all workers (harness.groups)."""
    if getattr(session.config.option, "loadgroup", False):  # set in xdist workers only
        missing = ungrouped(session.items)
        if missing:
            _GROUPS_PROBLEM.append(ungrouped_message(missing))


def pytest_runtest_setup(item: pytest.Item) -> None:
    if _GROUPS_PROBLEM:
        item.session.shouldstop = _GROUPS_PROBLEM[0]
        pytest.fail(_GROUPS_PROBLEM[0], pytrace=False)


def _start_order(item: pytest.Item) -> tuple[int, str]:
    """Long groups first (each worker takes one), then the quick tests that run on their own
    (pytest-xdist gives every worker a second unit at once: a quick one does not wait behind
    a long group), then the browser modules, which take the workers as they come free.
    `make test` passes `--no-loadscope-reorder`, or pytest-xdist would reorder the groups by
    their number of tests."""
    group = item.get_closest_marker("xdist_group")
    name = group.args[0] if group and group.args else ""
    if name in LONG_GROUPS:
        return LONG_GROUPS.index(name), name
    if name.startswith("browser-"):
        return len(LONG_GROUPS) + 1, name
    return len(LONG_GROUPS), name


#: When `EUCASIA_TEST_TIMELINE` names a folder (tools/testtimes.py sets it), each process writes
#: there when each of its tests started and ended, with its groups: `make measure` reads the
#: wall time of each group from it.
_TIMELINE: list[dict] = []


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem):
    start = time.time()
    yield
    if os.environ.get("EUCASIA_TEST_TIMELINE"):
        group = item.get_closest_marker("xdist_group")
        _TIMELINE.append(
            {
                "test": item.nodeid.split("@")[0],
                "start": start,
                "end": time.time(),
                "worker": os.environ.get("PYTEST_XDIST_WORKER", "main"),
                "marks": sorted(g for g in GROUPS if item.get_closest_marker(g)),
                "xdist_group": group.args[0] if group and group.args else None,
            }
        )


def _write_timeline() -> None:
    folder = os.environ.get("EUCASIA_TEST_TIMELINE")
    if folder and _TIMELINE:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        Path(folder, f"timeline-{worker}.json").write_text(json.dumps(_TIMELINE), "utf-8")


@pytest.fixture(scope="session")
def built_html() -> Path:
    if not (HTML / "index.html").is_file():
        pytest.fail("the HTML book is not built: run `make book` first (make test does)")
    return HTML


@pytest.fixture(scope="session")
def built_pdf() -> Path:
    if not PDF.is_file():
        pytest.fail(f"the PDF edition is missing at {PDF}: run `make book` first (make test does)")
    return PDF


@pytest.fixture(scope="session")
def second_build(tmp_path_factory, built_html: Path, built_pdf: Path) -> SharedBuild:
    """The run's one second build of the book, from nothing and offline (see
    `harness.shared_build`): made by the first process that asks, read by every other."""
    shared = shared_build(run_folder(tmp_path_factory))
    problem = shared.failure()
    if problem:
        pytest.fail(problem)
    return shared


@pytest.fixture(scope="session")
def browser():
    """One Chromium for every browser test of the process (Playwright's sync API allows one
    running instance per thread: two test files each starting their own would collide)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (make test-tools)")
    with sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()


def pytest_report_header(config: pytest.Config) -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"checkout guard: {'worker ' + worker if worker else 'on'}"
