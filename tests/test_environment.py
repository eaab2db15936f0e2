"""One pinned environment: Binder's environment.yml and the installed packages cannot drift."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("pins", ROOT / "tools" / "pins.py")
pins = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pins)


def test_installed_packages_match_environment_yml() -> None:
    problems = pins.drift(pins.read_pins(), pins.installed(), pins.NOT_PINNED)
    assert not problems, "environment.yml and .venv disagree:\n" + "\n".join(problems)


def test_drift_is_detected() -> None:
    problems = pins.drift({"pandas": "1.0.0"}, {"pandas": "3.1.1", "extra": "1"}, set())
    assert problems == [
        "pandas: pinned 1.0.0, installed 3.1.1",
        "extra: installed 1 but not pinned in environment.yml",
    ]


def test_environment_yml_is_what_binder_needs() -> None:
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s+- python=3\.11\s*$", text, re.M), (
        "Binder must get the Python of the pins"
    )
    book = pins.read_pins()
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
