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
  longer ones break across pages with their head repeated (longtable), never leaving fewer
  than three rows (or a fifth of them) on either side of a break; a table the web page folds
  is set in smaller type with tighter columns (a detail table); a table with the class
  `print-widths-A-B-…` gets those column widths in print, and every column is at least as
  wide as its longest word (cells are not hyphenated);
- print text: a source key in running text or a table (the data's notes cite sources by key)
  becomes its bibliography number, and in table cells ids and dates never break at a hyphen
  while other long strings (patterns, paths) may break after punctuation; an amount's number
  and unit stay on one line; every mention of an actor records its page for the index of
  actors, which prints them in a column of its own, unnumbered;
- a reference to a chapter gives its number and page in print, one to a table or figure its
  page when it stands on another page, and the back of the title page is a colophon.

The print rules themselves live in the package (`eucasia.assembly.print_doctree` changes a
page's nodes, `eucasia.assembly.printed` and `eucasia.assembly.print_text` write the LaTeX, with
the book's one escaper); this file connects them to Sphinx's events.
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml
from docutils import nodes
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
from eucasia.assembly.codedigest import ROOT, digest_of, page_code_files
from eucasia.assembly.downloadmenu import offer_pdf_edition
from eucasia.assembly.edition import PDF_NAME, read_edition
from eucasia.assembly.files import write_if_changed
from eucasia.assembly.package_archive import ARCHIVE_NAME, package_archive
from eucasia.assembly.print_doctree import (
    add_chapter_pages,
    add_float_pages,
    fit_print_tables,
    insert_part_numbering,
    numbered_chapters,
    numbering_switches,
    print_actor_index,
    rewrite_print_text,
)
from eucasia.assembly.print_text import hypersetup_latex, index_names
from eucasia.assembly.printed import (
    ACTOR_PAGES_LATEX,
    FLOAT_PAGES_LATEX,
    KEEP_ROWS_LATEX,
    colophon_latex,
    float_latex,
    folded_tables_latex,
    hyphenation_latex,
    missing_glyphs_latex,
    never_hyphenated,
    table_cells_latex,
)
from eucasia.assembly.publish import export_all
from eucasia.assembly.site_links import link_downloads_to_site, page_url_role
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


def _apply_edition(app: Sphinx, config: Config) -> None:
    """Version, date, PDF title page and metadata from `edition.toml`."""
    edition = read_edition()
    config.version = edition.version
    config.release = edition.version
    config.today = edition.date
    authors = ", ".join(edition.authors)
    elements = dict(config.latex_elements or {})
    elements["preamble"] = elements.get("preamble", "") + "\n" + hypersetup_latex(edition)
    elements["releasename"] = "Edition"
    config.latex_elements = elements
    config.myst_substitutions = {
        **(config.myst_substitutions or {}),
        "edition_version": edition.version,
        "edition_date": edition.date,
        "edition_reference": edition.book_reference(config.html_baseurl),
    }
    bibtex = edition.bibtex(config.html_baseurl)
    write_if_changed(Path(app.srcdir) / GENERATED / "citation.bib", bibtex + "\n")
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


def _write_package_archive(app: Sphinx) -> None:
    """The data package as one ZIP archive, for the pages that offer it for download."""
    root = Path(app.srcdir)
    write_if_changed(root / GENERATED / ARCHIVE_NAME, package_archive(root / "data"))


def _latex_part_numbering(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Before the first chapter of an unnumbered part, stop numbering chapters in the PDF."""
    if app.builder.name != "latex":
        return
    toc_file = Path(app.srcdir) / "_toc.yml"
    if not toc_file.is_file():
        return
    switches = numbering_switches(yaml.safe_load(toc_file.read_text(encoding="utf-8")))
    insert_part_numbering(doctree, switches)


def _latex_print_text(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Source keys as bibliography numbers; ids and dates unbroken in table cells; amounts held
    together; each actor's mentions recorded for the index of actors (PDF only)."""
    if app.builder.name != "latex":
        return
    citations = {}
    for c in app.env.get_domain("cite").citations:
        target = f"cite.{c.bibliography_key.docname}:{c.citation_id}"
        citations[c.key] = r"{[}\hyperlink{" + target + "}{" + c.formatted_entry.label + "}{]}"
    rewrite_print_text(doctree, citations, getattr(app, "eucasia_actor_ids", {}))


def _latex_tables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Print tables kept whole or broken, with their column widths (`fit_print_tables`)."""
    if app.builder.name != "latex":
        return
    fit_print_tables(doctree)


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
        + folded_tables_latex()
        + KEEP_ROWS_LATEX
        + missing_glyphs_latex()
        + float_latex()
        + hyphenation_latex(never_hyphenated(names))
        + ACTOR_PAGES_LATEX
        + FLOAT_PAGES_LATEX
        + colophon_latex(read_edition(), root, site)
    )
    config.latex_elements = elements
    actors = tables["actors"]
    app.eucasia_actor_ids = index_names(
        list(zip(actors["actor_id"], actors["name"], actors["country_code"].notna(), strict=True))
    )


def _latex_downloads(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In print a download links to the file on the website (the PDF holds no files)."""
    if app.builder.name == "latex":
        link_downloads_to_site(doctree, app.config.html_baseurl)


def _latex_chapter_pages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In print a reference to a chapter gives the chapter's number and page; one to a table
    or figure its page, when it stands on another page."""
    if app.builder.name != "latex":
        return
    toc_file = Path(app.srcdir) / "_toc.yml"
    toc = yaml.safe_load(toc_file.read_text(encoding="utf-8")) if toc_file.is_file() else {}
    add_chapter_pages(doctree, app.env.all_docs, numbered_chapters(toc))
    add_float_pages(doctree)


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
    files = page_code_files()
    config.eucasia_page_code = digest_of(files)
    app.eucasia_page_code_files = set(files)


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
    app.connect("builder-inited", _write_package_archive)
    app.connect("source-read", _add_input_fingerprint)
    app.connect("config-inited", _apply_edition, priority=900)
    app.connect("html-page-context", _footer)
    app.connect("html-page-context", _download_menu, priority=600)  # after the theme's (501)
    app.connect("doctree-resolved", _latex_part_numbering)
    app.connect("doctree-resolved", _latex_print_text)
    app.connect("doctree-resolved", _latex_tables, priority=400)  # before the raw LaTeX pieces
    app.connect("config-inited", _print_preamble, priority=950)
    app.connect("doctree-resolved", _latex_chapter_pages)
    app.connect("doctree-resolved", _latex_downloads)
    app.add_role("page-url", page_url_role)
    app.connect("config-inited", _write_actor_pages, priority=800)
    app.connect("doctree-read", _actor_index_for_print, priority=900)
    app.connect("env-get-outdated", _reread_actor_index)
    app.connect("html-page-context", _actor_reading_order)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
