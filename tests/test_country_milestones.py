"""A state's milestones read in one order in its table, its figure and the figure's CSV
(the order is asked once, in eucasia.analysis.milestones.state_milestones)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from eucasia.analysis.milestones import MILESTONE_ORDER, state_milestones, strategy_date
from eucasia.data import load_tables
from eucasia.presentation.charts.country_figures import (
    _steps,
    agreement_chart,
    agreement_chart_data,
)
from eucasia.presentation.figurekit.figfile import figure_bytes
from eucasia.presentation.tables.country_tables import UNDATED, agreements_table, river_positions

TABLES = load_tables()
CODES = list(TABLES["countries"]["country_code"])


def order_mismatches(table: pd.DataFrame, figure_rows: pd.DataFrame) -> list[str]:
    """Rows where the page's table and the figure's data list different milestones."""
    left = list(zip(table["agreement"], table["milestone"], table["date"], strict=True))
    right = list(
        zip(figure_rows["agreement"], figure_rows["milestone"], figure_rows["date"], strict=True)
    )
    return [
        f"row {i}: table {a} vs figure {b}"
        for i, (a, b) in enumerate(zip(left, right, strict=False))
        if a != b
    ] + ([f"{len(left)} table rows vs {len(right)} figure rows"] if len(left) != len(right) else [])


def unlisted_agreements(tables: dict[str, pd.DataFrame], code: str, table: pd.DataFrame) -> set:
    """The state's agreement types in the data that its agreements table does not list."""
    agreements = tables["agreements"]
    held = set(agreements[agreements["country_code"] == code]["agreement_type"])
    return {a for a in held if a.replace("_", " ") not in set(table["agreement"])}


@pytest.mark.parametrize("code", CODES)
def test_every_agreement_of_a_state_is_in_its_table(code: str) -> None:
    """Uzbekistan's interim trade agreement has no dated milestone: the overview listed it with
    empty dates and the country profile not at all, so a reader met it once, unexplained."""
    table = agreements_table(TABLES, code)
    assert unlisted_agreements(TABLES, code, table) == set()


def test_an_agreement_left_out_of_a_table_is_named() -> None:
    table = agreements_table(TABLES, "UZB")
    dated = table[table["milestone"] != UNDATED]
    assert unlisted_agreements(TABLES, "UZB", dated) == {"interim_trade_agreement"}


@pytest.mark.parametrize("code", CODES)
def test_table_figure_and_csv_list_milestones_in_one_order(code: str) -> None:
    table = agreements_table(TABLES, code)
    table = table[table["milestone"] != UNDATED]  # what has a date to draw
    assert order_mismatches(table, agreement_chart_data(TABLES, code)) == []
    drawn = _steps(TABLES, code)  # what the figure draws and labels
    assert list(drawn["milestone"].str.replace("_", " ")) == list(table["milestone"])


def test_the_check_catches_a_table_in_another_order() -> None:
    code = max(CODES, key=lambda c: len(state_milestones(TABLES, c)))
    table = agreements_table(TABLES, code)
    shuffled = table.sort_values("date", ascending=False).reset_index(drop=True)
    assert order_mismatches(shuffled, agreement_chart_data(TABLES, code))


def test_ties_never_depend_on_the_files_row_order() -> None:
    code = max(CODES, key=lambda c: len(state_milestones(TABLES, c)))
    reversed_rows = {**TABLES, "agreement_milestones": TABLES["agreement_milestones"].iloc[::-1]}
    assert state_milestones(reversed_rows, code).equals(state_milestones(TABLES, code))


def test_milestones_follow_an_agreements_life_and_the_strategy_date_is_the_communications() -> None:
    for code in CODES:
        steps = state_milestones(TABLES, code)
        for _, group in steps.groupby("agreement_type"):
            assert list(group["order"]) == sorted(group["order"])
    assert MILESTONE_ORDER[0] == "negotiations_launched"
    assert strategy_date(TABLES["timeline"]) == "2019-05-15"
    with pytest.raises(ValueError, match="JOIN"):
        strategy_date(TABLES["timeline"].iloc[0:0])


@pytest.mark.parametrize("code", CODES)
def test_the_overview_counts_every_river_row_of_a_state(code: str) -> None:
    """The overview's rivers cell adds up to the state's rows in rivers.csv (TKM is midstream)."""
    rivers = TABLES["rivers"][TABLES["rivers"]["country_code"] == code]
    counts = [int(n) for n in river_positions(rivers).split(" / ")]
    assert sum(counts) == len(rivers), (code, river_positions(rivers), len(rivers))


def test_a_river_position_outside_the_vocabulary_is_an_error() -> None:
    with pytest.raises(ValueError, match="'midway'"):
        river_positions(pd.DataFrame({"position": ["upstream", "midway"]}))


