"""The admin's markdown editor when the site refuses a dropped file: the author's text stays as
she wrote it, and she is told why."""

import base64
import re

from django.urls import reverse

from tests import factories
from tests.e2e.conftest import DESKTOP
from tests.e2e.test_journey import DROP_IMAGE, expect, log_in
from tests.images import jpeg_bytes


def test_a_refused_upload_leaves_the_text_alone_and_says_why(site, open_browser):
    factories.staff_user(username="hypogal")
    author = open_browser(**DESKTOP)
    page = author.new_page()
    log_in(page, "hypogal")
    page.goto(reverse("admin:articles_article_add"))
    editor = page.locator("textarea.markdownx-editor")
    text = "## My week\n\nThe injections were on Tuesday.\n\n"
    editor.fill(text)

    not_a_photo = base64.b64encode(b"these are my notes, not a photo").decode()
    editor.evaluate(DROP_IMAGE, not_a_photo)
    refusal = page.get_by_role("alert").filter(has_text="not an image we can use")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("Your text is unchanged.")
    expect(editor).to_have_value(text)

    # A good photo afterwards goes in as usual, and the old refusal goes away.
    editor.evaluate(DROP_IMAGE, base64.b64encode(jpeg_bytes()).decode())
    uploaded = re.escape(text) + r"!\[Describe this image\]\(/media/uploads/[\w/-]+\.jpg\)"
    expect(editor).to_have_value(re.compile(uploaded))
    expect(refusal).to_have_count(0)


def test_a_lost_connection_during_an_upload_leaves_the_text_alone(site, open_browser):
    factories.staff_user(username="hypogal")
    page = open_browser(**DESKTOP).new_page()
    log_in(page, "hypogal")
    page.goto(reverse("admin:articles_article_add"))
    editor = page.locator("textarea.markdownx-editor")
    editor.fill("Written on the train.")
    page.route("**/markdownx/upload/", lambda route: route.abort())  # the signal drops

    editor.evaluate(DROP_IMAGE, base64.b64encode(jpeg_bytes()).decode())
    expect(page.get_by_role("alert").filter(has_text="could not be uploaded")).to_be_visible()
    expect(editor).to_have_value("Written on the train.")
