"""PDFium calls made once per character or per page object, for the PDF reader (pdf.py).

The project's one speed trick in C, and the only place for it: Chromium's print to PDF draws
every glyph as a text object of its own, so a page takes thousands of PDFium calls, and
through ctypes each costs more Python time than PDFium spends answering it.
``bench/bench_pdf.py`` (``make bench-pdf``) showed the calls alone kept the reader above twice
pypdfium2's raw extraction. So each loop below is also written in C (``_pdfloops.c``, a few
plain loops with no Python API and no link to PDFium: they get the addresses of the functions
pypdfium2 has loaded), which ``hatch_build.py`` compiles at install time when a C compiler is
there. Without it (``compiled()`` is false) the same calls are made from Python, mapped over
the characters so that no bytecode runs per call; both give the same values, which
tests/test_pdf_loops.py checks on every PDF the tests build.

``glyph_units`` goes further: one C call reads a page's characters into glyphs and groups
its runs of words into units, and ``page_lines`` reads the units no table holds into lines
and segments in pdf.py's reading order, so that pdf.py builds no object per glyph outside a
table (building, sorting and joining those objects was what kept a page above twice
pypdfium2's time after the calls were in C). Their Python twins are ``pdf_units`` and pdf.py's
``_lines``, ``_segments`` and ``logical`` (``pdf._segments_of``).
"""

from __future__ import annotations

import ctypes
import functools
import sys
import threading
from collections import deque
from itertools import repeat
from pathlib import Path

__all__ = ["c_function", "compiled", "positions", "text_objects", "page_objects", "glyph_units", "page_lines"]

_MANY_OBJECTS = 64  # LibreOffice draws a line or a paragraph per text object, Chromium a glyph

VERSION = 9  # minutes_pdfloops_version() in _pdfloops.c
LIBRARY = "_pdfloops" + (".dll" if sys.platform == "win32" else ".so")  # hatch_build.py writes it here
_ZWNJ_UTF16 = b"\xfe\xff\x20\x0c"
# PDFium's functions the C loops call, in the order of ``enum fn`` in _pdfloops.c.
_FUNCTIONS = ("FPDFText_GetCharOrigin", "FPDFText_GetLooseCharBox", "FPDFText_GetTextObject", "FPDFPage_GetObject",
              "FPDFPageObj_GetType", "FPDFFormObj_CountObjects", "FPDFFormObj_GetObject", "FPDFPageObj_CountMarks",
              "FPDFPageObj_GetMark", "FPDFPageObjMark_GetParamBlobValue", "FPDFPageObj_GetMatrix",
              "FPDFText_GetFontSize", "FPDFTextObj_GetFont", "FPDFText_HasUnicodeMapError")


@functools.cache
def c_function(name: str, restype=None, *argtypes):
    """PDFium's function ``name`` called without argument types: pypdfium2's binding checks
    and converts every argument (and builds a pointer object for every handle it returns),
    which costs more than the call itself when it is made once per glyph or page object.
    Arguments must then be passed as C types: handles as pointer objects, ``int`` parameters
    as Python ints, ``unsigned long`` ones as ``c_ulong``, out-parameters by reference — or
    ``argtypes`` given (``c_void_p`` for a handle kept as an int)."""
    import pypdfium2.raw as raw

    fn = getattr(raw, name)
    bare = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)
    bare.restype = restype if restype is not None else ctypes.c_int
    if argtypes:
        bare.argtypes = argtypes
    return bare


class _Library:
    """The compiled loops, typed, and the table of PDFium addresses they are given."""

    def __init__(self, lib: ctypes.CDLL):
        import pypdfium2.raw as raw

        p, i = ctypes.c_void_p, ctypes.c_int
        self.table = (p * len(_FUNCTIONS))(*(ctypes.cast(getattr(raw, f), p).value for f in _FUNCTIONS))
        self.positions = lib.minutes_positions
        self.positions.argtypes = (p, p, p, i, p, p, p, p)
        self.positions.restype = None
        self.text_objects = lib.minutes_text_objects
        self.text_objects.argtypes = (p, p, i, p)
        self.text_objects.restype = None
        self.page_objects = lib.minutes_page_objects
        self.page_objects.argtypes = (p, p, i, p, i, p, p, p, p, i, p)
        self.page_objects.restype = i
        self.glyphs = lib.minutes_glyphs
        self.glyphs.argtypes = (p, p, p, i, p, i, i, p, i, p, p, p)
        self.glyphs.restype = i
        self.lines = lib.minutes_lines
        self.lines.argtypes = (p,) * 14 + (i, p, p, p, i)
        self.lines.restype = i