def svg_width(svg: bytes) -> tuple[str, str]:
    """An SVG's drawing width as written on it: its ``width`` attribute and its viewBox's width."""
    root = ET.fromstring(svg)
    return root.get("width", ""), (root.get("viewBox") or "").split()[2:3][0]


def width_mismatches(svgs: dict[str, bytes]) -> list[str]:
    """Figures drawn at another width than the first: the page shows them at one width, so
    their type would read at another size (Uzbekistan's 522 pt against 500 pt: 4% smaller)."""
    widths = {name: svg_width(svg) for name, svg in svgs.items()}
    first = next(iter(widths.values()), None)
    return [f"{name}: {w} against {first}" for name, w in widths.items() if w != first]


class _Images(HTMLParser):
    """The images of a page's figures, in page order."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.sources = 0, []

    def handle_starttag(self, tag, attrs) -> None:
        self.depth += tag == "figure"
        if tag == "img" and self.depth:
            self.sources.append(dict(attrs)["src"])

    def handle_endtag(self, tag) -> None:
        self.depth -= tag == "figure"


def test_the_country_figures_are_drawn_at_one_width(built_html: Path) -> None:
    """The five figures of the countries page, as the page loads them, are one width."""
    page = built_html / "notebooks" / "countries.html"
    parser = _Images()
    parser.feed(page.read_text(encoding="utf-8"))
    svgs = {src: (page.parent / src).read_bytes() for src in parser.sources}
    assert len(svgs) == 5  # one per Central Asian state
    assert width_mismatches(svgs) == []


def test_the_width_check_catches_uzbekistans_old_figure() -> None:
    """Uzbekistan's axis runs from 1995 to 2030, both on a tick: named there, as they were,
    the two years reached past the axes and widened the saved figure."""
    kaz, uzb = agreement_chart(TABLES, "KAZ"), agreement_chart(TABLES, "UZB")
    fixed = {code: figure_bytes(fig, "svg") for code, fig in (("KAZ", kaz), ("UZB", uzb))}
    assert width_mismatches(fixed) == []
    uzb.axes[0].xaxis.set_major_formatter(mdates.DateFormatter("%Y"))  # every tick named,
    for tick in uzb.axes[0].xaxis.get_major_ticks():  # centred under it, the ends too
        tick.label1.set_horizontalalignment("center")
    old = {"KAZ": fixed["KAZ"], "UZB": figure_bytes(uzb, "svg")}
    assert width_mismatches(old) == [
        "UZB: ('522.137187pt', '522.137187') against ('500.4pt', '500.4')"
    ]
    plt.close(kaz)
    plt.close(uzb)


# ------------------------------------------------------------------ the axis names its ends


def axis_end_problems(fig) -> list[str]:
    """A country figure's year axis names its first and last year (a reader sees where the
    axis starts and ends), and no year's name reaches past the axes (which would widen the
    saved figure against the other four)."""
    ax = fig.axes[0]
    fig.canvas.draw()
    lo, hi = sorted(ax.get_xlim())
    shown = {
        round(t.get_loc(), 6): t.label1
        for t in ax.xaxis.get_major_ticks()
        if t.label1.get_visible()
    }
    problems = []
    for end, which in ((lo, "first"), (hi, "last")):
        year = mdates.num2date(end).strftime("%Y")
        label = shown.get(round(end, 6))
        if label is None or label.get_text() != year:
            problems.append(f"the {which} year of the axis, {year}, is not named")
    box = ax.get_window_extent()
    for label in shown.values():
        extent = label.get_window_extent()
        if label.get_text() and (extent.x0 < box.x0 - 0.5 or extent.x1 > box.x1 + 0.5):
            problems.append(f"{label.get_text()!r} reaches past the axes")
    return problems


def test_every_country_figure_names_the_ends_of_its_axis() -> None:
    for code in CODES:
        if code not in set(TABLES["agreements"]["country_code"]):
            continue
        fig = agreement_chart(TABLES, code)
        assert axis_end_problems(fig) == [], code
        plt.close(fig)


def test_the_axis_end_check_catches_the_unnamed_ends() -> None:
    """Uzbekistan's axis as it was (1995 to 2030, both ends on a tick left unnamed), and the
    ends named centred under their ticks (as before that: reaching past the axes)."""
    fig = agreement_chart(TABLES, "UZB")
    ax = fig.axes[0]
    lo, hi = sorted(ax.get_xlim())
    named = ax.xaxis.get_major_formatter()
    ax.xaxis.set_major_formatter(lambda x, _pos=None: "" if x in (lo, hi) else named(x))
    assert axis_end_problems(fig) == [
        "the first year of the axis, 1995, is not named",
        "the last year of the axis, 2030, is not named",
    ]
    ax.xaxis.set_major_formatter(named)
    for tick in ax.xaxis.get_major_ticks():
        tick.label1.set_horizontalalignment("center")
    assert axis_end_problems(fig) == [
        "'1995' reaches past the axes",
        "'2030' reaches past the axes",
    ]
    plt.close(fig)
