"""A reader who ticks "Email me when someone replies" hears about each published reply, once."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from hypogal.engagement.models import Comment
from tests import factories
from tests.engagement.helpers import post_comment

pytestmark = pytest.mark.django_db


def reply_mails():
    return [m for m in mail.outbox if m.subject.startswith("A reply to your comment")]


def test_the_form_offers_it_and_a_reader_can_ask_for_it(client):
    post = factories.article()
    page = client.get(post.get_absolute_url()).text
    assert 'type="checkbox" name="notify_replies"' in page
    assert "Email me when someone replies" in page
    post_comment(client, post, notify_replies="on")
    assert Comment.objects.get().notify_replies is True
    post_comment(client, post, body="Without mails, please.")
    assert Comment.objects.get(body="Without mails, please.").notify_replies is False


def test_the_authors_reply_on_the_page_mails_the_reader_who_asked(staff_client):
    post = factories.article(title="What is cervical dystonia?")
    asked = factories.comment(post, name="Ann", email="ann@example.org", notify_replies=True)
    quiet = factories.comment(post, name="Bea", email="bea@example.org")
    for parent in (asked, quiet):
        post_comment(staff_client, post, parent=str(parent.pk), body=f"Thank you, {parent.name}.")
    [sent] = reply_mails()
    assert sent.to == ["ann@example.org"]
    assert "Thank you, Ann." in sent.body and "(the author)" in sent.body
    reply = Comment.objects.get(body="Thank you, Ann.")
    assert f"http://testserver{post.get_absolute_url()}#comment-{reply.pk}" in sent.body
    assert "bea@example.org" not in sent.body  # nobody's address goes to anyone else


def test_a_readers_reply_mails_once_when_approved_however_often(staff_client, client):
    post = factories.article()
    top = factories.comment(post, email="ann@example.org", notify_replies=True)
    post_comment(client, post, parent=str(top.pk), name="Cy", email="cy@example.org",
                 body="Same here.")
    assert reply_mails() == []  # pending: not on the page yet
    reply = Comment.objects.get(body="Same here.")
    changelist = reverse("admin:engagement_comment_changelist")
    for _ in range(2):
        staff_client.post(changelist, {"action": "approve", "_selected_action": [reply.pk]})
    [sent] = reply_mails()
    assert sent.to == ["ann@example.org"] and "Cy replied" in sent.body


def test_the_admins_reply_mails_too_but_nobody_hears_of_their_own_reply(staff_client):
    post = factories.article()
    top = factories.comment(post, email="ann@example.org", notify_replies=True)
    staff_client.post(reverse("admin:engagement_comment_reply", args=[top.pk]), {"body": "Yes!"})
    assert len(reply_mails()) == 1
    factories.comment(post, parent=top, email="ANN@example.org", status="pending", body="Me")
    own = Comment.objects.get(body="Me")
    staff_client.post(
        reverse("admin:engagement_comment_changelist"),
        {"action": "approve", "_selected_action": [own.pk]},
    )
    assert len(reply_mails()) == 1


def test_the_stop_link_asks_first_then_stops_the_mails(client, staff_client):
    post = factories.article()
    top = factories.comment(post, email="ann@example.org", notify_replies=True)
    post_comment(staff_client, post, parent=str(top.pk), body="First answer.")
    stop = re.search(r"http://testserver(/engagement/replies/stop/\S+/)", reply_mails()[0].body)
    page = client.get(stop.group(1))
    assert page.status_code == 200 and "Stop these emails" in page.text
    top.refresh_from_db()
    assert top.notify_replies  # following the link (a mail scanner might) changes nothing
    done = client.post(stop.group(1))
    assert done.status_code == 200 and "no more emails" in done.text
    top.refresh_from_db()
    assert not top.notify_replies
    post_comment(staff_client, post, parent=str(top.pk), body="Second answer.")
    assert len(reply_mails()) == 1


def test_a_forged_stop_link_changes_nothing(client):
    top = factories.comment(factories.article(), notify_replies=True)
    for token in ("nonsense", f"{top.pk}:forged"):
        response = client.post(f"/engagement/replies/stop/{token}/")
        assert response.status_code == 404 and "not valid" in response.text
    top.refresh_from_db()
    assert top.notify_replies


def test_links_to_a_reply_lead_to_the_page_of_the_discussion_it_is_on(staff_client, settings):
    settings.HYPOGAL_COMMENTS_PER_PAGE = 2
    post = factories.article()
    conversations = [factories.comment(post, name=f"Reader {n}") for n in range(3)]
    third = conversations[2]
    third.email, third.notify_replies = "third@example.org", True
    third.save()

    response = post_comment(staff_client, post, parent=str(third.pk), body="Answering you.")
    reply = Comment.objects.get(body="Answering you.")
    expected = f"{post.get_absolute_url()}?comments=2#comment-{reply.pk}"
    assert response["Location"] == expected
    [sent] = reply_mails()
    assert f"http://testserver{expected}" in sent.body
    assert "Answering you." in staff_client.get(expected.split("#")[0]).text
    # A conversation on the first page needs no page in its address.
    assert conversations[0].get_absolute_url() == (
        f"{post.get_absolute_url()}#comment-{conversations[0].pk}"
    )


def conversation_mails():
    return [m for m in mail.outbox if m.subject.startswith("A new reply in your conversation")]


def test_readers_who_replied_and_asked_hear_of_later_replies_in_the_conversation(staff_client):
    post = factories.article(title="Botox, round two")
    ann = factories.comment(post, name="Ann", email="ann@example.org", notify_replies=True)
    factories.comment(post, parent=ann, name="Bob", email="bob@example.org", notify_replies=True)
    factories.comment(post, parent=ann, name="Cy", email="cy@example.org")  # did not ask

    # The author answers Bob (his reply's Reply link answers Ann's conversation).
    post_comment(staff_client, post, parent=str(ann.pk), body="Thank you both.")
    [to_ann] = reply_mails()
    [to_bob] = conversation_mails()
    assert to_ann.to == ["ann@example.org"] and to_bob.to == ["bob@example.org"]
    assert "replied in the conversation you joined on “Botox, round two”" in to_bob.body
    assert "Hello Bob" in to_bob.body and "Thank you both." in to_bob.body
    assert "ann@example.org" not in to_bob.body and "bob@example.org" not in to_ann.body


def test_a_reply_that_waited_for_its_comment_is_mailed_when_the_comment_is_approved(
    staff_client,
):
    post = factories.article()
    ann = factories.comment(
        post, status="pending", email="ann@example.org", notify_replies=True
    )
    factories.comment(post, parent=ann, status="approved", email="dee@example.org", body="Hi")
    changelist = reverse("admin:engagement_comment_changelist")
    staff_client.post(changelist, {"action": "approve", "_selected_action": [ann.pk]})
    [sent] = reply_mails()
    assert sent.to == ["ann@example.org"] and "Hi" in sent.body
    staff_client.post(changelist, {"action": "approve", "_selected_action": [ann.pk]})
    assert len(reply_mails()) == 1  # once


def test_the_stop_link_stops_mails_about_all_her_comments_on_the_post(client, staff_client):
    post = factories.article()
    first = factories.comment(post, email="ann@example.org", notify_replies=True)
    second = factories.comment(post, email="Ann@Example.org", notify_replies=True)
    elsewhere = factories.comment(factories.article(), email="ann@example.org", notify_replies=True)
    post_comment(staff_client, post, parent=str(first.pk), body="Answer.")
    stop = re.search(r"http://testserver(/engagement/replies/stop/\S+/)", reply_mails()[0].body)
    client.post(stop.group(1))
    for comment, asks in ((first, False), (second, False), (elsewhere, True)):
        comment.refresh_from_db()
        assert comment.notify_replies is asks


def test_a_failed_reply_mail_keeps_the_readers_address_out_of_the_log(
    staff_client, monkeypatch, caplog, settings
):
    import smtplib

    from hypogal.engagement import comments
    from hypogal.logs import JsonFormatter
    from tests.engagement.helpers import comment_url, form_data

    settings.HYPOGAL_COMMENT_MIN_SECONDS = 0
    post = factories.article()
    parent = factories.comment(
        post, status="approved", email="bea@example.org", notify_replies=True
    )

    def refuse(**kwargs):  # what smtplib raises for a mailbox that no longer exists
        raise smtplib.SMTPRecipientsRefused({kwargs["recipient_list"][0]: (550, b"No such user")})

    monkeypatch.setattr(comments, "send_mail", refuse)
    data = form_data(post, parent=str(parent.pk), body="Thank you, Bea.")
    assert staff_client.post(comment_url(post), data).status_code == 302
    logged = "\n".join(JsonFormatter().format(record) for record in caplog.records)
    assert "Could not send the reply mail" in logged and "SMTPRecipientsRefused" in logged
    assert "bea@example.org" not in logged

