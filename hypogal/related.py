"""Sections that one app adds to another app's post pages, without the two importing each other.

The composition root (hypogal/site/related.py) registers a function per section; each returns
``{context name: Links}``, the posts it would link to as ranked querysets. ``context_for``
runs every section's querysets as one query (a post page's links cost one round trip,
whatever the sections and kinds of post) and puts each section's posts in the page's context.
"""

import weakref
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connections
from django.db.models import DateTimeField, Value
from django.utils import timezone

# What a link needs: the post's title, its address (from the slug) and, to rank, its date.
LINK_FIELDS = ("id", "title", "slug", "published_at")

_sections = []


@dataclass
class Links:
    """The first ``size`` posts of ``querysets``: highest ``rank`` first, then newest.

    Each queryset holds one Publishable model's posts that may be shown, annotated with a
    ``rank`` (e.g. "shares a condition with this page").
    """

    querysets: list
    size: int


def section(function):
    _sections.append(function)
    return function


# Stand-ins for the page's post and the present moment while a query is built (see _prepare).
_ANY_PK = -7_319_402_651
_ANY_MOMENT = datetime(2001, 2, 3, 4, 5, 6, 789012, tzinfo=UTC)
_prepared = weakref.WeakKeyDictionary()  # per connection: {model: _Prepared}


@dataclass
class _Prepared:
    sql: str
    params: list
    post_slots: list  # where the post's pk goes in params
    moment_slots: list  # where the present moment goes
    compiler: object  # turns raw column values into Python ones, as the ORM would
    branches: list  # (section's context name, model) per UNION ALL part
    sizes: dict  # context name: how many posts it shows


def _prepare(model, connection):
    """Build the one query for a post page of ``model``, once per process and connection.

    Building the ORM querysets costs more than the query itself (README, Performance), and
    only two values change from one page to the next: the post's pk and the present moment.
    So the sections are asked once with stand-ins for both, and each page swaps its own in.
    Sections must therefore depend on nothing of the post but its kind and pk.
    """
    wanted = {}
    for function in _sections:
        wanted.update(function(model(pk=_ANY_PK), _ANY_MOMENT))
    compilers, parts, params, branches = [], [], [], []
    for name, links in wanted.items():
        for queryset in links.querysets:
            number = len(branches)
            ranked = queryset.annotate(branch=Value(number)).order_by(
                "-rank", "-published_at", "-id"
            )
            ranked = ranked.values_list(*LINK_FIELDS, "rank", "branch")[: links.size]
            compiler = ranked.query.get_compiler(connection=connection)
            sql, branch_params = compiler.as_sql()
            compilers.append(compiler)
            # SQLite refuses LIMIT in the parts of a UNION (so does the ORM's union() there);
            # each part in a subquery is valid on both databases.
            parts.append(f"SELECT * FROM ({sql}) AS branch{number}")  # noqa: S608 - ORM's SQL
            params.extend(branch_params)
            branches.append((name, queryset.model))
    if not branches:
        return None
    moment = _moment(_ANY_MOMENT, connection)
    prepared = _Prepared(
        sql=" UNION ALL ".join(parts),
        params=params,
        post_slots=[i for i, value in enumerate(params) if value == _ANY_PK],
        moment_slots=[i for i, value in enumerate(params) if value == moment],
        compiler=compilers[0],
        branches=branches,
        sizes={name: links.size for name, links in wanted.items()},
    )
    return prepared


def _moment(value, connection):
    return DateTimeField().get_db_prep_value(value, connection)


def _rows(prepared, post, connection):
    params = list(prepared.params)
    for slot in prepared.post_slots:
        params[slot] = post.pk
    now = _moment(timezone.now(), connection)
    for slot in prepared.moment_slots:
        params[slot] = now
    with connection.cursor() as cursor:
        cursor.execute(prepared.sql, params)
        rows = cursor.fetchall()
    return prepared.compiler.results_iter(results=[rows], tuple_expected=True)


def context_for(post):
    model = type(post)
    connection = connections[model.objects.db]
    per_model = _prepared.setdefault(connection, {})
    if model not in per_model:
        per_model[model] = _prepare(model, connection)
    prepared = per_model[model]
    if prepared is None:
        return {}
    found = {name: [] for name in prepared.sizes}
    for *values, rank, number in _rows(prepared, post, connection):
        name, link_model = prepared.branches[number]
        link = link_model.from_db(connection.alias, LINK_FIELDS, values)
        found[name].append((rank, link.published_at, link.pk, link))
    return {
        name: [link for *_, link in sorted(found[name], reverse=True, key=lambda f: f[:3])][:size]
        for name, size in prepared.sizes.items()
    }
