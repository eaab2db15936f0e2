"""A strand chapter's status lands on its own item in the tracker (issue 23, "Pages that do not end").

The full lists of the strand chapters (initiatives and commitments) link each item's status to
its evidence. The tracker's evidence tables are hundreds of rows long and folded, so a link to
the top of a table leaves the reader on another item's rows. Each item's first row of evidence
carries the anchor `eucasia.presentation.tables.tracker_tables.item_anchor` makes from its id
(`ev-1-1-si-03`; an item without evidence: its row of the status table, `st-…`), and:

- statically, over the built HTML: every status link of the strand lists points to an element
  with that id on the tracker page, and that element is in the row of the link's own item
  (a fixture page missing one id, and one whose link goes to a table's top, fail);
- in Chromium at 390 px: following a status link from a chapter opens the tracker's fold, and
  the item's row is in the viewport below the sticky header, its id legible and the row marked
  (the same check fails on arriving at the table's top, as the links did before).
"""

from __future__ import annotations

import contextlib
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_browser import site  # noqa: F401 - the shared fixture (browser: conftest)

from eucasia.data import load_tables
from eucasia.presentation.tables.network_tables import strand_initiatives
from eucasia.presentation.tables.tracker_tables import item_anchor

STRAND_PAGES = {
    "resilience": "notebooks/resilience.html",
    "prosperity": "notebooks/prosperity.html",
    "together": "notebooks/together.html",
}
TRACKER = "notebooks/tracker.html"
#: The strand chapters' full lists (Tables 2.7/2.8, 3.7/3.8, 4.7/4.8).
LIST_TABLE = re.compile(r"^tbl-(res|pro|tog)-(initiatives|commitments)$")
ROW_PREFIX = "initiative-"


def status_links(html: str) -> list[tuple[str, str | None]]:
    """(item id, href of its status link or None) for every row of the page's full lists."""
    soup = BeautifulSoup(html, "html.parser")
    links = []
    for table in soup.find_all("table", id=LIST_TABLE):
        header = [th.get_text(" ", strip=True) for th in table.find("thead").find_all("th")]
        column = header.index("status")
        for row in table.find("tbody").find_all("tr", recursive=False):
            cells = row.find_all("td", recursive=False)
            item = str(row.get("id", ""))[len(ROW_PREFIX) :] or cells[0].get_text(strip=True)
            link = cells[column].find("a", href=True)
            links.append((item, str(link["href"]) if link else None))
    return links


def link_errors(pages: Mapping[str, str]) -> tuple[int, list[str]]:
    """Follows every status link of the strand pages among `pages` (site path -> HTML) to its
    target; returns the number of links and what is wrong: a row without a link, a link to
    another page than the tracker, an id missing there, or an id not in its item's row (or
    not one of the item's anchors)."""
    soups: dict[str, BeautifulSoup] = {}
    count, errors = 0, []
    for path, html in pages.items():
        if path == TRACKER:
            continue
        for item, href in status_links(html):
            count += 1
            if href is None:
                errors.append(f"{path}: {item} has no status link")
                continue
            target, _, fragment = href.partition("#")
            target_path = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            if target_path != TRACKER or not fragment:
                errors.append(f"{path}: {item} links to {href}, not a row of {TRACKER}")
                continue
            if fragment not in {item_anchor(item, "evidence"), item_anchor(item, "status")}:
                errors.append(f"{path}: {item} links to #{fragment}, not one of its anchors")
            if TRACKER not in soups:
                soups[TRACKER] = BeautifulSoup(pages.get(TRACKER, ""), "html.parser")
            element = soups[TRACKER].find(id=fragment)
            if element is None:
                errors.append(f"{path}: {item} links to #{fragment}, which {TRACKER} lacks")
                continue
            row = element if element.name == "tr" else element.find_parent("tr")
            cell = row.find("td") if row is not None else None
            if cell is None or not cell.get_text(" ", strip=True).startswith(f"{item} "):
                errors.append(f"{path}: {item} links to #{fragment}, which is not its row")
    return count, errors


@pytest.mark.book
def test_every_status_link_lands_on_its_items_row(built_html: Path) -> None:
    paths = [*STRAND_PAGES.values(), TRACKER]
    pages = {p: (built_html / p).read_text(encoding="utf-8") for p in paths}
    count, errors = link_errors(pages)
    tables = load_tables(["initiatives", "implementation_status"])
    items = sum(len(strand_initiatives(tables, s)) for s in STRAND_PAGES)
    assert count == items, f"{count} status links in the strand lists for {items} items"
    assert not errors, "\n".join(errors)


STRAND_FIXTURE = """<html><body><table id="tbl-res-initiatives">
<thead><tr><th><p>item</p></th><th><p>status</p></th></tr></thead><tbody>
<tr id="initiative-1.1-SI-01"><td><p>1.1-SI-01</p></td>
  <td><p><a href="tracker.html#ev-1-1-si-01">delivered</a></p></td></tr>
<tr id="initiative-1.1-SI-02"><td><p>1.1-SI-02</p></td>
  <td><p><a href="tracker.html#{second}">delivered</a></p></td></tr>
</tbody></table></body></html>"""
TRACKER_FIXTURE = """<html><body><table id="tbl-trk-evidence-resilience"><tbody>
<tr><td><p id="ev-1-1-si-01">1.1-SI-01 (initiative)</p></td><td>E01</td></tr>
{second}
</tbody></table></body></html>"""


