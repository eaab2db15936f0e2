"""The network explorer: its data, its vendored libraries, and the explorer as a reader uses it.

Unit tests (no build): the JSON builder (`eucasia.presentation.page.explorer`) puts every node where
the printed figure puts it, lists the initiatives each actor shares, keeps hostile values inert;
sizes every node as the figure does (strength, on the figure's scale), counts what the chapter's
actor table counts (and the built pages agree with the built tables, actor by actor);
the vendored sigma.js and graphology equal the pinned npm packages byte for byte; the script
builds no markup from strings; the stylesheet's rules survive the site's CSS cut.

Browser tests (the built book, Debian's Chromium, every other host blocked, as in
tests/test_browser.py): search an actor and see it and its partners highlighted, open its panel
by keyboard alone, the panel lists exactly the initiatives the data give, the wheel scrolls the
page until the reader activates the graph, the explorer's files load only where there is one,
every page weighs at most 1.0 MB with the explorer loaded, and axe finds no serious violation;
the hubs are labelled and every node drawn at its figure's size, the list states its order and
keeps it, the panel is as wide as the explorer and shows all its text (1280 and 390 px), and in
dark mode the graph is drawn on the dark page with contrast; no name, label or summary is cut
(clipped, or shortened with "…") at either width. Each of these is also run on the
explorer as it was (its old drawing, stylesheet or list) and must fail there.
"""

from __future__ import annotations

import dataclasses
import json
import math
import posixpath
import re
import textwrap
from functools import cache
from pathlib import Path

import pytest
from harness import chromium, website
from harness.paths import HTML, ROOT

from eucasia.analysis.corpus import Corpus
from eucasia.analysis.network import strand_analysis
from eucasia.assembly.explorerdata import move_data_out
from eucasia.assembly.site import bundle, pages
from eucasia.data import load_tables
from eucasia.data.vocabulary import STRANDS
from eucasia.presentation.charts.networkfig import draw_network, figure_points
from eucasia.presentation.figurekit.labels import short_label
from eucasia.presentation.figurekit.layout import node_area
from eucasia.presentation.figurekit.style import ACTOR_TYPE_STYLE, TIE_STYLE, tie_width
from eucasia.presentation.page.explorer import (
    EXPLORER_CLASS,
    explorer_html,
    figure_positions,
    strand_data,
)
from eucasia.presentation.tables.comparison import strand_titles

SEED = 2019  # the chapters' seed
STATIC = ROOT / "book" / "_static"
SCRIPT = STATIC / "eucasia-explorer.js"
STYLESHEET = STATIC / "eucasia-explorer.css"
#: Vendored file -> the npm package's file it must equal.
VENDORED = {
    "sigma": ("sigma-{v}.min.js", "dist/sigma.min.js"),
    "graphology": ("graphology-{v}.umd.min.js", "dist/graphology.umd.min.js"),
}
BUDGET_BYTES = 1_000_000
EXPLORER_PAGES = {f"notebooks/{s}.html": [s] for s in STRANDS} | {
    "notebooks/synthesis.html": list(STRANDS)
}


@cache
def _corpus() -> tuple[Corpus, dict]:
    tables = load_tables(["initiative_actors"])
    return Corpus.from_tables(tables), strand_titles(tables)


@cache
def _result(strand: str):
    return strand_analysis(_corpus()[0], strand, seed=SEED, robustness=False)


def shared_by(strand: str, actor: str) -> set[str]:
    """The initiatives `actor` shares with another actor, read from the bipartite graph (not
    from the projection the explorer reads)."""
    B = _result(strand).bipartite
    return {i for i in B[actor] if len(B[i]) > 1}


def ranked(strand: str) -> list[str]:
    """The strand's actors in the explorer list's first order: the chapter table's, by strength."""
    result = _result(strand)
    order = result.metrics.sort_values(["rank_strength", "node"])["node"]
    return [n for n in order if n in result.projection]


def taken_by(strand: str, actor: str) -> set[str]:
    """Every initiative `actor` takes part in (the chapter table's *initiatives*)."""
    return set(_result(strand).bipartite[actor])


def partners_of(strand: str, actor: str) -> set[str]:
    B = _result(strand).bipartite
    return {a for i in B[actor] for a in B[i]} - {actor}


# --------------------------------------------------------------------------- the data


def marker_points(fig) -> list[tuple[float, float]]:
    """The centres of every node marker draw_network drew (data coordinates)."""
    from matplotlib.collections import PathCollection

    ax = fig.axes[0]
    return [
        (float(x), float(y))
        for c in ax.collections
        if isinstance(c, PathCollection)
        for x, y in c.get_offsets()
    ]


def unmatched(positions: dict, points: list[tuple[float, float]]) -> list:
    """Nodes whose position is not the centre of a drawn marker."""
    return [
        n
        for n, (x, y) in positions.items()
        if not any(abs(x - a) < 1e-9 and abs(y - b) < 1e-9 for a, b in points)
    ]


@pytest.mark.parametrize("strand", STRANDS)
def test_explorer_positions_are_the_printed_figures(strand: str) -> None:
    result = _result(strand)
    positions, _ = figure_positions(result.projection, result.metrics, SEED)
    points = marker_points(draw_network(result.projection, result.metrics, "t", seed=SEED))
    assert len(points) == len(positions) == len(result.projection)
    assert not unmatched(positions, points)
    data = strand_data(result, "t", f"{strand}.html", SEED)
    points = figure_points(result.projection, result.metrics, SEED)
    for node in data["nodes"]:
        x, y = points[node["id"]]
        assert (node["x"], node["y"]) == (round(x, 3), round(y, 3))


def drawn_points(fig) -> dict[tuple[float, float], tuple[float, float]]:
    """Each marker's centre (data units) -> where the figure draws it, in points from its axes'
    lower left corner."""
    ax = fig.axes[0]
    x0, y0 = ax.transAxes.transform((0, 0))
    per_pt = fig.dpi / 72
    return {
        (x, y): tuple(float(v) for v in (ax.transData.transform((x, y)) - (x0, y0)) / per_pt)
        for x, y in marker_points(fig)
    }


@pytest.mark.parametrize("strand", STRANDS)
def test_explorer_points_are_where_the_figure_draws(strand: str) -> None:
    """The explorer's positions are the figure's, in its points: its axes are wider than tall
    and its data units stretch with them, so the data units alone (what the explorer drew
    before) had other proportions than the printed figure; they fail the same check."""
    result = _result(strand)
    positions, _ = figure_positions(result.projection, result.metrics, SEED)
    drawn = drawn_points(draw_network(result.projection, result.metrics, "t", seed=SEED))
    points = figure_points(result.projection, result.metrics, SEED)
    far = [n for n, p in points.items() if math.dist(p, drawn[positions[n]]) > 0.01]
    assert not far
    # the data units, scaled to the drawn width, as before: off by the axes' proportions
    xs = [drawn[positions[n]][0] for n in points]
    ys = [drawn[positions[n]][1] for n in points]
    units = {n: positions[n] for n in points}
    ux = [u[0] for u in units.values()]
    uy = [u[1] for u in units.values()]
    ratio = ((max(xs) - min(xs)) / (max(ux) - min(ux))) / (
        (max(ys) - min(ys)) / (max(uy) - min(uy))
    )
    assert abs(ratio - 1) > 0.02  # the figure stretches its data units, as the check expects


def test_explorer_ties_are_the_figures() -> None:
    """Each tie of the explorer's data has the figure's width for its weight (the style
    table's), and the data carry the figure's colour and opacity."""
    result = _result(STRANDS[0])
    data = strand_data(result, "t", "x.html", SEED)
    wmax = max(w for *_, w, _ in data["edges"])
    assert all(width == round(tie_width(w, wmax), 4) for *_, w, width in data["edges"])
    assert data["tie"] == {"colour": TIE_STYLE["colour"], "opacity": TIE_STYLE["alpha"]}


def test_position_check_catches_a_moved_node() -> None:
    result = _result(STRANDS[0])
    positions, _ = figure_positions(result.projection, result.metrics, SEED)
    points = marker_points(draw_network(result.projection, result.metrics, "t", seed=SEED))
    moved = dict(positions)
    first = next(iter(moved))
    moved[first] = (moved[first][0] + 0.01, moved[first][1])
    assert unmatched(moved, points) == [first]


