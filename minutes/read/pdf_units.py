"""A page's characters as glyphs, and its glyphs as the units the PDF reader builds objects
for: the Python twin of ``minutes_glyphs`` in _pdfloops.c (pdf_loops.glyph_units picks one).

Glyphs (one per origin, as pdf.py's reader has always made them):

* a readable character (``pdf._READ``) gets its origin and loose box; a space drawn without
  advance (Chromium's) is left out, the gap between the words' boxes says where it is;
* characters drawn at the last glyph's origin join it (a ligature such as «لا»); whether the
  stream runs right to left there (``rtl``) is judged from its neighbours on the line;
* size and boldness: on a page whose text objects hold many characters each (``by_object``:
  LibreOffice, Word) one per text object; otherwise sampled when the baseline changes or every
  16 characters; boldness is asked once per font (FPDFText_GetFontInfo and GetFontWeight answer
  for the character's text object's font). ``bold_at`` is the character whose font decides
  (pdf._is_bold asks it), -1 for none.

Units: stream-consecutive glyphs that read the same whole as one by one become one unit (a
"word run"), so Python builds one object per word instead of one per glyph. A run is Persian
letters (and lam-alef ligatures), with spaces inside; every member on one baseline, of one
size and font, each left of the one before in every order pdf.py sorts glyphs by (origin,
middle, box), no gap inside that pdf.logical would read as a space or pdf._segments as a
block's end, and no other glyph of the page (a ZWNJ placed, a mark drawn among the letters)
near its baseline whose sort keys fall inside the run's. A ZWNJ's nearest glyph is found here,
glyph by glyph (``near``), and is never part of a run.

Everything is computed in the same order and with the same double arithmetic as the C loop,
so both give the same arrays (tests/test_pdf_loops.py).
"""

from __future__ import annotations

import bisect
import ctypes
import functools
import unicodedata
from array import array
from itertools import accumulate
from dataclasses import dataclass

from .pdf_loops import c_function

__all__ = ["Units", "classes", "glyph_units", "READ", "LETTER", "LAM", "ALEF"]

READ, LETTER, LAM, ALEF = 1, 2, 4, 8  # bits of a UTF-16 unit's class (``classes``)
_SKIP = frozenset((0xA0, 0xFFFE, 0xFEFF, 0x200B, 0xD800, 0xDBFF))


@functools.cache
def classes() -> bytes:
    """Per UTF-16 unit: READ (read at all: not a control character nor in ``_SKIP``), LETTER
    (a Persian or Arabic letter: bidi AL and Lo in U+0620–U+06FF), LAM («ل»), ALEF («اآأإٱ»)."""
    table = bytearray(c >= 0x20 and c not in _SKIP for c in range(0x10000))
    for c in range(0x620, 0x700):
        ch = chr(c)
        if unicodedata.bidirectional(ch) == "AL" and unicodedata.category(ch) == "Lo":
            table[c] |= LETTER
    table[ord("ل")] |= LAM
    for ch in "اآأإٱ":
        table[ord(ch)] |= ALEF
    return bytes(table)


@dataclass(slots=True)
class Units:
    """Per glyph (index k): first and last character ``first[k]``, ``last[k]``, how many it
    holds ``count[k]``, ``rtl[k]`` (a ligature's stream runs right to left), ``x0``, ``x1``,
    ``y``, ``size``, ``ox`` (origin x), ``bold_at``. Per unit: its glyphs
    ``start[u]:end[u]``, ``ltr[u]`` (the stream draws them left to right), its text
    ``text[offset[u]:offset[u + 1]]`` (UTF-16 units: its glyphs' texts in the stream's order,
    reversed when ``ltr``), and each glyph's text's length ``glyph_len[k]``. Each ZWNJ mark is
    a unit after the others (no glyphs: ``start == end``), placed as ``near`` says. Per
    character ``owner`` (its glyph, -1 if not read); ``kept``: the characters read, in order;
    ``near``: per ZWNJ mark its nearest glyph or -1; ``unmapped``: of every (len(kept) // 50)th kept character, how many have no Unicode
    mapping (old 8-bit Persian fonts often have none), and out of how many."""

    first: list
    last: list
    count: list
    rtl: list
    x0: list
    x1: list
    y: list
    size: list
    ox: list
    bold_at: list
    start: list
    end: list
    ltr: list
    offset: list
    text: object  # array("H")
    glyph_len: list
    unit_x0: list  # per unit: what pdf.py's Glyph for it holds (its box, origin, baseline, size,
    unit_x1: list  # stream index, boldness's character, glyph count), and its leftmost and
    unit_ox: list  # rightmost glyphs' middles (``unit_low``, ``unit_high``)
    unit_y: list
    unit_size: list
    unit_low: list
    unit_high: list
    unit_order: list
    unit_bold: list
    unit_n: list
    owner: list
    kept: list
    near: list
    unmapped: list
    blocks: object = None  # pdf_loops._Blocks: the C loop's arrays these fields view (page_lines reads them)


