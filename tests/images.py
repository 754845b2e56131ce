"""Real image files built in the test, with the metadata a phone would add."""

import io

from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_bytes(width=120, height=80, gps=True, orientation=None, color=(200, 80, 60)):
    image = Image.new("RGB", (width, height), color)
    # A distinct corner so rotation is detectable.
    image.paste((0, 0, 255), (0, 0, width // 4, height // 4))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "PhoneModel 12"  # Model
    if orientation:
        exif[ORIENTATION] = orientation
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"secret comment")
    return buffer.getvalue()


def mpo_bytes(width=300, height=200, orientation=6):
    """A phone JPEG with a second embedded image (Pillow reads it as MPO), GPS and rotation."""
    first = Image.open(io.BytesIO(jpeg_bytes(width, height, gps=True, orientation=orientation)))
    exif = first.getexif()
    buffer = io.BytesIO()
    preview = Image.new("RGB", (width // 4, height // 4), (0, 0, 0))
    first.save(buffer, "MPO", save_all=True, append_images=[preview], exif=exif)
    return buffer.getvalue()


def png_bytes(width=40, height=30):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def metadata_of(path_or_bytes):
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else open(path_or_bytes, "rb").read()
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return {
            "size": image.size,
            "exif": dict(exif),
            "gps": dict(exif.get_ifd(GPS_IFD)),
            "info_keys": set(image.info) - {"icc_profile", "dpi", "jfif", "jfif_version",
                                            "jfif_unit", "jfif_density", "progressive",
                                            "progression"},
        }


def files_under(root):
    return sorted(p for p in root.rglob("*") if p.is_file())


def grey_profile(gamma=1.0):
    """A minimal ICC v2 grey display profile (white point, one gamma curve), built here so the
    tests need no profile files. Gamma 1.0: grey 128 is sRGB 188."""
    import struct

    def fixed(x):
        return struct.pack(">i", round(x * 65536))

    white = fixed(0.9642) + fixed(1.0) + fixed(0.8249)
    name = b"grey\0"
    tags = [
        (b"desc", b"desc" + bytes(4) + struct.pack(">I", len(name)) + name + bytes(79)),
        (b"wtpt", b"XYZ " + bytes(4) + white),
        (b"kTRC", b"curv" + bytes(4) + struct.pack(">IH", 1, round(gamma * 256)) + bytes(2)),
        (b"cprt", b"text" + bytes(4) + b"none\0" + bytes(3)),
    ]
    offset, table, data = 128 + 4 + 12 * len(tags), b"", b""
    for signature, body in tags:
        data += bytes(-(offset + len(data)) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    body = struct.pack(">I", len(tags)) + table + data
    header = (
        struct.pack(">I", 128 + len(body)) + b"lcms" + struct.pack(">I", 0x02100000)
        + b"mntrGRAYXYZ " + bytes(12) + b"acsp" + bytes(24) + bytes(4) + white + bytes(48)
    )
    assert len(header) == 128
    return header + body
