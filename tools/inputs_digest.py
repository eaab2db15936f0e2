"""One SHA-256 over every input of the book's build, so `make` can skip a build that has nothing to do.

A Jupyter Book run with nothing changed still costs its start-up (about 12 % of a clean build).
`make html` and `make pdf` ask this script first: when the digest of the inputs equals the one
stored with the outputs at the end of the last successful build, and those outputs are all still
there, the Jupyter Book run is skipped. Any change runs the real build (which itself rebuilds only
what it must, through jupyter-cache and Sphinx).

What counts as an input: every file of the repository, found by walking the directories (not
`git ls-files`: untracked and uncommitted edits count), except what the build never reads:

- top-level folders `.git`, `.venv`, `_build`, `node_modules` (the environment, history, outputs),
  `tests`, `.ci`, `.github` (the checks and the CI recipes) and `tools` (measuring and authoring
  aids; the build imports nothing from them and `_config.yml` excludes them from the sources);
- `actors`, the actor pages the build itself writes from `data/` and `eucasia/` (inputs already;
  counted, they would make every build after a data change look changed once more);
- caches anywhere: `__pycache__`, `*.pyc`, `.pytest_cache`, `.ruff_cache`, `.ipynb_checkpoints`,
  `*.egg-info`.

So `_config.yml`, `_toc.yml`, `book/`, `notebooks/`, `data/`, `eucasia/`, `edition.toml`,
`environment.yml`, `requirements-dev.txt`, `pyproject.toml`, `CHANGELOG.md` (the Editions page
includes it), `CITATION.cff`, `package*.json`, the `Makefile` and any new top-level file or folder
are inputs. So are the installed environment (the contents of the stamp `make env` writes: the
Python version and every installed package) and the variables that reach the outputs
(`SOURCE_DATE_EPOCH`, `PYTHONHASHSEED`, `MPLBACKEND`). Each file enters the digest as its path,
its size and the SHA-256 of its bytes.

    python3 tools/inputs_digest.py [--env-stamp .venv/.pins-installed]
        print the digest
    python3 tools/inputs_digest.py list
        print every input file (for debugging)
    python3 tools/inputs_digest.py check STAMP [OUTPUT...] [--env-stamp FILE]
        print the digest; exit 0 when STAMP holds the same digest, every output file recorded in
        it is still there with its size and every OUTPUT named exists, else 1 (reason on stderr)
    python3 tools/inputs_digest.py write STAMP DIGEST OUTPUT... [--exclude PATH]
        after a successful build: store DIGEST (computed before the build) and the outputs' files

Stdlib only: it runs with the system Python, before and independently of the venv.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Top-level entries the build never reads.
SKIP_TOP = {".git", ".venv", "_build", "node_modules", "tests", ".ci", ".github", "tools", "actors"}
#: Directory names skipped at any depth (caches and build by-products).
SKIP_DIRS = {"__pycache__", ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints", ".mypy_cache"}
SKIP_SUFFIXES = (".pyc", ".pyo", ".egg-info")
#: Environment variables that reach the outputs (dates, hashing order, figure backend).
VARIABLES = ("SOURCE_DATE_EPOCH", "PYTHONHASHSEED", "MPLBACKEND")
STAMP_HEADER = "# inputs digest (tools/inputs_digest.py); then the output files: size path"


def _skipped(name: str) -> bool:
    return name in SKIP_DIRS or name.endswith(SKIP_SUFFIXES)


def input_files(root: Path = ROOT) -> Iterator[Path]:
    """Every input file under `root`, in a stable order (sorted relative paths)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        here = Path(dirpath)
        top = here == root
        dirnames[:] = sorted(d for d in dirnames if not _skipped(d) and not (top and d in SKIP_TOP))
        for name in filenames:
            if _skipped(name) or (top and name in SKIP_TOP):
                continue
            path = here / name
            if path.is_file():  # a dangling symlink is no input
                found.append(path)
    return iter(sorted(found, key=lambda p: p.relative_to(root).as_posix()))


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def inputs_digest(
    root: Path = ROOT, env_stamp: Path | None = None, environ: dict | None = None
) -> str:
    """The SHA-256 of every input file (path, size, content), the environment stamp's contents
    (a missing stamp counts as empty) and the build's variables."""
    environ = os.environ if environ is None else environ
    total = hashlib.sha256()
    for path in input_files(root):
        rel = path.relative_to(root).as_posix()
        total.update(f"file\0{rel}\0{path.stat().st_size}\0{_file_hash(path)}\n".encode())
    if env_stamp is not None:
        content = env_stamp.read_bytes() if env_stamp.is_file() else b""
        total.update(b"environment\0" + hashlib.sha256(content).hexdigest().encode() + b"\n")
    for name in VARIABLES:
        total.update(f"variable\0{name}\0{environ.get(name, '')}\n".encode())
    return total.hexdigest()


