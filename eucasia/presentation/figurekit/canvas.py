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
