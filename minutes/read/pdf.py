"""Stage 1, PDF: a PDF's text layer (pypdfium2) as lines in reading order, page by page.

PDFium gives each character with its origin and box, in the order the content stream drew
them — which for right-to-left text is sometimes logical and sometimes visual, even within
one page. So the order is rebuilt from the page geometry and never taken from the stream:

* characters drawn at one origin are one glyph (a ligature such as «لا»); its characters keep
  the stream's order when the stream runs right to left there, else they are reversed — so
  «لا» is never written «ال»;
* glyphs on one baseline make a line; a line is read right to left, and runs of digits and
  Latin text in it left to right (the inverse of the bidi algorithm for an RTL paragraph),
  so «۹۹/۱۱/۲۱» keeps its order;
* the ruled cells of a table (thin filled or stroked rectangles drawn as paths) become one
  line per row, cells right to left, tab-separated — the shape the DOCX reader gives;
* a line inside the page's top or bottom margin band that repeats on other pages (digits
  aside), or is a bare page number, is furniture: kept once (the first page's header, as
  the DOCX reader keeps a header) or dropped (page numbers), and said so in a diagnostic.

Text comes from ``FPDFText_GetText`` (the ToUnicode map), so presentation forms
(U+FB50–U+FEFF) are mapped back to letters here if a PDF carries them.

PDFium is asked once per character and per page object (thousands a page): those loops are
in ``pdf_loops`` (C when it was compiled, else Python, the same calls either way).

Safety: page count, file size and characters per page are bounded (``MAX_PAGES``,
``MAX_CHARS_PER_PAGE``); an encrypted or corrupt PDF is an ``InputError``.
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from dataclasses import dataclass, field
from itertools import compress
from typing import NamedTuple

from ..errors import InputError
from .pdf_loops import c_function as _c
from .pdf_loops import glyph_units, page_lines, page_objects

__all__ = ["PdfPage", "PageResult", "read_pdf", "read_pages", "image_pages", "open_pdf", "page_text",
           "legacy_font", "OCR_MODES", "MAX_PAGES", "MAX_CHARS_PER_PAGE"]

MAX_PAGES = 2000  # a 500-page PDF reads; a "bomb" of millions of pages is refused before reading
MAX_CHARS_PER_PAGE = 200_000  # a real page holds a few thousand

# Separators kept inside an LTR run when an LTR character stands on both sides («۹۹/۱۱/۲۱», «1.5»).
_JOINERS = {"CS", "ES", "ET"}
_PAGE_NUMBER = re.compile(r"^[\s\-–—|]*(?:[^\s\d۰-۹٠-٩]{1,6}\s+)?[\d۰-۹٠-٩]{1,4}(?:\s*(?:/|[^\s\d۰-۹٠-٩]{1,3})\s*[\d۰-۹٠-٩]{1,4})?[\s\-–—|]*$")
_DIGIT = re.compile(r"[\d۰-۹٠-٩]+")
_SPACE = re.compile(r"\s+")
_ODD_SPACE = re.compile(r"\s\s|[^\S ]")  # whitespace that _SPACE would change


class Glyph(NamedTuple):
    """A glyph, or a run of words read whole (pdf_units). A tuple: a page's hundreds are made
    in C from columns (``_make_glyph``), with no bytecode per glyph."""

    text: str
    x0: float
    x1: float
    y: float  # baseline
    size: float
    order: int  # stream index, to break ties
    ox: float = 0.0  # origin: the characters of one ligature share it
    bold: bool = False
    n: int = 1  # the glyphs it stands for: a run of words (pdf_units) is one Glyph


_make_glyph = functools.partial(tuple.__new__, Glyph)  # from a tuple of its fields


@dataclass(slots=True)
class PdfPage:
    """One page's reading: its lines (a table row is one line, cells tab-separated) and
    the lines recognised as furniture, with how many characters the text layer held."""

    number: int
    lines: list[str] = field(default_factory=list)
    chars: int = 0
    unmapped: int = 0  # characters whose font had no usable ToUnicode entry
    image_cover: float = 0.0  # share of the page under images (measured on pages with little text)
    top_band: list[str] = field(default_factory=list)  # lines in the top margin band
    bottom_band: list[str] = field(default_factory=list)


def open_pdf(data: bytes, where: str):
    """A ``pypdfium2.PdfDocument``; refuse encrypted, corrupt or absurdly long PDFs."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise InputError("encrypted PDF (a password is needed to read it)", path=where,
                             hint="save an unprotected copy") from None
        raise InputError(f"not a readable PDF: {exc}", path=where,
                         hint="the file is damaged; open and re-save it, or export it again") from None
    count = len(doc)
    if count == 0:
        doc.close()
        raise InputError("the PDF has no pages", path=where)
    if count > MAX_PAGES:
        doc.close()
        raise InputError(f"refused: the PDF declares {count} pages (limit {MAX_PAGES})", path=where,
                         hint="split the file")
    return doc


