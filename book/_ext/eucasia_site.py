"""Sphinx extension for the site's weight and offline reading (see issue: fast, light, offline).

sphinx-book-theme (through pydata-sphinx-theme) makes every page of a stock Jupyter Book 1 site
load about 2.5 MB, 1.5 MB of it Font Awesome's SVG-with-JavaScript bundle, and it may load
MathJax and Thebe from CDNs. The site keeps every feature readers use (search, dark mode, the
tables of contents, the launch, download and print buttons, every figure) and trims the rest.
Measured by `make measure` (tools/measure.py); checked by tests/test_browser.py.

The work is done by `eucasia.assembly.site` (one module a job: icon fonts, stylesheets, per-page
assets, the offline guard, sitemap, root redirect); this file only connects it to Sphinx's
events and configuration:

- builder-inited: a local MathJax (`mathjax/tex-chtml.js` in an `html_static_path` folder)
  becomes `mathjax_path`; `eucasia-site.js` is added (it makes the article header's sidebar
  buttons work: the theme's scripts listen on the first button of each kind, hidden here); every
  rendered page passes through `eucasia.assembly.site.pages.rewrite`, `table_cells.keep_words_whole`
  (words of table cells and captions never break inside, nor dates anywhere in the text),
  `figures.link_to_full_size` (each figure opens at full size), `pages.inline_script` (Sphinx's
  few-hundred-byte documentation_options.js inside the page), `bundle.join_stylesheets` (one
  stylesheet link) and the offline guard, which turns a fetch from another host into a warning
  (an error under `-W`).
- a transform (`OutputHeadings`): the headings a cell tagged `output-sections` writes in its
  output become sections of the page (`sections`), so the page's contents list them; on the
  web (`OutputSectionFolds`), a cell that also folds its output folds each such section's part
  after its heading's text (the dictionary's column tables), the heading and the text in view.
- html-page-context: the page loads only the optional assets its content uses, and gets a
  description if it has none.
- build-finished: robots.txt, the complete sitemap, the root redirect, then the stylesheets and
  icon fonts cut to what the built pages use, then each page's one stylesheet (`bundle`: the
  sheets a page links, joined in order, so its first paint waits for one file, not seven).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from eucasia.assembly import site as site_package
from eucasia.assembly.site import (
    assets,
    bundle,
    css,
    figures,
    offline,
    pages,
    redirect,
    sections,
    sitemap,
    staticcopy,
    table_cells,
    titles,
)

logger = logging.getLogger(__name__)

SITE_JS = "eucasia-site.js"
DOCUMENTATION_OPTIONS = "documentation_options.js"
LOCAL_MATHJAX = "mathjax/tex-chtml.js"


def _is_html(app: Sphinx) -> bool:
    return getattr(app.builder, "format", "") == "html" and hasattr(app.builder, "theme")


def _theme_static_dirs(app: Sphinx) -> list[Path]:
    return [Path(d) / "static" for d in app.builder.theme.get_theme_dirs()]


def _warn(message: str, *args) -> None:
    logger.warning("eucasia_site: " + message, *args, type="eucasia", subtype="site")


def _thebe_enabled(app: Sphinx) -> bool:
    options = app.config.html_theme_options or {}
    launch = options.get("launch_buttons", {}) or {}
    return bool(launch.get("thebe")) or bool(getattr(app.config, "use_thebe", False))


def _trim_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    if not _is_html(app):
        return
    unused = pages.unused_assets(context.get("body", "") or "", _thebe_enabled(app))
    context["script_files"], context["css_files"] = pages.trim_assets(
        context.get("script_files", []), context.get("css_files", []), unused
    )
    if not pages.has_description(context.get("metatags") or ""):
        from eucasia.assembly.edition import read_edition

        label = {"genindex": "Index", "search": "Search"}.get(pagename, context.get("title", ""))
        context["metatags"] = (context.get("metatags") or "") + pages.description_tag(
            label, read_edition().subtitle
        )


def _basic_css_direct(app: Sphinx) -> bool:
    """Whether the theme's styles/theme.css only @imports basic.css (then pages link that)."""
    theme_css = assets.find_theme_file(_theme_static_dirs(app), "styles/theme.css")
    if theme_css is None:
        return False
    return css.imports_only(theme_css.read_text(encoding="utf-8")) == ["../basic.css"]


