"""static/js/engagement.js, run in Node against a minimal stand-in for the page.

No browser in CI: this checks the script's contract (posts the form with fetch and the CSRF
header, asks for JSON, updates action, label and count in place, shows errors, and sends one
request per double click). Skipped where Node is not installed.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "static" / "js" / "engagement.js"

HARNESS = r"""
const fs = require("fs"), vm = require("vm");
const scenario = JSON.parse(process.argv[1]);
const el = (value = "") => ({ value, textContent: value, classList: {
  on: false, toggle(name, on) { this.on = on; } } });
const fields = { action: el("like"), text: el("Like"), count: el("3 likes"), error: el(""),
                 button: el() };
const form = {
  // As in a browser: the input named "action" shadows the form's action property.
  action: fields.action, dataset: {},
  getAttribute: (name) => name === "action" ? "/engagement/articles/article/1/like/" : null,
  hasAttribute: (name) => name === "data-like-form",
  querySelector: (sel) => ({ "[data-like-action]": fields.action, "[data-like-text]": fields.text,
    "[data-like-count]": fields.count, "[data-like-error]": fields.error,
    "button[type=submit]": fields.button })[sel],
};
let listener, calls = [];
const sandbox = {
  document: { addEventListener: (type, fn) => { listener = fn; } },
  FormData: function () { this.get = (name) => name === "csrfmiddlewaretoken" ? "tok" : null; },
  HTMLFormElement: { prototype: { submit() { calls.push("native submit"); } } },
  fetch: (url, options) => {
    calls.push({ url, method: options.method, headers: options.headers });
    const body = scenario.body;
    return Promise.resolve({ ok: scenario.ok, json: () => body === null
      ? Promise.reject(new Error("not json")) : Promise.resolve(body) });
  },
};
sandbox.window = sandbox;
vm.runInNewContext(fs.readFileSync(process.argv[2], "utf8"), sandbox);
let prevented = 0;
const submit = () => listener({ target: form, preventDefault: () => prevented++ });
submit(); submit();
setTimeout(() => console.log(JSON.stringify({ prevented, calls,
  action: fields.action.value, text: fields.text.textContent, count: fields.count.textContent,
  liked: fields.button.classList.on, error: fields.error.textContent })), 20);
"""

pytestmark = pytest.mark.skipif(not shutil.which("node"), reason="Node.js is not installed")


def run(scenario):
    result = subprocess.run(
        ["node", "-e", HARNESS, "--", json.dumps(scenario), str(SCRIPT)],
        capture_output=True, text=True, timeout=30, check=True,
    )
    return json.loads(result.stdout)


def test_a_like_is_sent_once_with_csrf_and_updates_in_place():
    out = run({"ok": True, "body": {"liked": True, "count": 4, "label": "4 likes"}})
    assert out["prevented"] == 2
    [call] = out["calls"]  # the second click waited for the first
    assert call["method"] == "POST" and call["url"].endswith("/like/")
    assert call["headers"] == {"Accept": "application/json", "X-CSRFToken": "tok"}
    assert (out["action"], out["text"], out["count"], out["liked"]) == (
        "unlike", "Unlike", "4 likes", True)


def test_a_refusal_is_shown_and_nothing_changes():
    out = run({"ok": False, "body": {"error": "Too many likes from your network just now."}})
    assert out["error"].startswith("Too many likes")
    assert (out["action"], out["count"]) == ("like", "3 likes")


def test_an_unexpected_answer_falls_back_to_the_plain_form_post():
    out = run({"ok": False, "body": None})
    assert out["calls"][-1] == "native submit"
