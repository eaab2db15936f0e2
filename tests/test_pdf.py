"""The PDF edition carries what the site carries: every numbered figure and table, the glued numbers."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from docutils import nodes
from harness.commands import run

from eucasia.assembly.print_doctree import numbering_switches
from eucasia.assembly.print_text import print_pieces

CAPTION = re.compile(r'<span class="caption-number">(Figure|Table) (\d+\.\d+) </span>')
PASTED = re.compile(r'<span class="pasted-text">([^<]*)</span>')
#: The span that keeps a date whole on the web (table_cells.keep_words_whole): its text is the
#: value's, so it is read through.
NOBR = re.compile(r'<span class="eucasia-nobr">([^<]*)</span>')


@pytest.fixture(scope="module")
def pdf_text(built_pdf: Path) -> str:
    text = run(["pdftotext", str(built_pdf), "-"]).stdout
    # Undo line-end hyphenation and line breaks so values split across lines are found whole.
    return re.sub(r"\s+", " ", re.sub(r"-\n", "", text))


@pytest.fixture(scope="module")
def pdf_pages(built_pdf: Path) -> list[str]:
    """Each page's text, normalised as `pdf_text` is."""
    text = run(["pdftotext", str(built_pdf), "-"]).stdout
    return [re.sub(r"\s+", " ", re.sub(r"-\n", "", page)) for page in text.split("\f")]


def across_a_page_break(value: str, pages: list[str]) -> bool:
    """`value` runs from the foot of one page to the next (the running head, the folio or a
    float at the top of the next page come between its two parts in the text), or to the page
    after it when that page is all floats (a figure or table LaTeX set on a page of its own).

    >>> across_a_page_break("a b c", ["x a b", "c y"]), across_a_page_break("a b c", ["a", "x"])
    (True, False)
    >>> across_a_page_break("a b c", ["x a b", "Figure", "c y"])
    True
    >>> across_a_page_break("a b c", ["x a b", "Figure", "z", "c y"])
    False
    """
    words = value.split(" ")
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        for i, page in enumerate(pages):
            if page.rstrip().find(head) >= 0 and any(tail in p for p in pages[i + 1 : i + 3]):
                return True
    return False


@pytest.fixture(scope="module")
def chapter_pages(built_html: Path) -> list[Path]:
    return sorted((built_html / "notebooks").glob("*.html")) + sorted(
        (built_html / "book").glob("*.html")
    )


def test_every_numbered_figure_and_table_is_in_the_pdf(
    chapter_pages: list[Path], pdf_text: str
) -> None:
    numbered = {
        m for page in chapter_pages for m in CAPTION.findall(page.read_text(encoding="utf-8"))
    }
    assert len(numbered) > 40, "expected the chapters' numbered figures and tables"
    missing = sorted(
        f"{kind} {number}" for kind, number in numbered if f"{kind} {number}:" not in pdf_text
    )
    assert not missing, f"numbered in the HTML but not captioned in the PDF: {missing}"


def test_glued_numbers_agree_between_html_and_pdf(
    chapter_pages: list[Path], pdf_text: str, pdf_pages: list[str]
) -> None:
    values = set()
    for page in chapter_pages:
        values |= {
            html.unescape(v).strip()
            for v in PASTED.findall(NOBR.sub(r"\1", page.read_text(encoding="utf-8")))
        }
    values.discard("")
    assert len(values) > 30, "expected glued values in the chapters"
    missing = sorted(
        v
        for v in values
        if (flat := re.sub(r"\s+", " ", v)) not in pdf_text
        and not across_a_page_break(flat, pdf_pages)
    )
    assert not missing, f"glued in the HTML but absent from the PDF text: {missing}"


def test_fonts_are_embedded(built_pdf: Path) -> None:
    lines = run(["pdffonts", str(built_pdf)]).stdout.splitlines()[2:]
    assert lines, "pdffonts listed no fonts"
    not_embedded = [line for line in lines if line.split()[-5] != "yes"]
    assert not not_embedded, not_embedded


def test_pdf_has_pages_and_title_metadata(built_pdf: Path) -> None:
    info = run(["pdfinfo", str(built_pdf)]).stdout
    assert re.search(r"^Pages:\s+\d{2,}", info, re.M)
    assert "Title:" in info and "Central Asia" in info


# --- the bibliography and the print rendering (unit tests: no built book needed) -------------

BIB = Path(__file__).resolve().parent.parent / "book" / "references.bib"
EXT = Path(__file__).resolve().parent.parent / "book" / "_ext"


