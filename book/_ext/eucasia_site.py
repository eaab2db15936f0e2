"""Sphinx extension for the site's weight and offline reading (see issue: fast, light, offline).

sphinx-book-theme (through pydata-sphinx-theme) makes every page of a stock Jupyter Book 1 site
load about 2.5 MB, 1.5 MB of it Font Awesome's SVG-with-JavaScript bundle, and it may load
MathJax and Thebe from CDNs. This extension keeps every feature readers use (search, dark mode,
the tables of contents, the launch, download and print buttons, every figure) and trims the rest:

- Icons. `fontawesome.js` is dropped. The theme's stylesheet already carries Font Awesome's
  web-font CSS, so `<i class="fa-solid fa-sun">` renders from a font instead; the fonts are cut
  down (fontTools, from the theme's own TTF files) to the glyphs this site can show, and the
  stylesheet (`_static/styles/pydata-sphinx-theme.css`, overridden through a generated static
  directory) keeps only the `.fa-*` rules of those icons and points at the cut-down fonts.
  After the build every icon class on every page is checked against the fonts.
- Per-page assets. A page loads sphinx-design, togglebutton, copybutton and MyST-NB's styles only
  if its content uses them; Thebe's loader is dropped when Thebe is off (`launch_buttons.thebe`);
  Sphinx's search scripts and index load only on the search page unless `search_as_you_type`.
- Offline. Any page that would load a script, style, font or image from another host stops the
  build (a warning, an error under `-W`). MathJax is loaded only by pages with math (Sphinx
  does that itself); if a page has math, `mathjax_path` must point at a copy inside the book
  (a `mathjax/tex-chtml.js` in an `html_static_path` folder is picked up by itself).
- Quality. Pages without a description (the index, search) get one; bibliography entries get a
  list-item role (axe: `doc-biblioentry` is deprecated inside a list); `robots.txt` points at
  the sitemap.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Generated static files (cut-down fonts and theme stylesheet), copied over the theme's own.
GENERATED_STATIC = "eucasia-site-static"
THEME_CSS = "styles/pydata-sphinx-theme.css"
FONT_DIR = "vendor/fontawesome/subset"
FONTS = ("fa-solid-900", "fa-regular-400", "fa-brands-400")
ICON_NAME = re.compile(r"\bfa-([a-z0-9]+(?:-[a-z0-9]+)*)")
#: Words after `fa-` that are Font Awesome modifiers, not icons.
NOT_ICONS = {"solid", "regular", "brands", "classic", "sharp", "fw", "lg", "sm", "xs", "xl", "2xs",
             "2xl", "spin", "pulse", "border", "inverse", "li", "ul", "stack", "flip", "rotate",
             "beat", "fade", "bounce", "shake", "pull-left", "pull-right", "font-solid",
             "font-regular", "font-brands", "style-family", "display"}
LOCAL_MATHJAX = "mathjax/tex-chtml.js"
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
#: Tags and attributes through which a page makes the browser fetch something.
FETCHING_ATTR = re.compile(
    r"<(?P<tag>script|img|source|iframe|embed|video|audio|input|object)\b[^>]*?\s(?:src|srcset|data)=\"(?P<url>[^\"]+)\""
    r"|<link\b(?=[^>]*\brel=\"(?:stylesheet|preload|modulepreload|prefetch|icon|shortcut icon|apple-touch-icon|manifest|preconnect|dns-prefetch)\")[^>]*?\shref=\"(?P<href>[^\"]+)\"",
    re.I,
)


# --------------------------------------------------------------------------- helpers


def _is_html(app: Sphinx) -> bool:
    return getattr(app.builder, "format", "") == "html"


def _theme_static_dirs(app: Sphinx) -> list[Path]:
    return [Path(d) / "static" for d in app.builder.theme.get_theme_dirs()]


def _find_theme_file(app: Sphinx, relative: str) -> Path | None:
    for static in _theme_static_dirs(app):
        if (static / relative).is_file():
            return static / relative
    return None


def _css_string(value: str) -> str:
    """The text of a CSS string literal's content (escapes resolved)."""
    return re.sub(r"\\([0-9a-fA-F]{1,6})\s?", lambda m: chr(int(m.group(1), 16)), value)


