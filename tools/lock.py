"""Rewrite the pins of both environments from the packages installed in .venv.

Run through `make lock` after installing or upgrading a package in .venv; review the diff.
Each installed package goes to exactly one file, by the requirement graph of the installed
distributions (`importlib.metadata`, markers evaluated for this Python, a requirement's extras
followed): reachable from `pins.READER_ROOTS` → environment.yml (what Binder gives a reader);
otherwise reachable from `pins.DEV_ROOTS` → requirements-dev.txt. A package reachable from
neither is refused: add it to a root list in tools/pins.py, or uninstall it.
The headers and the conda part of environment.yml are kept as they are.
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pins  # noqa: E402 - tools/pins.py, stdlib only

ENV_FILE = pins.ENV_FILE
DEV_FILE = pins.DEV_FILE
DEV_HEADER = """\
# The dev environment: tests, lint, workflow audit and Binder's builder, with the packages only
# they require. `make` installs these pins on top of environment.yml's (the reader environment)
# into .venv; Binder never sees this file. A package is pinned in one of the two files, never both.
# Update: install the new versions in .venv, then `make lock` and review the diff.
"""


def distributions() -> dict[str, metadata.Distribution]:
    """Installed distributions by canonical name."""
    return {pins.canonical(d.metadata["Name"]): d for d in metadata.distributions()}


def requirements(
    dist: metadata.Distribution, extra: str = ""
) -> list[tuple[str, frozenset[str], Requirement]]:
    """What `dist` requires on this Python: without `extra`, its unconditional requirements
    (markers evaluated with no extra); with it, the ones that extra adds."""
    found = []
    for line in dist.requires or []:
        req = Requirement(line)
        marker = str(req.marker) if req.marker else ""
        if extra:
            if "extra" not in marker or not req.marker.evaluate({"extra": extra}):
                continue
        elif req.marker and not req.marker.evaluate({"extra": ""}):
            continue
        found.append((pins.canonical(req.name), frozenset(req.extras), req))
    return found


def closure(roots, dists: dict[str, metadata.Distribution]) -> tuple[set[str], list[str]]:
    """Every package `roots` need, transitively (with the extras their requirements ask for),
    and the requirements no installed distribution provides."""
    seen: set[tuple[str, str]] = set()
    names: set[str] = set()
    missing: list[str] = []
    stack = [(pins.canonical(r), frozenset()) for r in roots]
    while stack:
        name, extras = stack.pop()
        if name not in dists:
            missing.append(name)
            continue
        for extra in ("", *sorted(extras)):
            if (name, extra) in seen:
                continue
            seen.add((name, extra))
            names.add(name)
            stack += [(n, e) for n, e, _ in requirements(dists[name], extra)]
    return names, sorted(set(missing))


def split(dists: dict[str, metadata.Distribution]) -> tuple[set[str], set[str], list[str]]:
    """(reader, dev, problems) for the installed distributions."""
    reader, missing_r = closure(pins.READER_ROOTS, dists)
    dev, missing_d = closure(pins.DEV_ROOTS, dists)
    dev -= reader
    problems = [f"{name}: required but not installed" for name in missing_r + missing_d]
    for name in sorted(set(dists) - reader - dev - pins.NOT_PINNED):
        problems.append(
            f"{name}: installed but required by no root (tools/pins.py READER_ROOTS, DEV_ROOTS)"
        )
    return reader - pins.NOT_PINNED, dev - pins.NOT_PINNED, problems


def pin_lines(names: set[str], dists: dict[str, metadata.Distribution]) -> list[str]:
    return sorted(
        (f"{dists[n].metadata['Name']}=={dists[n].version}" for n in names), key=str.lower
    )


def write_if_changed(path: Path, text: str) -> bool:
    """Write only new content: an unchanged file keeps its date, so make keeps the venv."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def main() -> int:
    dists = distributions()
    reader, dev, problems = split(dists)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    text = ENV_FILE.read_text(encoding="utf-8")
    head, marker, _ = text.partition("  - pip:\n")
    if not marker:
        raise SystemExit(f"{ENV_FILE}: no '  - pip:' line")
    write_if_changed(
        ENV_FILE, head + marker + "".join(f"      - {pin}\n" for pin in pin_lines(reader, dists))
    )
    old = DEV_FILE.read_text(encoding="utf-8") if DEV_FILE.is_file() else DEV_HEADER
    header = "".join(line for line in old.splitlines(keepends=True) if line.startswith("#"))
    write_if_changed(
        DEV_FILE, (header or DEV_HEADER) + "".join(f"{pin}\n" for pin in pin_lines(dev, dists))
    )
    print(f"wrote {len(reader)} pins to {ENV_FILE.name}, {len(dev)} to {DEV_FILE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
