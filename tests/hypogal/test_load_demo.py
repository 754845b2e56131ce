import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Condition, Source

pytestmark = pytest.mark.django_db


def counts():
    return (
        Condition.objects.count(),
        Article.objects.count(),
        Article.objects.published().count(),
        Source.objects.count(),
        Article.conditions.through.objects.count(),
    )


def test_demo_content_loads_once_however_often_it_runs(capsys):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    conditions, articles, published, sources, links = first
    assert conditions == 3 and published >= 3 and articles > published and sources >= 6
    assert "Demo content ready" in capsys.readouterr().out


def test_demo_content_fills_every_page(client):
    call_command("load_demo")
    overview = Article.objects.get(slug="what-is-cervical-dystonia")
    page = client.get(overview.get_absolute_url()).text
    assert "What causes cervical dystonia?" in page and 'class="toc"' in page
    for url in [reverse("home"), reverse("articles:list")]:
        assert "What is cervical dystonia?" in client.get(url).text
    for condition in Condition.objects.all():
        assert condition.articles.published().exists()
        assert client.get(condition.get_absolute_url()).status_code == 200
