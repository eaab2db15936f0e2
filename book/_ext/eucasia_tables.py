"""Sphinx wiring for the explorable tables and the data under tables and figures (web only).

- Each page's data blocks (`eucasia.assembly.datafiles.block`, put there by the notebook renderer)
  are collected when the page is read, with their item's caption; when the build finishes, their
  CSV files (header row first) are written to `_data/` in the site with `_data/datapackage.json`
  describing each: its number and caption, page, columns and source tables (given by the
  notebook, or the tables the chapter loads). Pages with such blocks load `eucasia-cite.js`
  (deferred, a few lines): opening a "Cite" disclosure copies its citation.
- HTML pages only: a figure's block moves from inside the figure to just after it (under its
  caption); rows of tables marked `eucasia-row-anchors-<prefix>` get the id
  `<prefix>-<first cell>` (`initiative-1.3-SI-01`), which other pages link to; in tables marked
  `eucasia-actor-links` each actor named in the first column links to its page (`actors/<id>`).
- Pages with a table marked `eucasia-interactive` load `eucasia-tables.js` (deferred); no other
  page does. Its styles are the last block of `eucasia.css` (no extra request).
- A page outside the numbered parts of the book (the back matter: "What changed", "How to cite")
  numbers none of its tables and figures on the web: Sphinx would number them on a count of
  their own ("Table 1"), which reads as a clash with the chapters' "Table 9.1". Their captions
  stay; such a page refers to its tables by name ({ref}), never by number, and the "Cite" of
  each of its tables names it by its caption (up to a colon), not "Table 10".
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from eucasia.assembly import datafiles, nbrender  # noqa: F401  (loaded now: in the page-code digest)

logger = logging.getLogger(__name__)

TABLES_JS = "eucasia-tables.js"
CITE_JS = "eucasia-cite.js"
INTERACTIVE = "eucasia-interactive"
ROW_ANCHORS = "eucasia-row-anchors-"
ACTOR_LINKS = "eucasia-actor-links"


@functools.cache
def _actor_ids(data_dir: str) -> dict[str, str]:
    """Actor name -> actor id, from the validated data (names are unique: the descriptor says so
    or two actors would share a page title)."""
    from eucasia.data.load import load_tables

    actors = load_tables(data_dir=Path(data_dir), names=["actors"])["actors"]
    return dict(zip(map(_unsmart, actors["name"]), actors["actor_id"], strict=True))


def _unsmart(text: str) -> str:
    """Text without the typographic quotes docutils' smartquotes put in place of ' and "."""
    return text.translate(
        str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
    )


