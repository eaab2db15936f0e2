"""Figure scaffolding shared by the drawings: a new axes, a renderer to measure text, count and year
axes, an empty figure."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

from eucasia.presentation.figurekit.style import FONT_PT, WIDTH_IN


def new_axes(ax: Axes | None, height: float, rect: Sequence[float]) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=(WIDTH_IN, height))
    return fig, fig.add_axes(rect)


def axes_in_points(
    fig: Figure,
    left_in: float,
    width_pt: float,
    height_pt: float,
    margins_in: tuple[float, float],
) -> Axes:
    """Size ``fig`` to hold axes of ``width_pt`` x ``height_pt`` points, ``left_in`` from its
    left edge and (bottom, top) ``margins_in`` inches of room, and add those axes, their y range
    the points themselves: figures that place their rows in points (the timelines) need the
    axes to be exactly that tall, whatever the figure's height becomes.

    Examples
    --------
    >>> ax = axes_in_points(Figure(), 1.0, 360.0, 144.0, (0.5, 0.5))
    >>> float(ax.figure.get_figheight()), [float(y) for y in ax.get_ylim()]
    (3.0, [0.0, 144.0])
    """
    bottom_in, top_in = margins_in
    fig.set_size_inches(WIDTH_IN, height_pt / 72 + bottom_in + top_in)
    fh = fig.get_figheight()
    ax = fig.add_axes(
        (left_in / WIDTH_IN, bottom_in / fh, width_pt / 72 / WIDTH_IN, height_pt / 72 / fh)
    )
    ax.set_ylim(0, height_pt)
    return ax


def text_renderer(fig: Figure):
    if not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()


def count_axis(axis) -> None:
    """Ticks of a count axis at whole numbers only (never 2.5, 7.5 …): counts are integers."""
    axis.set_major_locator(MaxNLocator(integer=True))


def year_axis(ax: Axes, base: int) -> None:
    """A date x axis ticked every ``base`` years and at both its ends, the first and last year
    named at the ends and aligned inward, the years between named under their ticks where the
    name lies wholly over the axes and clear of the end names.

    Why: a year named centred at the axis's end reaches half its width past the axes, and the
    saved file, cropped to what is drawn (``bbox_inches="tight"``), grows by it on both sides
    (Uzbekistan's figure was 522 pt wide against the other countries' 500 pt, so the page set
    its type 4% smaller). Leaving the ends unnamed kept the width but left a reader unable to
    tell where the axis starts and ends; named inward (the first year's name starting at the
    axis's left end, the last one's ending at its right end) they are read and stay over the
    axes. A tick of the ``base`` step too close to an end keeps its mark and grid line, unnamed.

    Set the axes' x limits first (both ends on a year's first day, as the figures set them).

    Examples
    --------
    >>> import pandas as pd
    >>> ax = Figure(figsize=(7, 2)).add_axes((0.1, 0.2, 0.8, 0.7))
    >>> _ = ax.set_xlim(pd.Timestamp("1995-01-01"), pd.Timestamp("2030-01-01"))
    >>> year_axis(ax, 5)
    >>> [ax.xaxis.get_major_formatter()(t) for t in ax.get_xticks()]
    ['1995', '2000', '2005', '2010', '2015', '2020', '2025', '2030']
    >>> [t.label1.get_horizontalalignment() for t in ax.xaxis.get_major_ticks()][::7]
    ['left', 'right']
    >>> _ = ax.set_xlim(pd.Timestamp("1994-01-01"), pd.Timestamp("2024-01-01"))
    >>> year_axis(ax, 5)
    >>> [ax.xaxis.get_major_formatter()(t) for t in ax.get_xticks()]
    ['1994', '', '2000', '2005', '2010', '2015', '2020', '2024']
    """
    fig = ax.figure
    renderer = text_renderer(fig)
    lo, hi = sorted(ax.get_xlim())
    first, last = mdates.num2date(lo), mdates.num2date(hi)
    steps = [x for x in mdates.YearLocator(base=base).tick_values(first, last) if lo < x < hi]
    ticks = [lo, *(x for x in steps if abs(x - lo) > 1 and abs(x - hi) > 1), hi]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    font = ax.xaxis.get_major_ticks()[0].label1.get_fontproperties()  # a tick label's type
    gap = font.get_size_in_points() * fig.dpi / 72 / 2  # half an em between two names
    spans = {}
    for x in ticks:  # measured now, in the figure's own pixels: a save at another dpi
        year = mdates.num2date(x).strftime("%Y")  # scales the axes and the names alike
        probe = fig.text(0, 0, year, fontproperties=font)
        width = probe.get_window_extent(renderer).width
        probe.remove()
        at = ax.transData.transform((x, 0))[0]
        left = at if x == lo else at - width if x == hi else at - width / 2
        spans[x] = (year, left, left + width)
    named = {lo: spans[lo][0], hi: spans[hi][0]}
    for x in ticks[1:-1]:
        year, left, right = spans[x]
        if spans[lo][2] + gap <= left and right + gap <= spans[hi][1]:
            named[x] = year
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos=None: named.get(x, "")))
    marks = ax.xaxis.get_major_ticks(len(ticks))
    for tick, align in zip(marks, ["left", *["center"] * (len(ticks) - 2), "right"], strict=True):
        tick.label1.set_horizontalalignment(align)


def empty_figure(fig: Figure, ax: Axes, title: str, message: str) -> Figure:
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return fig


def row_height_in(labels: Sequence[str], least: float = 0.42) -> float:
    """Height (inches) of a row of a bar chart whose row names are ``labels`` (wrapped text):
    the tallest name's lines at the book's type size, never less than ``least``.

    >>> row_height_in(["one line", "another"])
    0.42
    >>> round(row_height_in(["a name", "wrapped on", "three lines"], least=0.2), 3)
    0.245
    """
    lines = max((str(label).count("\n") + 1 for label in labels), default=1)
    return max(least, lines * FONT_PT * 1.25 / 72 + 0.08)