def _split_css(css: str) -> list[str]:
    """Top-level statements of a stylesheet (rules and @-blocks), comments kept with them."""
    out, depth, start, i, quote = [], 0, 0, 0, ""
    while i < len(css):
        c = css[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = len(css) if end < 0 else end + 1
        elif c in "\"'":
            quote = c
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                out.append(css[start:i + 1])
                start = i + 1
        elif c == ";" and depth == 0:  # @charset, @import
            out.append(css[start:i + 1])
            start = i + 1
        i += 1
    if css[start:].strip():
        out.append(css[start:])
    return out


ICON_RULE = re.compile(r"^(?P<sel>\s*\.fa-[a-z0-9-]+:{1,2}before(?:\s*,\s*\.fa-[a-z0-9-]+:{1,2}before)*)\s*"
                       r"\{\s*content:\s*\"(?P<content>[^\"]*)\"\s*;?\s*\}$")
COMMENT = re.compile(r"/\*.*?\*/", re.S)


def icon_map(theme_css: str) -> dict[str, str]:
    """Icon name -> its character, from the `.fa-NAME:before{content:"\\f185"}` rules."""
    mapping = {}
    for statement in _split_css(theme_css):
        match = ICON_RULE.match(COMMENT.sub("", statement))
        if match:
            char = _css_string(match.group("content"))
            for name in re.findall(r"\.fa-([a-z0-9-]+):", match.group("sel")):
                mapping[name] = char
    return mapping


def _private_use_chars(css: str) -> set[str]:
    """Characters of the Private Use Area that a stylesheet puts in `content` (icon fonts)."""
    chars = set()
    for statement in _split_css(css):
        if ICON_RULE.match(COMMENT.sub("", statement)):
            continue
        for literal in re.findall(r"\"((?:[^\"\\]|\\.)*)\"", statement):
            chars.update(ch for ch in _css_string(literal) if 0xE000 <= ord(ch) <= 0xF8FF)
    return chars


def _icon_names_in(text: str) -> set[str]:
    return {name for name in ICON_NAME.findall(text) if name not in NOT_ICONS}


# --------------------------------------------------------------------------- icons


def _used_icon_names(app: Sphinx) -> set[str]:
    """Every icon the site can show: the themes' templates, scripts and Python (the header
    buttons), the theme options and the book's own sources. A superset of what pages use."""
    names: set[str] = set()
    packages = {Path(d).resolve().parents[1] for d in app.builder.theme.get_theme_dirs()
                if Path(d).resolve().parents[1].name.endswith("_theme")}
    for package in packages:
        for path in package.rglob("*"):
            if path.suffix in {".html", ".py", ".js"} and path.is_file() and path.stat().st_size < 200_000:
                names |= _icon_names_in(path.read_text(encoding="utf-8", errors="replace"))
    names |= _icon_names_in(repr(app.config.html_theme_options))
    for docname in app.env.found_docs:
        source = Path(app.env.doc2path(docname))
        if source.is_file():
            names |= _icon_names_in(source.read_text(encoding="utf-8", errors="replace"))
    return names


def _subset_font(source: Path, target: Path, chars: set[str]) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff"
    options.name_IDs = ["*"]  # keep the copyright and licence records (SIL OFL 1.1)
    options.name_languages = ["*"]
    options.notdef_outline = True
    font = TTFont(str(source), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    font.flavor = "woff"
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target), reorderTables=True)


def _trim_theme_css(css: str, used: set[str]) -> tuple[str, int]:
    """The theme's stylesheet without the `.fa-*` rules of icons the site never shows, its
    Font Awesome faces pointing at the cut-down fonts and without its source map link."""
    kept, dropped = [], 0
    for statement in _split_css(css):
        match = ICON_RULE.match(COMMENT.sub("", statement))
        if match and not set(re.findall(r"\.fa-([a-z0-9-]+):", match.group("sel"))) & used:
            kept.extend(COMMENT.findall(statement))  # licence comments stay
            dropped += 1
            continue
        kept.append(statement)
    out = "".join(kept)
    for font in FONTS:
        out, n = re.subn(
            rf"src:url\(\.\./vendor/fontawesome/webfonts/{font}\.woff2\)[^;}}]*",
            f'src:url(../{FONT_DIR}/{font}.woff) format("woff")', out)
        if n != 1:
            raise ValueError(f"the theme's @font-face for {font} was not found")
    out = re.sub(r"/\*# sourceMappingURL=[^*]*\*/\s*$", "", out)
    return out, dropped


