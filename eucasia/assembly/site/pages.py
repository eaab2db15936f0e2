"""Per-page changes: the assets a page loads, and what the theme's templates hard-code.

A stock page loads every extension's scripts and styles whether it uses them or not, holds
its first paint for scripts that only act on a parsed page, and loads Font Awesome's 1.5 MB
script. Here a page loads what its content uses, paints first and wires up its buttons after.
The rendered page is read with an HTML parser and edited in place (see `markup`): nothing but
the tags named here changes, byte for byte.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Iterable

from eucasia.assembly.site import markup

#: Assets (by file name; a trailing dot is a prefix) and the class names that need them: a page
#: loads the asset if a class in its content matches.
OPTIONAL_ASSETS = {
    "sphinx-design.min.css": re.compile(r"\bsd-"),
    "design-tabs.js": re.compile(r"\bsd-tab"),
    "togglebutton.css": re.compile(r"\b(?:toggle|dropdown|toggle-details)\b"),
    "togglebutton.js": re.compile(r"\b(?:toggle|dropdown|toggle-details)\b"),
    "copybutton.css": re.compile(r"\bhighlight"),
    "copybutton.js": re.compile(r"\bhighlight"),
    "clipboard.min.js": re.compile(r"\bhighlight"),
    "mystnb.": re.compile(r"\b(?:cell|cell_output|output|pasted-text|pasted-inline)\b"),
}
THEBE_ASSETS = {"sphinx-thebe.js", "sphinx-thebe.css"}
#: Inline scripts that only configure an asset, dropped with it.
INLINE_FOR = {
    "togglebutton.js": ("toggleHint", "toggleOpenOnPrint", "togglebuttonSelector"),
    "sphinx-thebe.js": ("THEBE_JS_URL",),
}
#: Scripts in the head that act only once the page is parsed (their own DOMContentLoaded or
#: click handlers): deferred, they no longer hold up the first paint. documentation_options.js
#: stays as it is: inline scripts right after it write into DOCUMENTATION_OPTIONS.
DEFERRABLE_SCRIPTS = (
    "doctools.js",
    "sphinx_highlight.js",
    "clipboard.min.js",
    "copybutton.js",
    "togglebutton.js",
    "design-tabs.js",
    "scripts/sphinx-book-theme.js",
)
SEARCH_SCRIPTS = ("_static/searchtools.js", "_static/language_data.js", "searchindex.js")
#: The theme's comments above the tags that go.
DROPPED_COMMENTS = (
    "So that users can add custom icons",
    "Pre-loaded scripts that we'll load fully later",
)
#: Fetches the theme's two scripts (Bootstrap and the theme's own, ~100 kB) once the page has
#: been painted, in order; as deferred scripts they were fetched alongside the stylesheets and
#: delayed the first paint on slow connections. They only wire up the buttons, tooltips and
#: dialogs of a page already shown (the colour mode is set by an inline script in the head).
LATE_LOADER = """<script>
(() => {
  const load = () => requestAnimationFrame(() => setTimeout(() => {
    for (const src of %s) {
      const script = document.createElement("script");
      script.src = src;
      script.async = false;
      document.body.appendChild(script);
    }
  }));
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load);
  else load();
})();
</script>"""


#: Scripts in the head fetched once the page has been painted (by `LATE_LOADER`, in their
#: order), not alongside the stylesheet: each acts on a parsed page and, loaded late, still
#: runs (it checks `document.readyState` rather than waiting for an event already past).
#: Checked in their sources; design-tabs.js waits for DOMContentLoaded and stays deferred.
AFTER_PAINT_SCRIPTS = (
    "doctools.js",
    "sphinx_highlight.js",
    "clipboard.min.js",
    "copybutton.js",
    "togglebutton.js",
    "scripts/sphinx-book-theme.js",
    "eucasia-site.js",
    "eucasia-tables.js",
)
#: The attribute that marks a script (added with `app.add_js_file(..., **{LATE: "true"})`) to
#: be fetched once the page has been painted, by `LATE_LOADER`: its download does not compete
#: with the text and the stylesheet (the network explorer's script, on the pages that have one).
LATE = "data-eucasia-late"


def asset_name(asset: object) -> str:
    """The file name of a Sphinx asset (a `_JavaScript`/`_CascadingStyleSheet` or a str)."""
    return posixpath.basename(str(getattr(asset, "filename", asset) or ""))


def unused_assets(body: str, thebe: bool) -> set[str]:
    """Optional assets (names or prefixes) that a page whose content is `body` does not use."""
    classes = {name for tag in markup.parse(body).tags for name in tag.classes()}
    unused = {
        asset
        for asset, needs in OPTIONAL_ASSETS.items()
        if not any(needs.search(name) for name in classes)
    }
    return unused if thebe else unused | THEBE_ASSETS


def _dropped(asset: object, unused: set[str]) -> bool:
    name = asset_name(asset)
    return any(name == d or (d.endswith(".") and name.startswith(d)) for d in unused)


def trim_assets(scripts: Iterable, stylesheets: Iterable, unused: set[str]) -> tuple[list, list]:
    """The page's scripts and stylesheets without the unused ones, the inline scripts that
    configure them, and repeated inline scripts."""
    kept, seen_inline = [], set()
    for script in scripts:
        if _dropped(script, unused):
            continue
        attributes = getattr(script, "attributes", {}) or {}
        inline = attributes.get("body", "") if not asset_name(script) else ""
        if inline:
            owner = next(
                (a for a, marks in INLINE_FOR.items() if any(m in inline for m in marks)), None
            )
            if owner in unused or inline in seen_inline:
                continue
            seen_inline.add(inline)
        kept.append(script)
    return kept, [sheet for sheet in stylesheets if not _dropped(sheet, unused)]


def has_description(metatags: str) -> bool:
    return any(tag.get("name") == "description" for tag in markup.parse(metatags).find_all("meta"))


def description_tag(title: str, subtitle: str) -> str:
    """A `<meta name="description">` for a page that has none: its title (HTML) and the
    book's subtitle."""
    text = f"{markup.text_content(title)}: {subtitle}."
    return f'\n<meta name="description" content="{html.escape(text, quote=True)}" />'


