"""The author adds a story with photos in the admin, publishes it, and readers see it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stories.models import Story
from tests import factories, images
from tests.hypogal.test_images import BAD_FILES

pytestmark = pytest.mark.django_db(transaction=True)

ADD = reverse("admin:stories_story_add")


def story_form(photos, **overrides):
    data = {
        "title": "Rocks in my neck",
        "slug": "rocks-in-my-neck",
        "summary": "The day the pain specialist photographed my face.",
        "body": "I tell the pain specialist there must be rocks in my neck.\n\n[photo 1]",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "series": "",
        "series_part": "",
        "photos-TOTAL_FORMS": str(len(photos)),
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    for index, photo in enumerate(photos):
        for key, value in photo.items():
            data[f"photos-{index}-{key}"] = value
    data.update(overrides)
    return data


def photo_fields(n, data=None, **overrides):
    return {
        "image": SimpleUploadedFile(
            f"IMG_{n}.jpg", images.jpeg_bytes(gps=False) if data is None else data, "image/jpeg"
        ),
        "alt_text": f"Photo {n}: my face, jaw pulled to the left",
        "caption": f"Caption {n}",
        "taken_on": "2024-05-02",
        "stage": "",
        "position": str(n),
        **overrides,
    }


def test_author_adds_a_story_with_three_photos_and_publishes_it(staff_client, client):
    photos = [
        photo_fields(1, stage="before"),
        photo_fields(2, data=images.jpeg_bytes(gps=True, orientation=6)),
        photo_fields(3, stage="after"),
    ]
    response = staff_client.post(ADD, story_form(photos), follow=True)
    assert response.status_code == 200
    story = Story.objects.get(slug="rocks-in-my-neck")
    assert story.photos.count() == 3
    messages = [str(m) for m in response.context["messages"]]
    assert any("Location (GPS) data was found in 1 photo(s) and removed" in m for m in messages)

    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    assert "rocks in my neck" in page.text
    assert page.text.count("jaw pulled to the left") >= 4  # inline, comparison, gallery
    assert 'class="comparison"' in page.text

    change = staff_client.get(reverse("admin:stories_story_change", args=[story.pk])).text
    assert ".thumb.jpg" in change  # thumbnails in the inline
    assert "Location data was found and removed" in change


def test_photo_without_alt_text_is_refused_and_nothing_is_stored(staff_client, media_root):
    response = staff_client.post(ADD, story_form([photo_fields(1, alt_text="")]))
    assert response.status_code == 200
    assert "This field is required" in response.text
    assert Story.objects.count() == 0
    assert images.files_under(media_root) == []


def test_bad_photo_file_is_refused_with_a_message(staff_client, media_root):
    fake = photo_fields(1, data=b"<svg onload=alert(1)></svg>")
    response = staff_client.post(ADD, story_form([fake]))
    assert response.status_code == 200
    assert "not an image we can use" in response.text
    assert Story.objects.count() == 0
    assert images.files_under(media_root) == []


def test_series_part_is_required_within_a_series(staff_client):
    series = factories.series()
    response = staff_client.post(ADD, story_form([], series=str(series.pk)))
    assert response.status_code == 200
    assert "Give this story its part number" in response.text


BAD = {
    **{kind: data for kind, (data, _) in BAD_FILES.items()},
    "too large": images.jpeg_bytes(width=900, height=900),
}


@pytest.mark.parametrize("kind", BAD)
def test_each_bad_file_is_refused_in_the_photo_inline_and_leaves_nothing(
    staff_client, media_root, settings, kind
):
    settings.HYPOGAL_MAX_UPLOAD_BYTES = 4_000  # "too large" is bigger; the other files smaller
    response = staff_client.post(ADD, story_form([photo_fields(1, data=BAD[kind])]))
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors[0]
    assert errors.get("image"), errors
    assert Story.objects.count() == 0
    assert images.files_under(media_root) == []


def test_the_story_list_asks_the_same_queries_for_5_or_40_stories(staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    changelist = reverse("admin:stories_story_changelist")

    def queries_for(count):
        while Story.objects.count() < count:
            factories.story(series=factories.series(), series_part=1)
        staff_client.get(changelist)  # per-process lookups (content types) out of the count
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(changelist).status_code == 200
        return len(queries)

    assert queries_for(5) == queries_for(40)


def test_a_part_number_without_a_series_or_already_taken_is_refused_on_the_number(staff_client):
    response = staff_client.post(ADD, story_form([], series_part="3"))
    assert response.status_code == 200
    assert "Choose the series this is a part of" in " ".join(
        response.context["adminform"].form.errors["series_part"]
    )
    series = factories.series()
    factories.story(series=series, series_part=1)
    response = staff_client.post(ADD, story_form([], series=str(series.pk), series_part="1"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["series_part"] == [
        "Another story is already part 1 of this series. Choose another number."
    ]
    assert not Story.objects.filter(slug="rocks-in-my-neck").exists()


def test_a_good_photo_sent_with_a_bad_one_asks_to_be_chosen_again(staff_client, media_root):
    good, bad = photo_fields(1), photo_fields(2, data=b"not an image at all")
    response = staff_client.post(ADD, story_form([good, bad]))
    assert response.status_code == 200
    first, second = response.context["inline_admin_formsets"][0].formset.errors
    assert "choose it again" in " ".join(first["image"])
    assert "not an image" in " ".join(second["image"]) and "choose it again" not in " ".join(
        second["image"]
    )
    # Her words are all still there, the good photo's description too.
    assert "Photo 1: my face, jaw pulled to the left" in response.text
    assert Story.objects.count() == 0 and images.files_under(media_root) == []
