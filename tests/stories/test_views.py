"""Story pages before and after publishing; gallery, comparison, series and cross-links."""

import datetime
import re

import pytest
from django.urls import reverse

from stories.models import Story
from tests import factories, images

pytestmark = pytest.mark.django_db


def test_draft_story_is_invisible_to_visitors_and_previewable_by_staff(client, staff_client):
    condition = factories.condition()
    article = factories.article(conditions=[condition])
    draft = factories.draft_story(title="Not ready yet", conditions=[condition])
    assert client.get(draft.get_absolute_url()).status_code == 404
    pages = [
        reverse("home"),
        reverse("stories:list"),
        condition.get_absolute_url(),
        article.get_absolute_url(),
    ]
    for url in pages:
        assert "Not ready yet" not in client.get(url).text, url
    preview = staff_client.get(draft.get_absolute_url())
    assert preview.status_code == 200 and "Draft — not public" in preview.text


def test_scheduled_story_is_invisible(client):
    later = factories.story(
        published_at=datetime.datetime(2999, 1, 1, tzinfo=datetime.timezone.utc)
    )
    assert client.get(later.get_absolute_url()).status_code == 404
    assert later.title not in client.get(reverse("stories:list")).text


def test_published_story_is_linked_from_everywhere_it_belongs(client):
    condition = factories.condition(name="Cervical dystonia")
    article = factories.article(title="What is cervical dystonia?", conditions=[condition])
    story = factories.story(title="Rocks in my neck", conditions=[condition])
    story.related_articles.set([article])

    for url in [reverse("home"), reverse("stories:list"), condition.get_absolute_url()]:
        assert "Rocks in my neck" in client.get(url).text, url
    article_page = client.get(article.get_absolute_url()).text
    assert (
        "Stories about this condition" in article_page and story.get_absolute_url() in article_page
    )
    story_page = client.get(story.get_absolute_url()).text
    assert article.get_absolute_url() in story_page and "Cervical dystonia" in story_page


def test_a_story_pointing_to_an_overview_is_linked_back_from_it(client):
    """"Related articles" goes both ways, even when the two share no condition."""
    article = factories.article(title="What is Sheehan's syndrome?")
    story = factories.story(title="The tiredness nobody explained")
    draft = factories.story(title="Not yet", status="draft")
    story.related_articles.set([article])
    draft.related_articles.set([article])
    page = client.get(article.get_absolute_url()).text
    assert "Stories about this condition" in page and story.get_absolute_url() in page
    assert "Not yet" not in page


def test_gallery_serves_renditions_with_srcset_sizes_and_lazy_loading(client):
    story = factories.story()
    factories.photo(
        story,
        image=images.jpeg_bytes(width=2000, height=1500, gps=False),
        caption="At the clinic",
        taken_on=datetime.date(2024, 5, 2),
    )
    html = client.get(story.get_absolute_url()).text
    img = re.search(r'<figure id="photo-1">\s*(<img[^>]+>)', html).group(1)
    assert re.search(r"\.w480\.jpg 480w, .+\.w960\.jpg 960w, .+\.w1600\.jpg 1600w, .+ 2000w", img)
    assert 'sizes="' in img and 'width="2000"' in img and 'height="1500"' in img
    assert 'loading="lazy"' in img and 'alt="Photo' in img
    assert ".w960.jpg" in re.search(r'src="([^"]+)"', img).group(
        1
    )  # the default is not the original
    assert "At the clinic" in html and "2 May 2024" in html


def test_before_and_after_are_shown_side_by_side(client):
    story = factories.story()
    factories.photo(story, stage="before", alt_text="Jaw pulled to the left", position=1)
    factories.photo(story, stage="after", alt_text="Jaw nearly straight", position=2)
    html = client.get(story.get_absolute_url()).text
    comparison = html[html.index('class="comparison"') :]
    comparison = comparison[: comparison.index("</section>")]
    assert comparison.index("Before treatment") < comparison.index("After treatment")
    assert "Jaw pulled to the left" in comparison and "Jaw nearly straight" in comparison


