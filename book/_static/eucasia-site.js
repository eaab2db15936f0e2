// The sidebar buttons in the article header (table of contents, page contents).
// sphinx-book-theme and pydata-sphinx-theme attach their handlers to the first
// `.primary-toggle` / `.secondary-toggle` of the page, which sits in the top navbar and is hidden
// in this layout, so the visible buttons did nothing. Forward their clicks to it.
(() => {
  const forward = (kind) => {
    const [first, ...others] = document.querySelectorAll(`.${kind}-toggle`);
    if (!first) return;
    others.forEach((button) =>
      button.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        first.click();
      }),
    );
  };
  const init = () => ["primary", "secondary"].forEach(forward);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

// A table wider than its column scrolls sideways inside its container (the theme's
// .pst-scrollable-table-container). A reader must see that it does and have a way to get there:
// the container's open edge fades (`eucasia-more-left` / `-right`, eucasia.css), its first
// column stays in view, and a bar above it says so with buttons that scroll by a screenful.
(() => {
  const STEP = 0.8;
  const update = (box, bar) => {
    const overflow = box.scrollWidth - box.clientWidth > 1;
    const atStart = box.scrollLeft <= 1;
    const atEnd = box.scrollLeft + box.clientWidth >= box.scrollWidth - 1;
    box.classList.toggle("eucasia-overflow", overflow);
    box.classList.toggle("eucasia-more-left", overflow && !atStart);
    box.classList.toggle("eucasia-more-right", overflow && !atEnd);
    bar.hidden = !overflow;
    bar.querySelector(".eucasia-scroll-back").disabled = atStart;
    bar.querySelector(".eucasia-scroll-more").disabled = atEnd;
  };
  const button = (cls, text, label, onClick) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.addEventListener("click", onClick);
    return b;
  };
  const equip = (box) => {
    const table = box.querySelector("table");
    if (!table) return;
    const bar = document.createElement("div");
    bar.className = "eucasia-scroll-bar";
    bar.hidden = true;
    const note = document.createElement("span");
    note.textContent = "More columns to the side";
    const by = (sign) => () => box.scrollBy({ left: sign * STEP * box.clientWidth, behavior: "smooth" });
    bar.append(
      note,
      button("eucasia-scroll-back", "\u2190", "Scroll the table back", by(-1)),
      button("eucasia-scroll-more", "\u2192", "Scroll the table to more columns", by(1)),
    );
    if (table.id) bar.setAttribute("aria-controls", table.id);
    box.before(bar);
    const refresh = () => update(box, bar);
    box.addEventListener("scroll", refresh, { passive: true });
    new ResizeObserver(refresh).observe(box);
    new ResizeObserver(refresh).observe(table);
    refresh();
  };
  const init = () => document.querySelectorAll(".bd-article .pst-scrollable-table-container").forEach(equip);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
