from django.db import models
from django.db.models import Prefetch, Q

from hypogal.fields import CleanFilesOnFailedSave, SafeImageField
from hypogal.images import picture
from hypogal.links import address
from hypogal.publishing import Publishable, PublishedQuerySet, manager_for


class Condition(models.Model):
    name = models.CharField(
        max_length=120,
        unique=True,
        help_text="The condition's usual name, e.g. “Cervical dystonia”.",
    )
    slug = models.SlugField(
        max_length=120, unique=True, help_text="The web address of the condition page."
    )
    other_names = models.CharField(
        max_length=300,
        blank=True,
        help_text="Other names people search for, separated by commas, e.g. “spasmodic "
        "torticollis, torticollis”.",
    )
    description = models.TextField(
        help_text="A short, plain-language description shown at the top of the condition page."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("articles:condition", self.slug)

    @property
    def other_names_list(self):
        return [name.strip() for name in self.other_names.split(",") if name.strip()]


class ArticleQuerySet(PublishedQuerySet):
    def for_list(self):
        return (
            self.published()
            .newest_first()
            .prefetch_related(Prefetch("conditions", queryset=Condition.objects.order_by("name")))
        )

    def for_detail(self, now=None):
        """``now``: as for published(); nothing here depends on it (stories' does)."""
        return self.prefetch_related(
            Prefetch("conditions", queryset=Condition.objects.order_by("name")),
            "sources",
        )


class Article(CleanFilesOnFailedSave, Publishable):
    conditions = models.ManyToManyField(
        Condition,
        related_name="articles",
        blank=True,
        help_text="The conditions this overview is about. It is listed on their pages.",
    )
    featured_image = SafeImageField(
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="featured_image_width",
        height_field="featured_image_height",
        renditions_field="featured_image_renditions",
        help_text="Optional picture at the top of the article and in social shares. "
        "Location and camera data are removed on upload.",
    )
    featured_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_renditions = models.JSONField(default=dict, editable=False)
    featured_image_alt = models.CharField(
        "featured image alt text",
        max_length=250,
        blank=True,
        help_text="Describe the picture for readers who cannot see it. Required with an image.",
    )
    reviewed_at = models.DateField(
        "last reviewed",
        null=True,
        blank=True,
        help_text="When you last checked this overview against its sources.",
    )

    objects = manager_for(ArticleQuerySet)

    class Meta(Publishable.Meta):
        constraints = [
            *Publishable.Meta.constraints,
            # Readers who cannot see the image get its description, or nothing would tell them.
            models.CheckConstraint(
                condition=Q(featured_image="") | ~Q(featured_image_alt=""),
                name="articles_article_featured_image_has_alt",
            ),
        ]

    def get_absolute_url(self):
        return address("articles:detail", self.slug)

    # (name, URL name) of the list this post belongs to: breadcrumbs and structured data.
    section = ("Condition guides", "articles:list")

    @property
    def social_picture(self):
        return self.featured_picture

    @property
    def social_picture_alt(self):
        return self.featured_image_alt

    @property
    def featured_picture(self):
        return picture(
            self.featured_image,
            self.featured_image_width,
            self.featured_image_height,
            self.featured_image_renditions,
        )

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.featured_image and not self.featured_image_alt.strip():
            raise ValidationError(
                {"featured_image_alt": "Describe the featured image for readers who cannot see it."}
            )


class Source(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(
        max_length=300, help_text="The title of the page or paper, e.g. “Cervical dystonia”."
    )
    publisher = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who published it, e.g. a patient organisation or a health service.",
    )
    url = models.URLField(
        "web address", max_length=500, blank=True, help_text="Link to the source, if online."
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in the list.")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title
