"""Show tables and figures on a page so they work in HTML, in the PDF and in Jupyter alike.

Tables are emitted as MyST `list-table` markdown, which myst-nb parses into real, numbered
Sphinx tables (captions, cross-references, LaTeX tables in the PDF). Every cell is escaped,
so a value is always shown as text and never read as markup. Figures are emitted as SVG (for
HTML and Jupyter) and PDF (for the print edition) with alt text written from the data.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Sequence

import pandas as pd
from IPython.display import Markdown, display

from eucasia.presentation.figurekit.figfile import figure_bytes
from eucasia.presentation.page.downloads import DATA_KEY, data_payload
from eucasia.presentation.text.escaping import escape_markdown
from eucasia.presentation.text.numbers import fixed

#: Class of a table the web page makes filterable and sortable (book/_static/eucasia-tables.js).
INTERACTIVE_CLASS = "eucasia-interactive"
#: Class of a table whose rows get an id from their first cell: `<prefix>-<first cell>`.
ROW_ANCHOR_CLASS = "eucasia-row-anchors-{prefix}"
#: Class of a table whose first column names actors: the web page links each to its actor page.
ACTOR_LINKS_CLASS = "eucasia-actor-links"


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def format_cell(value: object, decimals: int = 2) -> str:
    """Numbers with a fixed number of decimals (integers without), the rest as text.

    Floats are rounded by :func:`numbers.fixed`, the one rounding the prose uses too; whole
    numbers get the thousands separator every table writes.

    Examples
    --------
    >>> format_cell(3835), format_cell(0.7948717948717949), format_cell(None), format_cell("EU")
    ('3,835', '0.79', '', 'EU')
    """
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) or (
        isinstance(value, float) and value.is_integer() and decimals == 0
    ):
        return f"{int(value):,}"
    if isinstance(value, float):
        return fixed(value, decimals, grouping=True)
    return str(value)


def table_markdown(
    frame: pd.DataFrame,
    caption: str,
    name: str,
    widths: Sequence[int] | None = None,
    decimals: int = 2,
    long: bool | None = None,
    raw_columns: Sequence[str] = (),
    interactive: bool = False,
    row_anchors: str | None = None,
    actor_links: bool = False,
    extra_classes: Sequence[str] = (),
    absent: str = "",
) -> str:
    """A MyST list-table for `frame`; `caption` is MyST (may use roles), cell values are escaped.

    `raw_columns` name columns whose values are MyST written by the book's code (download links,
    cross-references), never data; they are passed through unescaped. `long` switches the PDF to
    a longtable that breaks across pages (default: more than 25 rows). `interactive` makes the
    web table filterable and sortable; `row_anchors="initiative"` gives each row of the web page
    the id `initiative-<first cell>`; `actor_links` links each actor named in the first column
    to its page (the PDF is unchanged by all three). `extra_classes` are added to the table's
    classes (e.g. the data dictionary's print widths). `absent` is what a missing value shows
    (e.g. "–"); the frame keeps it missing, so its download has an empty cell, never a mark or 0.
    A raw cell of several lines (a label line, then its text) is indented to stay in its cell.
    """
    if row_anchors is not None and not re.fullmatch(r"[a-z]+", row_anchors):
        raise ValueError(f"table {name!r}: row_anchors must be lowercase letters")
    unknown = set(raw_columns) - set(map(str, frame.columns))
    if unknown:
        raise ValueError(f"table {name!r}: raw_columns {sorted(unknown)} are not columns")
    columns = [str(c) for c in frame.columns]
    if widths is not None and len(widths) != len(columns):
        raise ValueError(f"table {name!r}: {len(widths)} widths for {len(columns)} columns")
    long = len(frame) > 25 if long is None else long
    classes = ["longtable"] if long else []
    if interactive:
        classes.append(INTERACTIVE_CLASS)
    if row_anchors:
        classes.append(ROW_ANCHOR_CLASS.format(prefix=row_anchors))
    if actor_links:
        classes.append(ACTOR_LINKS_CLASS)
    classes.extend(extra_classes)
    # A tilde fence: unlike a backtick fence, its opening line may contain `code` in the caption.
    lines = [f"~~~{{list-table}} {caption}", f":name: {name}", ":header-rows: 1"]
    lines.append(f":widths: {' '.join(str(w) for w in widths)}" if widths else ":widths: auto")
    if classes:
        lines.append(f":class: {' '.join(classes)}")
    lines.append("")
    lines.append("* - " + "\n  - ".join(escape_markdown(c) for c in columns))
    raw = [c in set(raw_columns) for c in columns]
    for row in frame.itertuples(index=False):
        cells = [
            escape_markdown(absent)
            if _missing(v)
            else format_cell(v, decimals)
            if is_raw
            else escape_markdown(format_cell(v, decimals))
            for v, is_raw in zip(row, raw, strict=True)
        ]
        # A raw cell may hold blocks on lines of their own (a label, then its paragraph):
        # indented, they stay inside the cell's list item.
        lines.append("* - " + "\n  - ".join(c.replace("\n", "\n    ") for c in cells))
    lines.append("~~~")
    return "\n".join(lines)


def show_table(
    frame: pd.DataFrame, caption: str, name: str, sources: Sequence[str] = (), **options: object
) -> None:
    """Display `frame` as a numbered, captioned table (see :func:`table_markdown`).

    The web page offers the rows and columns shown as CSV (`sources`: the data package tables
    they come from; by default the build names the tables the chapter reads).

    Examples
    --------
    Outside a notebook, record what it puts on the page instead of displaying it:

    >>> from unittest import mock
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"actor": ["European Union", "UNDP"], "strength": [12.0, 4.5]})
    >>> with mock.patch("eucasia.presentation.page.display.display") as page:
    ...     show_table(frame, "Two actors.", "tbl-two")
    >>> print(page.call_args.args[0].data)  # MyST: a numbered, captioned list-table
    ~~~{list-table} Two actors.
    :name: tbl-two
    :header-rows: 1
    :widths: auto
    <BLANKLINE>
    * - actor
      - strength
    * - European Union
      - 12\\.00
    * - UNDP
      - 4\\.50
    ~~~
    >>> DATA_KEY in page.call_args.kwargs["metadata"]  # its rows, offered as CSV
    True
    """
    raw = options.get("raw_columns", ())
    payload = data_payload(frame, "table", sources, raw_columns=raw)  # type: ignore[arg-type]
    display(
        Markdown(table_markdown(frame, caption, name, **options)),  # type: ignore[arg-type]
        metadata={DATA_KEY: payload},
    )


#: Columns of a network's CSV: each end of a tie by id and by the name the figure shows.
TIE_COLUMNS = ("source_id", "source", "target_id", "target")


def _figure_frame(data: object) -> pd.DataFrame:
    """The table behind a figure: a frame (its index kept when it carries labels) or, for a
    network, its ties: each end by id and by its name as the figure shows it (the node's
    `label`, else its id), then the ties' attributes, sorted by ids.

    >>> import networkx as nx
    >>> G = nx.Graph(); G.add_node("eu", label="European Union"); G.add_edge("eu", "ca", weight=2)
    >>> _figure_frame(G).values.tolist()
    [['ca', 'ca', 'eu', 'European Union', 2]]
    """
    if isinstance(data, pd.DataFrame):
        if isinstance(data.index, pd.RangeIndex) and data.index.name is None:
            return data  # row positions, not labels (a named range, such as years, is kept)
        if any(name is None for name in data.index.names):
            raise ValueError(
                "figure data: name the index of labels (DataFrame.rename_axis), or its CSV "
                "column would be called 'index'"
            )
        return data.reset_index()
    edges = getattr(data, "edges", None)
    if edges is None:
        raise TypeError(f"figure data must be a DataFrame or a graph, not {type(data).__name__}")
    nodes = data.nodes  # type: ignore[attr-defined]

    def name(node: object) -> str:
        return str(nodes[node].get("label") or node)

    rows = []
    for u, v, attrs in edges(data=True):
        a, b = sorted((u, v), key=str)
        ties = {k: x for k, x in attrs.items() if k not in TIE_COLUMNS}
        rows.append(
            {"source_id": str(a), "source": name(a), "target_id": str(b), "target": name(b)} | ties
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=list(TIE_COLUMNS))
    columns = list(TIE_COLUMNS) + sorted(c for c in frame.columns if c not in TIE_COLUMNS)
    scalar = [
        c
        for c in columns
        if not frame[c].map(lambda v: isinstance(v, (list, tuple, set, dict))).any()
    ]
    return frame[scalar].sort_values(["source_id", "target_id"]).reset_index(drop=True)


def show_figure(fig, alt: str, data: object = None, sources: Sequence[str] = ()) -> None:
    """Display `fig` as SVG (web, Jupyter) and PDF (print) with the alt text `alt`.

    The caption and the figure's name come from the cell's `mystnb: figure:` metadata. `data`
    (the frame the figure draws, or the network it draws) is offered as CSV on the web page;
    `sources` as for :func:`show_table`.

    Examples
    --------
    Outside a notebook, record what it puts on the page instead of displaying it:

    >>> from unittest import mock
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> fig, ax = plt.subplots()
    >>> _ = ax.bar(["a", "b"], [1, 2])
    >>> with mock.patch("eucasia.presentation.page.display.display") as page:
    ...     show_figure(fig, "Two bars.", data=pd.DataFrame({"x": ["a", "b"], "y": [1, 2]}))
    >>> outputs = page.call_args.args[0]
    >>> sorted(outputs), outputs["text/plain"]
    (['application/pdf', 'image/svg+xml', 'text/plain'], 'Two bars.')
    >>> DATA_KEY in page.call_args.kwargs["metadata"]  # the data behind it, offered as CSV
    True
    """
    import matplotlib.pyplot as plt

    svg = figure_bytes(fig, "svg").decode("utf-8")
    pdf = base64.b64encode(figure_bytes(fig, "pdf")).decode("ascii")
    plt.close(fig)
    metadata: dict[str, object] = {"image/svg+xml": {"alt": alt}, "application/pdf": {"alt": alt}}
    if data is not None:
        metadata[DATA_KEY] = data_payload(_figure_frame(data), "figure", sources)
    display(
        {"image/svg+xml": svg, "application/pdf": pdf, "text/plain": alt},
        raw=True,
        metadata=metadata,
    )
