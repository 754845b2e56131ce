"""Small factories: valid objects with sensible defaults, overridable per test."""

import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Condition, Source

_seq = itertools.count(1)


def condition(**kwargs):
    n = next(_seq)
    defaults = {
        "name": f"Condition {n}",
        "slug": f"condition-{n}",
        "description": "A plain description.",
    }
    return Condition.objects.create(**{**defaults, **kwargs})


def article(conditions=(), **kwargs):
    n = next(_seq)
    defaults = {
        "title": f"Article {n}",
        "slug": f"article-{n}",
        "summary": f"Summary of article {n}.",
        "body": f"## Section {n}\n\nBody text {n}.",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(days=1),
    }
    obj = Article.objects.create(**{**defaults, **kwargs})
    if conditions:
        obj.conditions.set(conditions)
    return obj


def draft_article(**kwargs):
    return article(status=Article.Status.DRAFT, published_at=None, **kwargs)


def scheduled_article(**kwargs):
    return article(published_at=timezone.now() + timedelta(days=3), **kwargs)


def source(article, **kwargs):
    n = next(_seq)
    defaults = {"title": f"Source {n}", "publisher": "A patient organisation",
                "url": f"https://example.org/{n}", "position": n}
    return Source.objects.create(article=article, **{**defaults, **kwargs})


def series(**kwargs):
    from stories.models import Series

    n = next(_seq)
    return Series.objects.create(**{"title": f"Series {n}", "slug": f"series-{n}", **kwargs})


def story(conditions=(), **kwargs):
    from stories.models import Story

    n = next(_seq)
    defaults = {
        "title": f"Story {n}",
        "slug": f"story-{n}",
        "summary": f"Summary of story {n}.",
        "body": f"I tell the doctor about day {n}.",
        "status": Story.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(days=1),
    }
    obj = Story.objects.create(**{**defaults, **kwargs})
    if conditions:
        obj.conditions.set(conditions)
    return obj


def draft_story(**kwargs):
    return story(status="draft", published_at=None, **kwargs)


def photo(story, image=None, **kwargs):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from stories.models import Photo
    from tests.images import jpeg_bytes

    n = next(_seq)
    upload = SimpleUploadedFile(f"photo{n}.jpg", image or jpeg_bytes(), "image/jpeg")
    defaults = {"alt_text": f"Photo {n} of my face", "position": n}
    return Photo.objects.create(story=story, image=upload, **{**defaults, **kwargs})


def staff_user(**kwargs):
    n = next(_seq)
    return get_user_model().objects.create_user(
        username=kwargs.pop("username", f"author{n}"), password="a-long-test-password",
        is_staff=True, is_superuser=kwargs.pop("is_superuser", True), **kwargs
    )


def visitor_user(**kwargs):
    n = next(_seq)
    return get_user_model().objects.create_user(
        username=f"reader{n}", password="a-long-test-password", **kwargs
    )


def comment(post, **kwargs):
    """An approved comment by a reader on any post (article or story)."""
    from hypogal.engagement.models import Comment, content_type_of

    n = next(_seq)
    defaults = {
        "name": f"Reader {n}",
        "email": f"reader{n}@example.org",
        "body": f"Me too, comment {n}.",
        "status": Comment.Status.APPROVED,
    }
    return Comment.objects.create(
        content_type=content_type_of(post), object_id=post.pk, **{**defaults, **kwargs}
    )


def like(post, visitor_hash=None):
    """A like as a visitor gives it (row and tally), by the site's own code."""
    from hypogal.engagement import likes
    from hypogal.engagement.models import Like, content_type_of

    visitor_hash = visitor_hash or f"{next(_seq):064x}"
    likes.like(post, visitor_hash)
    return Like.objects.get(
        content_type=content_type_of(post), object_id=post.pk, visitor_hash=visitor_hash
    )
