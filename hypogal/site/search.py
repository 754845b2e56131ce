"""Search over public articles and stories.

PostgreSQL: full-text search, weighted title > condition names, summary > body, ranked by
SearchRank, over each post's stored ``search_document`` (GIN-indexed, rebuilt here whenever a
post, its conditions or a condition's name change). Elsewhere (SQLite): every word must appear
somewhere, ranked by where it appears. Either way the snippet is built here from the rendered
text, escaped, with matches in <mark>.
"""

import html
import re
from collections.abc import Sequence

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, connections, migrations
from django.db.models import Case, F, FloatField, OuterRef, Q, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce, Concat
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe

from articles.models import Article, Condition
from hypogal.markdown import HEADERLINK
from stories.models import Story

MAX_QUERY_LENGTH = 200
PER_MODEL = 50  # more than anyone pages through; keeps the work bounded
# A result's title, address, date and (when no word of the text matched) summary; its text is
# read for the page shown only (Results).
RESULT_FIELDS = ("id", "title", "slug", "summary", "published_at")
SNIPPET_CHARS = 220
_WORD = re.compile(r"\w+", re.UNICODE)
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
# Words too common to place a snippet or to be highlighted (PostgreSQL ignores them too).
STOPWORDS = frozenset(
    "a an and are as at be by can for from has have how i in is it its my of on or so that the "
    "this to was what when where which who why will with".split()
)


def terms(query):
    return [word for word in _WORD.findall(query.lower()) if len(word) > 1 or word.isdigit()]


