"""Every character of the PDF edition has a glyph in its font.

The tracker's confusion table once headed its first column "first coding ↓ / second coder →":
the web page showed the arrows, the PDF showed empty boxes, because the body font has no arrows
and LaTeX only writes "Missing character" into its log and carries on. The check reads that log
of the PDF build, and is proven on a fixture log.
"""

from __future__ import annotations

import re
from pathlib import Path

from harness.paths import BUILD

LOG = BUILD / "latex" / "book.log"


def missing_characters(log: str) -> list[str]:
    """The distinct characters LaTeX found no glyph for, as 'X (U+NNNN) in Font'."""
    found = re.findall(r"Missing character: There is no (.+?) in font ([^/!\n]+)", log)
    return sorted({f"{char} in {font}" for char, font in found})


def test_every_character_of_the_pdf_has_a_glyph(built_pdf: Path) -> None:
    assert LOG.is_file(), f"the PDF build's log is missing at {LOG}"
    text = LOG.read_text(encoding="utf-8", errors="replace")
    assert missing_characters(text) == []


def test_a_missing_glyph_in_the_log_is_reported() -> None:
    log = (
        "Overfull \\hbox (1.2pt too wide) in paragraph\n"
        "Missing character: There is no ↓ (U+2193) in font Noto Sans Regular/OT:script=latn;!\n"
        "Missing character: There is no ↓ (U+2193) in font Noto Sans Regular/OT:script=latn;!\n"
        "Missing character: There is no → (U+2192) in font NotoSans-Bold!\n"
    )
    assert missing_characters(log) == [
        "→ (U+2192) in NotoSans-Bold",
        "↓ (U+2193) in Noto Sans Regular",
    ]
