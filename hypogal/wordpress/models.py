"""What the WordPress import remembers: which post, comment and image came from where, and the
old addresses that must keep working.

The mapping rows make a re-import an update (keyed by WordPress's own ids), never a second
copy. This app is part of the composition root, so it may point at both apps' models; real
foreign keys (not generic relations) let the database cascade when the author deletes a post.
"""

from django.db import models
from django.db.models import Q

from articles.models import Article
from hypogal.engagement.models import Comment
from stories.models import Photo, Story


class ImportedPost(models.Model):
    wp_id = models.PositiveBigIntegerField("WordPress post ID", unique=True)
    # Exactly one of the two: WordPress posts become articles or stories.
    article = models.OneToOneField(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="wordpress_import"
    )
    story = models.OneToOneField(
        Story, null=True, blank=True, on_delete=models.CASCADE, related_name="wordpress_import"
    )
    # Publishable has no author (the site has one, in Site settings); WordPress's is kept here.
    wp_author = models.CharField("WordPress author", max_length=200, blank=True)
    wp_link = models.CharField("WordPress address", max_length=500, blank=True)
    imported_at = models.DateTimeField(auto_now=True)
    # The post's updated_at when the import last wrote it: a later one means she edited it here.
    post_updated_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        verbose_name = "imported post"
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=True, story__isnull=False)
                | Q(article__isnull=False, story__isnull=True),
                name="wordpress_importedpost_one_target",
            ),
        ]

    def __str__(self):
        return f"WordPress post {self.wp_id} → {self.post}"

    @property
    def post(self):
        return self.article or self.story


class ImportedImage(models.Model):
    """One file from wp-content/uploads placed in one post: a story's Photo, or a stored file
    an article's body links to. Deleting the photo forgets the row, so a re-import restores it."""

    post = models.ForeignKey(ImportedPost, on_delete=models.CASCADE, related_name="images")
    source = models.CharField("file in wp-content/uploads", max_length=500)
    photo = models.ForeignKey(Photo, null=True, blank=True, on_delete=models.CASCADE)
    stored_name = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "source"], name="wordpress_image_once"),
        ]

    def __str__(self):
        return self.source


class ImportedComment(models.Model):
    # Unique within its post, not site-wide: exports of two blogs (or a damaged one) can reuse
    # an id, and a site-wide key moved one post's comment onto another.
    wp_id = models.PositiveBigIntegerField("WordPress comment ID")
    post = models.ForeignKey(ImportedPost, on_delete=models.CASCADE, related_name="comments")
    # A comment the author deletes on the site is moderation: SET_NULL remembers it, so a
    # re-import does not bring it back.
    comment = models.OneToOneField(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="wordpress_import"
    )
    # WordPress's approval state at the last import: a re-import changes the site's status only
    # when WordPress's changed, so moderation done here since is kept.
    wp_status = models.CharField(max_length=20)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "wp_id"], name="wordpress_comment_once"),
        ]

    def __str__(self):
        return f"WordPress comment {self.wp_id}"


class LegacyRedirect(models.Model):
    """An old WordPress address ("/2019/03/my-post/", "/?p=123") → the post it became.

    The target is looked up when a reader arrives, so a slug changed later still redirects.
    """

    old_path = models.CharField(
        "old address",
        max_length=500,
        unique=True,
        help_text="Path on the old blog, without a trailing slash; “?p=ID” for WordPress's "
        "short links.",
    )
    post = models.ForeignKey(ImportedPost, on_delete=models.CASCADE, related_name="redirects")

    class Meta:
        ordering = ["old_path"]
        verbose_name = "old WordPress address"

    def __str__(self):
        return self.old_path


def normalise_path(path):
    """The key an address is stored and looked up by: "/a/b/" and "/a/b" are one address."""
    return path.rstrip("/") or "/"
