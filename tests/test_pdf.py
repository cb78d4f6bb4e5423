"""PDF input: seed 003 printed to PDF in the tests' set-up (tests/pdfdata.py, conftest's
``pdf_fixtures``) reads as the seed's text does.

Three PDFs, two writers, three fonts: Chromium with Nazli and Persian digits; Chromium with Noto
Naskh Arabic, every run of digits in a second font (DejaVu Sans) and the meeting line in Latin
digits; LibreOffice's export of the seed as a Word document (Nazli, headings in DejaVu Sans
Bold, tables whose rows run across pages, «لا» written «ال» in its text layer). All must give the seed's
7 resolutions (row, actor, supervisor, deadline), its 15 speakers and its meeting date; their
lines carry no presentation forms and no page footer, and ``source.pages`` maps lines to pages.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

import minutes
from minutes.errors import InputError
from minutes.read.pdf import MAX_PAGES, read_pdf
from minutes.read.readers import read_any

from conftest import SEED_003
from pdfdata import FILES, ZWNJ_TEXT

PDFS = [n for n in FILES if n.startswith("seed003_")]


@pytest.fixture(scope="module")
def nazli(pdf_fixtures) -> Path:
    return pdf_fixtures["seed003_nazli.pdf"]


@lru_cache(maxsize=None)
def parsed(path: Path) -> minutes.Minutes:
    return minutes.parse_file(path)


def _speakers(m: minutes.Minutes) -> set[str]:
    return {t.speaker.name or t.speaker.role for t in m.turns}


def _resolutions(m: minutes.Minutes) -> list[tuple]:
    return [(r.row, r.actor, r.supervisor, r.deadline.kind, r.deadline.jalali) for r in m.resolutions]


def test_fixtures_are_built(pdf_fixtures):
    assert PDFS == ["seed003_libreoffice.pdf", "seed003_naskh.pdf", "seed003_nazli.pdf"]
    assert sorted(pdf_fixtures) == sorted(FILES)
    assert all(p.read_bytes().startswith(b"%PDF-") for p in pdf_fixtures.values())


@pytest.mark.parametrize("name", PDFS)
def test_seed_as_pdf_gives_the_seeds_facts(pdf_fixtures, name):
    text, pdf = minutes.parse_file(SEED_003), parsed(pdf_fixtures[name])
    assert len(pdf.resolutions) == 7
    assert _resolutions(pdf) == _resolutions(text)
    assert sum(1 for r in pdf.resolutions if r.deadline.jalali) == 6
    assert _speakers(pdf) == _speakers(text) and len(_speakers(pdf)) == 15
    assert pdf.header.meeting.date.jalali == "1399-11-21"
    assert len(pdf.agenda) == 3


@pytest.mark.parametrize("name", PDFS)
def test_lines_pages_and_furniture(pdf_fixtures, name):
    doc = read_any(pdf_fixtures[name])
    pages = {"seed003_nazli.pdf": 16, "seed003_naskh.pdf": 18, "seed003_libreoffice.pdf": 26}[name]
    assert doc.source.format == "pdf" and len(doc.source.pages) == pages
    text = "\n".join(ln.original for ln in doc.lines)
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufefe]", text), "presentation forms"
    assert "صفحه" not in text, "the page footer is furniture"
    assert "اسلامی" in text and "مسئول نظارت" in text  # «لا» and «ئو» in logical order
    # Each page's lines are a contiguous, increasing range covering every line once.
    spans = [(p.first_line, p.last_line) for p in doc.source.pages if p.first_line]
    assert spans[0][0] == 1 and spans[-1][1] == len(doc.lines)
    assert all(a[1] + 1 == b[0] for a, b in zip(spans, spans[1:]))
    assert {p.method for p in doc.source.pages} <= {"text", "empty"}  # a page with only its footer is empty
    assert any(d.code == "page-furniture" for d in doc.diagnostics)


def test_digits_and_dates_in_order(pdf_fixtures, nazli):
    lines = [ln.original for ln in read_any(nazli).lines]
    assert any("سه شنبه ۹۹/۱۱/۲۱" in ln for ln in lines)
    assert any("۱۴/۵٪" in ln for ln in lines)
    latin = [ln.original for ln in read_any(pdf_fixtures["seed003_naskh.pdf"]).lines]
    assert any("ساعت 11 صبح روز سه شنبه 99/11/21" in ln for ln in latin)


def test_table_rows_read_right_to_left(nazli):
    lines = [ln.original for ln in read_any(nazli).lines]
    header = next(ln for ln in lines if ln.startswith("ردیف\t"))
    assert header.split("\t") == ["ردیف", "شرح مصوبات", "موضوع محوری", "اقدام کننده", "مسئول نظارت", "مدت اجراء"]
    row = next(ln for ln in lines if ln.startswith("۲\t"))
    assert row.split("\t")[-1] == "جذب کامل تسهیلات"


@pytest.mark.parametrize("name", FILES)
def test_word_runs_read_as_glyph_by_glyph(pdf_fixtures, monkeypatch, name):
    """Runs of Persian words become one Glyph each (minutes/read/pdf_units.py says when:
    Chromium draws them glyph by glyph, as often left to right as right to left, LibreOffice a
    line at a time), with the calligraphic «باسمه تعالی» and every glyph a ZWNJ is placed at
    read glyph by glyph: the same pages as reading every glyph by itself, and the same again
    with size and boldness sampled along the line instead of asked per text object."""
    from minutes.read import pdf

    data = pdf_fixtures[name].read_bytes()
    made = []
    units = pdf.glyph_units
    monkeypatch.setattr(pdf, "glyph_units", lambda *a: made.append(units(*a)) or made[-1])
    fast = read_pdf(data, name)
    monkeypatch.setattr(pdf, "_WORDS", False)
    slow = read_pdf(data, name)
    monkeypatch.setattr(pdf, "_RUN_CHARS", 10 ** 9)
    sampled = read_pdf(data, name)
    glyphs = sum(len(u.first) for u in made[:len(fast)])
    built = sum(len(u.start) - len(u.near) for u in made[:len(fast)])  # a ZWNJ is a unit of its own
    assert built * 2 < glyphs  # runs are made: fewer than half as many units as glyphs
    assert all(len(u.start) - len(u.near) == len(u.first) for u in made[len(fast):])
    pages = [[(p.lines, p.top_band, p.bottom_band, p.chars, p.unmapped) for p in read] for read in (fast, slow, sampled)]
    assert pages[0] == pages[1] == pages[2]


@pytest.mark.parametrize("name", ["seed003_libreoffice.pdf", "seed003_nazli.pdf"])
def test_a_table_border_among_a_run_reads_as_glyph_by_glyph(pdf_fixtures, monkeypatch, name):
    """A run of words a table's column rule falls among is read glyph by glyph, so its
    glyphs go to their cells as they would one by one: a ruled grid laid over every page's
    body (rules through the middle of words) reads the same with runs and without."""
    from minutes.read import pdf

    data = pdf_fixtures[name].read_bytes()
    tables = pdf._tables
    grid = pdf._Table(100.0, 500.0, 300.0, 600.0, [600.0, 500.0, 400.0, 300.0],
                      [(100.0, 300.0, 600.0), (233.3, 300.0, 600.0), (366.6, 300.0, 600.0), (500.0, 300.0, 600.0)])
    monkeypatch.setattr(pdf, "_tables", lambda paths: tables(paths) + [grid])
    split = []
    real = pdf._split_runs
    monkeypatch.setattr(pdf, "_split_runs", lambda units, tables: (lambda got: split.append(len(got)) or got)(
        real(units, tables)))
    fast = read_pdf(data, name)
    assert sum(split) > 20  # runs were split
    monkeypatch.setattr(pdf, "_WORDS", False)
    slow = read_pdf(data, name)
    assert sum("\t" in ln for p in fast for ln in p.lines) > 20
    assert [p.lines for p in fast] == [p.lines for p in slow]


def test_bytes_and_library_agree(nazli):
    data = nazli.read_bytes()
    assert _resolutions(minutes.parse_bytes(data, path="x.pdf")) == _resolutions(parsed(nazli))


# --- bad PDFs: one clear error, bounded -------------------------------------------------------

def _blank_pdf(pages: int) -> bytes:
    import io

    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    for _ in range(pages):
        doc.new_page(200, 200)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _bomb(count: int) -> bytes:
    """A page tree that declares ``count`` pages."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)