def rendered_titles(bib_text: str) -> dict[str, tuple[str, str]]:
    """Each entry's title as written (braces dropped) and its rendering by the book's BibTeX style.

    sphinxcontrib-bibtex formats entries with pybtex's style named by `bibtex_default_style`
    (`plain`), which lower-cases a title except its first letter and what braces protect.
    """
    import pybtex.database
    from pybtex.plugin import find_plugin

    data = pybtex.database.parse_string(bib_text, "bibtex")
    style = find_plugin("pybtex.style.formatting", "plain")()
    out = {}
    for entry in style.format_entries(data.entries.values()):
        title = data.entries[entry.key].fields.get("title", "")
        out[entry.key] = (title.replace("{", "").replace("}", ""), entry.text.render_as("text"))
    return out


def lost_capitals(bib_text: str) -> list[str]:
    """Capitalised words of a title that the rendered bibliography no longer shows capitalised."""
    lost = []
    for key, (title, rendered) in rendered_titles(bib_text).items():
        for word in re.findall(r"\b[A-ZÀ-Þ][\w’'+.-]*", title):
            if not re.search(rf"(?<!\w){re.escape(word)}", rendered):
                lost.append(f"{key}: {word!r} in {rendered[:120]!r}")
    return lost


def test_every_capitalised_word_of_a_title_survives_in_the_bibliography() -> None:
    lost = lost_capitals(BIB.read_text(encoding="utf-8"))
    assert not lost, "\n".join(lost[:30])


def test_lost_capitals_are_caught() -> None:
    bib = (
        "@misc{a, author = {{24.kg}}, title = {New EU strategy on Central Asia approved}, year = {2019}}\n"
        "@misc{b, author = {{24.kg}}, title = {{New EU strategy on Central Asia approved}}, year = {2019}}\n"
    )
    lost = lost_capitals(bib)
    assert lost and all(item.startswith("a:") for item in lost), lost
    assert any("'Central'" in item for item in lost)


def test_no_bibliography_entry_says_accessed_via_stored_copy() -> None:
    assert "Accessed via stored copy" not in BIB.read_text(encoding="utf-8")


def test_print_text_cites_source_keys_and_keeps_ids_whole() -> None:
    cite = {"join2019_sv": r"{[}\hyperlink{cite.x:id1}{7}{]}"}
    pieces = print_pieces("compare (join2019_sv) and join2019_sv_x, 1.3-SI-01.", cite, True)
    assert pieces[1] == (cite["join2019_sv"], True)
    assert pieces[2] == (") and ", False)
    # a longer word starting with a key stays, whole (a code is never broken at "_" in a cell)
    assert pieces[3] == (r"\mbox{join2019\_sv\_x}", True)
    assert (r"\mbox{1.3\sphinxhyphen{}SI\sphinxhyphen{}01.}", True) in pieces
    # Outside a table only keys change; hyphenated words stay breakable everywhere.
    assert print_pieces("the 2019-05-15 date", cite, False) == [("the 2019-05-15 date", False)]
    assert print_pieces("Trans-European networks", cite, True) == [
        ("Trans-European networks", False)
    ]
    long = print_pieces("pattern [0-9]{4}(-[0-9]{2}){0,2}", {}, True)
    assert long[0] == ("pattern ", False) and r"\allowbreak{}" in long[1][0]
    assert long[1][0].startswith("{[}0"), "a bracket is never read as an optional argument"


def test_unnumbered_parts_switch_numbering_off_in_print() -> None:
    toc = {
        "parts": [
            {"numbered": True, "chapters": [{"file": "a"}, {"file": "b"}]},
            {"numbered": True, "chapters": [{"file": "c"}]},
            {"chapters": [{"file": "cite"}, {"file": "refs"}]},
        ]
    }
    assert numbering_switches(toc) == {"cite": False}
    toc["parts"].append({"numbered": True, "chapters": [{"file": "appendix"}]})
    assert numbering_switches(toc) == {"cite": False, "appendix": True}


def test_field_tables_carry_their_print_widths() -> None:
    from eucasia.data import read_descriptor
    from eucasia.presentation.tables.datadict import (
        FIELD_PRINT_WIDTHS,
        FIELD_WIDTHS,
        field_table_markdown,
    )

    assert sum(FIELD_PRINT_WIDTHS) == sum(FIELD_WIDTHS) == 100
    markdown = field_table_markdown(read_descriptor()["resources"][0], "Caption.", "tbl-x")
    assert ":widths: 16 8 8 14 22 32" in markdown, "the web page keeps its widths"
    assert ":class: longtable print-widths-15-8-7-12-20-38" in markdown


def site_links(pdfinfo_urls: str, site: str) -> tuple[set[str], set[str]]:
    """The PDF's links to the site (`pdfinfo -url`): files under `_downloads/`, and pages."""
    urls = set(re.findall(r"\s(https?://\S+)$", pdfinfo_urls, re.M))
    inside = {u for u in urls if u.startswith(site)}
    files = {u.rsplit("/", 1)[-1] for u in inside if "/_downloads/" in u}
    pages = {u.removeprefix(site) for u in inside if u.endswith(".html")}
    return files, pages


