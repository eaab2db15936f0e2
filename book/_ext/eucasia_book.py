"""Sphinx extension of the book, loaded through `sphinx.local_extensions` in `_config.yml`.

It wires tested package code into Sphinx's events:
- the execution cache and Sphinx's outdated check follow each notebook's data and package
  inputs (`eucasia.assembly.cachekey`), and the code that makes pages from them (the extensions,
  the assembly layer, the static assets: `eucasia.assembly.codedigest`) is a setting of the
  environment, so an edit to it writes every page again;
- every network is exported for download (`eucasia.assembly.publish`), even when notebooks are cached;
- the edition (`edition.toml`) feeds the release, the PDF title page and metadata, and a footer
  on every HTML page linking to the PDF edition of the same version, which the header's
  download menu offers too, apart from printing the page (`eucasia.assembly.downloadmenu`);
- the PDF numbers chapters as the site does: a part `_toc.yml` leaves unnumbered (the back
  matter) is unnumbered in print too;
- a print table of up to 20 rows that fits a page is kept whole (a float, like a figure);
  longer ones break across pages with their head repeated (longtable); a table with the class
  `print-widths-A-B-…` gets those column widths in print, and every column is at least as
  wide as its longest word (cells are not hyphenated);
- print text: a source key in running text or a table (the data's notes cite sources by key)
  becomes its bibliography number, and in table cells ids and dates never break at a hyphen
  while other long strings (patterns, paths) may break after punctuation; an amount's number
  and unit stay on one line; every mention of an actor records its page for the index of
  actors, which prints them in a column of its own, unnumbered;
- a reference to a chapter gives its number and page in print, and the back of the title
  page is a colophon (the LaTeX of these print rules: `eucasia.assembly.printed`).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from eucasia.assembly.actor_sources import (
    INDEX,
    index_order,
    reading_neighbours,
    strip_for_print,
    write_actor_sources,
)
from eucasia.assembly.cachekey import fingerprint, inject_fingerprint, notebook_inputs
from eucasia.assembly.codedigest import ROOT, page_code_digest, page_code_files
from eucasia.assembly.downloadmenu import offer_pdf_edition
from eucasia.assembly.edition import PDF_NAME, read_edition
from eucasia.assembly.files import write_if_changed
from eucasia.assembly.printed import (
    ACTOR_PAGES_LATEX,
    actor_mark,
    actor_pages_cell,
    chapter_reference,
    colophon_latex,
    fit_columns,
    float_latex,
    hold_amounts,
    hyphenation_latex,
    keeps_whole,
    never_hyphenated,
    table_cells_latex,
)
from eucasia.assembly.publish import export_all
from eucasia.data import load_tables

logger = logging.getLogger(__name__)

#: Where `make pdf` copies the PDF inside the HTML site.
PDF_IN_SITE = f"_pdf/{PDF_NAME}"
#: Files the extension writes for pages to include (inside the build, never the sources).
GENERATED = "_build/generated"


def _add_input_fingerprint(app: Sphinx, docname: str, source: list[str]) -> None:
    """Make the notebook's cache key and Sphinx's outdated check cover its data and code inputs."""
    path = Path(app.env.doc2path(docname))
    if path.suffix != ".md" or "kernelspec" not in source[0][:2000]:
        return
    inputs = notebook_inputs(source[0], data_dir=Path(app.srcdir) / "data")
    if not inputs:
        return
    for dependency in inputs:
        app.env.note_dependency(str(dependency))
    source[0] = inject_fingerprint(source[0], fingerprint(inputs, Path(app.srcdir)))


def _latex_escape(text: str) -> str:
    for char, escaped in (
        ("\\", r"\textbackslash{}"),
        ("&", r"\&"),
        ("%", r"\%"),
        ("#", r"\#"),
        ("_", r"\_"),
        ("{", r"\{"),
        ("}", r"\}"),
        ("$", r"\$"),
    ):
        text = text.replace(char, escaped)
    return text


def _apply_edition(app: Sphinx, config: Config) -> None:
    """Version, date, PDF title page and metadata from `edition.toml`."""
    edition = read_edition()
    config.version = edition.version
    config.release = edition.version
    config.today = edition.date
    authors = ", ".join(edition.authors)
    hyper = (
        "\\hypersetup{"
        f"pdftitle={{{_latex_escape(edition.title)}}},"
        f"pdfauthor={{{_latex_escape(authors)}}},"
        f"pdfsubject={{{_latex_escape(edition.subtitle)}. Edition {edition.version}, {edition.date}}},"
        f"pdfkeywords={{{_latex_escape(', '.join(edition.keywords))}}}"
        "}\n"
    )
    elements = dict(config.latex_elements or {})
    elements["preamble"] = elements.get("preamble", "") + "\n" + hyper
    elements["releasename"] = "Edition"
    config.latex_elements = elements
    config.myst_substitutions = {
        **(config.myst_substitutions or {}),
        "edition_version": edition.version,
        "edition_date": edition.date,
        "edition_reference": edition.reference(),
    }
    write_if_changed(Path(app.srcdir) / GENERATED / "citation.bib", edition.bibtex() + "\n")
    config.latex_documents = [
        ("book/intro", "book.tex", edition.title, authors, "manual"),
    ]


def _footer(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Every page links to the PDF edition of the version it shows."""
    edition = read_edition()
    href = context["pathto"](PDF_IN_SITE, 1)
    context["theme_extra_footer"] = (
        f'<p class="eucasia-edition"><a href="{html.escape(href)}">PDF edition</a>, '
        f"version {html.escape(edition.version)}, {html.escape(edition.date)}. "
        f'<a href="{html.escape(context["pathto"]("book/how-to-cite"))}">How to cite</a>.</p>'
    )


