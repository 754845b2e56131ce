import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.html import format_html

from articles.models import Article, Condition
from hypogal.fields import CleanFilesOnFailedSave, SafeImageField
from hypogal.images import picture
from hypogal.links import address
from hypogal.publishing import Publishable, PublishedQuerySet, manager_for

# "[photo 2]" on a line of its own places the story's second photo there.
PHOTO_TAG = re.compile(r"<p>\[photo (\d{1,3})\]</p>", re.IGNORECASE)
# A photo placed there, in the stored HTML (_inline_photo): its address.
INLINE_PHOTO_SRC = re.compile(r'<figure class="inline-photo"><img src="([^"]+)"')


class Series(models.Model):
    title = models.CharField(
        max_length=200, help_text="E.g. “My cervical dystonia journey”. Shown on each part."
    )
    slug = models.SlugField(max_length=200, unique=True, help_text="Filled in from the title.")
    description = models.TextField(blank=True, help_text="Optional: one or two sentences.")

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "series"

    def __str__(self):
        return self.title


def leave_series(sender, instance, **kwargs):
    """pre_delete of a Series: its stories leave it, part numbers and all, in one UPDATE.

    SET_NULL alone clears the series and keeps the part number, which then means nothing and
    which the database refuses (``stories_story_part_in_a_series``).
    """
    instance.stories.update(series=None, series_part=None)


class StoryQuerySet(PublishedQuerySet):
    def for_list(self):
        return (
            self.published()
            .newest_first()
            .select_related("series")
            .prefetch_related(Prefetch("conditions", queryset=Condition.objects.order_by("name")))
        )

    def for_detail(self, now=None):
        """``now``: the moment that decides which related articles are public."""
        return self.select_related("series").prefetch_related(
            Prefetch("conditions", queryset=Condition.objects.order_by("name")),
            Prefetch(
                "related_articles", queryset=Article.objects.published(now).order_by("title")
            ),
            "photos",
        )


class Story(Publishable):
    conditions = models.ManyToManyField(
        Condition,
        related_name="stories",
        blank=True,
        help_text="The conditions this story is about. It is listed on their pages.",
    )
    related_articles = models.ManyToManyField(
        Article,
        related_name="related_stories",
        blank=True,
        help_text="Overviews readers may want next, e.g. “What is cervical dystonia?”.",
    )
    series = models.ForeignKey(
        Series,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        help_text="Optional: a series this story is part of.",
    )
    series_part = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Its part number in the series: 1, 2, 3…",
    )

    objects = manager_for(StoryQuerySet)

    class Meta(Publishable.Meta):
        verbose_name_plural = "stories"
        constraints = [
            *Publishable.Meta.constraints,
            models.UniqueConstraint(
                fields=["series", "series_part"], name="stories_story_unique_series_part"
            ),
            models.CheckConstraint(
                condition=Q(series__isnull=True) | Q(series_part__isnull=False),
                name="stories_story_series_has_part",
            ),
            # A part number means a place in a series: part 0, or a part of no series, is none.
            models.CheckConstraint(
                condition=Q(series_part__isnull=True)
                | (Q(series__isnull=False) & Q(series_part__gte=1)),
                name="stories_story_part_in_a_series",
            ),
        ]

    section = ("Stories", "stories:list")

    def get_absolute_url(self):
        return address("stories:detail", self.slug)

    @property
    def first_photo(self):
        photos = list(self.photos.all())  # prefetched on the story page
        return photos[0] if photos else None

    @property
    def social_picture(self):
        return self.first_photo.picture if self.first_photo else None

    @property
    def social_picture_alt(self):
        return self.first_photo.alt_text if self.first_photo else ""

    def clean(self):
        super().clean()
        if self.series_id and not self.series_part:
            raise ValidationError({"series_part": "Give this story its part number in the series."})
        if self.series_part is not None and not self.series_id:
            raise ValidationError(
                {"series_part": "Choose the series this is a part of, or leave the part empty."}
            )

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict({})
            shown = errors.get(NON_FIELD_ERRORS, [])
            # The two-field unique constraint speaks of "Series and Series part" at the top of
            # the form; the number is what she changes, so the message goes next to it.
            if any(getattr(item, "code", None) == "unique_together" for item in shown):
                errors[NON_FIELD_ERRORS] = [
                    item for item in shown if getattr(item, "code", None) != "unique_together"
                ]
                errors.setdefault("series_part", []).append(
                    f"Another story is already part {self.series_part} of this series. "
                    "Choose another number."
                )
                errors = {field: messages for field, messages in errors.items() if messages}
            raise ValidationError(errors) from None

    def render_body(self):
        rendered = super().render_body()
        if self.pk and PHOTO_TAG.search(self.body_html):
            photos = list(self.photos.all())
            self.body_html = PHOTO_TAG.sub(lambda m: _inline_photo(photos, m), self.body_html)
        return rendered

    def rerender(self):
        """Photos changed: refresh the stored HTML where the body places them."""
        self.render_body()
        type(self).objects.filter(pk=self.pk).update(body_html=self.body_html)

    def series_neighbours(self):
        """(previous, next) published parts of the same series."""
        if not self.series_id:
            return None, None
        parts = Story.objects.published().filter(series_id=self.series_id)
        previous = parts.filter(series_part__lt=self.series_part).order_by("-series_part").first()
        following = parts.filter(series_part__gt=self.series_part).order_by("series_part").first()
        return previous, following

    def photos_in_text(self, photos):
        """Those of ``photos`` (the story's, in order) that the text shows ([photo N])."""
        placed = set(INLINE_PHOTO_SRC.findall(self.body_html))
        return [photo for photo in photos if photo.picture.src in placed]

    def comparison(self):
        """The first before/after pair among the (prefetched) photos, or None."""
        photos = list(self.photos.all())
        before = next((p for p in photos if p.stage == Photo.Stage.BEFORE), None)
        after = next((p for p in photos if p.stage == Photo.Stage.AFTER), None)
        return (before, after) if before and after else None