def output_files(outputs: list[Path], stamp: Path, exclude: list[Path] = ()) -> list[Path]:
    """The files of the given outputs (files, or folders walked), without the stamp itself and
    anything under `exclude` (what another target writes there, such as the site's PDF copy)."""
    skip = [e.resolve() for e in exclude]
    files = []
    for out in outputs:
        if out.is_dir():
            files += [p for p in out.rglob("*") if p.is_file() and p != stamp]
        elif out.is_file():
            files.append(out)
    return sorted(p for p in files if not any(p.resolve().is_relative_to(e) for e in skip))


def write_stamp(stamp: Path, digest: str, outputs: list[Path], exclude: list[Path] = ()) -> None:
    """Store the digest and every output file with its size (written last, atomically)."""
    if not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise SystemExit(f"{stamp}: {digest!r} is not a SHA-256 digest: not stamping")
    files = output_files(outputs, stamp, exclude)
    if not files:
        raise SystemExit(f"{stamp}: no outputs in {[str(o) for o in outputs]}: not stamping")
    lines = [STAMP_HEADER, digest] + [f"{p.stat().st_size} {p}" for p in files]
    stamp.parent.mkdir(parents=True, exist_ok=True)
    tmp = stamp.with_name(stamp.name + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(stamp)


def stamp_is_current(stamp: Path, digest: str) -> tuple[bool, str]:
    """Whether `stamp` holds `digest` and every output it lists still exists with its size;
    the reason when not."""
    if not stamp.is_file():
        return False, f"no stamp {stamp}"
    lines = stamp.read_text(encoding="utf-8").splitlines()
    if len(lines) < 3 or lines[0] != STAMP_HEADER:
        return False, f"{stamp} is not a stamp of this script"
    if lines[1] != digest:
        return False, "inputs changed"
    for line in lines[2:]:
        size, _, name = line.partition(" ")
        path = Path(name)
        if not path.is_file():
            return False, f"output {name} is missing"
        if str(path.stat().st_size) != size:
            return False, f"output {name} changed size"
    return True, "nothing changed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "command", nargs="?", default="digest", choices=["digest", "list", "check", "write"]
    )
    parser.add_argument(
        "args", nargs="*", help="check: STAMP OUTPUT...; write: STAMP DIGEST OUTPUT..."
    )
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--env-stamp", type=Path, help="the installed environment's stamp")
    parser.add_argument(
        "--exclude", type=Path, action="append", default=[], help="write: outputs not to record"
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "list":
        for path in input_files(root):
            print(path.relative_to(root).as_posix())
        return 0
    if args.command == "write":
        if len(args.args) < 3:
            parser.error("write needs STAMP DIGEST OUTPUT...")
        stamp, digest, *outputs = args.args
        write_stamp(Path(stamp), digest, [Path(o) for o in outputs], args.exclude)
        return 0
    digest = inputs_digest(root, args.env_stamp)
    print(digest)
    if args.command == "check":
        if not args.args:
            parser.error("check needs STAMP [OUTPUT...]")
        current, reason = stamp_is_current(Path(args.args[0]), digest)
        missing = [o for o in args.args[1:] if not Path(o).exists()]
        if current and missing:
            current, reason = False, f"output {missing[0]} is missing"
        print(reason, file=sys.stderr)
        return 0 if current else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
