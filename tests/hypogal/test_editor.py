"""The markdown editor's preview and upload answer staff only, and reuse the site's pipeline."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hypogal.markdown import render
from tests import factories, images

pytestmark = pytest.mark.django_db

PREVIEW = "/markdownx/markdownify/"
UPLOAD = "/markdownx/upload/"


def upload_file(data=None, name="photo.jpg"):
    return SimpleUploadedFile(name, data or images.jpeg_bytes(), content_type="image/jpeg")


@pytest.mark.parametrize("who", ["anonymous", "visitor"])
def test_preview_and_upload_refuse_non_staff(client, who, media_root):
    if who == "visitor":
        from tests import factories

        client.force_login(factories.visitor_user())
    assert client.post(PREVIEW, {"content": "# hi"}).status_code == 403
    response = client.post(UPLOAD, {"image": upload_file()})
    assert response.status_code == 403
    assert images.files_under(media_root) == []


def test_preview_uses_the_sanitizing_renderer(staff_client):
    response = staff_client.post(
        PREVIEW, {"content": "## Hello\n\n<script>alert(1)</script> [x](javascript:alert(1))"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="hello">' in html
    assert "<script>" not in html and "javascript:" not in html


def test_preview_only_answers_post(staff_client):
    assert staff_client.get(PREVIEW).status_code == 405


def test_preview_is_csrf_protected(db):
    from django.test import Client

    from tests import factories

    client = Client(enforce_csrf_checks=True)
    client.force_login(factories.staff_user())
    assert client.post(PREVIEW, {"content": "x"}).status_code == 403


def test_staff_upload_is_cleaned_and_returns_markdown(staff_client, media_root):
    response = staff_client.post(UPLOAD, {"image": upload_file(images.jpeg_bytes(gps=True))},
                                 headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200
    code = response.json()["image_code"]
    assert code.startswith("![") and "/media/uploads/" in code
    assert response.json()["location_removed"] is True
    stored = images.files_under(media_root)
    assert len(stored) == 2  # the original and its thumbnail (it is narrower than 480 px)
    for path in stored:
        meta = images.metadata_of(path)
        assert meta["gps"] == {} and meta["exif"] == {}


def test_an_uploaded_photo_in_the_text_is_served_with_renditions(staff_client, media_root):
    photo = images.jpeg_bytes(width=2000, height=1000, gps=True)
    response = staff_client.post(UPLOAD, {"image": upload_file(photo)})
    url = response.json()["image_code"].split("(", 1)[1].rstrip(")")
    for path in images.files_under(media_root):
        assert images.metadata_of(path)["gps"] == {}, path
    html = render(f"![My jaw before treatment]({url})").html
    stem = url.rsplit(".", 1)[0]
    assert f'srcset="{stem}.w480.jpg 480w, {stem}.w960.jpg 960w, {stem}.w1600.jpg 1600w, ' in html
    assert f'{url} 2000w"' in html and 'sizes="' in html
    assert 'width="2000" height="1000" loading="lazy"' in html


def test_upload_of_a_non_image_is_refused_and_stores_nothing(staff_client, media_root):
    fake = SimpleUploadedFile("photo.jpg", b"not really a jpeg", content_type="image/jpeg")
    response = staff_client.post(UPLOAD, {"image": fake})
    assert response.status_code == 400
    assert "not an image we can use" in response.json()["image"][0]
    assert images.files_under(media_root) == []


@pytest.mark.django_db(transaction=True)
def test_images_dropped_into_the_text_leave_with_the_last_post_that_uses_them(
    staff_client, media_root
):
    def upload():
        photo = images.jpeg_bytes(width=1200, height=800)
        return staff_client.post(UPLOAD, {"image": upload_file(photo)}).json()["image_code"]

    kept, dropped, shared = upload(), upload(), upload()
    assert len(images.files_under(media_root)) == 12  # each: original, w480, w960, thumb
    story = factories.story(body=f"Before.\n\n{kept}\n\n{dropped}\n\n{shared}")
    other = factories.article(body=f"Also here: {shared}")

    story.body = f"Before.\n\n{kept}\n\n{shared}"  # the author takes one image out
    story.save()
    names = {path.name for path in images.files_under(media_root)}
    dropped_stem = dropped.rsplit("/", 1)[1].split(".")[0]
    assert not any(name.startswith(dropped_stem) for name in names)
    assert len(names) == 8

    story.delete()  # "shared" is still in the article's text
    shared_stem = shared.rsplit("/", 1)[1].split(".")[0]
    assert {p.name.split(".")[0] for p in images.files_under(media_root)} == {shared_stem}
    other.delete()
    assert images.files_under(media_root) == []


@pytest.mark.parametrize("dots", ["..", "%2e%2e", "%2E."])
def test_text_pointing_out_of_uploads_deletes_nothing_when_it_goes(
    media_root, dots, django_capture_on_commit_callbacks
):
    photo = factories.photo(factories.story())
    path = media_root / photo.image.name
    assert path.is_file()
    article = factories.article(body=f"![x](/media/uploads/{dots}/{photo.image.name})")

    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert path.is_file()


def test_a_storys_preview_shows_its_photos_where_the_text_places_them(staff_client, media_root):
    from django.urls import reverse

    story = factories.story()
    factories.photo(story, alt_text="My face before the injections")
    change_page = "http://testserver" + reverse("admin:stories_story_change", args=[story.pk])
    text = "Before the first injection.\n\n[photo 1]\n\nAfter."

    html = staff_client.post(PREVIEW, {"content": text}, HTTP_REFERER=change_page).text
    assert '<figure class="inline-photo' in html and "My face before the injections" in html
    story.refresh_from_db()
    assert "[photo 1]" not in story.body and "Before the first injection" not in story.body

    # From anywhere else (or another site's page), the text alone, as before.
    for referer in ("", "http://elsewhere.example" + change_page[len("http://testserver"):]):
        html = staff_client.post(PREVIEW, {"content": text}, HTTP_REFERER=referer).text
        assert "[photo 1]" in html and "inline-photo" not in html


@pytest.mark.parametrize(
    "referer",
    [
        "http://[::1",
        "http://testserver/admin/stories/story/abc/change/",
        "http://testserver/admin/stories/story/1/",
        "http://testserver/admin/stories/story/99999/change/",
        "http://testserver/admin/stories/series/1/change/",
        "http://testserver/no/such/page/",
    ],
)
def test_a_preview_from_an_odd_referer_is_the_text_alone(staff_client, referer):
    factories.story()
    response = staff_client.post(PREVIEW, {"content": "[photo 1]"}, HTTP_REFERER=referer)
    assert response.status_code == 200 and "[photo 1]" in response.text
