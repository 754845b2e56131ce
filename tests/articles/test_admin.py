"""The author's workflow in the admin, as she uses it."""

import html as html_module
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article
from tests import factories, images

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_article_add")
CHANGELIST = reverse("admin:articles_article_changelist")


def article_form(**overrides):
    data = {
        "title": "What is relapsing polychondritis?",
        "slug": "what-is-relapsing-polychondritis",
        "summary": "An overview.",
        "body": "## What is it?\n\nCartilage inflammation.",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "reviewed_at": "2025-03-01",
        "featured_image_alt": "",
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-title": "Relapsing polychondritis",
        "sources-0-publisher": "A patient organisation",
        "sources-0-url": "https://example.org/rp",
        "sources-0-position": "1",
    }
    data.update(overrides)
    return data


def test_add_page_has_the_markdown_editor_with_live_preview(staff_client):
    html = staff_client.get(ADD).text
    assert "markdownx-editor" in html
    assert 'data-markdownx-urls-path="/markdownx/markdownify/"' in html
    assert "markdownx-preview" in html


def test_author_writes_and_publishes_an_article(staff_client, client):
    condition = factories.condition(name="Relapsing polychondritis")
    response = staff_client.post(ADD, article_form(conditions=[condition.pk]))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="what-is-relapsing-polychondritis")
    assert article.is_published
    assert list(article.conditions.all()) == [condition]
    assert article.sources.get().url == "https://example.org/rp"
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200 and "Cartilage inflammation." in page.text


def test_featured_image_is_stripped_of_location(staff_client, media_root):
    upload = SimpleUploadedFile("me.jpg", images.jpeg_bytes(gps=True, orientation=6), "image/jpeg")
    response = staff_client.post(
        ADD, article_form(featured_image=upload, featured_image_alt="The author smiling")
    )
    assert response.status_code == 302
    notice = [str(m) for m in staff_client.get(response.url).context["messages"]]
    assert any("Location (GPS) data was found in the featured image" in m for m in notice)
    article = Article.objects.get()
    meta = images.metadata_of(article.featured_image.path)
    assert meta["gps"] == {} and meta["exif"] == {}
    assert meta["size"] == (80, 120)  # orientation 6 applied to the pixels
    assert (article.featured_image_width, article.featured_image_height) == (80, 120)


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"featured_image_alt": ""}, "featured_image_alt", "Describe the featured image"),
        ({"featured_image": "text"}, "featured_image", "not an image we can use"),
    ],
)
def test_bad_featured_image_input_is_refused_and_nothing_stored(
    staff_client, media_root, overrides, field, message
):
    if overrides.get("featured_image") == "text":
        overrides["featured_image"] = SimpleUploadedFile("x.jpg", b"hello", "image/jpeg")
        overrides["featured_image_alt"] = "alt"
    else:
        overrides["featured_image"] = SimpleUploadedFile("a.jpg", images.jpeg_bytes(), "image/jpeg")
    response = staff_client.post(ADD, article_form(**overrides))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field])
    assert Article.objects.count() == 0
    assert images.files_under(media_root) == []


def test_changelist_search_filters_and_conditions(staff_client):
    condition = factories.condition(name="Sheehan's syndrome")
    factories.article(title="Hormones after birth", body="prolactin", conditions=[condition])
    factories.draft_article(title="Unfinished draft")
    html = staff_client.get(CHANGELIST).text
    assert "Hormones after birth" in html and "Unfinished draft" in html
    assert "Sheehan&#x27;s syndrome" in html
    found = staff_client.get(CHANGELIST, {"q": "prolactin"}).text
    assert "Hormones after birth" in found and "Unfinished draft" not in found
    drafts = staff_client.get(CHANGELIST, {"state": "draft"}).text
    assert "Unfinished draft" in drafts and "Hormones after birth" not in drafts
    by_condition = staff_client.get(CHANGELIST, {"conditions__id__exact": condition.pk}).text
    assert "Hormones after birth" in by_condition and "Unfinished draft" not in by_condition


