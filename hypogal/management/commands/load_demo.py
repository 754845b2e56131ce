"""Fill the site with demo content: conditions, overview articles and stories with photos.

Safe to run again: everything is keyed on slugs and updated in place, and each article's
sources are replaced, so nothing is created twice.
"""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article, Condition, Source
from hypogal import demo_content
from hypogal.demo_images import DRAWINGS
from hypogal.models import SiteSettings
from stories.models import Photo, Series, Story


def _datetime(value):
    return dt.datetime.fromisoformat(value).replace(tzinfo=dt.timezone.utc) if value else None


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def load_conditions():
    """Create the demo conditions that are missing; return them by slug."""
    conditions = {}
    for data in demo_content.CONDITIONS:
        fields = {key: value for key, value in data.items() if key != "slug"}
        conditions[data["slug"]], _ = Condition.objects.get_or_create(
            slug=data["slug"], defaults=fields
        )
    return conditions


def load_articles(conditions):
    """Create the missing demo articles, with their conditions and their sources."""
    articles = []
    for data in demo_content.ARTICLES:
        article, created = Article.objects.get_or_create(
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
        articles.append(article)
        if not created:
            continue  # the author may have edited it since: hers now, left as it is
        article.conditions.set([conditions[slug] for slug in data["conditions"]])
        Source.objects.bulk_create(
            Source(article=article, position=position, **source)
            for position, source in enumerate(data["sources"], start=1)
        )
    return articles


def load_stories(conditions, articles):
    """Create the missing demo series, stories and photos (drawn here, once per photo)."""
    series = {
        data["slug"]: Series.objects.get_or_create(slug=data["slug"], defaults=data)[0]
        for data in demo_content.SERIES
    }
    articles_by_slug = {article.slug: article for article in articles}
    stories = []
    for data in demo_content.STORIES:
        story, created = Story.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "summary": data["summary"],
                "body": data["body"],
                "status": Story.Status.PUBLISHED,
                "published_at": _datetime(data["published_at"]),
                "series": series.get(data["series"]),
                "series_part": data["series_part"],
            },
        )
        stories.append(story)
        if not created:
            continue
        story.conditions.set([conditions[slug] for slug in data["conditions"]])
        story.related_articles.set([articles_by_slug[slug] for slug in data["related_articles"]])
        for spec in data["photos"]:
            load_photo(story, spec)
    return stories


def load_photo(story, spec):
    image = SimpleUploadedFile(f"{spec['drawing']}.jpg", DRAWINGS[spec["drawing"]]())
    Photo.objects.create(
        story=story,
        position=spec["position"],
        image=image,
        alt_text=spec["alt_text"],
        caption=spec["caption"],
        stage=spec["stage"],
        taken_on=_date(spec["taken_on"]),
    )


class Command(BaseCommand):
    help = "Load demo conditions, articles and stories. Safe to run more than once."

    def handle(self, *args, **options):
        with transaction.atomic():
            # Only the first run fills the settings in: the author's own edits are kept.
            SiteSettings.objects.get_or_create(pk=1, defaults=demo_content.SITE_SETTINGS)
            conditions = load_conditions()
            articles = load_articles(conditions)
            stories = load_stories(conditions, articles)
        published = sum(article.status == Article.Status.PUBLISHED for article in articles)
        sources = Source.objects.filter(article__in=articles).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {len(conditions)} conditions, {len(articles)} articles "
                f"({published} published, {len(articles) - published} draft), {sources} sources, "
                f"{len(stories)} stories with {Photo.objects.filter(story__in=stories).count()} "
                "photos."
            )
        )
