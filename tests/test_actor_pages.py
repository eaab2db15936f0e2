"""The actor pages as text: values from data stay text, the index links every actor by type, the
files are written only when they change, and the PDF keeps the index's table alone."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from docutils import nodes
from docutils.utils import new_document
from harness.tools import load_tool
from sphinx import addnodes
from test_text_safety import HOSTILE, PROBE, Page, flat, poison

from eucasia.analysis.actor_profiles import TABLES, actor_profiles, by_type, strand_results
from eucasia.assembly import actor_sources as sources_module
from eucasia.assembly.actor_sources import actor_sources, strip_for_print, write_actor_sources
from eucasia.data import DATA_DIR, load_tables
from eucasia.data.vocabulary import STRANDS
from eucasia.presentation.actors import actor_pages
from eucasia.presentation.actors.actor_pages import STRAND_CHAPTERS, item_link
from eucasia.presentation.tables.network_tables import type_label

inputs_digest = load_tool("inputs_digest")

ROOT = Path(__file__).resolve().parent.parent
SPHINX_BUILD = Path(sys.executable).parent / "sphinx-build"


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return load_tables([*TABLES, "strands"])


@pytest.fixture(scope="module")
def sources(tables) -> dict[str, str]:
    return actor_sources(tables)


@pytest.fixture(scope="module")
def profiles(tables):
    return actor_profiles(tables, strand_results(tables))


# ------------------------------------------------------------------ the index and the links


def test_one_page_per_actor_and_an_index(tables, sources) -> None:
    expected = {f"{a}.md" for a in tables["actors"]["actor_id"]} | {"index.md"}
    assert set(sources) == expected


def test_index_groups_every_actor_by_type_with_counts_from_data(tables, sources, profiles) -> None:
    index = sources["index.md"]
    counts = tables["actors"]["actor_type"].value_counts()
    headings = re.findall(r"^## (.+) \((\d+)\)$", index, flags=re.M)
    assert [(h, int(n)) for h, n in headings] == [
        (type_label(t), int(counts[t])) for t, _ in by_type(profiles)
    ]
    linked = re.findall(r"\]\(([a-z0-9_]+)\.md\)", index)
    assert sorted(linked) == sorted(tables["actors"]["actor_id"])
    # each link sits under its type's heading
    for actor_type, section in zip(
        [h for h, _ in headings], re.split(r"^## .+$", index, flags=re.M)[1:], strict=True
    ):
        ids = re.findall(r"\]\(([a-z0-9_]+)\.md\)", section)
        types = tables["actors"].set_index("actor_id").loc[ids, "actor_type"].map(type_label)
        assert set(types) == {actor_type}


def test_pdf_table_lists_every_actor_in_the_index_order(tables, sources, profiles) -> None:
    index = sources["index.md"]
    block = index.split(":::{only} latex\n~~~{list-table}")[1].split("~~~\n:::")[0]
    rows = block.split("\n* - ")[2:]  # after the header row
    names = [r.split("\n")[0] for r in rows]
    order = [p.name for _, members in by_type(profiles) for p in members]
    assert len(names) == len(tables["actors"])
    assert names == [actor_pages.escape_markdown(n) for n in order]
    assert ":class: longtable" in block


def test_items_link_to_their_row_in_the_strand_chapter() -> None:
    assert item_link("1.2-SI-03", "resilience") == (
        '<a href="../notebooks/resilience.html#initiative-1.2-SI-03">1.2-SI-03</a>'
    )
    assert item_link("0-C-01", "regional") == r"0\-C\-01"  # listed in no chapter: plain text


def test_strand_chapters_exist_and_analyse_their_strand() -> None:
    assert set(STRAND_CHAPTERS) == set(STRANDS)
    for strand, chapter in STRAND_CHAPTERS.items():
        text = (ROOT / f"{chapter}.md").read_text(encoding="utf-8")
        assert f'STRAND, PREFIX, SEED = "{strand}"' in text, chapter


def test_page_of_an_actor_in_no_item_says_so(sources) -> None:
    page = sources["kaz.md"]
    assert "links it to no initiative" in page and "none of the three strands" in page
    assert "## In the strand networks\n\nIt is in none" in page
    assert "## Instruments\n\nThe text ties no instrument" in page


def test_an_actor_held_only_for_the_declaration_is_not_called_one_the_strategy_names(
    tables, sources, profiles
) -> None:
    page = sources["unsc.md"]
    assert "does not name this actor" in page and "links it to no initiative" not in page
    assert "## In the 2025 declaration" in page
    assert "- Paragraph 4 (commitment; forum): Principles in international fora" in page
    assert "{ref}`syn-declaration`" in page
    assert "## In the 2025 declaration" not in sources["kaz.md"]
    index = sources["index.md"]
    assert index.count(r"not in the strategy\, named in the 2025 summit declaration") == 2
    # Without its declaration rows the same actor reads as one the strategy names unlinked.
    unsc = next(p for p in profiles if p.actor_id == "unsc")
    bare = dataclasses.replace(unsc, declaration=unsc.declaration.iloc[0:0])
    page = actor_pages.actor_page(bare, tables["strands"], {})
    assert "links it to no initiative" in page and "## In the 2025 declaration" not in page


def test_sources_are_cited_never_shown_as_keys(tables, sources) -> None:
    page = sources["osce.md"]
    for key in tables["implementation_evidence"]["source_id"]:
        for match in re.finditer(re.escape(key), page):
            before = page[max(0, match.start() - 7) : match.start()]
            assert before == "{cite}`", f"source key {key} shown outside a citation"


# ------------------------------------------------------------------ values are text


def _render(pages: dict[str, str], tmp_path: Path) -> dict[str, Page]:
    """Build the pages with Sphinx and MyST (as the book does) and parse the HTML."""
    src = tmp_path / "src"
    (src / "actors").mkdir(parents=True)
    (src / "conf.py").write_text(
        "extensions = ['myst_parser', 'sphinxcontrib.bibtex']\n"
        f"bibtex_bibfiles = [{str(ROOT / 'book' / 'references.bib')!r}]\n"
        "myst_enable_extensions = ['colon_fence']\nmyst_heading_anchors = 3\n",
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Root\n\n```{toctree}\n:glob:\nactors/*\nrefs\n```\n")
    (src / "refs.md").write_text("# References\n\n```{bibliography}\n:all:\n```\n")
    for name, text in pages.items():
        (src / "actors" / name).write_text(text, encoding="utf-8")
    out = tmp_path / "html"
    run = subprocess.run(
        [str(SPHINX_BUILD), "-q", "-b", "html", str(src), str(out)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    parsed = {}
    for name in pages:
        page = Page()
        page.feed((out / "actors" / name.replace(".md", ".html")).read_text(encoding="utf-8"))
        parsed[name] = page
    return parsed


def markup_from_data(page: Page) -> list[str]:
    """What shows that a value became markup: a script, handler or tag of its own, a value cut."""
    problems = [f"script {s[:40]!r}" for s in page.scripts if "alert(" in s]
    problems += [f"<{t}> from data" for t, a in page.elements if "onerror" in a or t == "b"]
    text = flat(" ".join(page.text))
    if text.count(PROBE) != text.count(flat(HOSTILE)):
        problems.append("the value is shown cut or changed")
    return problems


@pytest.fixture(scope="module")
def hostile_sources(tmp_path_factory) -> dict[str, str]:
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA_DIR, data)
    poison(data)
    return actor_sources(load_tables([*TABLES, "strands"], data_dir=data))


@pytest.mark.rebuild  # two small Sphinx builds
def test_hostile_values_render_as_text(hostile_sources, tmp_path: Path) -> None:
    pages = {n: hostile_sources[n] for n in ("index.md", "osce.md", "afghanistan.md")}
    rendered = _render(pages, tmp_path)
    for name, page in rendered.items():
        assert markup_from_data(page) == [], name
    # the value is there, whole, in the name, the note, the items, the evidence and the index
    osce = flat(" ".join(rendered["osce.md"].text))
    assert osce.count(flat(HOSTILE)) >= 5
    assert flat(" ".join(rendered["index.md"].text)).count(flat(HOSTILE)) >= 10


@pytest.mark.rebuild
def test_the_text_check_catches_a_page_that_does_not_escape(
    hostile_sources, tmp_path: Path
) -> None:
    """Proof the check above can fail: the same page with its note left unescaped is caught."""
    escaped = actor_pages.escape_markdown(HOSTILE)
    lines = hostile_sources["osce.md"].split("\n")
    note = next(i for i, line in enumerate(lines) if line.startswith("**Coder's note.**"))
    assert escaped in lines[note]
    lines[note] = lines[note].replace(escaped, HOSTILE)
    rendered = _render({"osce.md": "\n".join(lines)}, tmp_path)
    assert markup_from_data(rendered["osce.md"])


# ------------------------------------------------------------------ files and the PDF


def test_files_are_written_only_when_they_change_and_stale_pages_go(
    tmp_path: Path, monkeypatch, sources
) -> None:
    monkeypatch.setattr(sources_module, "actor_sources", lambda tables: sources)
    first = write_actor_sources(tmp_path, DATA_DIR)
    folder = tmp_path / "actors"
    assert len(first) == len(list(folder.glob("*.md")))
    stamps = {p: p.stat().st_mtime_ns for p in folder.glob("*.md")}
    assert write_actor_sources(tmp_path, DATA_DIR) == []
    assert {p: p.stat().st_mtime_ns for p in folder.glob("*.md")} == stamps
    (folder / "gone_actor.md").write_text("# Gone\n")
    (folder / "osce.md").write_text("# edited by hand\n")
    assert write_actor_sources(tmp_path, DATA_DIR) == [folder / "osce.md"]
    assert not (folder / "gone_actor.md").exists()


def test_output_is_byte_reproducible(tables, sources) -> None:
    assert actor_sources(tables) == sources


@pytest.mark.parametrize("bad", ["index", "Bad-Id"])
def test_an_actor_id_that_cannot_name_a_page_is_refused(tables, bad: str) -> None:
    actors = tables["actors"].copy()
    actors.loc[actors["actor_id"] == "kaz", "actor_id"] = bad
    with pytest.raises(ValueError, match="cannot name a page"):
        actor_sources({**tables, "actors": actors})


def test_the_generated_folder_is_no_input_of_the_build(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "actors.csv").write_text("actor_id\n")
    before = inputs_digest.inputs_digest(tmp_path, None, {})
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "eu.md").write_text("# European Union\n")
    assert inputs_digest.inputs_digest(tmp_path, None, {}) == before
    (tmp_path / "data" / "actors.csv").write_text("actor_id\neu\n")  # while data do count
    assert inputs_digest.inputs_digest(tmp_path, None, {}) != before
    assert "/actors/" in (ROOT / ".gitignore").read_text().splitlines()
    assert sources_module.FOLDER == "actors"


def test_pdf_keeps_the_index_table_without_pages_or_groups() -> None:
    doc = new_document("<index>")
    top = nodes.section("", nodes.title("", "Actors"), nodes.paragraph("", "The table."))
    group = nodes.section("", nodes.title("", "EU institution (7)"))
    wrapper = nodes.compound(classes=["toctree-wrapper"])
    wrapper += addnodes.toctree(includefiles=["actors/eu"])
    top += [group, wrapper]
    doc += top
    strip_for_print(doc)
    assert [type(c) for c in top.children] == [nodes.title, nodes.paragraph]
    assert not list(doc.findall(addnodes.toctree))


def test_toc_has_an_unnumbered_actors_part_after_the_chapters() -> None:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    captions = [p["caption"] for p in toc["parts"]]
    part = toc["parts"][captions.index("Actors")]
    assert not part.get("numbered")
    assert part["chapters"] == [{"file": "actors/index", "sections": [{"glob": "actors/*"}]}]
    numbered = [i for i, p in enumerate(toc["parts"]) if p.get("numbered")]
    assert captions.index("Actors") > max(numbered)


# ------------------------------------------------------------------ strands by name


def strand_label_problems(html: str, titles: list[str]) -> list[str]:
    """An actor page's network section names the strands as the chapters do: its table's
    columns are the strands' titles, and no "strand 1" stands in for a name."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    section = soup.find(id="in-the-strand-networks")
    if section is None:
        return ["no section 'In the strand networks'"]
    text = " ".join(section.get_text(" ").split())
    problems = [f"numbered, not named: {m!r}" for m in re.findall(r"\bstrand \d\b", text)]
    header = [" ".join(c.get_text(" ").split()) for c in section.select("thead th")]
    if header and [h for h in header[1:] if h not in titles]:
        problems.append(f"table columns {header[1:]} are not strand titles {titles}")
    return problems


