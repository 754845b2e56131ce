"""A public post page's query is built once; each page gets its own post, reader and moment."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from articles.models import Article
from hypogal import prepared
from tests import factories
from tests.engagement.helpers import like_url

pytestmark = pytest.mark.django_db


def later(monkeypatch, hours):
    moment = timezone.now() + timedelta(hours=hours)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_each_reader_sees_their_own_like_on_each_post():
    first, second = factories.article(), factories.article()
    reader, other = Client(), Client()
    assert reader.post(like_url(first), {"action": "like"}).status_code == 302
    assert "Unlike" in reader.get(first.get_absolute_url()).text
    assert "Unlike" not in reader.get(second.get_absolute_url()).text
    page = other.get(first.get_absolute_url())
    assert "Unlike" not in page.text and page.context["engagement"].like_count == 1


def test_a_scheduled_post_and_its_links_go_public_when_their_time_comes(client, monkeypatch):
    soon = timezone.now() + timedelta(hours=1)
    story = factories.story()
    scheduled = factories.article(title="Due in an hour", published_at=soon)
    story.related_articles.set([scheduled])
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert "Due in an hour" not in client.get(story.get_absolute_url()).text
    later(monkeypatch, 2)
    assert client.get(scheduled.get_absolute_url()).status_code == 200
    assert "Due in an hour" in client.get(story.get_absolute_url()).text


def test_the_query_is_built_once_per_kind_of_post(client, monkeypatch):
    from hypogal import views

    views._public_post.cache_clear()
    built = []
    real = prepared.PreparedObjects._compile
    def counted(self, connection):
        built.append(self.model)
        return real(self, connection)

    monkeypatch.setattr(prepared.PreparedObjects, "_compile", counted)
    for post in (factories.article(), factories.article(), factories.story()):
        assert client.get(post.get_absolute_url()).status_code == 200
    assert [model.__name__ for model in built] == ["Article", "Story"]


def test_a_stand_in_the_query_does_not_use_is_refused():
    queryset = Article.objects.filter(slug="x")
    sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    prepared.Compiled(sql, params, {"slug": "x"}, connection)
    with pytest.raises(ValueError, match="not among the query's parameters"):
        prepared.Compiled(sql, params, {"slug": "x", "now": prepared.ANY_MOMENT}, connection)


def test_integers_typed_for_postgresql_are_found_and_keep_their_type():
    """With server-side binding Django passes some integers as psycopg's Int4/Int8."""

    class Int8(int):
        pass

    compiled = prepared.Compiled("SQL", [Int8(5), "articles", 5, True], {"pk": 5}, connection)
    params = compiled.params_for({"pk": 7}, connection)
    assert params == [7, "articles", 7, True] and type(params[0]) is Int8


def public_post(model, slug):
    from hypogal import views

    return views._public_post(model).first(slug=slug, visitor="reader", now=timezone.now())


def test_the_prepared_prefetches_hold_each_posts_own_rows_in_order(django_assert_num_queries):
    zebra, aardvark, elsewhere = (factories.condition(name=n) for n in ("Zebra", "Aardvark", "X"))
    article = factories.article(conditions=[zebra, aardvark])
    other = factories.article(conditions=[elsewhere])
    first, second = factories.source(article, position=2), factories.source(article, position=1)
    factories.source(other)

    with django_assert_num_queries(3):  # the post, its conditions, its sources
        post = public_post(Article, article.slug)
        assert [c.name for c in post.conditions.all()] == ["Aardvark", "Zebra"]
        assert list(post.sources.all()) == [second, first]
    # Asked for more, the prefetched relation is still this post's own.
    assert list(post.conditions.filter(name="X")) == []
    assert [c.name for c in public_post(Article, other.slug).conditions.all()] == ["X"]


def test_a_storys_series_and_its_public_related_articles(monkeypatch):
    from stories.models import Story

    series = factories.series()
    in_series, alone = factories.story(series=series, series_part=1), factories.story()
    guide = factories.article(title="Public guide")
    soon = factories.article(title="Due soon", published_at=timezone.now() + timedelta(hours=1))
    in_series.related_articles.set([guide, soon])

    post = public_post(Story, in_series.slug)
    assert post.series == series
    assert [a.title for a in post.related_articles.all()] == ["Public guide"]
    assert public_post(Story, alone.slug).series is None
    later(monkeypatch, 2)
    post = public_post(Story, in_series.slug)
    assert [a.title for a in post.related_articles.all()] == ["Due soon", "Public guide"]