def test_each_photo_is_shown_once_where_it_belongs(client):
    # The text's photos, then the pair side by side, then the gallery showed every photo again:
    # six images (and six alt texts read aloud) for three photos.
    story = factories.story(body="Before:\n\n[photo 1]\n\nAfter:\n\n[photo 2]")
    factories.photo(story, stage="before", alt_text="Jaw pulled to the left", position=1)
    factories.photo(story, stage="after", alt_text="Jaw nearly straight", position=2)
    factories.photo(story, alt_text="The waiting room", position=3)
    story.refresh_from_db()
    story.save()  # the text's photos are placed when the story is saved with its photos
    html = client.get(story.get_absolute_url()).text
    for alt in ("Jaw pulled to the left", "Jaw nearly straight", "The waiting room"):
        assert html.count(f'alt="{alt}"') == 1, alt
    assert 'class="comparison"' not in html  # the pair is already in the text
    assert re.search(r'<figure id="photo-3">\s*<img[^>]+alt="The waiting room"', html)

    # Only one of the pair in the text: the pair is still shown side by side.
    story.body = "Before:\n\n[photo 1]"
    story.save()
    html = client.get(story.get_absolute_url()).text
    assert 'class="comparison"' in html and 'id="photo-1"' not in html
    assert 'id="photo-2"' not in html and 'id="photo-3"' in html


def test_no_comparison_without_a_pair(client):
    story = factories.story()
    factories.photo(story, stage="before")
    assert 'class="comparison"' not in client.get(story.get_absolute_url()).text


def test_photo_tag_places_a_photo_inside_the_body(client):
    story = factories.story(body="Before the injection:\n\n[photo 2]\n\nAnd [photo 9] stays text.")
    factories.photo(story, alt_text="First", position=1)
    factories.photo(
        story, alt_text='Second "quoted" <b>', caption="In the waiting room", position=2
    )
    story.refresh_from_db()
    body = story.body_html
    assert '<figure class="inline-photo">' in body
    assert 'alt="Second &quot;quoted&quot; &lt;b&gt;"' in body
    assert "In the waiting room" in body and "[photo 9]" in body
    assert body in client.get(story.get_absolute_url()).text


def test_series_shows_previous_and_next_published_parts(client):
    series = factories.series(title="My cervical dystonia journey")
    one = factories.story(title="Part one", series=series, series_part=1)
    two = factories.story(title="Part two", series=series, series_part=2)
    factories.draft_story(title="Part three draft", series=series, series_part=3)
    html = client.get(two.get_absolute_url()).text
    assert "My cervical dystonia journey, part 2" in html
    assert f'rel="prev" href="{one.get_absolute_url()}"' in html
    assert "Part three draft" not in html
    assert 'rel="next"' in client.get(one.get_absolute_url()).text


def test_story_list_is_newest_first_and_paginated(client):
    now = datetime.datetime.now(datetime.timezone.utc)
    for days in range(11):
        factories.story(
            title=f"Story {days:02d} days", published_at=now - datetime.timedelta(days=days + 1)
        )
    first = client.get(reverse("stories:list")).text
    assert first.index("Story 00 days") < first.index("Story 09 days")
    assert "Story 10 days" in client.get(reverse("stories:list") + "?page=2").text


@pytest.mark.parametrize("size", [1, 12])
def test_story_page_query_count_is_fixed(client, django_assert_max_num_queries, size):
    series = factories.series()
    conditions = [factories.condition() for _ in range(size)]
    articles = [factories.article(conditions=conditions) for _ in range(size)]
    stories = [
        factories.story(conditions=conditions, series=series, series_part=n + 1)
        for n in range(size)
    ]
    story = stories[0]
    story.related_articles.set(articles)
    for n in range(size):
        factories.photo(story, stage=["before", "after", ""][n % 3])
        parent = factories.comment(story)
        factories.comment(story, parent=parent)
        factories.like(story)
    # story (+ series, like and comment counts), conditions, related articles, photos;
    # previous and next part; related reading (2); site settings (cached after the first
    # request); the approved comments.
    with django_assert_max_num_queries(11):
        assert client.get(story.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("size", [1, 12])
def test_home_list_and_condition_query_counts_are_fixed(
    client, django_assert_max_num_queries, size
):
    conditions = [factories.condition() for _ in range(size)]
    for _ in range(size):
        factories.story(conditions=conditions)
        factories.article(conditions=conditions)
    for story in Story.objects.all():
        for _ in range(size):
            factories.like(story)
    for url, limit in [
        (reverse("home"), 8),  # as the article list test, + most liked stories
        (reverse("stories:list"), 4),
        (conditions[0].get_absolute_url(), 6),
    ]:
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200, url
