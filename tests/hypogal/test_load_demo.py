import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Condition, Source
from stories.models import Photo, Story
from tests import images

pytestmark = pytest.mark.django_db


def counts():
    return (
        Condition.objects.count(),
        Article.objects.count(),
        Article.objects.published().count(),
        Source.objects.count(),
        Article.conditions.through.objects.count(),
        Story.objects.published().count(),
        Photo.objects.count(),
    )


@pytest.mark.django_db(transaction=True)
def test_demo_content_loads_once_however_often_it_runs(capsys, media_root):
    call_command("load_demo")
    first, files = counts(), images.files_under(media_root)
    call_command("load_demo")
    assert counts() == first
    assert images.files_under(media_root) == files  # no image is stored twice
    conditions, articles, published, sources, links, stories, photos = first
    assert conditions == 3 and published >= 3 and articles > published and sources >= 6
    assert stories >= 2 and photos >= 3
    assert "Demo content ready" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_running_it_again_keeps_the_authors_edits(media_root):
    """`make run` loads the demo every time: what the author changed since must survive it."""
    call_command("load_demo")
    article = Article.objects.published().first()
    article.title = "My own title"
    article.status = Article.Status.DRAFT
    article.save()
    article.sources.first().delete()
    story = Story.objects.published().first()
    story.status = Story.Status.DRAFT
    story.save()
    story.photos.first().delete()
    sources, photos = Source.objects.count(), Photo.objects.count()
    call_command("load_demo")
    article.refresh_from_db()
    story.refresh_from_db()
    assert (article.title, article.status) == ("My own title", Article.Status.DRAFT)
    assert story.status == Story.Status.DRAFT
    assert (Source.objects.count(), Photo.objects.count()) == (sources, photos)


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


def test_demo_stories_have_photos_and_a_before_after_pair(client):
    call_command("load_demo")
    story = Story.objects.get(slug="rocks-in-my-neck")
    page = client.get(story.get_absolute_url()).text
    assert 'class="comparison"' in page and 'class="inline-photo"' in page
    assert "three-months-after-the-first-injections" in page  # the series' next part
    assert client.get(reverse("home")).text.count("/stories/") >= 3
