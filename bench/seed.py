"""Fill the bench database with a realistic volume: run by bench/run.py with Django set up.

200 articles, 200 stories, 20,000 comments (200 on the article the bench reads), 100,000 likes.
Bulk inserts with the markdown rendered once: seeding takes seconds, not minutes.
"""

import itertools
import random

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from articles.models import Article, Condition
from hypogal.engagement import threads
from hypogal.engagement.likes import build_tallies
from hypogal.engagement.models import Comment, Like, LikeTally
from hypogal.engagement.text import reader_html
from hypogal.markdown import render
from hypogal.site.search import refresh_documents
from stories.models import Story

ARTICLES, STORIES, COMMENTS, LIKES = 200, 200, 20_000, 100_000
BENCH_ARTICLE = "bench-article-with-200-comments"
BODY = "Me too. Thank you for writing this, it helps to know I'm not alone. https://example.org/"


def seed():
    if Article.objects.filter(slug=BENCH_ARTICLE).exists():
        return "already seeded"
    rng = random.Random(7)
    conditions = list(Condition.objects.all())
    body = "\n\n".join(
        f"## Part {n}: what helped?\n\nI kept a diary of the pulling, the pain and the sleep. "
        "Some weeks were better than others, and the injections helped most." * 2
        for n in range(6)
    )
    rendered = render(body)
    now = timezone.now()

    def post(model, n, **extra):
        return model(
            title=f"Bench {model.__name__.lower()} {n}: living with it, week {n}",
            slug=BENCH_ARTICLE
            if (model is Article and n == 0)
            else f"bench-{model.__name__.lower()}-{n}",
            summary="A realistic post for the benchmark.",
            body=body,
            body_html=rendered.html,
            toc_html=rendered.toc_html,
            status="published",
            published_at=now - timezone.timedelta(hours=n + 1),
            **extra,
        )

    articles = Article.objects.bulk_create(post(Article, n) for n in range(ARTICLES))
    stories = Story.objects.bulk_create(post(Story, n) for n in range(STORIES))
    for items, model in ((articles, Article), (stories, Story)):
        through = model.conditions.through
        field = model._meta.model_name + "_id"
        through.objects.bulk_create(
            through(**{field: item.pk, "condition_id": rng.choice(conditions).pk}) for item in items
        )
    for model in (Article, Story):
        refresh_documents(model)  # bulk_create sends no signals
    posts = [(ContentType.objects.get_for_model(Article), a.pk) for a in articles] + [
        (ContentType.objects.get_for_model(Story), s.pk) for s in stories
    ]
    target = posts[0]
    comments = [
        Comment(
            content_type=ct,
            object_id=pk,
            name=f"Reader {n}",
            email=f"r{n}@example.org",
            body=BODY, body_html=reader_html(BODY),
            status="approved",
        )
        for n, (ct, pk) in enumerate(
            itertools.chain([target] * 200, (rng.choice(posts) for _ in range(COMMENTS - 200)))
        )
    ]
    Comment.objects.bulk_create(comments, batch_size=2000)
    with threads.batched():  # bulk inserts send no signals: render every discussion once
        for content_type, pk in set(posts):
            threads.rebuild(content_type.pk, pk)
    likes = (
        Like(content_type=ct, object_id=pk, visitor_hash=f"{n:064x}")
        for n, (ct, pk) in enumerate(rng.choice(posts) for _ in range(LIKES))
    )
    Like.objects.bulk_create(likes, batch_size=5000)
    build_tallies(Like, LikeTally)  # bulk inserts skip likes.like()
    if connection.vendor == "postgresql":
        # The planner's statistics, as autovacuum keeps them on a running site: measured at
        # once after a bulk load, the first plans would be made for empty tables.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return f"seeded {ARTICLES} articles, {STORIES} stories, {COMMENTS} comments, {LIKES} likes"


print(seed())
