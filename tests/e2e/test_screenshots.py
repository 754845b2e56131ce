"""Full-page screenshots of the home page, an article and a story at desktop (1280 px) and phone
(390 px) widths, plus the article in the dark theme, saved under tests/artifacts/ (git-ignored)
for a person to look at after a run."""

from tests.e2e.conftest import ARTIFACTS, DESKTOP, PHONE, load_images


def test_screenshots_of_home_article_and_story(demo, open_browser):
    ARTIFACTS.mkdir(exist_ok=True)
    pages = {"home": "/", "article": demo.article.get_absolute_url(),
             "story": demo.story.get_absolute_url()}
    saved = []
    for device_name, device, scheme, names in [
        ("desktop", DESKTOP, "light", pages),
        ("phone", PHONE, "light", pages),
        ("phone-dark", PHONE, "dark", ["article"]),  # the dark theme, for a look
    ]:
        reader = open_browser(**device, color_scheme=scheme, reduced_motion="reduce")
        page = reader.new_page()
        for name in names:
            url = pages[name]
            page.goto(url)
            load_images(page)
            path = ARTIFACTS / f"{name}-{device_name}.png"
            page.screenshot(path=str(path), full_page=True)
            saved.append(path)
        reader.assert_clean()
    for path in saved:
        assert path.stat().st_size > 20_000, path
