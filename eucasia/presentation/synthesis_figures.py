"""Figures of the synthesis: actor strength across strands, and the 2019 → 2023 crosswalk."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from eucasia.presentation.labels import short_label
from eucasia.presentation.style import STRAND_COLOURS, WIDTH_IN, figure_style


def strength_heatmap(matrix: pd.DataFrame, titles: Mapping[str, str]) -> Figure:
    """Actors (rows) by strand (columns), shaded by the actor's strength in that strand network."""
    figure_style()
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.26 * len(matrix) + 1.4))
    values = matrix.to_numpy(dtype=float)
    shade = np.log1p(values)
    ax.imshow(shade, aspect="auto", cmap="Blues", vmin=0, vmax=shade.max() * 1.15)
    for (i, j), v in np.ndenumerate(values):
        ax.text(
            j,
            i,
            "–" if v == 0 else f"{int(v)}",
            ha="center",
            va="center",
            fontsize=7.5,
            color="white" if shade[i, j] > shade.max() * 0.6 else "#222222",
        )
    ax.set_xticks(
        range(matrix.shape[1]),
        ["\n".join(textwrap.wrap(titles[c], 12)) for c in matrix.columns],
        fontsize=7,
    )
    ax.xaxis.tick_top()
    ax.set_yticks(
        range(len(matrix)),
        [textwrap.shorten(short_label(x), 42, placeholder=" …") for x in matrix.index],
    )
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.tight_layout()
    return fig


def crosswalk_chart(tables: Mapping[str, pd.DataFrame]) -> Figure:
    """Matrix of 2019 sections (rows) against Roadmap key areas (columns): primary and partial."""
    figure_style()
    areas = tables["areas"].sort_values("area_id")
    roadmap = tables["roadmap_areas"].sort_values("number")
    walk = tables["crosswalk"]
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.34 * len(areas) + 2.2))
    col = {r: j for j, r in enumerate(roadmap["roadmap_area_id"])}
    row = {a: i for i, a in enumerate(areas["area_id"])}
    for a, r, rel in zip(walk["area_id"], walk["roadmap_area_id"], walk["relation"], strict=True):
        if rel == "none" or pd.isna(r):
            ax.text(
                len(col) - 0.5,
                row[a],
                "no key area",
                va="center",
                ha="right",
                fontsize=7,
                color="#555555",
            )
            continue
        strand = areas.set_index("area_id").loc[a, "strand_id"]
        ax.scatter(
            col[r],
            row[a],
            s=150 if rel == "primary" else 70,
            marker="o",
            color=STRAND_COLOURS[strand] if rel == "primary" else "white",
            edgecolor=STRAND_COLOURS[strand],
            linewidth=1.6,
            zorder=3,
        )
    ax.set_xticks(
        range(len(col)),
        [
            f"{n}. {textwrap.shorten(t, 44, placeholder=' …')}"
            for n, t in zip(roadmap["number"], roadmap["title"], strict=True)
        ],
        fontsize=7,
        rotation=28,
        ha="left",
        rotation_mode="anchor",
    )
    ax.xaxis.tick_top()
    ax.set_yticks(
        range(len(row)),
        [
            f"{a} {textwrap.shorten(t, 52, placeholder=' …')}"
            if a != "0"
            else textwrap.shorten(t, 56, placeholder=" …")
            for a, t in zip(areas["area_id"], areas["title"], strict=True)
        ],
        fontsize=7.5,
    )
    ax.set_xlim(-0.5, len(col) - 0.5)
    ax.set_ylim(len(row) - 0.5, -0.5)
    ax.grid(color="#e5e5e5", linewidth=0.6)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.scatter(
        [], [], s=150, color="#777777", label="primary: the key area carries the section forward"
    )
    ax.scatter([], [], s=70, color="white", edgecolor="#777777", linewidth=1.6, label="partial")
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.02), ncol=2, frameon=False, fontsize=7.5)
    fig.tight_layout()
    return fig
