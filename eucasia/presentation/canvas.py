"""Figure scaffolding shared by the drawings: a new axes, a renderer to measure text, count axes, an empty figure."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from eucasia.presentation.style import WIDTH_IN


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
