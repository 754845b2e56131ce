// The admin's markdown editor: when the site refuses a dropped image, markdownx writes
// "Invalid response" into the author's text and shows nothing else. This puts her text back as
// it was and shows the site's own reason (not an image, too large) above the editor.
(function () {
  "use strict";

  function note(box) {
    var existing = box.previousElementSibling;
    if (existing && existing.classList.contains("upload-refused")) return existing;
    var created = document.createElement("p");
    created.className = "errornote upload-refused";
    created.setAttribute("role", "alert");
    box.parentNode.insertBefore(created, box);
    return created;
  }

  function refused(event) {
    var box = event.target;
    var editor = box.querySelector && box.querySelector("textarea");
    if (!editor) return;
    var text = editor.value, start = editor.selectionStart, end = editor.selectionEnd;
    // The site's refusal is JSON ({"image": [reasons]}); a lost connection is not.
    var answer = (event.detail && event.detail[0]) || {};
    var reason = (answer.image || []).join(" ") ||
      "The image could not be uploaded (is the connection down?). Please try again.";
    // markdownx inserts its placeholder right after this event: undo it on the next tick.
    window.setTimeout(function () {
      editor.value = text;
      editor.setSelectionRange(start, end);
      note(box).textContent = reason + " Your text is unchanged.";
    }, 0);
  }

  document.addEventListener("markdownx.fileUploadError", refused, true);
  document.addEventListener("fileUploadError", refused, true);  // markdownx's network error

  document.addEventListener("markdownx.fileUploadEnd", function (event) {
    var shown = event.target.previousElementSibling;
    if (shown && shown.classList.contains("upload-refused")) shown.remove();
  }, true);
})();