@pytest.mark.parametrize("strand", STRANDS)
def test_strand_data_lists_what_each_actor_shares(strand: str) -> None:
    result = _result(strand)
    data = strand_data(result, _corpus()[1][strand], f"{strand}.html", SEED)
    ranked = result.metrics.sort_values(["rank_strength", "node"])  # the table's order
    assert [n["id"] for n in data["nodes"]] == [n for n in ranked["node"] if n in result.projection]
    for node in data["nodes"]:
        assert {i for i, _ in node["initiatives"]} == taken_by(strand, node["id"]), node["id"]
        assert node["shared"] == len(shared_by(strand, node["id"])), node["id"]
        for initiative, _ in node["initiatives"]:
            assert data["initiatives"][initiative]
    edges = {(u, v): w for u, v, w, _ in data["edges"]}
    for u, v, w in result.projection.edges(data="weight"):
        assert edges[tuple(sorted((u, v)))] == w
    assert {u for u, v in edges} | {v for u, v in edges} <= {n["id"] for n in data["nodes"]}
    for node in data["nodes"]:
        named = {a for (u, v) in edges for a in (u, v) if node["id"] in (u, v)} - {node["id"]}
        assert named == partners_of(strand, node["id"])
    style_order = list(ACTOR_TYPE_STYLE)
    types = [t["id"] for t in data["types"]]
    assert types == sorted(types, key=style_order.index)
    assert set(types) == {n["type"] for n in data["nodes"]}
    for t in data["types"]:
        label, colour, marker = ACTOR_TYPE_STYLE[t["id"]]
        assert (t["label"], t["colour"]) == (label, colour)
        assert t["shape"] == {"o": "circle", "s": "square"}[marker]
    assert data["page"] == f"{strand}.html" and data["strand"] == strand


def drawn_half_widths(fig) -> dict:
    """Each node's marker in the printed figure: half its width in points (the square root of
    the marker's area in points², halved: a circle's radius, a square's half side)."""
    from matplotlib.collections import PathCollection

    return {
        n: math.sqrt(area) / 2
        for c in fig.axes[0].collections
        if isinstance(c, PathCollection) and hasattr(c, "nodes")
        for n, area in zip(c.nodes, c.get_sizes(), strict=True)
    }


def size_mismatches(data: dict, drawn: dict) -> list:
    """Explorer nodes whose size is not their marker's in the figure (3 decimals)."""
    return [n["id"] for n in data["nodes"] if abs(n["size"] - drawn[n["id"]]) > 5e-4]


@pytest.mark.parametrize("strand", STRANDS)
def test_explorer_sizes_are_the_printed_figures(strand: str) -> None:
    """Node size encodes what the figure's does (strength), on the figure's scale: each size
    is the half width of the figure's marker. Under the old rule (a square's half diagonal as
    its half side: squares drawn at twice their area, the Central Asian states' square larger
    than the European Union's circle) the check fails."""
    result = _result(strand)
    data = strand_data(result, "t", f"{strand}.html", SEED)
    drawn = drawn_half_widths(draw_network(result.projection, result.metrics, "t", seed=SEED))
    assert set(drawn) == {n["id"] for n in data["nodes"]}
    assert not size_mismatches(data, drawn)
    _, radius = figure_positions(result.projection, result.metrics, SEED)  # the old rule
    old = {**data, "nodes": [{**n, "size": round(radius[n["id"]], 2)} for n in data["nodes"]]}
    squares = {t["id"] for t in data["types"] if t["shape"] == "square"}
    assert {n["id"] for n in data["nodes"] if n["type"] in squares} <= set(
        size_mismatches(old, drawn)
    )
    strongest = max(data["nodes"], key=lambda n: n["strength"])
    assert all(n["size"] <= strongest["size"] for n in data["nodes"])


HOSTILE = '</script><img src=x onerror="alert(1)">&amp; <!-- {glue:text}`x` $x$'


def _embedded(html_text: str) -> dict:
    match = re.search(
        r'<script type="application/json" class="eucasia-explorer-data">(.*?)</script>',
        html_text,
        re.S,
    )
    assert match, "no data script"
    return json.loads(match.group(1))


def test_hostile_values_stay_inside_the_json() -> None:
    result = _result(STRANDS[0])
    P = result.projection.copy()
    B = result.bipartite.copy()
    actor = next(iter(P))
    P.nodes[actor]["label"] = HOSTILE
    initiative = next(
        i for i, _ in strand_data(result, "t", "p.html", SEED)["nodes"][0]["initiatives"]
    )
    B.nodes[initiative]["summary"] = HOSTILE
    poisoned = dataclasses.replace(result, projection=P, bipartite=B)
    page = explorer_html([strand_data(poisoned, HOSTILE, "p.html", SEED)])
    assert page.count("</script") == 1 and "<img" not in page and "<!--" not in page
    data = _embedded(page)
    names = {n["id"]: n["name"] for n in data["strands"][0]["nodes"]}
    assert names[actor] == HOSTILE
    assert data["strands"][0]["initiatives"][initiative].startswith("</script>")
    assert f'aria-label="Network explorer: {HOSTILE}"' not in page  # the label is escaped


def test_the_script_builds_no_markup_from_strings() -> None:
    assert not markup_sinks(SCRIPT.read_text(encoding="utf-8"))
    assert markup_sinks("x.innerHTML = name; y.insertAdjacentHTML('beforeend', s)") == [
        "innerHTML",
        "insertAdjacentHTML",
    ]


def markup_sinks(js: str) -> list[str]:
    """DOM calls that parse a string as HTML (the explorer must use textContent)."""
    return re.findall(r"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write)\b", js)


def printed_nodes(markdown: str) -> list[str]:
    """The docutils nodes MyST makes of `markdown` that a writer prints (comments are not)."""
    from docutils import nodes
    from docutils.core import publish_doctree
    from myst_parser.parsers.docutils_ import Parser

    doc = publish_doctree(markdown, parser=Parser())
    return [
        n.tagname
        for n in doc.findall(nodes.Element)
        if n is not doc and not isinstance(n, nodes.comment)
    ]


def test_the_pdf_gets_nothing_in_place_of_the_explorer(monkeypatch) -> None:
    """show_explorer's output has a Markdown twin (without one the PDF build warns that no
    output suits it) that prints nothing."""
    from eucasia.presentation.page import explorer

    shown = []
    monkeypatch.setattr(explorer, "display", lambda data, raw: shown.append(data))
    explorer.show_explorer(_result(STRANDS[0]), _corpus()[1], seed=SEED)
    (data,) = shown
    assert set(data) == {"text/html", "text/markdown"} and data["text/markdown"]
    assert printed_nodes(data["text/markdown"]) == []
    assert printed_nodes("The explorer is in the web edition.") == ["paragraph"]


# --------------------------------------------------------------------------- vendored files


def _pins() -> dict[str, str]:
    return json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]


@pytest.mark.parametrize("package", sorted(VENDORED))
def test_vendored_library_is_the_pinned_package(package: str) -> None:
    version = _pins()[package]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{package} is not pinned exactly: {version}"
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"][f"node_modules/{package}"]["version"] == version
    name, source = VENDORED[package]
    vendored = STATIC / "vendor" / name.format(v=version)
    assert vendored.is_file(), f"{vendored} is missing (version in its name = package.json pin)"
    assert (STATIC / "vendor" / f"{package}-{version}.LICENSE.txt").is_file()
    stale = [p.name for p in (STATIC / "vendor").glob(f"{package}-*.js") if p != vendored]
    assert not stale, f"old vendored versions left behind: {stale}"
    installed = ROOT / "node_modules" / package
    if not installed.is_dir():
        pytest.skip("node_modules is absent (npm ci installs it)")
    assert json.loads((installed / "package.json").read_text())["version"] == version
    assert vendored.read_bytes() == (installed / source).read_bytes()


def test_script_loads_the_vendored_versions() -> None:
    js = SCRIPT.read_text(encoding="utf-8")
    for package, (name, _) in VENDORED.items():
        assert f"vendor/{name.format(v=_pins()[package])}" in js