# --- characters to glyphs -------------------------------------------------------------------

_RUN_CHARS = 4  # characters per page object from which size and boldness are per object (Chromium: ~1)
# Whether stream-consecutive glyphs that read the same whole as one by one become one Glyph
# (pdf_units says when): tests turn it off to check that they do read the same.
_WORDS = True


@dataclass(slots=True)
class _Read:
    """A page's units (``pdf_units.Units``: runs of words, other glyphs, ZWNJs), their texts
    as one string (``offset`` slices it), a bold flag per unit, and the estimated count of
    characters without a Unicode mapping."""

    units: object
    text: str
    bold: bytes
    unmapped: int
    whole: bool  # one character of text per UTF-16 unit (none outside the BMP)


def _read_units(textpage, where: str, number: int, page=None, marks: list[Glyph] = ()) -> _Read:
    """The page's glyphs (ligatures merged, stream direction resolved) as units, runs of
    Persian words one each (``pdf_loops.glyph_units``), the ZWNJ ``marks`` placed just left of
    their nearest glyph."""
    import ctypes

    tp = textpage.raw  # the bare handle: passing the wrapper costs a lookup per call
    n = _c("FPDFText_CountChars")(tp)
    if n > MAX_CHARS_PER_PAGE:
        raise InputError(f"refused: page {number} holds {n} characters (limit {MAX_CHARS_PER_PAGE})", path=where)
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = _c("FPDFText_GetText")(tp, 0, n, buf)
    raw = buf.raw[:max(0, got - 1) * 2]  # UTF-16 units, one per character
    by_object = page is not None and n >= _RUN_CHARS * _c("FPDFPage_CountObjects")(page.raw)
    u = glyph_units(tp, raw, len(raw) // 2, by_object, [(z.ox, z.y) for z in marks], _WORDS)
    name = ctypes.create_string_buffer(128)
    faces: dict = {}  # what a font's name says of its weight, asked once per name
    bolds = {at: at >= 0 and _is_bold(tp, at, name, faces) for at in set(u.unit_bold)}
    # The units' texts, one string: a character outside the BMP stays two, as chr() gave them.
    text = u.text.tobytes().decode("utf-16-le", "surrogatepass")
    whole = len(text) == len(u.text)
    if not whole:
        text = "".join(map(chr, u.text))
    # Fonts without a usable ToUnicode map (old 8-bit Persian fonts often have none): from a sample.
    missed, sampled = u.unmapped
    return _Read(u, text, bytes(map(bolds.__getitem__, u.unit_bold)), missed * len(u.kept) // max(1, sampled), whole)


def _glyph_objects(read: _Read) -> list[Glyph]:
    """Every unit's Glyph, made in C from the columns: no bytecode per glyph."""
    u, text, offset = read.units, read.text, read.units.offset
    texts = map(text.__getitem__, map(slice, offset[:-1], offset[1:]))
    return list(map(_make_glyph, zip(texts, u.unit_x0, u.unit_x1, u.unit_y, u.unit_size, u.unit_order, u.unit_ox,
                                     map(bool, read.bold), u.unit_n)))


def _split_runs(u, tables: list[_Table]) -> set[int]:
    """The runs a table's border (its sides, a column rule) falls among, on a baseline within
    the table: their glyphs may belong to two cells."""
    split: set[int] = set()
    for t in tables:
        xs = [t.x0, t.x1, *(x for x, _, _ in t.cols)]
        y0, y1 = t.y0, t.y1
        split.update(k for k, (y, n, low, high) in enumerate(zip(u.unit_y, u.unit_n, u.unit_low, u.unit_high))
                     if n > 1 and y0 <= y <= y1 and any(low <= x <= high for x in xs))
    return split


def _glyph_list(read: _Read, split: set[int]) -> list[Glyph]:
    """Every unit's Glyph, with the runs in ``split`` read glyph by glyph."""
    glyphs = _glyph_objects(read)
    if not split:
        return glyphs
    u, text = read.units, read.text
    out: list[Glyph] = []
    at = 0
    for k in sorted(split):
        out += glyphs[at:k]
        at = k + 1
        # The glyphs' texts stand in the run's in the stream's order, reversed where it runs
        # left to right; the Glyphs go in the stream's order, as glyph by glyph.
        a, b, start = u.start[k], u.end[k], u.offset[k]
        members = []
        for j in range(b - 1, a - 1, -1) if u.ltr[k] else range(a, b):
            members.append(Glyph(text[start:start + u.glyph_len[j]], u.x0[j], u.x1[j], u.y[j], u.size[j], u.first[j],
                                 u.ox[j], read.bold[k] == 1))
            start += u.glyph_len[j]
        out += members[::-1] if u.ltr[k] else members
    return out + glyphs[at:]


def _is_bold(tp, i: int, name, faces: dict) -> bool:
    """A bold face: by the font's name («…-Bold»), which writers keep; by its weight only
    when the name says neither (Chromium writes weight 704 for Noto Naskh Arabic Regular).
    ``faces`` keeps what a name said."""
    _font_info()(tp, i, name, len(name), None)
    face = name.value
    said = faces.get(face)
    if said is None:
        text = face.decode("latin-1")
        said = faces[face] = True if _BOLD_NAME.search(text) else False if _REGULAR_NAME.search(text) else ""
    if said != "":
        return said
    return _c("FPDFText_GetFontWeight")(tp, i) >= 600


@functools.cache
def _font_info():
    import ctypes

    p = ctypes.c_void_p
    return _c("FPDFText_GetFontInfo", ctypes.c_ulong, p, ctypes.c_int, p, ctypes.c_ulong, p)


_BOLD_NAME = re.compile(r"bold|black|heavy", re.IGNORECASE)
_REGULAR_NAME = re.compile(r"regular|book|medium|light|roman|normal", re.IGNORECASE)


# --- lines ----------------------------------------------------------------------------------

# A glyph's fields, as sort keys and mapped getters called in C.
_Y, _X0, _X1, _SIZE, _N, _BOLD = map(operator.attrgetter, ("y", "x0", "x1", "size", "n", "bold"))


def _lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by baseline, top to bottom."""
    rows: list[list[Glyph]] = []
    row: list[Glyph] = []
    head = None  # the row's first glyph, which the others are measured against
    for g in sorted(glyphs, key=_Y, reverse=True):  # top down; equal baselines keep their order
        # Sorted top down, so the distance is never negative; most glyphs share the head's baseline.
        if head is not None and (head.y - g.y <= 0.35 or head.y - g.y <= max(head.size, g.size) * 0.35):
            row.append(g)
        else:
            head, row = g, [g]
            rows.append(row)
    return rows


def _segments(line: list[Glyph]) -> list[list[Glyph]]:
    """A line split where a gap of more than three ems separates two blocks (a letterhead's
    «شماره:» at the left and the organisation at the right); right block first."""
    ink = sorted(line, key=_middle)
    if not ink:
        return []
    block = [ink[0]]
    blocks = [block]
    prev = ink[0]
    for g in ink[1:]:
        gap = g.x0 - prev.x1
        if gap > 3 and gap > 3 * max(g.size, prev.size):  # three ems, and never less than 3 pt
            block = [g]
            blocks.append(block)
        else:
            block.append(g)
        prev = g
    return blocks[::-1]


def _middle(g: Glyph) -> float:
    return (g.x0 + g.x1) / 2


def _visual_key(g: Glyph) -> tuple[float, int]:
    return (g.ox if g.ox < g.x1 else g.x0, g.order)


def logical(line: list[Glyph]) -> str:
    """The text of one line in logical order: read right to left, LTR runs left to right.

    The glyphs are taken left to right, a space put where a space glyph stands or the gap
    between two glyphs is wide enough; the units (glyphs and spaces) are then
    reversed, and each left-to-right run (see ``_LTR_RUN``) turned back."""
    visual: list[str] = []
    prev: Glyph | None = None
    space = False
    for g in sorted(line, key=_visual_key):
        text = g.text
        if text == " ":  # a space glyph with its own advance (LibreOffice, Word)
            space, prev = True, None
            continue
        if text == "\u200c":  # zero width: no gap of its own, the letters around it decide
            visual.append(text)
            continue
        # The gap (in ems) that means a space. Letters' advance boxes abut within a word (gaps
        # ≤ 0.05 em; a space is ≥ 0.18 em). PDFium boxes digits and punctuation by their ink,
        # so their side bearings (up to 0.12 em for «۱») look like gaps: beside them a space
        # is wider than 0.15 em.
        if prev is not None and g.x0 - prev.x1 > 0 and g.x0 - prev.x1 > (
                g.size if g.size > prev.size else prev.size) * (
                0.1 if prev.text[-1].isalpha() and text[0].isalpha() else 0.15):
            space = True
        if space and visual:
            visual.append(" ")
        visual.append(text)
        prev, space = g, False
    units = visual[::-1]
    text = "".join(units)
    # Most lines hold no digit or Latin letter: then there is no left-to-right run to find.
    if _MAYBE_LTR.search(text) and _ANY_LTR.search(
            kinds := "".join([_KINDS[u] if len(u) == 1 else _unit_kind(u) for u in units])):
        out: list[str] = []
        at = 0
        for m in _LTR_RUN.finditer(kinds):
            out += units[at:m.start()]
            out += units[m.start():m.end()][::-1]
            at = m.end()
        out += units[at:]
        text = "".join(out)
    text = _mirror(text)
    if _HAS_FORMS.search(text):
        text = unicodedata.normalize("NFKC", text)
    return (_SPACE.sub(" ", text) if _ODD_SPACE.search(text) else text).strip()


def _kind(bidi: str) -> str:
    """A character's part in a left-to-right run, by its bidi class: ``L`` strong left to
    right, ``D`` a European or Arabic number, ``j`` a separator (``_JOINERS``), ``w`` white
    space, ``x`` anything else (letters of right-to-left scripts among them)."""
    return "L" if bidi == "L" else "D" if bidi in ("EN", "AN") else "j" if bidi in _JOINERS \
        else "w" if bidi == "WS" else "x"


class _BidiKinds(dict):
    """``_kind`` of a character, remembered."""

    def __missing__(self, ch: str) -> str:
        self[ch] = k = _kind(unicodedata.bidirectional(ch))
        return k


_KINDS = _BidiKinds()


_BLOCKS = ((0x20, 0x6FF), (0x2000, 0x206F), (0xFB50, 0xFEFF))  # where Persian text is written
_LTR_CLASSES = ("L", "EN", "AN")


def _maybe_ltr() -> re.Pattern:
    """A character that may start a left-to-right run: of bidi class L, EN or AN among the
    blocks Persian text is written in, or any character outside them."""
    blocks = _BLOCKS
    ltr = [c for a, b in blocks for c in range(a, b + 1) if unicodedata.bidirectional(chr(c)) in _LTR_CLASSES]
    ranges = []
    for c in ltr:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    inside = "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)
    outside = "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in blocks)
    return re.compile(f"[{inside}]|[^{outside}]")


_MAYBE_LTR = _maybe_ltr()


def _unit_kind(unit: str) -> str:
    """The kind of a glyph of several characters (a ligature): left to right by its first
    character; beside a space, its first and last characters count, so ``M`` is a left-to-right
    unit ending in a number or separator and ``N`` a number ending in a Latin letter."""
    first, last = _KINDS[unit[0]], _KINDS[unit[-1]]
    if first == "L":
        return "L" if last == "L" else "M"
    if first == "D":
        return "N" if last == "L" else "D"
    return first


# A left-to-right run, unit by unit: numbers and Latin letters; a separator («/», «.», «:»,
# «-», «%») between two of them; a space only between Latin words. Two numbers a space apart
# are two runs, which an RTL line shows in reverse order («۱۲ ۳۴» is drawn «۳۴ ۱۲»).
_LTR_RUN = re.compile(r"[LDMN](?:[LDMN]|j(?=[LDMN])|(?<=[LN])w(?=[LM]))*")
_ANY_LTR = re.compile("[LDMN]")


_HAS_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


_MIRRORS = str.maketrans("()[]{}«»", ")(][}{»«")


def _mirror(text: str) -> str:
    """Brackets in an RTL line are drawn mirrored; read right to left, their code points
    must be swapped back («(» opens on the right)."""
    return text.translate(_MIRRORS) if _BRACKET.search(text) else text  # translate is slow


_BRACKET = re.compile(r"[()\[\]{}«»]")


# --- tables ---------------------------------------------------------------------------------

@dataclass(slots=True)
class _Table:
    x0: float
    x1: float
    y0: float
    y1: float
    rows: list[float]  # horizontal rule y's, top to bottom
    cols: list[tuple[float, float, float]]  # vertical rules: x, y bottom, y top


def _objects(page, textpage) -> tuple[list, list[Glyph]]:
    """The page's path objects (``pdf_loops.page_objects``) and its ZWNJs: LibreOffice keeps
    them as marked content, which PDFium's text page leaves out, so each becomes a zero-width
    glyph where its span was drawn."""
    paths, spans = page_objects(page.raw, textpage.raw)
    return paths, [Glyph("\u200c", e, e, f, 0.0, -1, e) for e, f in spans]


def _rules(paths: list) -> tuple[list[tuple[float, float, float, float]], list[tuple[float, float, float, float]]]:
    """Thin path rectangles: horizontal and vertical rules as (x0, y0, x1, y1)."""
    import ctypes

    hs, vs = [], []
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    box = [ctypes.byref(v) for v in (left, bottom, right, top)]
    get_bounds = _c("FPDFPageObj_GetBounds", None, ctypes.c_void_p, *[ctypes.c_void_p] * 4)
    for obj in paths:
        if not get_bounds(obj, *box):
            continue
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        w, h = x1 - x0, y1 - y0
        if h <= 2.5 and w > 4:
            hs.append((x0, y0, x1, y1))
        elif w <= 2.5 and h > 4:
            vs.append((x0, y0, x1, y1))
        elif w > 4 and h > 4:
            # A rectangle: its four sides are rules too (cell borders drawn as one box).
            hs += [(x0, y0, x1, y0 + 0.5), (x0, y1 - 0.5, x1, y1)]
            vs += [(x0, y0, x0 + 0.5, y1), (x1 - 0.5, y0, x1, y1)]
    return hs, vs


def _image_cover(page, area: float) -> float:
    """The share of the page's area under image objects (capped at 1)."""
    import ctypes

    import pypdfium2.raw as raw

    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    box = [ctypes.byref(v) for v in (left, bottom, right, top)]
    covered = 0.0
    for k in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, k)
        if raw.FPDFPageObj_GetType(obj) in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM) \
                and raw.FPDFPageObj_GetBounds(obj, *box):
            covered += max(0.0, right.value - left.value) * max(0.0, top.value - bottom.value)
    return min(1.0, covered / area) if area > 0 else 0.0


def _tables(paths: list) -> list[_Table]:
    hs, vs = _rules(paths)
    if len(hs) < 2 or len(vs) < 2:
        return []
    # Group rules that touch into tables (union of overlapping boxes).
    boxes = [[x0 - 1, y0 - 1, x1 + 1, y1 + 1] for x0, y0, x1, y1 in hs + vs]
    merged: list[list[float]] = []
    for b in sorted(boxes, key=lambda b: -b[3]):
        for m in merged:
            if b[0] <= m[2] and m[0] <= b[2] and b[1] <= m[3] and m[1] <= b[3]:
                m[0], m[1], m[2], m[3] = min(m[0], b[0]), min(m[1], b[1]), max(m[2], b[2]), max(m[3], b[3])
                break
        else:
            merged.append(list(b))
    # A second pass joins groups the first pass bridged late.
    changed = True
    while changed:
        changed = False
        for a in range(len(merged)):
            for b in range(a + 1, len(merged)):
                m, n = merged[a], merged[b]
                if n[0] <= m[2] and m[0] <= n[2] and n[1] <= m[3] and m[1] <= n[3]:
                    m[0], m[1], m[2], m[3] = min(m[0], n[0]), min(m[1], n[1]), max(m[2], n[2]), max(m[3], n[3])
                    del merged[b]
                    changed = True
                    break
            if changed:
                break
    tables = []
    for x0, y0, x1, y1 in merged:
        inside_h = [h for h in hs if x0 <= h[0] and h[2] <= x1 and y0 <= h[1] <= y1]
        inside_v = [v for v in vs if x0 <= v[0] and v[2] <= x1 and y0 <= v[1] and v[3] <= y1]
        if len(inside_h) < 2 or len(inside_v) < 2:
            continue
        ys = _cluster(sorted(((h[1] + h[3]) / 2 for h in inside_h), reverse=True))
        cols = [((v[0] + v[2]) / 2, v[1], v[3]) for v in inside_v]
        tables.append(_Table(x0, x1, y0, y1, ys, cols))
    return tables


def _cluster(values: list[float], tol: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in values:
        if not out or abs(out[-1] - v) > tol:
            out.append(v)
    return out


# --- a page ---------------------------------------------------------------------------------

BAND = 0.09  # top and bottom tenth of the page: where running headers and footers stand


def page_text(doc, index: int, where: str) -> PdfPage:
    """Read page ``index`` (0-based) of an open document."""
    page = doc[index]
    try:
        textpage = page.get_textpage()
        try:
            paths, zwnj = _objects(page, textpage)
            tables = _tables(paths)
            read = _read_units(textpage, where, index + 1, page=page, marks=zwnj)
        finally:
            textpage.close()
        width, height = page.get_size()
        if not read.text:
            tables = []
        chars = len(read.text)
        cover = _image_cover(page, width * height) if chars < MIN_CHARS else 0.0
    finally:
        page.close()
    out = PdfPage(index + 1, chars=chars, unmapped=read.unmapped, image_cover=cover)
    placed = _placed(read, tables, height)
    placed.sort(key=lambda p: -p.y)
    sizes = sorted(p.size for p in placed if not p.band and p.size)
    body = sizes[len(sizes) // 2] if sizes else 0.0
    for p in _paragraphs(placed):
        if body and not p.band and p.size >= body * 1.1 and len(p.text) < 200:
            # Set larger than the body: a heading, marked as the DOCX reader marks one.
            p.text = "### " + p.text
        elif p.bold and not p.band and len(p.text) < 200:
            p.text = f"**{p.text}**"  # a bold-only line, as the DOCX reader marks one
        if p.band == "top":
            out.top_band.append(p.text)
        elif p.band == "bottom":
            out.bottom_band.append(p.text)
        out.lines.append(p.text)
    return out


def _placed(read: _Read, tables: list[_Table], height: float) -> list[_Placed]:
    """Table rows (cells right to left, tab-separated), then the other units' lines, segment by
    segment (``_lines``, ``_segments``, ``logical``): in C (``pdf_loops.page_lines``) from the
    units' columns, without a Glyph for any unit, when it can; else here."""
    u = read.units
    split = _split_runs(u, tables) if tables else set()
    glyphs = None
    if split or not read.whole:  # Glyphs that are not units, or texts that are not their columns'
        glyphs = _glyph_list(read, split)
        ys, x0s, x1s = list(map(_Y, glyphs)), list(map(_X0, glyphs)), list(map(_X1, glyphs))
    else:
        ys, x0s, x1s = u.unit_y, u.unit_x0, u.unit_x1
    free = range(len(ys))
    rows: list[tuple[float, list[list[int]]]] = []
    for t in tables:
        inside = [k for k in free if t.y0 <= ys[k] <= t.y1 and t.x0 <= (x0s[k] + x1s[k]) / 2 <= t.x1]  # y rules out most
        if not inside:
            continue
        drop = set(inside)
        free = [k for k in free if k not in drop]
        rows += _table_rows(t, inside, ys, x0s, x1s)
    # Each cell, then the units outside tables: one group each, read alike.
    groups = [cell for _, cells in rows for cell in cells] + [list(free)]
    segments = page_lines(u, groups, read.bold, *_char_tables()) if glyphs is None else None
    if segments is None:
        glyphs = glyphs if glyphs is not None else _glyph_objects(read)
        segments = [_segments_of([glyphs[k] for k in group]) for group in groups]
    placed: list[_Placed] = []
    at = 0
    for top, cells in rows:
        texts = [" ".join(segment[1] for segment in segments[at + j]).replace("\t", " ") for j in range(len(cells))]
        at += len(cells)
        if any(texts):
            placed.append(_Placed(top, "\t".join(texts), "table"))
    for y, text, x0, x1, size, heavy, total in segments[-1]:
        band = "top" if y > height * (1 - BAND) else "bottom" if y < height * BAND else ""
        placed.append(_Placed(y, text, band, x0, x1, size, heavy >= 0.8 * total))
    return placed


def _table_rows(table: _Table, inside: list[int], ys, x0s, x1s) -> list[tuple[float, list[list[int]]]]:
    """Per ruled row with two columns at least: its top, and the items (of ``inside``, by their
    baselines ``ys`` and middles) in each of its cells, right to left."""
    rows = []
    for top, bottom in zip(table.rows, table.rows[1:]):
        mid = (top + bottom) / 2
        xs = _cluster(sorted(x for x, y0, y1 in table.cols if y0 - 1 <= mid <= y1 + 1))
        if len(xs) < 2:
            continue
        in_row = [k for k in inside if bottom <= ys[k] <= top]
        rows.append((top, [[k for k in in_row if left <= (x0s[k] + x1s[k]) / 2 <= right]
                           for right, left in zip(reversed(xs), list(reversed(xs))[1:])]))
    return rows


def _segments_of(glyphs: list[Glyph]) -> list[tuple[float, str, float, float, float, int, int]]:
    """Per segment of each line with text: its line's baseline, its text, least x0, greatest x1
    and size, the glyphs its bold Glyphs stand for, and all it stands for. The Python twin of
    minutes_lines in _pdfloops.c."""
    out = []
    for ln in _lines(glyphs):
        y = ln[0].y
        for seg in _segments(ln):
            text = logical(seg)
            if text:
                # Mapped attribute getters: no bytecode per glyph (a Chromium page has thousands).
                ns = list(map(_N, seg))
                out.append((y, text, min(map(_X0, seg)), max(map(_X1, seg)), max(map(_SIZE, seg)),
                            sum(compress(ns, map(_BOLD, seg))), sum(ns)))
    return out


@functools.cache
def _char_tables() -> tuple[bytes, bytes]:
    """Per UTF-16 unit, what ``logical`` asks of a character, for the C loop: its bits 1
    ``isalpha``, 2 ``isspace``, 4 may start a left-to-right run (``_MAYBE_LTR``), 8 a
    presentation form (``_HAS_FORMS``), 16 a bracket (``_BRACKET``); and its ``_KINDS`` letter.
    Worked out from one pass of bidi classes, not by the patterns (a tenth of the time, once a
    process); tests/test_pdf_loops.py checks they agree on every unit."""
    chars = list(map(chr, range(0x10000)))
    bidi = list(map(unicodedata.bidirectional, chars))
    props = bytearray(map(str.isalpha, chars))
    for c in compress(range(0x10000), map(str.isspace, chars)):
        props[c] |= 2
    maybe = bytearray(b"\4" * 0x10000)  # outside the blocks, any character may
    for a, b in _BLOCKS:
        maybe[a:b + 1] = bytes(4 * (k in _LTR_CLASSES) for k in bidi[a:b + 1])
    props = bytearray(map(int.__or__, props, maybe))
    for a, b in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE)):  # _HAS_FORMS
        for c in range(a, b + 1):
            props[c] |= 8
    for ch in "()[]{}«»":  # _BRACKET
        props[ord(ch)] |= 16
    kinds = {b: ord(_kind(b)) for b in set(bidi)}
    return bytes(props), bytes(map(kinds.__getitem__, bidi))


@dataclass(slots=True)
class _Placed:
    y: float
    text: str
    band: str  # top, bottom, table or ""
    x0: float = 0.0
    x1: float = 0.0
    size: float = 0.0
    bold: bool = False


def _paragraphs(placed: list[_Placed]) -> list[_Placed]:
    """Wrapped lines joined back into their paragraph, as a DOCX or text file has it: a line
    that runs to the left margin continues on the next line when that one starts at the right
    margin, one line-spacing below, in the same size."""
    body = [p for p in placed if not p.band]
    if not body:
        return placed
    left = min(p.x0 for p in body)
    right = max(p.x1 for p in body)
    out: list[_Placed] = []
    for p in placed:
        prev = out[-1] if out else None
        if (prev is not None and not prev.band and not p.band and abs(prev.size - p.size) < 0.5
                and prev.bold == p.bold
                and 0 < prev.y - p.y <= 1.9 * p.size and prev.x0 - left <= 1.5 * p.size
                and right - p.x1 <= 1.5 * p.size):
            prev.text += " " + p.text
            prev.x0, prev.y = p.x0, p.y
            continue
        out.append(p)
    return out


def furniture_key(text: str) -> str:
    """A band line with its numbers blanked: «صفحه ۳ از ۱۶» and «صفحه ۴ از ۱۶» are one footer."""
    return _DIGIT.sub("#", text)


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text))


