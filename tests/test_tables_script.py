"""eucasia-tables.js on a fixture table, in a real browser (no built book needed).

The fixture's values tell the sort rules apart: a text sort puts "1,000" before "9", a numeric
one after; "2019-06" is no number but a date. A copy of the script with its numeric rule
removed must fail the same check (the check can fail), and markup in a cell stays text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import chromium, website
from harness.paths import ROOT

pytestmark = pytest.mark.browser

SCRIPT = (ROOT / "book" / "_static" / "eucasia-tables.js").read_text(encoding="utf-8")
NUMERIC_RULE = "filled.every((t) => number(t) !== null)"
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><main>
<div class="pst-scrollable-table-container">
<table class="table eucasia-interactive" id="tbl-x"><caption>Fixture</caption>
<thead><tr><th>name</th><th>amount</th><th>date</th></tr></thead><tbody>
<tr><td>alpha water</td><td>10</td><td>2019-06-17</td></tr>
<tr><td>beta</td><td>9</td><td>2021-01-01</td></tr>
<tr><td>&lt;b&gt;gamma&lt;/b&gt; water</td><td>1,000</td><td>2018</td></tr>
<tr><td>delta</td><td></td><td>2019-06</td></tr>
<tr><td>epsilon</td><td>\u22125</td><td>2020-03-01</td></tr>
</tbody></table></div>
<table class="table eucasia-interactive" id="tbl-money"><caption>Money</caption>
<thead><tr><th>programme</th><th>amount</th></tr></thead><tbody>
<tr><td>a</td><td data-sort-value="1000000000.0">about EUR 1 billion</td></tr>
<tr><td>b</td><td data-sort-value="550000000.0">at least EUR 550 million</td></tr>
<tr><td>c</td><td data-sort-value="">not given</td></tr>
<tr><td>d</td><td data-sort-value="1470000000.0">EUR 1.47 billion</td></tr>
<tr><td>e</td><td data-sort-value="4500000.0">EUR 4.5 million</td></tr>
</tbody></table>
<table class="table eucasia-interactive" id="tbl-gaps"><caption>Gaps</caption>
<thead><tr><th>programme</th><th>period</th><th>scope</th><th>count</th></tr></thead><tbody>
<tr><td>a</td><td>2021–2024</td><td>Uzbekistan</td><td>3</td></tr>
<tr><td>b</td><td></td><td></td><td>–</td></tr>
<tr><td>c</td><td>2014–2020</td><td>Kazakhstan</td><td>12</td></tr>
<tr><td>d</td><td>–</td><td>–</td><td></td></tr>
<tr><td>e</td><td>2021</td><td>Central Asia</td><td>1</td></tr>
</tbody></table>
<script>SCRIPT</script></main></body></html>"""
#: The rule that sorts by the value the build wrote, and the order it gives each way.
VALUE_RULE = "r.cells[i].hasAttribute(VALUE)"
BY_AMOUNT = ["e", "b", "a", "d", "c"]
BY_AMOUNT_DOWN = ["d", "a", "b", "e", "c"]


def _sorted_by(
    browser, tmp_path: Path, script: str, column: int, table: str = "tbl-x", clicks: int = 1
) -> list[str]:
    (tmp_path / "index.html").write_text(PAGE.replace("SCRIPT", script), encoding="utf-8")
    shown = 0 if table == "tbl-money" else column
    with website.serve(tmp_path) as base, chromium.open_page(browser, base) as (page, record):
        assert not record.console_errors
        for _ in range(clicks):
            page.locator(f"#{table} thead th").nth(column).locator("button").click()
        return page.eval_on_selector_all(
            f"#{table} tbody tr", f"rows => rows.map(r => r.cells[{shown}].textContent)"
        )


def _both_ways(browser, tmp_path: Path, script: str, column: int) -> tuple[list[str], ...]:
    """The programmes of the gaps table sorted by `column`, ascending then descending."""
    (tmp_path / "index.html").write_text(PAGE.replace("SCRIPT", script), encoding="utf-8")
    with website.serve(tmp_path) as base, chromium.open_page(browser, base) as (page, record):
        assert not record.console_errors
        button = page.locator("#tbl-gaps thead th").nth(column).locator("button")
        orders = []
        for _ in range(2):
            button.click()
            orders.append(page.eval_on_selector_all("#tbl-gaps tbody tr", ROWS_BY_NAME))
        return tuple(orders)


