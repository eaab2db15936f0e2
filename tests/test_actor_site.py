"""The built actor pages: one per actor of data/actors.csv, all linked from the index, found by
the site's search, items linked to their rows in the chapters; the PDF has the one appendix
table and no actor page.

The checks are functions tried first on small fixtures that break them (fast), then on the book.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from harness.commands import run

from eucasia.data import load_tables
from eucasia.presentation.tables.network_tables import type_label

#: What only an actor page or the site's grouping shows: none of it may reach the PDF.
PAGE_ONLY = ("In the strand networks", "What the tracker found", "Identifier in the data")


def actor_ids() -> list[str]:
    return list(load_tables(["actors"])["actors"]["actor_id"])


def missing_actor_pages(html: Path, ids: list[str]) -> list[str]:
    """Actors without a built page, pages without an actor, actors the index does not link."""
    folder = html / "actors"
    built = {p.stem for p in folder.glob("*.html")} - {"index"}
    index = (folder / "index.html").read_text(encoding="utf-8") if folder.is_dir() else ""
    linked = set(re.findall(r'href="([a-z0-9_]+)\.html"', index))
    problems = [f"no page for {a}" for a in ids if a not in built]
    problems += [f"page for no actor: {p}" for p in sorted(built - set(ids))]
    problems += [f"index does not link {a}" for a in ids if a not in linked]
    return problems


def search_documents(html: Path) -> dict[str, str]:
    """Docname -> title, as the site's search index (searchindex.js) holds them."""
    text = (html / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return dict(zip(index["docnames"], index["titles"], strict=True))


def broken_item_links(html: Path) -> list[str]:
    """Links of actor pages to a chapter row (`#initiative-…`) whose page or row id is missing."""
    ids_of: dict[str, set[str]] = {}
    problems = []
    for page in sorted((html / "actors").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        for target, anchor in re.findall(r'href="\.\./([^"#]+)#(initiative-[^"]+)"', text):
            if target not in ids_of:
                path = html / target
                body = path.read_text(encoding="utf-8") if path.is_file() else ""
                ids_of[target] = set(re.findall(r'\bid="(initiative-[^"]+)"', body))
            if anchor not in ids_of[target]:
                problems.append(f"{page.name}: {target}#{anchor}")
    return problems


def sidebar(page: str) -> str:
    """The HTML of a page's sidebar navigation ("" when it has none)."""
    match = re.search(r'<nav class="[^"]*\bbd-docs-nav\b.*?</nav>', page, flags=re.S)
    return match.group(0) if match else ""


def nav_toggles(page: str) -> int:
    """Collapsible entries in a page's sidebar (the theme gives their toggle no accessible name)."""
    return sidebar(page).count("<summary")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"-\n", "", text))


def bare(text: str) -> str:
    """Text without spaces, hyphens and apostrophes, which table cells break and typeset anew."""
    return re.sub(r"[\s\-\u2010\u2019']", "", text)


def pdf_actor_problems(text: str, names: list[str], groups: list[str]) -> list[str]:
    """The PDF's actors chapter: every actor in its table, nothing of the pages or the groups."""
    text = flat(text)
    problems = [f"actor page text in the PDF: {s!r}" for s in PAGE_ONLY if s in text]
    if "Index of actors" not in text or "Every actor in the data" not in text:
        return [*problems, "no 'Index of actors' chapter with its table"]
    appendix = text[text.index("Every actor in the data") :]
    problems += [f"{n!r} not in the table" for n in names if bare(n) not in bare(appendix)]
    problems += [f"group heading {g!r} in the PDF" for g in groups if g in appendix]
    return problems


# ------------------------------------------------------------------ the checks can fail


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_missing_pages_and_links_are_caught(tmp_path: Path) -> None:
    html = _site(
        tmp_path,
        {
            "actors/index.html": '<a href="eu.html">EU</a>',
            "actors/eu.html": "",
            "actors/ghost.html": "",
        },
    )
    assert missing_actor_pages(html, ["eu", "osce"]) == [
        "no page for osce",
        "page for no actor: ghost",
        "index does not link osce",
    ]