def _generate_assets(app: Sphinx, builder) -> None:
    """Write the cut-down icon fonts and theme stylesheet before Sphinx copies static files."""
    if not _is_html(app):
        return
    source = _find_theme_file(app, THEME_CSS)
    if source is None:
        logger.warning("eucasia_site: %s not found in the theme; icons are left as they are",
                       THEME_CSS, type="eucasia", subtype="site")
        return
    out = Path(app.outdir).parent / GENERATED_STATIC
    css = source.read_text(encoding="utf-8")
    mapping = icon_map(css)
    used = _used_icon_names(app) & mapping.keys()
    chars = {mapping[name] for name in used}
    for static in _theme_static_dirs(app):
        for sheet in (static / "styles").glob("*.css") if (static / "styles").is_dir() else []:
            chars |= _private_use_chars(sheet.read_text(encoding="utf-8"))
    trimmed, _ = _trim_theme_css(css, used)
    for font in FONTS:
        ttf = _find_theme_file(app, f"vendor/fontawesome/webfonts/{font}.ttf")
        if ttf is None:
            raise FileNotFoundError(f"the theme's {font}.ttf is missing")
        _subset_font(ttf, out / FONT_DIR / f"{font}.woff", chars)
    target = out / THEME_CSS
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != trimmed:
        target.write_text(trimmed, encoding="utf-8")


def _check_icons(app: Sphinx) -> None:
    """Every icon class on every written page has its glyph in the cut-down fonts."""
    from fontTools.ttLib import TTFont

    out = Path(app.outdir)
    css_file = out / "_static" / THEME_CSS
    mapping = icon_map(css_file.read_text(encoding="utf-8"))
    cmap: set[int] = set()
    for font in FONTS:
        path = out / "_static" / FONT_DIR / f"{font}.woff"
        if path.is_file():
            cmap |= set(TTFont(str(path)).getBestCmap())
    for page in sorted(out.rglob("*.html")):
        if page.relative_to(out).as_posix().startswith("_static/"):
            continue
        for classes in re.findall(r'class="([^"]*\bfa-[^"]*)"', page.read_text(encoding="utf-8")):
            for name in _icon_names_in(classes):
                if name not in mapping or ord(mapping[name]) not in cmap:
                    logger.warning("eucasia_site: %s shows icon fa-%s, which the cut-down icon "
                                   "fonts lack", page.relative_to(out), name,
                                   type="eucasia", subtype="site")


# --------------------------------------------------------------------------- pages


def _uses(body: str, pattern: str) -> bool:
    return re.search(pattern, body) is not None


#: Assets (by file name) and the pattern a page's content must match to need them.
OPTIONAL_ASSETS = {
    "sphinx-design.min.css": r'class="[^"]*\bsd-',
    "design-tabs.js": r'class="[^"]*\bsd-tab',
    "togglebutton.css": r'class="[^"]*\b(?:toggle|dropdown|toggle-details)\b',
    "togglebutton.js": r'class="[^"]*\b(?:toggle|dropdown|toggle-details)\b',
    "copybutton.css": r'class="[^"]*\bhighlight',
    "copybutton.js": r'class="[^"]*\bhighlight',
    "clipboard.min.js": r'class="[^"]*\bhighlight',
    "mystnb.": r'class="[^"]*\b(?:cell|cell_output|output|pasted-text|pasted-inline)\b',
}
#: Inline scripts that only configure an asset, dropped with it.
INLINE_FOR = {
    "togglebutton.js": ("toggleHint", "toggleOpenOnPrint", "togglebuttonSelector"),
    "sphinx-thebe.js": ("THEBE_JS_URL",),
}


def _asset_name(asset) -> str:
    return posixpath.basename(str(getattr(asset, "filename", asset) or ""))


def _thebe_enabled(app: Sphinx) -> bool:
    options = app.config.html_theme_options or {}
    launch = options.get("launch_buttons", {}) or {}
    return bool(launch.get("thebe")) or bool(getattr(app.config, "use_thebe", False))


