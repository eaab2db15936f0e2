"""Long pages fold, links open folds, and the page's contents follow the reader (Chromium).

- Height: the tracker folds its evidence tables as the strand chapters fold their full lists
  (a cell tagged `hide-output` becomes a `<details>`), so a reader meets the argument first. Its
  laid-out height at 1280 and 390 px stays under `HEIGHT_BUDGET`; the same page with its folds
  open (the long tables as they were) exceeds it, which proves the budget catches them.
- Links into folds: a link to a table or a row inside a fold (`#tbl-trk-evidence-…`,
  `#initiative-…`) opens the fold, on arrival and on a later jump. Chromium opens a fold for a
  fragment by itself on arrival; a jump without navigation is `eucasia-site.js`'s, and without
  that script the fold stays shut (proof).
- The data dictionary folds each table's columns under its heading and sentence, the overview
  open; the page stays under `DICTIONARY_BUDGET`, and the check fails with the folds open.
- The contents highlight ("On this page"): at positions where one section fills the top half of
  the viewport, the highlighted link names that section, with the folds shut and open. The
  theme alone leaves the previous section lit after a jump into a long section (proof).
"""

from __future__ import annotations

import contextlib
import random

import pytest
from test_browser import site  # noqa: F401 - the shared fixture (browser: conftest)

pytestmark = pytest.mark.book

TRACKER = "notebooks/tracker.html"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
#: The tracker's laid-out height with its evidence folded, measured at 8,237 px (desktop) and
#: 13,008 px (phone) when the folds came in, with about 30% room for more prose or rows; with
#: the tables open it measured 48,000 and 92,000 px.
HEIGHT_BUDGET = {"desktop": 11_000, "phone": 17_000}

EAGER_IMAGES = """async () => {
  const images = [...document.images];
  images.forEach((img) => { img.loading = "eager"; });
  await Promise.all(images.map((img) => img.decode().catch(() => null)));
}"""
OPEN_ALL = "document.querySelectorAll('details').forEach((d) => { d.open = true; })"
HEIGHT = "document.documentElement.scrollHeight"

SECTIONS = """() => {
  const header = document.getElementById("pst-header");
  const top = header ? header.getBoundingClientRect().bottom : 0;
  return [...document.querySelectorAll("#pst-page-toc-nav a[href^='#']")].map((a) => {
    const section = document.getElementById(decodeURIComponent(a.hash.slice(1)));
    const box = section.getBoundingClientRect();
    return { name: a.textContent.trim(), top: box.top + scrollY, bottom: box.bottom + scrollY,
             header: top };
  });
}"""
ACTIVE = """[...document.querySelectorAll("#pst-page-toc-nav a.active")]
  .map((a) => a.textContent.trim())"""


@contextlib.contextmanager
def page_at(browser, url: str, viewport: dict, without_site_js: bool = False):
    context = browser.new_context(viewport=viewport, service_workers="block")
    if without_site_js:
        context.route("**/eucasia-site.js*", lambda route: route.abort())
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")  # the site's scripts load after the first paint
    # Every image now, so that no lazy image moves the sections once they are measured.
    page.evaluate(EAGER_IMAGES)
    try:
        yield page
    finally:
        context.close()


def visible(page, element_id: str) -> bool:
    return page.evaluate(
        "(id) => { const el = document.getElementById(id);"
        " return Boolean(el && el.checkVisibility()); }",
        element_id,
    )


# --------------------------------------------------------------------------- height


@pytest.mark.parametrize("device", VIEWPORTS)
def test_the_tracker_stays_under_its_height_budget(site: str, browser, device: str) -> None:  # noqa: F811
    with page_at(browser, site + TRACKER, VIEWPORTS[device]) as page:
        height = page.evaluate(HEIGHT)
        assert height <= HEIGHT_BUDGET[device], (
            f"{TRACKER} at {VIEWPORTS[device]['width']} px is {height} px tall "
            f"(budget {HEIGHT_BUDGET[device]}): is a long table open?"
        )
        folds = page.evaluate("document.querySelectorAll('details:not([open])').length")
        assert folds >= 6, f"{folds} folds: the six status and evidence tables should be folded"


@pytest.mark.parametrize("device", VIEWPORTS)
def test_the_budget_catches_the_tables_open(site: str, browser, device: str) -> None:  # noqa: F811
    with page_at(browser, site + TRACKER, VIEWPORTS[device]) as page:
        page.evaluate(OPEN_ALL)
        assert page.evaluate(HEIGHT) > 2 * HEIGHT_BUDGET[device]


# --------------------------------------------------------------------------- links into folds


