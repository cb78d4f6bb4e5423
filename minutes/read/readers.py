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
before python-docx parses anything.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
import zlib
from pathlib import Path

from ..errors import InputError
from .html import html_lines
from ..models import Diagnostic
from .sources import Document, decode_report, load_bytes, read_text

__all__ = ["read_any", "read_bytes", "sniff", "docx_lines", "html_lines",
           "MAX_UNZIPPED", "MAX_RATIO"]

MAX_UNZIPPED = 50 * 1024 * 1024  # total decompressed bytes of all members
MAX_RATIO = 200  # per member, uncompressed / compressed; real .docx parts stay well under
_MAX_MEMBERS = 5000
_RATIO_FLOOR = 1024 * 1024  # a ratio only matters once a member is this large

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
                         re.IGNORECASE | re.DOTALL)
_HTML_ANY = re.compile(r"<(?:html|body|head)[\s>]", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\n\f\v\xa0]+")


# --- choosing a reader ----------------------------------------------------------------------

def sniff(data: bytes, path: str | None = None) -> str:
    """'docx', 'pdf', 'image', or '' (text, HTML or markdown: decided after decoding) for
    these bytes; raises ``InputError`` for formats we recognise but cannot read (legacy .doc,
    a non-Word zip)."""
    where = path or "<bytes>"
    ext = Path(path).suffix.lower() if path and path != "-" else ""
    if data.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, ValueError) as exc:
            raise InputError(f"corrupt zip archive: {exc}", path=where) from None
        if "word/document.xml" in names:
            return "docx"
        raise InputError("a zip archive but not a Word document (no word/document.xml)", path=where,
                         hint="expected .docx, .html, .txt or .md")
    if ext == ".docx":
        raise InputError("not a Word document: a .docx file must be a zip archive", path=where,
                         hint="re-save the file from Word as .docx")
    if data.startswith(_OLE_MAGIC):
        raise InputError("legacy binary Word/Excel file (.doc) is not supported", path=where,
                         hint="save it as .docx or plain text")
    if data[:1024].lstrip().startswith(b"%PDF"):
        return "pdf"
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    return ""  # decided after decoding, see _text_format


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
    fmt = sniff(data, path)
    if fmt in ("pdf", "image"):
        from .pdf_document import image_document, pdf_document

        return (pdf_document if fmt == "pdf" else image_document)(data, path, ocr=ocr, progress=progress)
    if fmt == "docx":
        lines, encoding = docx_lines(data, where), None
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


# --- DOCX -----------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_zip(data: bytes, where: str) -> None:
    """Refuse zip bombs and DTDs before any XML parser sees the package."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise InputError(f"not a valid .docx (zip): {exc}", path=where) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > _MAX_MEMBERS:
            raise InputError(f"too many parts in the archive ({len(infos)})", path=where)
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > MAX_UNZIPPED or (info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO):
                raise InputError("refused: archive decompresses too far (zip bomb?)", path=where,
                                 hint=f"limit {MAX_UNZIPPED // (1024 * 1024)} MB, ratio {MAX_RATIO}")
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            # Read at most the declared size + 1: a lying header cannot make us inflate more.
            try:
                with zf.open(info) as fh:
                    blob = fh.read(info.file_size + 1)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError,
                    OSError) as exc:
                raise InputError(f"corrupt part {info.filename} in the archive: {exc}", path=where) from None
            if len(blob) > info.file_size:
                raise InputError(f"part {info.filename} is larger than declared", path=where)
            if blob.startswith((b"\xff\xfe", b"\xfe\xff")):
                blob = blob.decode("utf-16", "replace").encode("utf-8")
            if _DTD.search(blob):
                raise InputError(f"refused: part {info.filename} declares a DOCTYPE/ENTITY "
                                 "(external entities are never resolved)", path=where)


def _text_of(el) -> str:
    """Visible text of a paragraph-level element: runs, tabs and breaks as spaces."""
    out = []
    for node in el.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        out.append(node.text or "" if node.tag == f"{_W}t" else " ")
    return _SPACE.sub(" ", "".join(out)).strip()


def _cell_text(tc) -> str:
    parts = [_text_of(p) for p in tc.iter(f"{_W}p")]
    return " ".join(p for p in parts if p)


DITTO = "\u3003"  # 〃: «as in the row above», what a vertically merged Word cell means


def _table_rows(tbl) -> list[str]:
    """One tab-separated line per row, cells in XML order — which is the logical order,
    also for right-to-left (``bidiVisual``) tables: Word mirrors them only on screen.
    A horizontally merged cell (``gridSpan``) appears once; a vertical continuation
    (``vMerge`` without ``restart``) is the ditto mark ``〃`` (``DITTO``), so text is never
    duplicated and the table's reader can take the value from the row above («مسئول اجرا»
    merged over three rows is each row's actor)."""
    rows = []
    for tr in tbl.iterchildren(f"{_W}tr"):
        cells = []
        for tc in tr.iterchildren(f"{_W}tc"):
            vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if vmerge is not None and vmerge.get(f"{_W}val", "continue") != "restart":
                cells.append(DITTO)
            else:
                cells.append(_cell_text(tc).replace("\t", " "))
        if any(c and c != DITTO for c in cells):
            rows.append("\t".join(cells))
    return rows


