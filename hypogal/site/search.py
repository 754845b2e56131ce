"""Search over public articles and stories.

PostgreSQL: full-text search, weighted title > condition names, summary > body, ranked by
SearchRank. Elsewhere (SQLite): every word must appear somewhere, ranked by where it appears.
Either way the snippet is built here from the rendered text, escaped, with matches in <mark>.
"""

import html
import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, OuterRef, Q, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe

from articles.models import Article, Condition
from stories.models import Story

MAX_QUERY_LENGTH = 200
PER_MODEL = 50  # more than anyone pages through; keeps the work bounded
SNIPPET_CHARS = 220
_WORD = re.compile(r"\w+", re.UNICODE)


def terms(query):
    return [word for word in _WORD.findall(query.lower()) if len(word) > 1 or word.isdigit()]


def search(query):
    """[(post, snippet_html)] best first; [] for a query with nothing to look for."""
    words = terms(query)
    if not words:
        return []
    finder = _postgres if connection.vendor == "postgresql" else _portable
    ranked = []
    for model in (Article, Story):
        ranked.extend(finder(model, query, words))
    ranked.sort(key=lambda pair: (pair[1], pair[0].published_at), reverse=True)
    return [(post, snippet(post, words)) for post, _ in ranked]


def _condition_names(model):
    lookup = model._meta.get_field("conditions").related_query_name()
    from django.contrib.postgres.aggregates import StringAgg

    names = (
        Condition.objects.filter(**{lookup: OuterRef("pk")})
        .values(lookup)
        .annotate(names=StringAgg(F("name"), delimiter=" "))
        .values("names")
    )
    return Coalesce(Subquery(names, output_field=TextField()), Value(""), output_field=TextField())


def _postgres(model, query, words):
    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector(_condition_names(model), weight="B", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )
    search_query = SearchQuery(query, search_type="websearch", config="english")
    found = (
        model.objects.for_list()
        .annotate(document=vector, rank=SearchRank(vector, search_query))
        .filter(document=search_query)
        .order_by("-rank", "-published_at")[:PER_MODEL]
    )
    return [(post, post.rank) for post in found]


def _portable(model, query, words):
    matches = Q()
    rank = Value(0.0, output_field=FloatField())
    for word in words:
        matches &= (
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(body__icontains=word)
            | Q(conditions__name__icontains=word)
        )
        for field, weight in (("title", 1.0), ("summary", 0.4), ("body", 0.1)):
            rank = rank + Case(
                When(**{f"{field}__icontains": word}, then=Value(weight)),
                default=Value(0.0),
                output_field=FloatField(),
            )
    found = (
        model.objects.for_list()
        .filter(matches)
        .distinct()
        .annotate(rank=rank)
        .order_by("-rank", "-published_at")[:PER_MODEL]
    )
    return [(post, post.rank) for post in found]


def snippet(post, words):
    """A short, escaped excerpt around the first match, matches wrapped in <mark>."""
    text = " ".join(html.unescape(strip_tags(post.body_html)).split())
    lowered = text.lower()
    positions = [lowered.find(word) for word in words if word in lowered]
    if positions:
        start = max(0, min(positions) - SNIPPET_CHARS // 3)
        excerpt = text[start : start + SNIPPET_CHARS]
        more = start + SNIPPET_CHARS < len(text)
        excerpt = ("…" if start else "") + excerpt + ("…" if more else "")
    else:
        excerpt = post.summary
    pattern = re.compile(
        "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE
    )
    # Escape the pieces between matches, never the marked-up whole: a match can't split an entity.
    pieces, last = [], 0
    for match in pattern.finditer(excerpt):
        pieces.append(escape(excerpt[last : match.start()]))
        pieces.append(format_html("<mark>{}</mark>", match.group()))
        last = match.end()
    pieces.append(escape(excerpt[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above
