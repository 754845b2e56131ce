"""The author moderates: pending first, bulk decisions, replies, closing comments."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hypogal.engagement.models import Comment, Discussion
from tests import factories
from tests.engagement.helpers import post_comment

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:engagement_comment_changelist")


def test_the_moderation_life_cycle(client, staff_client):
    post = factories.article()
    post_comment(client, post, body="Is the Botox painful?")
    comment = Comment.objects.get()
    assert comment.status == "pending"
    assert "Is the Botox painful?" not in client.get(post.get_absolute_url()).text

    staff_client.post(CHANGELIST, {"action": "approve", "_selected_action": [comment.pk]})
    assert "Is the Botox painful?" in client.get(post.get_absolute_url()).text

    reply_url = reverse("admin:engagement_comment_reply", args=[comment.pk])
    response = staff_client.post(reply_url, {"body": "A little, like a bee sting."})
    reply = Comment.objects.get(parent=comment)
    assert response["Location"] == reverse("admin:engagement_comment_change", args=[reply.pk])
    assert reply.status == "approved" and reply.by_author
    html = client.get(post.get_absolute_url()).text
    assert "A little, like a bee sting." in html and '<span class="badge">Author</span>' in html

    staff_client.post(CHANGELIST, {"action": "reject", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == "rejected"
    html = client.get(post.get_absolute_url()).text
    assert "Is the Botox painful?" not in html and "bee sting" not in html

    staff_client.post(CHANGELIST, {"action": "mark_spam", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == "spam"


def test_bulk_actions_change_every_selected_comment(staff_client):
    post = factories.article()
    comments = [factories.comment(post, status="pending") for _ in range(3)]
    ids = [c.pk for c in comments[:2]]
    staff_client.post(CHANGELIST, {"action": "mark_spam", "_selected_action": ids})
    assert sorted(Comment.objects.filter(status="spam").values_list("pk", flat=True)) == ids
    assert Comment.objects.get(pk=comments[2].pk).status == "pending"


def test_pending_comments_come_first(staff_client):
    post = factories.story()
    now = timezone.now()
    old_pending = factories.comment(post, status="pending", created_at=now - timedelta(days=9))
    new_approved = factories.comment(post, created_at=now)
    new_pending = factories.comment(post, status="pending", created_at=now - timedelta(days=1))
    response = staff_client.get(CHANGELIST)
    assert response.status_code == 200
    shown = [c.pk for c in response.context["cl"].result_list]
    assert shown == [new_pending.pk, old_pending.pk, new_approved.pk]
    assert str(post) in response.text


def test_the_admin_index_shows_the_pending_count(staff_client):
    post = factories.article()
    for status in ["pending", "pending", "approved", "spam"]:
        factories.comment(post, status=status)
    html = staff_client.get(reverse("admin:index")).text
    assert f'href="{CHANGELIST}?status__exact=pending">2 comments awaiting moderation' in html


def test_the_comment_page_in_the_admin_has_a_reply_form(staff_client):
    comment = factories.comment(factories.article(), status="pending")
    response = staff_client.get(reverse("admin:engagement_comment_change", args=[comment.pk]))
    assert response.status_code == 200
    assert reverse("admin:engagement_comment_reply", args=[comment.pk]) in response.text
    assert "View on site" in response.text


def test_replying_from_the_admin_approves_the_comment_and_stays_one_level(staff_client):
    post = factories.article()
    top = factories.comment(post, status="pending")
    reply = factories.comment(post, parent=top, status="pending")
    staff_client.post(
        reverse("admin:engagement_comment_reply", args=[reply.pk]), {"body": "Thanks!"}
    )
    answer = Comment.objects.get(body="Thanks!")
    assert answer.parent == top  # under the first comment, not under the reply
    top.refresh_from_db()
    assert top.status == "approved"


@pytest.mark.parametrize("body", ["", "x" * 5001, "null\x00byte"])
def test_an_empty_or_bad_admin_reply_is_refused(staff_client, body):
    comment = factories.comment(factories.article())
    response = staff_client.post(
        reverse("admin:engagement_comment_reply", args=[comment.pk]), {"body": body}
    )
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_readers_cannot_reach_moderation(client, visitor_client):
    comment = factories.comment(factories.article(), status="pending")
    reply_url = reverse("admin:engagement_comment_reply", args=[comment.pk])
    for someone in (client, visitor_client):
        assert someone.post(reply_url, {"body": "Hijack"}).status_code == 302  # to login
        someone.post(CHANGELIST, {"action": "approve", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == "pending" and Comment.objects.count() == 1


@pytest.mark.parametrize(
    "make, changelist",
    [
        (factories.article, "admin:articles_article_changelist"),
        (factories.story, "admin:stories_story_changelist"),
    ],
)
def test_the_author_closes_and_reopens_comments_from_the_post_list(
    client, staff_client, make, changelist
):
    post = make()
    url = reverse(changelist)
    staff_client.post(url, {"action": "close_comments", "_selected_action": [post.pk]})
    assert Discussion.objects.get().comments_open is False
    assert post_comment(client, post).status_code == 403
    staff_client.post(url, {"action": "open_comments", "_selected_action": [post.pk]})
    assert Discussion.objects.get().comments_open is True
    assert post_comment(client, post).status_code == 302


def test_approving_a_reply_to_a_held_comment_says_why_readers_do_not_see_it(staff_client):
    post = factories.article()
    held = factories.comment(post, status="pending", body="Held for now")
    reply = factories.comment(post, parent=held, status="pending", body="Me too")
    response = staff_client.post(
        CHANGELIST, {"action": "approve", "_selected_action": [reply.pk]}, follow=True
    )
    shown = [str(message) for message in response.context["messages"]]
    assert any("answer a comment that is not approved" in message for message in shown)

    both = staff_client.post(
        CHANGELIST, {"action": "approve", "_selected_action": [reply.pk, held.pk]}, follow=True
    )
    assert not any("not approved" in str(message) for message in both.context["messages"])
