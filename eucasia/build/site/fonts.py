"""Font Awesome's fonts cut down to the icons the site shows.

The theme loads Font Awesome's 1.5 MB SVG-with-JavaScript bundle to draw a dozen icons. Its
stylesheet also carries Font Awesome's web-font rules, so the site drops the script and draws
the icons from the fonts, cut with fontTools (from the theme's own TTF files) to the glyphs the
pages use: a few kB instead of 1.5 MB.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from eucasia.build.site import css
from eucasia.build.site.markup import splice

#: Where the cut fonts go, under `_static`.
FONT_DIR = "vendor/fontawesome/subset"
FONTS = ("fa-solid-900", "fa-regular-400", "fa-brands-400")
#: Where the theme's fonts are, under its `static` folder.
THEME_FONTS = "vendor/fontawesome/webfonts"


def icon_chars(theme_css: str, classes: set[str], sheets: Iterable[str]) -> set[str]:
    """The characters to keep: those of the icon classes the site uses (`fa-sun`), and the
    glyphs the stylesheets `sheets` draw in ::before/::after (admonitions, breadcrumbs)."""
    mapping = css.icon_map(theme_css)
    chars = {char for name, char in mapping.items() if f"fa-{name}" in classes}
    for sheet in sheets:
        chars |= css.private_use_chars(sheet)
    return chars


def subset_font(source: Path, chars: set[str]) -> bytes:
    """The font cut to `chars`, as WOFF bytes (its copyright and licence records kept)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff"
    options.name_IDs = ["*"]  # keep the copyright and licence records (SIL OFL 1.1)
    options.name_languages = ["*"]
    options.notdef_outline = True
    font = TTFont(str(source), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in "".join(chars)))
    subsetter.subset(font)
    font.flavor = "woff"
    buffer = io.BytesIO()
    font.save(buffer, reorderTables=True)
    return buffer.getvalue()


def point_fonts_at_subsets(theme_css: str) -> str:
    """The theme's stylesheet with each Font Awesome @font-face loading the cut WOFF font.

    Raises ValueError unless each font has exactly one @font-face (a theme update to check).
    """
    edits = []
    faces = css.font_face_sources(theme_css)
    for font in FONTS:
        found = [
            (start, end)
            for urls, start, end in faces
            if urls[:1] == [f"../{THEME_FONTS}/{font}.woff2"]
        ]
        if len(found) != 1:
            raise ValueError(f"the theme's @font-face for {font} was not found")
        edits.append((*found[0], f'src:url(../{FONT_DIR}/{font}.woff) format("woff")'))
    return splice(css.normalise(theme_css), edits)
