"""Every public page, before and after publishing, for visitors and for staff."""

import re

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def public_pages(post, condition):
    return [
        reverse("home"),
        reverse("articles:list"),
        reverse("articles:condition", kwargs={"slug": condition.slug}),
    ]


@pytest.mark.parametrize("make", [factories.draft_article, factories.scheduled_article])
def test_unpublished_article_is_invisible_to_visitors(client, make):
    condition = factories.condition()
    post = make(title="Secret plans", conditions=[condition])

    assert client.get(post.get_absolute_url()).status_code == 404
    for url in public_pages(post, condition):
        response = client.get(url)
        assert response.status_code == 200
        assert "Secret plans" not in response.text, url


@pytest.mark.parametrize("make", [factories.draft_article, factories.scheduled_article])
def test_unpublished_article_is_invisible_to_logged_in_non_staff(visitor_client, make):
    post = make()
    assert visitor_client.get(post.get_absolute_url()).status_code == 404


def test_published_article_appears_everywhere(client):
    condition = factories.condition(name="Cervical dystonia")
    post = factories.article(title="What is cervical dystonia?", conditions=[condition])

    for url in [post.get_absolute_url(), *public_pages(post, condition)]:
        response = client.get(url)
        assert response.status_code == 200
        assert "What is cervical dystonia?" in response.text, url


@pytest.mark.parametrize(
    "make, banner",
    [
        (factories.draft_article, "Draft — not public"),
        (factories.scheduled_article, "Scheduled for"),
    ],
)
def test_staff_preview_has_a_banner_and_is_never_cached(staff_client, make, banner):
    post = make(title="Work in progress")
    response = staff_client.get(post.get_absolute_url())
    assert response.status_code == 200
    assert "Work in progress" in response.text
    assert banner in response.text
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_published_article_shows_no_preview_banner_to_staff(staff_client):
    post = factories.article()
    response = staff_client.get(post.get_absolute_url())
    assert "not public" not in response.text


def test_article_page_shows_everything_a_reader_needs(client):
    condition = factories.condition(name="Sheehan's syndrome")
    post = factories.article(
        title="What is Sheehan's syndrome?",
        summary="A plain-language overview.",
        body="## What causes it?\n\nBlood loss.\n\n## Treatment\n\nHormones.",
        conditions=[condition],
    )
    factories.source(post, title="Pituitary Foundation", url="https://example.org/pit")
    response = client.get(post.get_absolute_url())
    html = response.text
    assert '<meta name="description" content="A plain-language overview.">' in html
    assert condition.get_absolute_url() in html
    assert 'class="toc"' in html and 'href="#what-causes-it"' in html
    assert '<h2 id="what-causes-it">' in html
    assert "Pituitary Foundation" in html and "https://example.org/pit" in html
    assert "not medical advice" in html
    assert "Sheehan&#x27;s syndrome" in html


def test_list_is_newest_first_and_paginated(client):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    for days in range(12):
        factories.article(
            title=f"Post {days:02d} days old", published_at=now - timedelta(days=days + 1)
        )
    first = client.get(reverse("articles:list")).text
    assert first.index("Post 00 days old") < first.index("Post 01 days old")
    assert "Post 11 days old" not in first
    second = client.get(reverse("articles:list") + "?page=2")
    assert "Post 11 days old" in second.text
    assert client.get(reverse("articles:list") + "?page=99").status_code == 404


def test_unknown_slugs_get_a_friendly_404(client, settings):
    settings.DEBUG = False
    for url in ["/articles/no-such-thing/", "/conditions/no-such-thing/", "/nowhere/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "can’t find that page" in response.text
        # A way on: search, as a mature blog's 404 page offers.
        assert f'action="{reverse("search")}"' in response.text and 'name="q"' in response.text


@pytest.mark.parametrize(
    "url",
    ["/search/?q=a%00b", "/articles/?condition=%00", "/old-post%00/", "/?p=1%00", "/?%00=x"],
)
@pytest.mark.parametrize("page_cache", [False, True])
def test_a_nul_byte_in_the_address_is_a_friendly_400(client, settings, url, page_cache):
    """PostgreSQL refuses NUL in text: it must never reach a query (and a 500)."""
    settings.DEBUG = False
    settings.HYPOGAL_PAGE_CACHE = page_cache
    client.get(url)  # a second request could only be a cache hit if the first was stored
    response = client.get(url)
    assert response.status_code == 400
    assert "can’t read that address" in response.text
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_crash_in_a_real_request_gets_the_friendly_500(client, settings, monkeypatch):
    settings.DEBUG = False
    client.raise_request_exception = False

    def broken(*args, **kwargs):
        raise RuntimeError("the database fell over")

    monkeypatch.setattr("hypogal.site.views.most_liked", broken)
    response = client.get(reverse("home"))
    assert response.status_code == 500
    assert "something went wrong" in response.text
    assert "the database fell over" not in response.text and "Traceback" not in response.text


def test_server_error_gets_a_friendly_500(rf):
    from hypogal.site.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "something went wrong" in response.content.decode()


def test_the_500_page_renders_when_the_database_is_down(monkeypatch):
    from django.db import OperationalError
    from django.test import Client

    def down(*args, **kwargs):
        raise OperationalError("could not connect to server")

    # Everything that reads the database fails, the site settings the page header uses too.
    monkeypatch.setattr("hypogal.models.SiteSettings.for_request", down)
    monkeypatch.setattr("hypogal.site.views.most_liked", down)
    response = Client(raise_request_exception=False).get(reverse("home"))
    assert response.status_code == 500
    assert "something went wrong" in response.text and "could not connect" not in response.text


def grow(n):
    conditions = [factories.condition() for _ in range(n)]
    posts = [factories.article(conditions=conditions) for _ in range(n)]
    for post in posts:
        factories.source(post)
    return conditions, posts


@pytest.mark.parametrize("size", [1, 15])
def test_article_page_query_count_is_fixed(client, django_assert_max_num_queries, size):
    conditions, posts = grow(size)
    post = posts[0]
    for _ in range(size):
        factories.source(post)
        factories.comment(post, parent=factories.comment(post))
        factories.like(post)
    # The article (with its like and comment counts), its conditions, its sources; stories
    # about the conditions (+ their conditions); related reading (one per kind of post); the
    # site settings (cached after the first request).
    with django_assert_max_num_queries(9):
        assert client.get(post.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("size", [1, 15])
def test_list_pages_query_count_is_fixed(client, django_assert_max_num_queries, size):
    conditions, _ = grow(size)
    pages = [
        # + 1 everywhere: the site settings, cached after the first request
        (reverse("home"), 8),  # latest articles, stories, most liked stories (+ conditions)
        (reverse("articles:list"), 4),  # count, page, conditions
        (conditions[0].get_absolute_url(), 6),  # condition, articles, stories (+ conditions)
    ]
    for url, limit in pages:
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200, url


def test_cards_on_a_conditions_page_do_not_link_back_to_it(client):
    here = factories.condition(name="Cervical dystonia")
    other = factories.condition(name="Sheehan's syndrome")
    factories.article(title="Both at once", conditions=[here, other])
    factories.story(title="A story of both", conditions=[here, other])
    for url in (here.get_absolute_url(), reverse("articles:list") + f"?condition={here.slug}"):
        html = client.get(url).text
        cards = re.findall(r'<article class="card">.*?</article>', html, re.DOTALL)
        assert cards
        for card in cards:
            assert f'href="{here.get_absolute_url()}"' not in card and "Cervical dystonia" in card
            assert f'href="{other.get_absolute_url()}"' in card