def test_the_pdf_links_every_download_and_chapter_page_it_sends_readers_to(
    built_pdf: Path,
) -> None:
    """The PDF named downloads it does not hold ("download sources.csv" as plain text) and sent
    readers to "the chapter's page on the book's website" with no address: each download now
    links to the site's copy, and each strand chapter names its page's address."""
    import yaml

    root = Path(__file__).parent.parent
    site = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))["html"]["baseurl"]
    files, pages = site_links(run(["pdfinfo", "-url", str(built_pdf)]).stdout, site)
    data = {p.name for p in (root / "data").glob("*.csv")}
    assert data <= files, f"data files without a link in the PDF: {sorted(data - files)}"
    chapters = {f"notebooks/{c}.html" for c in ("resilience", "prosperity", "together")}
    assert chapters <= pages, f"chapter pages not linked: {sorted(chapters - pages)}"


def test_a_download_left_as_text_in_print_is_caught() -> None:
    from docutils.utils import new_document
    from sphinx import addnodes

    from eucasia.assembly.site_links import link_downloads_to_site

    site = "https://example.org/b/"
    listing = " 1  Annotation    https://example.org/b/_downloads/ab/sources.csv\n"
    assert site_links(listing, site) == ({"sources.csv"}, set())
    document = new_document("x")
    paragraph = nodes.paragraph()
    paragraph += addnodes.download_reference(
        "", "", nodes.literal("", "sources.csv"), filename="ab/sources.csv"
    )
    document += paragraph
    assert link_downloads_to_site(document, site) == 1
    assert [r["refuri"] for r in document.findall(nodes.reference)] == [
        "https://example.org/b/_downloads/ab/sources.csv"
    ]
    assert link_downloads_to_site(document, "") == 0


# ---- dictfold25: the dictionary's column tables fold on the web, never in print ----------------

#: The prompts of the dictionary's folds (notebooks/data_dictionary.md): web only.
FOLD_PROMPTS = ("Show the columns of", "Hide the columns of")


def _letters(text: str) -> str:
    """`text` without spaces and punctuation, so that a line break inside an id, a typographic
    apostrophe or a hyphenation changes nothing."""
    return re.sub(r"\W", "", text)


def columns_missing_in_print(text: str, resources: list[dict]) -> list[str]:
    """What print leaves out of the data dictionary's column tables: a table's caption, or a
    column of it (its name and the first words of its meaning, between its caption and the next
    table's); and any fold prompt, which belongs to the web.

    >>> actors = {"name": "actors", "path": "actors.csv",
    ...           "schema": {"fields": [{"name": "actor_id", "description": "The actor's id."}]}}
    >>> columns_missing_in_print("Columns of the table actors (actors.csv). actor_id The "
    ...                          "actor\u2019s id.", [actors])
    []
    >>> print(*columns_missing_in_print("Columns of the table actors (actors.csv).", [actors]))
    actors: no column actor_id ("The actor's id.")
    """
    flat = _letters(text)
    problems = [f"a fold's prompt in print: {p!r}" for p in FOLD_PROMPTS if _letters(p) in flat]
    starts = {}
    for resource in resources:
        at = flat.find(_letters(f"Columns of the table {resource['name']} ({resource['path']})"))
        if at < 0:
            problems.append(f"{resource['name']}: no caption of its columns")
        else:
            starts[resource["name"]] = at
    for resource in resources:
        if resource["name"] not in starts:
            continue
        at = starts[resource["name"]]
        end = min([s for s in starts.values() if s > at], default=len(flat))
        shown = flat[at:end]
        for field in resource["schema"]["fields"]:
            meaning = " ".join(field.get("description", "").split()[:4])
            if _letters(field["name"]) not in shown or _letters(meaning) not in shown:
                problems.append(f"{resource['name']}: no column {field['name']} ({meaning!r})")
    return problems


def test_the_dictionary_prints_every_column_table_open(pdf_text: str) -> None:
    from eucasia.data import read_descriptor

    problems = columns_missing_in_print(pdf_text, read_descriptor()["resources"])
    assert not problems, "\n".join(problems)


def test_the_print_check_catches_a_folded_or_missing_column_table() -> None:
    """On the text of a page as the web shows it folded: the prompt instead of the table."""
    from eucasia.data import read_descriptor

    resources = read_descriptor()["resources"][:2]
    folded = " ".join(
        f"{r['name']} {r['description']} Show the columns of {r['name']}" for r in resources
    )
    problems = columns_missing_in_print(folded, resources)
    assert any("fold's prompt" in p for p in problems), problems
    assert sum("no caption" in p for p in problems) == 2, problems
    first = resources[0]
    one_dropped = f"Columns of the table {first['name']} ({first['path']})."
    problems = columns_missing_in_print(one_dropped, resources[:1])
    assert len(problems) == len(first["schema"]["fields"]), problems
