"""Queries built once per process and database connection; each use swaps in its own values.

Django builds and compiles a queryset anew on every call, and for a post page that cost more
than running the queries (README, Performance). A prepared query is built once with stand-in
values (a pk, a slug, the present moment...), the stand-ins are found among the compiled SQL's
parameters, and each use runs the same SQL with its own values. So only what the ORM passes as
a parameter may vary between uses; everything else (filters, joins, annotations, and any id
looked up while building, such as a content type's: use joins by name instead) is fixed.
"""

import weakref
from datetime import UTC, datetime

from django.db import connections
from django.db.models import DateTimeField, prefetch_related_objects

# A moment no real page asks about: the stand-in for "now" while a query is built.
ANY_MOMENT = datetime(2001, 2, 3, 4, 5, 6, 789012, tzinfo=UTC)


def _as_parameter(value, connection):
    if isinstance(value, datetime):
        return DateTimeField().get_db_prep_value(value, connection)
    return value


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _same(param, wanted):
    # With server-side binding, Django hands PostgreSQL some integers typed (psycopg's Int4,
    # Int8: subclasses of int), others plain.
    if _is_int(wanted):
        return _is_int(param) and int(param) == wanted
    return type(param) is type(wanted) and param == wanted


class Compiled:
    """One query's SQL and parameters, with the places where each stand-in goes."""

    def __init__(self, sql, params, stand_ins, connection, compiler=None):
        self.sql, self.params, self.compiler = sql, list(params), compiler
        self.slots = {}
        for name, value in stand_ins.items():
            wanted = _as_parameter(value, connection)
            self.slots[name] = [i for i, param in enumerate(self.params) if _same(param, wanted)]
            if not self.slots[name]:
                raise ValueError(f"stand-in {name}={value!r} is not among the query's parameters")

    def params_for(self, values, connection):
        params = list(self.params)
        for name, slots in self.slots.items():
            value = _as_parameter(values[name], connection)
            for slot in slots:
                typed = type(self.params[slot])  # the same type as the ORM gave (Int8...)
                params[slot] = typed(value) if _is_int(value) and typed is not int else value
        return params


def per_connection(build):
    """``build(connection)``, memoised per connection (Django's connections are per thread)."""
    built = weakref.WeakKeyDictionary()

    def compiled(connection):
        if connection not in built:
            built[connection] = build(connection)
        return built[connection]

    return compiled


def _lookups(queryset):
    related = queryset.query.select_related
    joined = related.keys() if isinstance(related, dict) else ()
    return [*queryset._prefetch_related_lookups, *joined]


class PreparedObjects:
    """Instances of ``model`` from ``build(**stand_ins)``, with its annotations and prefetches.

    Rows come through RawQuerySet, which reads one table's columns: the queryset's
    ``select_related()`` is fetched as a prefetch instead (the same query count for one object).
    The prefetches come from ``prefetch()`` (if given), a queryset made anew for each use,
    because theirs may hold a moment too (e.g. a story's related articles: those published by
    now).
    """

    def __init__(self, model, build, prefetch, **stand_ins):
        self.model, self.build, self.prefetch, self.stand_ins = model, build, prefetch, stand_ins
        self.compiled = per_connection(self._compile)

    def _compile(self, connection):
        queryset = self.build(**self.stand_ins).select_related(None).prefetch_related(None)
        sql, params = queryset.query.get_compiler(connection=connection).as_sql()
        return Compiled(sql, params, self.stand_ins, connection)

    def first(self, **values):
        """The first object for these values (prefetches done), or None."""
        manager = self.model._default_manager
        connection = connections[manager.db]
        compiled = self.compiled(connection)
        rows = manager.raw(compiled.sql, compiled.params_for(values, connection))
        found = next(iter(rows), None)
        if found is not None and self.prefetch is not None:
            prefetch_related_objects([found], *_lookups(self.prefetch()))
        return found
