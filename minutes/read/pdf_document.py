"""PDF and image input as a ``Document``: pages' lines numbered in order, each page's line
range and reading method in ``source.pages``, and what reading decided as diagnostics
(furniture dropped, pages read by OCR, low-confidence OCR lines, pages left unread)."""

from __future__ import annotations

import hashlib

from ..errors import InputError
from ..models import Diagnostic, Page
from .ocr import LOW_CONFIDENCE
from .pdf import PageResult, image_pages, read_pages
from .sources import Document, read_text

__all__ = ["pdf_document", "image_document"]


def pdf_document(data: bytes, path: str | None, *, ocr: str = "auto", progress=None) -> Document:
    where = path or "<bytes>"
    results, furniture = read_pages(data, where, ocr=ocr, progress=progress)
    doc = _document(data, path, "pdf", results)
    if furniture:
        doc.diagnostics.insert(0, Diagnostic(
            level="info", code="page-furniture",
            message="running headers, footers and page numbers left out: " + "; ".join(furniture)[:300]))
    return doc


def image_document(data: bytes, path: str | None, *, ocr: str = "auto", progress=None) -> Document:
    return _document(data, path, "image", image_pages(data, path or "<bytes>", ocr=ocr, progress=progress))


def _document(data: bytes, path: str | None, fmt: str, results: list[PageResult]) -> Document:
    lines: list[str] = []
    pages: list[Page] = []
    diagnostics: list[Diagnostic] = []
    for r in results:
        first = len(lines) + 1
        lines += [t for t in r.lines]
        last = len(lines) if len(lines) >= first else None
        conf = None
        if r.method == "ocr" and r.confidences:
            conf = round(sum(r.confidences) / len(r.confidences), 1)
        pages.append(Page(number=r.number, first_line=first if last else None, last_line=last,
                          method=r.method if r.lines or r.method != "text" else "empty", confidence=conf,
                          line_confidence=list(r.confidences) if r.method == "ocr" and r.confidences else None))
        if r.method == "ocr":
            diagnostics.append(Diagnostic(
                level="info", code="ocr-page", line=first if last else None,
                message=f"page {r.number} read by OCR ({r.note}), mean confidence "
                        f"{conf if conf is not None else 0:.0f}%"))
            for k, c in enumerate(r.confidences or []):
                if c < LOW_CONFIDENCE:
                    diagnostics.append(Diagnostic(
                        level="warning", code="ocr-low-confidence", line=first + k,
                        message=f"OCR confidence {c:.0f}% on page {r.number}: check this line"))
        elif r.method == "empty":
            diagnostics.append(Diagnostic(
                level="warning", code="page-unread",
                message=f"page {r.number} was not read: {r.note} and OCR is off (--ocr never)"))
    if not lines:
        unread = next((r.note for r in results if r.note), "no text on any page")
        raise InputError(f"no text found in the {'PDF' if fmt == 'pdf' else 'image'} ({unread})", path=path or "<bytes>",
                         hint="check that the file holds the minutes; a photo needs enough light and focus")
    doc = read_text("\n".join(lines), path=path, fmt=fmt)
    doc.source.sha256 = hashlib.sha256(data).hexdigest()
    doc.source.pages = pages
    doc.diagnostics[:0] = diagnostics
    return doc