# --- The header's download menu offers the PDF edition (helper "downloads") ---
def _download_menu(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The theme's download menu links the PDF edition, its print item says it prints the page."""
    buttons = context.get("header_buttons")
    if buttons is not None:
        href = context["pathto"](PDF_IN_SITE, 1)
        offer_pdf_edition(buttons, href, read_edition().version)


# --- end of the download menu block ---


#: Where the graph files for download are written (inside the build, read by `{download}` links).
EXPORTS = "_build/exports"


def _export_graphs(app: Sphinx) -> None:
    """Write every network as GraphML, GEXF and JSON before the pages that link them are read."""
    root = Path(app.srcdir)
    export_all(load_tables(data_dir=root / "data"), root / EXPORTS)


def numbering_switches(toc: dict) -> dict[str, bool]:
    """The first document of each part whose numbering differs from the part before it.

    Maps the docname to True (numbered from there on) or False (unnumbered). LaTeX numbers every
    chapter unless told otherwise, so the state before the first part is "numbered".
    """
    switches: dict[str, bool] = {}
    numbered = True
    for part in toc.get("parts", []):
        chapters = part.get("chapters") or []
        wanted = bool(part.get("numbered", False))
        if chapters and wanted != numbered:
            switches[str(chapters[0]["file"])] = wanted
            numbered = wanted
    return switches


#: LaTeX for each state; 2 is the report class's default depth (chapters to subsections).
SECNUMDEPTH = {True: "\\setcounter{secnumdepth}{2}", False: "\\setcounter{secnumdepth}{-1}"}


def _latex_part_numbering(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Before the first chapter of an unnumbered part, stop numbering chapters in the PDF."""
    if app.builder.name != "latex":
        return
    toc_file = Path(app.srcdir) / "_toc.yml"
    if not toc_file.is_file():
        return
    switches = numbering_switches(yaml.safe_load(toc_file.read_text(encoding="utf-8")))
    for start in doctree.findall(addnodes.start_of_file):
        if start["docname"] in switches:
            state = switches[start["docname"]]
            start.insert(0, nodes.raw("", SECNUMDEPTH[state] + "\n", format="latex"))


#: An id or a date: letters, digits and dots joined by hyphens, with a digit ("1.3-SI-01").
_ID = r"(?<![\w-])(?=[\w.-]*\d)(?:[^\W_]|\.)+(?:-(?:[^\W_]|\.)+)+(?![\w-])"
#: A run of 16 or more characters without a space (a pattern, a path).
_LONG = r"\S{16,}"
#: Where a long run may break: after these characters.
_BREAK_AFTER = re.compile(r"(?<=[\]\)}|/,;=&?])(?=\S)")
_LATEX_SPECIAL = re.compile(r"([\\{}$&#^_%~])")


def latex_escape_text(text: str) -> str:
    """Text as LaTeX that prints it literally (for the raw pieces below)."""
    out = _LATEX_SPECIAL.sub(
        lambda m: {
            "\\": r"\textbackslash{}",
            "^": r"\textasciicircum{}",
            "~": r"\textasciitilde{}",
        }.get(m[1], "\\" + m[1]),
        text,
    )
    out = out.replace("[", "{[}").replace("]", "{]}")  # never read as an optional argument
    return out.replace("-", r"\sphinxhyphen{}")


def _table_pieces(text: str) -> list[tuple[str, bool]]:
    pieces: list[tuple[str, bool]] = []
    last = 0
    for m in re.finditer(f"(?P<id>{_ID})|(?P<long>{_LONG})", text):
        if m.lastgroup == "long" and not _BREAK_AFTER.search(m[0]):
            continue
        if m.start() > last:
            pieces.append((text[last : m.start()], False))
        if m.lastgroup == "id":
            pieces.append((r"\mbox{" + latex_escape_text(m[0]) + "}", True))
        else:
            parts = _BREAK_AFTER.split(m[0])
            pieces.append((r"\allowbreak{}".join(latex_escape_text(p) for p in parts), True))
        last = m.end()
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces


def print_pieces(text: str, citations: dict[str, str], in_table: bool) -> list[tuple[str, bool]]:
    """Split `text` into (piece, is_latex) for the PDF.

    A source key becomes its bibliography reference (`citations` maps key to LaTeX); in a table
    an id or a date is kept on one line and a long run of characters gets break points after
    punctuation. Everything else stays text, for Sphinx to escape.
    """
    pieces: list[tuple[str, bool]] = [(text, False)]
    if citations:
        keys = "|".join(map(re.escape, sorted(citations, key=len, reverse=True)))
        pieces = []
        last = 0
        for m in re.finditer(rf"(?<![\w-])(?:{keys})(?![\w-])", text):
            if m.start() > last:
                pieces.append((text[last : m.start()], False))
            pieces.append((citations[m[0]], True))
            last = m.end()
        if last < len(text):
            pieces.append((text[last:], False))
    if in_table:
        pieces = [q for p, raw in pieces for q in ([(p, raw)] if raw else _table_pieces(p))]
    return pieces


_NO_PRINT_REWRITE = (nodes.literal, nodes.FixedTextElement, nodes.raw, nodes.title, nodes.caption)


def actor_pattern(actors: dict[str, str]) -> re.Pattern[str] | None:
    """Any of the actors' names as a whole word, longest first (None when there are none)."""
    if not actors:
        return None
    names = "|".join(map(re.escape, sorted(actors, key=len, reverse=True)))
    return re.compile(rf"(?<![\w-])(?:{names})(?![\w-])")


def _actor_marks(
    text: str, pattern: re.Pattern[str] | None, actors: dict[str, str]
) -> list[tuple[str, bool]]:
    """`text` with a page mark for the index after each actor's name."""
    if pattern is None:
        return [(text, False)]
    pieces: list[tuple[str, bool]] = []
    last = 0
    for m in pattern.finditer(text):
        pieces += [(text[last : m.end()], False), (actor_mark(actors[m[0]]), True)]
        last = m.end()
    return [*pieces, (text[last:], False)] if last < len(text) else pieces


def _latex_print_text(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Source keys as bibliography numbers; ids and dates unbroken in table cells; amounts held
    together; each actor's mentions recorded for the index of actors (PDF only)."""
    if app.builder.name != "latex":
        return
    citations = {}
    for c in app.env.get_domain("cite").citations:
        target = f"cite.{c.bibliography_key.docname}:{c.citation_id}"
        citations[c.key] = r"{[}\hyperlink{" + target + "}{" + c.formatted_entry.label + "}{]}"
    actors = getattr(app, "eucasia_actor_ids", {})
    pattern = actor_pattern(actors)
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        ancestors = []
        node = parent
        while node is not None:
            ancestors.append(node)
            node = node.parent
        if any(isinstance(a, _NO_PRINT_REWRITE) for a in ancestors):
            continue
        in_table = any(isinstance(a, nodes.entry) for a in ancestors)
        unmarked = any(
            isinstance(a, nodes.citation)
            or (isinstance(a, nodes.table) and ACTOR_INDEX_CLASS in a["classes"])
            for a in ancestors
        )
        pieces = print_pieces(str(text), citations, in_table)
        pieces = [(p if raw else hold_amounts(p), raw) for p, raw in pieces]
        if not unmarked:
            pieces = [
                q
                for p, raw in pieces
                for q in ([(p, raw)] if raw else _actor_marks(p, pattern, actors))
            ]
        if len(pieces) == 1 and not pieces[0][1] and pieces[0][0] == str(text):
            continue
        parent.replace(
            text,
            [nodes.raw("", p, format="latex") if raw else nodes.Text(p) for p, raw in pieces],
        )


def _latex_tables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Print tables: kept whole up to `KEEP_WHOLE_ROWS` body rows (a tabular, which the preamble
    floats), longtables beyond; their own column widths where given."""
    if app.builder.name != "latex":
        return
    for table in doctree.findall(nodes.table):
        for name in table["classes"]:
            if name.startswith("print-widths-"):
                widths = [int(w) for w in name.removeprefix("print-widths-").split("-")]
                colspecs = list(table.findall(nodes.colspec))
                if len(colspecs) == len(widths):
                    for colspec, width in zip(colspecs, widths, strict=True):
                        colspec["colwidth"] = width
        _fit_print_table(table)


def _cell_texts(rows: list[nodes.row]) -> list[list[str]]:
    """The text each cell prints (raw LaTeX left out)."""
    return [
        [
            "".join(
                str(t) for t in entry.findall(nodes.Text) if not isinstance(t.parent, nodes.raw)
            )
            for entry in row.children
        ]
        for row in rows
    ]


def _fit_print_table(table: nodes.table) -> None:
    """Kept whole (a tabular, floated by the preamble) or broken with its head repeated
    (longtable), by `keeps_whole`; columns at least as wide as their longest word."""
    tgroup = next(iter(table.findall(nodes.tgroup)), None)
    if tgroup is None:
        return
    colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
    body = [row for tbody in tgroup.findall(nodes.tbody) for row in tbody.children]
    head = [row for thead in tgroup.findall(nodes.thead) for row in thead.children]
    widths = [int(c.get("colwidth", 1)) for c in colspecs]
    cells = _cell_texts(body)
    if "colwidths-given" in table["classes"] and all(len(r) == len(widths) for r in cells):
        head_cells = [r for r in _cell_texts(head) if len(r) == len(widths)]
        heads = [" ".join(col) for col in zip(*head_cells, strict=True)] if head_cells else []
        columns = [list(col) for col in zip(*cells, strict=True)]
        widths = fit_columns(
            [w * 10 for w in widths], heads or [""] * len(widths), columns or [[]] * len(widths)
        )
        for colspec, width in zip(colspecs, widths, strict=True):
            colspec["colwidth"] = width
    whole = keeps_whole(widths, cells)
    if not whole and "longtable" not in table["classes"]:
        table["classes"].append("longtable")
    elif whole and "longtable" in table["classes"]:
        table["classes"].remove("longtable")


# --- print that works as print (LaTeX from eucasia.assembly.printed) ---------------------------


def _print_preamble(app: Sphinx, config: Config) -> None:
    """The PDF's float, table, hyphenation and index rules and its colophon, after the edition's
    preamble (`_apply_edition`)."""
    root = Path(app.srcdir)
    tables = load_tables(["actors", "countries"], data_dir=root / "data")
    names = [*tables["actors"]["name"], *tables["countries"]["name"]]
    site = (
        (yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {})
        .get("html", {})
        .get("baseurl", "")
    )
    elements = dict(config.latex_elements or {})
    elements["preamble"] = (
        elements.get("preamble", "")
        + table_cells_latex()
        + float_latex()
        + hyphenation_latex(never_hyphenated(names))
        + ACTOR_PAGES_LATEX
        + colophon_latex(read_edition(), root, site)
    )
    config.latex_elements = elements
    ids = dict(zip(tables["actors"]["name"], tables["actors"]["actor_id"], strict=True))
    # Pages show names with typographic apostrophes (Sphinx's smart quotes).
    app.eucasia_actor_ids = {**ids, **{n.replace("'", "\u2019"): i for n, i in ids.items()}}


def numbered_chapters(toc: dict) -> set[str]:
    """The documents of the parts `_toc.yml` numbers (their chapters carry a number in print)."""
    return {
        str(chapter["file"])
        for part in toc.get("parts", [])
        if part.get("numbered", False)
        for chapter in part.get("chapters") or []
    }


def _in_parentheses(ref: nodes.Element) -> bool:
    """Whether `ref` stands inside parentheses opened earlier in its paragraph."""
    block = ref.parent
    while block is not None and not isinstance(block, nodes.TextElement):
        block = block.parent
    if block is None:
        return False
    before = []
    for node in block.findall():
        if node is ref:
            break
        if isinstance(node, nodes.Text):
            before.append(str(node))
    text = "".join(before)
    return text.count("(") > text.count(")")


def _latex_chapter_pages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In print a reference to a chapter gives the chapter's number and page."""
    if app.builder.name != "latex":
        return
    toc_file = Path(app.srcdir) / "_toc.yml"
    toc = yaml.safe_load(toc_file.read_text(encoding="utf-8")) if toc_file.is_file() else {}
    numbered = numbered_chapters(toc)
    for ref in list(doctree.findall(nodes.reference)):
        uri = ref.get("refuri", "")
        if not uri.startswith("%") or "#" in uri or uri[1:] not in app.env.all_docs:
            continue
        target = uri[1:]
        latex = chapter_reference(f"{target}::doc", target in numbered, _in_parentheses(ref))
        raw = nodes.raw("", latex, format="latex")
        ref.parent.insert(ref.parent.index(ref) + 1, raw)


#: The class of the index of actors' table in print, and the head of its continued pages.
ACTOR_INDEX_CLASS = "eucasia-actor-index"
INDEX_CONTINUED = (
    "\\begingroup\\renewcommand{\\tablename}{Index of actors}\\renewcommand{\\thetable}{\\unskip}\n"
)


def print_actor_index(doctree: nodes.document, ids: dict[str, str]) -> None:
    """The index of actors in print: unnumbered (its caption becomes the text above it), named
    on its continued pages, and with a column of the pages that name each actor (`ids` maps an
    actor's name, as its row shows it, to its id)."""
    for table in list(doctree.findall(nodes.table)):
        table["classes"].append(ACTOR_INDEX_CLASS)
        title = next((c for c in table.children if isinstance(c, nodes.title)), None)
        if title is not None:
            table.remove(title)
            table.parent.insert(table.parent.index(table), nodes.paragraph("", "", *title.children))
        at = table.parent.index(table)
        table.parent.insert(at + 1, nodes.raw("", "\\endgroup\n", format="latex"))
        table.parent.insert(at, nodes.raw("", INDEX_CONTINUED, format="latex"))
        tgroup = next(iter(table.findall(nodes.tgroup)))
        colspecs = list(tgroup.findall(nodes.colspec))
        total = sum(int(c["colwidth"]) for c in colspecs)
        tgroup.insert(tgroup.index(colspecs[-1]) + 1, nodes.colspec(colwidth=round(total * 0.2)))
        tgroup["cols"] = len(colspecs) + 1
        for head_row in (r for thead in tgroup.findall(nodes.thead) for r in thead.children):
            head_row += nodes.entry("", nodes.paragraph("", "pages"))
        for tbody in tgroup.findall(nodes.tbody):
            for row in tbody.children:
                actor = ids.get(row.children[0].astext().strip())
                cell = [nodes.raw("", actor_pages_cell(actor), format="latex")] if actor else []
                row += nodes.entry("", nodes.paragraph("", "", *cell))


def _write_actor_pages(app: Sphinx, config: Config) -> None:
    """Write the actor pages (`actors/`) before the external toc and Sphinx look for sources."""
    write_actor_sources(Path(app.srcdir))


def _actor_index_for_print(app: Sphinx, doctree) -> None:
    """In the PDF the actors' index is its appendix table alone (no actor pages, no groups)."""
    if app.env.docname != INDEX:
        return
    printing = app.builder.format == "latex"
    app.env.metadata[INDEX]["eucasia_actor_index_print"] = printing
    if printing:
        strip_for_print(doctree)
        print_actor_index(doctree, getattr(app, "eucasia_actor_ids", {}))


# --- Previous/next around the actor pages (helper "explorer") ---
def _actor_reading_order(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    """ "Next" from the actors' index goes to the next chapter, not through 61 actor pages in
    file-name order; an actor page leads to its neighbours in the index's order
    (`eucasia.assembly.actor_sources.reading_neighbours`)."""
    if getattr(app.builder, "format", "") != "html" or INDEX not in app.env.all_docs:
        return
    cache = app.__dict__.setdefault("_eucasia_reading", {})  # one build: read once
    if "order" not in cache:
        cache["order"] = index_order(app.env.get_doctree(INDEX))
        cache["relations"] = app.env.collect_relations()
    found = reading_neighbours(pagename, cache["order"], cache["relations"])
    if found is None:
        return
    for key, docname in zip(("prev", "next"), found, strict=True):
        context[key] = docname and {
            "link": app.builder.get_relative_uri(pagename, docname),
            "title": app.builder.render_partial(app.env.titles[docname])["title"],
        }


# --- end of the previous/next block ---


def _reread_actor_index(app: Sphinx, env, added, changed, removed) -> list[str]:
    """The site and the PDF share the doctree cache: read the index again when the builder
    is not the one it was last read for."""
    read_for = env.metadata.get(INDEX, {}).get("eucasia_actor_index_print")
    return [INDEX] if read_for is not None and read_for != (app.builder.format == "latex") else []


def _record_page_code(app: Sphinx, config: Config) -> None:
    """After every extension has loaded (and imported its package code): the digest of the
    code that makes pages, an environment setting, so a change to it re-reads every page."""
    config.eucasia_page_code = page_code_digest()
    app.eucasia_page_code_files = set(page_code_files())


def _check_page_code_complete(app: Sphinx, exception: Exception | None) -> None:
    """A package module first imported while the pages were made is outside the digest: an
    edit to it would leave pages stale. Say so (a warning, an error under -W)."""
    late = sorted(
        str(path.relative_to(ROOT)) for path in set(page_code_files()) - app.eucasia_page_code_files
    )
    if late and exception is None:
        logger.warning(
            "eucasia: %s imported while pages were made, after the page-code digest was taken: "
            "import it at the top of the extension that uses it (eucasia.assembly.codedigest)",
            ", ".join(late),
        )


def setup(app: Sphinx) -> dict:
    app.add_config_value("eucasia_page_code", "", "env")
    app.connect("config-inited", _record_page_code, priority=999)
    app.connect("build-finished", _check_page_code_complete)
    app.connect("builder-inited", _export_graphs)
    app.connect("source-read", _add_input_fingerprint)
    app.connect("config-inited", _apply_edition, priority=900)
    app.connect("html-page-context", _footer)
    app.connect("html-page-context", _download_menu, priority=600)  # after the theme's (501)
    app.connect("doctree-resolved", _latex_part_numbering)
    app.connect("doctree-resolved", _latex_print_text)
    app.connect("doctree-resolved", _latex_tables, priority=400)  # before the raw LaTeX pieces
    app.connect("config-inited", _print_preamble, priority=950)
    app.connect("doctree-resolved", _latex_chapter_pages)
    app.connect("config-inited", _write_actor_pages, priority=800)
    app.connect("doctree-read", _actor_index_for_print, priority=900)
    app.connect("env-get-outdated", _reread_actor_index)
    app.connect("html-page-context", _actor_reading_order)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
