"""Sphinx extension of the book, loaded through `sphinx.local_extensions` in `_config.yml`.

It wires tested package code into Sphinx's events:
- the execution cache and Sphinx's outdated check follow each notebook's data and package
  inputs (`eucasia.build.cachekey`);
- every network is exported for download (`eucasia.build.publish`), even when notebooks are cached;
- the edition (`edition.toml`) feeds the release, the PDF title page and metadata, and a footer
  on every HTML page linking to the PDF edition of the same version.
"""

from __future__ import annotations

import html
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from eucasia.build.cachekey import fingerprint, inject_fingerprint, notebook_inputs
from eucasia.build.edition import PDF_NAME, read_edition
from eucasia.build.files import write_if_changed

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


#: Where the graph files for download are written (inside the build, read by `{download}` links).
EXPORTS = "_build/exports"


def _export_graphs(app: Sphinx) -> None:
    """Write every network as GraphML, GEXF and JSON before the pages that link them are read."""
    from eucasia.build.publish import export_all
    from eucasia.data import load_tables

    root = Path(app.srcdir)
    export_all(load_tables(data_dir=root / "data"), root / EXPORTS)


def _write_actor_pages(app: Sphinx, config: Config) -> None:
    """Write the actor pages (`actors/`) before the external toc and Sphinx look for sources."""
    from eucasia.build.actor_sources import write_actor_sources

    write_actor_sources(Path(app.srcdir))


def _actor_index_for_print(app: Sphinx, doctree) -> None:
    """In the PDF the actors' index is its appendix table alone (no actor pages, no groups)."""
    from eucasia.build.actor_sources import INDEX, strip_for_print

    if app.env.docname != INDEX:
        return
    printing = app.builder.format == "latex"
    app.env.metadata[INDEX]["eucasia_actor_index_print"] = printing
    if printing:
        strip_for_print(doctree)


def _reread_actor_index(app: Sphinx, env, added, changed, removed) -> list[str]:
    """The site and the PDF share the doctree cache: read the index again when the builder
    is not the one it was last read for."""
    from eucasia.build.actor_sources import INDEX

    read_for = env.metadata.get(INDEX, {}).get("eucasia_actor_index_print")
    return [INDEX] if read_for is not None and read_for != (app.builder.format == "latex") else []


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _export_graphs)
    app.connect("source-read", _add_input_fingerprint)
    app.connect("config-inited", _apply_edition, priority=900)
    app.connect("html-page-context", _footer)
    app.connect("config-inited", _write_actor_pages, priority=800)
    app.connect("doctree-read", _actor_index_for_print, priority=900)
    app.connect("env-get-outdated", _reread_actor_index)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