@pytest.mark.parametrize("name, data, message", [
    ("corrupt.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nxref\nbroken\n", "not a readable PDF"),
    ("cut.pdf", None, "not a readable PDF"),
    # PDFium counts the pages the tree holds, not the /Count it declares: one blank page.
    ("bomb.pdf", _bomb(10_000_000), "no text found in the PDF"),
    ("blank.pdf", _blank_pdf(3), "no text found in the PDF"),
])
def test_bad_pdf_is_one_clear_error(tmp_path, nazli, name, data, message):
    if data is None:
        data = nazli.read_bytes()[:2000]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        minutes.parse_file(path, ocr="never")
    assert message in str(err.value) and name in str(err.value) and "\n" not in str(err.value)


def test_encrypted_pdf(tmp_path):
    # pypdfium2 cannot write encryption; qpdf-free: an /Encrypt dictionary PDFium cannot open.
    data = _bomb(1).replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 "
                                            b"/O <00> /U <00> /P -4 >> /ID [<00><00>]")
    path = tmp_path / "locked.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        minutes.parse_file(path)
    assert "locked.pdf" in str(err.value)


def test_long_pdf_is_bounded():
    pages = read_pdf(_blank_pdf(500), "long.pdf")
    assert len(pages) == 500 and all(p.lines == [] for p in pages)
    assert MAX_PAGES >= 500