class Results(Sequence):
    """(post, snippet_html) pairs, best first; a snippet is built only for the page shown.

    ``capped``: a kind of post had more matches than PER_MODEL, so the count is a floor.
    """

    def __init__(self, posts, words, capped=False):
        self.posts, self.words, self.capped = posts, words, capped

    def __len__(self):
        return len(self.posts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            shown = _with_bodies(self.posts[index])
            return [(post, snippet(post, self.words)) for post in shown]
        (post,) = _with_bodies([self.posts[index]])
        return post, snippet(post, self.words)


def _with_bodies(posts):
    """``posts`` with the rendered text snippets are cut from: one query per kind of post.

    Ranking reads up to PER_MODEL + 1 posts of each kind; only the page shown needs its text.
    """
    kinds = {}
    for post in posts:
        kinds.setdefault(type(post), []).append(post)
    for model, group in kinds.items():
        found = model.objects.filter(pk__in=[post.pk for post in group])
        bodies = dict(found.values_list("pk", "body_html"))
        for post in group:
            post.body_html = bodies.get(post.pk, "")
    return posts


def search(query):
    """Results, best first; empty for a query with nothing to look for."""
    words = terms(query)
    if not words:
        return Results([], words)
    finder = _postgres if connection.vendor == "postgresql" else _portable
    ranked, capped = [], False
    for model in (Article, Story):
        found = finder(model, query, words)  # one more than listed: is there more?
        capped = capped or len(found) > PER_MODEL
        ranked.extend(found[:PER_MODEL])
    ranked.sort(key=lambda pair: (pair[1], pair[0].published_at), reverse=True)
    return Results([post for post, _ in ranked], words, capped)


def _condition_names(model):
    conditions = model._meta.get_field("conditions")
    lookup = conditions.related_query_name()
    from django.contrib.postgres.aggregates import StringAgg

    names = (
        conditions.related_model._default_manager.filter(**{lookup: OuterRef("pk")})
        .values(lookup)
        # Its other names too ("spasmodic torticollis"): what people type is often one of them.
        .annotate(
            names=StringAgg(
                Concat(F("name"), Value(" "), F("other_names"), output_field=TextField()),
                delimiter=" ",
            )
        )
        .values("names")
    )
    return Coalesce(Subquery(names, output_field=TextField()), Value(""), output_field=TextField())


def document(model):
    """The weighted search document of each row of ``model`` (also a migration's historical one)."""
    return (
        SearchVector("title", weight="A", config="english")
        + SearchVector(_condition_names(model), weight="B", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )


def refresh_documents(model, using="default", **filters):
    """Rebuild the stored search document of ``model``'s rows matching ``filters``."""
    if connections[using].vendor == "postgresql":
        model._base_manager.using(using).filter(**filters).update(search_document=document(model))


def document_index(app_label, model_name):
    """A migration operation: on PostgreSQL, a GIN index on the model's search documents and a
    document for every existing post (elsewhere, nothing: SQLite searches differently)."""
    table, index = f"{app_label}_{model_name}", f"{app_label}_{model_name}_search_document_gin"

    def build(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_document)")
            model = apps.get_model(app_label, model_name)
            refresh_documents(model, schema_editor.connection.alias)

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {index}")

    return migrations.RunPython(build, drop)


def rebuild_documents(app_label, model_name):
    """A migration operation: rebuild every stored document of the model (after what goes into
    a document changed); nothing elsewhere than PostgreSQL."""

    def build(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        refresh_documents(model, schema_editor.connection.alias)

    return migrations.RunPython(build, migrations.RunPython.noop)


def _postgres(model, query, words):
    # "side-effects" is the words side and effects, as readers mean it: websearch would ask
    # for the hyphenated compound only.
    query = _HYPHEN.sub(" ", query)
    search_query = SearchQuery(query, search_type="websearch", config="english")
    found = (
        model.objects.for_list()
        .prefetch_related(None)
        .select_related(None)
        # What a result shows: up to PER_MODEL + 1 posts of each kind are read to rank them.
        .only(*RESULT_FIELDS)
        .filter(search_document=search_query)
        # Divided by the document's length (1 + log): a long post that mentions the words
        # often does not outrank the short one with them in its title.
        .annotate(rank=SearchRank(F("search_document"), search_query, normalization=1))
        .order_by("-rank", "-published_at")[: PER_MODEL + 1]
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
            | Q(conditions__other_names__icontains=word)
        )
        for field, weight in (("title", 1.0), ("summary", 0.4), ("body", 0.1)):
            rank = rank + Case(
                When(**{f"{field}__icontains": word}, then=Value(weight)),
                default=Value(0.0),
                output_field=FloatField(),
            )
    found = (
        model.objects.for_list()
        .prefetch_related(None)
        .select_related(None)
        # What a result shows: up to PER_MODEL + 1 posts of each kind are read to rank them.
        .only(*RESULT_FIELDS)
        .filter(matches)
        .distinct()
        .annotate(rank=rank)
        .order_by("-rank", "-published_at")[: PER_MODEL + 1]
    )
    return [(post, post.rank) for post in found]


def snippet(post, words):
    """A short, escaped excerpt around the first match, whole words, matches in <mark>."""
    text = " ".join(html.unescape(strip_tags(HEADERLINK.sub("", post.body_html))).split())
    wanted = [word for word in words if word not in STOPWORDS] or list(words)
    # A word, or the start of one ("diagnos" finds "diagnosis"), never the inside of one
    # ("ear" is not in "heart").
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in sorted(wanted, key=len, reverse=True)) + r")\w*",
        re.IGNORECASE,
    )
    first = pattern.search(text)
    if first:
        start = max(0, first.start() - SNIPPET_CHARS // 3)
        end = min(len(text), start + SNIPPET_CHARS)
        if start:  # begin and end on whole words
            start = text.find(" ", start, first.start()) + 1 or start
        if end < len(text):
            space = text.rfind(" ", first.end(), end)
            end = space if space > 0 else end
        excerpt = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    else:
        excerpt = post.summary  # matched by stemming or a condition's name: no word to show
    # Escape the pieces between matches, never the marked-up whole: a match can't split an entity.
    pieces, last = [], 0
    for match in pattern.finditer(excerpt):
        pieces.append(escape(excerpt[last : match.start()]))
        pieces.append(format_html("<mark>{}</mark>", match.group()))
        last = match.end()
    pieces.append(escape(excerpt[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


def _post_saved(sender, instance, raw=False, using="default", **kwargs):
    if not raw:
        refresh_documents(sender, using, pk=instance.pk)


def _conditions_changed(sender, instance, action, reverse, model, pk_set, using, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:  # post.conditions changed
        refresh_documents(type(instance), using, pk=instance.pk)
    elif pk_set:  # condition.<posts> changed: model is the post model
        refresh_documents(model, using, pk__in=pk_set)
    else:  # a reverse clear names no posts: rebuild them all (rare)
        refresh_documents(model, using)


def _condition_changed(sender, instance, using="default", raw=False, **kwargs):
    if raw:
        return
    for model in (Article, Story):
        # After a delete, its links are gone: rebuild every post (conditions are few).
        filters = {} if kwargs.get("signal") is post_delete else {"conditions": instance}
        refresh_documents(model, using, **filters)


def connect_signals():
    for model in (Article, Story):
        label = model._meta.label
        post_save.connect(_post_saved, sender=model, dispatch_uid=f"search-{label}")
        m2m_changed.connect(
            _conditions_changed,
            sender=model.conditions.through,
            dispatch_uid=f"search-{label}-conditions",
        )
    post_save.connect(_condition_changed, sender=Condition, dispatch_uid="search-condition")
    post_delete.connect(_condition_changed, sender=Condition, dispatch_uid="search-condition-del")
