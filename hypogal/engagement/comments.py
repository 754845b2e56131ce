"""Storing a comment once, and telling the author about it."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from hypogal.engagement import spam
from hypogal.engagement.models import Comment

log = logging.getLogger(__name__)


def prepare(form, *, by_author, visitor_hash, ip_hash):
    comment = form.save(commit=False)
    comment.form_token = form.nonce
    comment.visitor_hash = visitor_hash
    comment.ip_hash = ip_hash
    comment.by_author = by_author
    comment.held_for = "" if by_author else spam.hold_reason(comment.body)
    # Readers' comments always wait for the author; hers go up at once.
    comment.status = Comment.Status.APPROVED if by_author else Comment.Status.PENDING
    return comment


def store(comment):
    """(comment, created). A resubmission of the same form returns the first comment; a
    *different* comment sent with an already used form gives (None, False), to be sent again.

    The unique form nonce makes this hold under a real double-click race too: the second
    INSERT fails in the database, not in a check-then-insert window.
    """
    try:
        with transaction.atomic():
            comment.save()
        return comment, True
    except IntegrityError:
        first = Comment.objects.filter(form_token=comment.form_token).first()
        if first is None:
            raise
        if (first.name, first.body, first.parent_id) == (
            comment.name,
            comment.body,
            comment.parent_id,
        ):
            return first, False
        return None, False


def author_emails():
    configured = getattr(settings, "HYPOGAL_AUTHOR_EMAILS", [])
    if configured:
        return list(configured)
    users = get_user_model().objects.filter(is_active=True, is_superuser=True).exclude(email="")
    return list(users.values_list("email", flat=True))


def notify_author(request, comment, post):
    """Mail the author about a comment waiting for her. A failed mail never loses the comment."""
    recipients = author_emails()
    if not recipients:
        return
    title = " ".join(post.title.split())  # a header never carries a line break
    context = {
        "comment": comment,
        "post": post,
        "post_url": request.build_absolute_uri(post.get_absolute_url()),
        "admin_url": request.build_absolute_uri(
            reverse("admin:engagement_comment_change", args=[comment.pk])
        ),
        "pending_url": request.build_absolute_uri(
            reverse("admin:engagement_comment_changelist") + "?status__exact=pending"
        ),
    }
    try:
        send_mail(
            subject=f"New comment to moderate on “{title}”",
            message=render_to_string("engagement/email/new_comment.txt", context),
            from_email=None,
            recipient_list=recipients,
        )
    except Exception:  # noqa: BLE001 - the comment is stored; mail is best effort
        log.exception("Could not send the new-comment mail for comment %s", comment.pk)


STOP_SALT = "hypogal.engagement.stop-replies"


def stop_token(comment):
    return signing.dumps(comment.pk, salt=STOP_SALT)


def comment_for_stop_token(token):
    """The comment a "stop these emails" link is for, or None (forged or garbled)."""
    try:
        pk = signing.loads(token, salt=STOP_SALT)
    except signing.BadSignature:
        return None
    return Comment.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def notify_replied(request, reply):
    """Mail the readers who asked for it: a reply in their conversation is now published.

    "Their conversation": the comment it answers and the replies before it (replies are one
    level deep, so answering a reply answers its comment). Called wherever a reply becomes
    visible (a staff reply, an approval, its comment approved after it). Sent once per reply,
    once per address, never to the reply's own writer; a failed mail changes nothing else.
    """
    root = reply.parent
    if reply.status != Comment.Status.APPROVED or root is None:
        return
    if root.status != Comment.Status.APPROVED:
        return  # not visible yet: sent when the comment is approved (notify_now_visible)
    # Only those who asked, from the database: most conversations have nobody to write to.
    asked = root.replies.filter(
        status=Comment.Status.APPROVED, created_at__lte=reply.created_at, notify_replies=True
    ).exclude(pk=reply.pk)
    recipients = {}
    for comment in [root, *asked.order_by("created_at", "pk")]:
        if comment.notify_replies and comment.email:
            recipients.setdefault(comment.email.lower(), comment)
    recipients.pop((reply.email or "").lower(), None)
    if not recipients:
        return
    # Claim the mail in the database first: two approvals at once still send one.
    if not Comment.objects.filter(pk=reply.pk, reply_mail_sent=False).update(reply_mail_sent=True):
        return
    post = reply.post
    title = " ".join(post.title.split())
    reply_url = request.build_absolute_uri(reply.get_absolute_url())
    for comment in recipients.values():
        context = {
            "parent": comment,
            "reply": reply,
            "post": post,
            "reply_url": reply_url,
            "stop_url": request.build_absolute_uri(
                reverse("engagement:stop_replies", args=[stop_token(comment)])
            ),
        }
        subject = (
            f"A reply to your comment on “{title}”"
            if comment.parent_id is None
            else f"A new reply in your conversation on “{title}”"
        )
        try:
            send_mail(
                subject=subject,
                message=render_to_string("engagement/email/reply.txt", context),
                from_email=None,
                recipient_list=[comment.email],
            )
        except Exception as error:  # noqa: BLE001 - the reply is published; mail is best effort
            # The kind of failure only: an SMTP refusal's text names the reader's address, and
            # the logs keep no reader's details (the privacy page says so).
            log.error(
                "Could not send the reply mail for comment %s (%s)", reply.pk, type(error).__name__
            )


def notify_now_visible(request, approved):
    """After comments were approved: mail about every reply that readers can see only now
    (an approved reply, or the replies of an approved comment that waited for it)."""
    approved = list(approved)
    roots = [comment.pk for comment in approved if comment.parent_id is None]
    waiting = Comment.objects.filter(
        parent__in=roots, status=Comment.Status.APPROVED, reply_mail_sent=False
    )
    replies = [comment for comment in approved if comment.parent_id is not None]
    for reply in [*replies, *waiting.select_related("parent")]:
        notify_replied(request, reply)
