"""The PDF edition reads like a printed book: nothing outside the type area, no overfull lines,
no half-empty pages, no heading stranded at the foot of a page, no web-only wording or raw keys.

Each check is a function over what poppler and LaTeX report (`pdftotext -bbox-layout`, page
images from `pdftoppm`, the LaTeX log), proven on a small fixture that breaks it
(`tests/fixtures/pdf/`) and then run on the built PDF. The page images are kept in
`$EUCASIA_TEST_ARTIFACTS/pdf-pages/` for a reader (and CI) to look at.
"""

from __future__ import annotations

import csv
import re
import shutil
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from harness.commands import run
from harness.paths import ARTIFACTS, BUILD, ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
LOG = BUILD / "latex" / "book.log"
PAGES_DIR = ARTIFACTS / "pdf-pages"
PT_PER_CM = 72 / 2.54
#: Baseline-to-baseline distance of the body text (10 pt type, `pointsize` in _config.yml).
BASELINE = 12.0
#: Resolution of the kept page images (a thumbnail a reader can page through).
IMAGE_DPI = 50

#: Wording that only makes sense on the web page (buttons, folding, the site's footer).
WEB_ONLY = (
    "launch button",
    "the button",
    "folded",
    "click",
    "foot of every page",
    "on the web page",
    "on this site",
    "of this site",
)


# --- what poppler reports -------------------------------------------------------------------


@dataclass
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str = ""


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[list[Box]] = field(default_factory=list)

    @property
    def words(self) -> list[Box]:
        return [w for line in self.lines for w in line]


_TAG = re.compile(r"<(page|line|word)\b([^>]*)>(?:([^<]*)</word>)?")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def parse_bbox_layout(xml: str) -> list[Page]:
    """Pages, their lines and words from `pdftotext -bbox-layout` (or `-bbox`: one word a line)."""
    pages: list[Page] = []
    for tag, attrs, text in _TAG.findall(xml):
        a = dict(_ATTR.findall(attrs))
        if tag == "page":
            pages.append(Page(len(pages) + 1, float(a["width"]), float(a["height"])))
        elif tag == "line":
            pages[-1].lines.append([])
        else:
            box = Box(float(a["xMin"]), float(a["yMin"]), float(a["xMax"]), float(a["yMax"]), text)
            if not pages[-1].lines:
                pages[-1].lines.append([])
            pages[-1].lines[-1].append(box)
    return pages


@dataclass(frozen=True)
class TypeArea:
    """The text block of a page, from the margins in `_config.yml` (points)."""

    hmargin: float
    vmargin: float
    #: Height of the bands above and below the text block that hold running heads and folios.
    band: float = 2.0 * PT_PER_CM


def type_area_from_config(config: Path = ROOT / "_config.yml") -> TypeArea:
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    setup = settings["sphinx"]["config"]["latex_elements"]["sphinxsetup"]
    h = re.search(r"hmargin=\{([\d.]+)cm,\s*([\d.]+)cm\}", setup)
    v = re.search(r"vmargin=\{([\d.]+)cm,\s*([\d.]+)cm\}", setup)
    assert h and v, f"margins not found in sphinxsetup: {setup}"
    assert h[1] == h[2] and v[1] == v[2], "the checks assume equal margins on both sides"
    return TypeArea(float(h[1]) * PT_PER_CM, float(v[1]) * PT_PER_CM)


def words_outside(pages: list[Page], area: TypeArea, tolerance: float = 1.0) -> list[str]:
    """Words beyond the side margins, or above/below the bands of the running head and folio."""
    found = []
    for page in pages:
        left, right = area.hmargin - tolerance, page.width - area.hmargin + tolerance
        top, bottom = area.vmargin - area.band, page.height - area.vmargin + area.band
        for w in page.words:
            if w.x0 < left or w.x1 > right or w.y0 < top or w.y1 > bottom:
                found.append(
                    f"page {page.number}: {w.text!r} at x {w.x0:.0f}–{w.x1:.0f}, "
                    f"y {w.y0:.0f}–{w.y1:.0f} (type area x {area.hmargin:.0f}–"
                    f"{page.width - area.hmargin:.0f})"
                )
    return found


