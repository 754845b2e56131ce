"""Writes a parsed WordPress export into the site: posts, conditions, images, comments and the
old addresses. Every write happens inside the caller's transaction (see the command), so an
error anywhere leaves the database as it was; files written on the way are listed in
``written`` so the caller can remove them again when the transaction does not commit.

Re-running is an update: each post, comment and image is found again by its WordPress id
(``ImportedPost``, ``ImportedComment``, ``ImportedImage``), so nothing is created twice.
"""

import re
from urllib.parse import parse_qs, unquote, urlsplit

from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article
from hypogal import images
from hypogal.wordpress.comments import CommentImporter
from hypogal.wordpress.conditions import Conditions
from hypogal.wordpress.converter import convert, plain_text, summarize, upload_path
from hypogal.wordpress.media import RESIZED, Media, attachment_ref
from hypogal.wordpress.models import ImportedPost, LegacyRedirect, normalise_path
from hypogal.wordpress.report import Report
from stories.models import Story

PUBLISHED, DRAFT = Article.Status.PUBLISHED, Article.Status.DRAFT
# "future" is WordPress's scheduled post: published here too, and its future date keeps it
# private until then. Private posts become drafts: the site has no "logged-in readers only".
STATUS = {"publish": PUBLISHED, "future": PUBLISHED, "draft": DRAFT, "pending": DRAFT,
          "private": DRAFT}
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def place(markdown, replacements):
    """Put each image where its token stands. A ``[photo N]`` must be a paragraph of its own."""
    for token, (text, block) in replacements.items():
        if block:
            markdown = re.sub(rf"^[ \t]*{token}[ \t]*$", lambda _m, t=text: t, markdown,
                              flags=re.M)
            markdown = markdown.replace(token, f"\n\n{text}\n\n")
        else:
            markdown = markdown.replace(token, text)
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


