"""Charts that are not networks: the strategy's structure, the timeline, agreements at a glance."""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from eucasia.data import field_values
from eucasia.presentation.canvas import count_axis
from eucasia.presentation.labels import place_labels, wrap_label
from eucasia.presentation.style import MARK_COLOURS, STRAND_COLOURS, WIDTH_IN, figure_style

KIND_LABELS = {
    "specific_initiative": "Specific initiatives",
    "commitment": "Commitments in the prose",
}


def section_counts(areas: pd.DataFrame, initiatives: pd.DataFrame) -> pd.DataFrame:
    """Per section: strand, title and the number of specific initiatives and commitments."""
    counts = (
        initiatives.groupby(["area_id", "kind"])
        .size()
        .unstack("kind", fill_value=0)
        .reindex(columns=list(KIND_LABELS), fill_value=0)
    )
    table = areas[["area_id", "strand_id", "title"]].merge(
        counts, left_on="area_id", right_index=True, how="left"
    )
    table[list(KIND_LABELS)] = table[list(KIND_LABELS)].fillna(0).astype(int)
    return table.reset_index(drop=True)


def structure_chart(
    areas: pd.DataFrame, initiatives: pd.DataFrame, strands: pd.DataFrame
) -> Figure:
    """Horizontal bars per section, grouped and coloured by strand: initiatives and commitments."""
    figure_style()
    table = section_counts(areas, initiatives).iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.42 * len(table) + 1.2))
    labels = [
        "\n".join(textwrap.wrap(f"{a} {t}" if a != "0" else t, 48))
        for a, t in zip(table["area_id"], table["title"], strict=True)
    ]
    y = range(len(table))
    colours = [STRAND_COLOURS[s] for s in table["strand_id"]]
    initiatives_n = table["specific_initiative"]
    commitments_n = table["commitment"]
    ax.barh(y, initiatives_n, color=colours, edgecolor="#333333", linewidth=0.5)
    ax.barh(
        y,
        commitments_n,
        left=initiatives_n,
        color=colours,
        alpha=0.35,
        edgecolor="#333333",
        linewidth=0.5,
        hatch="///",
    )
    for i, (a, b) in enumerate(zip(initiatives_n, commitments_n, strict=True)):
        ax.text(a + b + 0.15, i, f"{a} + {b}", va="center", fontsize=8)
    ax.set_yticks(list(y), labels, fontsize=8)
    ax.set_xlabel("Number of coded items (specific initiatives + commitments)")
    count_axis(ax.xaxis)
    ax.set_xlim(0, (initiatives_n + commitments_n).max() * 1.18 + 1)
    ax.spines[["top", "right"]].set_visible(False)
    strand_titles = dict(zip(strands["strand_id"], strands["title"], strict=True))
    handles = [
        Patch(facecolor=STRAND_COLOURS[s], edgecolor="#333333", label=strand_titles[s])
        for s in STRAND_COLOURS
        if s in set(table["strand_id"])
    ]
    handles += [
        Patch(facecolor="white", edgecolor="#333333", label=KIND_LABELS["specific_initiative"]),
        Patch(facecolor="white", edgecolor="#333333", hatch="///", label=KIND_LABELS["commitment"]),
    ]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.35, -0.09 - 0.25 / len(table) * 6),
        ncol=3,
        frameon=False,
        fontsize=8,
    )
    fig.tight_layout()
    return fig


def plot_date(text: str) -> pd.Timestamp:
    """Where to plot a date of partial precision: mid-year for a year, mid-month for a month."""
    parts = str(text).split("-")
    if len(parts) == 1:
        return pd.Timestamp(int(parts[0]), 7, 1)
    if len(parts) == 2:
        return pd.Timestamp(int(parts[0]), int(parts[1]), 15)
    return pd.Timestamp(text)


#: Kinds of timeline event in a reading order, with their labels.
EVENT_KINDS = {
    "strategy": "Strategy",
    "communication": "Communication",
    "council_conclusions": "Council conclusions",
    "parliament_resolution": "Parliament resolution",
    "ministerial_meeting": "Ministerial meeting",
    "leaders_meeting": "Leaders' meeting",
    "summit": "Summit",
    "agreement_milestone": "Agreement milestone",
    "programming": "Programming",
    "forum": "Forum",
    "other": "Other",
}


#: The kinds of event a timeline names: the strategies and Joint Communications that set the
#: policy, and the meetings of heads of state (leaders' meetings, summits). Every other event
#: is a point on its row; the timeline table lists them all.
NAMED_KINDS = ("strategy", "communication", "leaders_meeting", "summit")

#: The strategy this book is about, found in the timeline by its document number.
STRATEGY_DOCUMENT = "JOIN(2019) 9"