def test_broken_item_links_are_caught(tmp_path: Path) -> None:
    html = _site(
        tmp_path,
        {
            "actors/eu.html": '<a href="../notebooks/r.html#initiative-1.1-SI-01">x</a>'
            '<a href="../notebooks/r.html#initiative-1.1-SI-02">y</a>'
            '<a href="../notebooks/gone.html#initiative-1.1-SI-01">z</a>',
            "notebooks/r.html": '<tr id="initiative-1.1-SI-01">',
        },
    )
    assert broken_item_links(html) == [
        "eu.html: notebooks/r.html#initiative-1.1-SI-02",
        "eu.html: notebooks/gone.html#initiative-1.1-SI-01",
    ]


def test_a_collapsible_sidebar_entry_is_caught() -> None:
    page = '<nav class="bd-links bd-docs-nav"><ul><li><details><summary><span></span></summary>'
    assert nav_toggles(page + "</details></li></ul></nav>") == 1
    assert nav_toggles('<nav class="bd-links bd-docs-nav"><ul><li>x</li></ul></nav><summary>') == 0


def test_pdf_problems_are_caught() -> None:
    good = (
        "Contents … Index of actors The table lists them. Every actor in the data, by type. "
        "European Union EU institution 110"
    )
    assert pdf_actor_problems(good, ["European Union"], ["EU institution (7)"]) == []
    bad = good + " EU institution (7) Kazakh-\nstan In the strand networks"
    assert pdf_actor_problems(
        bad, ["European Union", "Kazakhstan", "OSCE"], ["EU institution (7)"]
    ) == [
        "actor page text in the PDF: 'In the strand networks'",
        "'OSCE' not in the table",
        "group heading 'EU institution (7)' in the PDF",
    ]
    assert pdf_actor_problems("Index of actors", [], []) == [
        "no 'Index of actors' chapter with its table"
    ]


# ------------------------------------------------------------------ the built book


def test_every_actor_has_a_page_linked_from_the_index(built_html: Path) -> None:
    assert missing_actor_pages(built_html, actor_ids()) == []


def test_actor_pages_are_in_the_search_index(built_html: Path) -> None:
    documents = search_documents(built_html)
    actors = load_tables(["actors"])["actors"]
    for actor_id, name in zip(actors["actor_id"], actors["name"], strict=True):
        title = documents.get(f"actors/{actor_id}", "").replace("\u2019", "'")  # smart quotes
        assert title == name, actor_id
    assert documents.get("actors/index") == "Index of actors"


@pytest.mark.parametrize("page", ["actors/index.html", "actors/eu.html", "book/intro.html"])
def test_the_sidebar_does_not_list_the_actor_pages(built_html: Path, page: str) -> None:
    text = (built_html / page).read_text(encoding="utf-8")
    assert sidebar(text), f"{page} has no sidebar"
    assert nav_toggles(text) == 0
    assert "osce.html" not in sidebar(text)


def test_items_link_to_their_rows_in_the_chapters(built_html: Path) -> None:
    assert broken_item_links(built_html) == []


def test_pdf_has_the_actor_table_and_no_actor_pages(built_pdf: Path) -> None:
    text = run(["pdftotext", str(built_pdf), "-"]).stdout
    actors = load_tables(["actors"])["actors"]
    counts = actors["actor_type"].value_counts()
    groups = [f"{type_label(t)} ({n})" for t, n in counts.items()]
    assert pdf_actor_problems(text, list(actors["name"]), groups) == []


@pytest.mark.parametrize("page", ["actors/index.html", "actors/eu.html"])
def test_actor_pages_are_in_the_sitemap(built_html: Path, page: str) -> None:
    assert f"/{page}</loc>" in (built_html / "sitemap.xml").read_text(encoding="utf-8")