@functools.cache
def _library() -> _Library | None:
    path = Path(__file__).with_name(LIBRARY)
    if not path.is_file():
        return None
    try:
        lib = ctypes.CDLL(str(path))
        if lib.minutes_pdfloops_version() != VERSION:
            return None
        return _Library(lib)
    except (OSError, AttributeError):  # built for another machine, or from an older source
        return None


def compiled() -> bool:
    """Whether the C loops are in use (``_pdfloops.c`` was compiled at install time)."""
    return _library() is not None


def _address(arr) -> int:
    return arr.buffer_info()[0]


# --- the loops ------------------------------------------------------------------------------

def positions(tp, chars: list[int]):
    """Origin x and y, loose box left and right of each character in ``chars``, as four
    sequences of floats."""
    from array import array

    lib = _library()
    if lib is None:
        return _positions(tp, chars)
    m = len(chars)
    idx = array("i", chars)
    xs, ys, lefts, rights = (array("d", bytes(8 * m)) for _ in range(4))
    lib.positions(lib.table, tp, _address(idx), m, _address(xs), _address(ys), _address(lefts), _address(rights))
    return xs, ys, lefts, rights


def text_objects(tp, n: int) -> list[int | None]:
    """The handle (an int, None for none) of the text object that drew each character 0..n."""
    lib = _library()
    if lib is None:
        return list(map(c_function("FPDFText_GetTextObject", ctypes.c_void_p), repeat(tp, n), range(n)))
    out = (ctypes.c_void_p * n)()
    lib.text_objects(lib.table, tp, n, out)
    return out[:]


def page_objects(page, tp) -> tuple[list[int], list[tuple[float, float]]]:
    """One pass over the page's objects: the path objects (handles as ints), with those one
    level down in form XObjects (LibreOffice's tables), and where each ZWNJ span stands (its
    matrix's e and f).

    LibreOffice writes a ZWNJ as a zero-width glyph in ``/Span <</ActualText <FEFF200C>>>
    BDC``, which PDFium's text page leaves out. The span is the innermost mark, the one drawn
    right around the glyph: Chromium wraps every glyph in two more, and asking each of them
    doubled the cost of this pass. Only the four bytes of a UTF-16 ZWNJ are compared, not the
    ActualText decoded. On a page of many objects a text object that gave the text page a
    character is not a span (Python asks only the others: asking each character for its
    object costs less than asking every object for its type)."""
    lib = _library()
    if lib is None:
        return _page_objects(page, tp)
    from array import array

    count = c_function("FPDFPage_CountObjects")(page)
    spans = (ctypes.c_void_p * count)()
    ef = array("f", bytes(8 * count))
    found = ctypes.c_int()
    n_chars = c_function("FPDFText_CountChars")(tp) if count > _MANY_OBJECTS else 0
    drawn = (ctypes.c_void_p * max(0, n_chars))()
    cap = 64
    while True:
        paths = (ctypes.c_void_p * cap)()
        got = lib.page_objects(lib.table, page, count, paths, cap, spans, _address(ef), ctypes.byref(found),
                               tp, max(0, n_chars), drawn)
        if got <= cap:
            break
        cap = got
    return paths[:got], [(ef[2 * k], ef[2 * k + 1]) for k in range(found.value)]


