"""The one image pipeline: every stored image (featured images, story photos, editor uploads,
imports) passes through ``sanitize`` before it touches MEDIA_ROOT.

It refuses what Pillow cannot fully decode, what is too big in bytes or pixels (decompression
bombs), and anything that is not a raster photo format (SVG can carry script). It applies the
EXIF orientation to the pixels and re-encodes the image from its pixels alone, so no EXIF (GPS,
camera, maker notes, thumbnails), XMP, IPTC or comment survives in the stored file.
"""

import io
import os
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

# Pillow format -> (stored format, extension). GIF is stored as its first frame in PNG.
FORMATS = {
    "JPEG": ("JPEG", "jpg"),
    "PNG": ("PNG", "png"),
    "WEBP": ("WEBP", "webp"),
    "GIF": ("PNG", "png"),
    # Phones write MPO: a JPEG with extra embedded images (HDR gain map, preview). Only the
    # main picture is kept; the embedded ones go with the rest of the metadata.
    "MPO": ("JPEG", "jpg"),
}
GPS_IFD = 0x8825


@dataclass
class CleanImage:
    content: bytes
    name: str
    width: int
    height: int
    location_removed: bool

    def as_upload(self):
        upload = SimpleUploadedFile(self.name, self.content, content_type=_mime(self.name))
        upload.hypogal_clean = True  # SafeImageField does not sanitize twice
        upload.location_removed = self.location_removed
        return upload


def _mime(name):
    ext = name.rsplit(".", 1)[-1]
    return {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}[ext]


def _read(file):
    if hasattr(file, "seek"):
        file.seek(0)
    limit = settings.HYPOGAL_MAX_UPLOAD_BYTES
    data = file.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            "This image is larger than %(mb)s MB. Please upload a smaller version.",
            code="too_large",
            params={"mb": limit // (1024 * 1024)},
        )
    if not data:
        raise ValidationError("The file is empty.", code="empty")
    return data


def _has_location(image):
    try:
        return bool(image.getexif().get_ifd(GPS_IFD))
    except Exception:  # noqa: BLE001 - a broken EXIF block is dropped anyway
        return False


