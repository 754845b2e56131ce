"""The privacy page: what the site keeps about readers, linked wherever they give anything."""

import pytest
from django.urls import reverse

from hypogal.models import SiteSettings
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_privacy_page_says_what_is_kept_and_how_to_ask(client):
    html = client.get(reverse("privacy")).text
    for kept in ("csrftoken", "hypogal_visitor", "messages", "Your email address", "never the"):
        assert kept in html
    assert "Reply under any post" in html  # no contact set yet
    SiteSettings.objects.create(privacy_contact="Write to me: <b>ann@example.org</b>")
    html = client.get(reverse("privacy")).text
    assert 'href="mailto:ann@example.org"' in html and "&lt;b&gt;" in html
    assert "Reply under any post" not in html


def test_every_page_links_it_and_the_comment_form_says_why(client):
    post = factories.article()
    html = client.get(post.get_absolute_url()).text
    assert html.count(f'href="{reverse("privacy")}"') == 2  # the footer, and by the form
    assert f'href="{reverse("privacy")}"' in client.get(reverse("home")).text


def test_the_cookies_it_names_are_the_ones_a_reader_gets(client, settings):
    from tests.engagement.helpers import like_url

    post = factories.article()
    named = {"csrftoken", "hypogal_visitor", "messages"}
    got = set(client.get(post.get_absolute_url()).cookies)
    got |= set(client.post(like_url(post), {"action": "like"}).cookies)
    assert got == named
    assert {settings.CSRF_COOKIE_NAME, settings.HYPOGAL_VISITOR_COOKIE} <= named


def test_the_like_counters_network_hash_is_not_denied(client):
    html = client.get(reverse("privacy")).text
    liking = html[html.index("When you like a post") : html.index("When you comment")]
    assert "nothing else about you" not in liking and "network" in liking
    assert 'href="/privacy/"' in client.get("/").text

