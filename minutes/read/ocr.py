"""Stage 1, OCR: scans and image-only PDF pages read by Tesseract's Persian model.

Tesseract is an optional system tool (Debian: ``tesseract-ocr tesseract-ocr-fas``; the
``ocr`` extra adds Pillow for image files). Without it, a document that needs OCR is an
``InputError`` whose hint names what to install — never a silent empty parse.

Tesseract runs as a subprocess (``tesseract - - -l fas tsv``) on a grayscale image of the
page at ``DPI`` (200: 300 reads no better and costs twice as long). Its TSV gives each
word with its line and confidence; a line's confidence is the mean of its words'. Text is
cleaned of what OCR adds around numbers: bidi marks (LRM, RLM, ALM, embeddings) go, Arabic-
Indic digits become Persian digits.

Ruled tables: whole-page OCR reads a table's cells across each other, so on a page with a
ruled grid (long dark rows and columns of pixels) each cell is read on its own and a row is
emitted as tab-separated cells, right to left — the shape the text-layer reader gives.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from ..errors import InputError

__all__ = ["OcrLine", "require", "available", "ocr_image", "render_pdf_page", "image_frames", "clean",
           "DPI", "LOW_CONFIDENCE", "INSTALL_HINT"]

DPI = 200
LOW_CONFIDENCE = 60.0  # a line below this mean word confidence gets a diagnostic
LANG = "fas"
MAX_PIXELS = 60_000_000  # about A0 at 200 dpi; larger images are refused (decompression bombs)
MAX_FRAMES = 2000
TIMEOUT = 120  # seconds per page: a page that takes longer is an error, never a hang
INSTALL_HINT = ("install Tesseract with its Persian model: pip install 'minutes[ocr]' and "
                "apt-get install tesseract-ocr tesseract-ocr-fas")

# Bidi controls Tesseract (and copy-paste from PDF viewers) leave around numbers.
_BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹")


@dataclass(slots=True)
class OcrLine:
    text: str
    confidence: float  # mean word confidence, 0–100
    top: float = 0.0  # where the line stands, as a share of the page's height


def clean(text: str) -> str:
    """OCR text without bidi marks, with Persian digits for Arabic-Indic ones."""
    return text.translate(_BIDI).translate(_DIGITS)


@lru_cache(maxsize=1)
def _check() -> str | None:
    """None when Tesseract and its Persian model are there, else what is missing."""
    exe = shutil.which(os.environ.get("MINUTES_TESSERACT", "tesseract"))
    if exe is None:
        return "Tesseract is not installed"
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"Tesseract does not run ({exc.__class__.__name__})"
    if LANG not in out.stdout.split():
        return "Tesseract's Persian model (fas) is not installed"
    return None


def available() -> bool:
    return _check() is None


def require(where: str, why: str) -> None:
    """Raise ``InputError`` (exit status 2) naming what to install when OCR cannot run."""
    missing = _check()
    if missing is not None:
        raise InputError(f"{why}, which needs OCR: {missing}", path=where, hint=INSTALL_HINT)


# --- images ---------------------------------------------------------------------------------

def _pil():
    try:
        import PIL.Image  # noqa: F401
    except ImportError:
        return None
    return PIL


def render_pdf_page(doc, index: int, where: str, dpi: int = DPI):
    """Page ``index`` of an open pypdfium2 document as a grayscale Pillow image."""
    if _pil() is None:
        raise InputError(f"page {index + 1} has no text layer and needs OCR: Pillow is not installed",
                         path=where, hint=INSTALL_HINT)
    page = doc[index]
    try:
        w, h = page.get_size()
        scale = dpi / 72
        if w * scale * h * scale > MAX_PIXELS:
            scale = (MAX_PIXELS / (w * h)) ** 0.5
        bitmap = page.render(scale=scale, grayscale=True)
        try:
            return bitmap.to_pil().convert("L")
        finally:
            bitmap.close()
    finally:
        page.close()


def image_frames(data: bytes, where: str) -> list:
    """The frames of a PNG, JPEG or TIFF file as grayscale Pillow images (a TIFF may hold pages)."""
    if _pil() is None:
        raise InputError("an image file, which needs OCR: Pillow is not installed", path=where,
                         hint=INSTALL_HINT)
    import io
    import warnings

    from PIL import Image, ImageSequence

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            frames = []
            for n, frame in enumerate(ImageSequence.Iterator(img)):
                if n >= MAX_FRAMES:
                    raise InputError(f"refused: more than {MAX_FRAMES} pages in the image", path=where)
                if frame.width * frame.height > MAX_PIXELS:
                    raise InputError(f"refused: page {n + 1} is {frame.width}×{frame.height} pixels "
                                     f"(limit {MAX_PIXELS // 1_000_000} megapixels)", path=where)
                frames.append(frame.convert("L"))
    except InputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputError(f"refused: the image is too large ({exc})", path=where) from None
    except Image.UnidentifiedImageError:
        raise InputError("binary data that is not a readable PNG, JPEG or TIFF image: unknown or damaged "
                         "image data", path=where) from None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise InputError(f"binary data that is not a readable PNG, JPEG or TIFF image: {exc}", path=where) from None
    if not frames:
        raise InputError("the image has no pages", path=where)
    return frames


def _pnm(img) -> bytes:
    import io

    buf = io.BytesIO()
    img.save(buf, format="PPM")
    return buf.getvalue()


# --- Tesseract ------------------------------------------------------------------------------

def _tesseract_tsv(image: bytes, where: str, page: int, psm: int, dpi: int = DPI) -> list[list[str]]:
    exe = shutil.which(os.environ.get("MINUTES_TESSERACT", "tesseract")) or "tesseract"
    try:
        proc = subprocess.run([exe, "-", "-", "-l", LANG, "--dpi", str(dpi), "--psm", str(psm), "tsv"],
                              input=image, capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise InputError(f"OCR of page {page} took more than {TIMEOUT} s", path=where) from None
    except OSError as exc:
        raise InputError(f"OCR could not start: {exc.strerror}", path=where, hint=INSTALL_HINT) from None
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"OCR failed on page {page}: {err[-1] if err else proc.returncode}", path=where)
    rows = [r.split("\t") for r in proc.stdout.decode("utf-8", "replace").splitlines()[1:]]
    return [r for r in rows if len(r) == 12]


def _lines_of(rows: list[list[str]], top: int = 0, height: int = 0) -> list[OcrLine]:
    """Words grouped by Tesseract's (block, paragraph, line), in its reading order; each
    line's top as a share of ``height`` (the page's), ``top`` being where this image began."""
    lines: list[OcrLine] = []
    key = None
    words: list[str] = []
    confs: list[float] = []
    y = 0

    def flush():
        text = " ".join(clean(w) for w in words).strip()
        if text:
            lines.append(OcrLine(text, round(sum(confs) / len(confs), 1), (top + y) / height if height else 0.0))

    for r in rows:
        if r[0] != "5" or not r[11].strip():
            continue
        k = (r[2], r[3], r[4])
        if k != key:
            if words:
                flush()
            key, words, confs, y = k, [], [], int(r[7])
        words.append(r[11].strip())
        confs.append(max(0.0, float(r[10])))
    if words:
        flush()
    return lines


_GAP = 0.04  # of an inch: ink rows closer than this belong to one text line (dots, diacritics)


def _cell_lines(cell) -> list:
    """The text lines of one table cell as separate images, each cropped to its ink."""
    from PIL import Image

    dark = cell.point(lambda v: 255 if v < 140 else 0)
    if dark.getbbox() is None:
        return []
    rows = dark.resize((1, dark.height), resample=Image.Resampling.BOX).tobytes()
    runs: list[list[int]] = []
    start = None
    for i, v in enumerate(rows + b"\0"):
        if v and start is None:
            start = i
        elif not v and start is not None:
            if runs and start - runs[-1][1] < DPI * _GAP:
                runs[-1][1] = i
            else:
                runs.append([start, i])
            start = None
    out = []
    for a, b in runs:
        if b - a < 4:
            continue  # a speck
        strip = cell.crop((0, max(0, a - 2), cell.width, min(cell.height, b + 2)))
        ink = strip.point(lambda v: 255 if v < 140 else 0).getbbox()
        if ink is not None:
            out.append(strip.crop(ink))
    return out


def _one_row(lines):
    """A cell's text lines set side by side, the first on the right, as one line of text:
    a word alone on a line («سال» under «تا پایان») reads better with its neighbours."""
    from PIL import Image

    gap = int(DPI * 0.12)
    height = max(im.height for im in lines)
    row = Image.new("L", (sum(im.width for im in lines) + gap * (len(lines) - 1), height), 255)
    x = row.width
    for im in lines:
        x -= im.width
        row.paste(im, (x, height - im.height))  # bottoms aligned: near enough to the baselines
        x -= gap
    return row


def _read_table(img, table_bands, where: str, page: int) -> dict[int, OcrLine]:
    """Every cell of the page's ruled rows read line by line in one Tesseract run: the lines
    are stacked in one image, apart, so each is read alone (a date under «تا» in a tall cell
    is lost when the cell is read whole), and mapped back by their place in the stack."""
    from PIL import Image

    strips = []  # (band index, cell index from the right, image)
    cells_per_band: dict[int, int] = {}
    for bi, band in table_bands:
        edges = band.cols
        k = 0
        for x0, x1 in reversed(list(zip(edges, edges[1:]))):  # right to left
            if x1 - x0 < 12:
                continue
            lines = _cell_lines(img.crop((x0 + 4, band.y0 + 4, x1 - 4, band.y1 - 4)))
            if lines and len(lines) <= 3 and sum(im.width for im in lines) <= DPI * 5:
                lines = [_one_row(lines)]  # a short cell (a deadline, a body): one line
            strips += [(bi, k, im) for im in lines]
            k += 1
        cells_per_band[bi] = k
    if not strips:
        return {}
    pad = 24
    width = max(im.width for _, _, im in strips) + 2 * pad
    height = sum(im.height + pad for _, _, im in strips) + pad
    if width * height > MAX_PIXELS:
        raise InputError(f"refused: the table on page {page} is too large to read", path=where)
    sheet = Image.new("L", (width, height), 255)
    spans = []
    y = pad
    for bi, k, im in strips:
        sheet.paste(im, (width - pad - im.width, y))  # right-aligned, as the text stood
        spans.append((y, y + im.height, bi, k))
        y += im.height + pad
    texts: dict[tuple[int, int, int], list[str]] = {}
    confs: dict[int, list[float]] = {}
    for r in _tesseract_tsv(_pnm(sheet), where, page, 6):
        if r[0] != "5" or not r[11].strip():
            continue
        mid = int(r[7]) + int(r[9]) / 2
        for n, (y0, y1, bi, k) in enumerate(spans):
            if y0 - pad / 2 <= mid < y1 + pad / 2:
                texts.setdefault((bi, k, n), []).append(clean(r[11].strip()))
                confs.setdefault(bi, []).append(max(0.0, float(r[10])))
                break
    out: dict[int, OcrLine] = {}
    for bi, count in cells_per_band.items():
        cells = []
        for k in range(count):
            parts = [" ".join(words) for (b, c, _n), words in sorted(texts.items(), key=lambda t: t[0][2])
                     if b == bi and c == k]
            cells.append(" ".join(parts).replace("\t", " "))
        if any(cells):
            c = confs.get(bi, [])
            out[bi] = OcrLine("\t".join(cells), round(sum(c) / len(c), 1) if c else 0.0)
    return out


def ocr_image(img, where: str, page: int) -> list[OcrLine]:
    """The lines of one page image (grayscale Pillow image), straightened first. A ruled
    table's rows come out one line each, cells tab-separated right to left."""
    from .grid import bands, deskew

    img = deskew(img)
    found = bands(img)
    table = _read_table(img, [(i, b) for i, b in enumerate(found) if b.cols], where, page)
    out: list[OcrLine] = []
    for i, band in enumerate(found):
        if band.cols:
            if i in table:
                table[i].top = band.y0 / img.height
                out.append(table[i])
            continue
        part = img.crop((0, band.y0, img.width, band.y1))
        out += _lines_of(_tesseract_tsv(_pnm(part), where, page, 3 if band.y1 - band.y0 > 200 else 6),
                         band.y0, img.height)
    return out