def glyph_units(tp, codes, n: int, by_object: bool, marks: list[tuple[float, float]], words: bool) -> Units:
    from itertools import compress

    from .pdf_loops import positions, text_objects

    cls = classes()
    get_size = c_function("FPDFText_GetFontSize", ctypes.c_double)
    text_object = c_function("FPDFText_GetTextObject", ctypes.c_void_p)
    get_font = c_function("FPDFTextObj_GetFont", ctypes.c_void_p, ctypes.c_void_p)
    # The calls made for every character, mapped over them (no bytecode per call).
    read = list(compress(range(n), map(_read_table().__getitem__, codes[:n])))
    objs = text_objects(tp, n) if by_object else None
    rows: list[list] = []  # per glyph: first, last, count, x0, x1, y, size, ox, bold_at
    owner = [-1] * n
    kept: list[int] = []
    objects: dict = {}
    fonts: dict = {}
    size, last_y, at = 0.0, -1.0, -1
    merge = None  # the glyph a character at its origin joins
    lx = ly = 0.0
    for i, x, y, left, right in zip(read, *positions(tp, read)):
        code = codes[i]
        if code == 0x20:
            if right - left < 0.05 or get_size(tp, i) < 2:
                continue
        elif by_object:
            obj = objs[i] or 0
            got = objects.get(obj)
            if got is None:
                font = get_font(obj) if obj else None
                got = objects[obj] = (get_size(tp, i), fonts.setdefault(font, i) if font else i)
            size, at = got
        elif abs(y - last_y) > 0.01 or not i & 15:
            size, last_y = get_size(tp, i), y
            obj = text_object(tp, i)
            font = get_font(obj) if obj else None
            at = fonts.setdefault(font, i) if font else i
        kept.append(i)
        if code != 0x20 and merge is not None and abs(lx - x) < 0.01 and abs(ly - y) < 0.01:
            if left < merge[3]:
                merge[3] = left
            if right > merge[4]:
                merge[4] = right
            merge[1] = i
            merge[2] += 1
            owner[i] = len(rows) - 1
            continue
        owner[i] = len(rows)
        row = [i, i, 1, left if left < x else x, right, y, size, x, at]
        rows.append(row)
        if code == 0x20:
            merge = None  # nothing joins a space
        else:
            merge, lx, ly = row, x, y
    g = len(rows)
    first, last, count, x0s, x1s, ys, sizes, oxs, bold_at = map(list, zip(*rows)) if rows else ([] for _ in range(9))
    mids = [(a + b) / 2 for a, b in zip(x0s, x1s)]
    rtl = [True] * g
    for k in compress(range(g), map((1).__lt__, count)):
        rtl[k] = _stream_rtl(k, ys, sizes, mids)
    near = [_nearest(zx, zy, codes, first, count, ys, oxs) for zx, zy in marks]
    step = max(1, len(kept) // 50)
    map_error = c_function("FPDFText_HasUnicodeMapError")
    sample = [map_error(tp, i) == 1 for i in kept[::step]]
    u = Units(first, last, count, rtl, x0s, x1s, ys, sizes, oxs, bold_at, [], [], [], [], array("H"), [0] * g,
              *([] for _ in range(10)), owner, kept, near,
              [sum(sample), len(sample)])
    _units(u, codes, cls, marks, mids, words)
    return u


@functools.cache
def _read_table() -> bytes:
    """Per UTF-16 unit, whether its character is read (``classes``' READ bit)."""
    return bytes(c & READ for c in classes())


def _stream_rtl(k: int, ys, sizes, mids) -> bool:
    """Whether the stream runs right to left around glyph ``k`` (its neighbours on the line)."""
    for j in (k + 1, k - 1, k + 2, k - 2):
        if 0 <= j < len(ys):
            if abs(ys[j] - ys[k]) > sizes[k] * 0.3:
                continue
            return (mids[j] < mids[k]) == (j > k)
    return True


def _nearest(zx: float, zy: float, codes, first, count, ys, oxs) -> int:
    """The glyph (not a space) on the mark's baseline whose origin is nearest, the first of equals."""
    best, found = 0.0, -1
    for k in range(len(first)):
        if count[k] == 1 and codes[first[k]] == 0x20:
            continue
        if abs(ys[k] - zy) < 0.5:
            d = abs(oxs[k] - zx)
            if found < 0 or d < best:
                best, found = d, k
    return found


def _key(u: Units, k: int) -> float:
    return u.ox[k] if u.ox[k] < u.x1[k] else u.x0[k]


def _lam_alef(a: int, b: int) -> bool:
    """Whether two characters of classes ``a``, ``b`` make a lam-alef ligature (either way round)."""
    return bool((a & LAM or b & LAM) and (a & (LAM | ALEF)) and (b & (LAM | ALEF)))


def _member(u: Units, k: int, codes, cls) -> int:
    """What glyph ``k`` may be in a run: 1 a letter, 2 a lam-alef ligature, 3 a space, 0 none.
    A glyph a ZWNJ is placed at is none."""
    if u.count[k] == 1:
        c = cls[codes[u.first[k]]]
        return 1 if c & LETTER else 3 if codes[u.first[k]] == 0x20 else 0
    if u.count[k] == 2 and _lam_alef(cls[codes[u.first[k]]], cls[codes[u.last[k]]]):
        return 2
    return 0


def _joins(u: Units, p: int, q: int, kp: int, kq: int, ltr: bool) -> bool:
    """Whether glyph ``q``, next in the stream after ``p``, continues a run (see the module)
    that the stream draws right to left, or left to right (``ltr``: Chromium draws a word so
    as often as not)."""
    if u.y[q] != u.y[p] or u.size[q] != u.size[p] or u.bold_at[q] != u.bold_at[p]:
        return False
    r, s = (q, p) if ltr else (p, q)  # the glyph on the right, the one on the left
    if not (_key(u, s) < _key(u, r) and u.x0[s] + u.x1[s] < u.x0[r] + u.x1[r]):
        return False
    if u.x0[s] > u.x0[r] or u.x1[s] > u.x1[r]:
        return False
    gap, size = u.x0[r] - u.x1[s], u.size[p]
    if gap > 3 and gap > 3 * size:
        return False
    return kp == 3 or kq == 3 or not (gap > 0 and gap > size * 0.1)


def _units(u: Units, codes, cls, marks, mids, words: bool) -> None:
    g = len(u.first)
    kinds = [_member(u, k, codes, cls) for k in range(g)] if words else [0] * g
    for k in u.near:
        if k >= 0:
            kinds[k] = 0
    spans: list[tuple[int, int, bool]] = []
    k = 0
    while k < g:
        if kinds[k] not in (1, 2) or k + 1 == g or not kinds[k + 1]:
            k += 1
            continue
        ltr = not _joins(u, k, k + 1, kinds[k], kinds[k + 1], False)
        end = k + 1  # one past the last member that is no space
        j = k + 1
        while j < g and kinds[j] and _joins(u, j - 1, j, kinds[j - 1], kinds[j], ltr):
            if kinds[j] != 3:
                end = j + 1
            j += 1
        lo, hi = k, end - 1
        if hi > lo:
            left, right = (lo, hi) if ltr else (hi, lo)
            key = u.ox[left] if u.ox[left] < u.x1[right] else u.x0[left]
            if _key(u, left) <= key <= _key(u, right):
                spans.append((lo, end, ltr))
        k = end
    if spans:
        spans = _uncrossed(u, spans, marks, mids)
    # The units, in order: the glyphs between runs one each, then each run.
    starts: list[int] = []
    ends: list[int] = []
    ltrs: list[bool] = []
    at = 0
    for lo, end, ltr in [*spans, (g, g, False)]:
        starts += range(at, lo)
        ends += range(at + 1, lo + 1)
        ltrs += [False] * (lo - at)
        if end > lo:
            starts.append(lo)
            ends.append(end)
            ltrs.append(ltr)
        at = end
    lefts = [a if ltr else b - 1 for a, b, ltr in zip(starts, ends, ltrs)]
    rights = [b - 1 if ltr else a for a, b, ltr in zip(starts, ends, ltrs)]
    u.start, u.end, u.ltr = starts, ends, ltrs
    u.unit_x0, u.unit_x1, u.unit_ox = [u.x0[k] for k in lefts], [u.x1[k] for k in rights], [u.ox[k] for k in lefts]
    u.unit_y, u.unit_size = [u.y[k] for k in starts], [u.size[k] for k in starts]
    u.unit_low, u.unit_high = [mids[k] for k in lefts], [mids[k] for k in rights]
    u.unit_order, u.unit_bold = [u.first[k] for k in starts], [u.bold_at[k] for k in starts]
    u.unit_n = [b - a for a, b in zip(starts, ends)]
    # Each glyph's text, and the units' texts: their glyphs', reversed where the stream runs left to right.
    texts = [[codes[f]] if c == 1 else _glyph_text(u, k, codes, cls)
             for k, (f, c) in enumerate(zip(u.first, u.count))]
    u.glyph_len = list(map(len, texts))
    order = [k for a, b, ltr in zip(starts, ends, ltrs) for k in (range(b - 1, a - 1, -1) if ltr else range(a, b))]
    u.text = array("H", [c for k in order for c in texts[k]])
    lengths = [sum(u.glyph_len[a:b]) for a, b in zip(starts, ends)]
    u.offset = [0, *accumulate(lengths)][:-1] if lengths else []
    for (zx, zy), k in zip(marks, u.near):  # each ZWNJ just left of its nearest glyph, or where it was drawn
        x = u.ox[k] - 0.001 if k >= 0 else zx
        for column, value in ((u.unit_x0, x), (u.unit_x1, x), (u.unit_ox, x), (u.unit_y, zy),
                              (u.unit_size, u.size[k] if k >= 0 else 0.0), (u.unit_low, x), (u.unit_high, x),
                              (u.unit_order, -1), (u.unit_bold, -1), (u.unit_n, 1), (u.start, g), (u.end, g),
                              (u.ltr, False), (u.offset, len(u.text))):
            column.append(value)
        u.text.append(0x200C)
    u.offset.append(len(u.text))


def _glyph_text(u: Units, k: int, codes, cls) -> list[int]:
    """Glyph ``k``'s characters: a lam-alef lam first (writers map it either way round),
    another ligature's in the stream's order where it runs right to left, else reversed."""
    parts = [codes[c] for c in range(u.first[k], u.last[k] + 1) if u.owner[c] == k]
    if len(parts) == 2 and _lam_alef(cls[parts[0]], cls[parts[1]]):
        return [ord("ل"), parts[0] if cls[parts[1]] & LAM else parts[1]]
    return parts if u.rtl[k] else parts[::-1]


def _uncrossed(u: Units, spans, marks, mids) -> list[tuple[int, int, bool]]:
    """The runs no other glyph or ZWNJ comes among, in pdf.py's orders by origin or middle,
    within a line's reach of their baseline."""
    g = len(u.first)
    # Every glyph, then every mark where pdf.py places it: y, sort key, middle, size.
    ys, keys, ms, sizes = list(u.y), [_key(u, k) for k in range(g)], list(mids), list(u.size)
    for (zx, zy), k in zip(marks, u.near):
        x = u.ox[k] - 0.001 if k >= 0 else zx
        ys.append(zy)
        keys.append(x)
        ms.append(x)
        sizes.append(u.size[k] if k >= 0 else 0.0)
    # Two glyphs of one line lie within 0.35 em (at least 0.35 pt) of its first glyph's baseline.
    biggest = max(sizes) if sizes else 0.0
    reach = 0.7 * (biggest if biggest > 1.0 else 1.0) + 0.01
    # By baseline, each baseline's glyphs by sort key and by middle: a run asks only those
    # within reach whose key or middle falls among its own (the C loop scans the reach).
    lines: dict[float, list[int]] = {}
    for k, y in enumerate(ys):
        lines.setdefault(y, []).append(k)
    baselines = sorted(lines)
    by_line = {}
    for y, ks in lines.items():
        by_key, by_mid = sorted(ks, key=keys.__getitem__), sorted(ks, key=ms.__getitem__)
        by_line[y] = ([keys[k] for k in by_key], by_key, [ms[k] for k in by_mid], by_mid)
    out = []
    for lo, end, ltr in spans:
        left, right = (lo, end - 1) if ltr else (end - 1, lo)
        y = u.y[lo]
        crossed = False
        for line in baselines[bisect.bisect_left(baselines, y - reach):bisect.bisect_right(baselines, y + reach)]:
            sorted_keys, by_key, sorted_mids, by_mid = by_line[line]
            if any(not lo <= by_key[j] < end for j in range(bisect.bisect_left(sorted_keys, keys[left]),
                                                           bisect.bisect_right(sorted_keys, keys[right]))) or \
                    any(not lo <= by_mid[j] < end for j in range(bisect.bisect_left(sorted_mids, mids[left]),
                                                                 bisect.bisect_right(sorted_mids, mids[right]))):
                crossed = True
                break
        if not crossed:
            out.append((lo, end, ltr))
    return out
