"""The markdown editor's preview and upload answer staff only, and reuse the site's pipeline."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import images

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
    [stored] = images.files_under(media_root)
    meta = images.metadata_of(stored)
    assert meta["gps"] == {} and meta["exif"] == {}


def test_upload_of_a_non_image_is_refused_and_stores_nothing(staff_client, media_root):
    fake = SimpleUploadedFile("photo.jpg", b"not really a jpeg", content_type="image/jpeg")
    response = staff_client.post(UPLOAD, {"image": fake})
    assert response.status_code == 400
    assert "not an image we can use" in response.json()["image"][0]
    assert images.files_under(media_root) == []
