"""The figure of a country profile: each of a state's agreements with the EU on a time axis.

Drawn from ``agreements`` and ``agreement_milestones`` only, with the 2019 Communication (found
in ``timeline`` by its document number) marked; the alt text is written from the same rows.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from eucasia.analysis.milestones import (
    MILESTONE_ORDER,
    STRATEGY_DOCUMENT,
    state_milestones,
    strategy_date,
)
from eucasia.presentation.charts.plain_charts import plot_date
from eucasia.presentation.figurekit.canvas import text_renderer
from eucasia.presentation.figurekit.labels import place_labels
from eucasia.presentation.figurekit.layout import points_across, stack_ranks
from eucasia.presentation.figurekit.style import MARK_COLOURS, STRATEGY_MARK, WIDTH_IN, figure_style

#: Agreement types as a reader names them (the acronym is explained where it is used).
AGREEMENT_LABELS = {
    "PCA": "Partnership and Cooperation Agreement (PCA)",
    "EPCA": "Enhanced Partnership and Cooperation Agreement (EPCA)",
    "interim_trade_agreement": "Interim trade agreement",
    "other": "Other agreement",
}

#: Milestone -> marker: the later the step, the fuller the mark (colour is never the only cue).
MILESTONE_MARKERS = {
    "negotiations_launched": "o",
    "negotiations_concluded": "s",
    "initialled": "^",
    "signed": "D",
    "provisionally_applied": "v",
    "in_force": "*",
}


def _steps(tables: Mapping[str, pd.DataFrame], code: str) -> pd.DataFrame:
    """The state's milestones in the book's one order (`state_milestones`), with plot dates."""
    steps = state_milestones(tables, code)
    return steps.assign(when=[plot_date(d) for d in steps["date"]])


def agreement_chart_data(tables: Mapping[str, pd.DataFrame], code: str) -> pd.DataFrame:
    """The milestones :func:`agreement_chart` draws for a state, in its order (its CSV).

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["agreement_milestones", "timeline", "countries"])
    >>> list(agreement_chart_data(tables, "KAZ").columns)
    ['agreement', 'milestone', 'date']
    """
    steps = _steps(tables, code)
    return pd.DataFrame(
        {
            "agreement": steps["agreement_type"].str.replace("_", " "),
            "milestone": steps["milestone"].str.replace("_", " "),
            "date": steps["date"],
        }
    )


#: How far apart (in lanes) the marks of a cluster are stacked.
STACK_STEP = 0.2


def agreement_chart(tables: Mapping[str, pd.DataFrame], code: str) -> Figure:
    """One row per agreement of the state ``code``; each documented milestone named at its date.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["agreement_milestones", "timeline", "countries"])
    >>> fig = agreement_chart(tables, "KAZ")
    >>> type(fig).__name__, len(fig.axes) >= 1
    ('Figure', True)
    >>> plt.close(fig)
    """
    figure_style()
    steps = _steps(tables, code)
    lanes = sorted(set(steps["agreement_type"]), key=list(AGREEMENT_LABELS).index)[::-1]
    row = {a: i for i, a in enumerate(lanes)}
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 1.3 * len(lanes) + 1.2))
    strategy = pd.Timestamp(strategy_date(tables["timeline"]))
    steps["size"] = [70 if m == "in_force" else 42 for m in steps["milestone"]]
    ax.axvline(strategy, zorder=1, **STRATEGY_MARK)
    titles = []
    for agreement, y in row.items():  # lane titles over the lanes: the plot keeps its width
        lane = ax.text(
            0,
            y + 0.42,
            AGREEMENT_LABELS[agreement],
            transform=ax.get_yaxis_transform(),
            fontweight="bold",
            va="bottom",
            ha="left",
        )
        titles.append(lane)
    ax.set_yticks([])
    ax.set_ylim(-0.75, len(lanes) - 0.05)
    years = [t.year for t in steps["when"]] + [strategy.year]
    ax.set_xlim(pd.Timestamp(min(years) - 1, 1, 1), pd.Timestamp(max(years) + 2, 1, 1))
    ax.xaxis.set_major_locator(mdates.YearLocator(base=5 if max(years) - min(years) > 16 else 2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="x", color="#e5e5e5", lw=0.6)
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    fig.tight_layout()
    # Marks of one agreement closer than their own width (concluded and initialled on one day,
    # or three weeks apart) are stacked a little apart, so that no mark hides another.
    steps["y"] = steps["agreement_type"].map(row) + STACK_STEP * stack_ranks(
        points_across(ax, mdates.date2num(steps["when"])), steps["agreement_type"], steps["size"]
    )
    for agreement, group in steps.groupby("agreement_type", sort=True):
        y = row[agreement]
        ax.plot(group["when"], [y] * len(group), color="#6b6b6b", lw=1.5, zorder=2)
        for milestone, part in group.groupby("milestone", sort=True):
            ax.scatter(
                part["when"],
                part["y"],
                marker=MILESTONE_MARKERS[milestone],
                s=part["size"],
                color=MARK_COLOURS[0],
                edgecolor="white",
                linewidth=0.5,
                zorder=3,
            )
    xs = mdates.date2num(steps["when"])
    pos = {i: (x, y) for i, x, y in zip(steps.index, xs, steps["y"], strict=True)}
    text = {
        i: f"{m.replace('_', ' ')}\n{d}"
        for i, m, d in zip(steps.index, steps["milestone"], steps["date"], strict=True)
    }
    renderer = text_renderer(fig)
    taken = [t.get_window_extent(renderer) for t in titles]  # labels keep off the lane titles
    done = place_labels(ax, pos, dict.fromkeys(pos, 60), list(text.items()), rings=8, taken=taken)
    if set(pos) - done:
        raise ValueError(f"no free place for the milestones {sorted(set(pos) - done)} of {code}")
    present = [m for m in MILESTONE_ORDER if m in set(steps["milestone"])]
    handles = [
        Line2D(
            [],
            [],
            ls="none",
            marker=MILESTONE_MARKERS[m],
            ms=10 if m == "in_force" else 7,
            mfc=MARK_COLOURS[0],
            mec="white",
            label=m.replace("_", " "),
        )
        for m in present
    ]
    handles.append(
        Line2D([], [], label=f"the 2019 Communication, {STRATEGY_DOCUMENT}", **STRATEGY_MARK)
    )
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.1), ncol=2, frameon=False)
    return fig


def agreement_alt(tables: Mapping[str, pd.DataFrame], code: str) -> str:
    """Alt text of :func:`agreement_chart`, from the same rows: every milestone and its date.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["agreement_milestones", "timeline", "countries"])
    >>> agreement_alt(tables, "KAZ").split(". ")[0]
    "Timeline of Kazakhstan's agreements with the EU"
    """
    name = tables["countries"].set_index("country_code").loc[code, "name"]
    steps = _steps(tables, code)
    parts = [
        f"{AGREEMENT_LABELS[a]}: "
        + ", ".join(
            f"{m.replace('_', ' ')} {d}" for m, d in zip(g["milestone"], g["date"], strict=True)
        )
        for a, g in steps.groupby("agreement_type", sort=True)
    ]
    return (
        f"Timeline of {name}'s agreements with the EU. "
        + "; ".join(parts)
        + f". A dashed line marks the 2019 Communication ({strategy_date(tables['timeline'])})."
    )