def words_below_the_text_block(
    pages: list[Page], area: TypeArea, tolerance: float = 1.0
) -> list[str]:
    """Words whose top lies below the text block, other than the folio line (the page's lowest
    line): a table's foot ("continues on next page") or text that LaTeX ran past the block's
    foot into the band of the folio. A last line inside the block has its top a line's height
    above the block's foot."""
    found = []
    for page in pages:
        bottom = page.height - area.vmargin + tolerance
        below = [w for w in page.words if w.y0 > bottom]
        if not below:
            continue
        folio = max(w.y0 for w in below)
        found += [
            f"page {page.number}: {w.text!r} at y {w.y0:.1f}–{w.y1:.1f}, below the text block "
            f"(foot at {page.height - area.vmargin:.1f})"
            for w in below
            if w.y0 < folio - tolerance
        ]
    return found


def body_height(pages: list[Page], area: TypeArea) -> float:
    """The word height of the body text: the most common one in lines that fill the measure."""
    heights = [
        round(w.y1 - w.y0, 1)
        for p in pages
        for line in p.lines
        if line and line[-1].x1 - line[0].x0 > 0.7 * (p.width - 2 * area.hmargin)
        for w in line
    ]
    return statistics.mode(heights)


def heading_lines(pages: list[Page], area: TypeArea, body: float) -> list[tuple[Page, list[Box]]]:
    """Lines of the text block set larger than the body text: headings (and chapter titles)."""
    return [
        (page, line)
        for page in pages
        for line in page.lines
        if line
        and area.vmargin <= min(w.y0 for w in line) < page.height - area.vmargin
        and all(w.y1 - w.y0 > 1.15 * body for w in line)
    ]


def headings_at_foot(
    pages: list[Page], area: TypeArea, body: float, lines_below: int = 4
) -> list[str]:
    """Headings in the last `lines_below` lines of a page.

    A heading there has at most a line or two of its text under it, and the table or figure it
    introduces on the next page.
    """
    return [
        f"page {page.number}: heading {' '.join(w.text for w in line)!r}"
        for page, line in heading_lines(pages, area, body)
        if min(w.y0 for w in line) > page.height - area.vmargin - lines_below * BASELINE
    ]


def chapter_starts(pages: list[Page], area: TypeArea) -> list[int]:
    """Pages that open a chapter: text in the type area but no running head above it."""
    return [
        page.number
        for page in pages
        if page.words
        and not any(w.y1 < area.vmargin for w in page.words)
        and any(area.vmargin <= w.y0 < page.height - area.vmargin for w in page.words)
    ]


# --- page images ----------------------------------------------------------------------------


def inked_rows(image: Path, area: TypeArea, dpi: int = IMAGE_DPI) -> tuple[list[int], int]:
    """The rows of the text block that hold ink, and the block's height in rows."""
    from PIL import Image

    with Image.open(image) as im:
        grey = im.convert("L")
        scale = dpi / 72
        x0, x1 = int(area.hmargin * scale), grey.width - int(area.hmargin * scale)
        y0, y1 = int(area.vmargin * scale), grey.height - int(area.vmargin * scale)
        block = grey.crop((x0, y0, x1, y1))
        width, height = block.size
        data = block.load()
        inked = [row for row in range(height) if any(data[col, row] < 200 for col in range(width))]
    return inked, height


def ink_extent(image: Path, area: TypeArea, dpi: int = IMAGE_DPI) -> tuple[float, float]:
    """Share of the text block's height covered from its top to the lowest ink, and ink rows."""
    inked, height = inked_rows(image, area, dpi)
    if not inked:
        return 0.0, 0.0
    return (inked[-1] + 1) / height, len(inked) / height


