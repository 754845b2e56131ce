"""Posting comments and likes the way a browser does."""

from django.urls import reverse

from hypogal.engagement import spam
from hypogal.engagement.models import Comment, Like


def args(post):
    return [post._meta.app_label, post._meta.model_name, post.pk]


def comment_url(post):
    return reverse("engagement:comment", args=args(post))


def like_url(post):
    return reverse("engagement:like", args=args(post))


def form_data(post, **overrides):
    data = {
        "name": "Ann",
        "email": "ann@example.org",
        "body": "Me too! The Botox felt like a bee sting.",
        "parent": "",
        "website": "",
        "token": spam.issue_token(post),
    }
    data.update(overrides)
    return data


def post_comment(client, post, **overrides):
    return client.post(comment_url(post), form_data(post, **overrides))


def nothing_stored():
    return Comment.objects.count() == 0 and Like.objects.count() == 0