def test_the_eu_page_names_the_strands(built_html: Path, tables) -> None:
    titles = list(tables["strands"].set_index("strand_id").loc[list(STRANDS), "title"])
    page = (built_html / "actors" / "eu.html").read_text(encoding="utf-8")
    assert strand_label_problems(page, titles) == []
    assert re.search(r"<th[^>]*>\s*<p>\s*Partnering for Resilience", page), "no named column"
    # the page as it was: columns "strand 1/2/3" and "(strand 1, Partnering for Resilience; ...)"
    old = (
        '<section id="in-the-strand-networks"><p>It is in the actor network of 3 strands '
        "(strand 1, Partnering for Resilience; strand 2, Partnering for Prosperity)</p><table>"
        "<thead><tr><th>measure</th><th>strand 1</th><th>strand 2</th></tr></thead></table>"
        "</section>"
    )
    assert len(strand_label_problems(old, titles)) == 5  # four numbers, the header


def numbered_strands(html: str) -> list[str]:
    """Where a page's visible text names a strand by number ("strand 1") instead of its title,
    read string by string (a row "initiatives in the strand" and its cell "1" are two)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main") or soup
    return [
        m
        for text in main.find_all(string=True)
        for m in re.findall(r"\bstrand \d\b", " ".join(text.split()), re.IGNORECASE)
    ]


def test_no_actor_page_or_the_index_numbers_the_strands(built_html: Path) -> None:
    """The index of actors and every actor page name the strands (the PDF's index is checked
    in tests/test_pdf_print.py)."""
    pages = sorted((built_html / "actors").glob("*.html"))
    assert any(p.name == "index.html" for p in pages) and len(pages) > 50
    found = {p.name: n for p in pages if (n := numbered_strands(p.read_text("utf-8")))}
    assert found == {}
    head = "<main><table><tr><th>actor</th><th>Strand 1</th><th>strand 2</th></tr></table></main>"
    assert numbered_strands(head) == ["Strand 1", "strand 2"]
    row = "<main><table><tr><td>initiatives in the strand</td><td>1</td></tr></table></main>"
    assert numbered_strands(row) == []
