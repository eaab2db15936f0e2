"""The "Download data (CSV)" link and the "Cite" control under each numbered table and figure
(web only), and the folder of CSV files with its `datapackage.json`.

`eucasia.presentation.page.display` attaches the CSV body of what a table or figure shows to its
notebook output (`eucasia.presentation.page.downloads`). The renderer (`nbrender.py`) puts under it a
block for HTML only, on one line: a link to `_data/<name>.csv` and a "Cite" disclosure
(`<details>`) holding the item's one-line citation (its number, the book's edition and DOI, the
item's address on the site); `book/_static/eucasia-cite.js` copies that line to the clipboard
when it opens, and without the script it is there to select. The notebooks' outputs are cached,
so the CSV travels inside the output, and the files are written when the site is built
(`book/_ext/eucasia_tables.py`), every build, from what the pages hold: a cached chapter gets its
files too.

Each file starts with its header row, as a spreadsheet or `pandas.read_csv` expects. What the
file is (the item's number and caption, its page, the data package tables it comes from, the
edition, each column's type) is in `_data/datapackage.json`, a Frictionless Tabular Data Package
listing every file as a resource.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from eucasia.assembly.cachekey import cell_code, code_cells, tables_loaded
from eucasia.assembly.edition import Edition
from eucasia.assembly.files import write_if_changed
from eucasia.data import read_descriptor

#: Folder of the site the CSV files are served from.
DATA_DIR = "_data"
#: Class of the block under a table or figure.
BLOCK_CLASS = "eucasia-data"
#: Classes of the CSV link, the "Cite" disclosure, its citation line and its metadata line.
CSV_CLASS, CITE_CLASS = "eucasia-csv", "eucasia-cite"
CITE_TEXT_CLASS, CITE_ABOUT_CLASS = "eucasia-cite-text", "eucasia-cite-about"
#: The folder's Frictionless descriptor: every CSV file as a resource.
METADATA = "datapackage.json"
LABELS = {"table": "Table", "figure": "Figure"}
#: Table Schema types a payload may name; any other is written as `string`.
FIELD_TYPES = ("string", "integer", "number", "boolean", "date", "datetime")
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


def source_files(names: Iterable[str]) -> list[str]:
    """Table names (`initiatives`) or file names (`initiatives.csv`, `datapackage.json`) as file
    names, sorted."""
    return sorted({n if n.endswith((".csv", ".json")) else f"{n}.csv" for n in names})


def block(
    kind: str, name: str, docname: str, baseurl: str, edition: Edition, payload: Mapping
) -> nodes.Element:
    """The HTML-only block under a table or figure: the CSV link and the "Cite" disclosure.

    The number comes from a `numref` cross-reference, resolved when the page is written; the
    payload stays on the block for `book/_ext/eucasia_tables.py` to write the file.
    """
    label = LABELS[kind]
    depth = "../" * docname.count("/")
    href = f"{depth}{DATA_DIR}/{file_name(name)}"
    url = anchor_url(baseurl, docname, name)
    link = nodes.raw(
        "",
        f'<a class="reference download {CSV_CLASS}" href="{href}" download>Download data (CSV)</a>',
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
    prefix, _, _ = edition.item_citation(url).rpartition(url)
    cite = nodes.paragraph(
        "",
        "",
        number,
        nodes.Text(f", {prefix}"),
        nodes.reference("", url, refuri=url),
        classes=[CITE_TEXT_CLASS],
    )
    about = nodes.raw(
        "",
        f'<p class="{CITE_ABOUT_CLASS}">Sources and columns of the file: '
        f'<a href="{depth}{DATA_DIR}/{METADATA}">{METADATA}</a></p></details>',
        format="html",
    )
    opening = nodes.raw("", f'<details class="{CITE_CLASS}"><summary>Cite</summary>', format="html")
    container = nodes.container("", link, opening, cite, about, classes=[BLOCK_CLASS])
    container["eucasia_data"] = {
        "kind": kind,
        "name": name,
        "csv": str(payload.get("csv", "")),
        "sources": list(payload.get("sources", [])),
        "fields": [dict(f) for f in payload.get("fields", [])],
        "url": url,
        "sort": dict(payload.get("sort", {})),
    }
    only = addnodes.only(expr="html")
    only += container
    return only


def number_label(kind: str, numbers: Mapping, name: str, caption: str = "") -> str:
    """`Table 3.2` from Sphinx's figure numbers of the page (`env.toc_fignumbers[docname]`); on a
    page that numbers nothing (back matter), the item named by its caption up to a colon, as its
    Cite names it.

    >>> number_label("table", {"table": {"tbl-a": (3, 2)}}, "tbl-a")
    'Table 3.2'
    >>> number_label("table", {}, "tbl-a", "Corrected values of the table a: the row's key")
    'Table “Corrected values of the table a”'
    """
    number = numbers.get(kind, {}).get(nodes.make_id(name))
    if number:
        return f"{LABELS[kind]} {'.'.join(map(str, number))}"
    named = caption_name(caption)
    return f"{LABELS[kind]} “{named}”" if named else LABELS[kind]


def caption_name(caption: str) -> str:
    """What names an item that has no number: its caption up to a colon, without a full stop.

    >>> caption_name("Corrected values of the table a since 0.2.0: the row's key.")
    'Corrected values of the table a since 0.2.0'
    """
    return " ".join(caption.split()).split(":")[0].rstrip(".")


#: How `frame_csv` writes every file (Data Package v1 CSV dialect).
DIALECT = {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True}


def _field(field: Mapping) -> dict[str, str]:
    kind = str(field.get("type", "string"))
    return {"name": str(field["name"]), "type": kind if kind in FIELD_TYPES else "string"}


def resource(item: Mapping, label: str, edition: Edition) -> dict[str, object]:
    """One file as a Frictionless resource: its number and caption, the page it belongs to
    (`homepage`), its columns and their types, and the data package tables it comes from, each
    as the file of this edition in the repository.

    `item` is what the page's block carries (name, kind, csv, url, sources, fields, caption).
    """
    header = next(csv.reader(io.StringIO(str(item["csv"]))), [])
    types = {f["name"]: f for f in map(_field, item.get("fields", []))}
    fields = [types.get(column, {"name": column, "type": "string"}) for column in header]
    caption = " ".join(str(item.get("caption", "")).split())
    tag = f"{edition.repository.rstrip('/')}/blob/v{edition.version}/data/"
    return {
        "name": Path(file_name(str(item["name"]))).stem.lower(),
        "path": file_name(str(item["name"])),
        "title": label,
        "description": caption,
        "homepage": str(item["url"]),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        # The CSV dialect, stated: a reader (Frictionless) left to guess it took ";" for the
        # delimiter of a file whose notes hold many semicolons (what changed since 0.2.0).
        "dialect": DIALECT,
        "schema": {"fields": fields, "missingValues": [""]},
        "sources": [{"title": f"data/{s}", "path": tag + s} for s in item.get("sources", [])],
    }


def package(resources: Iterable[Mapping], edition: Edition, baseurl: str) -> dict[str, object]:
    """The folder's `datapackage.json`: the edition, its licence and DOI, and every file."""
    return {
        "profile": "tabular-data-package",
        "name": "eu-central-asia-strategy-tables-and-figures",
        "title": f"The data behind the tables and figures of {edition.title}",
        "description": (
            f"Each table and figure of the book's edition {edition.version} ({edition.date}) as "
            "the CSV file offered under it: the rows and columns it shows, as values. "
            + (f"Edition DOI: {edition.doi}." if edition.doi else "")
        ).strip(),
        "version": edition.version,
        "homepage": baseurl,
        "contributors": [{"title": a, "role": "author"} for a in edition.authors],
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Creative Commons Attribution 4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        "keywords": list(edition.keywords),
        "resources": sorted(resources, key=lambda r: str(r["path"])),
    }


def write_files(out: Path, files: Mapping[str, str], metadata: Mapping | None = None) -> None:
    """Write `files` (name → text) and the `metadata` descriptor into the site's data folder;
    remove files no page offers."""
    folder = Path(out) / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.csv"):
        if stale.name not in files:
            stale.unlink()
    for name, text in sorted(files.items()):
        write_if_changed(folder / name, text)
    if metadata is not None:
        text = json.dumps(metadata, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        write_if_changed(folder / METADATA, text)
