"""Stage 1, other formats: pick a reader by content and turn DOCX or HTML into lines.

``read_any`` looks at the bytes, not only the extension: a zip holding
``word/document.xml`` is Word, ``<!doctype``/``<html`` is a web page, anything
else is text (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1256 — see
``sources.decode``). The DOCX and HTML readers emit the same plain-text shape the
lexer already reads in seed 003:

* one line per paragraph, list item or table row, no blank lines;
* headings as ``#``-prefixed lines (Heading 1 → ``#``), bold-only paragraphs as ``**…**``;
* a table row as tab-separated cells, in logical (reading) order;
* for DOCX, header and footer text first, as letterhead lines.

Line numbers of a DOCX or HTML document are therefore 1-based indexes into that
emitted text (paragraph/row order), not positions in the file's XML.

Safety: a ``.docx`` that is not a zip, a zip whose members decompress to more than
``MAX_UNZIPPED`` bytes or at a suspicious ratio (a zip bomb), and any XML part that
declares a DOCTYPE or ENTITY (XXE, billion laughs) are rejected with ``InputError``
before any XML parser sees it (``word``).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
from pathlib import Path

from ..errors import InputError
from .html import html_lines
from ..models import Diagnostic
from .sources import Document, decode_report, load_bytes, read_text
from .word import DITTO, MAX_RATIO, MAX_UNZIPPED, docx_lines

__all__ = ["read_any", "read_bytes", "sniff", "docx_lines", "html_lines",
           "MAX_UNZIPPED", "MAX_RATIO", "DITTO"]

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
                         re.IGNORECASE | re.DOTALL)
_HTML_ANY = re.compile(r"<(?:html|body|head)[\s>]", re.IGNORECASE)


# --- choosing a reader ----------------------------------------------------------------------

def sniff(data: bytes, path: str | None = None) -> str:
    """'docx', 'pdf', 'image', or '' (text, HTML or markdown: decided after decoding) for
    these bytes; raises ``InputError`` for formats we recognise but cannot read (legacy .doc,
    a non-Word zip)."""
    fmt, archive = _sniff(data, path)
    if archive is not None:
        archive.close()
    return fmt


def _sniff(data: bytes, path: str | None) -> tuple[str, zipfile.ZipFile | None]:
    """``sniff``'s answer, and for a Word document its archive, open: the reader reads it as it
    is (opening it again was a fiftieth of reading seed 003 as a .docx)."""
    where = path or "<bytes>"
    ext = Path(path).suffix.lower() if path and path != "-" else ""
    if data.startswith(_ZIP_MAGIC):
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError) as exc:
            raise InputError(f"corrupt zip archive: {exc}", path=where) from None
        if "word/document.xml" in zf.namelist():
            return "docx", zf
        zf.close()
        raise InputError("a zip archive but not a Word document (no word/document.xml)", path=where,
                         hint="expected .docx, .html, .txt or .md")
    if ext == ".docx":
        raise InputError("not a Word document: a .docx file must be a zip archive", path=where,
                         hint="re-save the file from Word as .docx")
    if data.startswith(_OLE_MAGIC):
        raise InputError("legacy binary Word/Excel file (.doc) is not supported", path=where,
                         hint="save it as .docx or plain text")
    if data[:1024].lstrip().startswith(b"%PDF"):
        return "pdf", None
    if data.startswith(_IMAGE_MAGIC):
        return "image", None
    return "", None  # decided after decoding, see _text_format


def _text_format(text: str, path: str | None) -> str:
    ext = Path(path).suffix.lower() if path and path != "-" else ""
    head = text[:4096]
    if _HTML_START.match(head) or (ext in (".html", ".htm", ".xhtml") and _HTML_ANY.search(head)):
        return "html"
    return "markdown" if ext in (".md", ".markdown") else "text"


def read_bytes(data: bytes, path: str | None = None, *, ocr: str = "auto", progress=None) -> Document:
    """A ``Document`` from raw bytes; ``path`` names the source in errors and may hint the format.
    ``ocr`` (auto, always, never) and ``progress(done, total)`` matter for PDFs and images."""
    where = path or "<bytes>"
    fmt, archive = _sniff(data, path)
    if fmt in ("pdf", "image"):
        from .pdf_document import image_document, pdf_document

        return (pdf_document if fmt == "pdf" else image_document)(data, path, ocr=ocr, progress=progress)
    if fmt == "docx":
        lines, encoding = docx_lines(data, where, archive=archive), None
    else:
        text, encoding, replaced = decode_report(data, where)
        fmt = _text_format(text, path)
        lines = html_lines(text, where) if fmt == "html" else None
        if lines is None:
            doc = read_text(text, path=path, fmt=fmt, encoding=encoding)
            doc.source.sha256 = hashlib.sha256(data).hexdigest()
            doc.diagnostics[:0] = _replaced(replaced, cite_lines=True)
            return doc
    doc = read_text("\n".join(lines), path=path, fmt=fmt, encoding=encoding)
    doc.source.sha256 = hashlib.sha256(data).hexdigest()  # the file's hash, not the emitted text's
    if fmt == "html":  # a page's lines are not the file's: the byte offset says where
        doc.diagnostics[:0] = _replaced(replaced, cite_lines=False)
    return doc


def _replaced(replaced: list[tuple[int, int]], cite_lines: bool) -> list[Diagnostic]:
    """One warning per line with invalid UTF-8 bytes (each now U+FFFD in the text)."""
    by_line: dict[int, list[int]] = {}
    for line, offset in replaced:
        by_line.setdefault(line if cite_lines else 0, []).append(offset)
    return [Diagnostic(level="warning", code="invalid-bytes", line=line or None,
                       message=f"{len(offs)} invalid UTF-8 byte sequence(s) replaced by U+FFFD "
                               f"(first at byte {offs[0]})")
            for line, offs in by_line.items()]


def read_any(path: str | Path, *, ocr: str = "auto", progress=None) -> Document:
    """Read a minutes file of any supported format (``-`` is standard input).

    ``Document.source.format`` is 'docx', 'html', 'markdown' or 'text'. For DOCX and
    HTML each ``Line.number`` is the 1-based index of the emitted paragraph or table
    row. Every failure is an ``InputError`` naming the file.
    """
    if isinstance(path, (bytes, bytearray)):  # a file-system name as bytes, as os.listdir(b'.') gives
        path = os.fsdecode(bytes(path))
    return read_bytes(load_bytes(path), str(path), ocr=ocr, progress=progress)
