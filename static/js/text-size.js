// The reader's chosen text size, before the page is first drawn. Loaded without defer, on
// purpose and alone: deferred (site.js), the page drew at the standard size and jumped to the
// chosen one, on every page. site.js offers the choice and remembers it.
(function () {
  "use strict";
  try {
    var size = window.localStorage.getItem("hypogal-text-size");
    if (size === "large" || size === "largest") {
      document.documentElement.classList.add("text-" + size);
    }
  } catch (e) { /* storage off: the standard size */ }
})();