@pytest.mark.parametrize(
    ("path", "target"),
    [
        (TRACKER, "tbl-trk-evidence-prosperity"),
        ("notebooks/resilience.html", "initiative-1.1-SI-01"),
        ("notebooks/data_dictionary.html", "tbl-dict-actors"),  # dictfold25
    ],
)
def test_arriving_at_an_anchor_in_a_fold_opens_it(site: str, browser, path: str, target: str):  # noqa: F811
    with page_at(browser, f"{site}{path}#{target}", VIEWPORTS["desktop"]) as page:
        page.wait_for_timeout(200)
        assert visible(page, target), f"{path}#{target} stays folded"
        top = page.evaluate(
            "(id) => document.getElementById(id).getBoundingClientRect().top", target
        )
        assert 0 <= top < VIEWPORTS["desktop"]["height"], f"{target} is not in view ({top} px)"


JUMP = """(id) => { history.replaceState(null, "", "#" + id);
  window.dispatchEvent(new HashChangeEvent("hashchange")); }"""


def test_a_jump_to_an_anchor_in_a_fold_opens_it(site: str, browser) -> None:  # noqa: F811
    target = "tbl-trk-evidence-together"
    with page_at(browser, site + TRACKER, VIEWPORTS["phone"]) as page:
        assert not visible(page, target), "the evidence should start folded"
        page.evaluate(JUMP, target)
        page.wait_for_timeout(100)
        assert visible(page, target)
    with page_at(browser, site + TRACKER, VIEWPORTS["phone"], without_site_js=True) as page:
        page.evaluate(JUMP, target)
        page.wait_for_timeout(100)
        assert not visible(page, target), "the jump opened the fold without eucasia-site.js"


# --------------------------------------------------------------------------- contents highlight


def reading_positions(page) -> list[tuple[float, str]]:
    """Scroll positions where one section fills the top half of the viewport below the header
    (its heading at the top, its middle, its end), each with that section's name."""
    sections = page.evaluate(SECTIONS)
    height, limit = page.viewport_size["height"], page.evaluate(f"{HEIGHT} - innerHeight")
    positions = []
    for s in sections:
        band = (height - s["header"]) / 2
        for y in (
            s["top"] - s["header"],
            (s["top"] + s["bottom"] - height) / 2,
            s["bottom"] - height,
        ):
            if 0 <= y <= limit - 2 and s["top"] - 5 <= y + s["header"] <= s["bottom"] - band:
                positions.append((y, s["name"]))
    return positions


def highlight_errors(page) -> list[str]:
    """Visits the reading positions down the page, up the page and in a seeded random order (a
    jump by the scroll bar or a link), then the page's bottom (where the last section is the one
    in view); returns each visit whose highlighted contents link is not the section in view."""
    positions = reading_positions(page)
    shuffled = random.Random(2019).sample(positions, len(positions))
    errors = []
    for order, visits in (("down", positions), ("up", positions[::-1]), ("jumps", shuffled)):
        for y, name in visits:
            page.evaluate("(y) => window.scrollTo(0, y)", y)
            page.wait_for_timeout(120)
            active = page.evaluate(ACTIVE)
            if active != [name]:
                errors.append(f"{order}, at {round(y)} px ({name}): highlighted {active}")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(120)
    last = page.evaluate(SECTIONS)[-1]["name"]
    if page.evaluate(ACTIVE) != [last]:
        errors.append(f"at the bottom ({last}): highlighted {page.evaluate(ACTIVE)}")
    return errors


@pytest.mark.parametrize("folds", ["folded", "open"])
def test_the_contents_highlight_names_the_section_in_view(site: str, browser, folds: str):  # noqa: F811
    with page_at(browser, site + TRACKER, VIEWPORTS["desktop"]) as page:
        if folds == "open":
            page.evaluate(OPEN_ALL)
        assert len(reading_positions(page)) >= 9, "fewer reading positions than sections"
        errors = highlight_errors(page)
        assert not errors, "\n".join(errors)


def test_the_highlight_check_fails_with_the_theme_alone(site: str, browser) -> None:  # noqa: F811
    """The theme moves the highlight when a heading crosses the top of the viewport: read
    upwards, or jump into a long section, and the highlight names a section out of view."""
    with page_at(browser, site + TRACKER, VIEWPORTS["desktop"], without_site_js=True) as page:
        page.evaluate(OPEN_ALL)
        errors = [e for e in highlight_errors(page) if not e.startswith("at the bottom")]
        assert any("6.8" in e for e in errors), errors


# --------------------------------------------------------------------------- the data dictionary
# dictfold25: each data table's section keeps its heading (listed in the page's contents) and its
# sentence in view and folds its column table (`hide-output` on the cell that writes the
# sections: eucasia.assembly.site.sections.fold_section_outputs); print keeps them open
# (tests/test_pdf.py, test_the_dictionary_prints_every_column_table_open).

