"""eucasia.assembly.site.pages and .markup: per-page rewrites, spliced into the page as written."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from eucasia.assembly.site import markup, pages, usage

HEAD = """<html>
  <head>
    <link href="../_static/styles/theme.css?digest=abc" rel="stylesheet" />
    <link rel="stylesheet" href="../_static/eucasia.css?v=1" />
    <script src="../_static/documentation_options.js?v=2"></script>
    <script src="../_static/doctools.js?v=3"></script>
    <script src="../_static/searchtools.js"></script>
    <script src="../_static/language_data.js"></script>
  <!-- So that users can add custom icons -->
  <script defer src="../_static/scripts/fontawesome.js?digest=abc"></script>
  <!-- Pre-loaded scripts that we'll load fully later -->
  <link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=abc" />
<link rel="preload" as="script" href="../_static/scripts/pydata-sphinx-theme.js?digest=abc" />
  <meta name="viewport" content="width=device-width"/>
  </head>
  <body>
    <div role="doc-biblioentry">Entry</div>
    <img alt="" src="../_images/fig.svg" />
    <IMG alt='' SRC='../_images/upper.svg'>
    <img alt="" src="../_static/logo.svg" />
    <img alt="" loading="eager" src="../_images/eager.svg" />
    <img alt="Binder logo" src="../_static/images/logo_binder.svg">
  <script defer src="../_static/scripts/bootstrap.js?digest=abc"></script>
<script defer src="../_static/scripts/pydata-sphinx-theme.js?digest=abc"></script>
  </body>
