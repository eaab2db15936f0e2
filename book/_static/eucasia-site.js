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

// --- figures: the full-size view (eucasia/build/site/figures.py) -----------------------------
// A figure is shrunk to the column; on a phone its labels become too small to read. Each figure
// is a link to its own file; with this script a tap opens it in a dialog instead, at the size it
// was drawn for (its type 12 px and more), with its caption, inside a frame the reader pans and
// pinch-zooms, and a Close button (or Esc, or the browser's Back) returns to the page. Without
// the script the link still opens the file itself.
(() => {
  const LINK = "a.eucasia-figure-link";
  let dialog = null;
  const build = () => {
    dialog = document.createElement("dialog");
    dialog.className = "eucasia-figure-view";
    dialog.setAttribute("aria-label", "Figure at full size");
    const bar = document.createElement("div");
    bar.className = "eucasia-figure-view-bar";
    const close = document.createElement("button");
    close.type = "button";
    close.className = "eucasia-figure-view-close";
    close.textContent = "Close";
    close.addEventListener("click", () => dialog.close());
    const file = document.createElement("a");
    file.className = "eucasia-figure-view-file";
    file.textContent = "Open the file";
    bar.append(close, file);
    const frame = document.createElement("div");
    frame.className = "eucasia-figure-view-frame";
    frame.tabIndex = 0;
    const caption = document.createElement("div");
    caption.className = "eucasia-figure-view-caption";
    dialog.append(bar, frame, caption);
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close(); // a click on the backdrop
    });
    dialog.addEventListener("close", () => {
      if (history.state && history.state.eucasiaFigure) history.back();
    });
    document.body.append(dialog);
  };
  const open = (link) => {
    if (!dialog) build();
    const source = link.querySelector("img");
    const [bar, frame, caption] = dialog.children;
    const img = document.createElement("img");
    img.src = link.href;
    img.alt = source ? source.alt : "";
    img.className = "eucasia-figure-view-image";
    // Drawn size: the SVG's own width (points, as CSS px × 3/4), not the column's.
    const setWidth = () => {
      if (img.naturalWidth) img.style.width = `${img.naturalWidth}px`;
    };
    img.addEventListener("load", setWidth);
    frame.replaceChildren(img);
    setWidth();
    bar.querySelector("a").href = link.href;
    const figcaption = link.closest("figure")?.querySelector("figcaption");
    caption.replaceChildren(...(figcaption ? [...figcaption.cloneNode(true).childNodes] : []));
    caption.querySelectorAll("a.headerlink").forEach((a) => a.remove());
    history.pushState({ eucasiaFigure: true }, "");
    dialog.showModal();
    frame.scrollTo(0, 0);
  };
  window.addEventListener("popstate", () => {
    if (dialog && dialog.open) dialog.close();
  });
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest(LINK);
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    open(link);
  });
})();
// --- end of figures --------------------------------------------------------------------------
