"""Anonymous readers get cached pages; every change shows on the very next request."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from hypogal.engagement.models import Comment
from hypogal.models import SiteSettings
from tests import factories
from tests.engagement.helpers import comment_url, like_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.HYPOGAL_PAGE_CACHE = True
    settings.HYPOGAL_COMMENT_MIN_SECONDS = 0


def fresh_reader():
    """A first-time visitor: no cookies at all, CSRF enforced as in a real browser."""
    return Client(enforce_csrf_checks=True)


def read(url):
    response = fresh_reader().get(url)
    assert response.status_code == 200
    return response


def test_second_anonymous_request_is_a_cache_hit_without_queries(django_assert_num_queries):
    post = factories.article()
    assert read(post.get_absolute_url())["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        assert read(post.get_absolute_url())["X-Page-Cache"] == "hit"


def test_staff_always_get_live_pages(staff_client):
    post = factories.article()
    read(post.get_absolute_url())
    assert "X-Page-Cache" not in staff_client.get(post.get_absolute_url())


def without_tokens(html):
    html = re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]+', r"\1…", html)
    return re.sub(r'(name="token" value=")[^"]+', r"\1…", html)


def liked_with_javascript(post):
    """A reader who liked ``post`` from its page (no message left waiting): their client."""
    reader = Client()
    response = reader.post(like_url(post), {"action": "like"}, HTTP_ACCEPT="application/json")
    assert response.json()["liked"]
    return reader


def test_a_reader_who_liked_gets_the_cached_page_with_their_own_like(
    django_assert_num_queries,
):
    post = factories.article()
    other = liked_with_javascript(factories.article())  # likes another post
    liker = liked_with_javascript(post)
    live = liker.get(post.get_absolute_url())  # rendered for them: not kept for anyone
    assert "X-Page-Cache" not in live and 'value="unlike"' in live.text
    first = read(post.get_absolute_url())
    assert first["X-Page-Cache"] == "miss" and 'value="like"' in first.text
    with django_assert_num_queries(1):  # their like, looked up
        hit = liker.get(post.get_absolute_url())
    assert hit["X-Page-Cache"] == "hit"
    assert without_tokens(hit.text) == without_tokens(live.text)  # as their live page
    assert ">Unlike</span>" in hit.text and 'class="like-button is-liked"' in hit.text
    # Someone who liked another post: the same cached page, with the button as it is for them.
    theirs = other.get(post.get_absolute_url())
    assert theirs["X-Page-Cache"] == "hit" and 'value="like"' in theirs.text
    assert ">Like</span>" in theirs.text and "is-liked" not in theirs.text


def test_an_unreadable_visitor_cookie_gets_the_cached_page_without_a_query(
    django_assert_num_queries,
):
    post = factories.article()
    read(post.get_absolute_url())
    returning = Client()
    returning.cookies["hypogal_visitor"] = "anything"
    with django_assert_num_queries(0):
        page = returning.get(post.get_absolute_url())
    assert page["X-Page-Cache"] == "hit" and 'value="like"' in page.text


def test_each_reader_of_a_cached_page_gets_their_own_tokens():
    post = factories.article()
    pages = [read(post.get_absolute_url()).text for _ in range(3)]
    csrf = [
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1) for page in pages
    ]
    tokens = [re.search(r'name="token" value="([^"]+)"', page).group(1) for page in pages]
    assert len(set(csrf)) == 3 and len(set(tokens)) == 3


def test_forms_on_a_cached_page_post_successfully():
    post = factories.article()
    read(post.get_absolute_url())  # someone else warms the cache
    reader = fresh_reader()
    page = reader.get(post.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    token = re.search(r'name="token" value="([^"]+)"', page.text).group(1)

    liked = reader.post(like_url(post), {"csrfmiddlewaretoken": csrf, "action": "like"})
    assert liked.status_code == 302
    commented = reader.post(
        comment_url(post),
        {
            "csrfmiddlewaretoken": csrf,
            "token": token,
            "name": "Ann",
            "email": "ann@example.org",
            "body": "Me too.",
            "parent": "",
            "website": "",
        },
    )
    assert commented.status_code == 302
    assert Comment.objects.get().body == "Me too."
    # Now a returning visitor with a message waiting: a live page, with the message.
    after = reader.get(commented.url)
    assert "X-Page-Cache" not in after and "waiting for moderation" in after.text


def test_a_reader_who_kept_their_csrf_cookie_can_post_from_a_cached_page():
    post, other = factories.article(), factories.article()
    reader = fresh_reader()
    reader.get(other.get_absolute_url())  # an earlier visit left a CSRF cookie, nothing else
    kept = reader.cookies["csrftoken"].value
    read(post.get_absolute_url())  # someone else warms the cache
    page = reader.get(post.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    liked = reader.post(like_url(post), {"csrfmiddlewaretoken": csrf, "action": "like"})
    assert liked.status_code == 302
    assert reader.cookies["csrftoken"].value == kept


def test_a_cache_hit_carries_the_security_headers_and_the_readers_own_cookie():
    post = factories.article()
    read(post.get_absolute_url())
    hit = read(post.get_absolute_url())
    assert hit["X-Page-Cache"] == "hit"
    assert "script-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY" and hit["X-Content-Type-Options"] == "nosniff"
    assert hit["Referrer-Policy"] and "Cookie" in hit["Vary"]
    assert int(hit["Content-Length"]) == len(hit.content)
    secret = hit.cookies["csrftoken"].value
    assert secret and secret != read(post.get_absolute_url()).cookies["csrftoken"].value


def test_each_process_keeps_its_own_copy_but_only_while_the_version_is_current():
    from django.core.cache import cache

    from articles.models import Article
    from hypogal import pagecache

    post = factories.article(title="Old title")
    url = post.get_absolute_url()
    read(url)
    cache.delete(f"hypogal:page{pagecache.PAGE_FORMAT}:testserver:{url}?")  # evicted
    assert read(url)["X-Page-Cache"] == "hit"  # this process's own copy answers
    Article.objects.filter(pk=post.pk).update(title="New title")  # no signal: as if elsewhere
    pagecache.content_changed()  # what the other process's save does to the shared version
    fresh = read(url)
    assert fresh["X-Page-Cache"] == "miss" and "New title" in fresh.text


@pytest.mark.django_db(transaction=True)
def test_a_page_rendered_while_a_change_is_uncommitted_is_not_kept():
    """A reader served between the change's signal and its commit saw the old page: it must not
    be kept under the new version (likes, imports: the signal fires inside the transaction)."""
    import threading

    from django.db import connection, transaction

    from articles.models import Article
    from hypogal import pagecache

    post = factories.article(title="Old title")
    url = post.get_absolute_url()
    read(url)
    with transaction.atomic():
        Article.objects.filter(pk=post.pk).update(title="New title")
        pagecache.content_changed()  # what a post_save receiver does, before the commit

        def reader():
            try:
                assert "Old title" in read(url).text  # the committed data, rendered and stored
            finally:
                connection.close()

        other = threading.Thread(target=reader)
        other.start()
        other.join()
    after = read(url)
    assert "New title" in after.text and after["X-Page-Cache"] == "miss"


def test_tracking_parameters_share_one_cached_page_and_real_ones_do_not():
    post = factories.article()
    url = post.get_absolute_url()
    read(url)
    for shared in (f"{url}?fbclid=IwAR0abc", f"{url}?utm_source=facebook&utm_medium=social"):
        assert read(shared)["X-Page-Cache"] == "hit"  # a link shared in a patient group
    assert read(f"{url}?comments=2")["X-Page-Cache"] == "miss"  # another page of comments
    read(reverse("home"))
    assert read(reverse("home") + "?p=1")["X-Page-Cache"] == "miss"  # an old WordPress link
    assert read(reverse("home") + "?p=1&fbclid=x")["X-Page-Cache"] == "hit"


def test_publish_unpublish_and_edit_show_at_once(staff_client):
    draft = factories.draft_article(title="Coming soon")
    changelist = reverse("admin:articles_article_changelist")
    assert "Coming soon" not in read("/").text
    read("/")  # cached

    staff_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert "Coming soon" in read("/").text
    read(draft.get_absolute_url())

    draft.refresh_from_db()
    draft.title = "Now with a better title"
    draft.save()
    assert "Now with a better title" in read(draft.get_absolute_url()).text

    staff_client.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk]})
    assert fresh_reader().get(draft.get_absolute_url()).status_code == 404
    assert "Now with a better title" not in read("/").text


def test_an_approved_comment_shows_at_once(staff_client):
    post = factories.article()
    pending = factories.comment(post, body="Waiting for approval", status="pending")
    assert "Waiting for approval" not in read(post.get_absolute_url()).text
    staff_client.post(
        reverse("admin:engagement_comment_changelist"),
        {"action": "approve", "_selected_action": [pending.pk]},
    )
    assert Comment.objects.get().status == "approved"
    assert "Waiting for approval" in read(post.get_absolute_url()).text


def test_a_like_shows_at_once():
    post = factories.article()
    assert "0 likes" in read(post.get_absolute_url()).text
    liker = Client()
    liker.post(like_url(post), {"action": "like"})
    assert "1 like" in read(post.get_absolute_url()).text


def test_site_settings_show_at_once(staff_client):
    SiteSettings.objects.create()
    assert "A brand new tagline" not in read("/").text
    settings_row = SiteSettings.objects.get()
    settings_row.tagline = "A brand new tagline"
    settings_row.save()
    assert "A brand new tagline" in read("/").text


def test_a_deleted_comment_disappears_at_once():
    post = factories.article()
    comment = factories.comment(post, body="Regrettable words")
    assert "Regrettable words" in read(post.get_absolute_url()).text
    comment.delete()
    assert "Regrettable words" not in read(post.get_absolute_url()).text


def test_a_scheduled_post_appears_when_its_time_comes():
    from datetime import timedelta

    from django.utils import timezone

    from hypogal import pagecache

    factories.article(published_at=timezone.now() + timedelta(seconds=90))
    read("/")
    assert 0 < pagecache._timeout(pagecache._version()) <= 90  # the home page expires by then


def test_a_due_time_looked_up_before_an_authors_change_is_not_trusted_after_it():
    from datetime import timedelta

    from django.core.cache import cache
    from django.utils import timezone

    from hypogal import pagecache

    before = pagecache._version()
    factories.article(published_at=timezone.now() + timedelta(seconds=90))
    # A reader who looked up "nothing scheduled" just before the author's commit stores it late.
    cache.set(pagecache.NEXT_DUE_KEY, (before, 0), 600)
    assert 0 < pagecache._timeout(pagecache._version()) <= 90


def test_pages_are_cached_again_once_a_scheduled_time_has_passed():
    import time

    from django.core.cache import cache

    from hypogal import pagecache

    factories.article()
    # The post that was due a moment ago is public now; nothing else is scheduled.
    cache.set(pagecache.NEXT_DUE_KEY, (pagecache._version(), time.time() - 5), 600)
    assert read("/")["X-Page-Cache"] == "miss"
    assert read("/")["X-Page-Cache"] == "hit"


@pytest.mark.filterwarnings("ignore::django.core.cache.CacheKeyWarning")
def test_parameters_a_page_does_not_read_do_not_each_store_a_copy(monkeypatch):
    from django.core.cache import cache

    stored = set()
    real_set = cache.set
    monkeypatch.setattr(
        cache, "set", lambda key, *a, **k: (stored.add(key), real_set(key, *a, **k))[1]
    )
    url = factories.article().get_absolute_url()
    read(url)
    for junk in ("q=1", "q=2", "p=x", "page=7", "condition=a"):  # not read by a post page
        assert read(f"{url}?{junk}")["X-Page-Cache"] == "hit", junk
    for odd in ("reply_to=00", "comments=01", "reply_to=" + "9" * 3000):  # other spellings
        read(f"{url}?{odd}")
    pages = [key for key in stored if key.startswith("hypogal:page")]
    assert len(pages) == 1  # one page, however many addresses were asked for


def wsgi_get(path, script_name):
    """A GET through Django's real WSGI handler, mounted at ``script_name`` (as gunicorn
    --env SCRIPT_NAME=/blog, or a proxy's prefix, hands it over): the test client sets none."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test.client import RequestFactory

    environ = RequestFactory().get(path).environ
    environ.update(SCRIPT_NAME=script_name, PATH_INFO=path)
    status, headers = [], []
    # As the test client does: the test's database connection stays open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        chunks = WSGIHandler()(environ, lambda s, h, *a: (status.append(s), headers.extend(h)))
        body = b"".join(chunks)
        chunks.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return status[0], dict(headers), body.decode()


