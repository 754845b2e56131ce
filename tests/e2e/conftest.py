"""Browser tests: Debian's Chromium (never a downloaded browser) driven by Playwright for Python.

The site runs in pytest-django's live server (threads in this process, so ``settings`` overrides
apply to it). Each test skips itself, saying why, only when Chromium or axe-core is missing;
with HYPOGAL_E2E_REQUIRED=1 (set by .ci/run) a missing tool fails the run instead.

Every browser context records every request and every console error: a test ends by asserting
that all requests went to the live server (no fonts, scripts, analytics or embeds from anywhere
else) and that the console stayed clean (a script or style refused by the Content-Security-Policy
shows up there).
"""

import os

# Playwright's sync API keeps an event loop running in this thread; Django's ORM calls from the
# test itself (fixtures, factories) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import shutil  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

import pytest  # noqa: E402

HERE = Path(__file__).resolve().parent
CHROMIUM = Path(os.environ.get("HYPOGAL_CHROMIUM", "/usr/bin/chromium"))
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = HERE.parent / "artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def missing_tools():
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    if not AXE.exists():
        npm = "npm ci --prefix tests/e2e" if shutil.which("npm") else "install Node.js/npm, then "
        missing.append(f"axe-core is not installed ({npm})")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("Playwright is not installed (pip install -r requirements-dev.txt)")
    return missing


def require_tools():
    missing = missing_tools()
    if not missing:
        return
    message = "browser tests skipped: " + "; ".join(missing)
    if os.environ.get("HYPOGAL_E2E_REQUIRED") == "1":
        pytest.fail(message + ". HYPOGAL_E2E_REQUIRED=1 (CI) needs them.", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    require_tools()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def site(browser, live_server, settings):
    """The live site as readers get it (the page cache on), with uploads served and humane
    comment timing."""
    settings.ROOT_URLCONF = "tests.e2e.urls"
    settings.HYPOGAL_PAGE_CACHE = True
    # People take longer than this anyway; the rate limits stay as in production.
    settings.HYPOGAL_COMMENT_MIN_SECONDS = 0
    settings.HYPOGAL_AUTHOR_EMAILS = ["author@example.org"]
    return live_server


@dataclass
class Visitor:
    """One browser context (one person's browser), with what it asked for and what it logged."""

    context: object
    origin: str
    requests: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    def new_page(self):
        page = self.context.new_page()
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        return page

    def _console(self, message):
        # A page answered 400 on purpose (a form with errors) is logged too: failed loads are
        # judged by _response instead, which knows what was loaded.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console error on {message.location.get('url')}: "
                                 f"{message.text}")

    def _response(self, response):
        if response.status >= 400 and response.request.resource_type != "document":
            self.problems.append(f"{response.status} for {response.url}")

    def foreign_requests(self):
        return [
            url for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob")
            and f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" != self.origin
        ]

    def assert_clean(self):
        assert self.requests, "no request was recorded"
        assert self.foreign_requests() == [], "requests left the site"
        assert self.problems == []


@pytest.fixture
def open_browser(browser, site):
    """``open_browser(**context_options)`` -> a Visitor; checked and closed after the test."""
    visitors = []
    origin = site.url.rstrip("/")

    def make(**options):
        options.setdefault("locale", "en-GB")
        context = browser.new_context(base_url=origin, **options)
        context.set_default_timeout(10_000)
        visitor = Visitor(context=context, origin=origin)
        context.on("request", lambda request: visitor.requests.append(request.url))
        context.on("response", visitor._response)
        visitors.append(visitor)
        return visitor

    yield make
    for visitor in visitors:
        visitor.context.close()


def run_axe(page):
    """axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is now: the violations.

    Injected through DevTools (page.evaluate), which the page's Content-Security-Policy does not
    govern, so the page is tested with its real policy in force.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    return page.evaluate(
        """async () => {
          const result = await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                            "wcag22aa"]},
            resultTypes: ["violations"],
          });
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary),
          }));
        }"""
    )


def load_images(page):
    """Scroll through the page so lazy images load, then wait until every image has loaded."""
    page.evaluate(
        """async () => {
          for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
            window.scrollTo(0, y);
            await new Promise(resolve => requestAnimationFrame(resolve));
          }
          window.scrollTo(0, 0);
        }"""
    )
    page.wait_for_function("() => Array.from(document.images).every(img => img.complete)")
    broken = page.evaluate(
        "() => Array.from(document.images).filter(i => !i.naturalWidth).map(i => i.src)"
    )
    assert broken == []


@pytest.fixture
def demo(site):
    """The demo site (load_demo), plus what a lived-in article has: a featured image, a like
    and an approved comment."""
    import io
    from types import SimpleNamespace

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from articles.models import Article, Condition
    from hypogal.demo_images import DRAWINGS
    from stories.models import Story
    from tests import factories

    call_command("load_demo", stdout=io.StringIO())
    article = Article.objects.get(slug="what-is-cervical-dystonia")
    article.featured_image = SimpleUploadedFile("window.jpg", DRAWINGS["window"]())
    article.featured_image_alt = "A waiting-room window looking out over green hills"
    article.save()
    factories.comment(article, name="Maria", body="Thank you. My husband finally understands "
                      "why I can't hold my head still.\n\nIs the pain worse for you in winter?")
    factories.like(article)
    return SimpleNamespace(
        article=article,
        story=Story.objects.get(slug="rocks-in-my-neck"),
        condition=Condition.objects.get(slug="cervical-dystonia"),
    )
