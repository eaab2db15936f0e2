"""The code is ruff clean and ruff formatted (the style the repository commits to)."""

from __future__ import annotations

from harness.commands import run
from harness.paths import BIN, ROOT

PATHS = ["eucasia", "tests", "tools", "book/_ext"]


def test_ruff_check() -> None:
    result = run([str(BIN / "ruff"), "check", *PATHS], cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = run([str(BIN / "ruff"), "format", "--check", *PATHS], cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