# --- the command line -------------------------------------------------------------------------

class _Terminal:
    """A stand-in for standard error on a terminal."""

    def __init__(self):
        self.text = ""

    def isatty(self):
        return True

    def write(self, s):
        self.text += s

    def flush(self):
        pass


def test_progress_on_a_terminal_only(monkeypatch, nazli):
    from minutes import cli

    term = _Terminal()
    monkeypatch.setattr("sys.stderr", term)
    minutes.parse_file(nazli, progress=cli._progress())
    assert term.text.count("\r") == 16 and term.text.endswith("page 16/16\n")
    monkeypatch.undo()
    assert cli._progress() is None  # pytest's captured stderr is not a terminal


def test_cli_reads_a_pdf_and_checks_ocr_choice(tmp_path, capsys, nazli):
    from minutes.cli import main

    out = tmp_path / "out.json"
    assert main(["parse", str(nazli), "--ocr", "never", "-o", str(out)]) == 0
    assert '"format": "pdf"' in out.read_text(encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["parse", str(nazli), "--ocr", "sometimes"])
    assert exc.value.code == 2


def test_sheet_from_a_pdf(tmp_path, nazli):
    from minutes.cli import main

    out = tmp_path / "sheet.md"
    assert main(["sheet", str(nazli), "--format", "md", "-o", str(out)]) == 0
    sheet = out.read_text(encoding="utf-8")
    assert "پایان بهمن ۹۹" in sheet and "دبیرخانه شورای هماهنگی استان" in sheet


def test_zwnj_kept_where_the_pdf_has_it(pdf_fixtures):
    """LibreOffice keeps a ZWNJ as marked content (/ActualText), which PDFium's text leaves out:
    every one comes back, in its place, and the lines read exactly as written."""
    lines = [ln.original for ln in read_any(pdf_fixtures["zwnj_libreoffice.pdf"]).lines]
    written = [ln.lstrip("# ") for ln in ZWNJ_TEXT.splitlines()]
    assert [ln.strip("*") for ln in lines] == written
    assert sum(ln.count("\u200c") for ln in lines) == ZWNJ_TEXT.count("\u200c") == 8