def test_explorer_rules_survive_the_css_cut() -> None:
    from eucasia.assembly.site import purge
    from eucasia.assembly.site.usage import WORD

    css = STYLESHEET.read_text(encoding="utf-8")
    classes = set(WORD.findall(SCRIPT.read_text(encoding="utf-8"))) | {EXPLORER_CLASS}
    kept = purge.purge(css, classes)
    for selector in sorted(set(re.findall(r"\.(eucasia-ex[\w-]*)", css))):
        assert f".{selector}" in kept, f".{selector} is cut although the script uses it"
    assert ".eucasia-ex-tooltip" not in purge.purge(css, classes - {"eucasia-ex-tooltip"})


def test_extension_adds_the_assets_only_to_explorer_pages() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "eucasia_explorer", ROOT / "book" / "_ext" / "eucasia_explorer.py"
    )
    ext = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ext)
    assert ext.EXPLORER_CLASS == EXPLORER_CLASS

    class App:
        def __init__(self):
            self.builder = type("B", (), {"format": "html"})()
            self.added = []

        def add_css_file(self, name, **kw):
            self.added.append(name)

        def add_js_file(self, name, **kw):
            self.added.append((name, kw))

    with_one, without = App(), App()
    body = explorer_html([strand_data(_result(STRANDS[0]), "t", "p.html", SEED)])
    ext._add_assets(with_one, "p", "page.html", {"body": body}, None)
    ext._add_assets(without, "q", "page.html", {"body": "<p>eucasia-explorer</p>"}, None)
    assert with_one.added == ["eucasia-explorer.css", ("eucasia-explorer.js", {pages.LATE: "true"})]
    assert ext.LATE == pages.LATE
    assert without.added == []


# --------------------------------------------------------------------------- in the browser


@pytest.fixture(scope="module")
def site(built_html: Path):
    with website.serve(built_html) as base:
        yield base


# The browser is conftest's one Chromium for the session (two sync Playwright instances collide).


def ready(page) -> object:
    """Bring the explorer into view, ask for the graph and wait until it is drawn; returns the
    explorer's element."""
    root = page.locator(f"div.{EXPLORER_CLASS}").first
    root.scroll_into_view_if_needed()
    # the explorer's script loads after the first paint: on a busy machine it may not have run
    # yet when the page's load event fires, and a click then would find no button to press
    page.wait_for_function(
        f"document.querySelector('div.{EXPLORER_CLASS}').dataset.canvas", timeout=15_000
    )
    if root.get_attribute("data-canvas") == "waiting":
        root.locator(".eucasia-ex-show").click()
    page.wait_for_function(
        f"document.querySelector('div.{EXPLORER_CLASS}').dataset.canvas === 'ready'",
        timeout=15_000,
    )
    return root


def choose_strand(page, root, index: int) -> None:
    radios = root.locator("input[type=radio]")
    if radios.count():
        radios.nth(index).check()


def probe_actor(strand: str) -> str:
    """An actor with partners, not the first hub: the third by strength."""
    result = _result(strand)
    return [n for n in result.metrics["node"] if partners_of(strand, n)][2]


@pytest.mark.parametrize(
    ("page_path", "index", "strand"),
    [(p, i, s) for p, strands in EXPLORER_PAGES.items() for i, s in enumerate(strands)],
)
def test_search_highlights_the_actor_and_its_partners(site, browser, page_path, index, strand):
    actor = probe_actor(strand)
    name = _result(strand).projection.nodes[actor]["label"]
    with chromium.open_page(browser, site + page_path) as (page, record):
        root = ready(page)
        choose_strand(page, root, index)
        assert root.get_attribute("data-strand") == strand
        root.locator("input[type=search]").fill(name)
        root.locator("input[type=search]").press("Enter")
        assert root.get_attribute("data-selected") == actor
        expected = sorted({actor} | partners_of(strand, actor))
        assert root.get_attribute("data-highlighted").split() == expected
        status = root.locator("[aria-live]").inner_text()
        assert name in status and f"{len(expected) - 1} partner" in status
        assert not record.external and not record.console_errors, record.console_errors


@pytest.mark.parametrize("page_path", sorted(EXPLORER_PAGES))
def test_keyboard_alone_opens_the_panel_of_exactly_the_actors_initiatives(site, browser, page_path):
    strand = EXPLORER_PAGES[page_path][0]
    with chromium.open_page(browser, site + page_path) as (page, _):
        root = ready(page)
        search = root.locator("input[type=search]")
        search.focus()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        focused = page.evaluate("document.activeElement.dataset.actor")
        actor = ranked(strand)[2]
        assert focused == actor
        page.keyboard.press("Enter")
        panel = root.locator(".eucasia-ex-panel")
        assert panel.is_visible()
        assert page.evaluate("document.activeElement.classList.contains('eucasia-ex-panel')")
        listed = panel.locator("li[data-initiative]")
        ids = listed.evaluate_all("items => items.map(i => i.dataset.initiative)")
        assert sorted(ids) == sorted(taken_by(strand, actor))
        hrefs = panel.locator("li[data-initiative] a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        assert hrefs == [f"{strand}.html#initiative-{i}" for i in ids]
        assert panel.locator(f'a[href="../actors/{actor}.html"]').count() == 1
        page.keyboard.press("Escape")
        assert panel.is_hidden()
        assert page.evaluate("document.activeElement.dataset.actor") == actor


def test_type_filter_hides_a_type_from_the_list_and_the_highlight(site, browser):
    strand = STRANDS[0]
    data = strand_data(_result(strand), "t", "p.html", SEED)
    with chromium.open_page(browser, site + f"notebooks/{strand}.html") as (page, _):
        root = ready(page)
        hub = data["nodes"][0]["id"]
        other = next(t for t in data["types"] if t["id"] != data["nodes"][0]["type"])
        root.locator(f'input[type=checkbox][value="{other["id"]}"]').uncheck()
        assert root.get_attribute("data-hidden-types") == other["id"]
        shown = root.locator("li:not([hidden]) button[data-actor]").evaluate_all(
            "bs => bs.map(b => b.dataset.actor)"
        )
        assert shown == [n["id"] for n in data["nodes"] if n["type"] != other["id"]]
        root.locator(f'button[data-actor="{hub}"]').click()
        types = {n["id"]: n["type"] for n in data["nodes"]}
        highlighted = root.get_attribute("data-highlighted").split()
        assert highlighted and all(types[a] != other["id"] for a in highlighted)


def _scroll_y(page) -> float:
    return page.evaluate("window.scrollY")


def test_the_wheel_scrolls_the_page_until_the_graph_is_activated(site, browser):
    with chromium.open_page(browser, site + "notebooks/resilience.html") as (page, _):
        root = ready(page)
        stage = root.locator(".eucasia-ex-canvas")
        stage.scroll_into_view_if_needed()
        box = stage.bounding_box()
        ratio = (
            "document.querySelector('div.eucasia-explorer').eucasiaExplorer.sigma.getCamera().ratio"
        )
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        before, camera = _scroll_y(page), page.evaluate(ratio)
        page.mouse.wheel(0, 240)
        page.wait_for_timeout(400)
        assert _scroll_y(page) > before, "the wheel over the graph did not scroll the page"
        assert page.evaluate(ratio) == camera
        assert page.evaluate(
            "!document.querySelector('div.eucasia-explorer').eucasiaExplorer.sigma.getTouchCaptor().enabled"
        )
        # Activated (the button), the same gesture zooms and the page stays: the check above
        # can fail.
        root.locator("button[aria-pressed]", has_text="Move and zoom").click()
        assert root.get_attribute("data-interactive") == "true"
        stage.scroll_into_view_if_needed()
        box = stage.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        before = _scroll_y(page)
        page.mouse.wheel(0, 240)
        page.wait_for_timeout(600)
        assert _scroll_y(page) == before
        assert page.evaluate(ratio) != camera
        page.keyboard.press("Escape")
        assert root.get_attribute("data-interactive") == "false"


#: Dispatches a cancelable touchstart and touchmove on the graph's top canvas; returns whether
#: the page's scrolling was prevented (either event cancelled) and the CSS touch-action values
#: of the graph's elements ("none" keeps the browser from scrolling, whatever the script does).
TOUCH = """() => {
  const root = document.querySelector('div.eucasia-explorer');
  const target = [...root.querySelectorAll('.eucasia-ex-canvas canvas')].pop();
  const r = target.getBoundingClientRect();
  const at = (dy) => new Touch({identifier: 1, target, clientX: r.left + r.width / 2,
                                clientY: r.top + r.height / 2 + dy});
  const fire = (type, t) => {
    const e = new TouchEvent(type, {cancelable: true, bubbles: true, touches: [t],
                                    targetTouches: [t], changedTouches: [t]});
    target.dispatchEvent(e);
    return e.defaultPrevented;
  };
  const prevented = fire('touchstart', at(0)) || fire('touchmove', at(-40));
  target.dispatchEvent(new TouchEvent('touchend', {bubbles: true, changedTouches: [at(-40)]}));
  const actions = [...root.querySelectorAll('.eucasia-ex-canvas *')].map(
    (e) => getComputedStyle(e).touchAction);
  return {prevented, none: actions.includes('none')};
}"""


def test_a_finger_on_the_graph_scrolls_the_page_until_activated(site, browser) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True
    )
    try:
        page = context.new_page()
        page.route(
            "**/*", lambda r: r.continue_() if chromium.is_local(r.request.url) else r.abort()
        )
        page.goto(site + "notebooks/resilience.html")
        root = ready(page)
        assert page.evaluate(TOUCH) == {"prevented": False, "none": False}
        root.locator("button", has_text="Move and zoom").tap()
        # Activated, the graph takes the gesture: the same probe sees it, so it can fail.
        assert page.evaluate(TOUCH) == {"prevented": True, "none": True}
    finally:
        context.close()


