"""Comments, likes and per-post discussion settings, attached to any Publishable.

They point at a post through contenttypes (content type + object id), so articles, stories and
any later kind of post share one set of tables, and Publishable itself needs no new field.
"""

import unicodedata

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from hypogal.engagement.text import reader_html

NAME_MAX = 80
BODY_MAX = 5000


def content_type_of(post):
    return ContentType.objects.get_for_model(post)


def on_model(related, model, **filters):
    """``related`` rows (Comment, Like, Discussion) on posts of ``model``.

    Joins the content type by name rather than looking its id up first: one query whatever
    the state of ContentType's cache, and usable inside a subquery.
    """
    opts = model._meta.concrete_model._meta
    return related.objects.filter(
        content_type__app_label=opts.app_label, content_type__model=opts.model_name, **filters
    )


def validate_single_line(value):
    # A line break or control character in a name could forge an e-mail header or a fake
    # second line on the page; refuse them outright rather than cleaning them up.
    if any(unicodedata.category(char) in {"Cc", "Zl", "Zp"} for char in value):
        raise ValidationError(
            "Please write your name on one line, without special characters.", code="single_line"
        )


class PostRef(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, editable=False)
    object_id = models.PositiveBigIntegerField(editable=False)
    post = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True


class RendersThreadsQuerySet(models.QuerySet):
    """Comments and discussion settings: a bulk change renders the discussions it shows in.

    Model signals do not fire for a queryset update (the admin's approve, reject and spam
    actions, bulk_update); this is the one place they all pass. The update and the renders are
    one transaction, and a comment moved to another post renders both.
    """

    def update(self, **kwargs):
        from hypogal.engagement import threads

        if not threads.changes_shown(self.model, kwargs):
            return super().update(**kwargs)
        with transaction.atomic(using=self.db), threads.batched():
            rows = list(self.values_list("pk", "content_type_id", "object_id").order_by())
            count = super().update(**kwargs)
            moved = self.model.objects.filter(pk__in=[pk for pk, *_ in rows])
            posts = {(ct, oid) for _, ct, oid in rows}
            posts |= set(moved.values_list("content_type_id", "object_id"))
            for content_type_id, object_id in posts:
                threads.rebuild(content_type_id, object_id)
        return count


class Comment(PostRef):
    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        editable=False,
        help_text="The comment this one answers. Replies are one level deep.",
    )
    name = models.CharField(
        max_length=NAME_MAX,
        validators=[validate_single_line],
        help_text="Shown with the comment.",
    )
    email = models.EmailField(
        blank=True, help_text="Never shown on the site. Lets you write back privately."
    )
    body = models.TextField(
        "comment",
        max_length=BODY_MAX,
        validators=[MaxLengthValidator(BODY_MAX)],  # a TextField's max_length is forms-only
        help_text="Plain text: line breaks are kept and web addresses become links.",
    )
    # The body as safe HTML, made once on save: a post with hundreds of comments must not
    # escape and link every one of them on every view.
    body_html = models.TextField(editable=False, default="")
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
        help_text="Only approved comments appear on the site.",
    )
    by_author = models.BooleanField(
        "by the author",
        default=False,
        editable=False,
        help_text="Written by you (staff) and badged “Author” on the page.",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )
    held_for = models.CharField(
        max_length=200,
        blank=True,
        editable=False,
        help_text="Why this comment was held, beyond the usual moderation.",
    )
    notify_replies = models.BooleanField(
        "email me about replies",
        default=False,
        help_text="The reader asked to be emailed when a reply to this comment is published.",
    )
    # On a reply: its "someone replied" mail went out (so approving it twice mails once).
    reply_mail_sent = models.BooleanField(default=False, editable=False)
    visitor_hash = models.CharField(max_length=64, blank=True, editable=False)
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The nonce of the signed form that sent it: a double-click resubmits the same nonce.
    form_token = models.CharField(max_length=32, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)

    objects = RendersThreadsQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "status", "created_at"],
                name="engagement_comment_post_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "rejected", "spam"]),
                name="engagement_comment_status_valid",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), BODY_MAX),
                name="engagement_comment_body_max_length",
                violation_error_message="A comment is at most 5,000 characters.",
            ),
            models.CheckConstraint(
                condition=~Q(name="") & ~Q(name__contains="\n") & ~Q(name__contains="\r"),
                name="engagement_comment_name_one_line",
                violation_error_message="A name is one line, and not empty.",
            ),
            models.UniqueConstraint(fields=["form_token"], name="engagement_comment_form_once"),
        ]

    def __str__(self):
        return f"{self.name}: {self.body[:60]}"

    def save(self, *args, **kwargs):
        self.body_html = reader_html(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """Where readers see it: on the page of the discussion its conversation is on."""
        post = self.post
        if post is None:
            return None
        return f"{post.get_absolute_url()}{self._page_query()}#comment-{self.pk}"

    def _page_query(self):
        # Conversations are paged oldest first, replies with their comment (threads.py).
        root = self.parent or self
        earlier = Comment.objects.filter(
            Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, pk__lt=root.pk),
            content_type_id=self.content_type_id,
            object_id=self.object_id,
            parent__isnull=True,
            status=self.Status.APPROVED,
        ).count()
        from hypogal.engagement.threads import per_page  # threads imports this module

        page = earlier // per_page() + 1
        return f"?comments={page}" if page > 1 else ""

    def clean(self):
        super().clean()
        parent = self.parent
        if parent is None:
            return
        if (parent.content_type_id, parent.object_id) != (self.content_type_id, self.object_id):
            raise ValidationError("A reply must be on the same post as the comment it answers.")
        if parent.parent_id is not None:
            raise ValidationError("Replies are one level deep: answer the first comment.")