def _inline_photo(photos, match):
    index = int(match.group(1)) - 1
    if not 0 <= index < len(photos):
        return match.group(0)
    photo = photos[index]
    pic = photo.picture
    caption = format_html("<figcaption>{}</figcaption>", photo.caption) if photo.caption else ""
    return format_html(
        '<figure class="inline-photo"><img src="{}" srcset="{}" '
        'sizes="(max-width: 44rem) 100vw, 42rem" width="{}" height="{}" alt="{}" '
        'loading="lazy" decoding="async">{}</figure>',
        pic.src,
        pic.srcset,
        pic.width,
        pic.height,
        photo.alt_text,
        caption,
    )


class Photo(CleanFilesOnFailedSave, models.Model):
    class Stage(models.TextChoices):
        BEFORE = "before", "Before treatment"
        AFTER = "after", "After treatment"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="photos")
    image = SafeImageField(
        upload_to="stories/%Y/%m/",
        width_field="width",
        height_field="height",
        renditions_field="renditions",
        location_field="location_removed",
        help_text="JPEG, PNG or WebP. Location and camera data are removed on upload.",
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    renditions = models.JSONField(default=dict, editable=False)
    location_removed = models.BooleanField(
        default=False,
        editable=False,
        help_text="The upload carried a GPS location; it was removed.",
    )
    alt_text = models.CharField(
        max_length=250,
        help_text="Describe the photo for readers who cannot see it, e.g. “My face before "
        "treatment: my jaw pulls to the left.” Required.",
    )
    caption = models.CharField(max_length=300, blank=True, help_text="Shown under the photo.")
    taken_on = models.DateField(null=True, blank=True, help_text="When the photo was taken.")
    stage = models.CharField(
        max_length=10,
        choices=Stage.choices,
        blank=True,
        help_text="Mark a before and an after photo to show them side by side.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the gallery; [photo 1] in the text is the first photo."
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="stories_photo_alt_required"),
            models.CheckConstraint(
                condition=Q(stage__in=["", "before", "after"]), name="stories_photo_stage_valid"
            ),
        ]

    def __str__(self):
        return self.caption or self.alt_text

    def clean_fields(self, exclude=None):
        # "   " is no description: strip first so it fails as blank.
        self.alt_text = (self.alt_text or "").strip()
        super().clean_fields(exclude=exclude)

    def save(self, *args, **kwargs):
        self.alt_text = self.alt_text.strip()
        super().save(*args, **kwargs)
        self.story.rerender()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.story.rerender()
        return result

    @property
    def picture(self):
        return picture(self.image, self.width, self.height, self.renditions)