def _assets(path: Path) -> set[str]:
    """The explorer's files a page loads: named in the page, or in the stylesheet bundle it
    links (whose first line names its sheets)."""
    text = path.read_text(encoding="utf-8")
    for href in re.findall(r'href="((?:\.\./)*_static/styles/eucasia-[0-9a-f]+\.css)', text):
        sheet = (path.parent / href).resolve()
        text += " " + " ".join(bundle.bundle_members(sheet.read_text(encoding="utf-8")))
    names = ("eucasia-explorer.js", "eucasia-explorer.css", "vendor/sigma-", "vendor/graphology-")
    return {name for name in names if name in text}


def test_explorer_files_load_only_on_explorer_pages(built_html: Path) -> None:
    for page_path in website.site_pages(built_html):
        found = _assets(built_html / page_path)
        has = f'class="{EXPLORER_CLASS}"' in (built_html / page_path).read_text(encoding="utf-8")
        if page_path in EXPLORER_PAGES:
            assert has and found == {"eucasia-explorer.js", "eucasia-explorer.css"}, page_path
        else:
            assert not has and not found, f"{page_path} loads {found}"
    for name in ("eucasia-explorer.js", "eucasia-explorer.css"):
        assert (built_html / "_static" / name).is_file()
    css = (built_html / "_static" / "eucasia-explorer.css").read_text(encoding="utf-8")
    assert ".eucasia-ex-tooltip" in css and ".eucasia-ex-panel" in css  # survived the cut


def page_ids(path: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))


def embedded_data(path: Path) -> list[dict]:
    """The explorer data of a built page: in the site's data file the page names."""
    text = path.read_text(encoding="utf-8")
    found = re.search(r'<div class="eucasia-explorer-data" data-src="([^"]+)"', text)
    assert found, f"{path}: no explorer data element"
    script = (path.parent / found.group(1)).read_text(encoding="utf-8")
    return json.loads(script.split("] = ", 1)[1].rstrip().removesuffix(";"))["strands"]


def link_problems(html_dir: Path, pages: list[str]) -> tuple[list[str], set[str]]:
    """Explorer links without a target, and what could not be checked (targets other parts
    of the book have not built yet)."""
    missing, unchecked = [], set()
    for page_path in pages:
        for strand in embedded_data(html_dir / page_path):
            target = html_dir / posixpath.dirname(page_path) / strand["page"]
            ids = page_ids(target) if target.is_file() else set()
            if not any(i.startswith("initiative-") for i in ids):
                unchecked.add(f"no initiative-<id> anchors on {strand['page']} yet")
            else:
                missing += [
                    f"{page_path}: {strand['page']}#initiative-{i}"
                    for i in strand["initiatives"]
                    if f"initiative-{i}" not in ids
                ]
            if not (html_dir / "actors").is_dir():
                unchecked.add("no actors/ pages yet")
            else:
                missing += [
                    f"{page_path}: actors/{n['id']}.html"
                    for n in strand["nodes"]
                    if not (html_dir / "actors" / f"{n['id']}.html").is_file()
                ]
    return missing, unchecked


def test_explorer_links_reach_initiative_rows_and_actor_pages(built_html: Path) -> None:
    """Each initiative links to its row (`<strand page>#initiative-<id>`) and each actor to
    `actors/<id>.html`. Those anchors and pages come from other parts of the book: the check
    runs on whichever of them the build has, and says which it could not check."""
    missing, unchecked = link_problems(built_html, sorted(EXPLORER_PAGES))
    assert not missing, "explorer links without a target:\n" + "\n".join(missing)
    assert not unchecked, "; ".join(sorted(unchecked))  # the book has both: none may be absent


@pytest.mark.parametrize("page_path", sorted(EXPLORER_PAGES))
def test_the_panel_opens_the_actor_page(site, browser, page_path):
    """From the explorer to an actor's page, by keyboard: list, panel, the panel's page link."""
    strand = EXPLORER_PAGES[page_path][0]
    actor = ranked(strand)[2]
    name = _result(strand).projection.nodes[actor]["label"]
    with chromium.open_page(browser, site + page_path) as (page, _):
        root = ready(page)
        root.locator("input[type=search]").focus()
        for _ in range(3):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        link = root.locator(f'.eucasia-ex-panel a[href="../actors/{actor}.html"]')
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/actors/{actor}.html")
        assert name in page.locator("h1").first.inner_text()


def test_link_check_finds_a_missing_row_and_actor_page(tmp_path: Path) -> None:
    strand = STRANDS[0]
    data = strand_data(_result(strand), "t", f"{strand}.html", SEED)
    (tmp_path / "notebooks").mkdir()
    page = move_data_out(explorer_html([data]), "notebooks/x", tmp_path, lambda p: "../" + p)
    (tmp_path / "notebooks" / "x.html").write_text(page, encoding="utf-8")
    first, *rest = sorted(data["initiatives"])
    rows = "".join(f'<tr id="initiative-{i}"></tr>' for i in rest)
    (tmp_path / "notebooks" / f"{strand}.html").write_text(rows, encoding="utf-8")
    (tmp_path / "actors").mkdir()
    for node in data["nodes"][1:]:
        (tmp_path / "actors" / f"{node['id']}.html").write_text("", encoding="utf-8")
    missing, unchecked = link_problems(tmp_path, ["notebooks/x.html"])
    assert missing == [
        f"notebooks/x.html: {strand}.html#initiative-{first}",
        f"notebooks/x.html: actors/{data['nodes'][0]['id']}.html",
    ]
    assert not unchecked


def test_a_page_without_explorer_fetches_none_of_its_files(site, browser) -> None:
    with chromium.open_page(browser, site + "notebooks/overview.html") as (_, record):
        urls = [r.url for r in record.responses]
        assert urls and not [u for u in urls if re.search(r"explorer|/vendor/(sigma|graph)", u)]


def total_bytes(record: chromium.PageLoad, later: list) -> tuple[int, list]:
    """The bytes of the first load plus the local responses that came after it."""
    seen = {r.url for r in record.responses}
    responses = list(record.responses)
    for response in later:
        if response.url not in seen and chromium.is_local(response.url):
            seen.add(response.url)
            size = len(response.body()) if response.ok else 0
            responses.append(chromium.Response(response.url, response.status, size, "late"))
    return sum(r.size for r in responses), responses