def glyph_units(tp, codes: bytes, n: int, by_object: bool, marks: list[tuple[float, float]], words: bool):
    """The page's characters as glyphs and its glyphs as units (``pdf_units.Units``, which
    says what they are): ``codes`` the text page's ``n`` characters as UTF-16-LE, ``marks``
    where each ZWNJ span stands, ``words`` whether runs of words become one unit."""
    from . import pdf_units

    lib = _library()
    if lib is None:
        return pdf_units.glyph_units(tp, memoryview(codes).cast("H"), n, by_object, marks, words)
    m = len(marks)
    size = n + m  # each mark is a unit after the others
    # Three blocks, zeroed by calloc, whose columns (size each) are read through memoryviews: as
    # few objects and ctypes arguments as can be (each costs more than the loop's work per word).
    ints = (ctypes.c_int * (15 * size + 5 + m))()
    floats, text = (ctypes.c_double * (12 * size))(), (ctypes.c_uint16 * size)()
    where = (ctypes.c_double * (2 * m))(*(v for mark in marks for v in mark)) if marks else None
    # bytes pass as the address of their (immutable) contents
    got = lib.glyphs(lib.table, tp, codes, n, pdf_units.classes(), by_object, words, where, m, ints, floats, text)
    if got < 0:  # out of memory in C: Python may still manage
        return pdf_units.glyph_units(tp, memoryview(codes).cast("H"), n, by_object, marks, words)
    # ctypes arrays' memoryviews have formats ("<i") that indexing does not take: cast to native.
    i, f = memoryview(ints).cast("B").cast("i"), memoryview(floats).cast("B").cast("d")
    kept, units, missed, sampled = i[15 * size + 1 + m:]
    col = [i[j * size:j * size + k] for j, k in enumerate((got, got, got, got, got, n, kept, units, units, units, got,
                                                            units, units, units, units + 1))]
    fcol = [f[j * size:j * size + k] for j, k in enumerate((got,) * 5 + (units,) * 7)]
    return pdf_units.Units(
        first=col[0], last=col[1], count=col[2], rtl=col[3], bold_at=col[4], x0=fcol[0], x1=fcol[1], y=fcol[2],
        size=fcol[3], ox=fcol[4], start=col[7], end=col[8], ltr=col[9], offset=col[14],
        text=memoryview(text).cast("B").cast("H")[:i[14 * size + units]], glyph_len=col[10],
        unit_x0=fcol[5], unit_x1=fcol[6], unit_ox=fcol[7], unit_y=fcol[8], unit_size=fcol[9], unit_low=fcol[10],
        unit_high=fcol[11], unit_order=col[11], unit_bold=col[12], unit_n=col[13], owner=col[5], kept=col[6],
        near=i[15 * size + 1:15 * size + 1 + m], unmapped=(missed, sampled), blocks=_Blocks(ints, floats, text, size))


class _Blocks:
    """The C loop's arrays behind a Units, and the addresses minutes_lines takes of them: the
    units' x0, x1, y, size, ox, order, glyph count and text offset (pdf_units.Units' layout)."""

    __slots__ = ("ints", "floats", "text", "columns")

    def __init__(self, ints, floats, text, size: int):
        self.ints, self.floats, self.text = ints, floats, text
        f, i = ctypes.addressof(floats), ctypes.addressof(ints)
        self.columns = (f + 40 * size, f + 48 * size, f + 64 * size, f + 72 * size, f + 56 * size, i + 44 * size,
                        i + 52 * size, i + 56 * size)


def page_lines(u, groups: list[list[int]], bold: bytes, props: bytes, kinds: bytes):
    """pdf.py's lines, segments and ``logical`` for each group of units of ``u`` (made by the C
    loop; the units outside tables, or a table's cells; ``bold`` a flag per unit; ``props`` and
    ``kinds`` pdf.py's tables of characters): per group, per segment with text (y, text, x0,
    x1, size, bold glyphs, glyphs); or None when the C loops are not built or a text holds
    presentation forms (pdf.py then reads them itself)."""
    lib = _library()
    if lib is None or u.blocks is None:
        return None
    from array import array
    from itertools import accumulate

    items = array("i", [k for group in groups for k in group])
    m = len(items)
    starts = array("i", [0, *accumulate(map(len, groups))])
    seg_f, seg_i = array("d", bytes(32 * m)), array("i", bytes(16 * m))
    room = len(u.text) + m  # the texts, and a space between two units at most, when no unit is in two groups
    out = array("H", bytes(2 * room))
    got = lib.lines(*u.blocks.columns, bold, u.blocks.text, props, kinds, _address(items), _address(starts),
                    len(groups), _address(seg_f), _address(seg_i), _address(out), room)
    if got < 0:
        return None
    ends = seg_i[2:4 * got:4].tolist()
    texts = out[:ends[-1] if got else 0].tobytes().decode("utf-16-le", "surrogatepass")
    segments = zip(seg_f[0:4 * got:4].tolist(), map(texts.__getitem__, map(slice, [0, *ends[:-1]], ends)),
                   seg_f[1:4 * got:4].tolist(), seg_f[2:4 * got:4].tolist(), seg_f[3:4 * got:4].tolist(),
                   seg_i[1:4 * got:4].tolist(), seg_i[0:4 * got:4].tolist())
    out_groups: list[list] = [[] for _ in groups]
    for group, segment in zip(seg_i[3:4 * got:4].tolist(), segments):
        out_groups[group].append(segment)
    return out_groups


