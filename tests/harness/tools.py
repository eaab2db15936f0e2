"""The measuring tools of `tools/` (command-line scripts, not a package), loaded by file for the
tests that check them, without putting `tools/` on everyone's import path."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from harness.paths import ROOT


def load_tool(name: str) -> ModuleType:
    """`tools/<name>.py` as a module (loaded once per process)."""
    key = f"_tool_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, ROOT / "tools" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]
