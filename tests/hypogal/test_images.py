"""The one image pipeline: nothing private survives, nothing unsafe is stored."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hypogal import images as pipeline
from tests import images


def upload(data, name="photo.jpg"):
    return SimpleUploadedFile(name, data, "image/jpeg")


def png_header_only(width, height):
    """A PNG that claims enormous dimensions: the shape of a decompression bomb."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_gps_exif_and_comments_are_removed_and_orientation_applied():
    data = images.jpeg_bytes(width=300, height=200, gps=True, orientation=6)
    before = images.metadata_of(data)
    assert before["gps"] and before["exif"]  # the test file really carries them

    clean = pipeline.sanitize(upload(data))
    after = images.metadata_of(clean.content)
    assert after["gps"] == {} and after["exif"] == {}
    assert after["info_keys"] == set()  # no comment, XMP, IPTC or thumbnail left
    assert after["size"] == (200, 300) == (clean.width, clean.height)
    assert clean.location_removed


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_a_colour_profile_and_whatever_it_carries_are_not_kept(kind, tmp_path):
    from django.core.files.storage import FileSystemStorage
    from PIL import Image, ImageCms

    marker = b"SECRET-Jane-Doe-51.5074N-0.1278W"
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() + marker
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (200, 80, 60)).save(buffer, kind, icc_profile=profile)
    with Image.open(buffer) as sent:
        assert marker in sent.info["icc_profile"]  # PNG stores it compressed

    clean = pipeline.sanitize(upload(buffer.getvalue(), f"photo.{kind.lower()}"))
    storage = FileSystemStorage(location=tmp_path / "stored")
    name = storage.save(clean.name, io.BytesIO(clean.content))
    pipeline.create_renditions(storage, name)
    stored = list((tmp_path / "stored").iterdir())
    assert len(stored) == 4  # the original, w480, w960 and the thumbnail
    for path in stored:
        assert marker not in path.read_bytes(), path.name
        with Image.open(path) as image:
            assert "icc_profile" not in image.info, path.name
            red, green, blue = image.convert("RGB").getpixel((10, 10))
            # Converted from sRGB to sRGB: the colour the reader sees is the colour uploaded.
            assert abs(red - 200) <= 4 and abs(green - 80) <= 4 and abs(blue - 60) <= 4


def test_phone_jpeg_with_an_embedded_image_is_accepted_and_cleaned():
    """Many phones write MPO (a JPEG carrying a second image, e.g. an HDR gain map)."""
    data = images.mpo_bytes(width=300, height=200, orientation=6)
    from PIL import Image

    assert Image.open(io.BytesIO(data)).format == "MPO"  # the test file really is one
    assert images.metadata_of(data)["gps"]
    clean = pipeline.sanitize(upload(data, "phone.jpg"))
    after = images.metadata_of(clean.content)
    assert clean.name.endswith(".jpg") and Image.open(io.BytesIO(clean.content)).format == "JPEG"
    assert after["gps"] == {} and after["exif"] == {} and after["info_keys"] == set()
    assert (clean.width, clean.height) == (200, 300) and clean.location_removed


def test_rotation_really_moves_the_pixels():
    data = images.jpeg_bytes(width=300, height=200, orientation=6)
    from PIL import Image

    clean = Image.open(io.BytesIO(pipeline.sanitize(upload(data)).content))
    # The blue block was top-left; orientation 6 means rotate 90° clockwise: now top-right.
    r, g, b = clean.getpixel((clean.width - 10, 10))
    assert b > 150 and r < 100


def test_photo_without_location_says_so():
    assert not pipeline.sanitize(upload(images.jpeg_bytes(gps=False))).location_removed


BAD_FILES = {
    "renamed text file": (b"Dear diary, this is not a photo.", "not an image we can use"),
    "truncated jpeg": (images.jpeg_bytes(width=400, height=300)[:600], "not an image we can use"),
    "svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
        "not an image we can use",
    ),
    "decompression bomb": (png_header_only(30000, 30000), "megapixels allowed"),
    "empty": (b"", "empty"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_bad_files_are_refused_with_a_clear_message(kind):
    data, message = BAD_FILES[kind]
    with pytest.raises(ValidationError) as error:
        pipeline.sanitize(upload(data))
    assert message in " ".join(error.value.messages)


def test_size_cap_is_configurable(settings):
    settings.HYPOGAL_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        pipeline.sanitize(upload(images.jpeg_bytes(width=400, height=400)))
    assert "larger than" in error.value.messages[0]


def test_pixel_cap_is_configurable(settings):
    settings.HYPOGAL_MAX_IMAGE_PIXELS = 100 * 100
    with pytest.raises(ValidationError):
        pipeline.sanitize(upload(images.jpeg_bytes(width=101, height=100)))
    assert pipeline.sanitize(upload(images.jpeg_bytes(width=100, height=100)))


@pytest.mark.parametrize("mode", ["L", "LA", "P"])
def test_grey_and_palette_images_with_a_profile_keep_their_look_and_transparency(mode):
    from PIL import Image

    grey = Image.new("L", (60, 40), 128)
    if mode == "LA":
        grey = Image.merge("LA", [grey, Image.new("L", (60, 40), 200)])
    elif mode == "P":
        grey = grey.convert("RGB").convert("P", palette=Image.Palette.ADAPTIVE)
    buffer = io.BytesIO()
    grey.save(buffer, "PNG", icc_profile=images.grey_profile(gamma=1.0))

    clean = pipeline.sanitize(upload(buffer.getvalue(), "grey.png"))
    with Image.open(io.BytesIO(clean.content)) as stored:
        assert "icc_profile" not in stored.info
        pixel = stored.convert("RGBA").getpixel((5, 5))
    if mode == "P":
        # A grey profile does not describe a palette's RGB colours: left as they were.
        assert pixel[:3] == (128, 128, 128)
    else:
        assert all(abs(channel - 188) <= 3 for channel in pixel[:3])  # gamma 1.0 → sRGB
    assert pixel[3] == (200 if mode == "LA" else 255)  # transparency kept