# --- the same loops in Python ---------------------------------------------------------------

_CHUNK = 2048  # characters whose positions one set of out-parameter arrays holds


class _OutArrays(threading.local):
    """Out-parameter arrays for ``_CHUNK`` characters and one reference into them per
    character, made once per thread (a web server reads files in several)."""

    def __init__(self):
        import pypdfium2.raw as raw

        self.x, self.y = (ctypes.c_double * _CHUNK)(), (ctypes.c_double * _CHUNK)()
        self.rect = (raw.FS_RECTF * _CHUNK)()
        self.flat = (ctypes.c_float * (4 * _CHUNK)).from_buffer(self.rect)  # left, top, right, bottom
        size = ctypes.sizeof(raw.FS_RECTF)
        self.px = [ctypes.byref(self.x, 8 * j) for j in range(_CHUNK)]
        self.py = [ctypes.byref(self.y, 8 * j) for j in range(_CHUNK)]
        self.pr = [ctypes.byref(self.rect, size * j) for j in range(_CHUNK)]


_OUT = _OutArrays()


def _positions(tp, chars: list[int]) -> tuple[list[float], list[float], list[float], list[float]]:
    # The calls are mapped over the characters into arrays: no bytecode, no Python object per call.
    out = _OUT
    get_origin, get_box = c_function("FPDFText_GetCharOrigin"), c_function("FPDFText_GetLooseCharBox")
    xs: list[float] = []
    ys: list[float] = []
    lefts: list[float] = []
    rights: list[float] = []
    for start in range(0, len(chars), _CHUNK):
        part = chars[start:start + _CHUNK]
        m = len(part)
        deque(map(get_origin, repeat(tp, m), part, out.px, out.py), maxlen=0)
        deque(map(get_box, repeat(tp, m), part, out.pr), maxlen=0)
        xs += out.x[:m]
        ys += out.y[:m]
        flat = out.flat[:4 * m]
        lefts += flat[0::4]
        rights += flat[2::4]
    return xs, ys, lefts, rights


def _page_objects(page, tp) -> tuple[list[int], list[tuple[float, float]]]:
    import pypdfium2.raw as raw

    count = c_function("FPDFPage_CountObjects")(page)
    # The calls are mapped over the objects (no bytecode per object), handles kept as ints.
    objs = list(map(c_function("FPDFPage_GetObject", ctypes.c_void_p), repeat(page, count), range(count)))
    if count > _MANY_OBJECTS:
        drawn = set(text_objects(tp, c_function("FPDFText_CountChars")(tp)))
        objs = [o for o in objs if o not in drawn]
    get_type = c_function("FPDFPageObj_GetType", None, ctypes.c_void_p)
    kinds = list(map(get_type, objs))
    path_kind, form_kind = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
    if form_kind not in kinds:
        paths = [o for o, k in zip(objs, kinds) if k == path_kind]
    else:
        form_count = c_function("FPDFFormObj_CountObjects", None, ctypes.c_void_p)
        form_object = c_function("FPDFFormObj_GetObject", ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ulong)
        paths = []
        for o, k in zip(objs, kinds):
            if k == path_kind:
                paths.append(o)
            elif k == form_kind:
                inner = [form_object(o, j) for j in range(form_count(o))]
                paths += [p for p in inner if get_type(p) == path_kind]
    buf = ctypes.create_string_buffer(64)
    size = ctypes.c_ulong()
    psize = ctypes.byref(size)
    matrix = raw.FS_MATRIX()
    count_marks = c_function("FPDFPageObj_CountMarks", None, ctypes.c_void_p)
    get_mark = c_function("FPDFPageObj_GetMark", ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ulong)
    get_blob = c_function("FPDFPageObjMark_GetParamBlobValue", None, ctypes.c_void_p, ctypes.c_char_p,
                          ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p)
    get_matrix = c_function("FPDFPageObj_GetMatrix", None, ctypes.c_void_p, ctypes.c_void_p)
    text_kind = raw.FPDF_PAGEOBJ_TEXT
    where = []
    for obj in (o for o, k in zip(objs, kinds) if k == text_kind):
        marks = count_marks(obj)
        if marks and get_blob(get_mark(obj, marks - 1), b"ActualText", buf, 64, psize) and size.value == 4 \
                and buf.raw[:4] == _ZWNJ_UTF16 and get_matrix(obj, ctypes.byref(matrix)):
            where.append((matrix.e, matrix.f))
    return paths, where