def _largest(responses: list) -> str:
    top = sorted(responses, key=lambda r: r.size, reverse=True)[:6]
    return "\n".join(f"  {r.size:>10,}  {r.url}" for r in top)


@pytest.mark.parametrize("page_path", sorted(EXPLORER_PAGES))
def test_first_load_with_the_explorer_within_one_megabyte(site, browser, page_path) -> None:
    """Every explorer page, its explorer scrolled into view (its script, stylesheet and data
    count; the graph's libraries wait until the reader turns to the explorer). Every other page's
    first load, and that it fetches no graph library, is test_browser.py's (one load a page)."""
    later: list = []
    with chromium.open_page(browser, site + page_path) as (page, record):
        page.on("response", lambda response: later.append(response))
        root = page.locator(f"div.{EXPLORER_CLASS}")
        if root.count():
            root.first.scroll_into_view_if_needed()
            page.wait_for_function(
                f"document.querySelector('div.{EXPLORER_CLASS} .eucasia-ex-list li')"
            )
            page.wait_for_timeout(500)
            page.wait_for_load_state("networkidle")
        size, responses = total_bytes(record, later)
    urls = [r.url for r in responses]
    if page_path in EXPLORER_PAGES:
        assert any("eucasia-explorer.js" in u for u in urls)
    graph = [u for u in urls if re.search(r"/vendor/(sigma|graphology)-", u)]
    assert not graph, f"the graph loaded without the reader asking: {graph}"
    assert size <= BUDGET_BYTES, (
        f"{page_path} weighs {size:,} bytes on first load, over {BUDGET_BYTES:,}:\n"
        + _largest(responses)
    )


#: A page once the reader has asked for the graph: its first load, the explorer's data, and the
#: graph's libraries, sigma.js and graphology (about 250 kB), all within the one page budget.
GRAPH_ON_DEMAND_BUDGET = chromium.BUDGET_BYTES


@pytest.mark.parametrize("page_path", sorted(EXPLORER_PAGES))
def test_graph_on_demand_stays_within_the_site_budget(site, browser, page_path) -> None:
    """With the graph drawn on the reader's request, the page stays within its budget."""
    later: list = []
    with chromium.open_page(browser, site + page_path) as (page, record):
        page.on("response", lambda response: later.append(response))
        ready(page)
        page.wait_for_load_state("networkidle")
        size, responses = total_bytes(record, later)
    assert any("sigma-" in r.url for r in responses)
    print(f"{page_path}: {size:,} bytes with the graph drawn")
    assert size <= GRAPH_ON_DEMAND_BUDGET, f"{page_path}: {size:,} bytes\n" + _largest(responses)


@pytest.mark.parametrize("page_path", sorted(EXPLORER_PAGES))
def test_explorer_pages_have_no_serious_accessibility_violation(site, browser, page_path):
    from axe_playwright_python.sync_playwright import Axe

    with chromium.open_page(browser, site + page_path) as (page, _):
        root = ready(page)
        root.locator("button[data-actor]").first.click()  # the panel open too
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        found = []
        for mode in ("light", "dark"):
            page.evaluate(f"document.documentElement.dataset.theme = '{mode}'")
            page.wait_for_timeout(100)
            found += [
                f"[{mode}] {v['id']} ({v['impact']}): {v['help']} - "
                + "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5])
                for v in Axe().run(page).response["violations"]
                if v["impact"] in {"serious", "critical"}
            ]
        assert not found, "\n".join(found)


#: The boxes of the node labels sigma draws, in viewport pixels, and the pairs that overlap.
LABEL_OVERLAPS = """() => {
  const sigma = document.querySelector('div.eucasia-explorer').eucasiaExplorer.sigma;
  const size = sigma.getSetting('labelSize');
  const context = document.createElement('canvas').getContext('2d');
  context.font = `${size}px ${sigma.getSetting('labelFont')}`;
  const explorer = document.querySelector('div.eucasia-explorer').eucasiaExplorer;
  const plan = explorer.plan;
  const boxes = [...sigma.displayedNodeLabels].map((id) => {
    const data = sigma.getNodeDisplayData(id);
    const at = sigma.framedGraphToViewport(data);
    const r = sigma.scaleSize(data.size) + 3;
    const lines = explorer.labelLines(id);  // a long name on several lines, as the figure's
    const w = Math.max(...lines.map((line) => context.measureText(line).width));
    const h = size + (lines.length - 1) * Math.round(size * 1.2);
    const side = plan.sides.get(id);  // where the explorer put it: right, left, above or below
    const left = side === 'left' ? at.x - r - w : side === 'right' ? at.x + r : at.x - w / 2;
    const top = side === 'above' ? at.y - r - h : side === 'below' ? at.y + r : at.y - h / 2;
    return [left, top, left + w, top + h, id];
  });
  const overlaps = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
    if (a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) overlaps.push([a[4], b[4]]);
  }));
  const width = sigma.getContainer().clientWidth;
  const focused = document.querySelector('div.eucasia-explorer').dataset.selected;
  const cut = boxes.filter((b) => b[4] !== focused && (b[0] < 0 || b[2] > width)).map((b) => b[4]);
  return { labels: boxes.length, overlaps, cut };
}"""


@pytest.mark.parametrize("page_path", sorted(EXPLORER_PAGES))
def test_on_a_phone_a_hubs_partners_are_named_without_their_labels_running_together(
    site, browser, page_path
):
    """The hub (the first actor of the list) selected on a 390 px screen: every label drawn
    stands clear of the others and inside the canvas (the explorer chooses which partners to
    name there; the panel names them all)."""
    with chromium.open_page(browser, site + page_path, viewport={"width": 390, "height": 800}) as (
        page,
        _,
    ):
        root = ready(page)
        root.locator("button[data-actor]").first.click()
        page.wait_for_timeout(300)
        found = page.evaluate(LABEL_OVERLAPS)
        assert found["labels"] >= 3, found
        assert not found["overlaps"] and not found["cut"], found


# --------------------------------------------------------------------------- the table's counts

#: The explorer's count of each quantity the chapter's actor table (Table N.2) shows, by the
#: table's column name: the same quantity, so the same number.
COUNTS = {
    "initiatives": lambda node: len(node["initiatives"]),
    "partners (degree)": lambda node: node["partners"],
    "strength": lambda node: node["strength"],
}


