"""Sphinx extension for the site's weight and offline reading (see issue: fast, light, offline).

sphinx-book-theme (through pydata-sphinx-theme) makes every page of a stock Jupyter Book 1 site
load about 2.5 MB, 1.5 MB of it Font Awesome's SVG-with-JavaScript bundle, and it may load
MathJax and Thebe from CDNs. This extension keeps every feature readers use (search, dark mode,
the tables of contents, the launch, download and print buttons, every figure) and trims the rest.
Measured by `make measure` (tools/measure.py); checked by tests/test_browser.py.

- Icons. `fontawesome.js` is dropped. The theme's stylesheet already carries Font Awesome's
  web-font CSS, so `<i class="fa-solid fa-sun">` renders from a font instead; the fonts are cut
  down (fontTools, from the theme's own TTF files) to the glyphs the built pages use.
- Stylesheets. After the build, every stylesheet of the site is cut down to the rules whose
  classes the built pages have or the shipped scripts can add (`purge_css`); the theme's
  stylesheet is always cut from the theme's own copy, the others from a pristine copy kept in
  the doctree folder. Their addresses carry version digests or checksums of the original files,
  so the pages' links stay valid.
- Per-page assets. A page loads sphinx-design, togglebutton, copybutton and MyST-NB's styles only
  if its content uses them; Thebe's loader is dropped when Thebe is off (`launch_buttons.thebe`);
  Sphinx's search scripts and index load only on the search page unless `search_as_you_type`.
- First paint. Scripts that only act once the page is parsed are deferred; the theme's two
  scripts (Bootstrap and its own, ~100 kB) are fetched once the page has been painted, and their
  preloads go; styles/theme.css (only an @import of basic.css) is replaced by a link to
  basic.css; figures load lazily (browsers load lazy images before printing).
- Offline. Any page that would load a script, style, font or image from another host stops the
  build (a warning, an error under `-W`). MathJax is loaded only by pages with math (Sphinx
  does that itself; no page has math today); a `mathjax/tex-chtml.js` in an `html_static_path`
  folder becomes `mathjax_path` by itself, so a book with math can serve MathJax 3 locally.
- Quality. Pages without a description (the index, search) get one; bibliography entries get a
  list-item role (axe: `doc-biblioentry` is deprecated inside a list); `robots.txt` points at
  the sitemap, which lists every page even after an incremental build; the root index.html
  redirect gets a title, description and canonical address; `eucasia-site.js` makes the article header's sidebar buttons work (the theme's
  scripts listen on the first button of each kind, which is hidden in this layout).
"""

from __future__ import annotations

import fnmatch
import hashlib
import html
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from eucasia.build.files import write_if_changed

logger = logging.getLogger(__name__)

THEME_CSS = "styles/pydata-sphinx-theme.css"
FONT_DIR = "vendor/fontawesome/subset"
FONTS = ("fa-solid-900", "fa-regular-400", "fa-brands-400")
SITE_JS = "eucasia-site.js"
LOCAL_MATHJAX = "mathjax/tex-chtml.js"
#: Marks a stylesheet this extension has cut; its original is kept under the doctree folder.
PURGED_MARK = "/* eucasia_site: cut to the classes the site uses */\n"
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
#: Tags and attributes through which a page makes the browser fetch something.
FETCHING_ATTR = re.compile(
    r"<(?:script|img|source|iframe|embed|video|audio|input|object|track)\b[^>]*?"
    r"\s(?:src|srcset|data|poster)=\"(?P<url>[^\"]+)\""
    r"|<link\b(?=[^>]*\brel=\"(?:stylesheet|preload|modulepreload|prefetch|icon|shortcut icon|"
    r"apple-touch-icon|manifest|preconnect|dns-prefetch)\")[^>]*?\shref=\"(?P<href>[^\"]+)\"",
    re.I,
)
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


# --------------------------------------------------------------------------- helpers


def _is_html(app: Sphinx) -> bool:
    return getattr(app.builder, "format", "") == "html" and hasattr(app.builder, "theme")


def _theme_static_dirs(app: Sphinx) -> list[Path]:
    return [Path(d) / "static" for d in app.builder.theme.get_theme_dirs()]


def _find_theme_file(app: Sphinx, relative: str) -> Path | None:
    for static in _theme_static_dirs(app):
        if (static / relative).is_file():
            return static / relative
    return None


def _warn(message: str, *args) -> None:
    logger.warning("eucasia_site: " + message, *args, type="eucasia", subtype="site")


