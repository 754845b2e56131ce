"""Queries over both kinds of post: the newest public ones, for the home page and the feeds."""

from itertools import chain

from articles.models import Article
from stories.models import Story


def newest_public(limit, condition=None):
    """The newest ``limit`` public articles and stories together; four queries whatever the data."""
    querysets = [Article.objects.for_list(), Story.objects.for_list()]
    if condition is not None:
        querysets = [queryset.filter(conditions=condition) for queryset in querysets]
    posts = chain(*(queryset[:limit] for queryset in querysets))
    return sorted(posts, key=lambda post: (post.published_at, post.pk), reverse=True)[:limit]
