import pytest
from django.test import Client

from tests import factories


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploads to its own empty folder, never to the real media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached site settings, rate-limit counters and pages never leak from one test to the next."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    def clear():
        # A database-backed cache (axes' fallback) is emptied by each test's rollback, and
        # touching it from a test without database access would be refused.
        from hypogal.pagecache import local_pages

        local_pages.clear()
        for cache in caches.all(initialized_only=True):
            if not isinstance(cache, DatabaseCache):
                cache.clear()

    clear()
    yield
    clear()


@pytest.fixture
def staff_client(db):
    """Its own client, so a test can compare it with the anonymous ``client``."""
    staff = Client()
    staff.force_login(factories.staff_user())
    return staff


@pytest.fixture
def visitor_client(db):
    """Logged in, but not staff."""
    visitor = Client()
    visitor.force_login(factories.visitor_user())
    return visitor


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, test in a file, not in shared-cache memory.

    Shared-cache memory databases answer a second writer with "database table is locked" at
    once instead of waiting, so concurrent-request tests could not run on SQLite; a file lets
    writers wait for each other as they do in production (busy timeout, IMMEDIATE mode).
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = tmp_path_factory.mktemp("db") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)
