"""Story and article invariants: refused by full_clean() with a readable message, and by the
database itself when something skips the form."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.models import Article
from stories.models import Story
from tests import factories, images

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"series_part": 3}, "series_part", "Choose the series this is a part of"),
        ({"series_part": 0, "with_series": True}, "series_part", "Give this story its part number"),
        ({"title": ""}, "title", "This field cannot be blank."),
    ],
)
def test_a_story_that_breaks_an_invariant_is_refused_both_ways(change, field, message):
    change = dict(change)
    story = factories.story()
    if change.pop("with_series", False):
        story.series = factories.series()
    for name, value in change.items():
        setattr(story, name, value)
    with pytest.raises(ValidationError) as refused:
        story.full_clean()
    assert any(message in text for text in refused.value.message_dict[field])
    with pytest.raises(IntegrityError), transaction.atomic():
        Story.objects.filter(pk=story.pk).update(series=story.series, **change)


def test_an_article_image_without_a_description_is_refused_both_ways(media_root):
    (media_root / "articles").mkdir()
    (media_root / "articles" / "photo.jpg").write_bytes(images.jpeg_bytes())
    article = factories.article(featured_image_alt="")
    article.featured_image = "articles/photo.jpg"
    with pytest.raises(ValidationError) as refused:
        article.full_clean(exclude=["featured_image"])
    messages = " ".join(refused.value.message_dict["featured_image_alt"])
    assert "Describe the featured image" in messages
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(featured_image="articles/photo.jpg")


def test_a_taken_part_number_is_refused_next_to_the_number():
    series = factories.series()
    factories.story(series=series, series_part=2)
    second = factories.story()
    second.series, second.series_part = series, 2
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    assert refused.value.message_dict["series_part"] == [
        "Another story is already part 2 of this series. Choose another number."
    ]
    assert "__all__" not in refused.value.message_dict


def test_deleting_a_series_keeps_its_stories_outside_any_series(staff_client):
    from django.urls import reverse

    series = factories.series()
    first = factories.story(series=series, series_part=1)
    factories.story(series=series, series_part=2)
    delete_page = reverse("admin:stories_series_delete", args=[series.pk])
    assert staff_client.post(delete_page, {"post": "yes"}).status_code == 302
    first.refresh_from_db()
    assert (first.series, first.series_part) == (None, None)
    assert Story.objects.count() == 2

    # The changelist's bulk delete, too.
    other = factories.series()
    factories.story(series=other, series_part=1)
    changelist = reverse("admin:stories_series_changelist")
    staff_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [other.pk], "post": "yes"}
    )
    assert not Story.objects.exclude(series_part=None).exists()
