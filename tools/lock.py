"""Rewrite the pip pins of environment.yml from the packages installed in .venv.

Run through `make lock` after installing or upgrading a package in .venv; review the diff.
The header and the conda part of environment.yml are kept as they are.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ENV_FILE = Path(__file__).resolve().parent.parent / "environment.yml"
NOT_PINNED = {"pip", "setuptools", "wheel", "eucasia"}


def main() -> int:
    freeze = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    pins = sorted(
        (line for line in freeze if "==" in line and line.split("==")[0].lower() not in NOT_PINNED),
        key=str.lower,
    )
    text = ENV_FILE.read_text(encoding="utf-8")
    head, marker, _ = text.partition("  - pip:\n")
    if not marker:
        raise SystemExit(f"{ENV_FILE}: no '  - pip:' line")
    ENV_FILE.write_text(
        head + marker + "".join(f"      - {pin}\n" for pin in pins), encoding="utf-8"
    )
    print(f"wrote {len(pins)} pins to {ENV_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
