"""Related reading, and the condition hubs that list everything about a condition."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def related_titles(client, post):
    return [item.title for item in client.get(post.get_absolute_url()).context["related_reading"]]


def days_ago(n):
    return timezone.now() - timedelta(days=n)


def test_shared_conditions_first_then_newest_never_self_never_drafts(client):
    dystonia, other = factories.condition(), factories.condition()
    page = factories.article(title="Page", conditions=[dystonia], published_at=days_ago(9))
    factories.article(title="Same condition guide", conditions=[dystonia], published_at=days_ago(8))
    factories.draft_article(title="Draft same condition", conditions=[dystonia])
    factories.scheduled_article(title="Scheduled same condition", conditions=[dystonia])
    factories.article(title="Newest unrelated", conditions=[other], published_at=days_ago(1))
    factories.story(title="Older unrelated", published_at=days_ago(5))
    factories.article(title="Oldest unrelated", published_at=days_ago(30))

    assert related_titles(client, page) == [
        "Same condition guide",
        "Newest unrelated",
        "Older unrelated",
    ]


def test_at_most_three_and_both_kinds(client):
    condition = factories.condition()
    story = factories.story(conditions=[condition], published_at=days_ago(10))
    for n in range(3):
        factories.article(title=f"Guide {n}", conditions=[condition], published_at=days_ago(n + 1))
    titles = related_titles(client, story)
    assert titles == ["Guide 0", "Guide 1", "Guide 2"]
    html = client.get(story.get_absolute_url()).text
    assert "Related reading" in html and "Condition guides" in html


def test_conditions_index_lists_every_condition_with_public_counts(
    client, django_assert_max_num_queries
):
    dystonia = factories.condition(name="Cervical dystonia")
    factories.condition(name="Relapsing polychondritis")
    factories.article(conditions=[dystonia])
    factories.article(conditions=[dystonia])
    factories.draft_article(conditions=[dystonia])
    factories.story(conditions=[dystonia])
    factories.draft_story(conditions=[dystonia])
    with django_assert_max_num_queries(2):
        response = client.get(reverse("conditions"))
    counts = {c.name: (c.article_count, c.story_count) for c in response.context["conditions"]}
    assert counts == {"Cervical dystonia": (2, 1), "Relapsing polychondritis": (0, 0)}
    assert "2 overviews, 1 story" in response.text and "0 overviews, 0 stories" in response.text


def test_condition_hub_shows_the_newest_and_links_to_the_full_lists(
    client, django_assert_max_num_queries
):
    condition = factories.condition(name="Cervical dystonia")
    other = factories.article(title="Other condition guide")
    for n in range(14):
        factories.article(
            title=f"Guide {n:02d}", conditions=[condition], published_at=days_ago(n + 1)
        )
    factories.story(title="Only story", conditions=[condition])
    with django_assert_max_num_queries(6):
        page = client.get(condition.get_absolute_url()).text
    assert "Guide 00" in page and "Guide 11" in page and "Guide 12" not in page
    assert f'href="/articles/?condition={condition.slug}"' in page
    assert "/stories/?condition=" not in page  # one story: nothing more to see

    full = client.get(f"/articles/?condition={condition.slug}")
    assert "Condition guides about Cervical dystonia" in full.text
    assert "Other condition guide" not in full.text and "Guide 09" in full.text
    assert f'href="?condition={condition.slug}&amp;page=2"' in full.text
    assert "Guide 13" in client.get(f"/articles/?condition={condition.slug}&page=2").text
    assert client.get("/articles/?condition=nope").status_code == 404
    assert other.title in client.get("/articles/").text


def test_the_links_query_is_built_once_and_still_judges_by_the_present_moment(
    client, monkeypatch
):
    """Built once per process with stand-ins (hypogal/related.py): each page swaps in its own."""
    from hypogal import related

    condition = factories.condition()
    first = factories.article(conditions=[condition], published_at=days_ago(3))
    second = factories.article(conditions=[condition], published_at=days_ago(2))
    soon = timezone.now() + timedelta(hours=1)
    factories.article(title="Soon", conditions=[condition], published_at=soon)
    assert related_titles(client, first) == [second.title]
    assert related_titles(client, second) == [first.title]  # the other page's own post left out
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(related.timezone, "now", lambda: later)
    assert related_titles(client, first) == ["Soon", second.title]


def test_the_links_query_is_built_once_per_kind_of_post(client, monkeypatch):
    from hypogal import related

    related._prepared_for.cache_clear()
    built = []
    real_prepare = related._prepare
    monkeypatch.setattr(related, "_prepare", lambda *a: built.append(a[0]) or real_prepare(*a))
    for post in (factories.article(), factories.article(), factories.story()):
        related_titles(client, post)
    assert [model.__name__ for model in built] == ["Article", "Story"]


def test_a_post_both_sharing_a_condition_and_newest_is_listed_once(client):
    dystonia = factories.condition()
    page = factories.article(title="Page", conditions=[dystonia], published_at=days_ago(9))
    factories.article(title="Newest, same", conditions=[dystonia], published_at=days_ago(1))
    factories.story(title="Unrelated", published_at=days_ago(5))
    factories.article(title="Older unrelated", published_at=days_ago(7))
    assert related_titles(client, page) == ["Newest, same", "Unrelated", "Older unrelated"]


def test_a_story_about_the_condition_that_also_points_here_is_listed_once(client):
    dystonia = factories.condition()
    page = factories.article(conditions=[dystonia])
    story = factories.story(title="Both ways", conditions=[dystonia])
    story.related_articles.set([page])
    shown = client.get(page.get_absolute_url()).context["condition_stories"]
    assert [s.title for s in shown] == ["Both ways"]


def test_a_post_the_page_links_elsewhere_is_not_repeated_in_related_reading(client):
    # Tired readers scrolled past the same links twice; a screen reader read them twice.
    dystonia = factories.condition()
    page = factories.article(title="Page", conditions=[dystonia], published_at=days_ago(9))
    factories.story(title="Her story", conditions=[dystonia], published_at=days_ago(1))
    for n in range(4):
        factories.article(title=f"Guide {n}", published_at=days_ago(n + 2))
    html = client.get(page.get_absolute_url()).text
    assert html.count(">Her story<") == 1  # under "Stories about this condition" only
    assert related_titles(client, page) == ["Guide 0", "Guide 1", "Guide 2"]  # still three

    # A story: its series' parts and the overviews it names are not repeated either.
    series = factories.series()
    one = factories.story(title="Part one", series=series, series_part=1, published_at=days_ago(3))
    two = factories.story(title="Part two", series=series, series_part=2, published_at=days_ago(2))
    two.related_articles.set([page])
    html = client.get(two.get_absolute_url()).text
    assert html.count(f'href="{one.get_absolute_url()}"') == 1
    assert html.count(f'href="{page.get_absolute_url()}"') == 1
    assert len(related_titles(client, two)) == 3