def actor_table_rows(page: Path) -> dict[str, dict[str, str]]:
    """The rows of a built chapter's actor table (`tbl-<prefix>-actors`), by actor id (read
    from the actor's link), each as {column: cell text}."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    table = soup.find("table", id=re.compile(r"^tbl-[a-z]+-actors$"))
    assert table is not None, f"{page}: no actor table"
    head = [th.get_text(" ", strip=True) for th in table.thead.find_all("th")]
    rows = {}
    for tr in table.tbody.find_all("tr"):
        cells = tr.find_all("td")
        link = cells[0].find("a")["href"]
        actor = posixpath.basename(link).removesuffix(".html")
        rows[actor] = {h: c.get_text(" ", strip=True) for h, c in zip(head, cells, strict=True)}
    return rows


def count_mismatches(strand: dict, rows: dict[str, dict[str, str]]) -> list[str]:
    """Where the explorer's count for an actor differs from the table's (or lacks the actor)."""
    nodes = {n["id"]: n for n in strand["nodes"]}
    found = []
    for actor, row in rows.items():
        if actor not in nodes:
            found.append(f"{strand['strand']}: {actor} is in the table, not in the explorer")
            continue
        for column, count in COUNTS.items():
            if str(count(nodes[actor])) != row[column]:
                found.append(
                    f"{strand['strand']}: {actor} {column}: explorer {count(nodes[actor])}, "
                    f"table {row[column]}"
                )
    return found


def test_the_explorers_counts_are_the_tables(built_html: Path) -> None:
    """On every page with an explorer, each actor's initiatives, partners and strength equal
    the built actor table of its strand's chapter (the synthesis explorer's too)."""
    found = []
    for page_path, strands in EXPLORER_PAGES.items():
        data = {s["strand"]: s for s in embedded_data(built_html / page_path)}
        assert sorted(data) == sorted(strands), page_path
        for strand in strands:
            rows = actor_table_rows(built_html / "notebooks" / f"{strand}.html")
            assert len(rows) >= 10
            found += [f"{page_path}: {m}" for m in count_mismatches(data[strand], rows)]
    assert not found, "\n".join(found)


def test_count_check_finds_the_old_shared_count() -> None:
    """The explorer once listed only the initiatives an actor shares with another (the
    European Union: one fewer), where the table counts every initiative it takes part in: the
    check names the difference."""
    from eucasia.presentation.tables.network_tables import actor_table

    strand = "resilience"
    result = _result(strand)
    data = strand_data(result, "t", f"{strand}.html", SEED)
    table = actor_table(result, load_tables(["initiative_actors"]))
    ids = [n for n in result.metrics.sort_values(["rank_strength", "node"])["node"]]
    rows = {
        actor: {column: str(row[column]) for column in COUNTS}
        for actor, (_, row) in zip(ids, table.iterrows(), strict=True)
    }
    assert not count_mismatches(data, rows)  # every actor, not only the table's fifteen
    old = [
        {**n, "initiatives": [i for i in n["initiatives"] if i[0] in shared_by(strand, n["id"])]}
        for n in data["nodes"]
    ]
    shared, taken = len(shared_by(strand, "eu")), len(taken_by(strand, "eu"))
    assert shared != taken  # the data still have an initiative the EU takes part in alone
    found = count_mismatches({**data, "nodes": old}, rows)
    assert f"{strand}: eu initiatives: explorer {shared}, table {taken}" in found


# --------------------------------------------------------------------------- as the figure draws

#: The hubs (the first two actors, most central first) without a label drawn, the actors whose
#: drawn size is not the data's (the figure's half width) on the canvas's one scale, and those
#: drawn wider than the strongest actor.
DRAWN = """() => {
  const e = document.querySelector('div.eucasia-explorer').eucasiaExplorer;
  const nodes = e.strand.nodes;
  const drawn = (id) => e.sigma.getNodeDisplayData(id).size;  // a radius, or a half side
  const factor = drawn(nodes[0].id) / nodes[0].size;
  return {
    unlabelled: nodes.slice(0, 2).map((n) => n.id).filter((id) => !e.sigma.displayedNodeLabels.has(id)),
    offScale: nodes.filter((n) => Math.abs(drawn(n.id) / n.size - factor) > 1e-6 * factor).map((n) => n.id),
    wider: nodes.filter((n) => drawn(n.id) > drawn(nodes[0].id)).map((n) => n.id),
  };
}"""

#: The explorer as it was drawn before: a square's half diagonal as its half side, and sigma's
#: own choice of labels (its grid keeps the largest node of each cell).
OLD_DRAWING = """() => {
  const e = document.querySelector('div.eucasia-explorer').eucasiaExplorer;
  const sigma = e.sigma, graph = e.graph;
  const scale = Math.max(0.55, Math.min(1.3, e.canvas.clientWidth / 640));
  graph.forEachNode((id, a) => a.type === 'square' && graph.setNodeAttribute(id, 'size', a.size * Math.SQRT2));
  sigma.setSetting('nodeReducer', null);
  sigma.setSetting('labelRenderedSizeThreshold', 5 * scale);
  sigma.setSetting('labelDensity', 0.6);
  sigma.setSetting('labelGridCellSize', 120);
  sigma.setSetting('defaultDrawNodeLabel', Sigma.rendering.drawDiscNodeLabel);
  sigma.refresh();
}"""


#: Each node's shape, drawn size (a circle's radius, a square's half side, in pixels) and strength.
DRAWN_SHAPES = """() => {
  const e = document.querySelector('div.eucasia-explorer').eucasiaExplorer;
  return e.strand.nodes.map((n) => [n.id, e.graph.getNodeAttribute(n.id, 'type'),
                                    e.sigma.getNodeDisplayData(n.id).size, n.strength]);
}"""

#: The explorer's squares as the reader found them: half side equal to a circle's radius.
OLD_SQUARES = """() => {
  const e = document.querySelector('div.eucasia-explorer').eucasiaExplorer;
  e.graph.forEachNode((id, a) => a.type === 'square' &&
    e.graph.setNodeAttribute(id, 'size', a.size * 2 / Math.sqrt(Math.PI)));
  e.sigma.refresh();
}"""


def explorer_areas_off_scale(drawn: list, tolerance: float = 0.05) -> list[str]:
    """Nodes whose drawn area (a circle's πr², a square's side²) is not on the figure's one
    strength scale (``node_area``) within ``tolerance``, whatever their shape."""
    smax = max(max((s for *_, s in drawn), default=0), 1)
    area = {"circle": lambda r: math.pi * r * r, "square": lambda h: 4 * h * h}
    ratio = {n: area[shape](size) / node_area(s, smax) for n, shape, size, s in drawn}
    ref = sorted(ratio.values())[len(ratio) // 2]
    return sorted(f"{n}: {r / ref:.3f}" for n, r in ratio.items() if abs(r / ref - 1) > tolerance)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_hubs_are_named_and_sized_as_in_the_figure(site, browser, width) -> None:
    """Nothing selected, the two hubs are labelled and every node is drawn at its figure's size
    (one scale for all, the strongest widest), on a wide screen and a phone; every node covers
    the area its strength gives it on the figure's scale, whatever its shape. Drawn as before
    (the old square rule, sigma's own label choice), the same check fails: the European Union
    has no label and the Central Asian states' square is wider; with a square's half side equal
    to a circle's radius (as the reader found it), its area is 27 % too large."""
    viewport = {"width": width, "height": 900}
    with chromium.open_page(browser, site + "notebooks/resilience.html", viewport) as (page, _):
        ready(page)
        page.wait_for_timeout(200)
        found = page.evaluate(DRAWN)
        assert found == {"unlabelled": [], "offScale": [], "wider": []}, found
        drawn = page.evaluate(DRAWN_SHAPES)
        assert explorer_areas_off_scale(drawn) == []
        area = {n: size**2 * (math.pi if shape == "circle" else 4) for n, shape, size, _ in drawn}
        assert area["central_asian_states"] < area["eu"]
        page.evaluate(OLD_SQUARES)
        old_areas = explorer_areas_off_scale(page.evaluate(DRAWN_SHAPES))
        assert any(a.startswith("central_asian_states: 1.27") for a in old_areas), old_areas
        page.evaluate(OLD_DRAWING)
        page.wait_for_timeout(200)
        old = page.evaluate(DRAWN)
        assert "eu" in old["unlabelled"] and "central_asian_states" in old["wider"], old
        assert "central_asian_states" in old["offScale"], old


#: The list's stated order, the order its actors come in, and their strength and names.
LIST = """() => {
  const root = document.querySelector('div.eucasia-explorer');
  const e = root.eucasiaExplorer;
  const list = root.querySelector('.eucasia-ex-list');
  const title = document.getElementById(list.getAttribute('aria-labelledby'));
  const ids = [...list.querySelectorAll('button[data-actor]')].map((b) => b.dataset.actor);
  return { title: title ? title.textContent : '', visible: !!title && title.offsetHeight > 0,
           order: list.dataset.order, ids,
           strength: ids.map((id) => e.nodes.get(id).strength), names: ids.map((id) => e.nodes.get(id).name) };
}"""


def order_problems(found: dict) -> list[str]:
    """What is wrong with the list's order: unstated, or not the order stated."""
    problems = []
    if not found["visible"] or "by" not in found["title"]:
        problems.append(f"the list's order is not stated: {found['title']!r}")
    if found["order"] == "strength" and found["strength"] != sorted(
        found["strength"], reverse=True
    ):
        problems.append("the list is not by strength, as it says")
    if found["order"] == "name" and found["names"] != sorted(found["names"], key=str.casefold):
        problems.append("the list is not by name, as it says")
    return problems


def test_the_list_states_its_order_and_can_be_reordered(site, browser) -> None:
    """The list says it is by strength (the table's order) and is; by name once chosen. The
    same check fails on the list shuffled and on a list that does not say its order."""
    with chromium.open_page(browser, site + "notebooks/resilience.html") as (page, _):
        root = ready(page)
        found = page.evaluate(LIST)
        assert found["order"] == "strength" and "strength" in found["title"], found
        assert not order_problems(found)
        table = list(actor_table_rows(HTML / "notebooks" / "resilience.html"))
        assert found["ids"][: len(table)] == table  # the table's order
        root.locator(".eucasia-ex-order select").select_option("name")
        by_name = page.evaluate(LIST)
        assert by_name["order"] == "name" and "name" in by_name["title"]
        assert not order_problems(by_name)
        assert order_problems({**by_name, "names": by_name["names"][::-1]})
        assert order_problems({**found, "strength": found["strength"][::-1]})
        assert order_problems({**found, "title": "", "visible": False})


#: The panel's width beside the explorer's, and whether its text is cut (it scrolls inside).
PANEL = """() => {
  const root = document.querySelector('div.eucasia-explorer');
  const panel = root.querySelector('.eucasia-ex-panel');
  const inner = root.clientWidth - parseFloat(getComputedStyle(root).paddingLeft) - parseFloat(getComputedStyle(root).paddingRight);
  return { width: panel.getBoundingClientRect().width, room: inner,
           cut: panel.scrollHeight > panel.clientHeight + 1 || panel.scrollWidth > panel.clientWidth + 1 };
}"""

#: The explorer's layout before: the panel in a column beside the graph, cut at 20rem.
OLD_PANEL_CSS = """
.eucasia-ex-main { flex-direction: row !important; }
.eucasia-ex-view { flex: 3 1 0; }
.eucasia-ex-side { flex: 2 1 0; }
.eucasia-ex-panel { max-height: 20rem; overflow-y: auto; }
"""


def panel_problems(found: dict) -> list[str]:
    problems = []
    if found["width"] < 0.9 * found["room"]:
        problems.append(f"panel {found['width']:.0f}px wide in {found['room']:.0f}px")
    if found["cut"]:
        problems.append("the panel's text is cut (it scrolls inside)")
    return problems


@pytest.mark.parametrize("width", [1280, 390])
def test_the_panel_is_readable(site, browser, width) -> None:
    """The hub's panel (its longest) is as wide as the explorer and shows its whole text, at
    1280 and 390 px; with the old stylesheet (a column beside the graph, cut at 20rem) the
    same check fails."""
    viewport = {"width": width, "height": 900}
    with chromium.open_page(browser, site + "notebooks/resilience.html", viewport) as (page, _):
        root = ready(page)
        root.locator("button[data-actor]").first.click()
        assert not panel_problems(page.evaluate(PANEL)), page.evaluate(PANEL)
        page.add_style_tag(content=OLD_PANEL_CSS)
        assert panel_problems(page.evaluate(PANEL))


def luminance(rgb: str) -> float:
    """WCAG relative luminance of a CSS `rgb(...)`/`rgba(...)` colour or `#rrggbb`."""
    if rgb.startswith("#"):
        values = [int(rgb[i : i + 2], 16) for i in (1, 3, 5)]
    else:
        values = [float(v) for v in re.findall(r"[\d.]+", rgb)[:3]]
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        for c in (v / 255 for v in values)
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


#: The graph's ground, its label colour and the actor type colours, as drawn.
COLOURS = """() => {
  const root = document.querySelector('div.eucasia-explorer');
  const e = root.eucasiaExplorer;
  return { ground: getComputedStyle(root.querySelector('.eucasia-ex-stage')).backgroundColor,
           page: getComputedStyle(document.body).backgroundColor,
           label: e.sigma.getSetting('labelColor').color,
           types: e.strand.types.map((t) => t.colour) };
}"""


def colour_problems(found: dict, dark: bool) -> list[str]:
    """A graph that glares on a dark page, or whose labels or actors lose their contrast."""
    problems = []
    if dark and luminance(found["ground"]) > 0.2:
        problems.append(f"a light graph on a dark page: {found['ground']}")
    if contrast(found["label"], found["ground"]) < 4.5:
        problems.append(f"labels {found['label']} on {found['ground']}")
    if dark:  # on white the graph keeps the printed figure's palette (yellow is under 3:1)
        problems += [
            f"actor colour {c} on {found['ground']}"
            for c in found["types"]
            if contrast(c, found["ground"]) < 3
        ]
    return problems


def test_the_explorer_has_a_dark_mode(site, browser) -> None:
    """In dark mode the graph is drawn on the page's dark ground, its labels light (at least
    4.5:1) and every actor colour at least 3:1 against it; in light mode on white, as the
    printed figure. The white
    stage of before fails the check in dark mode."""
    with chromium.open_page(browser, site + "notebooks/resilience.html") as (page, _):
        ready(page)
        light = page.evaluate(COLOURS)
        assert luminance(light["ground"]) > 0.9 and not colour_problems(light, False), light
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
        page.wait_for_timeout(100)
        dark = page.evaluate(COLOURS)
        assert not colour_problems(dark, True), dark
        page.add_style_tag(content=".eucasia-ex-stage { background: #fff !important; }")
        assert colour_problems(page.evaluate(COLOURS), True)


# --------------------------------------------------------------------------- issue 24: proportions

#: Where the canvas draws each node against the figure's points (the data's x, y): the scale
#: of x and of y (least squares, viewport px per point), the drawn layout's centre against the
#: canvas's, and each tie's width (per point of the canvas's scale) and colour as drawn.
PROPORTIONS = """() => {
  const e = document.querySelector('div.eucasia-explorer').eucasiaExplorer;
  const s = e.sigma, g = e.graph;
  const pts = e.strand.nodes.map((n) => [n.x, n.y, s.graphToViewport({ x: g.getNodeAttribute(n.id, 'x'), y: g.getNodeAttribute(n.id, 'y') })]);
  const fit = (k, axis) => {
    const xs = pts.map((p) => p[k]), vs = pts.map((p) => p[2][axis]);
    const mx = xs.reduce((a, b) => a + b) / xs.length, mv = vs.reduce((a, b) => a + b) / vs.length;
    let sxy = 0, sxx = 0;
    xs.forEach((x, i) => { sxy += (x - mx) * (vs[i] - mv); sxx += (x - mx) ** 2; });
    return sxy / sxx;
  };
  const vx = pts.map((p) => p[2].x), vy = pts.map((p) => p[2].y);
  const { width, height } = s.getDimensions();
  const widths = {};
  e.strand.edges.forEach(([u, v, , w]) => { widths[g.edge(u, v)] = w; });
  return { sx: fit(0, 'x'), sy: fit(1, 'y'),
           off: [(Math.min(...vx) + Math.max(...vx)) / 2 - width / 2, (Math.min(...vy) + Math.max(...vy)) / 2 - height / 2],
           size: [width, height],
           ties: g.edges().map((id) => [g.getEdgeAttribute(id, 'size') / e.scale / widths[id], g.getEdgeAttribute(id, 'color')]) };
}"""

#: The explorer as it drew before: the figure's data units (its layout stretched to the
#: canvas's own proportions, not the figure's), and lighter ties of their own formula.
OLD_EXPLORER = """() => {
  const e = document.querySelector('div.eucasia-explorer').eucasiaExplorer;
  const g = e.graph;
  g.updateEachNodeAttributes((id, a) => ({ ...a, x: a.x * 0.58 }));
  g.updateEachEdgeAttributes((id, a) => ({ ...a, size: Math.max(0.6, a.size * 0.9), color: 'rgba(107, 107, 107, 0.45)' }));
  e.sigma.refresh();
}"""


def proportion_problems(found: dict) -> list[str]:
    """Positions not in the figure's proportions (x:y off by more than 2 %), a layout not
    centred on the canvas, ties not drawn with the figure's width and colour."""
    problems = []
    ratio = found["sx"] / -found["sy"]
    if abs(ratio - 1) > 0.02:
        problems.append(f"x:y drawn at {ratio:.3f} of the figure's proportions")
    for off, size in zip(found["off"], found["size"], strict=True):
        if abs(off) > 0.02 * size:
            problems.append(f"the layout sits {off:.0f} px off the canvas's centre")
    r, g, b = (int(TIE_STYLE["colour"][i : i + 2], 16) for i in (1, 3, 5))
    colour = f"rgba({r}, {g}, {b}, {TIE_STYLE['alpha']})"
    bad = [t for t in found["ties"] if abs(t[0] - 1) > 1e-6 or t[1] != colour]
    if bad:
        problems.append(f"{len(bad)} ties not drawn as the figure's ({colour}), e.g. {bad[0]}")
    return problems


@pytest.mark.parametrize("width", [1280, 390])
def test_the_explorer_keeps_the_figures_proportions_and_ties(site, browser, width) -> None:
    """The canvas draws the figure's layout in the figure's proportions (x:y within 2 %),
    centred, its ties at the figure's widths, colour and opacity (the style table's). Drawn as
    before (stretched to other proportions, lighter ties), the same check fails."""
    viewport = {"width": width, "height": 900}
    with chromium.open_page(browser, site + "notebooks/resilience.html", viewport) as (page, _):
        ready(page)
        page.wait_for_timeout(200)
        found = page.evaluate(PROPORTIONS)
        assert not proportion_problems(found), (proportion_problems(found), found["size"])
        page.evaluate(OLD_EXPLORER)
        old = proportion_problems(page.evaluate(PROPORTIONS))
        assert any("proportions" in p for p in old) and any("ties" in p for p in old), old


# --------------------------------------------------------------------------- whole names (site25)


def cut_texts(data: dict) -> list[str]:
    """The explorer's names and summaries that are not whole: a node whose label is not its
    figure label (`short_label` of its name) or whose lines do not join to it, and any name,
    label line or summary cut with an ellipsis."""
    found = []
    for node in data["nodes"]:
        whole = short_label(node["name"])
        lines = node.get("lines") or [node["short"]]
        if node["short"] != whole or " ".join(lines) != whole:
            found.append(f"{node['id']}: label {lines!r} for {whole!r}")
        found += [f"{node['id']}: {t!r}" for t in [node["name"], *lines] if "\u2026" in t]
    found += [f"{i}: summary cut" for i, s in data["initiatives"].items() if "\u2026" in s]
    return found


@pytest.mark.parametrize("strand", STRANDS)
def test_the_explorer_data_give_whole_names_and_summaries(strand: str) -> None:
    """Every canvas label is the actor's whole figure label, wrapped as the figure wraps it,
    and every initiative's summary is whole. The data as they were (labels shortened to 28
    characters with "…", summaries to 110) fail the same check."""
    result = _result(strand)
    data = strand_data(result, _corpus()[1][strand], f"{strand}.html", SEED)
    assert cut_texts(data) == []
    old = json.loads(json.dumps(data))
    for node in old["nodes"]:
        node["short"] = textwrap.shorten(short_label(node["name"]), 28, placeholder="…")
        node.pop("lines")
    old["initiatives"] = {
        i: textwrap.shorten(s, 110, placeholder=" …") for i, s in old["initiatives"].items()
    }
    assert any("label" in c for c in cut_texts(old)) and any("summary" in c for c in cut_texts(old))


#: Record every text a canvas draws (sigma's labels), before the page's scripts run.
RECORD_CANVAS_TEXT = """(() => {
  window.__drawnText = new Set();
  const fill = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
    window.__drawnText.add(String(text));
    return fill.call(this, text, ...rest);
  };
})();"""

#: What of the explorer a reader cannot read whole: an element whose text is clipped (it scrolls
#: sideways inside, or ends in an ellipsis of text-overflow, or a line clamp hides lines), a text
#: cut with "…", and a label the canvas draws not whole (a planned label whose lines were not all
#: drawn, or do not join to the actor's whole label).
CLIPPED_TEXT = """async () => {
  const root = document.querySelector('div.eucasia-explorer');
  const e = root.eucasiaExplorer;
  const found = [];
  const name = (el) => (el.className || el.tagName) + ': ' + el.textContent.trim().slice(0, 60);
  for (const el of root.querySelectorAll('*')) {
    if (!el.getClientRects().length || el.closest('canvas, .eucasia-ex-canvas')) continue;
    const style = getComputedStyle(el);
    if (style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1) found.push('scrolls sideways: ' + name(el));
    if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth) found.push('ellipsis: ' + name(el));
    const clamp = style.webkitLineClamp;
    if (clamp && clamp !== 'none' && el.scrollHeight > el.clientHeight + 1) found.push('clamped: ' + name(el));
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (t.parentElement.getClientRects().length && t.data.includes('\\u2026')) found.push('cut: ' + t.data.trim().slice(0, 60));
  }
  window.__drawnText.clear();
  e.sigma.refresh();
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (const id of e.plan.ids) {
    const node = e.nodes.get(id);
    const lines = e.labelLines(id);
    if (lines.join(' ') !== node.short || lines.some((l) => l.includes('\\u2026'))) found.push('label not whole: ' + lines.join(' / '));
    const missing = lines.filter((l) => !window.__drawnText.has(l));
    if (missing.length) found.push('label not drawn whole: ' + id + ' ' + missing.join(' / '));
  }
  for (const text of window.__drawnText) if (text.includes('\\u2026')) found.push('drawn cut: ' + text);
  const { width, height } = e.sigma.getDimensions();
  const ids = [...e.plan.ids];
  e.plan.boxes.forEach((b, i) => {
    if (b[0] < -1 || b[1] < -1 || b[2] > width + 1 || b[3] > height + 1) found.push('label outside the canvas: ' + ids[i]);
  });
  return { found, labels: e.plan.ids.size };
}"""

#: An explorer that cuts: the list's names on one line with an ellipsis, and a label as the data
#: gave it before (28 characters and "…").
CUTTING_CSS = (
    ".eucasia-ex-actor .eucasia-ex-name { white-space: nowrap; overflow: hidden;"
    " text-overflow: ellipsis; max-width: 9rem }"
)
CUT_LABEL = """() => {
  const e = document.querySelector('div.eucasia-explorer').eucasiaExplorer;
  const id = [...e.plan.ids].find((i) => e.nodes.get(i).lines.length > 1) || [...e.plan.ids][0];
  const node = e.nodes.get(id);
  node.lines = [node.short.slice(0, 12) + '\\u2026'];
  e.plan = null;
  e.sigma.refresh();
}"""


def _longest_named(page) -> str:
    return page.evaluate(
        "() => { const e = document.querySelector('div.eucasia-explorer').eucasiaExplorer;"
        " return [...e.strand.nodes].sort((a, b) => b.name.length - a.name.length)[0].id; }"
    )


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("page_path", sorted(EXPLORER_PAGES))
def test_no_explorer_text_is_cut(site, browser, page_path, width) -> None:
    """Every explorer (each strand of the synthesis's too), at 1280 and 390 px: nothing in its
    list, panel or controls is clipped or cut with "…", and every label the canvas draws is the
    actor's whole name, with nothing selected and with the longest-named actor selected. The
    same check fails on the page made to cut (names on one line with an ellipsis; a label as
    the data cut it before)."""
    viewport = {"width": width, "height": 900}
    with chromium.open_page(browser, site + page_path, viewport) as (page, _):
        page.add_init_script(RECORD_CANVAS_TEXT)
        page.reload()
        root = ready(page)
        for index in range(len(EXPLORER_PAGES[page_path])):
            choose_strand(page, root, index)
            page.wait_for_timeout(200)
            found = page.evaluate(CLIPPED_TEXT)
            assert found["labels"] >= 2 and not found["found"], found
            root.locator(f'button[data-actor="{_longest_named(page)}"]').click()
            page.wait_for_timeout(400)
            found = page.evaluate(CLIPPED_TEXT)
            assert not found["found"], found
            root.locator(f'button[data-actor="{_longest_named(page)}"]').click()  # deselect
            page.mouse.move(0, 0)  # and leave it: no actor hovered or focused
            page.evaluate("document.activeElement.blur()")
        page.add_style_tag(content=CUTTING_CSS)
        page.evaluate(CUT_LABEL)
        page.wait_for_timeout(200)
        broken = page.evaluate(CLIPPED_TEXT)["found"]
        assert any(f.startswith("ellipsis: ") for f in broken), broken
        assert any(f.startswith("label not whole") for f in broken), broken
