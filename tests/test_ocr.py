"""Scans: pages of our seed-003 PDF (printed in the set-up, conftest's ``pdf_fixtures``)
rendered at 200 dpi and lightly degraded (tests/scan.py), read back by Tesseract's Persian
model (``make test`` installs it).

What is checked: letter accuracy against the PDF's own text layer, the meeting line's date
and digits, a ruled resolution table read as rows with cells right to left, image-only PDF
pages sent to OCR automatically, ``--ocr never``, a missing Tesseract (one line, exit 2),
multi-page TIFF, image bombs and damaged images.
"""

from __future__ import annotations

import io
import subprocess
import sys
from functools import lru_cache

import pytest

import minutes
from minutes.errors import InputError
from minutes.read import ocr
from minutes.read.readers import read_any, read_bytes

from scan import LEGACY_LINES, degrade, encode, page_image, similarity, with_legacy_layer

TABLE_PAGE = 13  # 0-based: the page with the resolutions table's first rows


@pytest.fixture(scope="module")
def pdf(pdf_fixtures):
    return pdf_fixtures["seed003_nazli.pdf"]


@lru_cache(maxsize=None)
def text_layer(pdf) -> tuple[list[str], list]:
    doc = read_any(pdf)
    return [ln.original for ln in doc.lines], doc.source.pages


def page_text(pdf, index: int) -> str:
    lines, pages = text_layer(pdf)
    p = pages[index]
    return "\n".join(lines[p.first_line - 1:p.last_line])


@lru_cache(maxsize=None)
def scan(pdf, index: int):
    return read_bytes(degrade(page_image(pdf, index)), f"scan{index}.jpg")


@pytest.mark.parametrize("text, clean", [
    ("\u200e۱۴۰۲/۰۳/۱۵\u200f", "۱۴۰۲/۰۳/۱۵"),
    ("\u202b٩٩/١١/٢١\u202c", "۹۹/۱۱/۲۱"),
    ("مورخ \u2067۹۹\u2069", "مورخ ۹۹"),
    ("\u061cساعت ۱۰", "ساعت ۱۰"),
])
def test_clean(text, clean):
    assert ocr.clean(text) == clean


def test_prose_page_letter_accuracy(pdf):
    doc = scan(pdf, 0)
    got = "\n".join(ln.original for ln in doc.lines)
    assert doc.source.format == "image" and doc.source.pages[0].method == "ocr"
    assert similarity(page_text(pdf, 0), got) >= 0.97
    assert "سه شنبه ۹۹/۱۱/۲۱" in got
    assert doc.source.pages[0].confidence > 70
    page = doc.source.pages[0]
    assert len(page.line_confidence) == page.last_line - page.first_line + 1  # one per OCR line
    assert any(d.code == "ocr-page" for d in doc.diagnostics)


def test_table_page_rows_and_cells(pdf):
    lines = [ln.original for ln in scan(pdf, TABLE_PAGE).lines]
    rows = [ln.split("\t") for ln in lines if "\t" in ln]
    header = ["ردیف", "شرح مصوبات", "موضوع محوری", "اقدام کننده", "مسئول نظارت", "مدت اجراء"]
    # Cells in right-to-left order; a letter may be misread («محوری» as «مجوری») but not moved.
    assert len(rows[0]) == 6 and all(similarity(a, b) >= 0.8 for a, b in zip(rows[0], header))
    assert rows[1][0] == "۱" and rows[1][-1] == "پایان بهمن ۹۹" and len(rows[1]) == 6
    assert similarity(page_text(pdf, TABLE_PAGE), "\n".join(lines)) >= 0.97


def test_image_only_pdf_page_goes_to_ocr(tmp_path, pdf):
    from PIL import Image

    img = Image.open(io.BytesIO(degrade(page_image(pdf, 0))))
    path = tmp_path / "scanned.pdf"
    img.save(path, format="PDF", resolution=200)
    m = minutes.parse_file(path)
    assert m.source.format == "pdf" and m.source.pages[0].method == "ocr"
    assert m.header.meeting.date.jalali == "1399-11-21"
    with pytest.raises(InputError) as err:
        minutes.parse_file(path, ocr="never")
    assert "no page has a readable text layer" in str(err.value)