def _wrap_render(app: Sphinx) -> None:
    """Pass every page the HTML builder renders through `pages.rewrite` and the offline guard."""
    templates = app.builder.templates
    render = templates.render
    basic_css_direct = _basic_css_direct(app)
    bundles = _bundle_records(app)
    options: list[str] = []  # documentation_options.js, rendered at the first page

    def render_page(template: str, context: dict) -> str:
        output = render(template, context)
        if not (template.endswith(".html") and "pagename" in context):
            return output
        pagename = context["pagename"]
        as_you_type = str(context.get("theme_search_as_you_type", False)).lower() in ("true", "1")
        output = pages.rewrite(
            output,
            search_scripts=pagename == "search" or as_you_type,
            basic_css_direct=basic_css_direct,
        )
        output = titles.single_title(output)
        output = figures.link_to_full_size(table_cells.keep_words_whole(output))
        output = table_cells.describe_cells(output, _sort_values(app, pagename))
        if not options:
            options.append(_documentation_options(app))
        if options[0]:
            output = pages.inline_script(output, DOCUMENTATION_OPTIONS, options[0])
        output, sheets = bundle.join_stylesheets(output)
        if sheets:
            bundle.record(bundles, sheets)
        for url in offline.remote_fetches(output):
            _warn(
                "page %s would load %s from another host; the site must read offline: serve it "
                "from the book (html_static_path)%s",
                pagename,
                url,
                offline.advice(url),
            )
        return output

    templates.render = render_page


def _sort_values(app: Sphinx, pagename: str) -> dict[str, dict]:
    """The numbers the cells of each table of the page stand for, by table id (collected with
    its data block by eucasia_tables.py)."""
    items = getattr(app.env, "eucasia_data", {}).get(pagename, [])
    return {item["name"]: item.get("sort", {}) for item in items if item["kind"] == "table"}


def _documentation_options(app: Sphinx) -> str:
    """The text Sphinx writes to `_static/documentation_options.js` (rendered from the theme's
    template with the builder's context, as Sphinx does when it copies static files), or ""."""
    for static in _theme_static_dirs(app):
        template = static / (DOCUMENTATION_OPTIONS + ".jinja")
        if template.is_file():
            return app.builder.templates.render_string(
                template.read_text(encoding="utf-8"), app.builder.globalcontext
            )
    return ""


def _bundle_records(app: Sphinx) -> Path:
    """Where the sheets of each page's stylesheet bundle are recorded (`bundle.record`)."""
    return Path(app.doctreedir) / "eucasia_site" / "bundles"


def _complete_sitemap(app: Sphinx) -> None:
    config = app.config
    path = Path(app.outdir) / getattr(config, "sitemap_filename", "sitemap.xml")
    site_url = getattr(config, "site_url", None) or config.html_baseurl
    if not path.is_file() or not site_url:
        return
    links = [app.builder.get_target_uri(docname) for docname in sorted(app.env.found_docs)]
    locations = sitemap.page_locations(
        [link for link in links if (Path(app.outdir) / link).is_file()],
        site_url,
        scheme=getattr(config, "sitemap_url_scheme", "{lang}{version}{link}"),
        lang=f"{config.language}/" if config.language else "",
        version=f"{config.version}/" if config.version else "",
        excludes=getattr(config, "sitemap_excludes", []) or [],
    )
    sitemap.complete_sitemap(path, locations)


def _write_root_redirect(app: Sphinx) -> None:
    from eucasia.assembly.edition import read_edition

    index = Path(app.outdir) / "index.html"
    if app.config.root_doc == "index" or not index.is_file():
        return
    text = index.read_text(encoding="utf-8")
    if not redirect.is_redirect(text):
        return  # not the redirect page: leave it alone
    page = redirect.redirect_page(
        app.builder.get_target_uri(app.config.root_doc),
        title=app.config.html_title or app.config.project,
        description=read_edition().subtitle,
        baseurl=app.config.html_baseurl or "",
        lang=app.config.language or "en",
    )
    if page != text:
        index.write_text(page, encoding="utf-8")


