"""A post's page costs the same number of queries however many comments and likes it has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db


def engage(post, comments, likes):
    for n in range(comments):
        top = factories.comment(post)
        if n % 3 == 0:
            factories.comment(post, parent=top, by_author=True)
        factories.comment(post, status="pending")
    for _ in range(likes):
        factories.like(post)


def count_queries(client, post):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("make", [factories.article, factories.story])
def test_detail_query_count_is_fixed(client, make):
    quiet, busy, busier = make(), make(), make()
    engage(busy, comments=1, likes=1)
    engage(busier, comments=40, likes=60)
    count_queries(client, quiet)  # warm per-process caches, as on a running site
    none, _ = count_queries(client, quiet)
    few, _ = count_queries(client, busy)
    many, response = count_queries(client, busier)
    # The discussion is one stored row, read the same way with no comments or hundreds.
    assert few == many == none
    assert response.context["engagement"].comment_count == 40 + 14
    assert response.context["engagement"].like_count == 60


@pytest.mark.parametrize("size", [0, 30])
def test_article_page_query_budget(client, django_assert_max_num_queries, size):
    post = factories.article()
    engage(post, comments=size, likes=size)
    # Whatever the article page itself needs (measured on a post nobody engaged with),
    # comments and likes add nothing.
    baseline, _ = count_queries(client, factories.article())
    with django_assert_max_num_queries(baseline):
        assert client.get(post.get_absolute_url()).status_code == 200


def test_staff_page_query_count_is_fixed_too(staff_client):
    quiet, busy = factories.article(), factories.article()
    engage(busy, comments=30, likes=30)
    count_queries(staff_client, quiet)
    none, _ = count_queries(staff_client, quiet)
    many, _ = count_queries(staff_client, busy)
    assert many == none


def test_for_page_works_on_a_post_fetched_any_way(rf):
    from hypogal.engagement.context import for_page

    post = factories.article()
    factories.comment(post)
    factories.like(post)
    request = rf.get("/")
    request.user = factories.visitor_user()
    engagement = for_page(request, post)
    assert (engagement.comment_count, engagement.like_count, engagement.liked) == (1, 1, False)
    assert engagement.can_comment and engagement.form is not None
