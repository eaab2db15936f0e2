/* The "Cite" control under each table and figure (eucasia/assembly/datafiles.py): opening it shows
   its one-line citation with a "Copy" button, which copies the line to the clipboard and says
   so; where the page may not write to the clipboard, the line is selected to copy by hand.
   Nothing is copied until the reader asks (opening alone never overwrites their clipboard).
   Without this script the disclosure still opens and shows the line. Loaded (deferred) only by
   pages with such controls. */
(function () {
  "use strict";
  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  document.querySelectorAll("details.eucasia-cite").forEach(function (details) {
    var text = details.querySelector(".eucasia-cite-text");
    if (!text) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "eucasia-cite-copy";
    button.textContent = "Copy";
    var status = document.createElement("span");
    status.className = "eucasia-cite-status";
    status.setAttribute("role", "status");
    text.after(button, status);
    details.addEventListener("toggle", function () {
      status.textContent = "";
    });
    button.addEventListener("click", function () {
      var line = text.textContent.replace(/\s+/g, " ").trim();
      var byHand = function () {
        select(text);
        status.textContent = "Selected: copy it with Ctrl+C (\u2318C on a Mac).";
      };
      if (!navigator.clipboard || !window.isSecureContext) return byHand();
      navigator.clipboard.writeText(line).then(function () {
        status.textContent = "Copied to the clipboard.";
      }, byHand);
    });
  });
})();
