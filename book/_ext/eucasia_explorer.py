"""Sphinx extension: the network explorer's script and stylesheet, on the pages that have one.

A page whose content has the explorer's element (written by
`eucasia.presentation.explorer.show_explorer`) gets `eucasia-explorer.css` and
`eucasia-explorer.js`, fetched once the page has been painted (`eucasia.build.site.pages.LATE`);
every other page gets neither. The script fetches the vendored sigma.js
and graphology (`_static/vendor/`) itself, once the explorer comes near the screen.
"""

from __future__ import annotations

from sphinx.application import Sphinx

EXPLORER_CLASS = "eucasia-explorer"  # eucasia.presentation.explorer.EXPLORER_CLASS
SCRIPT, STYLESHEET = "eucasia-explorer.js", "eucasia-explorer.css"
LATE = "data-eucasia-late"  # eucasia.build.site.pages.LATE


def has_explorer(body: str) -> bool:
    """Whether a page's content holds an explorer element."""
    return f'class="{EXPLORER_CLASS}"' in body


def _add_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if getattr(app.builder, "format", "") != "html" or not has_explorer(context.get("body") or ""):
        return
    # Called during html-page-context, these add the files to this page only.
    app.add_css_file(STYLESHEET)
    app.add_js_file(SCRIPT, **{LATE: "true"})


def setup(app: Sphinx) -> dict:
    # Before eucasia_site trims each page's assets (priority 900).
    app.connect("html-page-context", _add_assets, priority=500)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
