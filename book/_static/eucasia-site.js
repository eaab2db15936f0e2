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
  // From 1200 px a table that would scroll in the column first takes the empty margin beside
  // it (`eucasia-breakout`, eucasia.css). Its width is measured with its long words (ids,
  // paths: `.eucasia-long`) whole (`eucasia-whole`, eucasia.css): a table that fits so, in the
  // column or broken out, keeps them whole; only a table too wide even for the margin beside
  // it lets them break (at the _ - / the build marked) rather than scroll. Measured with the
  // words breakable, a table never looked too wide, and ids broke beside an empty margin.
  const WIDE = window.matchMedia("(min-width: 1200px)");
  const scrolls = (box) => box.scrollWidth - box.clientWidth > 1;
  const breakOut = (box) => {
    const was = box.classList.contains("eucasia-breakout");
    box.classList.remove("eucasia-breakout");
    box.classList.add("eucasia-whole");
    let needs = false;
    if (scrolls(box)) {
      needs = WIDE.matches;
      box.classList.toggle("eucasia-breakout", needs);
      if (scrolls(box)) box.classList.remove("eucasia-whole");
    }
    if (needs !== was) tuck.refresh();
  };
  // While a table that breaks out is in view, the page's contents fold to their bar.
  const tuck = (() => {
    const shown = new Set();
    const sidebar = () => document.querySelector(".bd-sidebar-secondary");
    const refresh = () => {
      // A table that breaks out, or one in an open fold that a table breaking out widened
      // beside the column (eucasia.css, fold24): either reaches under the contents.
      const on = [...shown].some(
        (box) =>
          box.classList.contains("eucasia-breakout") ||
          box.closest("details[open]:has(.eucasia-breakout)"),
      );
      const side = sidebar();
      if (side) side.classList.toggle("eucasia-tucked", on);
    };
    const observer = new IntersectionObserver((entries) => {
      entries.forEach((e) => (e.isIntersecting ? shown.add(e.target) : shown.delete(e.target)));
      refresh();
    });
    return { observe: (box) => observer.observe(box), refresh };
  })();
  const update = (box, bar) => {
    breakOut(box);
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
    tuck.observe(box);
    refresh();
  };
  const init = () => document.querySelectorAll(".bd-article .pst-scrollable-table-container").forEach(equip);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
