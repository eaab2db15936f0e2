"""Figures rendered to bytes that do not change between builds (no dates, no software stamps)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import matplotlib as mpl
from matplotlib.figure import Figure

from eucasia.presentation.style import figure_style


def save_figure(
    fig: Figure, path_stem: str | Path, formats: Sequence[str] = ("svg", "pdf")
) -> list[Path]:
    """Save ``fig`` as ``<path_stem>.svg`` and ``.pdf`` (plus any other ``formats``).

    Dates and software stamps are left out of the metadata and the style of
    :func:`figure_style` is used, so two saves of the same figure are identical
    byte for byte.
    """
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        path = stem.with_name(f"{stem.name}.{fmt}")
        path.write_bytes(figure_bytes(fig, fmt))
        paths.append(path)
    return paths


#: Metadata that would stamp a date or software version into a file, left out.
STABLE_METADATA = {
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
    "png": {"Software": None},
}


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """``fig`` rendered to ``fmt`` in the book's style, without dates or software stamps."""
    buffer = io.BytesIO()
    with mpl.rc_context(figure_style(apply=False)):
        fig.savefig(buffer, format=fmt, bbox_inches="tight", metadata=STABLE_METADATA.get(fmt))
    return buffer.getvalue()
