"""The author's site settings: read once per page, and a saved change shows on the next one."""

from unittest import mock

import pytest

from hypogal import models
from hypogal.models import SiteSettings
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_post_page_reads_the_settings_from_the_cache_once(client):
    article = factories.article(title="Botox, round two")
    client.get(article.get_absolute_url())  # fills the settings cache
    reads = []
    real_get = models.cache.get

    def counting_get(key, *args, **kwargs):
        if key == models.CACHE_KEY:
            reads.append(key)
        return real_get(key, *args, **kwargs)

    with mock.patch.object(models.cache, "get", counting_get):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    # The header, footer and the search-engine data all use it; one round trip serves them.
    assert len(reads) == 1


def test_saved_settings_show_on_the_next_page(client):
    article = factories.article(title="Botox, round two")
    client.get(article.get_absolute_url())
    settings = SiteSettings.current()
    settings.author_name = "Jo, who writes here"
    settings.author_bio = "Living with cervical dystonia since 2019."
    settings.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Jo, who writes here" in html
    assert "Living with cervical dystonia since 2019." in html


def test_a_reader_during_the_save_does_not_keep_the_old_settings(
    client, django_capture_on_commit_callbacks
):
    SiteSettings.objects.create(tagline="Old tagline")
    with django_capture_on_commit_callbacks(execute=True):
        settings = SiteSettings.current()
        settings.tagline = "New tagline"
        settings.save()
        # A reader between the save and the commit still sees the committed, old row, and
        # caches it.
        models.cache.set(models.CACHE_KEY, SiteSettings(tagline="Old tagline"), 3600)
    page = client.get("/").content.decode()
    assert "New tagline" in page
    assert "Old tagline" not in page
