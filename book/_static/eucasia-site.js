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
