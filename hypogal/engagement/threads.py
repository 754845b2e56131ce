"""A post's shown comments, rendered when they change and stored: a page view only reads them.

Like a post's body (rendered on save), a discussion is rendered once per change rather than on
every view: a post with two hundred comments costs its page one indexed row, not two hundred
rows and their markup (README, Performance). One ``ThreadPage`` row per page of conversations.

Every change to what a discussion shows rebuilds it, in the change's own transaction: a comment
saved or deleted and comments opened or closed (signals, wired in engagement/apps.py), and any
queryset update of comments (``CommentQuerySet.update``, the admin's bulk actions). A build
first locks the post's row, so two changes at once are rendered one after the other and the
later build sees both. A post whose rows are missing (older data, a new per-page setting) is
built on its first view.
"""

import functools
import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.template.loader import get_template, render_to_string

from hypogal.engagement.models import Comment, Discussion, ThreadPage, content_type_of
from hypogal.engagement.templatetags import engagement_tags

LIST_TEMPLATE = "engagement/comment_list.html"

APPROVED = Comment.Status.APPROVED
# Shown comments: approved, and if a reply, under a comment that is still approved.
SHOWN = Q(status=APPROVED) & (Q(parent__isnull=True) | Q(parent__status=APPROVED))
# A queryset update of any of these can change what a discussion shows.
SHOWN_FIELDS = frozenset(
    {"status", "name", "body", "body_html", "by_author", "parent", "created_at"}
)
STORED_FIELDS = ["html", "comment_count", "num_pages", "layout", "comments_open"]


def per_page():
    # Fifty conversations a page, as WordPress does: a post with hundreds of comments stays
    # quick to read on a phone. Replies stay with their comment.
    return settings.HYPOGAL_COMMENTS_PER_PAGE


@functools.cache
def _markup_version():
    source = get_template(LIST_TEMPLATE).template.source + engagement_tags.COMMENT_MARKUP
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def layout():
    """What a stored discussion depends on besides the comments: a change means a rebuild."""
    return f"{per_page()}/{settings.TIME_ZONE}/{_markup_version()}"


def shown_threads(content_type_id, object_id):
    """Top-level comments oldest first, each with ``thread`` (its shown replies); the count."""
    rows = (
        Comment.objects.filter(content_type_id=content_type_id, object_id=object_id)
        .filter(SHOWN)
        .only("pk", "parent_id", "name", "body_html", "by_author", "created_at")
        .order_by("created_at", "pk")
    )
    top, replies = [], []
    for comment in rows:
        comment.thread = []
        (replies if comment.parent_id else top).append(comment)
    by_id = {comment.pk: comment for comment in top}
    for reply in replies:
        if reply.parent_id in by_id:  # one level deep; anything deeper is not shown
            by_id[reply.parent_id].thread.append(reply)
    return top, len(top) + len(replies)


def _pages(content_type_id, object_id, comments_open):
    top, count = shown_threads(content_type_id, object_id)
    paginator = Paginator(top, per_page())
    for number in paginator.page_range:
        page = paginator.page(number)
        html = render_to_string(LIST_TEMPLATE, {"page": page, "can_reply": comments_open})
        yield ThreadPage(
            content_type_id=content_type_id,
            object_id=object_id,
            number=number,
            html=html if count else "",
            comment_count=count,
            num_pages=paginator.num_pages,
            layout=layout(),
            comments_open=comments_open,
        )


def _comments_open(content_type_id, object_id):
    closed = Discussion.objects.filter(
        content_type_id=content_type_id, object_id=object_id, comments_open=False
    )
    return not closed.exists()


def _lock(model, pk):
    return model._base_manager.select_for_update().filter(pk=pk).values_list("pk", flat=True)


def rebuild(content_type_id, object_id):
    """Render and store a post's discussion; its pages, in order ([] if the post is gone)."""
    rows = ThreadPage.objects.filter(content_type_id=content_type_id, object_id=object_id)
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    with transaction.atomic():
        # Taken before reading the comments: a concurrent build waits here, then sees ours.
        if model is None or not _lock(model, object_id):
            rows.delete()
            return []
        pages = list(_pages(content_type_id, object_id, _comments_open(content_type_id, object_id)))
        ThreadPage.objects.bulk_create(
            pages,
            update_conflicts=True,
            unique_fields=["content_type", "object_id", "number"],
            update_fields=STORED_FIELDS,
        )
        rows.filter(number__gt=len(pages)).delete()
    return pages


def rebuild_for(comment_or_discussion):
    rebuild(comment_or_discussion.content_type_id, comment_or_discussion.object_id)


def _number(wanted):
    # As Paginator.get_page: not a number → the first page; out of range → the last.
    text = str(wanted or "1")
    if not (text.isascii() and text.lstrip("-").isdigit()):
        return 1
    return int(text)


def page(post, wanted):
    """The stored page ``wanted`` (``?comments=``) of a public post's discussion.

    One query in the usual case (measured cheaper than bringing it along in the post's own
    query as subqueries, which cost more to build than a query); building the discussion
    first when it is missing or out of date.
    """
    content_type = content_type_of(post)
    number = _number(wanted)
    rows = ThreadPage.objects.filter(content_type=content_type, object_id=post.pk)
    found = rows.filter(number=number).first() if number >= 1 else None
    if found is not None and found.layout == layout():
        return found
    first = rows.filter(number=1).first()
    if first is None or first.layout != layout():
        pages = rebuild(content_type.pk, post.pk)
    else:
        pages = [first] if number <= 1 else [rows.get(number=first.num_pages)]
    return pages[min(max(number, 1), len(pages)) - 1]


def preview_page(post, wanted):
    """A post that is not public (the author's preview): rendered now, with no reply links."""
    content_type = content_type_of(post)
    pages = list(_pages(content_type.pk, post.pk, comments_open=False))
    shown = pages[min(max(_number(wanted), 1), len(pages)) - 1]
    shown.comments_open = _comments_open(content_type.pk, post.pk)
    return shown
