"""Legends derived from the style table (actor types, node area, line width) and keys of names."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Sequence

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from eucasia.presentation.figurekit.canvas import text_renderer
from eucasia.presentation.figurekit.style import (
    ACTOR_TYPE_ORDER,
    BAR_EDGE,
    EDGE_COLOUR,
    NODE_EDGE,
    STATUS_STYLE,
    actor_type_style,
)


def marker_handle(
    marker: str,
    colour: str,
    label: str,
    size: float = 7,
    edge: str = "white",
    edge_width: float | None = None,
) -> Line2D:
    """A legend entry that shows one mark as the figure draws it: ``marker`` filled with
    ``colour``, ``size`` points wide, outlined in ``edge`` (Matplotlib's default outline width
    unless ``edge_width``), and no line. Every figure's key of marks is built here, so a key
    entry and its marks cannot drift apart in one figure and not in another.

    >>> h = marker_handle("D", "#D55E00", "signed")
    >>> h.get_marker(), h.get_markerfacecolor(), h.get_markersize(), h.get_linestyle()
    ('D', '#D55E00', 7.0, 'None')
    """
    style = {} if edge_width is None else {"mew": edge_width}
    return Line2D(
        [], [], ls="none", marker=marker, ms=size, mfc=colour, mec=edge, label=label, **style
    )


def swatch_handle(colour: str, label: str, hatch: str | None = None) -> Patch:
    """A legend entry for a bar: a swatch of ``colour`` (and ``hatch``) outlined as the bars are.

    >>> swatch_handle("#009E73", "delivered").get_label()
    'delivered'
    """
    return Patch(facecolor=colour, edgecolor=BAR_EDGE, hatch=hatch, label=label)


def type_handles(types: Iterable[str]) -> list[Line2D]:
    """Legend entries for the actor types present, in the book's fixed order."""
    present = [t for t in ACTOR_TYPE_ORDER if t in set(types)]
    return [
        marker_handle(m, c, lab, edge=NODE_EDGE, edge_width=0.6)
        for lab, c, m in (actor_type_style(t) for t in present)
    ]


def type_legend_below(ax: Axes, types: Iterable[str], top: float = -0.01) -> Legend | None:
    """Actor-type legend in rows under the axes (``top`` in axes units): drawings keep the width.

    Four columns where they fit within the figure's width, fewer where the labels are long.
    """
    handles = type_handles(types)
    if not handles:
        return None
    fig = ax.figure
    for ncol in range(min(4, len(handles)), 0, -1):
        legend = fig.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, top),
            bbox_transform=ax.transAxes,
            ncol=ncol,
            frameon=False,
            title="Actor type",
            borderaxespad=0.0,
        )
        box = legend.get_window_extent(text_renderer(fig)).transformed(fig.transFigure.inverted())
        if ncol == 1 or (box.x0 >= 0 and box.x1 <= 1):
            return legend
        legend.remove()
    return None


def legend_within_width(ax: Axes, handles: Sequence, ncol: int, **options) -> Legend:
    """``ax.legend(handles, ncol=…, **options)`` in as many columns as fit the figure's width
    (at most ``ncol``): a legend wider than the figure would widen the saved file and shrink
    every text of the figure on the page."""
    fig = ax.figure
    for columns in range(max(1, min(ncol, len(handles))), 0, -1):
        legend = ax.legend(handles=handles, ncol=columns, **options)
        box = legend.get_window_extent(text_renderer(fig)).transformed(fig.transFigure.inverted())
        if columns == 1 or (box.x0 >= 0 and box.x1 <= 1):
            return legend
        legend.remove()
    raise AssertionError("unreachable")


def bottom_of(ax: Axes, artist, gap: float = 0.02) -> float:
    """Axes-unit height just under ``artist`` (a legend or text), to stack the next one below."""
    box = artist.get_window_extent(text_renderer(ax.figure)).transformed(ax.transAxes.inverted())
    return box.y0 - gap


def scale_legend_below(
    ax: Axes,
    top: float,
    sizes: Sequence[tuple[float, str]],
    widths: Sequence[tuple[float, str]],
) -> Legend | None:
    """Node-area and line-width legend in one row under the axes, from ``top`` (axes units)."""
    handles = [
        marker_handle("o", "#dddddd", lab, size=math.sqrt(s), edge=NODE_EDGE, edge_width=0.6)
        for s, lab in sizes
    ]
    handles += [Line2D([], [], color=EDGE_COLOUR, lw=w, label=lab) for w, lab in widths]
    if not handles:
        return None
    big = max((math.sqrt(s) for s, _ in sizes), default=0)
    size = mpl.rcParams["legend.fontsize"]
    return ax.figure.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, top),
        bbox_transform=ax.transAxes,
        ncol=len(handles),
        frameon=False,
        borderaxespad=0.0,
        title="Node area and line width",
        handlelength=max(2.0, big / size + 0.6),
        handleheight=max(0.7, big / size),
    )


