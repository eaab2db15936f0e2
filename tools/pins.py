"""Read the exact pins of the book's two environments, the single source of versions.

- `environment.yml` (pip section): the **reader** environment. Binder builds it with conda for a
  reader who runs and changes the chapters: the book stack, JupyterLab, jupytext, and everything
  they require. Nothing for testing or linting.
- `requirements-dev.txt`: the **dev** tools (tests, lint, workflow audit, Binder's builder) and
  the packages only they require. `make` installs them on top of the reader pins into `.venv`.

A package is pinned in exactly one of the two files. `make lock` (tools/lock.py) rewrites both
from `.venv`, sorting each installed package by the requirement graph: reachable from
READER_ROOTS → environment.yml; else reachable from DEV_ROOTS → requirements-dev.txt.
This script is stdlib-only because it runs before any package is installed.

    python3 tools/pins.py requirements [reader|dev]  # print the pins (both files by default)
    python3 tools/pins.py check        # compare with the running interpreter's installed packages
    python3 tools/pins.py freeze       # the installed environment, for make's stamp
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV_FILE = ROOT / "environment.yml"
DEV_FILE = ROOT / "requirements-dev.txt"
PIN = re.compile(r"^\s+-\s+([A-Za-z0-9_.\-\[\]]+)==([A-Za-z0-9_.+\-!]+)\s*$")
DEV_PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([A-Za-z0-9_.+\-!]+)\s*(?:#.*)?$")

#: What a reader's environment is for: the packages the book's code, configuration and
#: notebooks use directly, and the tools to run and change the chapters (JupyterLab opening the
#: `.md` chapters through jupytext). Their requirements, transitively, complete environment.yml.
READER_ROOTS = (
    "jupyter-book",  # 1.0.x: _config.yml, _toc.yml, Sphinx
    "myst-nb",
    "sphinx",
    "sphinxcontrib-bibtex",
    "sphinx-sitemap",
    "sphinxext-opengraph",
    "docutils",
    "jupyter-cache",
    "pandas",
    "numpy",
    "networkx",
    "matplotlib",
    "scipy",
    "frictionless",
    "krippendorff",  # coder agreement of the implementation tracker
    "fonttools",  # book/_ext/eucasia_site.py cuts the icon fonts
    "ipython",
    "ipykernel",
    "jupytext",
    "jupyterlab",
)
#: What only the maintainers need: the tests (pytest, the browser checks), lint, the workflow
#: audit and Binder's builder (asked for its plan in tests/test_binder.py); pytest-xdist runs the
#: suite's groups side by side.
DEV_ROOTS = (
    "pytest",
    "pytest-xdist",
    "hypothesis",
    "playwright",
    "axe-playwright-python",
    "ruff",
    "zizmor",
    "jupyter-repo2docker",
)


def canonical(name: str) -> str:
    """PEP 503 normalised project name, so `Sphinx` and `sphinx` compare equal."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _add(pins: dict[str, str], where: str, raw_name: str, version: str) -> None:
    name = canonical(raw_name.split("[")[0])
    if name in pins:
        raise SystemExit(f"{where}: {name} pinned twice")
    pins[name] = version


def read_pins(env_file: Path = ENV_FILE) -> dict[str, str]:
    """The reader pins: {name: version} for every `- name==version` line of the `pip:` section."""
    pins: dict[str, str] = {}
    in_pip = False
    for number, line in enumerate(env_file.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(r"^\s+-\s+pip:\s*$", line):
            in_pip = True
            continue
        if not in_pip or not line.strip() or line.lstrip().startswith("#"):
            continue
        match = PIN.match(line)
        if not match:
            raise SystemExit(f"{env_file}:{number}: not an exact pin 'name==version': {line!r}")
        _add(pins, f"{env_file}:{number}", match.group(1), match.group(2))
    if not pins:
        raise SystemExit(f"{env_file}: no pins found under '- pip:'")
    return pins


def read_dev_pins(dev_file: Path = DEV_FILE) -> dict[str, str]:
    """The dev pins: {name: version} for every `name==version` line of requirements-dev.txt
    (comments and blank lines aside; anything else, such as `>=` or `-r`, is refused)."""
    pins: dict[str, str] = {}
    for number, line in enumerate(dev_file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = DEV_PIN.match(line.strip())
        if not match:
            raise SystemExit(f"{dev_file}:{number}: not an exact pin 'name==version': {line!r}")
        _add(pins, f"{dev_file}:{number}", match.group(1), match.group(2))
    if not pins:
        raise SystemExit(f"{dev_file}: no pins found")
    return pins


def overlap(reader: dict[str, str], dev: dict[str, str]) -> list[str]:
    """Packages pinned in both files (each belongs in one)."""
    return [
        f"{name}: pinned in environment.yml ({reader[name]}) and requirements-dev.txt ({dev[name]})"
        for name in sorted(set(reader) & set(dev))
    ]


def all_pins() -> dict[str, str]:
    """Reader ∪ dev pins; stops when a package is pinned in both."""
    reader, dev = read_pins(), read_dev_pins()
    problems = overlap(reader, dev)
    if problems:
        raise SystemExit("\n".join(problems))
    return {**reader, **dev}


def installed() -> dict[str, str]:
    """Installed distributions of this interpreter, normalised."""
    return {canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}


def drift(pins: dict[str, str], have: dict[str, str], ignore: set[str]) -> list[str]:
    """Human-readable differences between the pins and what is installed."""
    problems = []
    for name, version in sorted(pins.items()):
        if have.get(name) != version:
            problems.append(f"{name}: pinned {version}, installed {have.get(name, 'nothing')}")
    for name in sorted(set(have) - set(pins) - ignore):
        problems.append(
            f"{name}: installed {have[name]} but pinned in neither environment.yml nor "
            "requirements-dev.txt"
        )
    return problems


# Installed by the venv itself or by `pip install -e .`, not by the pins.
NOT_PINNED = {"pip", "setuptools", "wheel", "eucasia"}


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "requirements"
    if command == "requirements":
        which = argv[2] if len(argv) > 2 else "all"
        both = all_pins()  # refuses a package pinned in both files, whichever is printed
        if which not in ("reader", "dev", "all"):
            raise SystemExit(f"unknown environment {which!r}; use 'reader', 'dev' or 'all'")
        pins = {"reader": read_pins, "dev": read_dev_pins, "all": lambda: both}[which]()
        print("\n".join(f"{name}=={version}" for name, version in sorted(pins.items())))
        return 0
    if command == "check":
        problems = drift(all_pins(), installed(), NOT_PINNED)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    if command == "freeze":
        print(f"python {sys.version.split()[0]} {sys.implementation.name}")
        print("\n".join(f"{n}=={v}" for n, v in sorted(installed().items())))
        return 0
    raise SystemExit(f"unknown command {command!r}; use 'requirements', 'check' or 'freeze'")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