def test_legacy_font_layer_is_never_parsed_as_text(tmp_path, pdf):
    """A page whose text layer is an old 8-bit Persian font's (Latin-1 letters over Persian
    glyphs) goes to OCR; with --ocr never it is left unread and said so, never parsed."""
    from PIL import Image

    img = Image.open(io.BytesIO(degrade(page_image(pdf, 0))))
    scanned, legacy = tmp_path / "scan.pdf", tmp_path / "legacy.pdf"
    img.save(scanned, format="PDF", resolution=200)
    with_legacy_layer(scanned, legacy)
    doc = read_any(legacy)
    text = "\n".join(ln.original for ln in doc.lines)
    assert doc.source.pages[0].method == "ocr" and "ÇÏÇÑå" not in text and "ششمین نشست" in text
    assert any(d.code == "ocr-page" and "legacy" in d.message for d in doc.diagnostics)
    with pytest.raises(InputError, match="legacy"):
        read_any(legacy, ocr="never")
    assert LEGACY_LINES


def test_ocr_always_reads_a_text_pdf_page_by_ocr(tmp_path, pdf):
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(pdf)
    one = pdfium.PdfDocument.new()
    one.import_pages(src, [0])
    path = tmp_path / "one.pdf"
    one.save(path)
    doc = read_any(path, ocr="always")
    assert doc.source.pages[0].method == "ocr"
    assert similarity(page_text(pdf, 0), "\n".join(ln.original for ln in doc.lines)) >= 0.97


def test_multi_page_tiff(tmp_path, pdf):
    from PIL import Image

    a = page_image(pdf, 0)
    b = Image.new("L", (400, 200), 255)
    path = tmp_path / "two.tif"
    a.save(path, format="TIFF", save_all=True, append_images=[b])
    doc = read_any(path)
    assert [p.number for p in doc.source.pages] == [1, 2]
    assert doc.source.pages[0].first_line == 1 and doc.source.pages[1].first_line is None  # a blank page


def test_missing_tesseract_is_one_line_exit_2(tmp_path, monkeypatch, pdf):
    path = tmp_path / "scan.png"
    path.write_bytes(encode(page_image(pdf, 5, dpi=50), "PNG"))
    env = {"MINUTES_TESSERACT": str(tmp_path / "no-tesseract"), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-m", "minutes.cli", "parse", str(path)], capture_output=True,
                          env=env | {"PYTHONPATH": ":".join(sys.path)})
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert "tesseract-ocr-fas" in err and "scan.png" in err
    monkeypatch.setenv("MINUTES_TESSERACT", str(tmp_path / "no-tesseract"))
    ocr._check.cache_clear()
    try:
        with pytest.raises(InputError, match="Tesseract is not installed"):
            minutes.parse_file(path)
    finally:
        monkeypatch.undo()
        ocr._check.cache_clear()


def test_ocr_never_refuses_an_image(tmp_path, pdf):
    path = tmp_path / "scan.png"
    path.write_bytes(encode(page_image(pdf, 5, dpi=50), "PNG"))
    with pytest.raises(InputError, match="only be read by OCR"):
        minutes.parse_file(path, ocr="never")


@pytest.mark.parametrize("name, data, message", [
    ("cut.png", None, "not a readable PNG, JPEG or TIFF"),
    ("huge.png", "bomb", "refused"),
])
def test_bad_images(tmp_path, pdf, name, data, message):
    import struct
    import zlib

    if data is None:
        data = encode(page_image(pdf, 0, dpi=50), "PNG")[:300]
    else:  # a PNG header declaring 100,000 × 100,000 pixels
        ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)

        def chunk(kind: bytes, body: bytes) -> bytes:
            return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
                + chunk(b"IEND", b""))
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        minutes.parse_file(path)
    assert message in str(err.value) and name in str(err.value)