def in_rows(handles: Sequence, ncol: int) -> list:
    """``handles`` ordered so that a legend of ``ncol`` columns reads them row by row, left to
    right (Matplotlib fills a legend's columns top to bottom, the first columns the longest).

    >>> in_rows(list("abcde"), 3)
    ['a', 'd', 'b', 'e', 'c']
    """
    rows = -(-len(handles) // ncol)
    return [
        handles[r * ncol + c]
        for c in range(ncol)
        for r in range(rows)
        if r * ncol + c < len(handles)
    ]


#: Columns of a status key, and its distance (points) under the count axis's label.
STATUS_KEY_COLUMNS, STATUS_KEY_GAP_PT = 3, 6.0


def status_legend(ax: Axes, statuses: Iterable[str]) -> Legend:
    """The one key of the tracker's status figures: a swatch per status present, in the
    vocabulary's order, placed by :func:`key_under_axis`. Figures 6.1 and 6.2 placed, ordered
    and columned their keys differently (each fitted its own); a reader compares the two.
    """
    present = set(statuses)
    handles = [
        swatch_handle(colour, label) for s, (label, colour) in STATUS_STYLE.items() if s in present
    ]
    return key_under_axis(ax, handles)


def key_under_axis(ax: Axes, handles: Sequence, ncol: int = STATUS_KEY_COLUMNS) -> Legend:
    """A key outside the plot, where it covers no bar or mark: ``handles`` read row by row in
    ``ncol`` columns (fewer where they would not fit the figure's width), centred under the
    figure :data:`STATUS_KEY_GAP_PT` under the x axis and its label. The tracker's figures all
    carry their key there; Figure 6.3's stood in the plot's upper left, over its first bars.
    """
    fig = ax.figure
    # The axis as laid out now (its label's place is set when the axis is measured or drawn:
    # read from the label alone, it was where the axes stood before ``tight_layout``).
    axis = ax.xaxis.get_tightbbox(text_renderer(fig))
    top = (axis.y0 - STATUS_KEY_GAP_PT * fig.dpi / 72) / fig.bbox.height
    for columns in range(max(1, min(ncol, len(handles))), 0, -1):
        legend = fig.legend(
            handles=in_rows(handles, columns),
            ncol=columns,
            loc="upper center",
            bbox_to_anchor=(0.5, top),
            bbox_transform=fig.transFigure,
            frameon=False,
            borderaxespad=0.0,
        )
        box = legend.get_window_extent(text_renderer(fig)).transformed(fig.transFigure.inverted())
        if columns == 1 or (box.x0 >= 0 and box.x1 <= 1):
            return legend
        legend.remove()
    raise AssertionError("unreachable")


def key_entry(mark: str, name: str, digits: int = 0) -> str:
    """One line of a key: ``"12  name"`` for a number, ``"EBRD: name"`` for a short label, and
    the name alone where it begins with the label shown (``"Civil society"`` stands for
    ``"Civil society (organisations and activists)"``): a key never says a thing twice.

    >>> key_entry("Civil society", "Civil society (organisations and activists)")
    'Civil society (organisations and activists)'
    >>> key_entry("EBRD", "European Bank for Reconstruction and Development")
    'EBRD: European Bank for Reconstruction and Development'
    >>> key_entry("3", "Aga Khan Foundation", digits=2)
    ' 3  Aga Khan Foundation'
    """
    if mark.isdigit():
        return f"{mark:>{digits}}  {name}"
    if " ".join(name.split()).casefold().startswith(" ".join(mark.split()).casefold()):
        return name
    return f"{mark}: {name}"


def key_below(
    ax: Axes, entries: Sequence[tuple[str, str]], title: str, top: float = -0.01, width: int = 50
) -> None:
    """A key under the figure: ``(mark, full name)`` rows in two columns, names wrapped whole.

    Labels that a drawing cannot show in full (a number for a node whose name found no free
    place, an acronym) are explained here, so every name the figure stands for is on it.
    ``top`` is in axes units; the second column starts where the first one ends.
    """
    if not entries:
        return
    digits = max((len(m) for m, _ in entries if m.isdigit()), default=0)
    rows = [
        textwrap.wrap(
            key_entry(m, name, digits), width, subsequent_indent="    ", break_long_words=False
        )
        for m, name in entries
    ]
    half = (sum(len(r) for r in rows) + 1) // 2
    columns: list[list[str]] = [[]]
    for r in rows:
        if len(columns) == 1 and columns[0] and len(columns[0]) + len(r) > half:
            columns.append([])
        columns[-1].extend(r)
    size = mpl.rcParams["legend.fontsize"]
    fig = ax.figure  # figure-level text, so labels inside the plot are the axes' texts alone
    heading = fig.text(
        0, top, title, transform=ax.transAxes, fontweight="bold", va="top", ha="left", fontsize=size
    )
    y = bottom_of(ax, heading, gap=0.01)
    x = 0.0
    for lines in columns:
        column = fig.text(
            x,
            y,
            "\n".join(lines),
            transform=ax.transAxes,
            va="top",
            ha="left",
            fontsize=size,
            linespacing=1.15,
        )
        box = column.get_window_extent(text_renderer(ax.figure)).transformed(
            ax.transAxes.inverted()
        )
        x = box.x1 + 0.04
