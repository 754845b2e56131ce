"""What "published" means, defined once for every kind of post (articles, stories).

A post is public when its status is published and its publication time has come; a published
post with a future date is scheduled. Every public view, feed, sitemap and search starts from
``Model.objects.published()``; ``is_published`` answers the same question for one object.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from markdownx.models import MarkdownxField

from hypogal.markdown import render

FIRST_YEAR, LAST_YEAR = 1990, 2100


def validate_publication_date(value):
    """A typo's year (0001, 9999) is refused: it would sort a post to the very end or make it
    wait forever, and near the calendar's ends a time zone shift overflows the database's dates.
    """
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            "Choose a date between %(first)s and %(last)s.",
            code="out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


def next_publication():
    """When the next scheduled post of any kind goes public (None if nothing is scheduled)."""
    from django.apps import apps

    now = timezone.now()
    dates = [
        model.objects.filter(status=Publishable.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
        for model in apps.get_models()
        if issubclass(model, Publishable)
    ]
    return min((date for date in dates if date), default=None)


class PublishedQuerySet(models.QuerySet):
    def published(self, now=None):
        """``now``: the moment to judge by, when a caller needs one moment for several queries."""
        now = timezone.now() if now is None else now
        return self.filter(status=Publishable.Status.PUBLISHED, published_at__lte=now)

    def newest_first(self):
        return self.order_by("-published_at", "-id")

    def cards(self):
        """Only what a card or a link shows: a list never loads whole posts' text."""
        return self.defer("body", "body_html", "toc_html")


class _DeferSearchDocument:
    def get_queryset(self):
        # The search document is for the database's own matching: never worth fetching.
        return super().get_queryset().defer("search_document")


def manager_for(queryset_class):
    """The manager of a Publishable model whose queryset class is ``queryset_class``."""
    return type(
        f"{queryset_class.__name__}Manager",
        (_DeferSearchDocument, models.Manager.from_queryset(queryset_class)),
        {},
    )()


class Publishable(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(
        max_length=200,
        help_text="The headline readers see, e.g. “What is cervical dystonia?”.",
    )
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The web address of this post. Filled in from the title; keep it short. "
        "Changing it after publishing breaks links people have shared.",
    )
    summary = models.CharField(
        max_length=300,
        help_text="One or two plain sentences. Shown in lists and used by search engines "
        "as the page description.",
    )
    body = MarkdownxField(
        # About 30,000 words: far beyond any post, and well inside what one form post may send
        # (a longer text would be refused by the server before any error could be shown).
        max_length=200_000,
        help_text="Write in markdown. ## Headings become the table of contents. "
        "Drag an image into the editor to upload it. Up to 200,000 characters.",
    )
    body_html = models.TextField(editable=False, default="")
    toc_html = models.TextField(editable=False, default="")
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Drafts are only visible to you. Published posts appear once their "
        "publication date has come.",
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        validators=[validate_publication_date],
        help_text="When the post goes public. Leave empty to publish now; a future date "
        "schedules it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # PostgreSQL full-text search: the weighted words of title, conditions, summary and body,
    # kept up to date by hypogal/site/search.py (empty on SQLite, which searches differently).
    search_document = SearchVectorField(null=True, editable=False)
    # The stored like count (one row or none), as a relation so that ordering posts by their
    # likes is a join, not a subquery per post (engagement/likes.py most_liked).
    like_tally = GenericRelation("engagement.LikeTally")

    objects = manager_for(PublishedQuerySet)

    class Meta:
        abstract = True
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]),
                name="%(app_label)s_%(class)s_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_date",
            ),
            # A post with no title or no address cannot be listed or linked to.
            models.CheckConstraint(
                condition=~Q(title="") & ~Q(slug=""),
                name="%(app_label)s_%(class)s_title_and_slug",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and not self.is_published

    def render_body(self):
        rendered = render(self.body)
        self.body_html = rendered.html
        self.toc_html = rendered.toc_html
        return rendered

    def clean(self):
        super().clean()
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.render_body()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html", "toc_html"}
        super().save(*args, **kwargs)

    def publish(self, when=None):
        self.status = self.Status.PUBLISHED
        self.published_at = when or self.published_at or timezone.now()

    def unpublish(self):
        self.status = self.Status.DRAFT
