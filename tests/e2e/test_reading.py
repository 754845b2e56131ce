"""Reading comfort, measured in the browser: type size and measure, themes, motion, print, and
every page working with JavaScript switched off."""

import re

from tests.e2e.conftest import ARTIFACTS, DESKTOP, PHONE, load_images

TYPE = """() => {
  const p = document.querySelector(".body p");
  const style = getComputedStyle(p);
  // Characters per line, counted the way a reader sees them: group the paragraph's characters
  // by the line box they fall on.
  const text = p.firstChild, range = document.createRange(), lines = new Map();
  for (let i = 0; i < text.length; i++) {
    range.setStart(text, i); range.setEnd(text, i + 1);
    const top = Math.round(range.getBoundingClientRect().top);
    lines.set(top, (lines.get(top) || 0) + 1);
  }
  const full = Array.from(lines.values()).slice(0, -1);  // the last line is short
  return {fontPx: parseFloat(style.fontSize), lineHeight: parseFloat(style.lineHeight),
          perLine: full.reduce((a, b) => a + b, 0) / full.length,
          background: getComputedStyle(document.body).backgroundColor};
}"""


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def luminance(rgb):
    red, green, blue = (int(v) / 255 for v in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_type_measure_and_themes(demo, open_browser):
    light = open_browser(**DESKTOP, color_scheme="light").new_page()
    light.goto(demo.article.get_absolute_url())
    found = light.evaluate(TYPE)
    assert found["fontPx"] >= 18
    assert found["lineHeight"] >= 1.5 * found["fontPx"]
    assert 60 <= found["perLine"] <= 80, found  # a readable measure, about 70 characters
    assert luminance(found["background"]) > 0.9

    dark = open_browser(**PHONE, color_scheme="dark").new_page()
    dark.goto(demo.article.get_absolute_url())
    assert luminance(dark.evaluate(TYPE)["background"]) < 0.15


def test_motion_only_for_readers_who_have_not_asked_for_less(demo, open_browser):
    motion = """() => ({scroll: getComputedStyle(document.documentElement).scrollBehavior,
                        transition: getComputedStyle(document.querySelector("nav a"))
                                      .transitionDuration})"""
    calm = open_browser(**DESKTOP, reduced_motion="reduce").new_page()
    calm.goto(demo.article.get_absolute_url())
    assert calm.evaluate(motion) == {"scroll": "auto", "transition": "0s"}
    moving = open_browser(**DESKTOP, reduced_motion="no-preference").new_page()
    moving.goto(demo.article.get_absolute_url())
    assert moving.evaluate(motion)["scroll"] == "smooth"


def test_an_article_prints_cleanly_for_the_doctor(demo, open_browser):
    reader = open_browser(**DESKTOP)
    page = reader.new_page()
    url = demo.article.get_absolute_url()
    page.goto(url)
    load_images(page)
    page.emulate_media(media="print")
    for hidden in ["nav[aria-label=Main]", ".text-size", ".skip-link", ".likes", "#comments",
                   ".share", ".related-reading", ".toc", "#comment-form"]:
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".body")).to_be_visible()
    sources = page.locator(".sources")
    expect(sources).to_be_visible()
    first_source = demo.article.sources.order_by("position").first()
    expect(sources.locator(".print-url").first).to_be_visible()
    expect(sources).to_contain_text(first_source.url)
    expect(page.locator(".print-only")).to_be_visible()
    expect(page.locator(".print-only")).to_contain_text(page.url.split("#")[0])
    colours = page.evaluate("""() => [getComputedStyle(document.body).color,
                                      getComputedStyle(document.body).backgroundColor]""")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "article-print.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    assert pdf.stat().st_size > 10_000
    reader.assert_clean()


def test_everything_reads_and_works_with_javascript_off(demo, open_browser):
    reader = open_browser(**PHONE, java_script_enabled=False)
    page = reader.new_page()
    for url, heading in [
        ("/", "HypoGal"),
        (demo.condition.get_absolute_url(), demo.condition.name),
        (demo.story.get_absolute_url(), demo.story.title),
        ("/search/?q=botox", "Search"),
        (demo.article.get_absolute_url(), demo.article.title),
    ]:
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(page.locator("main")).to_be_visible()
    # The text-size control needs its script, so it does not show; the browser's zoom remains.
    expect(page.locator(".text-size")).to_be_hidden()
    expect(page.get_by_role("link", name="Copy link")).to_have_attribute(
        "href", re.compile(re.escape(demo.article.get_absolute_url()) + "$"))

    # A like is a plain form post: the page comes back with the new count and a thank-you.
    page.get_by_role("button", name="Like").click()
    expect(page.locator("[data-like-count]")).to_have_text("2 likes")
    expect(page.locator("#messages")).to_contain_text("Thank you for the like.")

    form = page.locator("#comment-form")
    form.get_by_label("Your name").fill("Ann")
    form.get_by_label("Your email").fill("ann@example.org")
    form.get_by_label("Your comment").fill("Reading this on a slow phone with scripts off.")
    form.get_by_role("button", name="Send comment").click()
    expect(page.locator("#messages")).to_contain_text("waiting for moderation")
    reader.assert_clean()


def test_on_a_phone_the_page_starts_on_the_first_screen(demo, open_browser):
    phone = open_browser(**PHONE).new_page()
    phone.goto(demo.article.get_absolute_url())
    expect(phone.locator(".site-header .tagline")).to_be_hidden()
    header = phone.evaluate("() => document.querySelector('.site-header').offsetHeight")
    assert header <= 0.3 * PHONE["viewport"]["height"], header
    title = phone.locator("h1").bounding_box()
    assert title["y"] + title["height"] < PHONE["viewport"]["height"] / 2
    desktop = open_browser(**DESKTOP).new_page()
    desktop.goto(demo.article.get_absolute_url())
    expect(desktop.locator(".site-header .tagline")).to_be_visible()