def test_post_pages_are_cached_under_a_script_prefix():
    from django.urls import clear_script_prefix

    path = factories.article().get_absolute_url()  # below the mount point
    try:
        status, headers, body = wsgi_get(path, "/blog")
        assert status.startswith("200") and 'action="/blog/engagement/' in body
        assert headers.get("X-Page-Cache") == "miss"  # stored for the next reader
        assert wsgi_get(path, "/blog")[1].get("X-Page-Cache") == "hit"
    finally:
        clear_script_prefix()


def test_post_text_is_not_taken_for_a_csrf_field():
    post = factories.article(body='Django writes name="csrfmiddlewaretoken" value="abc123".')
    url = post.get_absolute_url()
    assert 'value="abc123"' in read(url).text  # live: as she wrote it
    hit = read(url)
    assert hit["X-Page-Cache"] == "hit"
    assert 'value="abc123"' in hit.text  # cached: as she wrote it, not this reader's token


def test_the_unknown_host_400_keeps_its_csp_with_the_page_cache_on(settings):
    settings.ALLOWED_HOSTS = ["hypogal.example"]
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_bulk_comment_change_outside_the_admin_shows_at_once():
    from hypogal.engagement.models import Comment

    post = factories.article()
    comment = factories.comment(post, status="pending", body="Approved in bulk")
    assert "Approved in bulk" not in read(post.get_absolute_url()).text
    Comment.objects.filter(pk=comment.pk).update(status="approved")  # a command, bulk_update
    assert "Approved in bulk" in read(post.get_absolute_url()).text
