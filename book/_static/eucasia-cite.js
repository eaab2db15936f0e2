/* The "Cite" control under each table and figure (eucasia/build/datafiles.py): opening it copies
   its one-line citation to the clipboard and says so; where the page may not write to the
   clipboard, the line is selected to copy by hand. Without this script the disclosure still
   opens and shows the line. Loaded (deferred) only by pages with such controls. */
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
    var status = document.createElement("span");
    status.className = "eucasia-cite-status";
    status.setAttribute("role", "status");
    details.querySelector("summary").after(status);
    details.addEventListener("toggle", function () {
      status.textContent = "";
      if (!details.open) return;
      var line = text.textContent.replace(/\s+/g, " ").trim();
      var byHand = function () {
        select(text);
        status.textContent = "Selected: copy it with Ctrl+C (⌘C on a Mac).";
      };
      if (!navigator.clipboard || !window.isSecureContext) return byHand();
      navigator.clipboard.writeText(line).then(function () {
        status.textContent = "Copied to the clipboard.";
      }, byHand);
    });
  });
})();
