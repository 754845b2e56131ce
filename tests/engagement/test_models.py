"""The database keeps the rules even when the forms are bypassed (shell, import, a bug)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hypogal.engagement.models import Comment, Discussion, Like, content_type_of
from tests import factories

pytestmark = pytest.mark.django_db


def unsaved_comment(post, **kwargs):
    defaults = {"name": "Ann", "email": "ann@example.org", "body": "Me too."}
    return Comment(
        content_type=content_type_of(post), object_id=post.pk, **{**defaults, **kwargs}
    )


def assert_refused_twice(obj, field=None):
    """full_clean() names the problem; a save that skips it hits the database constraint."""
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    if field:
        assert field in caught.value.message_dict, caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


@pytest.mark.parametrize(
    "field, value",
    [
        ("status", "published"),
        ("body", "x" * 5001),
        ("name", "Ann\nBcc: everyone@example.org"),
        ("name", "Ann\rB"),
        ("name", ""),
    ],
)
def test_comment_invariants(field, value):
    post = factories.article()
    assert_refused_twice(unsaved_comment(post, **{field: value}), field)
    assert not Comment.objects.exists()


def test_a_valid_comment_passes_full_clean():
    comment = unsaved_comment(factories.article(), body="x" * 5000, name="Ann-Marie O’Neill")
    comment.full_clean()
    comment.save()


def test_a_form_nonce_is_used_once():
    post = factories.article()
    factories.comment(post, form_token="a" * 32)
    assert_refused_twice(unsaved_comment(post, form_token="a" * 32))
    # Comments without a nonce (admin replies) are not affected.
    factories.comment(post)
    factories.comment(post)


def test_one_like_per_visitor_and_post():
    post = factories.article()
    factories.like(post, visitor_hash="v" * 64)
    duplicate = Like(content_type=content_type_of(post), object_id=post.pk, visitor_hash="v" * 64)
    assert_refused_twice(duplicate)
    # The same visitor may like another post, another visitor the same post.
    factories.like(factories.article(), visitor_hash="v" * 64)
    factories.like(post, visitor_hash="w" * 64)
    assert Like.objects.count() == 3


def test_a_like_needs_a_visitor():
    post = factories.article()
    assert_refused_twice(Like(content_type=content_type_of(post), object_id=post.pk))


def test_one_discussion_row_per_post():
    post = factories.article()
    Discussion.objects.create(content_type=content_type_of(post), object_id=post.pk)
    assert_refused_twice(Discussion(content_type=content_type_of(post), object_id=post.pk))


def test_replies_are_one_level_deep_and_on_the_same_post():
    post = factories.article()
    top = factories.comment(post)
    reply = factories.comment(post, parent=top)
    with pytest.raises(ValidationError, match="one level deep"):
        unsaved_comment(post, parent=reply).full_clean()
    with pytest.raises(ValidationError, match="same post"):
        unsaved_comment(factories.article(), parent=top).full_clean()
    unsaved_comment(post, parent=top).full_clean()


@pytest.mark.parametrize("make", [factories.article, factories.story])
def test_deleting_a_post_deletes_its_comments_likes_and_settings(make):
    post, other = make(), make()
    for target in (post, other):
        factories.like(factories.comment(target).post)
        Discussion.objects.create(content_type=content_type_of(target), object_id=target.pk)
    post.delete()
    for model in (Comment, Like, Discussion):
        assert list(model.objects.values_list("object_id", flat=True)) == [other.pk]


def test_comment_links_to_its_place_on_the_post():
    post = factories.article()
    comment = factories.comment(post)
    assert comment.get_absolute_url() == f"{post.get_absolute_url()}#comment-{comment.pk}"
