"""Scans made here from our own PDFs (tests/pdfdata.py): a page rendered at 200 dpi, then degraded as a
scanner and a photocopier do (skew, blur, specks, JPEG), deterministically (seeded)."""

from __future__ import annotations

import io
import random
import re
from difflib import SequenceMatcher
from pathlib import Path


def page_image(pdf: Path, index: int, dpi: int = 200):
    """Page ``index`` (0-based) of ``pdf`` as a grayscale Pillow image."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[index]
        return page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()


def degrade(img, *, skew: float = 0.4, blur: float = 0.5, specks: float = 0.002, jpeg: int = 75, seed: int = 3):
    """A light scan: turned by ``skew`` degrees, blurred, dark specks on a fraction of the
    pixels, saved as JPEG at ``jpeg`` quality."""
    from PIL import Image, ImageChops, ImageFilter

    img = img.rotate(skew, fillcolor=255, resample=Image.Resampling.BICUBIC, expand=False)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    if specks:
        rnd = random.Random(seed)
        cut = int(256 * specks)
        noise = Image.frombytes("L", img.size, rnd.randbytes(img.width * img.height))
        img = ImageChops.darker(img, noise.point(lambda v: 60 if v < cut else 255))
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=jpeg)
    return buf.getvalue()


def encode(img, fmt: str) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt)
    return buf.getvalue()


_NOT_LETTER = re.compile(r"[^\w]|[\d_]")


def letters(text: str) -> str:
    """Letters only: what letter accuracy compares (spacing, punctuation and digits aside)."""
    return _NOT_LETTER.sub("", text.replace("ي", "ی").replace("ك", "ک"))


def similarity(a: str, b: str) -> float:
    """Letter similarity of two texts, 0–1 (difflib's ratio over their letters)."""
    return SequenceMatcher(None, letters(a), letters(b), autojunk=False).ratio()


# Latin-1 text as an old Iranian 8-bit font's text layer extracts (invented lines, not a real
# mapping): what a legacy-font PDF gives a text extractor while its glyphs show Persian.
LEGACY_LINES = ["ÕæÑÊÌáÓå ÔæÑÇí åãÇå˜í", "ÇÏÇÑå ˜á ÊÚÇæä ¡ ˜ÇÑ æ ÑÝÇå ÇÌÊãÇÚí", "ãÕæÈÇÊ ÌáÓå ÔÔã"]


def with_legacy_layer(image_pdf: Path, target: Path) -> None:
    """``image_pdf`` (one page, an image) with an invisible Latin-1 text layer over it."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(image_pdf)
    page = doc[0]
    for n, line in enumerate(LEGACY_LINES):
        obj = raw.FPDFPageObj_NewTextObj(doc.raw, b"Helvetica", 12.0)
        raw.FPDFText_SetText(obj, (ctypes.c_ushort * (len(line) + 1))(*map(ord, line), 0))
        raw.FPDFTextObj_SetTextRenderMode(obj, raw.FPDF_TEXTRENDERMODE_INVISIBLE)
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 60, 780 - 20 * n)
        raw.FPDFPage_InsertObject(page.raw, obj)
    raw.FPDFPage_GenerateContent(page.raw)
    doc.save(target)