class Importer:
    def __init__(self, export, *, uploads=None, stories_categories=(), skip_categories=(),
                 create_conditions=True, overwrite_edited=False):
        self.export = export
        self.overwrite_edited = overwrite_edited
        self.report = Report()
        self.written = []
        self.attachments = export.attachments
        self.media = Media(uploads, self.attachments, self.report, self.written)
        self.hosts = {urlsplit(u).netloc for u in (export.base_site_url, export.base_blog_url)}
        self.comments = CommentImporter(self.report, {a.id for a in export.authors.values()})
        self.options = {"stories_categories": stories_categories,
                        "skip_categories": skip_categories, "create": create_conditions}

    def run(self):
        self.conditions = Conditions(self.export, report=self.report, **self.options)
        self.check_stories_category()
        for item in self.export.items:
            if item.post_type == "post":
                self.post(item)
            elif item.post_type != "attachment":
                self.report.skipped_items[item.post_type] += 1
                if item.post_type == "page":
                    self.report.warn(f"Page “{item.title}” was not imported: only posts are.")
        used = {RESIZED.sub("", path) for path in self.media.used} | self.media.used
        unused = [a for a in self.attachments.values()
                  if (a.meta.get("_wp_attached_file") or upload_path(a.attachment_url)) not in used]
        if unused:
            self.report.skipped_items["attachments not shown in any post"] = len(unused)
        if len(self.report.authors) > 1:
            self.report.warn("Posts by several WordPress authors were imported; the site shows "
                             "one author (Site settings). Each post's is kept with its import.")
        return self.report

    def forget_files(self):
        """The transaction did not commit (error or dry run): remove the files it wrote."""
        for storage, name, renditions in self.written:
            images.delete_files(storage, name, renditions)
        self.written.clear()

    def check_stories_category(self):
        wanted = {c.lower() for c in self.options["stories_categories"]}
        present = {v.lower() for c in self.export.categories for v in (c.slug, c.name)}
        present |= {v.lower() for i in self.export.items for t in i.terms
                    for v in (t.slug, t.name) if t.domain == "category"}
        for name in sorted(wanted - present):
            self.report.warn(f"There is no category “{name}” in the export: no post became a "
                             "story through it.")

    # -- one post --------------------------------------------------------------------------
    def post(self, item):
        title = self.title(item)
        if item.status not in STATUS:
            self.report.skipped_items[f"{item.status or 'unknown'} posts"] += 1
            if item.status != "auto-draft":
                self.report.warn(f"Not imported: its WordPress status is “{item.status}”.",
                                 post=title)
            return
        imported = ImportedPost.objects.filter(wp_id=item.id).select_related(
            "article", "story").first()
        model = Story if self.conditions.is_story(item) else Article
        post = imported.post if imported else model()
        if type(post) is not model:
            self.report.warn(f"Imported before as {post._meta.verbose_name}: it stays one (delete "
                             "it on the site to import it again as the other kind).", post=title)
            model = type(post)
        if imported and self.edited_here(imported, post) and not self.overwrite_edited:
            # Her version wins: a correction, a new address or "back to draft" made on the site
            # is never undone by importing an old export again.
            self.report.warn("Changed on this site since it was imported: kept as you left it "
                             "(its new comments and old addresses are still brought over; "
                             "--overwrite-edited takes WordPress's version).", post=post.title)
            self.comments.run(item, imported, post)
            self.redirects(item, imported)
            self.report.add("posts_kept")
            self.count_kind(post)
            return
        converted = convert(item.content, post_id=item.id, attachments=self.attachments,
                            site_hosts=self.hosts)
        for warning in converted.warnings:
            self.report.warn(warning, post=title)
        if len(converted.markdown) > post._meta.get_field("body").max_length:
            self.report.warn("Its text is longer than the editor allows (200,000 characters): "
                             "shorten it before you edit it on the site.", post=title)
        created = post.pk is None
        post.title = title
        post.slug = self.slug(model, item, post)
        post.summary = self.summary(item, converted.text, title)
        post.status, post.published_at = self.status(item, title)
        post.body = converted.markdown  # image tokens stand in it until the images are placed
        post.save()
        imported = imported or ImportedPost(wp_id=item.id, **{model._meta.model_name: post})
        author = self.export.authors.get(item.creator)
        imported.wp_author = (author.display_name if author else "") or item.creator
        imported.wp_link = item.link[:500]
        imported.save()
        if imported.wp_author:
            self.report.authors.add(imported.wp_author)
        post.conditions.add(*self.conditions.for_item(item))
        self.place_images(post, imported, item, converted)
        imported.post_updated_at = post.updated_at  # what "not edited here since" compares with
        imported.save(update_fields=["post_updated_at"])
        self.comments.run(item, imported, post)
        self.redirects(item, imported)
        self.count(post, created)

    @staticmethod
    def edited_here(imported, post):
        # Recorded since wordpress 0004 (which worked it out for earlier imports); unknown: as then.
        return imported.post_updated_at is not None and post.updated_at > imported.post_updated_at

    def place_images(self, post, imported, item, converted):
        thumbnail = self.thumbnail(item, post.title)
        if isinstance(post, Story):
            replacements = self.media.story_photos(post, imported, converted.images, thumbnail)
            featured = False
        else:
            replacements = self.media.article_images(post, imported, converted.images)
            featured = thumbnail is not None and self.media.featured_image(post, thumbnail)
        post.body = place(converted.markdown, replacements)
        post.save()
        if featured:
            image = post.featured_image
            self.written.append((image.storage, image.name, post.featured_image_renditions))

    def count(self, post, created):
        self.report.add("posts_created" if created else "posts_updated")
        self.count_kind(post)

    def count_kind(self, post):
        self.report.add("stories" if isinstance(post, Story) else "articles")
        if post.status == DRAFT:
            self.report.add("drafts")
        elif post.is_scheduled:
            self.report.add("scheduled")

    # -- fields ----------------------------------------------------------------------------
    def title(self, item):
        title = plain_text(item.title)
        if not title:
            title = f"Untitled post {item.id}"
            self.report.warn(f"WordPress post {item.id} had no title; it is “{title}”.")
        if len(title) > 200:
            self.report.warn("Its title was longer than 200 characters and was shortened.",
                             post=title[:60] + "…")
            title = title[:199] + "…"
        return title

    def slug(self, model, item, post):
        """WordPress's slug, kept: it is the post's address. Only made valid and unique."""
        raw = unquote(item.slug)
        slug = raw if SLUG.fullmatch(raw) else slugify(raw)
        slug = (slug or slugify(post.title) or f"post-{item.id}")[:200]
        if raw and slug != raw:
            self.report.warn(f"Its address “{raw}” is “{slug}” here.", post=post.title)
        base, n = slug, 1
        while model.objects.filter(slug=slug).exclude(pk=post.pk).exists():
            n += 1
            slug = f"{base[:190]}-{n}"
        if slug != base:
            self.report.warn(f"The address “{base}” was taken; it is “{slug}” here.",
                             post=post.title)
        return slug

    def summary(self, item, text, title):
        excerpt = plain_text(item.excerpt)
        if len(excerpt) > 300:
            self.report.warn("Its excerpt was longer than 300 characters and was shortened.",
                             post=title)
        return summarize(excerpt) or summarize(text) or title[:300]

    def status(self, item, title):
        status = STATUS[item.status]
        if status == DRAFT:
            return DRAFT, None  # WordPress dates a draft when it was last saved: not a date
        if item.date is None:
            self.report.warn("It had no publication date; it is dated now.", post=title)
            return PUBLISHED, timezone.now()
        return PUBLISHED, item.date

    def thumbnail(self, item, title):
        if not item.thumbnail_id:
            return None
        attachment = self.attachments.get(item.thumbnail_id)
        if attachment is None:
            self.report.warn(f"Its featured image (attachment {item.thumbnail_id}) is not in "
                             "the export.", post=title)
            return None
        return attachment_ref(attachment)

    # -- old addresses ---------------------------------------------------------------------
    def redirects(self, item, imported):
        """The permalink path (from <link>) and "/?p=ID" both lead to the post."""
        root = normalise_path(urlsplit(self.export.base_blog_url or self.export.base_site_url).path
                              or "/")
        # "?p=" is answered before the page's own view: never at an address the site itself
        # serves (a crafted export's blog root "/articles"), except the home page WordPress
        # itself answers it at.
        keys = set() if _a_page_of_ours(root) else {f"{root}?p={item.id}"}
        parts = urlsplit(item.link)
        path = normalise_path(unquote(parts.path) or "/")
        short = parse_qs(parts.query).get("p", [""])[0]
        if short.isascii() and short.isdigit():
            # Only at the blog's root, where WordPress answers it: "?p=" on any other path would
            # be answered before that page's own view (a crafted export's "/admin/login?p=5").
            if path == root and not _a_page_of_ours(root):
                keys.add(f"{path}?p={int(short)}")
        elif path != "/":
            keys.add(path)
        for key in keys:
            LegacyRedirect.objects.update_or_create(old_path=key[:500],
                                                    defaults={"post": imported})
        self.report.add("redirects", len(keys))


def _a_page_of_ours(path):
    from django.urls import Resolver404, resolve

    if path == "/":
        return False
    try:
        resolve(path.rstrip("/") + "/")
    except Resolver404:
        return False
    return True
