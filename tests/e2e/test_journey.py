"""The whole round, as people do it: the author writes and publishes in the admin's markdown
editor; a reader on a phone reads, enlarges the text, likes and comments; the author approves
the comment; the reader sees it."""

import base64
import re

from django.core import mail
from django.urls import reverse

from tests import factories
from tests.e2e.conftest import DESKTOP, PHONE, load_images
from tests.images import jpeg_bytes

TITLE = "Telling my manager about my tremor"
PASSWORD = "a-long-test-password"
ALT = "My desk: a wrist rest, a large trackball and a mug with a lid"

DROP_IMAGE = """(textarea, b64) => {
  // What the browser does when the author drags a photo from her files onto the editor.
  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], "my-desk.jpg", {type: "image/jpeg"}));
  textarea.focus();
  textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  for (const type of ["dragenter", "dragover", "drop"]) {
    textarea.dispatchEvent(new DragEvent(type, {dataTransfer: data, bubbles: true,
                                                cancelable: true}));
  }
}"""


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def log_in(page, username):
    page.goto(reverse("admin:index"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Log out").or_(
        page.get_by_role("button", name="Log out"))).to_be_visible()


def write_and_publish(page):
    page.goto(reverse("admin:articles_article_add"))
    page.get_by_label("Title").press_sequentially(TITLE)  # the slug follows as she types
    expect(page.get_by_label("Slug")).to_have_value("telling-my-manager-about-my-tremor")
    page.get_by_label("Summary").fill("How I asked for a quieter desk and a trackball, and what "
                                      "my manager said.")
    editor = page.locator("textarea.markdownx-editor")
    editor.fill("## What I asked for\n\nA quieter desk, a trackball and a mug with a lid.\n\n")

    # The live preview renders the markdown through the site's own (sanitizing) renderer.
    preview = page.locator(".markdownx-preview")
    expect(preview.locator("h2#what-i-asked-for")).to_contain_text("What I asked for")

    # Drag-and-drop upload: markdownx posts the file and inserts the image's markdown.
    photo = base64.b64encode(jpeg_bytes(width=800, height=600)).decode()
    editor.evaluate(DROP_IMAGE, photo)
    uploaded = re.compile(r"!\[Describe this image\]\(/media/uploads/\d{4}/\d{2}/[\w-]+\.jpg\)")
    expect(editor).to_have_value(uploaded)
    # She describes the photo, as the inserted text asks, and writes on.
    editor.fill(editor.input_value().replace("Describe this image", ALT)
                + "\n\nMy manager said yes to all three.\n")
    image = preview.get_by_role("img", name=ALT)
    expect(image).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                           arg=image.element_handle())
    expect(preview).to_contain_text("My manager said yes to all three.")

    page.get_by_label("Status").select_option(label="Published")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")


def approve_pending_comment(page, body):
    page.goto(reverse("admin:engagement_comment_changelist"))
    row = page.get_by_role("row").filter(has_text=body[:30])
    row.get_by_role("checkbox").check()
    page.get_by_role("combobox", name="Action").select_option(label="Approve selected comments")
    page.get_by_role("button", name="Go", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("approved")


def test_author_publishes_reader_likes_and_comments_author_approves(site, open_browser):
    factories.staff_user(username="hypogal", email="author@example.org", first_name="Gal")

    # The author writes and publishes an article on her laptop.
    author = open_browser(**DESKTOP)
    desk = author.new_page()
    log_in(desk, "hypogal")
    write_and_publish(desk)

    # A reader on a phone finds it on the home page.
    reader = open_browser(**PHONE)
    phone = reader.new_page()
    phone.goto("/")
    latest = phone.get_by_role("region", name="Latest condition guides")
    latest.get_by_role("link", name=TITLE).tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text(TITLE)
    load_images(phone)
    expect(phone.locator(".body").get_by_role("img", name=ALT)).to_be_visible()

    # She makes the text larger; the choice is still there after a reload.
    sizes = phone.get_by_role("group", name="Text size")
    normal_px = phone.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    sizes.get_by_role("button", name="Largest").tap()
    expect(sizes.get_by_role("button", name="Largest")).to_have_attribute("aria-pressed", "true")
    larger_px = phone.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert normal_px >= 18 and larger_px >= normal_px * 1.3
    reloaded = phone.reload()
    # Served from the page cache, as most readers' pages are: the like below is made on it.
    assert reloaded.headers.get("x-page-cache") == "hit"
    expect(phone.locator("html")).to_have_class(re.compile(r"\btext-largest\b"))
    expect(sizes.get_by_role("button", name="Largest")).to_have_attribute("aria-pressed", "true")
    # Nothing sideways to scroll on a phone, even at the largest size.
    assert phone.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")

    # She likes it: the count changes in place, the page is not reloaded.
    phone.evaluate("() => { window.stillTheSamePage = true; }")
    likes = phone.locator("#likes")
    expect(likes.locator("[data-like-count]")).to_have_text("0 likes")
    likes.get_by_role("button", name="Like").tap()
    expect(likes.locator("[data-like-count]")).to_have_text("1 like")
    expect(likes.get_by_role("button", name="Unlike")).to_be_visible()
    assert phone.evaluate("() => window.stillTheSamePage === true")

    # She comments, and is told it waits for the author.
    comment = "Thank you for this. I asked for a trackball too, and it helps so much."
    form = phone.locator("#comment-form")
    form.get_by_label("Your name").fill("Ruth")
    form.get_by_label("Your email").fill("ruth@example.org")
    form.get_by_label("Your comment").fill(comment)
    form.get_by_role("button", name="Send comment").tap()
    expect(phone.get_by_role("status").filter(has_text="waiting for moderation")).to_be_visible()
    expect(phone.locator("#comments")).not_to_contain_text(comment)
    assert [m.subject for m in mail.outbox] and "Ruth" in mail.outbox[0].body

    # The author approves it; the reader sees it on the page.
    approve_pending_comment(desk, comment)
    phone.reload()
    comments = phone.get_by_role("region", name="1 comment")
    expect(comments.get_by_role("article")).to_contain_text(comment)
    expect(comments.get_by_role("article")).to_contain_text("Ruth")

    reader.assert_clean()
    assert author.foreign_requests() == []
