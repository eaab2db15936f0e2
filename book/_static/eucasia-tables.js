// Filter and sort the book's long tables (class `eucasia-interactive`, set by show_table).
// Our own ~70 lines rather than a table library: a library (DataTables, List.js, Tabulator) is
// 10-100 kB and brings jQuery or its own styles; this needs no dependency, works offline, and
// leaves the table's markup and the PDF untouched. Cell values are read with textContent only.
// Loaded (deferred) only on pages that have such a table (book/_ext/eucasia_tables.py).
(() => {
  // A date, or a period of two ("2021–2024"), as the book writes them.
  const DAY = "\\d{4}(?:-\\d{2}(?:-\\d{2})?)?";
  const DATE = new RegExp(`^(${DAY})(?:\\s*[–-]\\s*(${DAY}))?$`);
  const number = (text) => {
    const t = text.replace(/[,\u00a0\u202f%€$]/g, "").replace(/^\u2212/, "-").trim();
    return t !== "" && Number.isFinite(Number(t)) ? Number(t) : null;
  };
  // A cell with nothing in it: empty, or the dash the book writes for an absent value.
  const blank = (text) => text === "" || text === "–" || text === "—";
  // The sort key of each row for column `i`: the number each cell stands for when the build
  // wrote it (`data-sort-value` on every cell of the column: money in euros, counts, measures),
  // else numbers numerically, ISO dates and periods chronologically (as strings padded to a
  // full date), the rest as text in the reader's language. Empty cells come last in both
  // directions, whatever the column holds: `sign` (the direction) never applies to them.
  const VALUE = "data-sort-value";
  const lastIfBlank = (empty, order) => (a, b, sign) =>
    empty[a] || empty[b] ? empty[a] - empty[b] : sign * order(a, b);
  const comparer = (rows, i) => {
    if (rows.length && rows.every((r) => r.cells[i] && r.cells[i].hasAttribute(VALUE))) {
      const keys = rows.map((r) => {
        const v = r.cells[i].getAttribute(VALUE);
        return v === "" ? null : Number(v);
      });
      return lastIfBlank(keys.map((k) => k === null), (a, b) => keys[a] - keys[b]);
    }
    const texts = rows.map((r) => (r.cells[i] ? r.cells[i].textContent.trim() : ""));
    const empty = texts.map(blank);
    const filled = texts.filter((t) => !blank(t));
    if (filled.length && filled.every((t) => number(t) !== null)) {
      const keys = texts.map(number);
      return lastIfBlank(empty, (a, b) => keys[a] - keys[b]);
    }
    if (filled.length && filled.every((t) => DATE.test(t))) {
      const full = (d) => (d ? (d + "-00-00").slice(0, 10) : "");
      const keys = texts.map((t) => {
        const m = DATE.exec(t);
        return m ? full(m[1]) + full(m[2]) : "";
      });
      return lastIfBlank(empty, (a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
    }
    return lastIfBlank(empty, (a, b) =>
      texts[a].localeCompare(texts[b], undefined, { numeric: true }),
    );
  };
  const enhance = (table, n) => {
    const body = table.tBodies[0];
    const head = table.tHead && table.tHead.rows[0];
    if (!body || !head) return;
    const rows = Array.from(body.rows);
    const box = document.createElement("div");
    box.className = "eucasia-table-tools";
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "search";
    input.id = `eucasia-filter-${n}`;
    input.className = "eucasia-filter";
    if (table.id) input.setAttribute("aria-controls", table.id);
    label.htmlFor = input.id;
    label.textContent = "Filter rows";
    const status = document.createElement("p");
    status.className = "eucasia-row-count";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    const count = () => {
      const shown = rows.filter((r) => !r.hidden).length;
      status.textContent = `${shown} of ${rows.length} rows`;
    };
    input.addEventListener("input", () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      rows.forEach((r) => {
        // Cell by cell, so that a word never matches across two cells.
        const cells = Array.from(r.cells, (c) => c.textContent.toLowerCase());
        r.hidden = !words.every((w) => cells.some((c) => c.includes(w)));
      });
      count();
    });
    box.append(label, input, status);
    count(); // before the box enters the page: the region announces changes, not the first count
    const scroller = table.closest(".pst-scrollable-table-container") || table;
    scroller.before(box);
    Array.from(head.cells).forEach((th, i) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "eucasia-sort";
      const holder = th.querySelector("p") || th; // a button holds phrasing content only
      button.append(...Array.from(holder.childNodes));
      holder.append(button);
      button.addEventListener("click", () => {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.from(head.cells).forEach((c) => c.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const order = rows.map((_, k) => k);
        const compare = comparer(rows, i);
        const sign = ascending ? 1 : -1;
        order.sort((a, b) => compare(a, b, sign) || a - b);
        body.append(...order.map((k) => rows[k]));
      });
    });
    // Wired: its filter and sort buttons work from now on (tests wait for this before they click).
    table.dataset.eucasiaReady = "";
  };
  const init = () => document.querySelectorAll("table.eucasia-interactive").forEach(enhance);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
