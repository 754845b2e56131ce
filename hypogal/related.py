"""Sections that one app adds to another app's post pages, without the two importing each other.

The composition root (hypogal/site/related.py) registers a function per section; each returns
``{context name: Links}``, the posts it would link to as ranked querysets. ``context_for``
runs every section's querysets as one query (a post page's links cost one round trip,
whatever the sections and kinds of post) and puts each section's posts in the page's context.
A post is linked once on a page: a section leaves out what the page links elsewhere and what
the sections registered before it show.
"""

import functools
from dataclasses import dataclass

from django.db import connections
from django.db.models import Value
from django.utils import timezone

from hypogal import prepared

# What a link needs: the post's title, its address (from the slug) and, to rank, its date.
LINK_FIELDS = ("id", "title", "slug", "published_at")

_sections = []


@dataclass
class Links:
    """The first ``size`` posts of ``querysets``: highest ``rank`` first, then newest.

    Each queryset holds one Publishable model's posts that may be shown, annotated with a
    ``rank`` (e.g. "shares a condition with this page"). A post several querysets hold is
    shown once, with its highest rank.
    """

    querysets: list
    size: int


def section(function):
    _sections.append(function)
    return function


# The stand-in for the page's post while the query is built (see _prepare).
_ANY_PK = -7_319_402_651
# Read beyond each section's size, so that it stays full once the posts the page shows
# elsewhere are left out (the sections before it, a story's series and overviews).
SPARE = 8


@dataclass
class _Prepared:
    query: prepared.Compiled  # its compiler turns raw column values into Python ones
    branches: list  # (section's context name, model) per UNION ALL part
    sizes: dict  # context name: how many posts it shows


def _prepare(model, connection):
    """The one query for a post page of ``model``, built once per process and connection.

    Building the ORM querysets cost more than the query itself (README, Performance), and only
    two values change from one page to the next: the post's pk and the present moment. So the
    sections are asked once with stand-ins for both (hypogal/prepared.py), and each page swaps
    in its own. Sections must therefore depend on nothing of the post but its kind and pk.
    """
    wanted = {}
    for function in _sections:
        wanted.update(function(model(pk=_ANY_PK), prepared.ANY_MOMENT))
    compilers, parts, params, branches = [], [], [], []
    for name, links in wanted.items():
        for queryset in links.querysets:
            number = len(branches)
            ranked = queryset.annotate(branch=Value(number)).order_by(
                "-rank", "-published_at", "-id"
            )
            ranked = ranked.values_list(*LINK_FIELDS, "rank", "branch")[: links.size + SPARE]
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
    query = prepared.Compiled(
        " UNION ALL ".join(parts),
        params,
        {"pk": _ANY_PK, "now": prepared.ANY_MOMENT},
        connection,
        compiler=compilers[0],
    )
    return _Prepared(query, branches, {name: links.size for name, links in wanted.items()})


def _rows(query, post, connection):
    params = query.params_for({"pk": post.pk, "now": timezone.now()}, connection)
    with connection.cursor() as cursor:
        cursor.execute(query.sql, params)
        rows = cursor.fetchall()
    return query.compiler.results_iter(results=[rows], tuple_expected=True)


@functools.cache
def _prepared_for(model):
    """``connection -> _Prepared`` (or None: no sections), built once per connection."""
    return prepared.per_connection(lambda connection: _prepare(model, connection))


def context_for(post, shown=()):
    """Each section's posts; ``shown``: posts the page links elsewhere, not repeated."""
    model = type(post)
    connection = connections[model.objects.db]
    built = _prepared_for(model)(connection)
    if built is None:
        return {}
    found = {name: [] for name in built.sizes}
    for *values, rank, number in _rows(built.query, post, connection):
        name, link_model = built.branches[number]
        link = link_model.from_db(connection.alias, LINK_FIELDS, values)
        found[name].append((rank, link.published_at, link.pk, link))
    seen = {(type(link), link.pk) for link in shown}
    return {name: _best(found[name], size, seen) for name, size in built.sizes.items()}


def _best(found, size, seen):
    """The first ``size`` not in ``seen`` (which takes them in): the next section skips them."""
    links = []
    for *_, link in sorted(found, reverse=True, key=lambda f: f[:3]):
        if len(links) < size and (type(link), link.pk) not in seen:
            seen.add((type(link), link.pk))
            links.append(link)
    return links
