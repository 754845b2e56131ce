"""WCAG 2.2 AA in a real browser: axe-core on every kind of public page, in both colour themes,
plus what axe cannot judge alone: the heading outline, alt text, tap-target sizes, and a reader
who uses only the keyboard."""

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, run_axe

HEADINGS_AND_IMAGES = """() => {
  const levels = Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
    .filter(h => h.checkVisibility()).map(h => Number(h.tagName[1]));
  const images = Array.from(document.images).map(img => ({
    src: img.getAttribute("src"), alt: img.getAttribute("alt")}));
  return {levels, images};
}"""

# Controls a shaky hand must hit: at least 44 x 44 CSS px. A link inside a sentence is exempt
# (WCAG's inline exception); a link that stands alone (nav, lists of titles, share) is not.
SMALL_TARGETS = """() => {
  const controls = document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), textarea, select, summary");
  const small = [];
  for (const el of controls) {
    const box = el.getBoundingClientRect();
    if (!el.checkVisibility() || box.right <= 0 || box.bottom <= 0) continue;  // honeypot
    if (el.matches(".skip-link:not(:focus)")) continue;
    const parentText = el.parentElement.textContent.replace(/\\s+/g, " ").trim();
    const ownText = el.textContent.replace(/\\s+/g, " ").trim();
    if (el.tagName === "A" && parentText !== ownText) continue;  // a link within a sentence
    if (box.height < 44 || box.width < 44) {
      small.push(`${el.tagName.toLowerCase()} "${ownText.slice(0, 40)}" ` +
                 `${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return small;
}"""


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def public_pages(demo):
    return {
        "home": "/",
        "article": demo.article.get_absolute_url(),
        "story": demo.story.get_absolute_url(),
        "condition": demo.condition.get_absolute_url(),
        "search results": "/search/?q=botox",
        "conditions": "/conditions/",
        "guides": "/articles/",
        "stories": "/stories/",
        "privacy": "/privacy/",
    }


def show_comment_error(page, demo):
    """A reader mistypes her address (no ".org"): her browser accepts it, the site does not."""
    page.goto(demo.article.get_absolute_url())
    form = page.locator("#comment-form")
    form.get_by_label("Your name").fill("Ruth")
    form.get_by_label("Your email").fill("ruth@example")
    form.get_by_label("Your comment").fill("The tremor is worse when I am tired.")
    form.get_by_role("button", name="Send comment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Please check your comment")
    email = page.get_by_role("textbox", name="Your email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(
        "Never shown. Only the author sees it, to write back if needed. Enter a valid email "
        "address.")
    expect(page.get_by_label("Your comment")).to_have_value("The tremor is worse when I am tired.")
    # What to fix comes first, with the focus (a phone showed the note off the screen).
    summary = page.locator("#comment-errors")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Your email: Enter a valid email address.")
           ).to_have_attribute("href", "#" + email.get_attribute("id"))


@pytest.mark.parametrize(
    "scheme, device", [("light", DESKTOP), ("dark", PHONE)], ids=["light-desktop", "dark-phone"]
)
def test_axe_finds_no_violations_and_pages_are_well_formed(demo, open_browser, scheme, device):
    reader = open_browser(color_scheme=scheme, **device)
    page = reader.new_page()
    violations, outlines, small = {}, {}, {}
    for name, url in public_pages(demo).items():
        page.goto(url)
        violations[name] = run_axe(page)
        found = page.evaluate(HEADINGS_AND_IMAGES)
        levels = found["levels"]
        # One h1, first; no level skipped on the way down.
        if levels.count(1) != 1 or levels[0] != 1 or any(
            b > a + 1 for a, b in zip(levels, levels[1:], strict=False)
        ):
            outlines[name] = levels
        for image in found["images"]:
            assert image["alt"], f"{name}: image without alt text: {image['src']}"
        small[name] = page.evaluate(SMALL_TARGETS)
    show_comment_error(page, demo)
    violations["comment form with an error"] = run_axe(page)
    small["comment form with an error"] = page.evaluate(SMALL_TARGETS)

    assert {name: found for name, found in violations.items() if found} == {}
    assert outlines == {}
    assert {name: found for name, found in small.items() if found} == {}

    # The check itself works: an image without alt text is reported.
    page.evaluate("""() => { const img = new Image(1, 1);
                             img.src = "/static/img/favicon.svg"; document.body.append(img); }""")
    assert "image-alt" in [v["id"] for v in run_axe(page)]
    reader.assert_clean()


def focus_ring(page):
    return page.evaluate("""() => {
      const el = document.activeElement, style = getComputedStyle(el);
      return {tag: el.tagName, text: (el.textContent || el.name || "").trim().slice(0, 30),
              style: style.outlineStyle, width: parseFloat(style.outlineWidth)};
    }""")


def tab_to(page, selector, limit=120):
    """Press Tab until ``selector`` has focus; every stop on the way shows a focus ring."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        ring = focus_ring(page)
        assert ring["style"] != "none" and ring["width"] >= 2, f"no visible focus: {ring}"
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_a_keyboard_only_reader_skips_to_content_likes_and_comments(demo, open_browser):
    reader = open_browser(**DESKTOP)
    page = reader.new_page()
    page.goto(demo.article.get_absolute_url())

    # The first Tab shows the skip link; Enter jumps past the navigation.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] >= 44
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "content"

    # The like button, by keyboard: the count changes in place.
    tab_to(page, ".like-button")
    page.keyboard.press("Space")
    expect(page.locator("[data-like-count]")).to_have_text("2 likes")
    expect(page.locator(".like-button")).to_be_focused()

    # The comment form, by keyboard alone (the honeypot field is never a Tab stop).
    tab_to(page, "#id_name")
    page.keyboard.type("Sam")
    page.keyboard.press("Tab")
    page.keyboard.type("sam@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Typing this with one hand on a bad day.")
    page.keyboard.press("Tab")
    replies = page.get_by_role("checkbox", name="Email me when someone replies")
    expect(replies).to_be_focused()
    page.keyboard.press("Space")
    expect(replies).to_be_checked()
    page.keyboard.press("Tab")  # what is kept of her, before she sends it
    expect(page.get_by_role("link", name="What is kept, and why")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send comment")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="waiting for moderation")).to_be_visible()
    reader.assert_clean()
