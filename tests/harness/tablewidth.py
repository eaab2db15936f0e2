"""What a reader can read of each table of a page, measured in the browser.

For each table: each column's readable width in characters of its own font (the `0` advance),
whether every cell of the column sits on one line, whether the column lies inside the visible
part of its scroll container, and whether the page shows a control that scrolls to it (the bar
eucasia-site.js puts above a table wider than its column).
"""

from __future__ import annotations

#: Below this many characters a column that wraps is too narrow to read (issue's measure).
MIN_CHARS = 8

MEASURE = """() => Array.from(document.querySelectorAll(".bd-article table.table")).map((table) => {
  const box = table.closest(".pst-scrollable-table-container") || table.parentElement;
  const seen = box.getBoundingClientRect();
  let bar = box.previousElementSibling;
  while (bar && !bar.classList.contains("eucasia-scroll-bar")) bar = bar.previousElementSibling;
  const more = bar && !bar.hidden && bar.offsetParent !== null
    ? bar.querySelector(".eucasia-scroll-more") : null;
  const body = table.tBodies[0];
  const rows = body ? Array.from(body.rows).filter((r) => r.offsetParent !== null) : [];
  const count = table.tHead ? table.tHead.rows[0].cells.length : (rows[0] ? rows[0].cells.length : 0);
  const columns = [];
  for (let i = 0; i < count; i++) {
    let chars = Infinity, oneLine = true, inside = true, shown = false;
    rows.forEach((row) => {
      const cell = row.cells[i];
      if (!cell || cell.getClientRects().length === 0 || !cell.textContent.trim()) return;
      shown = true;
      const content = cell.firstElementChild || cell;
      const probe = document.createElement("span");
      probe.textContent = "0";
      probe.style.cssText = "position:absolute;visibility:hidden;white-space:pre";
      content.append(probe);
      const ch = probe.getBoundingClientRect().width || 8;
      probe.remove();
      const style = getComputedStyle(cell);
      const width = content === cell
        ? cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
        : content.getBoundingClientRect().width;
      chars = Math.min(chars, width / ch);
      const range = document.createRange();
      range.selectNodeContents(content);
      const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.bottom)));
      if (tops.size > 1) oneLine = false;
      const rect = cell.getBoundingClientRect();
      if (rect.right > seen.right + 1 || rect.left < seen.left - 1) inside = false;
    });
    columns.push({ chars: shown ? Math.round(chars * 10) / 10 : null, oneLine, inside });
  }
  return {
    id: table.id || "(no id)",
    columns,
    scrolls: box.scrollWidth - box.clientWidth > 1,
    control: !!(more && !more.disabled),
  };
})"""

PAGE_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def problems(tables: list[dict]) -> list[str]:
    """What a reader could not read: a wrapping column under `MIN_CHARS` characters, or a column
    outside the visible part of its container with no control on the page to reach it."""
    out = []
    for table in tables:
        for index, column in enumerate(table["columns"], start=1):
            if column["chars"] is None:
                continue
            if column["chars"] < MIN_CHARS and not column["oneLine"]:
                out.append(f"{table['id']} column {index}: {column['chars']} characters wide")
            if not column["inside"] and not table["control"]:
                out.append(f"{table['id']} column {index}: out of view, and no control reaches it")
    return out
