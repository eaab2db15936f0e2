"""Charts that are not networks: the strategy's structure, the timeline, agreements at a glance."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from eucasia.analysis.milestones import MILESTONE_ORDER

# The timeline lives in its own module (its names follow a rule of their own); the overview and
# the country figures import it and its vocabulary from here.
from eucasia.presentation.charts.timelinefig import (  # noqa: F401
    EVENT_KINDS,
    NAMED_KINDS,
    plot_date,
    timeline_chart,
)
from eucasia.presentation.figurekit.canvas import count_axis, row_height_in
from eucasia.presentation.figurekit.legends import bottom_of, legend_within_width, swatch_handle
from eucasia.presentation.figurekit.style import (
    BAR_EDGE,
    FONT_PT,
    STRAND_COLOURS,
    WIDTH_IN,
    figure_style,
)

KIND_LABELS = {
    "specific_initiative": "Specific initiatives",
    "commitment": "Commitments in the prose",
}


def section_counts(areas: pd.DataFrame, initiatives: pd.DataFrame) -> pd.DataFrame:
    """Per section: strand, title and the number of specific initiatives and commitments.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["initiatives"])
    >>> counts = section_counts(tables["areas"], tables["initiatives"])
    >>> list(counts.columns)
    ['area_id', 'strand_id', 'title', 'specific_initiative', 'commitment']
    """
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
    """Horizontal bars per section, grouped and coloured by strand: initiatives and commitments.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["initiatives"])
    >>> fig = structure_chart(tables["areas"], tables["initiatives"], tables["strands"])
    >>> type(fig).__name__, float(fig.get_figwidth())  # inches: the print width
    ('Figure', 7.0)
    >>> plt.close(fig)
    """
    figure_style()
    table = section_counts(areas, initiatives).iloc[::-1].reset_index(drop=True)
    labels = [
        "\n".join(textwrap.wrap(f"{a} {t}" if a != "0" else t, 48))
        for a, t in zip(table["area_id"], table["title"], strict=True)
    ]
    fig, ax = plt.subplots(figsize=(WIDTH_IN, row_height_in(labels) * len(table) + 1.2))
    y = range(len(table))
    colours = [STRAND_COLOURS[s] for s in table["strand_id"]]
    initiatives_n = table["specific_initiative"]
    commitments_n = table["commitment"]
    ax.barh(y, initiatives_n, color=colours, edgecolor=BAR_EDGE, linewidth=0.5)
    ax.barh(
        y,
        commitments_n,
        left=initiatives_n,
        color=colours,
        alpha=0.35,
        edgecolor=BAR_EDGE,
        linewidth=0.5,
        hatch="///",
    )
    for i, (a, b) in enumerate(zip(initiatives_n, commitments_n, strict=True)):
        ax.text(a + b + 0.15, i, f"{a} + {b}", va="center", fontsize=FONT_PT)
    ax.set_yticks(list(y), labels, fontsize=FONT_PT)
    ax.set_xlabel("Number of coded items (specific initiatives + commitments)")
    count_axis(ax.xaxis)
    ax.set_xlim(0, (initiatives_n + commitments_n).max() * 1.18 + 1)
    ax.spines[["top", "right"]].set_visible(False)
    strand_titles = dict(zip(strands["strand_id"], strands["title"], strict=True))
    handles = [
        swatch_handle(STRAND_COLOURS[s], strand_titles[s])
        for s in STRAND_COLOURS
        if s in set(table["strand_id"])
    ]
    handles += [
        swatch_handle("white", KIND_LABELS["specific_initiative"]),
        swatch_handle("white", KIND_LABELS["commitment"], hatch="///"),
    ]
    fig.tight_layout()
    legend_within_width(
        ax,
        handles,
        ncol=3,
        loc="upper left",
        bbox_to_anchor=(0, bottom_of(ax, ax.xaxis.label)),
        frameon=False,
    )
    return fig


def agreements_at_a_glance(
    agreements: pd.DataFrame, milestones: pd.DataFrame, countries: pd.DataFrame
) -> pd.DataFrame:
    """One row per agreement: country, type and the date of each milestone (empty if none).

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["agreement_milestones", "countries"])
    >>> glance = agreements_at_a_glance(tables["agreements"], tables["agreement_milestones"],
    ...                                 tables["countries"])
    >>> list(glance.columns[:2]), len(glance) == len(tables["agreements"])
    (['country', 'type'], True)
    """
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