ROWS_BY_NAME = "rows => rows.map(r => r.cells[0].textContent)"
#: The gaps table by period, scope and count, each way: the empty cells ("" and the absent
#: dash, rows b and d) last in both directions, in the table's order.
BY_GAPS = {
    1: (["c", "e", "a", "b", "d"], ["a", "e", "c", "b", "d"]),
    2: (["e", "c", "a", "b", "d"], ["a", "c", "e", "b", "d"]),
    3: (["e", "a", "c", "b", "d"], ["c", "a", "e", "b", "d"]),
}
#: The rule that keeps empty cells last whatever the direction.
BLANK_RULE = "empty[a] - empty[b]"


def test_money_sorts_by_the_amount_the_build_wrote_empty_last(browser, tmp_path: Path) -> None:
    assert _sorted_by(browser, tmp_path, SCRIPT, 1, "tbl-money") == BY_AMOUNT
    assert _sorted_by(browser, tmp_path, SCRIPT, 1, "tbl-money", clicks=2) == BY_AMOUNT_DOWN


def test_the_money_check_fails_when_the_script_sorts_the_words(browser, tmp_path: Path) -> None:
    assert VALUE_RULE in SCRIPT
    broken = SCRIPT.replace(VALUE_RULE, "false")
    assert _sorted_by(browser, tmp_path, broken, 1, "tbl-money") != BY_AMOUNT


def test_numbers_sort_numerically(browser, tmp_path: Path) -> None:
    assert _sorted_by(browser, tmp_path, SCRIPT, 1) == ["\u22125", "9", "10", "1,000", ""]


def test_the_numeric_check_fails_without_the_numeric_rule(browser, tmp_path: Path) -> None:
    assert NUMERIC_RULE in SCRIPT
    broken = SCRIPT.replace(NUMERIC_RULE, "false")
    assert _sorted_by(browser, tmp_path, broken, 1) != ["\u22125", "9", "10", "1,000", ""]


@pytest.mark.parametrize("column", sorted(BY_GAPS))
def test_empty_cells_sort_last_both_ways(browser, tmp_path: Path, column: int) -> None:
    """Periods (by their start), text and numbers with empty cells: the empties last whether
    the column sorts up or down (a period column put them first)."""
    assert _both_ways(browser, tmp_path, SCRIPT, column) == BY_GAPS[column]


def test_the_empty_last_check_fails_when_the_direction_applies_to_empties(
    browser, tmp_path: Path
) -> None:
    assert BLANK_RULE in SCRIPT
    broken = SCRIPT.replace(BLANK_RULE, f"sign * ({BLANK_RULE})")
    assert _both_ways(browser, tmp_path, broken, 1)[1] == ["b", "d", "a", "e", "c"]


def test_dates_sort_chronologically(browser, tmp_path: Path) -> None:
    assert _sorted_by(browser, tmp_path, SCRIPT, 2) == [
        "2018",
        "2019-06",
        "2019-06-17",
        "2020-03-01",
        "2021-01-01",
    ]


def test_filter_counts_rows_and_markup_stays_text(browser, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE.replace("SCRIPT", SCRIPT), encoding="utf-8")
    with website.serve(tmp_path) as base, chromium.open_page(browser, base) as (page, _):
        status = page.locator('input[aria-controls="tbl-x"] ~ [role=status]')
        assert status.text_content() == "5 of 5 rows"
        page.focus('input[aria-controls="tbl-x"]')
        page.keyboard.type("Water")
        assert page.locator("#tbl-x tbody tr:visible").count() == 2
        assert status.text_content() == "2 of 5 rows"
        assert page.locator("#tbl-x b").count() == 0  # "<b>" in a cell is text, never markup
        label = page.locator("label", has_text="Filter rows").first
        field = page.locator('input[aria-controls="tbl-x"]')
        assert label.get_attribute("for") == field.get_attribute("id")
