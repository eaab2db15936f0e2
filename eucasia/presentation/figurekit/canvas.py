"""Figure scaffolding shared by the drawings: a new axes, a renderer to measure text, count axes, an empty figure."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

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
