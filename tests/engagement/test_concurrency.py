"""Many readers at once: every like counts exactly once, every valid comment is stored.

Real threads, each with its own database connection, released together by a barrier; the
database (not the test) decides who wins. CI runs this on SQLite and on PostgreSQL.
"""

import threading

import pytest
from django.db import connections
from django.test import Client

from hypogal.engagement import likes
from hypogal.engagement.models import Comment, Like
from tests import factories
from tests.engagement.helpers import comment_url, form_data, like_url

pytestmark = pytest.mark.django_db(transaction=True)


def in_threads(count, work):
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(index):
        try:
            barrier.wait(timeout=30)
            results[index] = work(index)
        except Exception as error:  # noqa: BLE001 - reported below, with the others
            errors.append(error)
        finally:
            connections.close_all()  # each thread's own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


@pytest.fixture
def no_rate_limits(settings):
    # Every thread comes from 127.0.0.1; the limits are tested elsewhere.
    settings.HYPOGAL_LIKE_RATE_IP = "0/60"
    settings.HYPOGAL_COMMENT_RATE_IP = "0/60"
    settings.HYPOGAL_COMMENT_RATE_VISITOR = "0/60"


def test_fifty_visitors_liking_at_once_add_up_exactly(no_rate_limits):
    post = factories.article()
    url = like_url(post)
    statuses = in_threads(50, lambda _: Client().post(url, {"action": "like"}).status_code)
    assert statuses == [302] * 50
    assert Like.objects.count() == 50
    assert likes.state(post, "nobody") == (50, False)
    assert "50 likes" in Client().get(post.get_absolute_url()).text


def test_one_visitor_liking_from_many_tabs_at_once_counts_once(no_rate_limits, settings):
    post = factories.article()
    first = Client()
    first.post(like_url(post), {"action": "like"})
    cookie = first.cookies[settings.HYPOGAL_VISITOR_COOKIE].value
    Like.objects.all().delete()

    def like_again(_):
        tab = Client()
        tab.cookies[settings.HYPOGAL_VISITOR_COOKIE] = cookie
        return tab.post(like_url(post), {"action": "like"}).status_code

    assert in_threads(20, like_again) == [302] * 20
    assert Like.objects.count() == 1


def test_twenty_comments_posted_at_once_are_all_stored(no_rate_limits):
    post = factories.story()
    forms = [form_data(post, name=f"Reader {i}", body=f"Comment number {i}") for i in range(20)]
    url = comment_url(post)
    statuses = in_threads(20, lambda i: Client().post(url, forms[i]).status_code)
    assert statuses == [302] * 20
    bodies = sorted(Comment.objects.values_list("body", flat=True))
    assert bodies == sorted(f"Comment number {i}" for i in range(20))


def test_a_form_sent_many_times_at_once_stores_one_comment(no_rate_limits):
    post = factories.article()
    data = form_data(post)
    url = comment_url(post)
    statuses = in_threads(10, lambda _: Client().post(url, data).status_code)
    assert statuses == [302] * 10
    assert Comment.objects.count() == 1
