import pytest
from django.test import Client

from tests import factories


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploads to its own empty folder, never to the real media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


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