class Like(PostRef):
    visitor_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            # Also the index every like count and "did I like this?" query uses.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "visitor_hash"],
                name="engagement_like_once_per_visitor",
            ),
            models.CheckConstraint(
                condition=~Q(visitor_hash=""), name="engagement_like_has_visitor"
            ),
        ]

    def __str__(self):
        return f"Like on {self.content_type.model} {self.object_id}"


class LikeTally(PostRef):
    """A post's like count, kept by ``likes.like``/``likes.unlike`` in the like's transaction.

    The rows stay the truth (one per visitor, unique); this is their count, stored because
    ordering every story by its likes (the home page's "most liked") would otherwise count
    every like on every render. ``likes.recount`` rebuilds it from the rows.
    """

    count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        # As the admin names it when she deletes a post ("Like counts: 1" goes with it).
        verbose_name, verbose_name_plural = "like count", "like counts"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="engagement_liketally_one_per_post"
            ),
        ]

    def __str__(self):
        return f"{self.count} likes on {self.content_type.model} {self.object_id}"


class Discussion(PostRef):
    """Per-post settings, kept here because Publishable stays the same for every app.

    No row means the defaults (comments open); the admin's "close comments" action writes one.
    """

    comments_open = models.BooleanField(
        default=True,
        help_text="Untick to stop new comments on this post. Approved comments stay visible.",
    )

    objects = RendersThreadsQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="engagement_discussion_one_per_post"
            ),
        ]

    def __str__(self):
        state = "open" if self.comments_open else "closed"
        return f"Comments {state} on {self.content_type.model} {self.object_id}"


class ThreadPage(PostRef):
    """One page of a post's shown comments, rendered (hypogal/engagement/threads.py).

    Derived data, like a post's ``body_html``: rebuilt by every change to what the discussion
    shows, so a page view reads one row instead of every comment and its markup.
    """

    number = models.PositiveIntegerField(editable=False)
    html = models.TextField(editable=False, default="")
    # The same on every page of a post: what the heading and the page links need.
    comment_count = models.PositiveIntegerField(editable=False, default=0)
    num_pages = models.PositiveIntegerField(editable=False, default=1)
    # What it was rendered with (threads.layout(): page size, markup, time zone); rows made
    # with another are rebuilt on their next view, e.g. after a release changes the markup.
    layout = models.CharField(max_length=80, editable=False)
    comments_open = models.BooleanField(editable=False, default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "number"],
                name="engagement_threadpage_once",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=models.F("num_pages")),
                name="engagement_threadpage_number_in_range",
            ),
        ]

    def __str__(self):
        return f"Comments page {self.number} of {self.content_type.model} {self.object_id}"
