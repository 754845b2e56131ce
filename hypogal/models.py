"""Site-wide settings the author edits in the admin: one row, read via ``SiteSettings.current``."""

from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Q

from hypogal.fields import SafeImageField
from hypogal.images import picture

CACHE_KEY = "hypogal:site-settings"

DEFAULT_DISCLAIMER = (
    "HypoGal shares one person's experience and plain-language summaries of published sources. "
    "It is not medical advice: talk to your own doctor about your diagnosis and treatment."
)


class SiteSettings(models.Model):
    # A fixed primary key makes "one row" a database fact, not a convention.
    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    site_name = models.CharField(max_length=80, default="HypoGal", help_text="Shown in the header.")
    tagline = models.CharField(
        max_length=160,
        default="Living with rare conditions, in plain words",
        help_text="A short line under the site name and on the home page.",
    )
    publisher_logo = SafeImageField(
        upload_to="site/",
        blank=True,
        width_field="publisher_logo_width",
        height_field="publisher_logo_height",
        help_text="A square or wide logo. Search engines show it beside your articles.",
    )
    publisher_logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    publisher_logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    facebook_url = models.URLField(
        "Facebook page", blank=True, help_text="Shown in the footer as “Like HypoGal on Facebook”."
    )
    other_profiles = models.TextField(
        "other social profiles",
        blank=True,
        help_text="One web address per line, e.g. your Instagram or X profile.",
    )
    author_name = models.CharField(
        max_length=100, default="HypoGal", help_text="The name your posts are signed with."
    )
    author_bio = models.TextField(
        blank=True, help_text="Two or three sentences about you, shown in the footer."
    )
    disclaimer = models.TextField(
        "medical disclaimer",
        default=DEFAULT_DISCLAIMER,
        help_text="Shown under every article and story and in the footer.",
    )
    privacy_contact = models.TextField(
        "privacy: how to reach you",
        blank=True,
        help_text="Shown on the privacy page: how a reader asks you to remove a comment or to "
        "see what is kept about them, e.g. an email address. Blank: readers are asked to "
        "reply under one of your posts.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "site settings"
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="hypogal_sitesettings_one_row")
        ]

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        self.id = 1
        super().save(*args, **kwargs)
        _forget_cached()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        _forget_cached()
        return result

    @classmethod
    def current(cls):
        """The settings row (cached; defaults when the author has not saved any yet)."""
        settings = cache.get(CACHE_KEY)
        if settings is None:
            settings = cls.objects.filter(pk=1).first() or cls()
            cache.set(CACHE_KEY, settings, 3600)
        return settings

    @classmethod
    def for_request(cls, request):
        """The settings for one request: read once, however many parts of the page ask.

        Each read is a cache round trip (Redis in production); a post page asked twice.
        """
        settings = getattr(request, "_hypogal_site_settings", None)
        if settings is None:
            settings = request._hypogal_site_settings = cls.current()
        return settings

    @property
    def profile_urls(self):
        others = [line.strip() for line in self.other_profiles.splitlines() if line.strip()]
        return [url for url in [self.facebook_url, *others] if url]

    @property
    def logo(self):
        return picture(
            self.publisher_logo, self.publisher_logo_width, self.publisher_logo_height, {}
        )


def _forget_cached():
    """Now, and again at commit: a reader between the two reads the old committed row and would
    otherwise keep it in the cache for an hour after the author's change is saved."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
