"""Read the exact pip pins from environment.yml, the single source of versions.

Binder builds environment.yml with conda; `make` and CI install the same pins with pip.
This script is stdlib-only because it runs before any package is installed.

    python3 tools/pins.py requirements   # print the pins, one per line (for pip install -r)
    python3 tools/pins.py check          # compare with the running interpreter's installed packages
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

ENV_FILE = Path(__file__).resolve().parent.parent / "environment.yml"
PIN = re.compile(r"^\s+-\s+([A-Za-z0-9_.\-\[\]]+)==([A-Za-z0-9_.+\-!]+)\s*$")


def canonical(name: str) -> str:
    """PEP 503 normalised project name, so `Sphinx` and `sphinx` compare equal."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(env_file: Path = ENV_FILE) -> dict[str, str]:
    """Return {name: version} for every `- name==version` line of the `pip:` section."""
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
        name = canonical(match.group(1).split("[")[0])
        if name in pins:
            raise SystemExit(f"{env_file}:{number}: {name} pinned twice")
        pins[name] = match.group(2)
    if not pins:
        raise SystemExit(f"{env_file}: no pins found under '- pip:'")
    return pins


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
        problems.append(f"{name}: installed {have[name]} but not pinned in environment.yml")
    return problems


# Installed by the venv itself or by `pip install -e .`, not by the pins.
NOT_PINNED = {"pip", "setuptools", "wheel", "eucasia"}


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "requirements"
    pins = read_pins()
    if command == "requirements":
        print("\n".join(f"{name}=={version}" for name, version in sorted(pins.items())))
        return 0
    if command == "check":
        problems = drift(pins, installed(), NOT_PINNED)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    raise SystemExit(f"unknown command {command!r}; use 'requirements' or 'check'")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
