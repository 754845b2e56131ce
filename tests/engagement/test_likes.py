"""Likes: one per visitor, undoable, exact, refused on drafts, with or without JavaScript."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from hypogal.engagement import likes
from hypogal.engagement.models import Like, LikeTally
from stories.models import Story
from tests import factories
from tests.engagement.helpers import like_url

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.mark.parametrize("make", [factories.article, factories.story])
def test_like_without_javascript_then_undo(client, make):
    post = make()
    response = client.post(like_url(post), {"action": "like"})
    assert response.status_code == 302
    assert response["Location"] == f"{post.get_absolute_url()}#messages"
    html = client.get(response["Location"]).text
    assert "Thank you for the like." in html
    assert "1 like<" in html and 'name="action" value="unlike"' in html
    assert Like.objects.count() == 1
    client.post(like_url(post), {"action": "unlike"})
    assert Like.objects.count() == 0
    html = client.get(post.get_absolute_url()).text
    assert "0 likes<" in html and 'name="action" value="like"' in html


def test_repeated_likes_from_one_visitor_count_once(client):
    post = factories.article()
    for _ in range(5):
        client.post(like_url(post), {"action": "like"})
    assert Like.objects.count() == 1
    assert likes.state(post, "someone else") == (1, False)


def test_unlike_without_a_like_changes_nothing(client):
    post = factories.article()
    factories.like(post)
    client.post(like_url(post), {"action": "unlike"})
    assert Like.objects.count() == 1


def test_each_visitor_counts_and_the_page_says_so(client):
    post = factories.article()
    for _ in range(3):
        assert Client().post(like_url(post), {"action": "like"}).status_code == 302
    html = client.get(post.get_absolute_url()).text
    assert "3 likes" in html and 'name="action" value="like"' in html


def test_javascript_gets_json_and_the_count(client):
    post = factories.article()
    factories.like(post)
    response = client.post(like_url(post), {"action": "like"}, **JSON)
    assert response.status_code == 200
    assert response.json() == {"liked": True, "count": 2, "label": "2 likes"}
    response = client.post(like_url(post), {"action": "unlike"}, **JSON)
    assert response.json() == {"liked": False, "count": 1, "label": "1 like"}


def test_the_visitor_cookie_is_signed_and_a_forged_one_is_a_new_visitor(client, settings):
    post = factories.article()
    first = client.post(like_url(post), {"action": "like"})
    cookie = first.cookies[settings.HYPOGAL_VISITOR_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and ":" in cookie.value
    stored = Like.objects.get().visitor_hash
    assert cookie.value.split(":")[0] not in stored  # only a salted hash is stored
    client.cookies[settings.HYPOGAL_VISITOR_COOKIE] = "0" * 32  # unsigned: not accepted
    client.post(like_url(post), {"action": "like"})
    assert Like.objects.count() == 2


@pytest.mark.parametrize(
    "make",
    [
        factories.draft_article,
        factories.scheduled_article,
        factories.draft_story,
        lambda: factories.story(published_at=timezone.now() + timedelta(days=2)),
    ],
)
def test_likes_on_unpublished_posts_are_404_and_store_nothing(client, staff_client, make):
    post = make()
    assert client.post(like_url(post), {"action": "like"}).status_code == 404
    assert staff_client.post(like_url(post), {"action": "like"}, **JSON).status_code == 404
    assert not Like.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/engagement/articles/article/424242/like/",
        "/engagement/articles/condition/1/like/",
        "/engagement/auth/user/1/like/",
        "/engagement/contenttypes/contenttype/1/like/",
        "/engagement/nope/nope/1/like/",
    ],
)
def test_likes_on_unknown_posts_or_non_posts_are_404(client, url):
    factories.condition()
    factories.staff_user()
    assert client.post(url, {"action": "like"}).status_code == 404
    assert not Like.objects.exists()


def test_unknown_action_is_400(client):
    post = factories.article()
    assert client.post(like_url(post), {"action": "love\x00"}).status_code == 400
    assert not Like.objects.exists()


def test_likes_need_csrf_and_post(db):
    post = factories.article()
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(like_url(post), {"action": "like"}).status_code == 403
    opened = Client().get(like_url(post))  # the address opened again: back to the post
    assert opened.status_code == 302 and opened.url == post.get_absolute_url() + "#likes"
    assert not Like.objects.exists()


def test_a_like_storm_from_one_address_is_rate_limited(settings):
    settings.HYPOGAL_LIKE_RATE_IP = "3/600"
    post = factories.article()
    statuses = [Client().post(like_url(post), {"action": "like"}).status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert Like.objects.count() == 3
    page = Client().post(like_url(post), {"action": "like"})
    assert "Please wait a moment" in page.text and page["Retry-After"] == "600"
    as_json = Client().post(like_url(post), {"action": "like"}, **JSON)
    assert as_json.status_code == 429 and "Too many likes" in as_json.json()["error"]
    # Another address is not affected.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post(like_url(post), {"action": "like"}).status_code == 302


def test_most_liked_orders_any_post_queryset_in_one_query(django_assert_num_queries):
    now = timezone.now()
    quiet = factories.story(published_at=now - timedelta(days=1))
    loved = factories.story(published_at=now - timedelta(days=3))
    liked = factories.story(published_at=now - timedelta(days=2))
    factories.draft_story()
    for _ in range(3):
        factories.like(loved)
    factories.like(liked)
    factories.like(factories.article())  # another kind of post does not count for stories
    with django_assert_num_queries(1):
        top = list(likes.most_liked(Story.objects.published(), limit=5))
    assert [(s.pk, s.like_count) for s in top] == [(loved.pk, 3), (liked.pk, 1)]
    # A list queryset keeps its own prefetches (here: the conditions, one more query).
    with django_assert_num_queries(2):
        assert len(likes.most_liked(Story.objects.for_list(), limit=1)) == 1
    every = likes.most_liked(Story.objects.published(), at_least=0)
    assert [s.pk for s in every] == [loved.pk, liked.pk, quiet.pk]


def test_with_like_counts_annotates_zero_for_unliked_posts():
    post = factories.article()
    assert likes.with_like_counts(Article.objects.all()).get(pk=post.pk).like_count == 0


def test_home_page_orders_the_most_liked_stories(client):
    factories.story(title="Quiet story")
    loved = factories.story(title="Loved story")
    liked = factories.story(title="Liked story")
    draft = factories.draft_story(title="Draft story")
    for post, n in ((loved, 3), (liked, 1), (draft, 5)):
        for _ in range(n):
            factories.like(post)
    html = client.get(reverse("home")).text
    section = html.split('id="most-liked"', 1)[1].split("</ol>", 1)[0]
    assert section.index("Loved story") < section.index("Liked story")
    assert "(3 likes)" in section and "(1 like)" in section
    assert "Quiet story" not in section and "Draft story" not in section


def test_the_stored_tally_follows_likes_and_unlikes_and_can_be_rebuilt(client):
    post = factories.article()
    for visitor in ("a", "b", "c"):
        likes.like(post, visitor * 64)
    likes.like(post, "a" * 64)  # again: no change
    likes.unlike(post, "b" * 64)
    likes.unlike(post, "z" * 64)  # never liked: no change
    assert likes.state(post, "a" * 64) == (2, True)
    assert "2 likes<" in client.get(post.get_absolute_url()).text
    Like.objects.all().delete()  # by hand, behind the tally's back
    likes.recount(post)
    assert likes.state(post, "a" * 64) == (0, False)


def test_most_liked_reads_the_tallies_in_a_join_not_a_subquery_per_post():
    # A subquery per post read every tally for every post: the home page took 6 ms of SQL
    # for 200 stories (and growing with each one); joined, each tally is read once.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    factories.like(factories.story())
    with CaptureQueriesContext(connection) as queries:
        assert len(likes.most_liked(Story.objects.published(), limit=3)) == 1
    (sql,) = [q["sql"] for q in queries.captured_queries]
    assert sql.upper().count("SELECT") == 1 and "JOIN" in sql.upper()


def test_deleting_a_liked_post_in_the_admin_names_its_like_count(admin_client):
    post = factories.article(title="Liked article")
    factories.like(post)
    page = admin_client.get(reverse("admin:articles_article_delete", args=[post.pk])).text
    assert "Like counts: 1" in page
    admin_client.post(reverse("admin:articles_article_delete", args=[post.pk]), {"post": "yes"})
    assert not LikeTally.objects.exists() and not Like.objects.exists()
