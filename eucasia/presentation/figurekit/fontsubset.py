"""A font cut to the characters a document uses, as WOFF bytes (fontTools).

Used for the figures' text (`figfile`) and for the site's icon fonts
(`eucasia.assembly.site.fonts`): both carry only the glyphs they draw.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path


def subset_font(source: Path, chars: set[str], hinting: bool = True) -> bytes:
    """The font at `source` cut to `chars`, as WOFF bytes, its copyright and licence records
    kept; without its hinting instructions when `hinting` is False (screens that scale a
    figure do not use them, and they are most of a small subset's weight)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff"
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = hinting
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: nothing a reader needs
    font = TTFont(str(source), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in "".join(chars)))
    # fontTools logs each table it drops at INFO, which a notebook would print under a figure.
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    subsetter.subset(font)
    font.flavor = "woff"
    buffer = io.BytesIO()
    font.save(buffer, reorderTables=True)
    return buffer.getvalue()