def _trim_page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not _is_html(app):
        return
    body = context.get("body", "") or ""
    dropped: set[str] = set()
    for name, pattern in OPTIONAL_ASSETS.items():
        if not _uses(body, pattern):
            dropped.add(name)
    if not _thebe_enabled(app):
        dropped |= {"sphinx-thebe.js", "sphinx-thebe.css"}

    def keep(asset) -> bool:
        name = _asset_name(asset)
        return not any(name == d or (d.endswith(".") and name.startswith(d)) for d in dropped)

    scripts, seen_inline = [], set()
    for script in context.get("script_files", []):
        if not keep(script):
            continue
        inline = getattr(script, "attributes", {}).get("body", "") if not _asset_name(script) else ""
        if inline:
            owner = next((a for a, marks in INLINE_FOR.items() if any(m in inline for m in marks)), None)
            if owner in dropped or inline in seen_inline:  # config of a dropped asset, or a repeat
                continue
            seen_inline.add(inline)
        scripts.append(script)
    context["script_files"] = scripts
    context["css_files"] = [css for css in context.get("css_files", []) if keep(css)]

    if 'name="description"' not in (context.get("metatags") or ""):
        from eucasia.edition import read_edition

        label = {"genindex": "Index", "search": "Search"}.get(pagename, context.get("title", ""))
        text = f"{html.unescape(re.sub('<[^>]+>', '', label))}: {read_edition().subtitle}."
        context["metatags"] = (context.get("metatags") or "") + (
            f'\n<meta name="description" content="{html.escape(text, quote=True)}" />')


def _remote_fetches(page: str) -> list[str]:
    urls = []
    for match in FETCHING_ATTR.finditer(page):
        url = match.group("url") or match.group("href") or ""
        candidates = [u.strip().split(" ")[0] for u in url.split(",")] if match.group("url") else [url]
        urls += [u for u in candidates if REMOTE.match(u)]
    return urls


def _postprocess(app: Sphinx, context: dict, output: str) -> str:
    """Changes to the rendered page that the theme's templates hard-code."""
    pagename = context["pagename"]
    output = re.sub(r"\s*<!-- So that users can add custom icons -->", "", output)
    output = re.sub(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>', "", output)
    as_you_type = str(context.get("theme_search_as_you_type", False)).lower() in ("true", "1")
    if pagename != "search" and not as_you_type:
        output = re.sub(r'\s*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|'
                        r'searchindex\.js)"></script>', "", output)
    output = output.replace('role="doc-biblioentry"', 'role="listitem"')
    for url in _remote_fetches(output):
        logger.warning("eucasia_site: page %s would load %s from another host; the site must read "
                       "offline: serve it from the book (html_static_path)%s", pagename, url,
                       " - for MathJax, put MathJax 3's es5 build under book/_static/mathjax/"
                       if "mathjax" in url.lower() else "", type="eucasia", subtype="site")
    return output


def _wrap_render(app: Sphinx) -> None:
    if not _is_html(app) or not hasattr(app.builder, "templates"):
        return
    templates = app.builder.templates
    render = templates.render

    def render_page(template: str, context: dict) -> str:
        output = render(template, context)
        if template.endswith(".html") and "pagename" in context:
            output = _postprocess(app, context, output)
        return output

    templates.render = render_page


def _builder_inited(app: Sphinx) -> None:
    if not _is_html(app):
        return
    generated = Path(app.outdir).parent / GENERATED_STATIC
    generated.mkdir(parents=True, exist_ok=True)
    # Last in html_static_path: copied after the theme's static files, so ours win.
    app.config.html_static_path = [*app.config.html_static_path, str(generated)]
    if REMOTE.match(getattr(app.config, "mathjax_path", "") or ""):
        for static in app.config.html_static_path:
            if (Path(app.confdir) / static / LOCAL_MATHJAX).is_file():
                app.config.mathjax_path = LOCAL_MATHJAX
    _wrap_render(app)


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _is_html(app):
        return
    out = Path(app.outdir)
    robots = "User-agent: *\nAllow: /\n"
    if app.config.html_baseurl:  # the sitemap's address must be absolute
        robots += f"\nSitemap: {posixpath.join(app.config.html_baseurl, 'sitemap.xml')}\n"
    (out / "robots.txt").write_text(robots, encoding="utf-8")
    if (out / "_static" / FONT_DIR).is_dir():
        _check_icons(app)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _builder_inited)
    app.connect("write-started", _generate_assets)
    app.connect("html-page-context", _trim_page_assets, priority=900)
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
