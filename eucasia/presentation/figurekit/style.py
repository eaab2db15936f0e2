"""The one style table of the book's figures: palette, actor-type colours and markers, strand colours, Matplotlib settings.

Colours come from the Okabe–Ito palette; each actor type has a fixed colour *and* marker, so
types stay distinguishable in greyscale and for any colour blindness. Figures and legends both
read :data:`ACTOR_TYPE_STYLE`, so a node's look and its legend entry cannot disagree.
"""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

import matplotlib as mpl

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
_C = OKABE_ITO

#: actor_type -> (legend label, colour, marker), in legend order. Related types
#: share a colour and differ by marker (circle vs square).
ACTOR_TYPE_STYLE: dict[str, tuple[str, str, str]] = {
    "eu_institution": ("EU institution", _C["blue"], "o"),
    "eu_member_states": ("EU member states", _C["sky_blue"], "o"),
    "parliament": ("Parliament", _C["blue"], "s"),
    "central_asian_state": ("Central Asian state", _C["vermillion"], "o"),
    "central_asian_collective": ("Central Asian collective", _C["vermillion"], "s"),
    "neighbour_state": ("Neighbour state", _C["reddish_purple"], "o"),
    "third_country": ("Third country", _C["reddish_purple"], "s"),
    "international_organisation": ("International organisation", _C["bluish_green"], "o"),
    "un_body": ("UN body", _C["bluish_green"], "s"),
    "financial_institution": ("Financial institution", _C["orange"], "o"),
    "private_sector": ("Private sector", _C["orange"], "s"),
    "civil_society": ("Civil society", _C["yellow"], "o"),
    "academia_youth": ("Academia and youth", _C["yellow"], "s"),
    "other": ("Other", _C["grey"], "o"),
}
ACTOR_TYPE_ORDER = tuple(ACTOR_TYPE_STYLE)
EDGE_COLOUR = "#6b6b6b"
#: The ties of a network figure, and of its explorer on the web (written into the explorer's
#: data when the book is built, eucasia.presentation.page.explorer): their colour, opacity
#: and line width in points: the thinnest line, plus the range up to the heaviest tie's
#: (:func:`tie_width`).
TIE_STYLE: dict[str, object] = {
    "colour": EDGE_COLOUR,
    "alpha": 0.5,
    "min_width_pt": 0.4,
    "width_range_pt": 3.6,
}


def tie_width(weight: float, wmax: float) -> float:
    """The line width (points) of a tie of `weight` in a network whose heaviest tie is `wmax`:
    from :data:`TIE_STYLE`'s thinnest line at no weight to its thickest at `wmax`.

    >>> tie_width(2, 4), tie_width(4, 4)
    (2.2, 4.0)
    """
    low, extra = TIE_STYLE["min_width_pt"], TIE_STYLE["width_range_pt"]
    return low + extra * weight / wmax  # type: ignore[operator]


NODE_EDGE = "#333333"
#: The outline of a bar, and of its swatch in a legend.
BAR_EDGE = "#333333"
WIDTH_IN = 7.0

#: One colour per strand, from the colour-blind-safe Okabe–Ito palette.
STRAND_COLOURS = {
    "regional": OKABE_ITO["grey"],
    "resilience": OKABE_ITO["bluish_green"],
    "prosperity": OKABE_ITO["orange"],
    "together": OKABE_ITO["blue"],
}


#: The one type size of every text in a figure (labels, ticks, keys, titles), in points at the
#: figure's own size (7 in wide). A figure is shown in the page's column (about 690 CSS px at a
#: desktop width) scaled to fit, so its drawing stays at most `MAX_WIDTH_PT` wide: then 9.5 pt
#: is at least 11 CSS px on screen; opened at full size on a phone it is 12.7 px.
FONT_PT = 9.5
#: Smallest type size in a figure (there is one size: :data:`FONT_PT`).
MIN_FONT_PT = FONT_PT
#: The widest a saved figure may be (points) for its text to stay 11 px in a 672 px column.
MAX_WIDTH_PT = FONT_PT * 672 / 11

#: The book's typeface: the PDF sets its text in Noto Serif and Noto Sans (``_config.yml``), so
#: the figures use Noto Sans, found by fontconfig among the fonts the build needs
#: (tools/ensure-tex.sh installs fonts-noto-core) and embedded, cut, in each SVG.
FONT_FAMILY = "Noto Sans"
_FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")


