"""The actor pages as source files, written at build time into ``actors/`` (gitignored).

Sphinx reads only files, so the index and one page per actor of ``data/actors.csv`` are written
before it looks for sources (`config-inited`). A file is written only when its bytes change, so an
unchanged page keeps its modification time and Sphinx does not read it again; a page whose actor
left the data is removed. The folder is derived from ``data/`` and ``eucasia/``, which are the
build's inputs, so ``tools/inputs_digest.py`` leaves it out.

The PDF edition has no actor pages: in the LaTeX build the index keeps only its appendix table
(:func:`strip_for_print` drops the toctree of the pages and the sections grouping them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from docutils import nodes
from sphinx import addnodes

from eucasia.analysis.actor_profiles import TABLES, actor_profiles, strand_results
from eucasia.assembly.files import write_if_changed
from eucasia.presentation.actors.actor_index import index_page
from eucasia.presentation.actors.actor_pages import actor_page

#: The folder of the generated pages, from the book's root; URLs are ``actors/<actor_id>.html``.
FOLDER = "actors"
INDEX = f"{FOLDER}/index"
#: What a page's file name may be made of: the loader's pattern for actor ids.
ACTOR_ID = re.compile(r"[a-z0-9_]+")
HEADER = "% Written by eucasia/assembly/actor_sources.py from data/ at build time: do not edit.\n"


def actor_sources(tables: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """File name (in the folder) -> MyST text, for the index and every actor of ``actors``."""
    for actor_id in tables["actors"]["actor_id"]:
        if not ACTOR_ID.fullmatch(str(actor_id)) or actor_id == "index":
            raise ValueError(f"actor id {actor_id!r} cannot name a page")
    profiles = actor_profiles(tables, strand_results(tables))
    initiatives = tables["initiatives"].merge(tables["areas"][["area_id", "strand_id"]])
    strand_of = dict(zip(initiatives["initiative_id"], initiatives["strand_id"], strict=True))
    pages = {
        f"{p.actor_id}.md": HEADER + actor_page(p, tables["strands"], strand_of) for p in profiles
    }
    return {"index.md": HEADER + index_page(profiles, tables["strands"]), **pages}


def write_actor_sources(root: Path, data_dir: Path | None = None) -> list[Path]:
    """Write the pages into ``root/actors``, remove pages no actor has; the files written."""
    from eucasia.data import load_tables

    tables = load_tables([*TABLES, "strands"], data_dir=data_dir or root / "data")
    folder = root / FOLDER
    sources = actor_sources(tables)
    written = [
        folder / n for n, text in sorted(sources.items()) if write_if_changed(folder / n, text)
    ]
    for stale in sorted(folder.glob("*.md")):
        if stale.name not in sources:
            stale.unlink()
    return written


def strip_for_print(doctree: nodes.document) -> None:
    """The PDF's actors chapter: the index without its toctree and its sections by type."""
    for toctree in list(doctree.findall(addnodes.toctree)):
        wrapper = toctree.parent
        if isinstance(wrapper, nodes.compound) and "toctree-wrapper" in wrapper["classes"]:
            wrapper.parent.remove(wrapper)
        else:
            wrapper.remove(toctree)
    top = next(iter(doctree.findall(nodes.section)), None)
    if top is None:
        return
    for child in list(top.children):
        if isinstance(child, nodes.section):
            top.remove(child)


def index_order(index_doctree: nodes.document) -> list[str]:
    """The actor pages in the order the index lists them (by type, then name): the documents its
    links point to, first mention first.

    >>> from docutils import frontend, utils
    >>> doc = utils.new_document("index", frontend.get_default_settings())
    >>> for target in ("actors/eu", "actors/afghanistan", "actors/eu", "book/methods"):
    ...     doc += addnodes.pending_xref(reftarget=target)
    >>> index_order(doc)
    ['actors/eu', 'actors/afghanistan']
    """
    order: list[str] = []
    for ref in index_doctree.findall(addnodes.pending_xref):
        target = str(ref.get("reftarget", ""))
        if target.startswith(f"{FOLDER}/") and target != INDEX and target not in order:
            order.append(target)
    return order


def reading_neighbours(
    docname: str, order: list[str], relations: Mapping[str, list]
) -> tuple[str | None, str | None] | None:
    """The previous and next page of ``docname`` (None: no such link) for the site's
    "Previous"/"Next" links, where they differ from the table of contents' (None: keep Sphinx's).

    The table of contents lists the actor pages under their index in file-name order, so
    "Next" from the index walked through every actor before the next chapter. Instead the index
    leads to the chapter after the actors (and that chapter back to the index), and an actor
    page to its neighbours in the index's order, the first and the last back to the index.
    ``relations`` is Sphinx's ``env.collect_relations()`` (docname → [parent, previous, next]).

    >>> rel = {"actors/index": [None, "m", "actors/a"], "actors/a": [None, "actors/index", "actors/b"],
    ...        "actors/b": [None, "actors/a", "cite"], "cite": [None, "actors/b", None]}
    >>> reading_neighbours("actors/index", ["actors/b", "actors/a"], rel)
    ('m', 'cite')
    >>> reading_neighbours("actors/b", ["actors/b", "actors/a"], rel)
    ('actors/index', 'actors/a')
    >>> reading_neighbours("cite", ["actors/b", "actors/a"], rel)
    ('actors/index', None)
    """
    in_actors = [d for d in relations if d.startswith(f"{FOLDER}/")]
    after = relations.get(INDEX, [None, None, None])[2]
    while after is not None and after in in_actors:
        after = relations.get(after, [None, None, None])[2]
    if docname == INDEX:
        return relations[INDEX][1], after
    if after is not None and docname == after:
        return INDEX, relations[docname][2]
    if docname in order:
        at = order.index(docname)
        previous = order[at - 1] if at > 0 else INDEX
        following = order[at + 1] if at + 1 < len(order) else INDEX
        return previous, following
    return None