# --------------------------------------------------------------------------- stylesheets

COMMENT = re.compile(r"/\*.*?\*/", re.S)
ICON_RULE = re.compile(
    r"^(?P<sel>\s*\.fa-[a-z0-9-]+:{1,2}before(?:\s*,\s*\.fa-[a-z0-9-]+:{1,2}before)*)\s*"
    r"\{\s*content:\s*\"(?P<content>[^\"]*)\"\s*;?\s*\}$"
)
#: Class prefixes that scripts compose at run time (Bootstrap: `bs-${name}-auto`): always kept.
COMPOSED_CLASSES = ("bs-",)
AT_BLOCKS_WITH_RULES = ("@media", "@supports", "@container", "@layer", "@document")


def _css_string(value: str) -> str:
    """The text of a CSS string literal's content (escapes resolved)."""
    return re.sub(r"\\([0-9a-fA-F]{1,6})\s?", lambda m: chr(int(m.group(1), 16)), value)


def split_css(css: str) -> list[str]:
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
                out.append(css[start : i + 1])
                start = i + 1
        elif c == ";" and depth == 0:  # @charset, @import
            out.append(css[start : i + 1])
            start = i + 1
        i += 1
    if css[start:].strip():
        out.append(css[start:])
    return out


def icon_map(theme_css: str) -> dict[str, str]:
    """Icon name -> its character, from the `.fa-NAME:before{content:"\\f185"}` rules."""
    mapping = {}
    for statement in split_css(theme_css):
        match = ICON_RULE.match(COMMENT.sub("", statement))
        if match:
            char = _css_string(match.group("content"))
            for name in re.findall(r"\.fa-([a-z0-9-]+):", match.group("sel")):
                mapping[name] = char
    return mapping


def _private_use_chars(css: str) -> set[str]:
    """Characters of the Private Use Area a stylesheet puts in `content` (icon-font glyphs in
    ::before/::after: admonitions, breadcrumbs, external links), icon class rules excepted."""
    chars = set()
    for statement in split_css(css):
        if ICON_RULE.match(COMMENT.sub("", statement)):
            continue
        for literal in re.findall(r"\"((?:[^\"\\]|\\.)*)\"", statement):
            chars.update(ch for ch in _css_string(literal) if 0xE000 <= ord(ch) <= 0xF8FF)
    return chars