@functools.cache
def register_book_font() -> str:
    """Make matplotlib know the book's typeface (its font cache may predate the font's
    installation); returns the family to use. Without it (a Binder session lacking the fonts)
    the figures fall back to DejaVu Sans, which ships with matplotlib."""
    from matplotlib import font_manager

    known = {Path(f.fname).name for f in font_manager.fontManager.ttflist}
    for name in _FONT_FILES:
        if name in known:
            continue
        path = _font_path(name)
        if path is None:
            return "DejaVu Sans"
        font_manager.fontManager.addfont(str(path))
    return FONT_FAMILY


def _font_path(name: str) -> Path | None:
    """Where fontconfig keeps the font file `name` (e.g. NotoSans-Regular.ttf), if anywhere."""
    try:
        listing = subprocess.run(
            ["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        listing = ""
    paths = sorted(Path(line) for line in listing.splitlines() if Path(line).name == name)
    return paths[0] if paths else None


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""
    rgb = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(a: str, b: str = "#ffffff") -> float:
    """WCAG contrast ratio of two colours (1 to 21); graphics need at least 3 against white."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


#: Colours for marks that stand alone on white (timeline points, lines): the Okabe–Ito colours
#: with at least 3:1 contrast against white, then darker shades of the light ones.
MARK_COLOURS = (
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["black"],
    "#9E4F7A",  # reddish purple, darkened to 5.4:1
    "#A66F00",  # orange, darkened to 4.3:1
    "#2B7BB2",  # sky blue, darkened to 4.6:1
    "#6B6B6B",  # grey, darkened to 5.3:1
)

#: The line that marks the 2019 Communication on every time axis (the overview's timeline, the
#: country figures) and in their keys: one style, so the mark reads the same on every figure.
STRATEGY_MARK: dict[str, object] = {
    "color": MARK_COLOURS[1],
    "linestyle": (0, (4, 2)),
    "linewidth": 1.2,
}


def actor_type_style(actor_type: str | None) -> tuple[str, str, str]:
    """(label, colour, marker) for an actor type; unknown or missing types map to "other"."""
    return ACTOR_TYPE_STYLE.get(actor_type or "other", ACTOR_TYPE_STYLE["other"])


def figure_style(apply: bool = True) -> dict[str, object]:
    """Matplotlib settings for the book's figures; applied globally when ``apply``.

    ``svg.hashsalt`` fixes the otherwise random ids inside SVG files, glyphs are
    stored as text with their font embedded in SVG (figfile, svgfonts) and as embedded
    TrueType in PDF, in the book's typeface (:data:`FONT_FAMILY`) at one size (:data:`FONT_PT`).
    """
    style = {
        "svg.hashsalt": "eucasia",
        "svg.fonttype": "path",
        "pdf.fonttype": 42,
        "font.family": register_book_font(),
        "font.size": FONT_PT,
        "axes.titlesize": FONT_PT,
        "axes.titleweight": "bold",
        "axes.labelsize": FONT_PT,
        "xtick.labelsize": FONT_PT,
        "ytick.labelsize": FONT_PT,
        "axes.titlelocation": "left",
        "legend.fontsize": FONT_PT,
        "legend.title_fontsize": FONT_PT,
        "savefig.dpi": 200,
        "path.simplify": False,
        # Labels are data: a name with two "$" must never be typeset as mathematics.
        "text.parse_math": False,
    }
    if apply:
        mpl.rcParams.update(style)
    return style


#: Implementation status -> (reader label, colour), in the descriptor's order; figures, legends
#: and tables all read this one table.
STATUS_STYLE: dict[str, tuple[str, str]] = {
    "delivered": ("delivered", OKABE_ITO["bluish_green"]),
    "partly_delivered": ("partly delivered", OKABE_ITO["sky_blue"]),
    "under_way": ("under way", OKABE_ITO["yellow"]),
    "announced_only": ("announced only", OKABE_ITO["reddish_purple"]),
    "superseded": ("superseded", OKABE_ITO["grey"]),
    "no_public_evidence": ("no public evidence found", OKABE_ITO["vermillion"]),
}


def status_label(status: str) -> str:
    """A status as readers see it ("partly delivered", "no public evidence found").

    Examples
    --------
    >>> status_label("partly_delivered")
    'partly delivered'
    """
    return STATUS_STYLE[status][0]


def with_status_labels(text: str) -> str:
    """Free text (a coder's rationale) with status codes written as readers see them."""
    for code, (label, _) in STATUS_STYLE.items():
        text = text.replace(code, label)
    return text