def _path(url: str | None) -> str:
    return (url or "").split("?", 1)[0]


#: sphinx-book-theme's print header: the page title through Jinja's `striptags`, which also
#: unescapes it, so a title from data (an actor's name) would come out as markup.
_PRINT_TITLE = re.compile(
    r'(<div id="jb-print-docs-body" class="onlyprint">\s*<h1>)(.*?)(</h1>\s*<!-- Table of contents -->)',
    re.S,
)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def escape_print_title(page: str) -> str:
    """The print header's title taken from the page's `<title>`, which Sphinx escapes (its text
    before the separator and the book's title), instead of the theme's unescaped copy."""
    header, title = _PRINT_TITLE.search(page), _TITLE.search(page)
    if not header or not title:
        return page
    text = title.group(1).rsplit(" &#8212; ", 1)[0]
    return page[: header.start(2)] + text + page[header.end(2) :]


def rewrite(page: str, *, search_scripts: bool, basic_css_direct: bool) -> str:
    """The rendered page with the theme's hard-coded assets trimmed (see the module's doc).

    `search_scripts`: keep Sphinx's search scripts (the search page, or search-as-you-type).
    `basic_css_direct`: the theme's styles/theme.css only @imports basic.css, so link that.
    """
    doc = markup.parse(page)
    edits: list[tuple[int, int, str]] = []

    def remove(start: int, end: int | None) -> None:
        edits.append((markup.with_space_before(page, start), end or start, ""))

    for comment in doc.comments:
        if comment.data.strip() in DROPPED_COMMENTS:
            remove(comment.start, comment.end)
    scripts = doc.find_all("script")
    kept = []
    for tag in scripts:
        path = _path(tag.get("src"))
        if path.endswith("_static/scripts/fontawesome.js") or (
            not search_scripts and path.endswith(SEARCH_SCRIPTS)
        ):
            remove(tag.start, tag.close or tag.end)
        else:
            kept.append(tag)
    for tag in doc.find_all("link"):
        rel = (tag.get("rel") or "").lower().split()
        if (
            "preload" in rel
            and tag.get("as") == "script"
            and "_static/scripts/" in (tag.get("href") or "")
        ):
            remove(tag.start, tag.end)
    # searchtools.js calls doctools' _ready() at once: where it loads, doctools may not wait.
    late = []
    if not any("_static/searchtools.js" in (tag.get("src") or "") for tag in kept):
        for tag in kept:
            path = _path(tag.get("src"))
            attributes = {name for name, _ in tag.attrs}
            if (
                tag.close is not None
                and not tag.content
                and (
                    tag.has(LATE)
                    or (
                        attributes <= {"src", "defer"}
                        and any(path.endswith(f"_static/{name}") for name in AFTER_PAINT_SCRIPTS)
                    )
                )
            ):
                late.append(tag)
            elif (
                attributes == {"src"}
                and not tag.content
                and any(path.endswith(f"_static/{name}") for name in DEFERRABLE_SCRIPTS)
            ):
                edits.append(
                    (tag.start + 1 + len(tag.name), tag.start + 1 + len(tag.name), " defer")
                )
    if late:
        sources = json.dumps([tag.get("src") for tag in late])
        edits.append((late[0].start, late[0].close, LATE_LOADER % sources))
        for tag in late[1:]:
            remove(tag.start, tag.close)
    edits += _load_theme_scripts_after_first_paint(page, kept)
    for tag in doc.tags:
        href = tag.span("href")
        if (
            basic_css_direct
            and href
            and (tag.get("href") or "").split("?", 1)[-1].startswith("digest=")
        ):
            raw = page[href[0] : href[1]].split("?", 1)[0]
            if raw.endswith("_static/styles/theme.css"):
                edits.append((*href, raw.removesuffix("styles/theme.css") + "basic.css"))
        if tag.get("role") == "doc-biblioentry":
            edits.append((*tag.span("role"), "listitem"))
        # Figures load as the reader scrolls to them (and when printing: browsers fetch lazy
        # images before they lay out a print), and the icons of the launch menu when it opens:
        # they do not compete with the text for the first paint.
        source = tag.get("src") or ""
        if (
            tag.name == "img"
            and not tag.has("loading")
            and ("_images/" in source or "_static/images/logo_" in source)
        ):
            edits.append((tag.start + 4, tag.start + 4, ' loading="lazy"'))
    return escape_print_title(markup.splice(page, edits))