def sanitize(file, name_hint="image"):
    """Validate and clean an uploaded file; raise ValidationError with a readable message."""
    data = _read(file)
    not_an_image = ValidationError(
        "This file is not an image we can use. Please upload a JPEG, PNG or WebP photo.",
        code="invalid_image",
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            width, height = probe.size
            if fmt not in FORMATS:
                raise not_an_image
            if width * height > settings.HYPOGAL_MAX_IMAGE_PIXELS:
                raise _too_many_pixels(f"{width}×{height} pixels")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # a truncated file fails here
            location = _has_location(image)
            oriented = _in_srgb(ImageOps.exif_transpose(image), image.info.get("icc_profile"))
            out_format, ext = FORMATS[fmt]
            clean = _pixels_only(oriented, out_format)
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        # Pillow's own guard fires while reading the header of a truly enormous image.
        raise _too_many_pixels("enormous") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise not_an_image from None
    buffer = io.BytesIO()
    options = {}
    if out_format == "JPEG":
        options.update(quality=86, optimize=True, progressive=True)
    elif out_format == "WEBP":
        options.update(quality=86)
    clean.save(buffer, out_format, **options)
    stem = _safe_stem(name_hint)
    return CleanImage(
        content=buffer.getvalue(),
        name=f"{stem}-{uuid.uuid4().hex[:8]}.{ext}",
        width=clean.width,
        height=clean.height,
        location_removed=location,
    )


def _too_many_pixels(size):
    limit = settings.HYPOGAL_MAX_IMAGE_PIXELS
    return ValidationError(
        "This image is %(size)s, more than the %(mp)s megapixels allowed. "
        "Please upload a smaller version.",
        code="too_many_pixels",
        params={"size": size, "mp": f"{limit / 1_000_000:g}"},
    )


def _in_srgb(image, icc):
    """The pixels converted to sRGB, the web's own colours, so that no profile need be kept.

    An embedded colour profile is a blob from the camera or the editing app: it can name the
    device or its owner, or carry anything appended to it. A wide-gamut photo (a phone's
    Display P3) keeps its look within sRGB; a profile lcms cannot read is dropped, as before.
    """
    if not icc:
        return image
    if image.mode in ("P", "PA"):  # a palette's colours are what the profile describes
        clear = image.mode == "PA" or "transparency" in image.info
        image = image.convert("RGBA" if clear else "RGB")
    # lcms converts colour, not transparency: a grey image's alpha is set aside and put back.
    alpha = image.getchannel("A") if image.mode == "LA" else None
    colours = image.convert("L") if alpha is not None else image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        output = "RGBA" if colours.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(colours, source, _SRGB, outputMode=output)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


_SRGB = ImageCms.createProfile("sRGB")


def _pixels_only(image, out_format):
    """A new image holding only pixels: nothing from the source's info/EXIF is carried over."""
    mode = image.mode
    if out_format == "JPEG":
        mode = "RGB" if mode not in ("RGB", "L") else mode
    elif mode not in ("RGB", "RGBA", "L", "LA"):
        mode = "RGBA" if "transparency" in image.info or mode in ("P", "PA") else "RGB"
    converted = image.convert(mode)
    fresh = Image.new(mode, converted.size)
    fresh.paste(converted)
    return fresh


def _safe_stem(name):
    from django.utils.text import slugify

    stem = slugify(os.path.splitext(os.path.basename(str(name)))[0])[:40]
    return stem or "image"


# Renditions: smaller copies for phones, made from the already-clean original, so they carry no
# metadata either. Stored beside the original as "<name>.w480.jpg"; the list of what exists is
# kept on the model (a JSON field), so pages build srcset without touching the storage.
RENDITION_WIDTHS = (480, 960, 1600)
THUMBNAIL_BOX = (240, 240)


def rendition_labels():
    return [f"w{width}" for width in RENDITION_WIDTHS] + ["thumb"]


def rendition_name(name, label):
    stem, ext = os.path.splitext(name)
    return f"{stem}.{label}{ext}"


def create_renditions(storage, name):
    """Write the renditions of the stored image ``name``; return {label: {name, width, height}}."""
    with storage.open(name, "rb") as handle, Image.open(handle) as original:
        original.load()
        fmt = original.format
        icc = original.info.get("icc_profile")
        sizes = {}
        for width in RENDITION_WIDTHS:
            if width < original.width:
                height = round(original.height * width / original.width)
                sizes[f"w{width}"] = original.resize((width, height), Image.Resampling.LANCZOS)
        thumb = original.copy()
        thumb.thumbnail(THUMBNAIL_BOX, Image.Resampling.LANCZOS)
        sizes["thumb"] = thumb
        result = {}
        for label, image in sizes.items():
            buffer = io.BytesIO()
            options = {"icc_profile": icc} if icc else {}
            if fmt in ("JPEG", "WEBP"):
                options["quality"] = 82
            image.save(buffer, fmt, **options)
            target = rendition_name(name, label)
            if storage.exists(target):
                storage.delete(target)
            saved = storage.save(target, io.BytesIO(buffer.getvalue()))
            result[label] = {"name": saved, "width": image.width, "height": image.height}
    return result


def delete_files(storage, name, renditions=None):
    """Remove an image and every rendition of it; a file already gone is not an error."""
    if not name:
        return
    names = [name, *(item["name"] for item in (renditions or {}).values())]
    for target in names:
        if storage.exists(target):
            storage.delete(target)


def srcset(storage, name, width, renditions):
    """'url 480w, url 960w, …' ending with the original itself."""
    candidates = sorted(
        (item["width"], storage.url(item["name"]))
        for label, item in (renditions or {}).items()
        if label.startswith("w")
    )
    candidates.append((width, storage.url(name)))
    return ", ".join(f"{url} {w}w" for w, url in candidates)


@dataclass(frozen=True)
class Picture:
    """What a template needs to show a stored image responsively (see includes/picture.html)."""

    src: str
    srcset: str
    width: int
    height: int
    thumb_src: str
    thumb_width: int
    thumb_height: int


def picture(fieldfile, width, height, renditions):
    if not fieldfile:
        return None
    storage, name = fieldfile.storage, fieldfile.name
    renditions = renditions or {}
    # The default src (for browsers without srcset) is a phone-sized rendition, not the original.
    fallback = renditions.get("w960") or renditions.get("w480")
    thumb = renditions.get("thumb") or {"name": name, "width": width, "height": height}
    return Picture(
        src=storage.url(fallback["name"]) if fallback else storage.url(name),
        srcset=srcset(storage, name, width, renditions),
        width=width,
        height=height,
        thumb_src=storage.url(thumb["name"]),
        thumb_width=thumb["width"],
        thumb_height=thumb["height"],
    )
