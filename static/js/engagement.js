// Likes without a page reload. The like form is a plain POST that works on its own; this only
// sends it with fetch and updates the button and count in place. Loaded with defer.
(function () {
  "use strict";

  function update(form, result) {
    form.querySelector("[data-like-action]").value = result.liked ? "unlike" : "like";
    form.querySelector("[data-like-text]").textContent = result.liked ? "Unlike" : "Like";
    form.querySelector("[data-like-count]").textContent = result.label;
    form.querySelector("button[type=submit]").classList.toggle("is-liked", result.liked);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-like-form") || !window.fetch) return;
    event.preventDefault();
    if (form.dataset.busy) return;  // a double click sends one request
    form.dataset.busy = "1";
    var error = form.querySelector("[data-like-error]");
    var data = new FormData(form);
    error.textContent = "";
    // getAttribute, not form.action: the form's input named "action" shadows that property.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": data.get("csrfmiddlewaretoken") }
    })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        if (result.ok) update(form, result.body);
        else error.textContent = result.body.error || "Sorry, that did not work. Please try again.";
        delete form.dataset.busy;
      })
      .catch(function () {
        // Not JSON (an error page) or no network: let the browser post the form itself.
        delete form.dataset.busy;
        HTMLFormElement.prototype.submit.call(form);
      });
  });
})();