def half_empty_pages(
    images: list[Path], area: TypeArea, starts: list[int], front: int
) -> list[str]:
    """Pages whose lowest ink is in the upper half of the text block.

    Exempt: the front matter (pages before `front`), the page before a chapter start and, when
    that page is blank (a chapter opens on a right-hand page), the one before it; the last page.
    """
    lowest = {n: ink_extent(image, area)[0] for n, image in enumerate(images, start=1)}
    exempt = set(range(1, front)) | {len(images)}
    for start in starts:
        exempt.add(start - 1)
        if lowest.get(start - 1) == 0.0:
            exempt.add(start - 2)
    return [
        f"page {n}: content ends {low:.0%} down the text block"
        for n, low in lowest.items()
        if n not in exempt and low < 0.5
    ]


# --- the LaTeX log --------------------------------------------------------------------------

_OVERFULL = re.compile(
    r"Overfull \\(?P<kind>[hv])box \((?P<size>[\d.]+)pt too (?:wide|high)\) "
    r"(?P<where>in paragraph at lines (\d+)--(\d+)|in alignment at lines (\d+)--(\d+)"
    r"|detected at line (\d+)|has occurred while \\output is active)"
    r"\n?(?P<text>.*)"
)


def overfull_boxes(log: str, limit: float = 3.0) -> list[str]:
    """Overfull lines wider than `limit` points, with the source lines LaTeX names, and pages
    (vboxes) taller than their box by more than `limit`: text or a table running past the
    foot of the text block ("while \\output is active": the page LaTeX ships next)."""
    return [
        f"{m['size']}pt {'' if m['kind'] == 'h' else 'too high, '}{m['where']}: "
        f"{m['text'].strip()[:100]}"
        for m in _OVERFULL.finditer(log)
        if float(m["size"]) > limit
    ]


# --- the text -------------------------------------------------------------------------------


def joined_text(text: str) -> str:
    """Undo line-end hyphenation and breaks after underscores; fold whitespace."""
    text = re.sub(r"_\s*\n\s*", "_", text)
    text = re.sub(r"-\n", "", text)
    return re.sub(r"\s+", " ", text)


def forbidden_text(text: str, keys: set[str], phrases: tuple[str, ...] = WEB_ONLY) -> list[str]:
    """Source keys (snake_case ids that belong in the data, not in print) and web-only wording."""
    found = sorted({t for t in re.findall(r"[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+", text) if t in keys})
    lower = text.lower()
    for phrase in phrases:
        for m in re.finditer(re.escape(phrase), lower):
            found.append(f"{phrase!r}: …{text[max(0, m.start() - 60) : m.end() + 40]}…")
    return found


def source_keys() -> set[str]:
    with open(ROOT / "data" / "sources.csv", encoding="utf-8", newline="") as f:
        return {row["source_id"] for row in csv.DictReader(f)}


# === the checks catch what they are meant to catch (fixtures) ===============================

AREA = TypeArea(2.2 * PT_PER_CM, 2.5 * PT_PER_CM)


def test_type_area_is_read_from_the_config() -> None:
    area = type_area_from_config()
    assert area.hmargin == pytest.approx(62.36, abs=0.01)
    assert area.vmargin == pytest.approx(70.87, abs=0.01)


def test_word_outside_the_type_area_is_caught() -> None:
    pages = parse_bbox_layout((FIXTURES / "outside.bbox.html").read_text(encoding="utf-8"))
    found = words_outside(pages, AREA)
    assert len(found) == 2, found
    assert "'margin-runner'" in found[0] and "'page-foot-runner'" in found[1]


def test_words_inside_the_type_area_and_bands_pass() -> None:
    pages = parse_bbox_layout((FIXTURES / "good.bbox.html").read_text(encoding="utf-8"))
    assert pages and pages[0].words
    assert words_outside(pages, AREA) == []
    assert headings_at_foot(pages, AREA, body_height(pages, AREA)) == []


