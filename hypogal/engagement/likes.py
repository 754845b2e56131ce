"""Likes: one per visitor and post, counted from the rows themselves.

The count is always derived (COUNT over the unique index), never a stored counter: it cannot
drift, concurrent likes cannot lose an increment, and the unique constraint turns a repeated
like into a no-op. Counting one post's likes is an index-only range scan (see README).
"""

from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from hypogal.engagement.models import Like, content_type_of, on_model


def _for(post):
    return Like.objects.filter(content_type=content_type_of(post), object_id=post.pk)


def like(post, visitor_hash):
    try:
        with transaction.atomic():
            Like.objects.create(
                content_type=content_type_of(post), object_id=post.pk, visitor_hash=visitor_hash
            )
    except IntegrityError:
        pass  # already liked: the constraint says so, whoever got there first


def unlike(post, visitor_hash):
    _for(post).filter(visitor_hash=visitor_hash).delete()


def state(post, visitor_hash):
    """(count, liked_by_this_visitor) in one query, read from the unique index alone."""
    result = _for(post).aggregate(
        count=Count("object_id"), mine=Count("object_id", filter=Q(visitor_hash=visitor_hash))
    )
    return result["count"], result["mine"] > 0


def with_like_counts(queryset):
    """Annotate ``like_count`` on any Publishable queryset, in the same single query."""
    counts = (
        on_model(Like, queryset.model, object_id=OuterRef("pk"))
        .order_by()
        .values("object_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return queryset.annotate(
        like_count=Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))
    )


def most_liked(queryset, limit=None, at_least=1):
    """The most liked posts first (newest first among equals), e.g. for the home page.

    Pass a public queryset such as ``Story.objects.for_list()``: this only orders it.
    """
    ordered = (
        with_like_counts(queryset)
        .filter(like_count__gte=at_least)
        .order_by("-like_count", "-published_at", "-pk")
    )
    return ordered[:limit] if limit else ordered
