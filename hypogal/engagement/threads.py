"""A post's shown comments, rendered when they change and stored: a page view only reads them.

Like a post's body (rendered on save), a discussion is rendered once per change rather than on
every view: a post with two hundred comments costs its page one indexed row, not two hundred
rows and their markup (README, Performance). One ``ThreadPage`` row per page of conversations.

Every change to what a discussion shows rebuilds it, in the change's own transaction: a comment
saved or deleted and comments opened or closed (signals, wired in engagement/apps.py), and any
queryset update of comments or discussions (``RendersThreadsQuerySet.update``: the admin's bulk
actions, bulk_update). A build first locks the post's row, so two changes at once are rendered
one after the other and the later build sees both. A post whose rows are missing (older data)
or were rendered otherwise (another page size or release) is built on its first view. Code
that bulk-creates comments (bench/seed.py) sends no signals and must call ``rebuild()`` for
their posts itself.
"""

import contextlib
import contextvars
import functools
import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.template.loader import get_template, render_to_string

from hypogal import prepared
from hypogal.engagement import posts
from hypogal.engagement.models import (
    Comment,
    ThreadPage,
    content_type_of,
    on_model,
)
from hypogal.engagement.templatetags import engagement_tags

LIST_TEMPLATE = "engagement/comment_list.html"

APPROVED = Comment.Status.APPROVED
# Shown comments: approved, and if a reply, under a comment that is still approved.
SHOWN = Q(status=APPROVED) & (Q(parent__isnull=True) | Q(parent__status=APPROVED))
# What no page shows of a comment: a queryset update of only these renders nothing again.
UNSHOWN_FIELDS = frozenset(
    {"email", "notify_replies", "reply_mail_sent", "held_for", "visitor_hash", "ip_hash",
     "form_token", "user"}
)
# ?comments= below 1 or past any real page: the last page, as Paginator.get_page answers.
LAST = 10**9
_batch = contextvars.ContextVar("hypogal_thread_batch", default=None)
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


def _lock(model, pk):
    # FOR NO KEY UPDATE: enough to queue builds, and rows pointing at the post (its condition
    # links, say) can still be written meanwhile.
    locked = model._base_manager.select_for_update(no_key=True).filter(pk=pk)
    return locked.values_list("pk", flat=True)


def _build(content_type_id, object_id):
    """Render and store a post's discussion now; its pages, in order ([] if the post is gone)."""
    rows = ThreadPage.objects.filter(content_type_id=content_type_id, object_id=object_id)
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    with transaction.atomic():
        # Taken before reading the comments: a concurrent build waits here, then sees ours.
        if model is None or not _lock(model, object_id):
            rows.delete()
            return []
        is_open = posts.discussion_open(content_type_id, object_id)
        pages = list(_pages(content_type_id, object_id, is_open))
        ThreadPage.objects.bulk_create(
            pages,
            update_conflicts=True,
            unique_fields=["content_type", "object_id", "number"],
            update_fields=STORED_FIELDS,
        )
        rows.filter(number__gt=len(pages)).delete()
        from hypogal.pagecache import content_changed

        content_changed()  # bulk_create sends no signal: queryset updates land here
    return pages


def rebuild(content_type_id, object_id):
    """Render a post's discussion again: now, or at the end of the ``batched()`` block."""
    wanted = _batch.get()
    if wanted is None:
        _build(content_type_id, object_id)
    else:
        wanted.add((content_type_id, object_id))


def rebuild_for(comment_or_discussion):
    rebuild(comment_or_discussion.content_type_id, comment_or_discussion.object_id)


@contextlib.contextmanager
def batched():
    """Many changes at once (an import, a bulk delete): each post is rendered once, at the end.

    Use it inside the changes' transaction, so the renders are part of it.
    """
    if _batch.get() is not None:
        yield
        return
    wanted = set()
    token = _batch.set(wanted)
    try:
        yield
    finally:
        _batch.reset(token)
    for content_type_id, object_id in sorted(wanted):  # one order: no two builds deadlock
        _build(content_type_id, object_id)


def changes_shown(model, fields):
    """Whether updating these fields of ``model`` (Comment or Discussion) can change a page."""
    names = {model._meta.get_field(name).name for name in fields}
    return model is not Comment or not names <= UNSHOWN_FIELDS


def _number(wanted):
    """``?comments=`` as Paginator.get_page reads it: not a number → 1; out of range → LAST."""
    text = "" if wanted is None else str(wanted)
    digits = text[1:] if text.startswith("-") else text
    if not (digits.isascii() and digits.isdigit()):
        return 1
    if text.startswith("-") or len(digits) > 9 or int(digits) < 1:
        return LAST
    return int(digits)


@functools.cache
def _stored_page(model):
    """The usual read, prepared once per kind of post (hypogal/prepared.py)."""

    def build(object_id, number):
        return on_model(ThreadPage, model, object_id=object_id, number=number)

    # Stand-ins inside the columns' ranges (the ORM drops an out-of-range lookup).
    return prepared.PreparedObjects(
        ThreadPage, build, None, object_id=7_319_402_651_000, number=2_000_000_001
    )


def page(post, wanted):
    """The stored page ``wanted`` (``?comments=``) of a public post's discussion.

    One query in the usual case (measured cheaper than bringing it along in the post's own
    query as subqueries, which cost more to build than a query); building the discussion
    first when it is missing or out of date.
    """
    number = _number(wanted)
    current = layout()
    if number != LAST:
        found = _stored_page(type(post)).first(object_id=post.pk, number=number)
        if found is not None and found.layout == current:
            return found
    content_type = content_type_of(post)
    rows = ThreadPage.objects.filter(content_type=content_type, object_id=post.pk)
    first = rows.filter(number=1).first()
    if first is not None and first.layout == current:
        # Past the end: the last page (a concurrent build may have just removed it).
        last = first if first.num_pages == 1 else rows.filter(number=first.num_pages).first()
        if last is not None and last.layout == current:
            return last
    pages = _build(content_type.pk, post.pk) or [ThreadPage(comments_open=False)]
    return pages[min(number, len(pages)) - 1]


def preview_page(post, wanted):
    """A post that is not public (the author's preview): rendered now, with no reply links."""
    content_type = content_type_of(post)
    pages = list(_pages(content_type.pk, post.pk, comments_open=False))
    shown = pages[min(_number(wanted), len(pages)) - 1]
    shown.comments_open = posts.discussion_open(content_type.pk, post.pk)
    return shown