def site_tokens(out: Path) -> set[str]:
    """Class names the built site can put on an element: those on its pages, and every word of
    the scripts it ships (which add classes at run time: Bootstrap's `show`, search results...).
    Font Awesome's own script is left out: it names every icon and the site does not load it."""
    tokens: set[str] = set()
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out).as_posix()
        if path.suffix == ".html" and not relative.startswith("_static/"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for classes in re.findall(r'\sclass="([^"]*)"', text):
                tokens.update(classes.split())
            for script in re.findall(r"<script[^>]*>(.*?)</script>", text, re.S):
                tokens.update(re.findall(r"[A-Za-z0-9_-]+", script))
        elif (
            path.suffix == ".js"
            and relative.startswith("_static/")
            and path.name != "fontawesome.js"
            and path.stat().st_size < 1_000_000
        ):
            text = path.read_text(encoding="utf-8", errors="replace")
            tokens.update(re.findall(r"[A-Za-z0-9_-]+", text))
    return tokens


def _split_selectors(selectors: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, c in enumerate(selectors):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(selectors[start:i])
            start = i + 1
    parts.append(selectors[start:])
    return [p.strip() for p in parts if p.strip()]


def _required_classes(selector: str) -> list[str] | None:
    """Classes an element must have for `selector` to match; None when that can't be told.
    Classes inside functional pseudo-classes (`:not(.x)`, `:is(...)`) or attribute selectors
    never count: `:not(.hide)` matches exactly when `hide` is absent."""
    bare = re.sub(r"\[[^\]]*\]", "", selector)
    previous = None
    while previous != bare:
        previous = bare
        bare = re.sub(r":{1,2}[A-Za-z-]+\([^()]*\)", "", bare)
    if "\\" in bare or "(" in bare:
        return None
    return re.findall(r"\.(-?[A-Za-z_][A-Za-z0-9_-]*)", bare)


def _selector_can_match(selector: str, tokens: set[str]) -> bool:
    required = _required_classes(selector)
    return required is None or all(c in tokens or c.startswith(COMPOSED_CLASSES) for c in required)


def purge_css(css: str, tokens: set[str]) -> str:
    """`css` without the selectors that need a class no page has and no script can add.

    Rules whose selectors all go are dropped, and at-rule blocks left empty; everything else
    (element and attribute selectors, :root variables, @font-face, @keyframes) stays as it is,
    and so do licence comments (`/*! ... */`).
    """
    kept = []
    for statement in split_css(css):
        body = COMMENT.sub("", statement).strip()
        licences = [c for c in COMMENT.findall(statement) if c.startswith("/*!")]
        if "{" not in body:
            kept.append(statement)
            continue
        prelude = body[: body.index("{")].strip()
        if prelude.startswith(AT_BLOCKS_WITH_RULES):
            inner = purge_css(body[body.index("{") + 1 : body.rindex("}")], tokens)
            kept.extend([*licences, f"{prelude}{{{inner}}}"] if inner.strip() else licences)
        elif prelude.startswith("@"):
            kept.append(statement)
        else:
            selectors = [s for s in _split_selectors(prelude) if _selector_can_match(s, tokens)]
            rule = ",".join(selectors) + body[body.index("{") :]
            kept.extend([*licences, rule] if selectors else licences)
    return "\n".join(kept)


def _subset_font(source: Path, chars: set[str]) -> bytes:
    """The font cut to `chars`, as WOFF bytes."""
    import io

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
    buffer = io.BytesIO()
    font.save(buffer, reorderTables=True)
    return buffer.getvalue()


def _point_fonts_at_subsets(css: str) -> str:
    for font in FONTS:
        css, n = re.subn(
            rf"src:url\(\.\./vendor/fontawesome/webfonts/{font}\.woff2\)[^;}}]*",
            f'src:url(../{FONT_DIR}/{font}.woff) format("woff")',
            css,
        )
        if n != 1:
            raise ValueError(f"the theme's @font-face for {font} was not found")
    return css


def _without_source_map(css: str) -> str:
    return re.sub(r"/\*# sourceMappingURL=[^*]*\*/\s*$", "", css)


def _pristine(app: Sphinx, sheet: Path) -> str | None:
    """The stylesheet as Sphinx or an extension wrote it (before any cut of ours)."""
    out = Path(app.outdir)
    keep = Path(app.doctreedir) / "eucasia_site" / sheet.relative_to(out)
    text = sheet.read_text(encoding="utf-8")
    if not text.startswith(PURGED_MARK):
        keep.parent.mkdir(parents=True, exist_ok=True)
        keep.write_text(text, encoding="utf-8")
        return text
    return keep.read_text(encoding="utf-8") if keep.is_file() else None


def _site_assets(
    app: Sphinx, tokens: set[str], originals: dict[str, str]
) -> dict[str, bytes] | None:
    """The cut fonts and stylesheets of the site, by path under `_static` (None: no theme CSS)."""
    source = _find_theme_file(app, THEME_CSS)
    if source is None:
        _warn("%s not found in the theme; stylesheets and icons are left as they are", THEME_CSS)
        return None
    theme_css = source.read_text(encoding="utf-8")
    mapping = icon_map(theme_css)
    chars = {char for name, char in mapping.items() if f"fa-{name}" in tokens}
    for theme_static in _theme_static_dirs(app):  # glyphs stylesheets put in ::before/::after
        styles = theme_static / "styles"
        for sheet in sorted(styles.glob("*.css")) if styles.is_dir() else []:
            chars |= _private_use_chars(sheet.read_text(encoding="utf-8"))
    assets: dict[str, bytes] = {}
    for font in FONTS:
        ttf = _find_theme_file(app, f"vendor/fontawesome/webfonts/{font}.ttf")
        if ttf is None:
            raise FileNotFoundError(f"the theme's {font}.ttf is missing")
        assets[f"{FONT_DIR}/{font}.woff"] = _subset_font(ttf, chars)
    themed = _without_source_map(_point_fonts_at_subsets(theme_css))
    assets[THEME_CSS] = (PURGED_MARK + purge_css(themed, tokens)).encode("utf-8")
    for relative, original in originals.items():
        cut = PURGED_MARK + purge_css(_without_source_map(original), tokens)
        assets[relative] = cut.encode("utf-8")
    return assets


def _original_sheets(app: Sphinx) -> dict[str, str]:
    """Every stylesheet of `_static` but the theme's and vendored ones, as first written."""
    static = Path(app.outdir) / "_static"
    originals = {}
    for sheet in sorted(static.rglob("*.css")):
        relative = sheet.relative_to(static).as_posix()
        if relative == THEME_CSS or relative.startswith("vendor/"):
            continue
        original = _pristine(app, sheet)
        if original is None:
            _warn(
                "the original of %s is gone (the doctree folder was cleaned): rebuild from "
                "scratch to cut it again",
                relative,
            )
            continue
        originals[relative] = original
    return originals


def _write_site_assets(app: Sphinx) -> None:
    """Cut the icon fonts and every stylesheet down to what the built site uses.

    Runs after the build, over every page in the output folder, so it sees exactly the classes
    the templates and the theme's Python wrote (the header buttons compose their icons at run
    time), on every page, whichever were rewritten this time. The cut is kept in the doctree
    folder under a key of everything it depends on (the site's class names, the original
    stylesheets, this extension): a rebuild that changed none of them writes the kept files
    instead of cutting again, which keeps a no-op rebuild fast.
    """
    static = Path(app.outdir) / "_static"
    tokens = site_tokens(Path(app.outdir))
    key = hashlib.sha256(app.config.eucasia_site_digest.encode())
    for token in sorted(tokens):
        key.update(token.encode() + b"\0")
    originals = _original_sheets(app)
    for relative, original in originals.items():
        key.update(f"{relative}\0{original}\0".encode())
    kept = Path(app.doctreedir) / "eucasia_site" / "cut"
    manifest = kept / "manifest.json"
    assets = None
    if manifest.is_file():
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
        if recorded.get("key") == key.hexdigest() and all(
            (kept / name).is_file() for name in recorded["files"]
        ):
            assets = {name: (kept / name).read_bytes() for name in recorded["files"]}
    if assets is None:
        assets = _site_assets(app, tokens, originals)
        if assets is None:
            return
        for name, data in assets.items():
            write_if_changed(kept / name, data)
        manifest.write_text(
            json.dumps({"key": key.hexdigest(), "files": sorted(assets)}), encoding="utf-8"
        )
    for name, data in assets.items():
        write_if_changed(static / name, data)


# --------------------------------------------------------------------------- pages

#: Assets (by file name; a trailing dot is a prefix) and what a page's content must contain
#: to need them.
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


def _trim_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    if not _is_html(app):
        return
    body = context.get("body", "") or ""
    dropped = {name for name, pattern in OPTIONAL_ASSETS.items() if not re.search(pattern, body)}
    if not _thebe_enabled(app):
        dropped |= {"sphinx-thebe.js", "sphinx-thebe.css"}

    def keep(asset) -> bool:
        name = _asset_name(asset)
        return not any(name == d or (d.endswith(".") and name.startswith(d)) for d in dropped)

    scripts, seen_inline = [], set()
    for script in context.get("script_files", []):
        if not keep(script):
            continue
        attributes = getattr(script, "attributes", {}) or {}
        inline = attributes.get("body", "") if not _asset_name(script) else ""
        if inline:
            owner = next(
                (a for a, marks in INLINE_FOR.items() if any(mark in inline for mark in marks)),
                None,
            )
            if owner in dropped or inline in seen_inline:  # config of a dropped asset, a repeat
                continue
            seen_inline.add(inline)
        scripts.append(script)
    context["script_files"] = scripts
    context["css_files"] = [css for css in context.get("css_files", []) if keep(css)]

    if 'name="description"' not in (context.get("metatags") or ""):
        from eucasia.build.edition import read_edition

        label = {"genindex": "Index", "search": "Search"}.get(pagename, context.get("title", ""))
        text = f"{html.unescape(re.sub('<[^>]+>', '', label))}: {read_edition().subtitle}."
        context["metatags"] = (context.get("metatags") or "") + (
            f'\n<meta name="description" content="{html.escape(text, quote=True)}" />'
        )


def remote_fetches(page: str) -> list[str]:
    """Addresses on other hosts that a page's tags make the browser fetch."""
    urls = []
    for match in FETCHING_ATTR.finditer(page):
        if match.group("url"):
            candidates = [u.strip().split(" ")[0] for u in match.group("url").split(",")]
        else:
            candidates = [match.group("href")]
        urls += [u for u in candidates if REMOTE.match(html.unescape(u))]
    return urls


THEME_SCRIPTS = re.compile(
    r'<script defer src="(?P<bootstrap>[^"]*_static/scripts/bootstrap\.js[^"]*)"></script>\s*'
    r'<script defer src="(?P<theme>[^"]*_static/scripts/pydata-sphinx-theme\.js[^"]*)"></script>'
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


def _load_theme_scripts_after_first_paint(output: str) -> str:
    match = THEME_SCRIPTS.search(output)
    if not match:
        return output
    sources = json.dumps([html.unescape(match["bootstrap"]), html.unescape(match["theme"])])
    return output[: match.start()] + LATE_LOADER % sources + output[match.end() :]


def _postprocess(app: Sphinx, context: dict, output: str) -> str:
    """Changes to the rendered page that the theme's templates hard-code."""
    pagename = context["pagename"]
    output = re.sub(r"\s*<!-- So that users can add custom icons -->", "", output)
    output = re.sub(
        r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>', "", output
    )
    output = re.sub(r"\s*<!-- Pre-loaded scripts that we'll load fully later -->", "", output)
    output = re.sub(
        r'\s*<link rel="preload" as="script" href="[^"]*_static/scripts/[^"]*"\s*/>', "", output
    )
    as_you_type = str(context.get("theme_search_as_you_type", False)).lower() in ("true", "1")
    if pagename != "search" and not as_you_type:
        output = re.sub(
            r'\s*<script src="[^"]*(?:_static/searchtools\.js|'
            r'_static/language_data\.js|searchindex\.js)"></script>',
            "",
            output,
        )
    if "_static/searchtools.js" not in output:  # searchtools.js calls doctools' _ready() at once
        names = "|".join(re.escape(name) for name in DEFERRABLE_SCRIPTS)
        output = re.sub(
            rf'<script src="([^"]*_static/(?:{names})(?:\?[^"]*)?)"></script>',
            r'<script defer src="\1"></script>',
            output,
        )
    output = _load_theme_scripts_after_first_paint(output)
    # The theme links styles/theme.css, whose only content is `@import "../basic.css"`: link
    # basic.css itself and save the browser a request and a round trip before the first paint.
    theme_css = _find_theme_file(app, "styles/theme.css")
    if theme_css and re.fullmatch(
        r'(?:/\*[^*]*\*/\s*)?@import "\.\./basic\.css";\s*', theme_css.read_text(encoding="utf-8")
    ):
        output = re.sub(
            r'href="([^"]*_static/)styles/theme\.css\?digest=[^"]*"', r'href="\1basic.css"', output
        )
    output = output.replace('role="doc-biblioentry"', 'role="listitem"')
    # Figures load as the reader scrolls to them (and when printing: browsers fetch lazy images
    # before they lay out a print), so they do not compete with the text for the first paint.
    output = re.sub(
        r'<img (?![^>]*\bloading=)(?=[^>]*\bsrc="[^"]*_images/)', '<img loading="lazy" ', output
    )
    for url in remote_fetches(output):
        hint = (
            " (for MathJax, put MathJax 3's es5 build under book/_static/mathjax/)"
            if "mathjax" in url.lower()
            else ""
        )
        _warn(
            "page %s would load %s from another host; the site must read offline: serve it "
            "from the book (html_static_path)%s",
            pagename,
            url,
            hint,
        )
    return output


def _wrap_render(app: Sphinx) -> None:
    """Pass every page the HTML builder renders through `_postprocess`."""
    templates = app.builder.templates
    render = templates.render

    def render_page(template: str, context: dict) -> str:
        output = render(template, context)
        if template.endswith(".html") and "pagename" in context:
            output = _postprocess(app, context, output)
        return output

    templates.render = render_page


# --------------------------------------------------------------------------- sitemap

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _complete_sitemap(app: Sphinx) -> None:
    """Add the pages an incremental build did not rewrite to sphinx-sitemap's sitemap.xml.

    sphinx-sitemap lists the pages written during the build it runs in, so after a build that
    rewrote a few pages the sitemap named only those (and the index and search pages).
    """
    config = app.config
    sitemap = Path(app.outdir) / getattr(config, "sitemap_filename", "sitemap.xml")
    site_url = getattr(config, "site_url", None) or config.html_baseurl
    if not sitemap.is_file() or not site_url:
        return
    ET.register_namespace("", SITEMAP_NS)
    tree = ET.parse(sitemap)
    root = tree.getroot()
    listed = {loc.text for loc in root.iter(f"{{{SITEMAP_NS}}}loc")}
    lang = f"{config.language}/" if config.language else ""
    version = f"{config.version}/" if config.version else ""
    excludes = getattr(config, "sitemap_excludes", []) or []
    scheme = getattr(config, "sitemap_url_scheme", "{lang}{version}{link}")
    docs = {}
    for docname in sorted(app.env.found_docs):
        link = app.builder.get_target_uri(docname)
        excluded = any(fnmatch.fnmatch(link, pattern) for pattern in excludes)
        if (Path(app.outdir) / link).is_file() and not excluded:
            docs[site_url + scheme.format(lang=lang, version=version, link=link)] = docname
    missing = [loc for loc in docs if loc not in listed]
    if not missing:
        return
    for loc in missing:
        ET.SubElement(
            ET.SubElement(root, f"{{{SITEMAP_NS}}}url"), f"{{{SITEMAP_NS}}}loc"
        ).text = loc
    urls = list(root)
    for url in urls:
        root.remove(url)

    def order(url) -> tuple[bool, str]:
        loc = url.find(f"{{{SITEMAP_NS}}}loc").text
        return (loc not in docs, loc)  # documents first, like a full build; then index, search

    root.extend(sorted(urls, key=order))
    tree.write(sitemap, xml_declaration=True, encoding="utf-8", method="xml")


# --------------------------------------------------------------------------- root redirect

ETOC_REDIRECT = re.compile(r'<meta http-equiv="Refresh" content="0; url=[^"]+" />\s*')
REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{description}">
<link rel="canonical" href="{canonical}">
<link rel="icon" href="data:,">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p><a href="{target}">{title}</a></p>
</body>
</html>
"""


def _write_root_redirect(app: Sphinx) -> None:
    """Make the site's index.html, which sphinx-external-toc writes as a bare meta refresh to
    the root page, a small HTML page: title, description, language, canonical address and a
    link. Its icon is an empty `data:` address: with no icon the browser asks for /favicon.ico
    (a 404 in the console), and a real one is only fetched to be cut off by the redirect."""
    from eucasia.build.edition import read_edition

    index = Path(app.outdir) / "index.html"
    if app.config.root_doc == "index" or not index.is_file():
        return
    text = index.read_text(encoding="utf-8")
    if not (ETOC_REDIRECT.fullmatch(text) or text.startswith("<!DOCTYPE html>\n<html lang=")):
        return  # not the redirect page: leave it alone
    target = app.builder.get_target_uri(app.config.root_doc)
    page = REDIRECT_PAGE.format(
        lang=html.escape(app.config.language or "en"),
        title=html.escape(app.config.html_title or app.config.project),
        description=html.escape(read_edition().subtitle, quote=True),
        canonical=html.escape(posixpath.join(app.config.html_baseurl or "", target)),
        target=html.escape(target),
    )
    if page != text:
        index.write_text(page, encoding="utf-8")


# --------------------------------------------------------------------------- events


def _builder_inited(app: Sphinx) -> None:
    if not _is_html(app):
        return
    if REMOTE.match(getattr(app.config, "mathjax_path", "") or ""):
        for static in app.config.html_static_path:
            if (Path(app.confdir) / static / LOCAL_MATHJAX).is_file():
                app.config.mathjax_path = LOCAL_MATHJAX
    if any(
        (Path(app.confdir) / static / SITE_JS).is_file() for static in app.config.html_static_path
    ):
        app.add_js_file(SITE_JS, loading_method="defer")
    _wrap_render(app)


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _is_html(app):
        return
    out = Path(app.outdir)
    robots = "User-agent: *\nAllow: /\n"
    if app.config.html_baseurl:  # the sitemap's address must be absolute
        robots += f"\nSitemap: {posixpath.join(app.config.html_baseurl, 'sitemap.xml')}\n"
    (out / "robots.txt").write_text(robots, encoding="utf-8")
    _complete_sitemap(app)
    _write_root_redirect(app)
    _write_site_assets(app)


def setup(app: Sphinx) -> dict:
    # A digest of this extension and its script, as an HTML setting: when either changes, every
    # page is written again (Sphinx rewrites all pages when an HTML setting changes).
    here = Path(__file__).resolve()
    digest = hashlib.sha256(here.read_bytes())
    script = here.parents[1] / "_static" / SITE_JS
    if script.is_file():
        digest.update(script.read_bytes())
    app.add_config_value("eucasia_site_digest", digest.hexdigest()[:16], "html")
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _trim_page_assets, priority=900)
    # After the theme rewrites pygments.css and MyST-NB writes its stylesheet (both at 500).
    app.connect("build-finished", _build_finished, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
