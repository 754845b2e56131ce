"""Sections one app adds to the other's pages, registered with hypogal.related."""

from django.db.models import Value

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
    # Two short lists, each answered by an index; a story in both is shown once.
    conditions = Story.conditions.through.objects.filter(condition_id__in=_condition_ids(post))
    pointing_here = Story.related_articles.through.objects.filter(article_id=post.pk)
    public = Story.objects.published(now).annotate(rank=Value(False))
    about = [public.filter(pk__in=rows.values("story_id")) for rows in (conditions, pointing_here)]
    return {"condition_stories": related.Links(about, CONDITION_STORIES_SIZE)}


@related.section
def related_reading(post, now):
    """Up to three public posts of either kind: those sharing a condition first, then the newest.

    Per kind, two short lists that indexes answer without ranking every post: the newest
    sharing a condition, and the newest of all. The merge puts the first kind before the
    second (a post in both counts once, as sharing), then by date.
    """
    querysets = []
    for model in (Article, Story):
        queryset = model.objects.published(now)
        if isinstance(post, model):
            queryset = queryset.exclude(pk=post.pk)
        through = model.conditions.through.objects.filter(condition_id__in=_condition_ids(post))
        sharing = queryset.filter(pk__in=through.values(model._meta.model_name))
        querysets.append(sharing.annotate(rank=Value(True)))
        querysets.append(queryset.annotate(rank=Value(False)))
    return {"related_reading": related.Links(querysets, RELATED_READING_SIZE)}
