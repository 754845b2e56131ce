"""The rules that let the Content-Security-Policy forbid inline code, checked in every template
(no browser needed, so this runs everywhere): no inline <script>, no inline event handler, no
style attribute or <style> element; scripts are our own static files, loaded with defer."""

import re
from pathlib import Path

import pytest

# No database is read here; the mark only lets tests/conftest.py's autouse ``empty_cache`` clear
# the database-backed "axes" cache when these run right after the browser tests.
pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT / "templates")))
def test_no_inline_script_style_or_handler(path):
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"\sstyle\s*=", html, re.I), "style attribute"
    assert not re.search(r"<style[\s>]", html, re.I), "<style> element"
    assert not re.search(r"\son[a-z]+\s*=", html, re.I), "inline event handler"
    assert not re.search(r"javascript:", html, re.I), "javascript: URL"
    for script in re.findall(r"<script\b[^>]*>", html, re.I):
        if script == "<script src=\"{% static 'js/text-size.js' %}\">":
            continue  # the one blocking script, by design: the text size before the first paint
        assert "src=" in script and " defer" in script, f"inline or blocking script: {script}"


def test_the_pages_load_one_stylesheet_and_deferred_scripts_of_our_own():
    base = (ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    assert re.findall(r'rel="stylesheet" href="([^"]+)"', base) == ["{% static 'css/site.css' %}"]
    scripts = re.findall(r'<script src="([^"]+)" defer></script>', base)
    assert scripts == ["{% static 'js/site.js' %}", "{% static 'js/engagement.js' %}"]
    early = re.findall(r'<script src="([^"]+)"></script>', base)
    assert early == ["{% static 'js/text-size.js' %}"]
    for name in ("css/site.css", "js/site.js", "js/engagement.js", "js/text-size.js"):
        assert (ROOT / "static" / name).is_file()