def _builder_inited(app: Sphinx) -> None:
    if not _is_html(app):
        return
    if offline.is_remote(getattr(app.config, "mathjax_path", "") or ""):
        for static in app.config.html_static_path:
            if (Path(app.confdir) / static / LOCAL_MATHJAX).is_file():
                app.config.mathjax_path = LOCAL_MATHJAX
    if any(
        (Path(app.confdir) / static / SITE_JS).is_file() for static in app.config.html_static_path
    ):
        app.add_js_file(SITE_JS, loading_method="defer")
    _wrap_render(app)


def _copy_changed_statics(app: Sphinx, env, added, changed, removed) -> list[str]:
    """The root page, when a file of `html_static_path` is newer than its copy: Sphinx copies
    static files only when it writes a page (`staticcopy`)."""
    if not _is_html(app) or not (Path(app.outdir) / "index.html").is_file():
        return []
    folders = [Path(app.confdir) / entry for entry in app.config.html_static_path]
    stale = staticcopy.stale_copies(folders, Path(app.outdir) / "_static")
    if stale:
        logger.info("eucasia_site: %s changed: writing the root page to copy it", stale[0])
        return [app.config.root_doc]
    return []


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _is_html(app):
        return
    out = Path(app.outdir)
    (out / "robots.txt").write_text(sitemap.robots_txt(app.config.html_baseurl), encoding="utf-8")
    _complete_sitemap(app)
    _write_root_redirect(app)
    assets.write_site_assets(
        out,
        Path(app.doctreedir) / "eucasia_site",
        _theme_static_dirs(app),
        app.config.eucasia_site_digest,
        lambda message: _warn("%s", message),
    )
    for sheet in bundle.write_bundles(out, _bundle_records(app)):
        _warn("_static/%s is gone: the pages that link it need a build from scratch", sheet)


def _digest() -> str:
    """A digest of this extension, its script and the package code it calls."""
    here = Path(__file__).resolve()
    digest = hashlib.sha256(here.read_bytes())
    script = here.parents[1] / "_static" / SITE_JS
    if script.is_file():
        digest.update(script.read_bytes())
    for module in sorted(Path(site_package.__file__).parent.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()[:16]


class OutputHeadings(SphinxTransform):
    """The headings a tagged cell's output writes become sections of the page
    (`eucasia.assembly.site.sections`), before Sphinx collects the page's contents."""

    default_priority = 700  # after parsing, before the doctree-read event (880)

    def apply(self, **kwargs) -> None:
        sections.promote_output_headings(self.document)


# ---- dictfold25: a section's fold (begin) ----------------------------------------------------
class OutputSectionFolds(SphinxPostTransform):
    """On the web, each section a folding cell's headings made folds what the cell showed after
    its heading's text (`eucasia.assembly.site.sections.fold_section_outputs`); print keeps it
    open. Before Sphinx resolves the web-only nodes (50: the data block under a table is one,
    and its mark would go with it) and before MyST-NB's `HideInputCells` (199), which turns
    each fold into a `<details>`."""

    default_priority = 20
    formats = ("html",)

    def run(self, **kwargs) -> None:
        sections.fold_section_outputs(self.document)


# ---- dictfold25: a section's fold (end) ------------------------------------------------------


def setup(app: Sphinx) -> dict:
    app.add_transform(OutputHeadings)
    app.add_post_transform(OutputSectionFolds)  # dictfold25
    # The digest as an HTML setting: when the code changes, every page is written again (Sphinx
    # rewrites all pages when an HTML setting changes), and the cut assets are made again.
    app.add_config_value("eucasia_site_digest", _digest(), "html")
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _trim_page_assets, priority=900)
    app.connect("env-get-outdated", _copy_changed_statics)
    # After the theme rewrites pygments.css and MyST-NB writes its stylesheet (both at 500).
    app.connect("build-finished", _build_finished, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
