"""A reader posts a comment: stored once, pending, the author told; every bad case refused."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from hypogal.engagement import spam
from hypogal.engagement.models import Comment, Discussion, content_type_of
from tests import factories
from tests.engagement.helpers import comment_url, form_data, post_comment

pytestmark = pytest.mark.django_db

POSTS = [factories.article, factories.story]


def scheduled_story():
    return factories.story(published_at=timezone.now() + timedelta(days=1))


@pytest.mark.parametrize("make", POSTS)
def test_comment_is_stored_pending_and_the_reader_lands_back_with_a_message(client, make):
    post = make()
    response = post_comment(client, post, body="Me too.\nSince 2019.")
    assert response.status_code == 302
    assert response["Location"] == f"{post.get_absolute_url()}#messages"
    comment = Comment.objects.get()
    assert comment.post == post
    assert (comment.status, comment.name) == ("pending", "Ann")
    assert comment.body == "Me too.\nSince 2019."
    assert not comment.by_author and comment.email == "ann@example.org"
    # Salted hashes only, never the address itself.
    assert len(comment.ip_hash) == 64 and "127.0.0.1" not in comment.ip_hash
    assert len(comment.visitor_hash) == 64
    page = client.get(response["Location"])
    assert '<ul class="messages" id="messages" role="status" tabindex="-1">' in page.text
    assert "waiting for moderation" in page.text
    assert "Me too." not in page.text  # not shown until approved


def test_the_author_is_mailed_with_an_absolute_admin_link(client):
    post = factories.article(title="What is cervical dystonia?")
    post_comment(client, post, name="Ann", body="What did the Botox feel like?")
    comment = Comment.objects.get()
    [message] = mail.outbox
    assert message.to == ["author@example.org"]
    assert message.subject == "New comment to moderate on “What is cervical dystonia?”"
    assert f"http://testserver/admin/engagement/comment/{comment.pk}/change/" in message.body
    assert "What did the Botox feel like?" in message.body and "ann@example.org" in message.body


def test_without_configured_addresses_the_superusers_are_mailed(client, settings):
    settings.HYPOGAL_AUTHOR_EMAILS = []
    factories.staff_user(email="gal@example.org")
    factories.staff_user(email="", username="no-address")
    post_comment(client, factories.article())
    assert mail.outbox[0].to == ["gal@example.org"]


def test_a_failing_mail_server_loses_no_comment(client, settings):
    settings.EMAIL_BACKEND = "tests.engagement.test_comment_posting.BrokenBackend"
    response = post_comment(client, factories.article())
    assert response.status_code == 302
    assert Comment.objects.count() == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


def test_a_double_click_stores_one_comment(client):
    post = factories.article()
    data = form_data(post)
    first = client.post(comment_url(post), data)
    second = client.post(comment_url(post), data)
    assert first.status_code == second.status_code == 302
    assert Comment.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_reused_form_with_a_different_comment_is_sent_back_not_lost(client):
    post = factories.article()
    data = form_data(post)
    client.post(comment_url(post), data)
    response = client.post(comment_url(post), {**data, "body": "A second, different thought."})
    assert response.status_code == 400
    assert "already used" in response.text
    assert "A second, different thought." in response.text  # kept for sending again
    fresh = response.context["form"].next_token
    assert fresh != data["token"]
    again = client.post(
        comment_url(post), {**data, "body": "A second, different thought.", "token": fresh}
    )
    assert again.status_code == 302
    assert Comment.objects.count() == 2


def test_staff_comment_is_published_at_once_and_badged(staff_client, client):
    post = factories.article()
    response = staff_client.post(comment_url(post), {"body": "Thank you all!",
                                                      "token": spam.issue_token(post)})
    comment = Comment.objects.get()
    assert response["Location"] == f"{post.get_absolute_url()}#comment-{comment.pk}"
    assert comment.status == "approved" and comment.by_author and comment.user is not None
    assert not mail.outbox
    page = client.get(post.get_absolute_url()).text
    assert "Thank you all!" in page and '<span class="badge">Author</span>' in page


def test_replies_attach_one_level_deep(client):
    post = factories.article()
    top = factories.comment(post)
    reply = factories.comment(post, parent=top)
    post_comment(client, post, parent=str(reply.pk), body="Reply to a reply")
    stored = Comment.objects.get(body="Reply to a reply")
    assert stored.parent == top


@pytest.mark.parametrize("status", ["pending", "spam", "rejected"])
def test_reply_to_a_hidden_comment_is_refused(client, status):
    post = factories.article()
    hidden = factories.comment(post, status=status)
    response = post_comment(client, post, parent=str(hidden.pk), body="Hello?")
    assert response.status_code == 400
    assert "no longer available" in response.text
    assert not Comment.objects.filter(body="Hello?").exists()


@pytest.mark.parametrize("parent", ["abc", "0", "99999999", "1" * 40, "²"])
def test_reply_to_nonsense_is_refused(client, parent):
    post = factories.article()
    response = post_comment(client, post, parent=parent)
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_reply_to_a_comment_on_another_post_is_refused(client):
    post, other = factories.article(), factories.article()
    elsewhere = factories.comment(other)
    assert post_comment(client, post, parent=str(elsewhere.pk)).status_code == 400
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"name": "Ann\nBcc: victim@example.org"}, "name"),
        ({"name": "Ann\r\nSubject: hi"}, "name"),
        ({"name": "Ann\x00"}, "name"),
        ({"name": "A" * 81}, "name"),
        ({"name": ""}, "name"),
        ({"email": "not-an-address"}, "email"),
        ({"email": "ann@example.org\nBcc: x@example.org"}, "email"),
        ({"email": ""}, "email"),
        ({"body": ""}, "body"),
        ({"body": "x" * 5001}, "body"),
        ({"body": "null \x00 byte"}, "body"),
    ],
)
def test_bad_input_is_refused_cleanly_and_the_form_keeps_the_rest(client, overrides, field):
    post = factories.article()
    response = post_comment(client, post, **overrides)
    assert response.status_code == 400
    assert not Comment.objects.exists() and not mail.outbox
    form = response.context["form"]
    assert field in form.errors
    html = response.text
    # The error is tied to its field for screen readers, and what was typed is still there.
    assert f'id="id_{field}_error"' in html
    assert f'aria-describedby="id_{field}_helptext id_{field}_error"' in html
    assert 'aria-invalid="true"' in html
    if field != "body":
        assert "The Botox felt like a bee sting." in html


def test_the_honeypot_refuses_bots(client):
    post = factories.article()
    response = post_comment(client, post, website="http://cheap-pills.example")
    assert response.status_code == 400
    assert "leave the last field empty" in response.text
    assert not Comment.objects.exists()


def test_posting_faster_than_a_person_is_refused_then_accepted_after_waiting(client, settings):
    settings.HYPOGAL_COMMENT_MIN_SECONDS = 5
    post = factories.article()
    data = form_data(post)
    response = client.post(comment_url(post), data)
    assert response.status_code == 400
    assert "very quick" in response.text
    assert not Comment.objects.exists()
    # The same form, sent after waiting, is accepted: its token (and its time) is kept.
    assert response.context["form"].next_token == data["token"]
    settings.HYPOGAL_COMMENT_MIN_SECONDS = 0
    assert client.post(comment_url(post), data).status_code == 302


@pytest.mark.parametrize(
    "token, message",
    [
        ("", "could not be checked"),
        ("forged:token", "could not be checked"),
        (None, "another page"),
        ("expired", "long time"),
    ],
)
def test_missing_forged_foreign_or_expired_tokens_are_refused(client, token, message):
    post = factories.article()
    if token is None:
        token = spam.issue_token(factories.article())
    elif token == "expired":
        token = spam.issue_token(post, now=1_000_000)
    response = post_comment(client, post, token=token)
    assert response.status_code == 400
    assert message in response.text
    assert not Comment.objects.exists()
    assert response.context["form"].next_token != token


@pytest.mark.parametrize(
    "make",
    [
        factories.draft_article,
        factories.scheduled_article,
        factories.draft_story,
        scheduled_story,
    ],
)
def test_comments_on_unpublished_posts_are_404_and_store_nothing(client, staff_client, make):
    post = make()
    assert post_comment(client, post).status_code == 404
    # Not even the author: there is nothing to discuss before it is public.
    assert staff_client.post(comment_url(post), {"body": "x"}).status_code == 404
    assert not Comment.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    "url",
    [
        "/engagement/articles/article/999999/comment/",
        "/engagement/articles/article/99999999999999999999999/comment/",
        "/engagement/articles/condition/1/comment/",
        "/engagement/auth/user/1/comment/",
        "/engagement/nothing/here/1/comment/",
    ],
)
def test_comments_on_unknown_posts_or_non_posts_are_404(client, url):
    factories.condition()
    factories.staff_user()
    assert client.post(url, {"name": "Ann", "body": "Hi"}).status_code == 404
    assert not Comment.objects.exists()


def test_comments_on_a_closed_post_are_403_and_store_nothing(client):
    post = factories.article()
    Discussion.objects.create(
        content_type=content_type_of(post), object_id=post.pk, comments_open=False
    )
    response = post_comment(client, post)
    assert response.status_code == 403
    assert "closed comments" in response.text
    assert not Comment.objects.exists()


def test_comments_need_a_csrf_token(db):
    post = factories.article()
    strict = Client(enforce_csrf_checks=True)
    assert post_comment(strict, post).status_code == 403
    assert not Comment.objects.exists()


def test_opening_the_comment_address_leads_to_the_posts_comment_form(client):
    # A restored tab or a copied address: the form, not a blank "405" page.
    post = factories.article()
    response = client.get(comment_url(post))
    assert response.status_code == 302
    assert response.url == post.get_absolute_url() + "#comment-form"
    assert client.get(comment_url(factories.draft_article())).status_code == 404


def test_typos_do_not_lock_a_reader_out_of_commenting(client, settings):
    settings.HYPOGAL_COMMENT_RATE_VISITOR = "2/600"
    post = factories.article()
    for _ in range(5):
        response = post_comment(client, post, email="bea@example")
        assert response.status_code == 400 and "Enter a valid email address" in response.text
    assert post_comment(client, post, email="bea@example.org").status_code == 302


def test_every_attempt_counts_for_the_network_and_the_wait_is_said(settings):
    settings.HYPOGAL_COMMENT_RATE_IP = "3/600"
    post = factories.article()
    for _ in range(3):
        assert post_comment(Client(), post, email="broken").status_code == 400
    response = post_comment(Client(), post)
    assert response.status_code == 429 and "please wait about 10 minutes" in response.text


def test_too_many_comments_from_one_visitor_get_a_readable_429(client, settings):
    settings.HYPOGAL_COMMENT_RATE_VISITOR = "2/600"
    post = factories.article()
    for n in range(2):
        assert post_comment(client, post, body=f"Comment {n}").status_code == 302
    response = post_comment(client, post, body="One too many")
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert "Please wait a moment" in response.text
    assert "One too many" in response.text  # kept, to send again later
    assert Comment.objects.count() == 2
    # Another visitor (another cookie) from elsewhere is not affected.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert post_comment(other, post, body="Someone else").status_code == 302


def test_too_many_comments_from_one_address_get_a_429_whatever_the_cookie(settings):
    settings.HYPOGAL_COMMENT_RATE_IP = "3/600"
    post = factories.article()
    statuses = [post_comment(Client(), post, body=f"Bot {n}").status_code for n in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert Comment.objects.count() == 3


def test_the_author_is_not_rate_limited(staff_client, settings):
    settings.HYPOGAL_COMMENT_RATE_VISITOR = "1/600"
    settings.HYPOGAL_COMMENT_RATE_IP = "1/600"
    post = factories.article()
    for n in range(3):
        response = staff_client.post(
            comment_url(post), {"body": f"Reply {n}", "token": spam.issue_token(post)}
        )
        assert response.status_code == 302
    assert Comment.objects.count() == 3


def test_link_stuffed_comments_are_held_and_flagged(client, settings):
    settings.HYPOGAL_COMMENT_MAX_LINKS = 2
    post = factories.article()
    body = "See https://a.example https://b.example and www.c.example"
    post_comment(client, post, body=body)
    comment = Comment.objects.get()
    assert comment.status == "pending"
    assert comment.held_for == "3 links (more than 2)"
    assert "Held because of: 3 links" in mail.outbox[0].body


def test_few_links_are_not_flagged(client):
    post_comment(client, factories.article(), body="The leaflet: https://example.org/leaflet")
    assert Comment.objects.get().held_for == ""


def test_commenting_gives_the_visitor_a_signed_cookie_once(client, settings):
    post = factories.article()
    first = post_comment(client, post, body="One")
    cookie = first.cookies[settings.HYPOGAL_VISITOR_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    second = post_comment(client, post, body="Two")
    assert settings.HYPOGAL_VISITOR_COOKIE not in second.cookies  # already has one
    hashes = set(Comment.objects.values_list("visitor_hash", flat=True))
    assert len(hashes) == 1


def test_a_reply_whose_comment_went_away_can_be_sent_again_as_a_new_comment(client):
    post = factories.article()
    top = factories.comment(post)
    Comment.objects.filter(pk=top.pk).update(status="rejected")
    response = post_comment(client, post, parent=str(top.pk), body="My reply, typed at length")
    assert response.status_code == 400
    assert "You can post yours as a new comment" in response.text
    assert "My reply, typed at length" in response.text
    hidden = re.search(r'<input type="hidden" name="parent"[^>]*>', response.text).group()
    shown_parent = re.search(r'value="([^"]*)"', hidden)
    shown_parent = shown_parent.group(1) if shown_parent else ""
    assert shown_parent == ""

    # Sending the form as it is shown again stores the text, as a new comment.
    again = post_comment(client, post, parent=shown_parent, body="My reply, typed at length")
    assert again.status_code == 302
    assert Comment.objects.get(body="My reply, typed at length").parent is None


def test_the_429_page_keeps_the_reply_notification_choice(client, settings):
    settings.HYPOGAL_COMMENT_RATE_VISITOR = "1/600"
    post = factories.article()
    assert post_comment(client, post, body="First").status_code == 302
    response = post_comment(client, post, body="Second", notify_replies="on")
    assert response.status_code == 429
    box = re.search(r'<input type="checkbox" name="notify_replies"[^>]*>', response.text).group()
    assert "checked" in box


def test_text_kept_on_a_429_is_not_kept_in_memory_after_the_page(client, settings):
    from hypogal.engagement import forms

    settings.HYPOGAL_COMMENT_RATE_VISITOR = "1/600"
    post = factories.article()
    client.get(post.get_absolute_url())  # the blank form's fields, rendered once and kept
    assert post_comment(client, post, body="First").status_code == 302
    kept_before = dict(forms._blank_fields)
    for n in range(5):
        response = post_comment(client, post, body=f"Flood {n} " + "x" * 1_000)
        assert response.status_code == 429
        assert f"Flood {n} " in response.text
    assert forms._blank_fields == kept_before


def test_pages_that_show_what_she_typed_are_never_cached(client, settings):
    settings.HYPOGAL_COMMENT_RATE_VISITOR = "1/600"
    post = factories.article()
    refused = post_comment(client, post, email="not-an-address")
    assert refused.status_code == 400 and "no-store" in refused["Cache-Control"]
    assert post_comment(client, post).status_code == 302
    limited = post_comment(client, post, body="Again")
    assert limited.status_code == 429 and "no-store" in limited["Cache-Control"]


def test_a_refused_comment_lists_what_to_fix_first_each_linked_to_its_field(client):
    response = post_comment(client, factories.article(), email="ruth@example", body="")
    assert response.status_code == 400
    summary = response.text.split('id="comment-errors"', 1)[1].split("</div>", 1)[0]
    assert '<a href="#id_email">Your email: Enter a valid email address.</a>' in summary
    assert 'href="#id_body"' in summary
    assert response.text.index('id="comment-errors"') < response.text.index('name="email"')
