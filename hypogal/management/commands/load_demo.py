"""Fill the site with demo content: conditions and overview articles.

Safe to run again: everything is keyed on slugs and updated in place, and each article's
sources are replaced, so nothing is created twice.
"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article, Condition, Source
from hypogal import demo_content


def _datetime(value):
    return dt.datetime.fromisoformat(value).replace(tzinfo=dt.timezone.utc) if value else None


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def load_conditions():
    """Create or update the demo conditions; return them by slug."""
    conditions = {}
    for data in demo_content.CONDITIONS:
        fields = {key: value for key, value in data.items() if key != "slug"}
        conditions[data["slug"]], _ = Condition.objects.update_or_create(
            slug=data["slug"], defaults=fields
        )
    return conditions


def load_articles(conditions):
    """Create or update the demo articles, their conditions and their sources."""
    articles = []
    for data in demo_content.ARTICLES:
        article, _ = Article.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "summary": data["summary"],
                "body": data["body"],
                "status": data["status"],
                "published_at": _datetime(data["published_at"]),
                "reviewed_at": _date(data["reviewed_at"]),
            },
        )
        article.conditions.set([conditions[slug] for slug in data["conditions"]])
        article.sources.all().delete()
        Source.objects.bulk_create(
            Source(article=article, position=position, **source)
            for position, source in enumerate(data["sources"], start=1)
        )
        articles.append(article)
    return articles


class Command(BaseCommand):
    help = "Load demo conditions and articles. Safe to run more than once."

    def handle(self, *args, **options):
        with transaction.atomic():
            conditions = load_conditions()
            articles = load_articles(conditions)
        published = sum(article.status == Article.Status.PUBLISHED for article in articles)
        sources = Source.objects.filter(article__in=articles).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {len(conditions)} conditions, {len(articles)} articles "
                f"({published} published, {len(articles) - published} draft), {sources} sources."
            )
        )
