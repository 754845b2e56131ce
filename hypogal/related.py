"""Sections that one app adds to another app's post pages, without the two importing each other.

The composition root (hypogal/site/related.py) registers a function per section; each returns
``{context name: Links}``, the posts it would link to as ranked querysets. ``context_for``
runs every section's querysets as one query (a post page's links cost one round trip,
whatever the sections and kinds of post) and puts each section's posts in the page's context.
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Value

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


def _rows(branches):
    """Each branch's first rows (``LINK_FIELDS``, rank, branch number), in one UNION ALL.

    The ORM's union() cannot take sliced parts on SQLite, so the parts are the ORM's own SQL,
    each wrapped in a subquery (valid on both databases); the first part's compiler turns the
    raw values into Python ones (dates, booleans) as its own results would be.
    """
    compilers, parts, params = [], [], []
    for number, (queryset, size) in enumerate(branches):
        ranked = queryset.annotate(branch=Value(number)).order_by("-rank", "-published_at", "-id")
        ranked = ranked.values_list(*LINK_FIELDS, "rank", "branch")[:size]
        compiler = ranked.query.get_compiler(using=ranked.db)
        sql, branch_params = compiler.as_sql()
        compilers.append(compiler)
        parts.append(f"SELECT * FROM ({sql}) AS branch{number}")  # noqa: S608 - ORM-built SQL
        params.extend(branch_params)
    with connections[compilers[0].using].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    return compilers[0].results_iter(results=[rows], tuple_expected=True)


def context_for(post):
    wanted = {}
    for function in _sections:
        wanted.update(function(post))
    branches = [
        (name, queryset, links.size)
        for name, links in wanted.items()
        for queryset in links.querysets
    ]
    found = {name: [] for name in wanted}
    if branches:
        for *values, rank, number in _rows([(queryset, size) for _, queryset, size in branches]):
            name, queryset, _ = branches[number]
            link = queryset.model.from_db(queryset.db, LINK_FIELDS, values)
            found[name].append((rank, link.published_at, link.pk, link))
    return {
        name: [link for *_, link in sorted(found[name], reverse=True, key=lambda f: f[:3])][
            : links.size
        ]
        for name, links in wanted.items()
    }
