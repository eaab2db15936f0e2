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
