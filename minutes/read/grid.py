"""Page images for OCR: straighten a scan, and find the bands of a ruled table.

Uses Pillow only (the ``ocr`` extra); every step is a whole-image operation in C (rotate,
resize with a box filter as a projection), never a Python loop over pixels.

* ``deskew``: the angle within ±3° whose row projection of dark pixels is sharpest
  (text lines and rules become thin, dark rows when the page is straight).
* ``bands``: the page cut at its horizontal rules (rows at least ``RULE`` dark across);
  a band between two rules that has at least two vertical rules running its whole height
  is a table row, and the x positions of those rules are its cell borders.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Band", "deskew", "bands"]

RULE = 0.5  # a row (or a column within a band) this dark is a rule
_ANGLES = [a / 4 for a in range(-12, 13)]  # ±3° in quarter degrees


@dataclass(slots=True)
class Band:
    y0: int
    y1: int
    cols: list[int]  # cell borders left to right; empty for a band of prose


def _dark(img):
    """Dark pixels as 255 on black, from a grayscale image."""
    return img.point(lambda v: 255 if v < 140 else 0)


def _sharpness(dark) -> float:
    profile = dark.resize((1, dark.height), resample=_box()).tobytes()
    return sum((a - b) ** 2 for a, b in zip(profile, profile[1:]))


def _box():
    from PIL import Image

    return Image.Resampling.BOX


def deskew(img):
    """``img`` (grayscale) rotated straight, white filling the corners."""
    small = _dark(img.resize((max(1, img.width // 4), max(1, img.height // 4)), resample=_box()))
    best, angle = _sharpness(small), 0.0
    for a in _ANGLES:
        if a == 0:
            continue
        s = _sharpness(small.rotate(a, fillcolor=0))
        if s > best * 1.02:
            best, angle = s, a
    if angle == 0.0:
        return img
    # Refine to a tenth of a degree around the best quarter.
    for a in (angle - 0.2, angle - 0.1, angle + 0.1, angle + 0.2):
        s = _sharpness(small.rotate(a, fillcolor=0))
        if s > best:
            best, angle = s, a
    return img.rotate(angle, fillcolor=255, resample=_bicubic())


def _bicubic():
    from PIL import Image

    return Image.Resampling.BICUBIC


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    out, start = [], None
    for i, f in enumerate(flags + [False]):
        if f and start is None:
            start = i
        elif not f and start is not None:
            out.append((start, i))
            start = None
    return out


def bands(img) -> list[Band]:
    """The page as bands top to bottom (see the module's doc). No rules: one prose band."""
    dark = _dark(img)
    rows = dark.resize((1, dark.height), resample=_box()).tobytes()
    rules = [(a + b) // 2 for a, b in _runs([v >= 255 * RULE for v in rows]) if b - a <= 12]
    if len(rules) < 2:
        return [Band(0, img.height, [])]
    out: list[Band] = []
    cuts = [0] + rules + [img.height]
    for y0, y1 in zip(cuts, cuts[1:]):
        if y1 - y0 < 8:
            continue
        cols: list[int] = []
        if y0 in rules and y1 in rules:
            strip = dark.crop((0, y0 + 4, dark.width, y1 - 4))
            prof = strip.resize((strip.width, 1), resample=_box()).tobytes()
            cols = [(a + b) // 2 for a, b in _runs([v >= 255 * 0.85 for v in prof]) if b - a <= 12]
        out.append(Band(y0, y1, cols if len(cols) >= 2 else []))
    return out
