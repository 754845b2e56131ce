"""Photos: every stored file (original and renditions) is clean; files never outlive their row."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from stories.models import Photo
from tests import factories, images

pytestmark = pytest.mark.django_db(transaction=True)  # files are removed on commit


def phone_photo():
    """A 1800×1000 phone JPEG with GPS, camera data and orientation 6 (to be rotated)."""
    return images.jpeg_bytes(width=1800, height=1000, gps=True, orientation=6)


def test_original_and_every_rendition_carry_no_metadata_and_are_rotated(media_root):
    photo = factories.photo(factories.story(), image=phone_photo())
    assert photo.location_removed
    assert (photo.width, photo.height) == (1000, 1800)
    stored = images.files_under(media_root)
    assert len(stored) == 1 + len(photo.renditions)
    assert set(photo.renditions) == {"w480", "w960", "thumb"}  # no upscaling past 1000 px
    for path in stored:
        meta = images.metadata_of(path)
        assert meta["gps"] == {} and meta["exif"] == {}, path
        assert meta["info_keys"] == set(), path
        width, height = meta["size"]
        assert height > width, f"{path} is not rotated"
    assert images.metadata_of(photo.image.path)["size"] == (1000, 1800)
    assert photo.renditions["w480"]["width"] == 480


def test_model_save_without_a_form_also_cleans():
    story = factories.story()
    photo = Photo.objects.create(
        story=story,
        image=SimpleUploadedFile("a.jpg", images.jpeg_bytes(gps=True), "image/jpeg"),
        alt_text="Me",
    )
    assert images.metadata_of(photo.image.path)["gps"] == {}


def test_alt_text_is_required_by_validation_and_by_the_database(media_root):
    story = factories.story()
    photo = Photo(story=story, alt_text="   ")
    with pytest.raises(ValidationError) as error:
        photo.full_clean()
    assert "alt_text" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.photo(story, alt_text="  ", image=phone_photo())
    assert images.files_under(media_root) == []  # the refused row left no file behind
    assert not Photo.objects.exists()


def test_deleting_a_photo_removes_its_files(media_root):
    photo = factories.photo(factories.story(), image=phone_photo())
    assert images.files_under(media_root)
    photo.delete()
    assert images.files_under(media_root) == []


def test_deleting_a_story_removes_all_its_photos_files(media_root):
    story = factories.story()
    factories.photo(story, image=phone_photo())
    factories.photo(story)
    story.delete()
    assert images.files_under(media_root) == []


def test_replacing_an_image_leaves_no_orphans(media_root):
    photo = factories.photo(factories.story(), image=phone_photo())
    photo.image = SimpleUploadedFile(
        "new.jpg", images.jpeg_bytes(width=600, height=400), "image/jpeg"
    )
    photo.save()
    stored = images.files_under(media_root)
    assert len(stored) == 1 + len(photo.renditions)
    assert all("new" in path.name for path in stored)
