"""The one definition of "public", and the database invariants behind it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article
from tests import factories

pytestmark = pytest.mark.django_db


def test_only_published_posts_whose_date_has_come_are_public():
    public = factories.article()
    draft = factories.draft_article()
    scheduled = factories.scheduled_article()

    assert list(Article.objects.published()) == [public]
    assert public.is_published
    assert not draft.is_published
    assert not scheduled.is_published and scheduled.is_scheduled


def test_scheduled_post_becomes_public_when_its_time_comes():
    scheduled = factories.scheduled_article()
    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - timedelta(seconds=1)
    )
    scheduled.refresh_from_db()
    assert scheduled.is_published
    assert list(Article.objects.published()) == [scheduled]


def test_publishing_without_a_date_publishes_now():
    draft = factories.draft_article()
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert draft.published_at is not None
    assert draft.published_at <= timezone.now()
    assert draft.is_published


def test_body_is_rendered_on_save_and_on_every_edit():
    post = factories.article(body="## First\n\nHello")
    assert '<h2 id="first">' in post.body_html
    assert 'href="#first"' in post.toc_html
    post.body = "## Second\n\nBye"
    post.save()
    post.refresh_from_db()
    assert "Second" in post.body_html and "First" not in post.body_html


def test_published_post_without_date_is_refused_by_the_database():
    post = factories.draft_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=post.pk).update(status="published", published_at=None)


def test_unknown_status_is_refused_by_validation_and_by_the_database():
    post = factories.draft_article()
    post.status = "archived"
    with pytest.raises(ValidationError) as error:
        post.full_clean()
    assert "status" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=post.pk).update(status="archived")


def test_slug_is_unique_in_validation_and_in_the_database():
    factories.article(slug="same")
    duplicate = Article(title="Other", slug="same", summary="s", body="b")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "slug" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
