"""eucasia.assembly.site.fonts and .assets: icon fonts cut to the icons used, and the kept cut."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from eucasia.assembly.site import assets, fonts
from eucasia.presentation.figurekit.fontsubset import subset_font

THEME = Path(__import__("pydata_sphinx_theme").__file__).parent / "theme" / "pydata_sphinx_theme"
STATIC = THEME / "static"


def test_icon_map() -> None:
    sheet = (
        '.fa-sun:before{content:"\\f185"}'
        ".fa-moon::before, .fa-night:before { content: '\\f186'; }"
        '.fa-plus:before{content:"\\+"}'  # the old reader kept the backslash: "\\+"
        '.fa-x:before{content:"\\f00d";color:red}'  # not an icon rule: two declarations
        '.btn .fa-y:before{content:"\\f00e"}'  # nor this: a descendant selector
    )
    assert fonts.icon_map(sheet) == {
        "sun": "\uf185",
        "moon": "\uf186",
        "night": "\uf186",
        "plus": "+",
    }


def test_private_use_chars_skip_icon_rules() -> None:
    sheet = '.fa-sun:before{content:"\\f185"}.admonition:before{content:"\\f05a" " x"}'
    assert fonts.private_use_chars(sheet) == {"\uf05a"}


def _faces(names: tuple[str, ...]) -> str:
    return "".join(
        f"@font-face{{font-family:x;src:url(../vendor/fontawesome/webfonts/{font}.woff2) "
        f'format("woff2"),url(../vendor/fontawesome/webfonts/{font}.ttf) format("truetype")}}'
        for font in names
    )


def test_point_fonts_at_subsets() -> None:
    out = fonts.point_fonts_at_subsets(_faces(fonts.FONTS))
    assert out.count("src:url(../vendor/fontawesome/subset/") == 3
    assert (
        "@font-face{font-family:x;"
        'src:url(../vendor/fontawesome/subset/fa-solid-900.woff) format("woff")}' in out
    )
    with pytest.raises(ValueError, match="fa-brands-400"):
        fonts.point_fonts_at_subsets(_faces(fonts.FONTS[:2]))


def test_subset_font_keeps_only_the_glyphs_asked_for() -> None:
    source = STATIC / fonts.THEME_FONTS / "fa-solid-900.ttf"
    woff = subset_font(source, {"\uf185"})
    assert len(woff) < 5_000 < source.stat().st_size
    font = TTFont(__import__("io").BytesIO(woff))
    assert 0xF185 in font.getBestCmap() and 0xF186 not in font.getBestCmap()


def test_site_assets_are_cut_then_kept(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "html"
    (out / "_static").mkdir(parents=True)
    (out / "page.html").write_text('<i class="fa-solid fa-sun"></i><p class="kept">', "utf-8")
    (out / "_static" / "own.css").write_text(".kept{x:1}.gone{x:2}", "utf-8")
    warnings: list[str] = []
    assets.write_site_assets(out, tmp_path / "keep", [STATIC], "v1", warnings.append)
    assert warnings == []
    own = (out / "_static" / "own.css").read_text("utf-8")
    assert own == assets.PURGED_MARK + ".kept{x:1}"
    theme = (out / "_static" / assets.THEME_CSS).read_text("utf-8")
    assert ".fa-sun:before" in theme and ".fa-moon:before" not in theme
    manifest = json.loads((tmp_path / "keep" / "cut" / "manifest.json").read_text("utf-8"))
    assert "vendor/fontawesome/subset/fa-solid-900.woff" in manifest["files"]

    def no_cut(*args):
        raise AssertionError("the kept cut should have been used")

    monkeypatch.setattr(assets, "cut_assets", no_cut)
    assets.write_site_assets(out, tmp_path / "keep", [STATIC], "v1", warnings.append)
    assert (out / "_static" / "own.css").read_text("utf-8") == own  # from the kept original
    with pytest.raises(AssertionError, match="kept cut"):
        assets.write_site_assets(out, tmp_path / "keep", [STATIC], "v2", warnings.append)
