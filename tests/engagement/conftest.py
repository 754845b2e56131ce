import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def engagement_settings(settings):
    """No minimum form time unless a test sets one; rate-limit counters start at zero."""
    settings.HYPOGAL_COMMENT_MIN_SECONDS = 0
    settings.HYPOGAL_AUTHOR_EMAILS = ["author@example.org"]
    cache.clear()
    yield settings
    cache.clear()
