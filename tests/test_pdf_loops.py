"""The PDF reader's C loops (minutes/read/_pdfloops.c, built at install time by
hatch_build.py) against the same loops in Python: every PDF the tests build reads to the
same pages, line for line, and the loops give the same values call for call."""

from __future__ import annotations

import ctypes
import os
import shlex
import shutil
import subprocess
import sysconfig
import unicodedata
from pathlib import Path

import pytest

from minutes.read import pdf_loops
from minutes.read.pdf import read_pdf

from pdfdata import FILES


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> pdf_loops._Library:
    """The C loops as the install built them, or built here from the source when the
    package is imported from a copy of the checkout without them (as hatch_build.py does)."""
    lib = pdf_loops._library()
    if lib is not None:
        return lib
    ccs = (os.environ.get("CC"), sysconfig.get_config_var("CC"), "cc")
    cc = next((w for w in (shlex.split(c or "") for c in ccs) if w and shutil.which(w[0])), None)
    assert cc, "this test needs a C compiler (make test installs gcc)"
    target = tmp_path_factory.mktemp("loops") / pdf_loops.LIBRARY
    source = Path(pdf_loops.__file__).with_name("_pdfloops.c")
    subprocess.run([*cc, "-O2", "-shared", "-fPIC", "-o", str(target), str(source)], check=True)
    return pdf_loops._Library(ctypes.CDLL(str(target)))


def _use(monkeypatch, lib) -> None:
    monkeypatch.setattr(pdf_loops, "_library", lambda: lib)


@pytest.mark.parametrize("name", FILES)
def test_compiled_and_python_loops_read_alike(pdf_fixtures, compiled, monkeypatch, name):
    data = pdf_fixtures[name].read_bytes()
    _use(monkeypatch, compiled)
    fast = read_pdf(data, name)
    _use(monkeypatch, None)
    slow = read_pdf(data, name)
    assert sum(len(p.lines) for p in fast) >= 5
    assert [(p.lines, p.top_band, p.bottom_band, p.chars, p.unmapped, p.image_cover) for p in fast] == \
           [(p.lines, p.top_band, p.bottom_band, p.chars, p.unmapped, p.image_cover) for p in slow]


@pytest.mark.parametrize("name", FILES)
def test_each_loop_gives_the_same_values(pdf_fixtures, compiled, monkeypatch, name):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf_fixtures[name].read_bytes())
    try:
        for page in doc:
            tp = page.get_textpage()
            n = pdf_loops.c_function("FPDFText_CountChars")(tp.raw)
            chars = list(range(0, n, 3))
            _use(monkeypatch, compiled)
            got = [[list(s) for s in pdf_loops.positions(tp.raw, chars)], pdf_loops.text_objects(tp.raw, n),
                   pdf_loops.page_objects(page.raw, tp.raw)]
            _use(monkeypatch, None)
            want = [[list(s) for s in pdf_loops.positions(tp.raw, chars)], pdf_loops.text_objects(tp.raw, n),
                    pdf_loops.page_objects(page.raw, tp.raw)]
            assert got == want
            assert len(got[0][0]) == len(chars) and len(got[1]) == n
            tp.close()
            page.close()
    finally:
        doc.close()


