"""Feeds parse strictly and carry only public content, with absolute links."""

import feedparser
import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    dystonia = factories.condition(name="Cervical dystonia", slug="cervical-dystonia")
    other = factories.condition(name="Sheehan's syndrome")
    article = factories.article(
        title="What is cervical dystonia?",
        body="## What is it?\n\nSee ![chart](/media/chart.png) and [more](/articles/x/).",
        conditions=[dystonia],
    )
    story = factories.story(title="Rocks in my neck", conditions=[dystonia])
    factories.article(title="About Sheehan's", conditions=[other])
    factories.draft_article(title="Secret draft", conditions=[dystonia])
    factories.scheduled_article(title="Scheduled post", conditions=[dystonia])
    factories.draft_story(title="Draft story", conditions=[dystonia])
    return {"condition": dystonia, "article": article, "story": story}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.mark.parametrize("name, version", [("feed", "rss20"), ("feed_atom", "atom10")])
def test_site_feed_is_valid_and_public_only(client, content, name, version):
    feed = parse(client, reverse(name))
    assert feed.version == version
    titles = [entry.title for entry in feed.entries]
    assert "What is cervical dystonia?" in titles and "Rocks in my neck" in titles
    assert not {"Secret draft", "Scheduled post", "Draft story"} & set(titles)
    for entry in feed.entries:
        assert entry.link.startswith("http://testserver/")
    entry = next(e for e in feed.entries if e.title == "What is cervical dystonia?")
    assert entry.link == "http://testserver" + content["article"].get_absolute_url()
    # RSS carries the whole post in <description>; Atom in <content>, the summary in <summary>.
    body = entry.content[0].value if version == "atom10" else entry.summary
    if version == "atom10":
        assert entry.summary == content["article"].summary
    assert 'src="http://testserver/media/chart.png"' in body
    assert 'href="http://testserver/articles/x/"' in body
    assert [tag.term for tag in entry.tags] == ["Cervical dystonia"]
    assert entry.author
    # The heading keeps its text; its "#" link, which only works on the page, is gone.
    assert "What is it?" in body and "headerlink" not in body and 'href="#' not in body


def test_site_feed_has_the_newest_twenty(client):
    for _ in range(15):
        factories.article()
        factories.story()
    assert len(parse(client, reverse("feed")).entries) == 20


def test_condition_feed_has_only_that_condition(client, content):
    url = reverse("condition_feed", kwargs={"slug": "cervical-dystonia"})
    titles = {entry.title for entry in parse(client, url).entries}
    assert titles == {"What is cervical dystonia?", "Rocks in my neck"}
    assert client.get(reverse("condition_feed", kwargs={"slug": "nope"})).status_code == 404


def test_pages_advertise_their_feeds(client, content):
    home = client.get(reverse("home")).text
    assert 'type="application/rss+xml"' in home and 'href="/feed/"' in home
    assert 'type="application/atom+xml"' in home and 'href="/feed/atom/"' in home
    condition = client.get(content["condition"].get_absolute_url()).text
    assert 'href="/conditions/cervical-dystonia/feed/"' in condition


def test_feed_query_count_is_fixed(client, django_assert_max_num_queries):
    conditions = [factories.condition() for _ in range(5)]
    for _ in range(25):
        factories.article(conditions=conditions)
        factories.story(conditions=conditions)
    with django_assert_max_num_queries(5):
        client.get(reverse("feed"))