def test_publish_and_unpublish_actions(staff_client, client):
    draft = factories.draft_article()
    staff_client.post(CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_published
    assert client.get(draft.get_absolute_url()).status_code == 200

    staff_client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert not draft.is_published
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_publish_action_keeps_a_scheduled_date(staff_client):
    scheduled = factories.scheduled_article(status="draft")
    staff_client.post(CHANGELIST, {"action": "publish", "_selected_action": [scheduled.pk]})
    scheduled.refresh_from_db()
    assert scheduled.status == "published" and scheduled.is_scheduled


def test_view_on_site_link(staff_client):
    post = factories.article()
    html = staff_client.get(reverse("admin:articles_article_change", args=[post.pk])).text
    assert "View on site" in html


def test_admin_is_closed_to_visitors(client, visitor_client):
    assert client.get(CHANGELIST).status_code == 302
    assert visitor_client.get(CHANGELIST).status_code == 302


def test_featured_image_is_served_responsively(staff_client, client):
    upload = SimpleUploadedFile("big.jpg", images.jpeg_bytes(width=1200, height=800), "image/jpeg")
    staff_client.post(ADD, article_form(featured_image=upload, featured_image_alt="A clinic"))
    article = Article.objects.get()
    assert set(article.featured_image_renditions) == {"w480", "w960", "thumb"}
    html = client.get(article.get_absolute_url()).text
    assert ".w480.jpg 480w" in html and 'width="1200" height="800"' in html
    assert 'alt="A clinic"' in html


@pytest.mark.parametrize("url", [ADD, "/admin/stories/story/add/"])
def test_the_slug_is_filled_in_from_the_title(staff_client, url):
    """Django's prepopulate script is wired to the title: the author never has to type a slug."""
    html = staff_client.get(url).text
    config = re.search(r'data-prepopulated-fields="([^"]+)"', html).group(1)
    fields = json.loads(html_module.unescape(config))
    assert {"id": "#id_slug", "dependency_list": ["title"]}.items() <= fields[0].items()
    assert "admin/js/prepopulate_init.js" in html


def test_the_list_tells_scheduled_posts_from_published_ones(staff_client):
    from datetime import timedelta

    from django.utils import timezone

    factories.article(title="Out already")
    factories.article(title="Coming Friday", published_at=timezone.now() + timedelta(days=3))
    factories.draft_article(title="Half written")
    rows = {
        title: row
        for row in re.findall(r"<tr>.*?</tr>", staff_client.get(CHANGELIST).text, re.DOTALL)
        for title in ("Out already", "Coming Friday", "Half written")
        if title in row
    }
    assert "Scheduled for" in rows["Coming Friday"]
    assert "Published" in rows["Out already"] and "Scheduled" not in rows["Out already"]
    assert "Draft" in rows["Half written"]
    for state, shown in [("scheduled", "Coming Friday"), ("public", "Out already")]:
        page = staff_client.get(CHANGELIST, {"state": state}).text
        others = {"Out already", "Coming Friday", "Half written"} - {shown}
        assert shown in page and not any(title in page for title in others)


@pytest.mark.parametrize(
    ("zone", "day", "time"),
    [
        ("Pacific/Auckland", "0001-01-01", "00:00:00"),
        ("America/New_York", "9999-12-31", "23:59:59"),
        ("UTC", "1066-10-14", "09:00:00"),
    ],
)
def test_a_mistyped_year_is_refused_on_the_date_field(staff_client, settings, zone, day, time):
    settings.TIME_ZONE = zone
    response = staff_client.post(ADD, article_form(published_at_0=day, published_at_1=time))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Choose a date between 1990 and 2100." in errors["published_at"]
    assert Article.objects.count() == 0
    assert "Cartilage inflammation." in response.text  # her text is still in the form


def test_a_good_featured_image_sent_with_an_error_elsewhere_asks_to_be_chosen_again(
    staff_client, media_root
):
    upload = SimpleUploadedFile("me.jpg", images.jpeg_bytes(), "image/jpeg")
    response = staff_client.post(
        ADD, article_form(title="", featured_image=upload, featured_image_alt="The author")
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "title" in errors and "choose it again" in " ".join(errors["featured_image"])
    assert Article.objects.count() == 0 and images.files_under(media_root) == []


def test_a_body_beyond_the_limit_is_a_field_error_and_keeps_nothing(staff_client):
    response = staff_client.post(ADD, article_form(body="word " * 40_001))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["body"]
    assert "at most 200000 characters" in " ".join(errors)
    assert Article.objects.count() == 0
