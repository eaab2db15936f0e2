"""The site's stylesheets and icon fonts, cut to what its pages use, after every build.

The cut runs over every page in the output folder, so it sees exactly the classes the templates
and the theme's Python wrote, whichever pages were rewritten this time. The theme's stylesheet
is always cut from the theme's own copy, the others from a pristine copy kept beside the
doctrees (a sheet in the output may already be cut). Their addresses carry version digests or
checksums of the original files, so the pages' links stay valid.

The result is kept under a key of everything it depends on (the site's class names, the
original stylesheets, the code that cuts): a rebuild that changed none of them writes the kept
files instead of cutting again, which keeps a no-op rebuild fast.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from eucasia.assembly.files import write_if_changed
from eucasia.assembly.site import bundle, css, fonts, purge
from eucasia.assembly.site.usage import site_classes
from eucasia.presentation.figurekit.fontsubset import subset_font

THEME_CSS = "styles/pydata-sphinx-theme.css"
#: Marks a stylesheet that has been cut; its original is kept beside the doctrees.
PURGED_MARK = "/* eucasia_site: cut to the classes the site uses */\n"


def find_theme_file(theme_static: list[Path], relative: str) -> Path | None:
    """`relative` in the first of the theme's static folders that has it."""
    return next((d / relative for d in theme_static if (d / relative).is_file()), None)


def pristine(sheet: Path, out: Path, keep: Path) -> str | None:
    """The stylesheet as Sphinx or an extension wrote it, before any cut (None: its kept copy
    is gone). An uncut sheet is copied under `keep` on the way."""
    kept = keep / sheet.relative_to(out)
    text = sheet.read_text(encoding="utf-8")
    if not text.startswith(PURGED_MARK):
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(text, encoding="utf-8")
        return text
    return kept.read_text(encoding="utf-8") if kept.is_file() else None


def original_sheets(out: Path, keep: Path, warn: Callable[[str], None]) -> dict[str, str]:
    """Every stylesheet of `_static` but the theme's, vendored ones and the bundles (made from
    the cut sheets afterwards), as first written."""
    static = out / "_static"
    originals = {}
    for sheet in sorted(static.rglob("*.css")):
        relative = sheet.relative_to(static).as_posix()
        if (
            relative == THEME_CSS
            or relative.startswith("vendor/")
            or relative.startswith(f"{bundle.BUNDLE_DIR}/{bundle.BUNDLE_PREFIX}")
        ):
            continue
        original = pristine(sheet, out, keep)
        if original is None:
            warn(
                f"the original of {relative} is gone (the doctree folder was cleaned): rebuild "
                "from scratch to cut it again"
            )
            continue
        originals[relative] = original
    return originals


def cut_assets(
    theme_static: list[Path], classes: set[str], originals: dict[str, str]
) -> dict[str, bytes] | None:
    """The cut fonts and stylesheets, by path under `_static` (None: the theme has no CSS)."""
    source = find_theme_file(theme_static, THEME_CSS)
    if source is None:
        return None
    theme_css = source.read_text(encoding="utf-8")
    theme_sheets = [
        sheet.read_text(encoding="utf-8")
        for static in theme_static
        if (static / "styles").is_dir()
        for sheet in sorted((static / "styles").glob("*.css"))
    ]
    chars = fonts.icon_chars(theme_css, classes, theme_sheets)
    assets: dict[str, bytes] = {}
    for font in fonts.FONTS:
        ttf = find_theme_file(theme_static, f"{fonts.THEME_FONTS}/{font}.ttf")
        if ttf is None:
            raise FileNotFoundError(f"the theme's {font}.ttf is missing")
        assets[f"{fonts.FONT_DIR}/{font}.woff"] = subset_font(ttf, chars)
    themed = css.without_source_map(fonts.point_fonts_at_subsets(theme_css))
    assets[THEME_CSS] = (PURGED_MARK + purge.purge(themed, classes)).encode("utf-8")
    for relative, original in originals.items():
        cut = PURGED_MARK + purge.purge(css.without_source_map(original), classes)
        assets[relative] = cut.encode("utf-8")
    return assets


def write_site_assets(
    out: Path, keep: Path, theme_static: list[Path], digest: str, warn: Callable[[str], None]
) -> None:
    """Cut the icon fonts and every stylesheet of the site in `out` down to what it uses.

    `keep` holds the pristine sheets and the kept cut; `digest` stands for the code that cuts.
    """
    static = out / "_static"
    classes = site_classes(out, keep / "classes.json")
    key = hashlib.sha256(digest.encode())
    for name in sorted(classes):
        key.update(name.encode() + b"\0")
    originals = original_sheets(out, keep, warn)
    for relative, original in originals.items():
        key.update(f"{relative}\0{original}\0".encode())
    kept = keep / "cut"
    manifest = kept / "manifest.json"
    assets = None
    if manifest.is_file():
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
        if recorded.get("key") == key.hexdigest() and all(
            (kept / name).is_file() for name in recorded["files"]
        ):
            assets = {name: (kept / name).read_bytes() for name in recorded["files"]}
    if assets is None:
        assets = cut_assets(theme_static, classes, originals)
        if assets is None:
            warn(f"{THEME_CSS} not found in the theme; stylesheets and icons are left as they are")
            return
        for name, data in assets.items():
            write_if_changed(kept / name, data)
        manifest.write_text(
            json.dumps({"key": key.hexdigest(), "files": sorted(assets)}), encoding="utf-8"
        )
    for name, data in assets.items():
        write_if_changed(static / name, data)
