"""What a post's page needs to show comments and likes, in a fixed number of queries.

``annotate()`` adds the like count (the post's stored tally), "did this visitor like it", the
comment count and "comments closed" to the query that fetches the post, so a page costs no
extra query when nobody has commented yet and exactly one (the comments) when somebody has,
however many.

PublicDetailView puts ``for_page()`` in the context as ``engagement``; the includes
``engagement/section.html`` and ``engagement/like_button.html`` read only that and ``object``.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from hypogal import visitors
from hypogal.engagement import likes, posts
from hypogal.engagement.forms import AuthorCommentForm, CommentForm
from hypogal.engagement.models import Comment, Discussion, Like, on_model

APPROVED = Comment.Status.APPROVED
# Shown comments: approved, and if a reply, under a comment that is still approved.
SHOWN = Q(status=APPROVED) & (Q(parent__isnull=True) | Q(parent__status=APPROVED))


def _count(queryset):
    # COUNT(*) grouped by object_id reads only the index (content type, object id, ...).
    counted = queryset.order_by().values("object_id").annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def annotate(queryset, request):
    model = queryset.model
    here = {"object_id": OuterRef("pk")}
    visitor_hash = visitors.get(request).hash
    return queryset.annotate(
        engagement_like_count=likes.count_of(model),
        engagement_liked=Exists(on_model(Like, model, visitor_hash=visitor_hash, **here)),
        engagement_comment_count=_count(on_model(Comment, model, **here).filter(SHOWN)),
        engagement_closed=Exists(on_model(Discussion, model, comments_open=False, **here)),
    )


@dataclass
class Engagement:
    post: object
    is_public: bool
    comments_open: bool
    comment_count: int = 0
    like_count: int = 0
    liked: bool = False
    comments: list = field(default_factory=list)
    comment_page: object = None  # a Paginator page of top-level comments, when there are any
    form: object = None
    is_author: bool = False

    @property
    def can_comment(self):
        return self.is_public and self.comments_open

    @property
    def can_like(self):
        return self.is_public

    @property
    def comment_url(self):
        return posts.comment_url(self.post)

    @property
    def like_url(self):
        return posts.like_url(self.post)


def is_author(user):
    return user.is_authenticated and user.is_active and user.is_staff


def threads(post):
    """Shown top-level comments, oldest first, each with ``thread``: its shown replies."""
    rows = (
        on_model(Comment, type(post), object_id=post.pk)
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
    return top


def comment_form(request, post, comments):
    reply_to = None
    wanted = request.GET.get("reply_to", "")
    if wanted.isascii() and wanted.isdigit():
        reply_to = next((c for c in comments if c.pk == int(wanted)), None)
    initial = {"parent": reply_to.pk if reply_to else None, "parent_comment": reply_to}
    if is_author(request.user):
        return AuthorCommentForm(initial=initial, post=post, user=request.user)
    return CommentForm(initial=initial, post=post)


def for_page(request, post):
    if not hasattr(post, "engagement_like_count"):
        # Not fetched through annotate(): fetch the same numbers for this one post.
        post = annotate(type(post).objects.filter(pk=post.pk), request).get()
    engagement = Engagement(
        post=post,
        is_public=post.is_published,
        comments_open=not post.engagement_closed,
        comment_count=post.engagement_comment_count,
        like_count=post.engagement_like_count,
        liked=post.engagement_liked,
        is_author=is_author(request.user),
    )
    if engagement.comment_count:
        # Fifty conversations a page, as WordPress does: a post with hundreds of comments stays
        # quick to load and to read on a phone. Replies stay with their comment.
        per_page = getattr(settings, "HYPOGAL_COMMENTS_PER_PAGE", 50)
        page = Paginator(threads(post), per_page).get_page(request.GET.get("comments"))
        engagement.comment_page = page
        engagement.comments = list(page.object_list)
    if engagement.can_comment:
        engagement.form = comment_form(request, post, engagement.comments)
    return engagement
