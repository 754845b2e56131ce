"""The article page's budgets, measured in the browser on a phone-sized screen:
HTML + CSS + JS transferred <= 60 KB before images, nothing render-blocking from another site,
and no layout shift when images arrive late (each has width and height)."""

import time

from tests.e2e.conftest import PHONE, load_images

BUDGET_BYTES = 60 * 1024
IMAGE_DELAY_SECONDS = 0.4

LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
})"""

RENDER_BLOCKING = """() => {
  const blocking = performance.getEntriesByType("resource")
    .filter(e => e.renderBlockingStatus === "blocking").map(e => e.name);
  const scripts = Array.from(document.querySelectorAll("script"))
    .filter(s => s.type !== "application/ld+json")
    .map(s => ({src: s.src, deferred: s.defer || s.async, inline: !s.src}));
  const sheets = Array.from(document.querySelectorAll("link[rel~=stylesheet]")).map(l => l.href);
  const images = Array.from(document.images).map(img => ({
    src: img.getAttribute("src"), width: img.getAttribute("width"),
    height: img.getAttribute("height")}));
  return {blocking, scripts, sheets, images, inlineStyles: document.querySelectorAll(
    "[style]").length, styleElements: document.querySelectorAll("style").length};
}"""


def same_origin(url, origin):
    return url.startswith(origin + "/")


def test_article_page_budgets(demo, open_browser):
    reader = open_browser(**PHONE)
    transferred = {}

    def count(response):
        request = response.request
        if request.resource_type in ("document", "stylesheet", "script"):
            sizes = request.sizes()
            transferred[response.url] = sizes["responseHeadersSize"] + sizes["responseBodySize"]

    def late_image(route):
        time.sleep(IMAGE_DELAY_SECONDS)  # images arrive after the text has been laid out
        route.continue_()

    reader.context.route("**/media/**", late_image)
    page = reader.new_page()
    page.on("requestfinished", lambda request: count(request.response()))
    page.goto(demo.article.get_absolute_url(), wait_until="load")
    load_images(page)

    total = sum(transferred.values())
    print(f"\narticle page, HTML+CSS+JS transferred: {total} bytes ({total / 1024:.1f} KB)")
    for url, size in sorted(transferred.items()):
        print(f"  {size:>7}  {url}")
    assert len(transferred) >= 3  # the page, its stylesheet and its scripts were all counted
    assert total <= BUDGET_BYTES

    found = page.evaluate(RENDER_BLOCKING)
    origin = reader.origin
    assert all(same_origin(url, origin) for url in found["blocking"]), found["blocking"]
    assert all(same_origin(url, origin) for url in found["sheets"])
    for script in found["scripts"]:  # our own files, deferred; never inline code
        early = script["src"].endswith(".js") and "/text-size" in script["src"]  # by design
        assert not script["inline"] and (script["deferred"] or early)
        assert same_origin(script["src"], origin)
    assert found["inlineStyles"] == 0 and found["styleElements"] == 0

    # Images: every one reserves its space (width and height), so nothing moves when it lands.
    assert found["images"], "the article should show its featured image"
    for image in found["images"]:
        assert image["width"] and image["height"], image
    assert page.evaluate(LAYOUT_SHIFT) == 0

    # The measurement itself works: an image without a size, arriving late, does move the page.
    page.evaluate("""() => new Promise(resolve => {
      const img = new Image();
      img.alt = "control";
      img.onload = resolve;
      img.src = document.querySelector(".featured").currentSrc + "?control";
      document.querySelector("main").prepend(img);
    })""")
    assert page.evaluate(LAYOUT_SHIFT) > 0
    reader.assert_clean()


def test_a_chosen_text_size_is_there_from_the_first_paint(demo, open_browser):
    # Applied by a deferred script, the page could be drawn at the standard size and jump to
    # the chosen one. Deferred scripts run after the document turns "interactive": the size
    # must already be set then.
    reader = open_browser(**PHONE)
    reader.context.add_init_script("""document.addEventListener("readystatechange", () => {
      if (document.readyState === "interactive")
        window.sizeWhenParsed = document.documentElement.className;
    });""")
    page = reader.new_page()
    page.goto(demo.article.get_absolute_url())
    page.evaluate("() => localStorage.setItem('hypogal-text-size', 'largest')")
    page.reload(wait_until="load")
    assert "text-largest" in page.evaluate("() => window.sizeWhenParsed")
    assert page.evaluate(LAYOUT_SHIFT) == 0
    reader.assert_clean()
