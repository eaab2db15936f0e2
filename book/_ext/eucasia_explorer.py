"""Sphinx extension: the network explorer's script, stylesheet and data, on the pages that have one.

A page whose content has the explorer's element (written by
`eucasia.presentation.page.explorer.show_explorer`) gets `eucasia-explorer.css` and
`eucasia-explorer.js`, fetched once the page has been painted (`eucasia.assembly.site.pages.LATE`);
every other page gets neither. The script fetches the vendored sigma.js and graphology
(`_static/vendor/`) itself, once the reader turns to the explorer.

The explorer's data (JSON, 15 to 45 kB a page) leave the page for `_data/explorer-<page>.js`,
which the script fetches after the first paint: a reader's browser needs them only to start the
explorer, not to show the text (`eucasia.assembly.explorerdata`).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from eucasia.assembly.explorerdata import move_data_out
from eucasia.assembly.site.pages import LATE

EXPLORER_CLASS = "eucasia-explorer"  # eucasia.presentation.page.explorer.EXPLORER_CLASS
SCRIPT, STYLESHEET = "eucasia-explorer.js", "eucasia-explorer.css"


def has_explorer(body: str) -> bool:
    """Whether a page's content holds an explorer element."""
    return f'class="{EXPLORER_CLASS}"' in body


def _add_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if getattr(app.builder, "format", "") != "html" or not has_explorer(context.get("body") or ""):
        return
    # Called during html-page-context, these add the files to this page only.
    app.add_css_file(STYLESHEET)
    app.add_js_file(SCRIPT, **{LATE: "true"})
    if "pathto" in context:
        context["body"] = move_data_out(
            context["body"], pagename, Path(app.outdir), lambda path: context["pathto"](path, 1)
        )


def setup(app: Sphinx) -> dict:
    # Before eucasia_site trims each page's assets (priority 900).
    app.connect("html-page-context", _add_assets, priority=500)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
