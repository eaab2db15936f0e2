"""Sphinx extension for the site's weight and offline reading (see issue: fast, light, offline)."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict:
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
