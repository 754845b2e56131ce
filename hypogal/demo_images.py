"""Illustrations drawn by load_demo, so the demo has photos without shipping anyone's face."""

import io
import math

from PIL import Image, ImageDraw

SKIN, HAIR, LINE, BACKDROP = (236, 196, 170), (92, 58, 40), (60, 40, 35), (214, 226, 232)


def face(tilt_degrees, width=1200, height=1500):
    """A simple portrait; a tilt pulls the chin to one side, as cervical dystonia can."""
    image = Image.new("RGB", (width, height), BACKDROP)
    draw = ImageDraw.Draw(image)
    cx, cy = width // 2, int(height * 0.45)
    draw.rectangle([cx - 120, cy + 300, cx + 120, height], fill=SKIN)  # neck
    draw.ellipse([cx - 420, cy + 520, cx + 420, height + 400], fill=(120, 150, 170))  # shoulders
    head = Image.new("RGBA", (900, 1100), (0, 0, 0, 0))  # padded, so rotation never clips
    hd = ImageDraw.Draw(head)
    ox = oy = 100
    hd.ellipse([ox + 60, oy + 40, ox + 640, oy + 880], fill=SKIN, outline=LINE, width=6)
    hd.chord([ox + 40, oy, ox + 660, oy + 520], 180, 360, fill=HAIR)
    for ex in (ox + 230, ox + 470):
        hd.ellipse(
            [ex - 40, oy + 380, ex + 40, oy + 430], fill=(255, 255, 255), outline=LINE, width=4
        )
        hd.ellipse([ex - 15, oy + 390, ex + 15, oy + 420], fill=LINE)
    hd.line([ox + 350, oy + 440, ox + 330, oy + 580, ox + 370, oy + 590], fill=LINE, width=5)
    hd.arc([ox + 250, oy + 620, ox + 450, oy + 720], 20, 160, fill=LINE, width=6)
    head = head.rotate(tilt_degrees, resample=Image.Resampling.BICUBIC, center=(450, 800))
    image.paste(head, (cx - 450, cy - 600), head)
    return _jpeg(image)


def window_view(width=1600, height=1000):
    """A waiting-room window: sky, hills and a frame."""
    image = Image.new("RGB", (width, height), (180, 205, 230))
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 8):
        y = int(height * 0.6 + 60 * math.sin(x / 170))
        draw.line([x, y, x, height], fill=(110, 150, 100), width=8)
    draw.ellipse([1150, 120, 1300, 270], fill=(250, 230, 160))
    draw.rectangle([0, 0, width - 1, height - 1], outline=(240, 240, 235), width=40)
    draw.line([width // 2, 0, width // 2, height], fill=(240, 240, 235), width=30)
    return _jpeg(image)


def _jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


DRAWINGS = {"before": lambda: face(14), "after": lambda: face(2), "window": window_view}