@pytest.mark.parametrize("name", FILES)
def test_glyph_units_are_the_same(pdf_fixtures, compiled, monkeypatch, name):
    """minutes_glyphs in C fills what pdf_units.glyph_units computes, field for field, with
    runs of words and without, size and boldness per text object and sampled, ZWNJs placed."""
    import dataclasses

    import pypdfium2 as pdfium

    from minutes.read.pdf import _objects

    doc = pdfium.PdfDocument(pdf_fixtures[name].read_bytes())
    runs = 0
    try:
        for page in doc:
            tp = page.get_textpage()
            n = pdf_loops.c_function("FPDFText_CountChars")(tp.raw)
            buf = ctypes.create_string_buffer(2 * n + 2)
            got = pdf_loops.c_function("FPDFText_GetText")(tp.raw, 0, n, buf)
            codes = buf.raw[:2 * max(0, got - 1)]
            marks = [(z.ox, z.y) for z in _objects(page, tp)[1]]
            for by_object in (True, False):
                for words in (True, False):
                    args = (tp.raw, codes, len(codes) // 2, by_object, marks, words)
                    _use(monkeypatch, compiled)
                    fast = pdf_loops.glyph_units(*args)
                    _use(monkeypatch, None)
                    slow = pdf_loops.glyph_units(*args)
                    fields = [f.name for f in dataclasses.fields(fast) if f.name != "blocks"]
                    assert [list(getattr(fast, f)) for f in fields] == [list(getattr(slow, f)) for f in fields]
                    runs += sum(b - a > 1 for a, b in zip(fast.start, fast.end))
            tp.close()
            page.close()
    finally:
        doc.close()
    assert runs >= 5


@pytest.mark.parametrize("name", FILES)
def test_lines_in_c_are_the_python_lines(pdf_fixtures, compiled, monkeypatch, name):
    """minutes_lines in C gives, segment for segment, what pdf.py's _lines, _segments and
    logical give for the same units (every unit of every page, tables and all; and every other
    one, in groups of one call as a table's cells are; with runs of words and without):
    baseline, text, extent, size and bold glyphs."""
    import pypdfium2 as pdfium

    from minutes.read import pdf

    _use(monkeypatch, compiled)
    doc = pdfium.PdfDocument(pdf_fixtures[name].read_bytes())
    segments = 0
    try:
        for words in (True, False):
            monkeypatch.setattr(pdf, "_WORDS", words)
            for page in doc:
                tp = page.get_textpage()
                read = pdf._read_units(tp, name, 1, page=page, marks=pdf._objects(page, tp)[1])
                every = list(range(len(read.units.start)))
                groups = [every[::2], [], every[1::2]]  # as a table's cells are, in one call
                fast = pdf_loops.page_lines(read.units, groups, read.bold, *pdf._char_tables())
                glyphs = pdf._glyph_objects(read)
                assert fast == [pdf._segments_of([glyphs[k] for k in group]) for group in groups]
                whole = pdf_loops.page_lines(read.units, [every], read.bold, *pdf._char_tables())
                assert whole == [pdf._segments_of(glyphs)]
                # Groups that share units need more room than the call gives: refused, not overrun.
                assert pdf_loops.page_lines(read.units, [every] * 3, read.bold, *pdf._char_tables()) in (None, whole * 3)
                segments += len(whole[0])
                tp.close()
                page.close()
    finally:
        doc.close()
    assert segments >= 10


def test_character_tables_say_what_the_patterns_say():
    """The C loop's tables of characters (pdf._char_tables) agree with what pdf.logical asks of
    a character, on every UTF-16 unit."""
    from minutes.read import pdf

    props, kinds = pdf._char_tables()
    for c in range(0x10000):
        ch = chr(c)
        want = (ch.isalpha() | ch.isspace() << 1 | bool(pdf._MAYBE_LTR.match(ch)) << 2
                | bool(pdf._HAS_FORMS.match(ch)) << 3 | bool(pdf._BRACKET.match(ch)) << 4)
        assert (props[c], chr(kinds[c])) == (want, pdf._kind(unicodedata.bidirectional(ch))), hex(c)


def test_a_presentation_form_sends_the_page_to_python(pdf_fixtures, compiled, monkeypatch):
    """A unit's text holding a presentation form (U+FB50-U+FEFF, which logical folds by NFKC):
    minutes_lines refuses the page rather than read it unfolded, and pdf.py reads it: the same
    lines as the Python loops give for the same units."""
    import pypdfium2 as pdfium

    from minutes.read import pdf

    _use(monkeypatch, compiled)
    doc = pdfium.PdfDocument(pdf_fixtures["seed003_nazli.pdf"].read_bytes())
    try:
        page = doc[0]
        tp = page.get_textpage()
        read = pdf._read_units(tp, "x.pdf", 1, page=page, marks=pdf._objects(page, tp)[1])
        at = read.text.index("ا")
        read.units.blocks.text[at] = 0xFE8D  # ARABIC LETTER ALEF ISOLATED FORM
        read.text = read.text[:at] + "\ufe8d" + read.text[at + 1:]
        every = list(range(len(read.units.start)))
        assert pdf_loops.page_lines(read.units, [every], read.bold, *pdf._char_tables()) is None
        placed = pdf._placed(read, [], 842.0)
        glyphs = pdf._glyph_objects(read)
        assert [p.text for p in placed] == [s[1] for s in pdf._segments_of(glyphs)]
        assert "\ufe8d" not in "".join(p.text for p in placed)
        tp.close()
        page.close()
    finally:
        doc.close()