def timeline_chart(
    timeline: pd.DataFrame,
    kinds: dict[str, str] = EVENT_KINDS,
    named: tuple[str, ...] = NAMED_KINDS,
) -> Figure:
    """Events on a time axis, one row per kind; the events of the ``named`` kinds are named.

    The 2019 Communication (the event whose title cites :data:`STRATEGY_DOCUMENT`) is marked by a
    dashed line across all rows. Points are dark blue (5:1 contrast on white), named events
    vermillion (3.9:1); each named event's title stands beside it on a white halo, placed so that
    no two labels overlap.
    """
    figure_style()
    frame = timeline.copy()
    frame["when"] = [plot_date(d) for d in frame["date"]]
    unknown = set(frame["kind"]) - set(kinds)
    if unknown:
        raise ValueError(f"timeline kinds without a label: {sorted(unknown)}")
    order = [k for k in kinds if k in set(frame["kind"])][::-1]  # first kind on top
    row = {k: i for i, k in enumerate(order)}
    key = frame["title"].str.contains(STRATEGY_DOCUMENT, regex=False)
    strategy = frame[key & (frame["kind"] == "communication")]
    shown = frame[frame["kind"].isin(named) & ~frame.index.isin(strategy.index)]
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.55 * len(order) + 1.6))
    plain = frame[~frame.index.isin(shown.index)]
    ax.scatter(
        plain["when"],
        plain["kind"].map(row),
        s=30,
        color=MARK_COLOURS[0],
        edgecolor="white",
        linewidth=0.5,
        zorder=3,
    )
    ax.scatter(
        shown["when"],
        shown["kind"].map(row),
        s=60,
        color=MARK_COLOURS[1],
        marker="D",
        edgecolor="white",
        linewidth=0.5,
        zorder=4,
    )
    for when, date in zip(strategy["when"], strategy["date"], strict=True):
        ax.axvline(when, color=MARK_COLOURS[1], linestyle=(0, (4, 2)), linewidth=1.2, zorder=2)
        ax.annotate(
            f"{STRATEGY_DOCUMENT}, {date}",
            (when, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            color=MARK_COLOURS[1],
            fontweight="bold",
        )
    ax.set_yticks(range(len(order)), [kinds[k] for k in order])
    ax.set_ylim(-0.7, len(order) - 0.3)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("Year")
    fig.tight_layout()
    xs = mdates.date2num(shown["when"])
    pos = {i: (x, row[k]) for i, x, k in zip(shown.index, xs, shown["kind"], strict=True)}
    text = {
        i: f"{wrap_label(t, 30)}\n({d})"
        for i, t, d in zip(shown.index, shown["title"], shown["date"], strict=True)
    }
    size = {i: 60 for i in pos} | {f"p{i}": 30 for i in plain.index}
    pos_all = pos | {
        f"p{i}": (x, row[k])
        for i, x, k in zip(plain.index, mdates.date2num(plain["when"]), plain["kind"], strict=True)
    }
    done = place_labels(
        ax,
        pos_all,
        size,
        [(i, text[i]) for i in sorted(pos, key=lambda i: (shown.loc[i, "date"], i))],
        rings=8,
    )
    # An event whose name finds no free place (a long title) is numbered, and named in a key
    # under the chart.
    missing = sorted(set(pos) - done, key=lambda i: (shown.loc[i, "date"], i))
    if missing:
        number = {i: str(n) for n, i in enumerate(missing, 1)}
        numbered = place_labels(ax, pos_all, size, [(i, number[i]) for i in missing], rings=8)
        if set(missing) - numbered:
            raise ValueError(f"no free place to name events {sorted(shown.loc[missing, 'title'])}")
        ax.annotate(
            "\n".join(
                f"{number[i]}: {wrap_label(shown.loc[i, 'title'], 90)} ({shown.loc[i, 'date']})"
                for i in missing
            ),
            (0, 0),
            xycoords="axes fraction",
            xytext=(0, -36),
            textcoords="offset points",
            ha="left",
            va="top",
        )
    ax.legend(
        handles=[
            Line2D(
                [],
                [],
                ls="none",
                marker="o",
                ms=5.5,
                mfc=MARK_COLOURS[0],
                mec="white",
                label="event",
            ),
            Line2D(
                [],
                [],
                ls="none",
                marker="D",
                ms=6.5,
                mfc=MARK_COLOURS[1],
                mec="white",
                label="named: " + ", ".join(kinds[k].lower() for k in named),
            ),
            Line2D(
                [],
                [],
                color=MARK_COLOURS[1],
                ls=(0, (4, 2)),
                lw=1.2,
                label=f"the 2019 Communication, {STRATEGY_DOCUMENT}",
            ),
        ],
        loc="upper left",
        bbox_to_anchor=(0, -0.1),
        ncol=1,
        frameon=False,
    )
    return fig


MILESTONE_ORDER = field_values("agreement_milestones", "milestone")


def agreements_at_a_glance(
    agreements: pd.DataFrame, milestones: pd.DataFrame, countries: pd.DataFrame
) -> pd.DataFrame:
    """One row per agreement: country, type and the date of each milestone (empty if none)."""
    wide = milestones.pivot(index="agreement_id", columns="milestone", values="date")
    wide = wide.reindex(columns=[m for m in MILESTONE_ORDER if m in wide.columns])
    names = countries[["country_code", "name"]].rename(columns={"name": "country"})
    table = agreements.merge(names, on="country_code", how="left")
    table = table.merge(wide, left_on="agreement_id", right_index=True, how="left")
    table = table.sort_values(["country", "agreement_type"]).reset_index(drop=True)
    table["agreement_type"] = table["agreement_type"].str.replace("_", " ")
    return table.rename(columns={"agreement_type": "type"})[
        ["country", "type", *wide.columns]
    ].rename(columns=lambda c: c.replace("_", " "))
