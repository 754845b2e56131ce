"""What a post's page needs to show comments and likes, in a fixed number of queries.

``annotate()`` adds the like count (the post's stored tally) and "did this visitor like it" to
the query that fetches the post; the discussion is stored rendered (engagement/threads.py),
one row a page however many comments it holds.

PublicDetailView puts ``for_page()`` in the context as ``engagement``; the includes
``engagement/section.html`` and ``engagement/like_button.html`` read only that and ``object``.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils.safestring import mark_safe

from hypogal import visitors
from hypogal.engagement import likes, posts, threads
from hypogal.engagement.forms import AuthorCommentForm, CommentForm
from hypogal.engagement.models import Comment, Like, content_type_of, on_model


def annotate(queryset, request):
    return annotate_for(queryset, visitors.get(request).hash)


def annotate_for(queryset, visitor_hash):
    """The like count and "did this visitor like it", joined by the post's kind (no ids looked
    up first: the query may be prepared once, hypogal/prepared.py)."""
    model = queryset.model
    mine = on_model(Like, model, object_id=OuterRef("pk"), visitor_hash=visitor_hash)
    return queryset.annotate(
        engagement_like_count=likes.count_of(model),
        engagement_liked=Exists(mine),
    )


@dataclass
class Engagement:
    post: object
    is_public: bool
    comments_open: bool
    comment_count: int = 0
    comments_html: str = ""
    comment_page: object = None  # the ThreadPage shown: its number and num_pages
    like_count: int = 0
    liked: bool = False
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


def reply_to(request, post):
    """The shown top-level comment ``?reply_to=`` names on this post, if any."""
    wanted = request.GET.get("reply_to", "")
    if not (wanted.isascii() and wanted.isdigit() and len(wanted) <= 18):
        return None  # not a comment's id (and no 5,000-digit number for int() to refuse)
    shown = Comment.objects.filter(
        content_type=content_type_of(post), object_id=post.pk, parent__isnull=True
    ).filter(threads.SHOWN)
    return shown.filter(pk=int(wanted)).only("pk", "name").first()


def comment_form(request, post):
    parent = reply_to(request, post)
    initial = {"parent": parent.pk if parent else None, "parent_comment": parent}
    if is_author(request.user):
        return AuthorCommentForm(initial=initial, post=post, user=request.user)
    return CommentForm(initial=initial, post=post)


def for_page(request, post):
    if not hasattr(post, "engagement_like_count"):
        # Not fetched through annotate(): fetch the same numbers for this one post.
        post = annotate(type(post).objects.filter(pk=post.pk), request).get()
    is_public = post.is_published
    wanted = request.GET.get("comments")
    if is_public:
        thread = threads.page(post, wanted)
    else:
        thread = threads.preview_page(post, wanted)
    engagement = Engagement(
        post=post,
        is_public=is_public,
        comments_open=thread.comments_open,
        comment_count=thread.comment_count,
        comments_html=mark_safe(thread.html),  # noqa: S308 - escaped when it was rendered
        comment_page=thread,
        like_count=post.engagement_like_count,
        liked=bool(post.engagement_liked),  # SQLite answers 0 or 1 to a raw query
        is_author=is_author(request.user),
    )
    if engagement.can_comment:
        engagement.form = comment_form(request, post)
    return engagement
