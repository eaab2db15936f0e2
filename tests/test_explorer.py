"""The network explorer: its data, its vendored libraries, and the explorer as a reader uses it.

Unit tests (no build): the JSON builder (`eucasia.presentation.explorer`) puts every node where
the printed figure puts it, lists the initiatives each actor shares, keeps hostile values inert;
the vendored sigma.js and graphology equal the pinned npm packages byte for byte; the script
builds no markup from strings; the stylesheet's rules survive the site's CSS cut.

Browser tests (the built book, Debian's Chromium, every other host blocked, as in
tests/test_browser.py): search an actor and see it and its partners highlighted, open its panel
by keyboard alone, the panel lists exactly the initiatives the data give, the wheel scrolls the
page until the reader activates the graph, the explorer's files load only where there is one,
every page weighs at most 1.0 MB with the explorer loaded, and axe finds no serious violation.
"""

from __future__ import annotations

import dataclasses
import json
import posixpath
import re
from functools import cache
from pathlib import Path

import pytest
from harness import chromium, website
from harness.paths import ROOT

from eucasia.analysis.corpus import Corpus
from eucasia.analysis.network import strand_analysis
from eucasia.build.explorerdata import move_data_out
from eucasia.build.site import bundle, pages
from eucasia.data import load_tables
from eucasia.data.vocabulary import STRANDS
from eucasia.presentation.comparison import strand_titles
from eucasia.presentation.explorer import (
    EXPLORER_CLASS,
    explorer_html,
    figure_positions,
    strand_data,
)
from eucasia.presentation.networkfig import draw_network
from eucasia.presentation.style import ACTOR_TYPE_STYLE

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
    for node in data["nodes"]:
        x, y = positions[node["id"]]
        assert (node["x"], node["y"]) == (round(x, 4), round(y, 4))


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
    assert [n["id"] for n in data["nodes"]] == [
        n for n in result.metrics["node"] if n in result.projection
    ]
    for node in data["nodes"]:
        assert {i for i, _ in node["initiatives"]} == shared_by(strand, node["id"]), node["id"]
        for initiative, _ in node["initiatives"]:
            assert data["initiatives"][initiative]
    edges = {(u, v): w for u, v, w in data["edges"]}
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
    from eucasia.presentation import explorer

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
    from eucasia.build.site import purge
    from eucasia.build.site.usage import WORD

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
def test_keyboard_alone_opens_the_panel_of_exactly_the_shared_initiatives(site, browser, page_path):
    strand = EXPLORER_PAGES[page_path][0]
    with chromium.open_page(browser, site + page_path) as (page, _):
        root = ready(page)
        search = root.locator("input[type=search]")
        search.focus()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        focused = page.evaluate("document.activeElement.dataset.actor")
        actor = [n for n in _result(strand).metrics["node"] if n in _result(strand).projection][2]
        assert focused == actor
        page.keyboard.press("Enter")
        panel = root.locator(".eucasia-ex-panel")
        assert panel.is_visible()
        assert page.evaluate("document.activeElement.classList.contains('eucasia-ex-panel')")
        listed = panel.locator("li[data-initiative]")
        ids = listed.evaluate_all("items => items.map(i => i.dataset.initiative)")
        assert sorted(ids) == sorted(shared_by(strand, actor))
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
    actor = [n for n in _result(strand).metrics["node"] if n in _result(strand).projection][2]
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
  const boxes = [...sigma.displayedNodeLabels].map((id) => {
    const data = sigma.getNodeDisplayData(id);
    const at = sigma.framedGraphToViewport(data);
    const left = at.x + sigma.scaleSize(data.size) + 3;
    return [left, at.y - size / 2, left + context.measureText(data.label || '').width, at.y + size / 2, id];
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
