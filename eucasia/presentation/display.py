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

from eucasia.presentation.figfile import figure_bytes

# CommonMark lets a backslash escape any ASCII punctuation character.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def escape_markdown(value: object) -> str:
    """Text that MyST renders literally: punctuation escaped, line breaks folded to spaces."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    text = " ".join(str(value).split())
    return _PUNCTUATION.sub(r"\\\1", text)


def format_cell(value: object, decimals: int = 2) -> str:
    """Numbers with a fixed number of decimals (integers without), the rest as text."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) or (
        isinstance(value, float) and value.is_integer() and decimals == 0
    ):
        return f"{int(value):,}"
    if isinstance(value, float):
        return f"{value:,.{decimals}f}"
    return str(value)


def table_markdown(
    frame: pd.DataFrame,
    caption: str,
    name: str,
    widths: Sequence[int] | None = None,
    decimals: int = 2,
    long: bool | None = None,
    raw_columns: Sequence[str] = (),
) -> str:
    """A MyST list-table for `frame`; `caption` is MyST (may use roles), cell values are escaped.

    `raw_columns` name columns whose values are MyST written by the book's code (download links,
    cross-references), never data; they are passed through unescaped. `long` switches the PDF to
    a longtable that breaks across pages (default: more than 25 rows).
    """
    unknown = set(raw_columns) - set(map(str, frame.columns))
    if unknown:
        raise ValueError(f"table {name!r}: raw_columns {sorted(unknown)} are not columns")
    columns = [str(c) for c in frame.columns]
    if widths is not None and len(widths) != len(columns):
        raise ValueError(f"table {name!r}: {len(widths)} widths for {len(columns)} columns")
    long = len(frame) > 25 if long is None else long
    classes = ["longtable"] if long else []
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
            format_cell(v, decimals) if is_raw else escape_markdown(format_cell(v, decimals))
            for v, is_raw in zip(row, raw, strict=True)
        ]
        lines.append("* - " + "\n  - ".join(cells))
    lines.append("~~~")
    return "\n".join(lines)


def show_table(frame: pd.DataFrame, caption: str, name: str, **options: object) -> None:
    """Display `frame` as a numbered, captioned table (see :func:`table_markdown`)."""
    display(Markdown(table_markdown(frame, caption, name, **options)))


def show_figure(fig, alt: str) -> None:
    """Display `fig` as SVG (web, Jupyter) and PDF (print) with the alt text `alt`.

    The caption and the figure's name come from the cell's `mystnb: figure:` metadata.
    """
    import matplotlib.pyplot as plt

    svg = figure_bytes(fig, "svg").decode("utf-8")
    pdf = base64.b64encode(figure_bytes(fig, "pdf")).decode("ascii")
    plt.close(fig)
    display(
        {"image/svg+xml": svg, "application/pdf": pdf, "text/plain": alt},
        raw=True,
        metadata={"image/svg+xml": {"alt": alt}, "application/pdf": {"alt": alt}},
    )