def _load_theme_scripts_after_first_paint(page: str, scripts: list[markup.Tag]) -> list:
    """The edit that replaces the theme's two deferred scripts with `LATE_LOADER`."""
    for first, second in zip(scripts, scripts[1:], strict=False):
        if (
            first.has("defer")
            and second.has("defer")
            and "_static/scripts/bootstrap.js" in (first.get("src") or "")
            and "_static/scripts/pydata-sphinx-theme.js" in (second.get("src") or "")
            and first.close is not None
            and second.close is not None
            and not page[first.close : second.start].strip()
        ):
            sources = json.dumps([first.get("src"), second.get("src")])
            return [(first.start, second.close, LATE_LOADER % sources)]
    return []


def inline_script(page: str, name: str, content: str) -> str:
    """The page with its script `_static/<name>` (a plain `<script src>`) replaced by an inline
    script holding `content`: a parser-blocking script in the head costs a request before the
    first paint, for a few hundred bytes. Left as it is if `content` could end the element."""
    if "</" in content or "<!--" in content:
        return page
    for tag in markup.parse(page).find_all("script"):
        if (
            _path(tag.get("src")).endswith(f"_static/{name}")
            and {attribute for attribute, _ in tag.attrs} == {"src"}
            and tag.close is not None
        ):
            return markup.splice(page, [(tag.start, tag.close, f"<script>{content}</script>")])
    return page
