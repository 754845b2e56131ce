"""Images of imported posts: found in the local copy of wp-content/uploads (never fetched),
passed through the site's one image pipeline, and placed in the body.

A story's images become its Photos (renditions, alt text, caption) and the body shows them with
``[photo N]``; an article's are stored like the editor's drag-and-drop uploads and linked from
the markdown, and its WordPress featured image becomes the article's featured image. A file
that is missing or refused is a warning by name; the body then keeps the old address.
"""

import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from hypogal import images
from hypogal.wordpress.converter import ImageRef, upload_path
from hypogal.wordpress.models import ImportedImage
from stories.models import Photo

RESIZED = re.compile(r"-\d+x\d+(?=\.\w+$)")  # WordPress's "photo-300x200.jpg" copies


def attachment_ref(attachment):
    """The featured image (an attachment) as if it were an image in the body."""
    meta = attachment.meta
    path = meta.get("_wp_attached_file") or upload_path(attachment.attachment_url)
    return ImageRef(token="", src=attachment.attachment_url,
                    alt=meta.get("_wp_attachment_image_alt", "").strip(),
                    caption=" ".join(attachment.excerpt.split()), attachment_id=attachment.id,
                    upload_path=path)


def _escape(text):
    return re.sub(r"([\\`*_\[\]])", r"\\\1", text)


def image_markdown(alt, url, caption=""):
    """A markdown image; a caption becomes its title and an italic line under it."""
    url = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    if not caption:
        return f"![{_escape(alt)}]({url})"
    title = caption.replace('"', "”")
    return f'![{_escape(alt)}]({url} "{title}")\n*{_escape(caption)}*'