def test_heading_at_the_foot_of_a_page_is_caught() -> None:
    pages = parse_bbox_layout((FIXTURES / "heading-at-foot.bbox.html").read_text(encoding="utf-8"))
    found = headings_at_foot(pages, AREA, body_height(pages, AREA))
    assert len(found) == 1 and "Stranded heading" in found[0], found


def test_chapter_start_is_recognised() -> None:
    pages = parse_bbox_layout((FIXTURES / "good.bbox.html").read_text(encoding="utf-8"))
    assert chapter_starts(pages, AREA) == [1]


def test_overfull_boxes_above_the_limit_are_caught_with_their_source_line() -> None:
    found = overfull_boxes((FIXTURES / "overfull.log").read_text(encoding="utf-8"))
    assert len(found) == 3, found
    assert found[0].startswith("25.3pt in paragraph at lines 120--121")
    assert "alignment at lines 300--300" in found[1]
    # A page run 9 pt past the text block (a page's \vbox); one 2 pt over is below the limit.
    assert found[2].startswith("9.23892pt too high, has occurred while \\output is active")


def _foot_page(foot_top: float) -> Page:
    """A page of body text ending at the text block's foot, a table's foot line at `foot_top`
    and the folio line in the band below."""
    bottom = 841.89 - AREA.vmargin
    body = [[Box(62.4, y, 530.0, y + 10.9, "row")] for y in range(100, int(bottom) - 8, 12)]
    foot = [Box(442.2, foot_top, 478.8, foot_top + 10.9, "continues")]
    folio = [Box(62.4, 790.3, 79.5, 803.8, "228"), Box(330.4, 790.3, 356.9, 803.8, "What")]
    return Page(1, 595.28, 841.89, [*body, foot, folio])


def test_table_foot_below_the_text_block_is_caught() -> None:
    # The foot as the built PDF set it before a longtable's page kept room for it: 10 pt low.
    found = words_below_the_text_block([_foot_page(773.2)], AREA)
    assert len(found) == 1 and "'continues'" in found[0], found
    # Inside the block (its last line), and the folio line alone in the band, pass.
    assert words_below_the_text_block([_foot_page(763.7)], AREA) == []


def _pages(tmp_path: Path, fills: tuple[float, ...]) -> list[Path]:
    """Synthetic page images, each inked from the top of the text block down to `fill`."""
    from PIL import Image, ImageDraw

    scale = IMAGE_DPI / 72
    size = (round(595.28 * scale), round(841.89 * scale))
    images = []
    for number, fill in enumerate(fills, start=1):
        im = Image.new("RGB", size, "white")
        if fill:
            top = AREA.vmargin * scale
            bottom = top + fill * (size[1] - 2 * AREA.vmargin * scale) - 1
            right = size[0] - AREA.hmargin * scale
            ImageDraw.Draw(im).rectangle((AREA.hmargin * scale, top, right, bottom), fill="black")
        images.append(tmp_path / f"p-{number}.png")
        im.save(images[-1])
    return images


def test_half_empty_page_is_caught(tmp_path: Path) -> None:
    images = _pages(tmp_path, (0.9, 0.3, 0.95, 0.2))
    assert ink_extent(images[0], AREA)[0] == pytest.approx(0.9, abs=0.03)
    # Page 2 is half empty; page 4 too, but it is the last page.
    assert [f.split(":")[0] for f in half_empty_pages(images, AREA, [], 1)] == ["page 2"]
    # Before a chapter start (page 3) a short page is allowed.
    assert half_empty_pages(images, AREA, [3], 1) == []


def test_short_chapter_end_is_allowed_only_before_a_blank_page(tmp_path: Path) -> None:
    blank_between = _pages(tmp_path, (0.9, 0.3, 0.0, 0.95, 0.9))
    assert half_empty_pages(blank_between, AREA, [4], 1) == []
    text_between = _pages(tmp_path, (0.9, 0.3, 0.9, 0.95, 0.9))
    assert [f.split(":")[0] for f in half_empty_pages(text_between, AREA, [4], 1)] == ["page 2"]