def _heading_level(style_name: str) -> int:
    name = style_name.lower()
    if name == "title":
        return 1
    m = re.match(r"heading\s*(\d)", name)
    return min(int(m.group(1)), 6) if m else 0


def _run_has_text(r) -> bool:
    """``run.text.strip() != ""`` without python-docx's XPath per run: of a run's text parts
    only a ``w:t`` with letters or a non-breaking hyphen shows; tabs and breaks are space."""
    return any((child.tag == f"{_W}t" and (child.text or "").strip()) or child.tag == f"{_W}noBreakHyphen"
               for child in r)


_ON, _OFF = ("1", "true", "on"), ("0", "false", "off")


def _run_bold(r) -> bool | None:
    """python-docx's ``run.bold`` read off the run's XML (its property path was a third of
    reading a paragraph): ``w:rPr/w:b``, on without a ``w:val``. An odd value goes the long
    way, so python-docx says what is wrong with it."""
    rpr = r.find(f"{_W}rPr")
    b = rpr.find(f"{_W}b") if rpr is not None else None
    if b is None:
        return None
    val = b.get(f"{_W}val")
    if val is None or val in _ON:
        return True
    if val in _OFF:
        return False
    from docx.text.run import Run

    return Run(r, None).bold


def _is_bold(par, styles) -> bool:
    from docx.text.run import Run

    runs = [r for r in par._p.r_lst if _run_has_text(r)]  # par.runs, without a Run per w:r
    if not runs:
        return False

    def bold(r) -> bool:
        explicit = _run_bold(r)
        if explicit is not None:
            return explicit
        return styles.bold(styles.run(Run(r, par))) or styles.bold(styles.paragraph(par))

    return all(bold(r) for r in runs)


def _paragraph_lines(par, counters: dict, styles) -> list[str]:
    lines = []
    # Text boxes (often the letterhead's «شماره/تاریخ») sit inside runs; python-docx skips them.
    # The XPath (compiled anew per call) runs only where lxml's own walk finds a box: it cost
    # more than the rest of reading a paragraph.
    boxes = par._p.xpath(".//w:txbxContent[not(ancestor::mc:Fallback)]") \
        if next(par._p.iter(f"{_W}txbxContent"), None) is not None else ()
    for box in boxes:
        lines += [t for t in (_text_of(p) for p in box.iter(f"{_W}p")) if t]
    text = _text_of(par._p)
    if not text:
        return lines
    style = styles.paragraph(par)
    style = style.name if style is not None else ""
    level = _heading_level(style)
    numbered = "list number" in style.lower()
    if level:
        lines.append("#" * level + " " + text)
    elif numbered:
        counters["n"] = counters.get("n", 0) + 1
        lines.append(f"{counters['n']}- {text}")
    elif "list" in style.lower() or par._p.find(f"{_W}pPr/{_W}numPr") is not None:
        lines.append("- " + text)
    elif _is_bold(par, styles):
        lines.append(f"**{text}**")
    else:
        lines.append(text)
    if not numbered:
        counters["n"] = 0
    return lines


def _container_lines(container, counters: dict, styles) -> list[str]:
    from docx.table import Table

    out: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            counters["n"] = 0
            out += _table_rows(block._tbl)
        else:
            out += _paragraph_lines(block, counters, styles)
    return out


def docx_lines(data: bytes, path: str = "<bytes>") -> list[str]:
    """The lines of a .docx: header and footer text (once each), then the body."""
    _check_zip(data, path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from .word_styles import StyleIndex

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"not a readable Word document: {exc}", path=path) from None
    except Exception as exc:  # lxml syntax errors and the like: still the input's fault
        raise InputError(f"malformed Word document: {exc.__class__.__name__}: {exc}", path=path) from None
    styles = StyleIndex(document)  # python-docx would scan every style per paragraph and run
    furniture: list[str] = []
    seen: set[str] = set()
    for part in ("header", "footer"):
        for section in document.sections:
            hf = getattr(section, part)
            if hf.is_linked_to_previous and section is not document.sections[0]:
                continue
            for line in _container_lines(hf, {}, styles):
                if line not in seen:
                    seen.add(line)
                    furniture.append(line)
    return furniture + _container_lines(document, {}, styles)