class Media:
    def __init__(self, uploads_dir, attachments, report, written):
        self.root = Path(uploads_dir).resolve() if uploads_dir else None
        self.attachments = attachments
        self.report = report
        self.written = written  # [(storage, name, renditions)]: removed again on rollback
        self.used = set()  # upload paths placed in a post, for the summary

    # -- finding files ---------------------------------------------------------------------
    def candidates(self, ref, prefer_original):
        """Paths to try, best first: a story keeps the original (it makes its own sizes), an
        article the size WordPress showed (no renditions are made for body images)."""
        originals = []
        attachment = self.attachments.get(ref.attachment_id)
        if attachment is not None and attachment.meta.get("_wp_attached_file"):
            originals.append(attachment.meta["_wp_attached_file"])
        if ref.upload_path:
            originals.append(RESIZED.sub("", ref.upload_path))
        shown = [ref.upload_path] if ref.upload_path else []
        paths = originals + shown if prefer_original else shown + originals
        return list(dict.fromkeys(p.lstrip("/") for p in paths if p))

    def find(self, relative):
        if self.root is None:
            return None
        try:
            path = (self.root / relative).resolve()
            if not path.is_relative_to(self.root):  # "../../etc/passwd" in a crafted export
                self.report.warn(f"Refused an image path outside the uploads folder: {relative}")
                return None
            return path if path.is_file() else None
        except (OSError, ValueError):  # a name too long for the disk, a NUL byte: no file
            self.report.warn(f"Refused an image path no file can have: {relative[:120]}")
            return None

    def clean(self, ref, candidates, title):
        """(relative path, CleanImage) for the first usable candidate, or (None, None).

        A refused file (damaged, not an image) falls back to the next candidate, e.g. the
        original beside a broken resized copy; only when none works is it a warning.
        """
        refused = []
        for relative in candidates:
            path = self.find(relative)
            if path is None:
                continue
            try:
                with path.open("rb") as handle:
                    return relative, images.sanitize(handle, name_hint=path.name)
            except ValidationError as error:
                refused.append(f"Image {relative} was refused: {' '.join(error.messages)}")
        if refused:
            self.fail(" ".join(refused), title)
            return None, None
        where = "" if self.root else " (no --uploads folder was given)"
        self.fail(f"Missing image file {candidates[0] if candidates else ref.src}{where}; "
                  "the post still points at the old address.", title)
        return None, None

    def fail(self, message, title):
        self.report.add("images_failed")
        self.report.warn(message, post=title)

    def stored(self, clean):
        self.report.add("images_stored")
        if clean.location_removed:
            self.report.add("images_location")

    def wordpress_alt(self, ref):
        attachment = self.attachments.get(ref.attachment_id)
        meta = attachment.meta.get("_wp_attachment_image_alt", "") if attachment else ""
        return " ".join((ref.alt or meta or ref.caption).split())[:250]

    def alt_text(self, ref, title):
        """WordPress's alt text, else a stand-in the author is told to replace (alt text is
        required on the site, and an empty one would fail the photo's constraint)."""
        alt = self.wordpress_alt(ref)
        if not alt:
            self.report.warn("An image had no alt text; it reads “Photo from …” until you "
                             "describe it in the admin.", post=title)
            alt = f"Photo from “{title}”"[:250]
        return alt

    def external(self, ref, title):
        self.report.warn(f"An image from another site is still loaded from there: {ref.src}",
                         post=title)
        return image_markdown(ref.alt, ref.src, ref.caption)

    # -- stories: photos -------------------------------------------------------------------
    def story_photos(self, story, imported, refs, thumbnail):
        """Create or update the story's photos; return {token: "[photo N]" or markdown}."""
        placed, replacements, position = {}, {}, 0
        known = {row.source: row for row in imported.images.select_related("photo")}
        for ref in ([thumbnail] if thumbnail else []) + refs:
            if ref.upload_path is None:
                replacements[ref.token] = (self.external(ref, story.title), False)
                continue
            candidates = self.candidates(ref, prefer_original=True)
            key = next((c for c in candidates if c in known), None)
            if key is None:
                key, clean = self.clean(ref, candidates, story.title)
                if clean is None:
                    markdown = image_markdown(ref.alt, ref.src, ref.caption)
                    replacements[ref.token] = (markdown, False)
                    continue
                photo = Photo(story=story, image=clean.as_upload())
                self.stored(clean)
            else:
                photo = known[key].photo
                if key not in placed:
                    self.report.add("images_reused")
            self.used.add(key)
            if key not in placed:
                position += 1
                created = photo.pk is None
                if created:
                    photo.alt_text = self.alt_text(ref, story.title)
                # On a re-import, what the author wrote here since (a better alt text, a
                # caption) stays unless WordPress now has one of its own.
                photo.alt_text = self.wordpress_alt(ref) or photo.alt_text
                photo.caption = ref.caption[:300] or photo.caption
                photo.position = position
                photo.save()
                if created:
                    self.written.append((photo.image.storage, photo.image.name, photo.renditions))
                    known[key] = ImportedImage.objects.create(post=imported, source=key,
                                                              photo=photo)
                placed[key] = photo
            replacements[ref.token] = (placed[key].pk, True)
        replacements.pop("", None)  # the featured image has no place in the text
        order = list(story.photos.order_by("position", "id").values_list("pk", flat=True))
        return {
            token: (f"[photo {order.index(value) + 1}]", True) if block else (value, False)
            for token, (value, block) in replacements.items()
        }

    # -- articles: stored files and the featured image -------------------------------------
    def article_images(self, article, imported, refs):
        """Store the body's images; return {token: markdown image (with caption)}."""
        known = {row.source: row for row in imported.images.all()}
        replacements = {}
        for ref in refs:
            url = self.article_file(article, imported, ref, known)
            if url is None:
                replacements[ref.token] = (image_markdown(ref.alt, ref.src, ref.caption), False)
                continue
            alt = self.alt_text(ref, article.title)
            replacements[ref.token] = (image_markdown(alt, url, ref.caption), False)
        return replacements

    def article_file(self, article, imported, ref, known):
        if ref.upload_path is None:
            self.external(ref, article.title)
            return None
        candidates = self.candidates(ref, prefer_original=False)
        for key in candidates:
            row = known.get(key)
            if row and default_storage.exists(row.stored_name):
                self.used.add(key)
                self.report.add("images_reused")
                return default_storage.url(row.stored_name)
        key, clean = self.clean(ref, candidates, article.title)
        if clean is None:
            return None
        folder = "/".join(part for part in key.split("/")[:-1] if part.isdigit())
        name = default_storage.save(
            f"uploads/wordpress/{folder + '/' if folder else ''}{clean.name}", clean.as_upload()
        )
        self.written.append((default_storage, name, {}))
        ImportedImage.objects.update_or_create(
            post=imported, source=key, defaults={"stored_name": name}
        )
        known[key] = ImportedImage(stored_name=name)
        self.used.add(key)
        self.stored(clean)
        return default_storage.url(name)

    def featured_image(self, article, ref):
        """Set the article's featured image from WordPress's, unless it already has one."""
        if article.featured_image:
            self.report.add("images_reused")
            return False
        key, clean = self.clean(ref, self.candidates(ref, prefer_original=True), article.title)
        if clean is None:
            return False
        article.featured_image = clean.as_upload()
        article.featured_image_alt = self.alt_text(ref, article.title)
        self.used.add(key)
        self.stored(clean)
        return True
