"""The "Download data (CSV)" and "Cite this" lines under each numbered table and figure (web only).

`eucasia.presentation.display` attaches the CSV body of what a table or figure shows to its
notebook output (`eucasia.presentation.datafiles`). The renderer (`nbrender.py`) puts under it a
block for HTML only: a link to `_data/<name>.csv` and the book's citation with the item's number
and its anchor URL. The notebooks' outputs are cached, so the CSV travels inside the output, and
the files are written when the site is built (`book/_ext/eucasia_tables.py`), every build, from
what the pages hold: a cached chapter gets its files too. Each file starts with one comment line
naming the item, the edition and the data package tables it comes from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from eucasia.build.cachekey import cell_code, code_cells, tables_loaded
from eucasia.build.edition import Edition
from eucasia.build.files import write_if_changed
from eucasia.data import read_descriptor

#: Folder of the site the CSV files are served from.
DATA_DIR = "_data"
#: Class of the block under a table or figure.
BLOCK_CLASS = "eucasia-data"
LABELS = {"table": "Table", "figure": "Figure"}
_SAFE = re.compile(r"[^A-Za-z0-9._-]")


def file_name(name: str) -> str:
    """The CSV file name for a table or figure named `name` (its Sphinx label)."""
    return _SAFE.sub("-", name) + ".csv"


def anchor_url(baseurl: str, docname: str, name: str) -> str:
    """The address of the item on the published site."""
    return f"{baseurl.rstrip('/')}/{docname}.html#{nodes.make_id(name)}"


def chapter_tables(text: str, data_dir: Path) -> list[str]:
    """The data package files a chapter (its MyST notebook `text`) reads through `load_tables`."""
    code = "\n".join(cell_code(cell) for cell in code_cells(text))
    if "load_tables" not in code:
        return []
    descriptor = read_descriptor(data_dir)
    paths = {r["name"]: r["path"] for r in descriptor["resources"]}
    return sorted(paths[t] for t in tables_loaded(code, descriptor))


def header_line(label: str, url: str, sources: Iterable[str], edition: Edition) -> str:
    """The CSV's first line: what it is, from which edition, from which data package tables."""
    files = ", ".join(f"data/{s}" for s in sorted(sources)) or "none"
    return (
        f"# {label} of {edition.title}, edition {edition.version} ({edition.date}), {url}; "
        f"source tables: {files}"
    )


def csv_file(body: str, label: str, url: str, sources: Iterable[str], edition: Edition) -> str:
    """The whole file: the header line, then the rows (`\\n` line ends, as `body` has them)."""
    return header_line(label, url, sources, edition).replace("\n", " ") + "\n" + body


def source_files(names: Iterable[str]) -> list[str]:
    """Table names (`initiatives`) or file names (`initiatives.csv`, `datapackage.json`) as file
    names, sorted."""
    return sorted({n if n.endswith((".csv", ".json")) else f"{n}.csv" for n in names})


def block(
    kind: str, name: str, docname: str, baseurl: str, edition: Edition, payload: Mapping
) -> nodes.Element:
    """The HTML-only block under a table or figure: the CSV link and the citation.

    The number comes from a `numref` cross-reference, resolved when the page is written; the
    payload stays on the block for `book/_ext/eucasia_tables.py` to write the file.
    """
    label = LABELS[kind]
    depth = "../" * docname.count("/")
    href = f"{depth}{DATA_DIR}/{file_name(name)}"
    url = anchor_url(baseurl, docname, name)
    link = nodes.raw(
        "",
        f'<a class="reference download" href="{href}" download>Download data (CSV)</a>',
        format="html",
    )
    number = addnodes.pending_xref(
        "",
        nodes.inline("", f"{label} %s"),
        refdomain="std",
        reftype="numref",
        reftarget=name,
        refexplicit=True,
        refwarn=True,
        refdoc=docname,
    )
    cite = nodes.paragraph(
        "",
        "",
        nodes.strong("", f"Cite this {kind}: "),
        number,
        nodes.Text(" ("),
        nodes.reference("", url, refuri=url),
        nodes.Text(f"), in {edition.reference()}"),
    )
    container = nodes.container("", nodes.paragraph("", "", link), cite, classes=[BLOCK_CLASS])
    container["eucasia_data"] = {
        "kind": kind,
        "name": name,
        "csv": str(payload.get("csv", "")),
        "sources": list(payload.get("sources", [])),
        "url": url,
        "sort": dict(payload.get("sort", {})),
    }
    only = addnodes.only(expr="html")
    only += container
    return only


def number_label(kind: str, numbers: Mapping, name: str) -> str:
    """`Table 3.2` from Sphinx's figure numbers of the page (`env.toc_fignumbers[docname]`)."""
    number = numbers.get(kind, {}).get(nodes.make_id(name))
    return f"{LABELS[kind]} {'.'.join(map(str, number))}" if number else LABELS[kind]


def write_files(out: Path, files: Mapping[str, str]) -> None:
    """Write `files` (name → text) into the site's data folder; remove files no page offers."""
    folder = Path(out) / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.csv"):
        if stale.name not in files:
            stale.unlink()
    for name, text in sorted(files.items()):
        write_if_changed(folder / name, text)