// ---- folds and the page's contents (begin) -------------------------------------------------
// A link to a row or a table inside a fold (a strand chapter's list, the tracker's evidence)
// opens the fold, on arrival and on every later jump, in every browser (Chromium opens a
// closed <details> for a fragment by itself; others do not).
(() => {
  const openTo = (hash) => {
    const id = decodeURIComponent((hash || "").slice(1));
    const target = id && document.getElementById(id);
    if (!target) return;
    // the row a link lands on is marked (eucasia.css, evlinks25)
    document.querySelectorAll("tr.eucasia-target-row").forEach((r) => r.classList.remove("eucasia-target-row"));
    const row = target.closest("tr");
    if (row) row.classList.add("eucasia-target-row");
    let opened = false;
    for (let el = target.parentElement; el; el = el.parentElement) {
      if (el.localName === "details" && !el.open) {
        el.open = true;
        opened = true;
      }
    }
    if (opened) target.scrollIntoView();
  };
  const init = () => {
    openTo(location.hash);
    window.addEventListener("hashchange", () => openTo(location.hash));
    // A link to the hash already in the address bar fires no hashchange.
    document.addEventListener("click", (event) => {
      const link = event.target.closest && event.target.closest("a[href*='#']");
      if (link && link.hash && link.pathname === location.pathname && link.hash === location.hash)
        setTimeout(() => openTo(link.hash));
    });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

// The page's contents ("On this page") highlight the section being read: the last section
// whose heading is above the reading line (30% down the viewport, below the header), or, at
// the very bottom of the page, the last heading in view. The theme's own highlight moves only
// when a heading crosses the top of the viewport, so a jump into a long section (scroll bar,
// Page Down, a link) left the previous section lit; this one follows the reader however they
// move, and puts the theme's choice right whenever it differs.
(() => {
  const init = () => {
    const nav = document.getElementById("pst-page-toc-nav");
    if (!nav) return;
    const entries = [...nav.querySelectorAll("a[href^='#']")]
      .map((link) => {
        const section = document.getElementById(decodeURIComponent(link.hash.slice(1)));
        if (!section) return null;
        return { link, heading: section.querySelector("h1, h2, h3, h4, h5, h6") || section };
      })
      .filter(Boolean);
    if (!entries.length) return;
    const items = [...nav.querySelectorAll(".toc-entry")];
    let clicked = null;
    const inView = () => {
      if (clicked && clicked.until > Date.now()) return clicked.link;
      const header = document.getElementById("pst-header");
      const top = header ? header.getBoundingClientRect().bottom : 0;
      const root = document.documentElement;
      const bottom = window.innerHeight + window.scrollY >= root.scrollHeight - 2;
      const line = bottom ? window.innerHeight - 1 : top + 0.3 * (window.innerHeight - top);
      let current = null;
      for (const entry of entries)
        if (entry.heading.getBoundingClientRect().top <= line) current = entry.link;
      return current;
    };
    const show = () => {
      const current = inView();
      const now = nav.querySelectorAll("a.active");
      if (now.length === (current ? 1 : 0) && (!current || now[0] === current)) return;
      entries.forEach(({ link }) => {
        link.classList.toggle("active", link === current);
        if (link === current) link.setAttribute("aria-current", "true");
        else link.removeAttribute("aria-current");
      });
      items.forEach((item) =>
        item.classList.toggle("active", Boolean(current) && item.contains(current)),
      );
    };
    let queued = false;
    const later = () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        show();
      });
    };
    nav.addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      if (link) clicked = { link, until: Date.now() + 1000 };
    });
    window.addEventListener("scroll", later, { passive: true });
    window.addEventListener("resize", later);
    document.addEventListener("toggle", later, true); // a fold opened or closed moves sections
    new MutationObserver(later).observe(nav, { subtree: true, attributeFilter: ["class"] });
    show();
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
// ---- folds and the page's contents (end) ---------------------------------------------------
// ---- webprint25: folds print open (begin) -----------------------------------------------------
// A printed page has no fold to open: every closed fold (a strand chapter's full lists, the
// tracker's evidence) opens before the page is printed and closes again after, so that its
// table is on paper and the reader's page is left as it was. eucasia.css shows a closed fold's
// content in print too (::details-content), for a print this script does not see; "Cite"
// does not print at all and stays as it is.
(() => {
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll("details:not([open]):not(.eucasia-cite)")];
    opened.forEach((fold) => {
      fold.open = true;
    });
  });
  window.addEventListener("afterprint", () => {
    opened.forEach((fold) => {
      fold.open = false;
    });
    opened = [];
  });
})();
// ---- webprint25: folds print open (end) -------------------------------------------------------
/* --- Search highlights stop after the page a result opens (helper "explorer") ---
 * Sphinx's search page leaves the query's words in localStorage, and the next page the reader
 * opens, whichever it is (a chapter from the sidebar, a page days later), highlights them.
 * Here the words leave localStorage as soon as the search has put them there and travel in each
 * result's link as `?highlight=`, which sphinx_highlight.js reads on the page the result opens
 * and then removes from its address: only that page is highlighted. */
(() => {
  const KEY = "sphinx_highlight_terms";
  const start = () => {
    const results = document.getElementById("search-results");
    if (!results) return;
    let words = "";
    const carry = () => {
      const stored = localStorage.getItem(KEY);
      if (stored !== null) {
        words = stored;
        localStorage.removeItem(KEY);
      }
      if (!words) return;
      for (const link of results.querySelectorAll("ul.search li > a:not([data-eucasia-highlight])")) {
        const url = new URL(link.getAttribute("href"), window.location.href);
        url.searchParams.set("highlight", words);
        link.href = url.href;
        link.dataset.eucasiaHighlight = "";
      }
    };
    new MutationObserver(carry).observe(results, { childList: true, subtree: true });
    carry();
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
/* --- end of the search highlight block --- */
// --- figures: the full-size view (eucasia/assembly/site/figures.py) -----------------------------
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
