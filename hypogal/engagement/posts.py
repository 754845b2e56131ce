"""Finding the post a comment or like is for: only ever among the public posts."""

from django.apps import apps
from django.http import Http404

from hypogal.engagement.models import Discussion, content_type_of
from hypogal.links import address
from hypogal.publishing import Publishable


def published_post_or_404(app_label, model_name, pk):
    """Drafts, scheduled posts, unknown posts and models that are not posts are all a 404."""
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        raise Http404("No such kind of post.") from None
    if not issubclass(model, Publishable) or model._meta.abstract:
        raise Http404("No such kind of post.")
    post = model.objects.published().filter(pk=pk).first()
    if post is None:
        raise Http404("No such post.")
    return post


def url_args(post):
    return [post._meta.app_label, post._meta.model_name, post.pk]


def comment_url(post):
    return address("engagement:comment", *url_args(post))


def like_url(post):
    return address("engagement:like", *url_args(post))


def comments_open(post):
    return discussion_open(content_type_of(post).pk, post.pk)


def discussion_open(content_type_id, object_id):
    """No Discussion row, or one with comments open: the post takes comments."""
    closed = Discussion.objects.filter(
        content_type_id=content_type_id, object_id=object_id, comments_open=False
    )
    return not closed.exists()


def set_comments_open(posts, is_open):
    """Open or close comments on several posts (the admin action)."""
    for post in posts:
        Discussion.objects.update_or_create(
            content_type=content_type_of(post),
            object_id=post.pk,
            defaults={"comments_open": is_open},
        )
