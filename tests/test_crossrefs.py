"""Every numbered figure and table is cross-referenced from the text, and every image has alt text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

NUMBERED = re.compile(r'<(?:table|figure)[^>]*\bid="((?:tbl|fig)-[^"]+)"')
HREF = re.compile(r'href="[^"#]*#([^"]+)"')
IMG = re.compile(r"<img\b[^>]*>")


@pytest.fixture(scope="module")
def pages(built_html: Path) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in built_html.rglob("*.html")}


def test_every_numbered_item_is_referenced(pages: dict[Path, str]) -> None:
    numbered = {label: page for page, text in pages.items() for label in NUMBERED.findall(text)}
    assert len(numbered) > 40
    referenced = {target for text in pages.values() for target in HREF.findall(text)}
    orphans = sorted(
        f"{label} ({page.name})" for label, page in numbered.items() if label not in referenced
    )
    assert not orphans, f"numbered but never referenced from the text: {orphans}"


def test_every_image_has_alt_text(pages: dict[Path, str]) -> None:
    missing = []
    for page, text in pages.items():
        for tag in IMG.findall(text):
            alt = re.search(r'\balt="([^"]*)"', tag)
            if not alt or not alt.group(1).strip():
                missing.append(f"{page.name}: {tag[:120]}")
    assert not missing, missing


def test_figure_alt_text_is_written_from_the_data(pages: dict[Path, str]) -> None:
    figures = [
        text[m.start() : text.find("</figure>", m.start())]
        for text in pages.values()
        for m in re.finditer(r'<figure[^>]*id="fig-', text)
    ]
    assert len(figures) >= 10
    for figure in figures:
        alt = re.search(r'<img[^>]*\balt="([^"]+)"', figure)
        assert alt, f"figure without alt text: {figure[:200]}"
        text = alt.group(1)
        assert "_images/" not in text and " " in text, f"alt text is a file name: {text}"
        assert re.search(r"\d", text), f"figure alt text without figures from the data: {text}"