</html>
"""


def test_rewrite_of_a_chapter_page() -> None:
    out = pages.rewrite(HEAD, search_scripts=False, basic_css_direct=True)
    assert '<link href="../_static/basic.css" rel="stylesheet" />' in out
    assert "fontawesome" not in out and "custom icons" not in out and "Pre-loaded" not in out
    assert 'rel="preload"' not in out
    assert "searchtools" not in out and "language_data" not in out
    # doctools acts on a parsed page: fetched once the page is painted, not beside the styles.
    assert 'for (const src of ["../_static/doctools.js?v=3"])' in out
    assert '<script src="../_static/documentation_options.js?v=2"></script>' in out  # not deferred
    assert '<div role="listitem">' in out
    assert '<img loading="lazy" alt="" src="../_images/fig.svg" />' in out
    assert "<IMG loading=\"lazy\" alt='' SRC='../_images/upper.svg'>" in out
    assert '<img alt="" src="../_static/logo.svg" />' in out  # not a figure
    assert '<img alt="" loading="eager" src="../_images/eager.svg" />' in out
    assert '<img loading="lazy" alt="Binder logo" src="../_static/images/logo_binder.svg">' in out
    assert '<script defer src="../_static/scripts/bootstrap.js' not in out
    assert (
        'for (const src of ["../_static/scripts/bootstrap.js?digest=abc", '
        '"../_static/scripts/pydata-sphinx-theme.js?digest=abc"])' in out
    )
    # The removed tags take their indent with them; everything else stays byte for byte.
    assert '<link rel="stylesheet" href="../_static/eucasia.css?v=1" />\n    <script src' in out
    assert '<script src="../_static/doctools.js?v=3"></script>' not in out
    assert 'language_data.js"></script>\n  <meta name="viewport"' not in out
    assert "})();\n</script>\n  <meta name=" in out


def test_search_page_keeps_its_scripts_undeferred() -> None:
    out = pages.rewrite(HEAD, search_scripts=True, basic_css_direct=False)
    assert '<script src="../_static/searchtools.js"></script>' in out
    assert '<script src="../_static/doctools.js?v=3"></script>' in out  # searchtools needs it now
    assert '../_static/doctools.js?v=3"]' not in out
    assert "styles/theme.css?digest=abc" in out


def test_rewrite_changes_nothing_it_is_not_meant_to() -> None:
    page = (
        "<html><head><title>T &amp; U</title></head>\n<body class='x'><p id=a>é</p></body></html>"
    )
    assert pages.rewrite(page, search_scripts=False, basic_css_direct=True) == page


def test_unused_assets_and_trim() -> None:
    body = '<div class="cell docutils container"><div class="highlight-python notranslate">'
    unused = pages.unused_assets(body, thebe=False)
    assert "mystnb." not in unused and "copybutton.js" not in unused
    assert {"sphinx-design.min.css", "togglebutton.js", "sphinx-thebe.js"} <= unused
    assert "sphinx-thebe.js" not in pages.unused_assets(body, thebe=True)

    def script(filename: str, body: str = "") -> SimpleNamespace:
        return SimpleNamespace(filename=filename, attributes={"body": body} if body else {})

    scripts = [
        script("_static/doctools.js"),
        script("_static/togglebutton.js"),
        script("", "let toggleHint = 'Click';"),
        script("", "DOCUMENTATION_OPTIONS.x = 1;"),
        script("", "DOCUMENTATION_OPTIONS.x = 1;"),
    ]
    kept, sheets = pages.trim_assets(
        scripts, ["_static/mystnb.123.css", "_static/sphinx-design.min.css"], unused
    )
    assert [s.filename or s.attributes["body"] for s in kept] == [
        "_static/doctools.js",
        "DOCUMENTATION_OPTIONS.x = 1;",
    ]
    assert sheets == ["_static/mystnb.123.css"]


def test_description() -> None:
    assert pages.has_description('<meta name="description" content="x" />')
    assert pages.has_description("<META NAME=description CONTENT=x>")
    assert not pages.has_description('<meta property="og:description" content="x" />')
    tag = pages.description_tag("<em>Search</em> &amp; find", 'A "book"')
    assert tag == '\n<meta name="description" content="Search &amp; find: A &quot;book&quot;." />'


def test_markup_locates_attributes_however_they_are_written() -> None:
    page = "<A HREF=x.html title='a &amp; b' data-x=\"1\" hidden>t</A><script>if (a<b) {}</script>"
    doc = markup.parse(page)
    link, script = doc.tags
    assert (link.name, link.attrs) == (
        "a",
        [("href", "x.html"), ("title", "a & b"), ("data-x", "1"), ("hidden", None)],
    )
    assert [
        page[s:e] if s is not None else None for s, e in (sp or (None, None) for sp in link.spans)
    ] == [
        "x.html",
        "a &amp; b",
        "1",
        None,
    ]
    assert page[script.start : script.close] == "<script>if (a<b) {}</script>"
    assert script.content == "if (a<b) {}"


def test_splice() -> None:
    assert markup.splice("abcdef", [(4, 5, "E"), (1, 1, "+"), (2, 3, "")]) == "a+bdEf"
    with pytest.raises(ValueError):
        markup.splice("abcdef", [(1, 3, ""), (2, 4, "")])


def test_page_classes() -> None:
    page = (
        "<div class='a  b'><SPAN CLASS=c></SPAN></div>"
        '<script>el.classList.add("shown")</script><!-- <p class="commented"> -->'
    )
    names = usage.page_classes(page)
    assert {"a", "b", "c", "shown", "classList"} <= names
    assert "commented" not in names


def test_site_classes_are_kept_per_page(tmp_path) -> None:
    out, kept = tmp_path / "html", tmp_path / "keep" / "classes.json"
    (out / "_static").mkdir(parents=True)
    page = out / "page.html"
    page.write_text('<p class="first">', encoding="utf-8")
    (out / "_static" / "site.js").write_text("el.classList.add('shown')", encoding="utf-8")
    assert usage.site_classes(out, kept) == {"first", "el", "classList", "add", "shown"}
    page.write_text('<p class="second">', encoding="utf-8")  # another size: parsed again
    assert "second" in usage.site_classes(out, kept) and "first" not in usage.site_classes(
        out, kept
    )


def test_the_print_title_is_the_escaped_page_title() -> None:
    """The theme prints the title through Jinja's striptags, which unescapes it: a title from
    data would become markup (the hostile-value build found a script in an actor page)."""
    page = (
        "<html><head><title>A &lt;script&gt;x&lt;/script&gt; &amp; B &#8212; The book</title>"
        '</head><body><div id="jb-print-docs-body" class="onlyprint">\n    '
        "<h1>A <script>x</script> & B</h1>\n    <!-- Table of contents -->\n</div></body></html>"
    )
    out = pages.escape_print_title(page)
    assert "<h1>A &lt;script&gt;x&lt;/script&gt; &amp; B</h1>" in out
    assert "<script>" not in out
    assert pages.escape_print_title("<p>no header</p>") == "<p>no header</p>"


def test_a_script_marked_late_is_fetched_after_the_first_paint() -> None:
    page = (
        '<html><head><script data-eucasia-late="true" src="../_static/x.js?v=1"></script>'
        "</head><body></body></html>"
    )
    out = pages.rewrite(page, search_scripts=False, basic_css_direct=True)
    assert 'src="../_static/x.js' not in out
    assert 'for (const src of ["../_static/x.js?v=1"])' in out and "requestAnimationFrame" in out


def test_scripts_that_wait_for_a_parsed_page_are_fetched_after_the_paint_in_order() -> None:
    page = (
        "<html><head>"
        '<script src="../_static/doctools.js?v=1"></script>'
        '<script defer src="../_static/eucasia-tables.js?v=2"></script>'
        '<script src="../_static/design-tabs.js?v=3"></script>'
        '<script data-eucasia-late="true" src="../_static/eucasia-explorer.js?v=4"></script>'
        "</head><body></body></html>"
    )
    out = pages.rewrite(page, search_scripts=False, basic_css_direct=True)
    assert out.count("requestAnimationFrame") == 1
    assert (
        'for (const src of ["../_static/doctools.js?v=1", "../_static/eucasia-tables.js?v=2", '
        '"../_static/eucasia-explorer.js?v=4"])' in out
    )
    # design-tabs.js waits for DOMContentLoaded, which a late script would miss: deferred only.
    assert '<script defer src="../_static/design-tabs.js?v=3"></script>' in out


def test_a_small_blocking_script_goes_inside_the_page() -> None:
    page = (
        '<html><head><script src="../_static/documentation_options.js?v=1"></script>'
        "<script>DOCUMENTATION_OPTIONS.pagename = 'x';</script></head></html>"
    )
    out = pages.inline_script(page, "documentation_options.js", "const D = {A: 1};")
    assert out == (
        "<html><head><script>const D = {A: 1};</script>"
        "<script>DOCUMENTATION_OPTIONS.pagename = 'x';</script></head></html>"
    )
    assert pages.inline_script(page, "documentation_options.js", "'</script>'") == page
    assert pages.inline_script(page, "other.js", "x") == page
