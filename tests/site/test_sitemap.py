from xml.etree import ElementTree  # parses our own sitemap, not untrusted input

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_public_content_only_with_absolute_urls_and_lastmod(client):
    condition = factories.condition()
    article = factories.article(conditions=[condition])
    story = factories.story()
    draft = factories.draft_article()
    scheduled = factories.scheduled_article()
    draft_story = factories.draft_story()

    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314
    entries = {
        url.find("s:loc", NS).text: url.find("s:lastmod", NS) for url in root.findall("s:url", NS)
    }
    base = "http://testserver"
    for obj in (article, story, condition):
        assert base + obj.get_absolute_url() in entries
    for path in ("/", "/articles/", "/stories/", "/conditions/"):
        assert base + path in entries
    for hidden in (draft, scheduled, draft_story):
        assert base + hidden.get_absolute_url() not in entries
    assert entries[base + article.get_absolute_url()].text == article.updated_at.date().isoformat()
    # A condition's hub changed when its newest public post did; drafts do not count.
    changed = article.updated_at.date().isoformat()
    assert entries[base + condition.get_absolute_url()].text == changed
    lonely = factories.condition()
    factories.draft_article(conditions=[lonely])
    root = ElementTree.fromstring(client.get(reverse("sitemap")).content)  # noqa: S314
    [entry] = [u for u in root.findall("s:url", NS) if u.find("s:loc", NS).text.endswith(
        lonely.get_absolute_url())]
    assert entry.find("s:lastmod", NS) is None
    assert all(loc.startswith(base) for loc in entries)


def test_robots_txt_names_the_sitemap_and_keeps_admin_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
