"""Sections one app adds to the other's pages, registered with hypogal.related."""

from django.db.models import Exists, OuterRef, Q, Value

from articles.models import Article
from hypogal import related
from stories.models import Story

RELATED_READING_SIZE = 3
CONDITION_STORIES_SIZE = 4


def _condition_ids(post):
    """The post's conditions, as a subquery: no need to have fetched them first."""
    through = type(post).conditions.through
    return through.objects.filter(**{type(post)._meta.model_name: post.pk}).values("condition_id")


@related.section
def stories_about_the_conditions(post, now):
    """An overview links to the stories about its conditions, and to those that point to it."""
    if not isinstance(post, Article):
        return {}
    # Subqueries rather than joins: a story matching twice is still one row, with no DISTINCT.
    conditions = Story.conditions.through.objects.filter(condition_id__in=_condition_ids(post))
    pointing_here = Story.related_articles.through.objects.filter(article_id=post.pk)
    about = Q(pk__in=conditions.values("story_id")) | Q(pk__in=pointing_here.values("story_id"))
    stories = Story.objects.published(now).filter(about).annotate(rank=Value(False))
    return {"condition_stories": related.Links([stories], CONDITION_STORIES_SIZE)}


@related.section
def related_reading(post, now):
    """Up to three public posts of either kind: those sharing a condition first, then the newest.

    Each kind ranks its own posts by "shares a condition with this page", then by date; the
    short lists are merged by the same order.
    """
    querysets = []
    for model in (Article, Story):
        queryset = model.objects.published(now)
        if isinstance(post, model):
            queryset = queryset.exclude(pk=post.pk)
        through = model.conditions.through.objects.filter(
            **{model._meta.model_name: OuterRef("pk")}, condition_id__in=_condition_ids(post)
        )
        querysets.append(queryset.annotate(rank=Exists(through)))
    return {"related_reading": related.Links(querysets, RELATED_READING_SIZE)}
