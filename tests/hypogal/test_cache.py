"""The Redis cache backend (run against the real Redis in .ci/run's REDIS_URL pass)."""

import os

import pytest
from django.core.cache import caches

REDIS_URL = os.environ.get("REDIS_URL")
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="the REDIS_URL pass of .ci/run runs this")


def test_the_configured_cache_is_redis_and_shares_one_client():
    cache = caches["default"]
    assert type(cache).__module__ == "hypogal.cache"
    page = {"page": b"<html>"}
    cache.set("hypogal:test", page, 30)
    assert cache.get_many(["hypogal:test", "hypogal:absent"]) == {"hypogal:test": page}
    first, second = cache._cache.get_client(), cache._cache.get_client(write=True)
    assert first is second  # one client for the one server, not a new one per call
    cache.delete("hypogal:test")
    assert cache.get("hypogal:test") is None


def test_an_integer_reads_straight_from_redis_as_django_stored_it():
    cache = caches["default"]
    cache.set("hypogal:test-int", 41, 30)
    cache.incr("hypogal:test-int")
    assert cache.get_int("hypogal:test-int") == 42 == cache.get("hypogal:test-int")
    cache.set("hypogal:test-int", {"not": "a number"}, 30)  # pickled: Django's reader decides
    assert cache.get_int("hypogal:test-int") == {"not": "a number"}
    cache.delete("hypogal:test-int")
    assert cache.get_int("hypogal:test-int", "absent") == "absent"