class DataCollector(EnvironmentCollector):
    """Keeps, per page, the data blocks it shows (their CSV, name, kind, URL and sources)."""

    def clear_doc(self, app: Sphinx, env, docname: str) -> None:
        getattr(env, "eucasia_data", {}).pop(docname, None)

    def merge_other(self, app: Sphinx, env, docnames: set[str], other) -> None:
        env.eucasia_data = getattr(env, "eucasia_data", {})
        for docname in docnames:
            if docname in getattr(other, "eucasia_data", {}):
                env.eucasia_data[docname] = other.eucasia_data[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        items = [
            dict(node["eucasia_data"])
            for node in doctree.findall(nodes.container)
            if "eucasia_data" in node
        ]
        if not items:
            return
        path = Path(app.env.doc2path(app.env.docname))
        chapter = datafiles.chapter_tables(
            path.read_text(encoding="utf-8"), Path(app.srcdir) / "data"
        )
        for item in items:
            item["sources"] = datafiles.source_files(item["sources"] or chapter)
            item["caption"] = _caption(doctree, item["name"])
        app.env.eucasia_data = getattr(app.env, "eucasia_data", {})
        app.env.eucasia_data[app.env.docname] = items


def _caption(doctree: nodes.document, name: str) -> str:
    """The caption of the table or figure called `name` on the page, as plain text."""
    target = doctree.ids.get(nodes.make_id(name))
    if target is None:
        return ""
    title = target.next_node(nodes.caption) or target.next_node(nodes.title)
    return " ".join(title.astext().split()) if title is not None else ""


class WebTables(SphinxPostTransform):
    """Data blocks after their figure; ids on the rows of tables that ask for them (HTML only)."""

    default_priority = 10  # after myst-nb picks each output's format (4), before `only` (50)
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for only in list(self.document.findall(addnodes.only)):
            figure = only.parent
            while figure is not None and not isinstance(figure, nodes.figure):
                figure = figure.parent
            if figure is not None and any(
                datafiles.BLOCK_CLASS in c.get("classes", []) for c in only.children
            ):
                only.parent.remove(only)
                figure.parent.insert(figure.parent.index(figure) + 1, only)
        for table in self.document.findall(nodes.table):
            prefixes = [
                c[len(ROW_ANCHORS) :] for c in table["classes"] if c.startswith(ROW_ANCHORS)
            ]
            if not prefixes:
                continue
            for body in table.findall(nodes.tbody):
                for row in body.children:
                    key = row.children[0].astext().strip() if row.children else ""
                    if key:
                        row["ids"] = [f"{prefixes[0]}-{key}"]
        for table in self.document.findall(nodes.table):
            if ACTOR_LINKS in table["classes"]:
                self._link_actors(table)

    def _link_actors(self, table: nodes.table) -> None:
        ids = _actor_ids(str(Path(self.app.srcdir) / "data"))
        for body in table.findall(nodes.tbody):
            for row in body.children:
                paragraphs = list(row.children[0].findall(nodes.paragraph)) if row.children else []
                if not paragraphs:
                    continue
                paragraph = paragraphs[0]
                name = _unsmart(paragraph.astext())
                if name not in ids:
                    logger.warning(
                        "%s: a table marked %s names %r, which is no actor of data/actors.csv",
                        self.env.docname,
                        ACTOR_LINKS,
                        paragraph.astext(),
                        location=table,
                    )
                    continue
                target = f"actors/{ids[name]}"
                link = nodes.reference(
                    "",
                    "",
                    refuri=self.app.builder.get_relative_uri(self.env.docname, target),
                    internal=True,
                )
                link.extend(list(paragraph.children))
                del paragraph[:]
                paragraph += link


# --- evlinks25: a label on a table cell's paragraph, in print ------------------------------------
class CellLabelsInPrint(SphinxPostTransform):
    """A label written before a table cell's paragraph (an item's anchor in the tracker's
    tables, `(ev-1-1-si-03)=`) moves into the paragraph's start, in print only: before it, the
    LaTeX writer sets the label and then a line break, which a table cell prints as a space
    before the item's id. Inside, the label is set flush with the text; its target is the same."""

    default_priority = 10
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for entry in self.document.findall(nodes.entry):
            for target in [c for c in entry.children if isinstance(c, nodes.target)]:
                index = entry.index(target)
                after = entry[index + 1] if index + 1 < len(entry) else None
                if target.get("refid") and isinstance(after, nodes.paragraph):
                    entry.remove(target)
                    after.insert(0, target)


# --- end evlinks25 ---


class UnnumberedCites(SphinxPostTransform):
    """On a page without a section number (whose tables carry no number on the web), the "Cite"
    of a table or figure names it by its caption instead of the number Sphinx would look up."""

    default_priority = 5  # before the references are resolved (10)
    formats = ("html",)

    def run(self, **kwargs) -> None:
        docname = self.env.docname
        if self.env.toc_secnumbers.get(docname):
            return
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("reftype") != "numref" or xref.get("refdoc") != docname:
                continue
            caption = datafiles.caption_name(_caption(self.document, xref["reftarget"]))
            if not caption:
                continue
            label = xref.astext().replace("%s", "").strip()
            xref.replace_self(nodes.Text(f"{label} \u201c{caption}\u201d"))


def _page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is None:
        return
    if any(datafiles.BLOCK_CLASS in c["classes"] for c in doctree.findall(nodes.container)):
        app.add_js_file(CITE_JS, loading_method="defer")
    if any(INTERACTIVE in t["classes"] for t in doctree.findall(nodes.table)):
        app.add_js_file(TABLES_JS, loading_method="defer")


def _unnumbered_pages(app: Sphinx, env) -> list[str]:
    """Drop the figure and table numbers of every page without a section number (HTML only;
    the PDF numbers its floats itself). Runs after Sphinx assigned them (`env-get-updated`)."""
    if getattr(app.builder, "format", "") != "html":
        return []
    for docname in list(env.toc_fignumbers):
        if not env.toc_secnumbers.get(docname):
            del env.toc_fignumbers[docname]
    return []


def _write_data(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or getattr(app.builder, "format", "") != "html":
        return
    from eucasia.assembly.edition import read_edition

    edition = read_edition()
    numbers = getattr(app.env, "toc_fignumbers", {})
    files, resources = {}, []
    for docname, items in sorted(getattr(app.env, "eucasia_data", {}).items()):
        for item in items:
            label = datafiles.number_label(
                item["kind"], numbers.get(docname, {}), item["name"], str(item.get("caption", ""))
            )
            files[datafiles.file_name(item["name"])] = item["csv"]
            resources.append(datafiles.resource(item, label, edition))
    baseurl = getattr(app.config, "html_baseurl", "") or ""
    metadata = datafiles.package(resources, edition, baseurl)
    datafiles.write_files(Path(app.outdir), files, metadata)


def setup(app: Sphinx) -> dict:
    # The code that renders the data blocks (the renderer, eucasia.assembly.datafiles and
    # eucasia.presentation.page.downloads, which it imports) is in the page-code digest
    # (eucasia_book: eucasia.assembly.codedigest), which re-reads every page when it changes.
    # The script as an HTML setting: pages link it with a checksum (?v=...), so a changed script
    # rewrites them (and Sphinx copies static files only when it writes pages).
    static = Path(__file__).resolve().parents[1] / "_static"
    script_digest = hashlib.sha256()
    for name in (TABLES_JS, CITE_JS):
        if (static / name).is_file():
            script_digest.update((static / name).read_bytes())
    app.add_config_value("eucasia_tables_script_digest", script_digest.hexdigest()[:16], "html")
    app.add_env_collector(DataCollector)
    app.add_post_transform(WebTables)
    app.add_post_transform(UnnumberedCites)
    app.add_post_transform(CellLabelsInPrint)
    app.connect("html-page-context", _page_assets)
    app.connect("env-get-updated", _unnumbered_pages, priority=900)
    app.connect("build-finished", _write_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
