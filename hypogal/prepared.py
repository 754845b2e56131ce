"""Queries built once per process and database connection; each use swaps in its own values.

Django builds and compiles a queryset anew on every call, and for a post page that cost more
than running the queries (README, Performance). A prepared query is built once with stand-in
values (a pk, a slug, the present moment...), the stand-ins are found among the compiled SQL's
parameters, and each use runs the same SQL with its own values. So only what the ORM passes as
a parameter may vary between uses; everything else (filters, joins, annotations, and any id
looked up while building, such as a content type's: use joins by name instead) is fixed.
"""

import weakref
from datetime import datetime
from datetime import timezone as dt_timezone

from django.db import connections
from django.db.models import DateTimeField, Prefetch
from django.db.models.constants import LOOKUP_SEP
from django.db.models.query import get_prefetcher
from django.utils import timezone

# A moment no real page asks about: the stand-in for "now" while a query is built.
ANY_MOMENT = datetime(2001, 2, 3, 4, 5, 6, 789012, tzinfo=dt_timezone.utc)
# A key no row has (within a 32-bit column's range): the stand-in for an object's keys.
_ANY_KEY = 1_987_654_319


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

    def __init__(self, sql, params, stand_ins, connection, compiler=None, optional=()):
        self.sql, self.params, self.compiler = sql, list(params), compiler
        self.slots = {}
        for name, value in stand_ins.items():
            wanted = _as_parameter(value, connection)
            slots = [i for i, param in enumerate(self.params) if _same(param, wanted)]
            if slots:
                self.slots[name] = slots
            elif name not in optional:
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


class _Objects:
    """A queryset's SQL, compiled once, whose rows become model instances as Django makes them.

    What ModelIterable does, minus building the queryset: one table's columns become the
    instance, annotations its attributes. No select_related() (it would need Django's
    populators): callers fetch related objects as prefetches.
    """

    def __init__(self, queryset, stand_ins, connection, optional=()):
        if queryset.query.select_related:
            raise ValueError("a prepared query joins no related objects: prefetch them instead")
        self.db = queryset.db
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        self.query = Compiled(sql, params, stand_ins, connection, compiler, optional)
        klass = compiler.klass_info
        self.model = klass["model"]
        fields = klass["select_fields"]
        self.columns = slice(fields[0], fields[-1] + 1)
        self.attnames = [column[0].target.attname for column in compiler.select[self.columns]]
        self.annotations = compiler.annotation_col_map

    def fetch(self, values, connection):
        params = self.query.params_for(values, connection)
        with connection.cursor() as cursor:
            cursor.execute(self.query.sql, params)
            rows = cursor.fetchall()
        found = []
        for row in self.query.compiler.results_iter(results=[rows]):
            obj = self.model.from_db(self.db, self.attnames, row[self.columns])
            for name, position in self.annotations.items():
                setattr(obj, name, row[position])
            found.append(obj)
        return found


class _Prefetch:
    """One prefetch of one object (a single-level lookup), compiled once with stand-ins.

    What Django's prefetch_related_objects() does for a list of objects, minus building the
    related queryset each time: it is asked for once, for a stand-in object, and each use runs
    its SQL with the object's key (and the moment) swapped in. The results go where Django
    puts them, so ``post.conditions.all()`` reads them as if prefetched the usual way.
    """

    def __init__(self, model, lookup, connection):
        self.lookup = lookup if isinstance(lookup, Prefetch) else Prefetch(lookup)
        if LOOKUP_SEP in self.lookup.prefetch_through or self.lookup.to_attr:
            raise ValueError(f"only single-level lookups are prepared: {lookup!r}")
        stand_in = model(pk=_ANY_KEY)
        for field in model._meta.concrete_fields:
            if field.many_to_one:
                setattr(stand_in, field.attname, _ANY_KEY)
        through, to = self.lookup.prefetch_through, self.lookup.prefetch_to
        prefetcher = get_prefetcher(stand_in, through, to)[0]
        (queryset, _, self.key_of, self.single, self.cache_name, self.is_descriptor) = (
            prefetcher.get_prefetch_querysets([stand_in], self.lookup.get_current_querysets(0))
        )
        if queryset._prefetch_related_lookups:
            raise ValueError(f"a prepared prefetch prefetches nothing more: {lookup!r}")
        stand_ins = {"key": self.key_of(stand_in)[0], "now": ANY_MOMENT}
        self.objects = _Objects(queryset, stand_ins, connection, optional=("now",))

    def fill(self, obj, now, connection):
        key = self.key_of(obj)[0]
        found = [] if key is None else self.objects.fetch({"key": key, "now": now}, connection)
        if self.single:
            value = found[0] if found else None
            if self.is_descriptor:
                setattr(obj, self.cache_name, value)
            else:
                obj._state.fields_cache[self.cache_name] = value
            return
        # As Django does: the rows go in the manager's own queryset, so .all() reads them.
        manager = getattr(obj, self.lookup.prefetch_to)
        queryset = manager.get_queryset()
        queryset._result_cache = found
        queryset._prefetch_done = True
        obj.__dict__.setdefault("_prefetched_objects_cache", {})[self.cache_name] = queryset


class PreparedObjects:
    """Instances of ``model`` from ``build(**stand_ins)``, with its annotations and prefetches.

    The queryset's ``select_related()`` is fetched as a prefetch instead (the same query count
    for one object). The prefetches are those of ``prefetch(now)`` (if given), prepared too:
    each may hold a moment (e.g. a story's related articles: those published by now), the one
    passed as ``now`` to ``first()``, else the present.
    """

    def __init__(self, model, build, prefetch, **stand_ins):
        self.model, self.build, self.prefetch, self.stand_ins = model, build, prefetch, stand_ins
        self.compiled = per_connection(self._compile)

    def _compile(self, connection):
        queryset = self.build(**self.stand_ins).select_related(None).prefetch_related(None)
        prefetches = []
        if self.prefetch is not None:
            lookups = _lookups(self.prefetch(ANY_MOMENT))
            prefetches = [_Prefetch(self.model, lookup, connection) for lookup in lookups]
        return _Objects(queryset[:1], self.stand_ins, connection), prefetches

    def first(self, **values):
        """The first object for these values (prefetches done), or None."""
        connection = connections[self.model._default_manager.db]
        objects, prefetches = self.compiled(connection)
        found = next(iter(objects.fetch(values, connection)), None)
        if found is not None:
            now = values.get("now") or timezone.now()
            for prefetch in prefetches:
                prefetch.fill(found, now, connection)
        return found