def test_source_keys_and_web_only_wording_are_caught() -> None:
    text = joined_text((FIXTURES / "forbidden.txt").read_text(encoding="utf-8"))
    found = forbidden_text(text, {"eeas_kgz_2018_ministerial", "join2019_en"})
    assert found[0] == "eeas_kgz_2018_ministerial", found
    assert any("'launch button'" in f for f in found)
    assert any("'folded'" in f for f in found)
    assert any("'foot of every page'" in f for f in found)
    assert any("'on the web page'" in f for f in found)
    assert len(found) == 5, found
    assert forbidden_text("A plain sentence about source_id columns.", {"join2019_en"}) == []


# === the checks on the built PDF ============================================================


@pytest.fixture(scope="module")
def pdf_pages(built_pdf: Path) -> list[Page]:
    return parse_bbox_layout(run(["pdftotext", "-bbox-layout", str(built_pdf), "-"]).stdout)


@pytest.fixture(scope="module")
def page_images(built_pdf: Path, tmp_path_factory) -> list[Path]:
    """Page images at a thumbnail resolution, rendered into this run's own folder and copied to
    $EUCASIA_TEST_ARTIFACTS/pdf-pages/ for people to look at (a CI artefact)."""
    rendered = tmp_path_factory.mktemp("pdf-pages")
    result = run(["pdftoppm", "-r", str(IMAGE_DPI), "-png", str(built_pdf), str(rendered / "page")])
    assert result.returncode == 0, result.stderr
    images = sorted(rendered.glob("page-*.png"))
    PAGES_DIR.mkdir(parents=True, exist_ok=True)
    for old in PAGES_DIR.glob("page-*.png"):
        old.unlink()
    for image in images:
        shutil.copy2(image, PAGES_DIR / image.name)
    return images


def test_page_images_are_kept(page_images: list[Path], pdf_pages: list[Page]) -> None:
    assert len(page_images) == len(pdf_pages) > 20


def test_no_word_outside_the_type_area(pdf_pages: list[Page]) -> None:
    found = words_outside(pdf_pages, type_area_from_config())
    assert not found, f"{len(found)} words outside the type area:\n" + "\n".join(found[:40])


def test_no_word_below_the_text_block(pdf_pages: list[Page]) -> None:
    found = words_below_the_text_block(pdf_pages, type_area_from_config())
    assert not found, f"{len(found)} words below the text block:\n" + "\n".join(found[:40])


def test_no_overfull_lines_in_the_latex_log(built_pdf: Path) -> None:
    assert LOG.is_file(), f"the LaTeX log is missing at {LOG}"
    found = overfull_boxes(LOG.read_text(encoding="utf-8", errors="replace"))
    assert not found, f"{len(found)} overfull boxes (lines of book.tex):\n" + "\n".join(found)


def test_no_half_empty_pages(pdf_pages: list[Page], page_images: list[Path]) -> None:
    starts = chapter_starts(pdf_pages, type_area_from_config())
    assert len(starts) > 10, f"expected the chapters' first pages, found {starts}"
    found = half_empty_pages(page_images, type_area_from_config(), starts, front=starts[0])
    assert not found, f"{len(found)} half-empty pages:\n" + "\n".join(found)


def test_no_heading_at_the_foot_of_a_page(pdf_pages: list[Page]) -> None:
    area = type_area_from_config()
    body = body_height(pdf_pages, area)
    assert len(heading_lines(pdf_pages, area, body)) > 30, "expected to recognise the headings"
    found = headings_at_foot(pdf_pages, area, body)
    assert not found, "\n".join(found)


def test_no_source_key_or_web_only_wording_in_the_pdf(built_pdf: Path) -> None:
    text = joined_text(run(["pdftotext", str(built_pdf), "-"]).stdout)
    found = forbidden_text(text, source_keys())
    assert not found, "\n".join(found)
