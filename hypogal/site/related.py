"""Sections one app adds to the other's pages, registered with hypogal.related."""

from django.db.models import Exists, OuterRef, Q

from articles.models import Article
from hypogal import related
from stories.models import Story

RELATED_READING_SIZE = 3
# A link shows a title and goes to the post's address: nothing else is worth fetching.
LINK_FIELDS = ("pk", "title", "slug", "published_at")


@related.section
def stories_about_the_conditions(post):
    """An overview links to the stories about its conditions, and to those that point to it."""
    if not isinstance(post, Article):
        return {}
    condition_ids = [condition.pk for condition in post.conditions.all()]  # prefetched
    about = Q(conditions__in=condition_ids) | Q(related_articles=post)
    stories = Story.objects.published().newest_first().filter(about).distinct()
    stories = stories.only(*LINK_FIELDS)[:4]
    return {"condition_stories": list(stories)}


@related.section
def related_reading(post):
    """Up to three public posts of either kind: those sharing a condition first, then the newest.

    One query per kind of post, whatever the data: each ranks its own posts by "shares a
    condition with this page", then by date, and the two short lists are merged here.
    """
    condition_ids = [condition.pk for condition in post.conditions.all()]  # prefetched
    candidates = []
    for model in (Article, Story):
        queryset = model.objects.published().only(*LINK_FIELDS)
        if isinstance(post, model):
            queryset = queryset.exclude(pk=post.pk)
        through = model.conditions.through.objects.filter(
            **{model._meta.model_name: OuterRef("pk")}, condition_id__in=condition_ids
        )
        queryset = queryset.annotate(shares_condition=Exists(through)).order_by(
            "-shares_condition", "-published_at", "-pk"
        )
        candidates.extend(queryset[:RELATED_READING_SIZE])
    candidates.sort(key=lambda item: (item.shares_condition, item.published_at), reverse=True)
    return {"related_reading": candidates[:RELATED_READING_SIZE]}
