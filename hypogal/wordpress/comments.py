"""Readers' comments of one imported post → the site's comments.

Approved (1) → approved, held (0) → pending. Spam and trash are not imported: WordPress never
showed them and the author already threw them out; bringing them in would only fill her
moderation queue (they stay in WordPress and in the export). Pingbacks and trackbacks are not
conversations and are skipped too. All of these are counted in the summary.

The site allows one level of replies, so a reply to a reply joins the thread of its top-level
comment; a reply whose parent was not imported (spam, say) becomes a top-level comment.
Emails are kept for the author (the site never shows them); commenters' IP addresses are not:
the site stores no raw IP address.
"""

import datetime as dt
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from hypogal.engagement import threads
from hypogal.engagement.models import BODY_MAX, NAME_MAX, Comment, content_type_of
from hypogal.wordpress.converter import comment_text
from hypogal.wordpress.models import ImportedComment

STATUS = {"1": Comment.Status.APPROVED, "0": Comment.Status.PENDING}
SKIPPED = {"spam": "comments_spam", "trash": "comments_trash", "post-trashed": "comments_trash"}


def _name(value):
    # The site refuses control characters and line breaks in names (mail-header safety).
    kept = "".join(c if unicodedata.category(c) not in {"Cc", "Zl", "Zp"} else " " for c in value)
    return " ".join(kept.split())[:NAME_MAX] or "Anonymous"


def _email(value):
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value[:254]


def _skip_reason(wp_comment):
    if wp_comment.type not in ("", "comment"):
        return "comments_pings"
    if wp_comment.approved in SKIPPED:
        return SKIPPED[wp_comment.approved]
    if wp_comment.approved not in STATUS:
        return "comments_unknown"
    return None


class CommentImporter:
    def __init__(self, report, author_ids):
        self.report = report
        self.author_ids = author_ids  # WordPress user ids of the blog's authors

    def run(self, item, imported, post):
        # A post's discussion is rendered once, after all its comments, not once per comment.
        with threads.batched():
            self._run(item, imported, post)

    def _run(self, item, imported, post):
        kept = {}
        for wp_comment in item.comments:
            reason = _skip_reason(wp_comment)
            if reason == "comments_unknown":
                self.report.warn(f"Comment {wp_comment.id} has an unknown state "
                                 f"“{wp_comment.approved}” and was not imported.", post=post.title)
            if reason:
                self.report.add(reason)
            else:
                kept[wp_comment.id] = wp_comment
        mapped = {
            row.wp_id: row
            for row in ImportedComment.objects.filter(post=imported, wp_id__in=kept)
            .select_related("comment")
        }
        stored = {}
        roots = {cid: self.root_of(c, kept) for cid, c in kept.items()}
        # Top-level comments first, so every reply finds its parent already stored.
        earliest = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
        for c in sorted(kept.values(), key=lambda c: (roots[c.id] is not None,
                                                      c.date or earliest, c.id)):
            row = mapped.get(c.id)
            if row is not None and row.comment is None:
                self.report.add("comments_deleted")  # deleted on the site: stays deleted
                continue
            parent = stored.get(roots[c.id])
            stored[c.id] = self.save(c, row, imported, post, parent)

    @staticmethod
    def root_of(wp_comment, kept):
        """The top-level imported comment this one's thread hangs from, or None."""
        root, seen, parent = None, {wp_comment.id}, wp_comment.parent_id
        while parent and parent not in seen:
            seen.add(parent)
            if parent in kept:
                root = parent
                parent = kept[parent].parent_id
            else:
                break
        return root

    def save(self, c, row, imported, post, parent):
        body = comment_text(c.content)
        if len(body) > BODY_MAX:
            body = body[: BODY_MAX - 1] + "…"
            self.report.warn(f"Comment {c.id} was longer than {BODY_MAX} characters and was "
                             "shortened.", post=post.title)
        comment = row.comment if row is not None else Comment(
            content_type=content_type_of(post), object_id=post.pk
        )
        comment.parent = parent
        comment.name = _name(c.author)
        comment.email = _email(c.email)
        comment.body = body
        comment.by_author = bool(c.user_id) and c.user_id in self.author_ids
        comment.created_at = c.date or post.published_at or timezone.now()
        if row is None or row.wp_status != c.approved:
            # Unchanged in WordPress: keep whatever the author decided on the site since.
            comment.status = STATUS[c.approved]
        comment.save()
        ImportedComment.objects.update_or_create(
            post=imported, wp_id=c.id, defaults={"comment": comment, "wp_status": c.approved}
        )
        self.report.add("comments")
        self.report.add("comments_created" if row is None else "comments_updated")
        if comment.status in (Comment.Status.APPROVED, Comment.Status.PENDING):
            self.report.add(f"comments_{comment.status}")
        return comment