def fixture_pages(link: str, row: str) -> dict[str, str]:
    return {
        "notebooks/resilience.html": STRAND_FIXTURE.format(second=link),
        TRACKER: TRACKER_FIXTURE.format(second=row),
    }


def test_the_link_check_passes_a_good_fixture() -> None:
    row = '<tr><td><p id="ev-1-1-si-02">1.1-SI-02 (initiative)</p></td><td>E01</td></tr>'
    assert link_errors(fixture_pages("ev-1-1-si-02", row)) == (2, [])


@pytest.mark.parametrize(
    ("link", "row", "error"),
    [
        # The tracker page lacks the second item's id.
        (
            "ev-1-1-si-02",
            "<tr><td><p>1.1-SI-02 (initiative)</p></td><td>E01</td></tr>",
            "which notebooks/tracker.html lacks",
        ),
        # The link goes to the top of the table, as every status link once did.
        (
            "tbl-trk-evidence-resilience",
            '<tr><td><p id="ev-1-1-si-02">1.1-SI-02 (initiative)</p></td></tr>',
            "not one of its anchors",
        ),
        # The id is there, on another item's row.
        (
            "ev-1-1-si-02",
            '<tr><td><p id="ev-1-1-si-02">1.1-C-01 (commitment)</p></td></tr>',
            "which is not its row",
        ),
    ],
)
def test_the_link_check_fails_on_a_broken_fixture(link: str, row: str, error: str) -> None:
    count, errors = link_errors(fixture_pages(link, row))
    assert count == 2
    assert len(errors) >= 1 and all("1.1-SI-02" in e for e in errors), errors
    assert any(error in e for e in errors), errors


# --------------------------------------------------------------------------- in Chromium

PHONE = {"width": 390, "height": 844}

ROW_IN_VIEW = """(id) => {
  const target = document.getElementById(id);
  if (!target) return { error: "no element #" + id };
  const row = target.closest("tr");
  const cell = row && row.querySelector("td");
  if (!cell) return { error: "#" + id + " is in no table row" };
  const header = document.getElementById("pst-header");
  const top = header ? header.getBoundingClientRect().bottom : 0;
  const box = cell.getBoundingClientRect();
  const middle = { x: box.left + Math.min(box.width / 2, 40), y: box.top + box.height / 2 };
  const hit = document.elementFromPoint(middle.x, middle.y);
  return {
    error: null, visible: target.checkVisibility(), top: box.top, bottom: box.bottom,
    headerBottom: top, height: innerHeight, text: cell.innerText.trim(),
    covered: !(hit && cell.contains(hit)),
    outline: getComputedStyle(row).outlineStyle,
  };
}"""


def row_problems(page, anchor: str, item: str) -> list[str]:
    """What keeps the reader from seeing `item`'s row (the row of `anchor`) on arrival: hidden
    in a fold, out of the viewport or under the sticky header, another item's id, unmarked."""
    seen = page.evaluate(ROW_IN_VIEW, anchor)
    if seen["error"]:
        return [seen["error"]]
    problems = []
    if not seen["visible"]:
        problems.append("the row is hidden (its fold shut)")
    if seen["top"] < seen["headerBottom"] - 1 or seen["bottom"] > seen["height"]:
        problems.append(
            f"the row is not in view below the header ({seen['top']:.0f}–{seen['bottom']:.0f} "
            f"px, header ends at {seen['headerBottom']:.0f}, viewport {seen['height']})"
        )
    elif seen["covered"]:
        problems.append("the row's first cell is covered")
    if not seen["text"].startswith(item):
        problems.append(f"the row names {seen['text'][:20]!r}, not {item}")
    if seen["outline"] in ("none", ""):
        problems.append("the row is not marked as the link's target")
    return problems


@contextlib.contextmanager
def phone_page(browser):
    context = browser.new_context(viewport=PHONE, service_workers="block")
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.book
@pytest.mark.parametrize(
    ("item", "anchor"), [("1.1-SI-03", "ev-1-1-si-03"), ("1.3-SI-04", "st-1-3-si-04")]
)
def test_following_a_status_link_shows_the_items_row(
    site: str,  # noqa: F811
    browser,
    item: str,
    anchor: str,
) -> None:
    with phone_page(browser) as page:
        page.goto(f"{site}{STRAND_PAGES['resilience']}#{ROW_PREFIX}{item}")
        page.wait_for_load_state("networkidle")
        link = page.locator(f"[id='{ROW_PREFIX}{item}'] a[href*='tracker.html#']")
        assert link.get_attribute("href").endswith(f"#{anchor}")
        link.click()
        page.wait_for_url(f"**/{TRACKER}#{anchor}")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(200)
        assert not row_problems(page, anchor, item), row_problems(page, anchor, item)


@pytest.mark.book
def test_the_row_check_fails_at_the_tables_top(site: str, browser) -> None:  # noqa: F811
    """Arriving at the evidence table's top, as the links did, leaves 1.1-SI-03's row unseen."""
    with phone_page(browser) as page:
        page.goto(f"{site}{TRACKER}#tbl-trk-evidence-resilience")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(200)
        problems = row_problems(page, "ev-1-1-si-03", "1.1-SI-03")
        assert any("not in view" in p for p in problems), problems
        assert any("not marked" in p for p in problems), problems