def read_pdf(data: bytes, where: str, *, progress=None) -> list[PdfPage]:
    """Every page's reading. ``progress(done, total)`` is called after each page."""
    doc = open_pdf(data, where)
    try:
        total = len(doc)
        pages = []
        for i in range(total):
            pages.append(page_text(doc, i, where))
            if progress is not None:
                progress(i + 1, total)
        return pages
    finally:
        doc.close()


# --- the document ---------------------------------------------------------------------------

def _furniture(pages: list[PdfPage]) -> tuple[set[tuple[int, str]], list[str]]:
    """(page, line) pairs that are running headers, footers or page numbers, and one
    description per kind found. A band line is furniture when it is a bare page number or
    when its digit-blanked form stands in the same band on at least two pages (and on half
    of them, for long documents)."""
    counts: dict[tuple[str, str], int] = {}
    for p in pages:
        for band, texts in (("top", p.top_band), ("bottom", p.bottom_band)):
            for key in {furniture_key(t) for t in texts}:
                counts[band, key] = counts.get((band, key), 0) + 1
    need = max(2, len(pages) // 2)
    drop: set[tuple[int, str]] = set()
    found: dict[str, int] = {}
    kept: set[str] = set()
    for p in pages:
        for band, texts in (("top", p.top_band), ("bottom", p.bottom_band)):
            for t in texts:
                key = furniture_key(t)
                if not is_page_number(t) and counts[band, key] < need:
                    continue
                # A running header is kept where it first stands (a letterhead, as the DOCX
                # reader keeps a header once); its repeats and every page number go.
                if band == "top" and not is_page_number(t) and key not in kept:
                    kept.add(key)
                    continue
                drop.add((p.number, t))
                found[key] = found.get(key, 0) + 1
    return drop, [f"«{k}» ×{n}" for k, n in found.items()]


# --- text layer or OCR ----------------------------------------------------------------------

MIN_CHARS = 20  # a page with fewer characters in its text layer, and mostly image, is a scan
SCAN_COVER = 0.3  # … where images cover this share of the page (a blank page is not a scan)
OCR_MODES = ("auto", "always", "never")
_ARABIC = re.compile("[\u0600-\u06ff]")
_LEGACY = re.compile("[\u00a1-\u00ff\u0152-\u0192\u02c6-\u02dc\u2013-\u2122]")


def legacy_font(page: PdfPage, text: str) -> bool:
    """A text layer in an old Iranian 8-bit font encoding (Iran System, Zar, …): it maps
    letters to Latin-1 code points, so it reads as «ÇÓáÇãí», with no Arabic letter; or its
    fonts have no usable ToUnicode map at all."""
    if page.chars and page.unmapped > page.chars // 2:
        return True
    if _ARABIC.search(text):  # checked first: counting a page's ink costs more
        return False
    ink = [c for c in text if not c.isspace() and not c.isdigit()]
    if len(ink) < MIN_CHARS:
        return False
    return len(_LEGACY.findall(text)) > len(ink) * 0.3


@dataclass(slots=True)
class PageResult:
    """A page's lines, how they were read, and what to say about it."""

    number: int
    lines: list[str]
    method: str  # text, ocr, empty
    confidences: list[float] | None = None  # OCR: one per line
    note: str | None = None  # why OCR was used, or why the page stayed empty


def read_pages(data: bytes, where: str, *, ocr: str = "auto", progress=None) -> tuple[list[PageResult], list[str]]:
    """Every page of a PDF, from its text layer or by OCR (see ``OCR_MODES``), and the
    furniture found. Raises ``InputError`` when OCR is needed but cannot run."""
    from . import ocr as ocr_mod

    if ocr not in OCR_MODES:
        raise ValueError(f"ocr must be one of {OCR_MODES}")
    doc = open_pdf(data, where)
    try:
        total = len(doc)
        layer = [page_text(doc, i, where) for i in range(total)] if ocr != "always" else []
        need: dict[int, str] = {}
        for p in layer:
            text = "\n".join(p.lines)
            if legacy_font(p, text):
                need[p.number] = "its text layer is in a legacy (non-Unicode) Persian font encoding"
            elif p.chars < MIN_CHARS and p.image_cover >= SCAN_COVER:
                need[p.number] = "it has no text layer (a scan)"
        if ocr == "always":
            need = {i + 1: "--ocr always" for i in range(total)}
        if need and ocr != "never":
            first = min(need)
            ocr_mod.require(where, f"page {first} of {total}: {need[first]}")
        if ocr == "never" and need and len(need) == total:
            raise InputError(f"no page has a readable text layer ({need[min(need)]})", path=where,
                             hint="run with --ocr auto; " + ocr_mod.INSTALL_HINT)
        read: dict[int, PdfPage] = {}
        scores: dict[int, list[float]] = {}
        for i in range(total):
            n = i + 1
            if n in need and ocr != "never":
                got = ocr_mod.ocr_image(ocr_mod.render_pdf_page(doc, i, where), where, n)
                read[n] = PdfPage(n, [g.text for g in got], sum(len(g.text) for g in got),
                                  top_band=[g.text for g in got if g.top < BAND],
                                  bottom_band=[g.text for g in got if g.top > 1 - BAND])
                scores[n] = [g.confidence for g in got]
            elif n not in need:
                read[n] = layer[i]
            if progress is not None:
                progress(n, total)
        drop, found = _furniture(list(read.values()))
        kept: dict[int, list[str]] = {}
        for n, p in read.items():
            keep = [(n, t) not in drop for t in p.lines]
            kept[n] = [t for t, k in zip(p.lines, keep) if k]
            if n in scores:
                scores[n] = [c for c, k in zip(scores[n], keep) if k]
        _join_split_rows(kept, scores)
        results: list[PageResult] = []
        for n in range(1, total + 1):
            if n in scores:
                results.append(PageResult(n, kept[n], "ocr", scores[n], need[n]))
            elif n in need:
                results.append(PageResult(n, [], "empty", None, need[n]))
            else:
                results.append(PageResult(n, kept[n], "text"))
        return results, found
    finally:
        doc.close()


def _join_split_rows(kept: dict[int, list[str]], scores: dict[int, list[float]]) -> None:
    """A table row that a page break cut in two: the next page opens with a row of as many
    cells whose first (the row number) is empty. Its cells are appended to the row above."""
    numbers = sorted(kept)
    for a, b in zip(numbers, numbers[1:]):
        if b != a + 1 or not kept[a] or not kept[b]:
            continue
        last, first = kept[a][-1], kept[b][0]
        if "\t" not in last or not first.startswith("\t"):
            continue
        above, below = last.split("\t"), first.split("\t")
        if len(above) != len(below):
            continue
        kept[a][-1] = "\t".join(" ".join(t for t in (x, y) if t) for x, y in zip(above, below))
        kept[b].pop(0)
        if b in scores:  # an OCR page: its confidences stay one per line
            scores[b].pop(0)


def image_pages(data: bytes, where: str, *, ocr: str = "auto", progress=None) -> list[PageResult]:
    """Every frame of a PNG, JPEG or TIFF file, by OCR."""
    from . import ocr as ocr_mod

    if ocr == "never":
        raise InputError("an image file can only be read by OCR", path=where, hint="run with --ocr auto")
    frames = ocr_mod.image_frames(data, where)  # a damaged image is said so even without Tesseract
    ocr_mod.require(where, "an image file")
    results = []
    for i, img in enumerate(frames):
        got = ocr_mod.ocr_image(img, where, i + 1)
        results.append(PageResult(i + 1, [g.text for g in got], "ocr", [g.confidence for g in got], "an image"))
        if progress is not None:
            progress(i + 1, len(frames))
    return results
