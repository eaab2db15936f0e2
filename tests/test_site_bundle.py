"""eucasia.assembly.site.bundle: one stylesheet a page, joined in the page's order."""

from __future__ import annotations

import json

import pytest

from eucasia.assembly.site import bundle

PAGE = """<html>
  <head>
    <link href="../_static/basic.css" rel="stylesheet" />
<link href="../_static/styles/theme.css?digest=abc" rel="stylesheet" />
    <link rel="stylesheet" type="text/css" href="../_static/eucasia.css?v=1" />
    <link rel="stylesheet" href="https://example.org/remote.css" />
    <link rel="stylesheet" media="print" href="../_static/print.css" />
    <link rel="icon" href="../_static/favicon.svg"/>
  </head>
  <body><link rel="stylesheet" href="../_static/late.css" /></body>
</html>
"""


def test_a_page_links_one_bundle_of_its_local_sheets_in_order() -> None:
    out, members = bundle.join_stylesheets(PAGE)
    assert members == ["basic.css", "styles/theme.css", "eucasia.css"]
    name = bundle.bundle_name(members)
    assert f'<link rel="stylesheet" href="../_static/styles/{name}?v=' in out
    assert "basic.css" not in out and "theme.css" not in out and "eucasia.css" not in out
    # Everything else stays as it was: other hosts, other media, icons, the body.
    for kept in ("remote.css", 'media="print"', "favicon.svg", "late.css"):
        assert kept in out
    assert out.count("<link") == PAGE.count("<link") - 2


def test_a_page_with_one_sheet_is_left_alone() -> None:
    page = '<html><head><link rel="stylesheet" href="_static/a.css" /></head></html>'
    assert bundle.join_stylesheets(page) == (page, [])


def test_bundle_names_follow_the_sheets_and_their_order() -> None:
    assert bundle.bundle_name(["a.css", "b.css"]) == bundle.bundle_name(["a.css", "b.css"])
    assert bundle.bundle_name(["a.css", "b.css"]) != bundle.bundle_name(["b.css", "a.css"])


def test_relative_urls_are_rebased_onto_the_bundle_folder() -> None:
    text = (
        "a{background:url(file.png)}b{src:url('img/x.woff?v=1#f')}"
        'c{background:url("data:image/svg+xml;utf8,<svg>(x)</svg>")}d{x:url(/abs.png)}'
    )
    out = bundle.rebase_urls(text, "basic.css")
    assert 'url("../file.png")' in out and 'url("../img/x.woff?v=1#f")' in out
    assert 'url("data:image/svg+xml;utf8,<svg>(x)</svg>")' in out and "url(/abs.png)" in out
    theme = "@font-face{src:url(../vendor/fa.woff)}"
    assert (
        bundle.rebase_urls(theme, "styles/pydata.css") == '@font-face{src:url("../vendor/fa.woff")}'
    )


def test_bundle_text_names_its_sheets_and_keeps_one_charset(tmp_path) -> None:
    (tmp_path / "styles").mkdir()
    (tmp_path / "basic.css").write_text('@charset "UTF-8";\na{background:url(f.png)}\n')
    (tmp_path / "styles" / "t.css").write_text('/* cut */\n@charset "UTF-8";\nb{color:red}')
    text = bundle.bundle_text(tmp_path, ["basic.css", "styles/t.css"])
    assert bundle.bundle_members(text) == ["basic.css", "styles/t.css"]
    assert text.count("@charset") == 1 and text.splitlines()[1] == '@charset "UTF-8";'
    assert text.index("a{") < text.index("b{color:red}")
    assert 'url("../f.png")' in text
    assert bundle.bundle_members("a{}") == []


def test_a_sheet_with_an_import_is_refused_with_its_place(tmp_path) -> None:
    (tmp_path / "x.css").write_text('a{}\n@import "y.css";\n')
    with pytest.raises(bundle.BundleError, match=r"_static/x.css: @import at line 2"):
        bundle.bundle_text(tmp_path, ["x.css"])


def test_recorded_bundles_are_written_from_the_sheets_of_the_site(tmp_path) -> None:
    out, keep = tmp_path / "html", tmp_path / "keep"
    (out / "_static").mkdir(parents=True)
    (out / "_static" / "a.css").write_text("a{}")
    (out / "_static" / "b.css").write_text("b{}")
    bundle.record(keep, ["a.css", "b.css"])
    bundle.record(keep, ["a.css", "gone.css"])
    assert json.loads((keep / (bundle.bundle_name(["a.css", "b.css"]) + ".json")).read_text())
    assert bundle.write_bundles(out, keep) == ["gone.css"]
    written = out / "_static" / "styles" / bundle.bundle_name(["a.css", "b.css"])
    assert bundle.bundle_members(written.read_text()) == ["a.css", "b.css"]
    assert not (out / "_static" / "styles" / bundle.bundle_name(["a.css", "gone.css"])).exists()


def test_small_fonts_travel_inside_the_bundle_and_large_ones_stay_files(tmp_path) -> None:
    import base64

    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "icons.woff").write_bytes(b"wOFF" + b"\0" * 100)
    (tmp_path / "fonts" / "big.woff2").write_bytes(b"wOF2" + b"\0" * bundle.INLINE_MAX_BYTES)
    (tmp_path / "a.css").write_text(
        "@font-face{src:url(fonts/icons.woff)}@font-face{src:url(fonts/big.woff2)}"
    )
    (tmp_path / "b.css").write_text("b{}")
    text = bundle.bundle_text(tmp_path, ["a.css", "b.css"])
    encoded = base64.b64encode(b"wOFF" + b"\0" * 100).decode()
    assert f'url("data:font/woff;base64,{encoded}")' in text
    assert 'url("../fonts/big.woff2")' in text