DICTIONARY = "notebooks/data_dictionary.html"
#: The dictionary's height with its column tables folded, measured at 12,731 px (desktop) and
#: 19,303 px (phone) when the folds came in, with about 25% room for more tables; with the
#: tables open it measured 37,805 and 62,827 px.
DICTIONARY_BUDGET = {"desktop": 16_000, "phone": 24_000}

DICTIONARY_SECTIONS = """() => [...document.querySelectorAll("table[id^='tbl-dict-']")].map((t) => {
  const section = t.closest("section");
  const fold = t.closest("details");
  const prompt = fold && fold.querySelector(":scope > summary");
  const heading = section.querySelector(":scope > h3");
  const text = section.querySelector(":scope > .cell > .cell_output > p");
  const listed = [...document.querySelectorAll("#pst-page-toc-nav a")]
    .some((a) => a.hash === "#" + section.id);
  return { table: t.id, name: heading ? heading.querySelector("code").textContent : "",
           folded: Boolean(fold) && !fold.open, prompt: prompt ? prompt.innerText.trim() : "",
           heading: Boolean(heading && heading.checkVisibility()), listed,
           text: Boolean(text && text.checkVisibility() && text.textContent.includes("columns")),
           data: Boolean(fold && fold.querySelector(".eucasia-data")) };
}).concat([...document.querySelectorAll("#tbl-data-tables")].map((t) => ({
  table: t.id, overview: true, folded: Boolean(t.closest("details:not([open])")) })))"""


def dictionary_fold_errors(page, device: str) -> list[str]:
    """What the data dictionary shows that it should fold, or folds that it should show: its
    height over `DICTIONARY_BUDGET`; a column table (`tbl-dict-*`) outside a closed fold, or
    one whose fold's prompt does not name its table, or whose CSV and "Cite" stay outside the
    fold; a section whose heading or sentence is hidden or that the page's contents do not
    list; the overview table (`tbl-data-tables`) folded."""
    from eucasia.data import read_descriptor

    errors = []
    height = page.evaluate(HEIGHT)
    if height > DICTIONARY_BUDGET[device]:
        errors.append(f"{height} px tall (budget {DICTIONARY_BUDGET[device]})")
    found = page.evaluate(DICTIONARY_SECTIONS)
    overview = [s for s in found if s.get("overview")]
    if len(overview) != 1 or overview[0]["folded"]:
        errors.append(f"the overview table should be on the page, open: {overview}")
    tables = [s for s in found if not s.get("overview")]
    if len(tables) != len(read_descriptor()["resources"]):
        errors.append(f"{len(tables)} column tables for the data package's tables")
    for s in tables:
        if not s["folded"]:
            errors.append(f"{s['table']} is not inside a closed fold")
        if s["prompt"] != f"Show the columns of {s['name']}":
            errors.append(f"{s['table']}'s fold says {s['prompt']!r}")
        if not s["data"]:
            errors.append(f"{s['table']}'s CSV and Cite are not in its fold")
        if not (s["heading"] and s["text"] and s["listed"]):
            errors.append(f"{s['table']}: heading, sentence or contents entry missing: {s}")
    return errors


@pytest.mark.parametrize("device", VIEWPORTS)
def test_the_dictionary_folds_each_table_s_columns(site: str, browser, device: str) -> None:  # noqa: F811
    with page_at(browser, site + DICTIONARY, VIEWPORTS[device]) as page:
        errors = dictionary_fold_errors(page, device)
        assert not errors, "\n".join(errors)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_the_dictionary_check_catches_the_columns_open(site: str, browser, device: str) -> None:  # noqa: F811
    """The page with its folds open is the page as it was: every column table open, twice the
    budget and more."""
    with page_at(browser, site + DICTIONARY, VIEWPORTS[device]) as page:
        page.evaluate(OPEN_ALL)
        errors = dictionary_fold_errors(page, device)
        assert any("px tall" in e for e in errors), errors
        assert sum("not inside a closed fold" in e for e in errors) >= 30, errors
        assert page.evaluate(HEIGHT) > 2 * DICTIONARY_BUDGET[device]


def test_a_link_to_a_column_table_opens_its_fold(site: str, browser) -> None:  # noqa: F811
    """The sentence under a table's heading links to its column table ("Table 9.7 describes its
    columns"): following it opens the fold and shows the table."""
    target = "tbl-dict-actors"
    with page_at(browser, site + DICTIONARY, VIEWPORTS["phone"]) as page:
        assert not visible(page, target), "the columns should start folded"
        page.locator(f"section#actors > .cell a[href='#{target}']").first.click()
        page.wait_for_timeout(200)
        assert visible(page, target)
        top = page.evaluate(
            "(id) => document.getElementById(id).getBoundingClientRect().top", target
        )
        assert 0 <= top < VIEWPORTS["phone"]["height"], f"{target} is not in view ({top} px)"
