"""Legends derived from the style table (actor types, node area, line width) and keys of names."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Sequence

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.legend import Legend
from matplotlib.lines import Line2D

from eucasia.presentation.canvas import text_renderer
from eucasia.presentation.style import ACTOR_TYPE_ORDER, EDGE_COLOUR, NODE_EDGE, actor_type_style


def legend_outside(ax: Axes, handles: list, y: float = 1.0, **options) -> Legend:
    """Legend outside the axes' right edge; figure-level so tight bounding boxes include it."""
    return ax.figure.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.01, y),
        bbox_transform=ax.transAxes,
        frameon=False,
        alignment="left",
        borderaxespad=0.0,
        **options,
    )


def type_handles(types: Iterable[str]) -> list[Line2D]:
    """Legend entries for the actor types present, in the book's fixed order."""
    present = [t for t in ACTOR_TYPE_ORDER if t in set(types)]
    return [
        Line2D([], [], ls="none", marker=m, ms=7, mfc=c, mec=NODE_EDGE, mew=0.6, label=lab)
        for lab, c, m in (actor_type_style(t) for t in present)
    ]


def type_legend(ax: Axes, types: Iterable[str], title: str = "Actor type") -> Legend | None:
    handles = type_handles(types)
    return legend_outside(ax, handles, title=title) if handles else None


def type_legend_below(ax: Axes, types: Iterable[str]) -> Legend | None:
    """Actor-type legend in rows under the axes: two-column drawings need their full width."""
    handles = type_handles(types)
    if not handles:
        return None
    return ax.figure.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.01),
        bbox_transform=ax.transAxes,
        ncol=min(4, len(handles)),
        frameon=False,
        title="Actor type",
        borderaxespad=0.0,
    )


def scale_legend(
    ax: Axes,
    above: Legend | None,
    sizes: Sequence[tuple[float, str]],
    widths: Sequence[tuple[float, str]],
) -> None:
    """Second legend (node area, line width) placed under the type legend."""
    handles = [
        Line2D(
            [],
            [],
            ls="none",
            marker="o",
            ms=math.sqrt(s),
            mfc="#dddddd",
            mec=NODE_EDGE,
            mew=0.6,
            label=lab,
        )
        for s, lab in sizes
    ]
    handles += [Line2D([], [], color=EDGE_COLOUR, lw=w, label=lab) for w, lab in widths]
    if not handles:
        return
    y = 1.0
    if above is not None:
        box = above.get_window_extent(text_renderer(ax.figure)).transformed(ax.transAxes.inverted())
        y = box.y0 - 0.05
    big = max((math.sqrt(s) for s, _ in sizes), default=0)
    size = mpl.rcParams["legend.fontsize"]
    legend_outside(
        ax,
        handles,
        y,
        handlelength=max(2.0, big / size + 0.6),
        labelspacing=max(0.5, (big / size - 0.7) / 2 + 0.4),
    )


def key_below(ax: Axes, entries: Sequence[tuple[str, str]], title: str, width: int = 56) -> None:
    """A key under the figure: ``(mark, full name)`` rows in two columns, names wrapped whole.

    Labels that a drawing cannot show in full (a number for a node whose name found no free
    place, an acronym) are explained here, so every name the figure stands for is on it.
    """
    if not entries:
        return
    fig = ax.figure
    digits = max((len(m) for m, _ in entries if m.isdigit()), default=0)
    rows = []
    for m, name in entries:
        head = f"{m:>{digits}}  " if m.isdigit() else f"{m}: "
        rows.append(
            textwrap.wrap(
                head + name,
                width,
                subsequent_indent=" " * (digits + 2 if m.isdigit() else 2),
                break_on_hyphens=False,
            )
        )
    half = (sum(len(r) for r in rows) + 1) // 2
    columns: list[list[str]] = [[]]
    for r in rows:
        if len(columns) == 1 and columns[0] and len(columns[0]) + len(r) > half:
            columns.append([])
        columns[-1].extend(r)
    box = ax.get_position()
    size = mpl.rcParams["legend.fontsize"]
    fig.text(box.x0, -0.01, title, fontweight="bold", va="top", ha="left", fontsize=size)
    for i, lines in enumerate(columns):
        fig.text(
            box.x0 + i * 0.5,
            -0.01 - 1.6 * size / 72 / fig.get_size_inches()[1],
            "\n".join(lines),
            va="top",
            ha="left",
            fontsize=size,
            linespacing=1.25,
        )
