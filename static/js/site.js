// Small enhancements; every page reads and works without them. Loaded with defer (no inline
// script anywhere, so a Content-Security-Policy without 'unsafe-inline' allows it).
//  - Text size: three sizes, a class on <html>, the choice remembered in localStorage.
//  - Copy link: copies the page's address instead of following the link.
//  - A form sent back with errors: its summary gets the focus.
(function () {
  "use strict";

  var KEY = "hypogal-text-size";
  var SIZES = ["standard", "large", "largest"];
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }  // storage off
  }

  function remember(size) {
    try {
      if (size === "standard") window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, size);
    } catch (e) { /* private mode or storage off: the choice lasts for this page only */ }
  }

  function apply(size) {
    SIZES.forEach(function (name) {
      root.classList.toggle("text-" + name, name === size && name !== "standard");
    });
  }

  // Deferred scripts run once the page is parsed, just before DOMContentLoaded.
  var current = SIZES.indexOf(stored()) > 0 ? stored() : "standard";
  apply(current);

  var control = document.querySelector("[data-text-size]");
  if (control) {
    var buttons = control.querySelectorAll("button[data-size]");
    var mark = function () {
      Array.prototype.forEach.call(buttons, function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-size") === current));
      });
    };
    mark();
    control.hidden = false;
    control.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-size]");
      if (!button) return;
      current = button.getAttribute("data-size");
      apply(current);
      mark();
      remember(current);
    });
  }

  // A form sent back with notes to fix: focus them (read out, and scrolled to on a phone).
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-copy]");
    if (!link || !navigator.clipboard || !window.isSecureContext) return;
    event.preventDefault();
    var status = document.querySelector("[data-copy-status]");
    navigator.clipboard.writeText(link.getAttribute("data-copy")).then(
      function () { if (status) status.textContent = "Link copied."; },
      function () { window.location.href = link.href; }
    );
  });
})();
