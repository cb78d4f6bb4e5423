"""XLSX and DOCX sheets: opened back with openpyxl and python-docx, checked against seed 003."""

from __future__ import annotations

import datetime as dt
import io

import docx
import jdatetime
import openpyxl
import pytest
from docx.oxml.ns import qn
from sheetdata import DUE, fixture003, seed003

import minutes
from minutes.text.normalize import to_persian_digits

AS_OF = "1399-11-28"


@pytest.fixture(scope="module")
def seed():
    return seed003()


def _gregorian(jalali: str) -> dt.date:
    return jdatetime.date(*(int(x) for x in jalali.split("-"))).togregorian()


# --- XLSX ----------------------------------------------------------------------------------

def _records(ws) -> list[dict]:
    head = [c.value for c in ws[1]]
    return [dict(zip(head, (c.value for c in row))) for row in ws.iter_rows(min_row=2)]


@pytest.fixture(scope="module")
def book(seed):
    data = minutes.render(seed, "xlsx", as_of=AS_OF)
    assert isinstance(data, bytes)
    return openpyxl.load_workbook(io.BytesIO(data))


def test_xlsx_rows(seed, book):
    ws = book.worksheets[0]
    rows = _records(ws)
    assert len(rows) == 7
    for res, row in zip(seed.resolutions, rows):
        assert row["شناسه"] == res.id and row["ردیف"] == res.row
        assert row["اقدام کننده"] == res.actor and row["مسئول نظارت"] == res.supervisor
        assert row["شرح مصوبه"] == res.text and row["مهلت"] == res.deadline.text
        due = DUE[res.row]
        assert row["تاریخ سررسید"] == (due.replace("-", "/") if due else None)  # Jalali column
        got = row["تاریخ میلادی"]  # a real date cell
        assert (got.date() if got else None) == (_gregorian(due) if due else None)
    assert [r["وضعیت"] for r in rows][:2] == ["نزدیک سررسید", "بدون تاریخ"]


def test_xlsx_layout(book):
    ws = book.worksheets[0]
    assert ws.sheet_view.rightToLeft is True
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}8"
    head = {c.value: c.column_letter for c in ws[1]}
    assert ws.column_dimensions[head["شرح مصوبه"]].width == 62  # capped, wrapped
    assert 8 <= ws.column_dimensions[head["ردیف"]].width <= 10
    assert ws[f"{head['شرح مصوبه']}2"].alignment.wrap_text
    assert ws[f"{head['تاریخ میلادی']}2"].number_format == "yyyy-mm-dd"
    [dv] = ws.data_validations.dataValidation
    assert dv.type == "list" and head["وضعیت"] + "2" in str(dv.sqref)
    assert "انجام‌شده" in dv.formula1 and "سررسید گذشته" in dv.formula1


def test_xlsx_summary_sheet(book):
    ws = book.worksheets[-1]
    assert ws.title == "خلاصه وضعیت" and ws.sheet_view.rightToLeft
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert ["کل", 7] in [v[:2] for v in values]
    assert ["سررسید گذشته", 1] in [v[:2] for v in values]


def test_xlsx_by_actor_one_sheet_each(seed):
    wb = openpyxl.load_workbook(io.BytesIO(minutes.render(seed, "xlsx", as_of=AS_OF, by="actor")))
    actors = list(dict.fromkeys(r.actor for r in seed.resolutions))
    assert len(wb.sheetnames) == len(actors) + 1
    for ws, actor in zip(wb.worksheets, actors):
        rows = _records(ws)
        assert rows and {r["اقدام کننده"] for r in rows} == {actor}
        assert ws.sheet_view.rightToLeft and ws.freeze_panes == "A2"
        assert len(ws.title) <= 31
    assert sum(len(_records(ws)) for ws in wb.worksheets[:-1]) == 7


def test_xlsx_formula_injection_stays_text():
    m = fixture003()
    m.resolutions[0].text = '=HYPERLINK("http://evil.example","x")'
    ws = openpyxl.load_workbook(io.BytesIO(minutes.render(m, "xlsx", as_of=AS_OF))).worksheets[0]
    head = {c.value: c.column_letter for c in ws[1]}
    cell = ws[f"{head['شرح مصوبه']}2"]
    assert cell.data_type == "s" and cell.value == m.resolutions[0].text and cell.quotePrefix


# --- DOCX ----------------------------------------------------------------------------------

def _pages(document) -> list[list]:
    """Body blocks (paragraphs and tables) split at page breaks."""
    pages, current = [], []
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p") and block.xpath(".//w:br[@w:type='page']"):
            pages.append(current)
            current = []
        elif block.tag in (qn("w:p"), qn("w:tbl")):
            current.append(block)
    pages.append(current)
    return pages


def _text(block) -> str:
    return "".join(t.text or "" for t in block.iter(qn("w:t")))


def test_docx_one_letter_per_actor(seed):
    data = minutes.render(seed, "docx", as_of=AS_OF)
    document = docx.Document(io.BytesIO(data))
    actors = list(dict.fromkeys(r.actor for r in seed.resolutions))
    pages = _pages(document)
    assert len(pages) == len(actors) == len(document.tables)
    signer = seed.closing.signatories[0].name
    for page, actor, table in zip(pages, actors, document.tables):
        texts = [_text(b) for b in page]
        assert texts[:len(seed.header.organization)] == seed.header.organization  # letterhead
        assert "ابلاغ مصوبات" in texts and f"به: {actor}" in texts
        assert signer in texts
        rows = [[c.text for c in r.cells] for r in table.rows]
        assert rows[0] == ["ردیف", "شرح مصوبه", "مسئول نظارت", "مهلت", "وضعیت"]
        mine = [r for r in seed.resolutions if r.actor == actor]
        assert len(rows) == 1 + len(mine)
        for res, row in zip(mine, rows[1:]):
            assert row[0] == to_persian_digits(str(res.row)) and res.text in row[1]
            assert row[2] == res.supervisor and res.deadline.text in row[3]
            if DUE[res.row]:
                assert to_persian_digits(DUE[res.row].replace("-", "/")) in row[3]


def test_docx_is_right_to_left(seed):
    document = docx.Document(io.BytesIO(minutes.render(seed, "docx", as_of=AS_OF)))
    body = document.element.body
    paragraphs = body.findall(".//" + qn("w:p"))
    assert paragraphs and all(p.find(qn("w:pPr") + "/" + qn("w:bidi")) is not None
                              for p in paragraphs if _text(p))
    assert all(r.find(qn("w:rPr") + "/" + qn("w:rtl")) is not None
               for r in body.iter(qn("w:r")) if r.find(qn("w:t")) is not None)
    assert all(t._tbl.tblPr.find(qn("w:bidiVisual")) is not None for t in document.tables)


def test_docx_per_actor_files(seed):
    from minutes.sheets.render import render_per_actor

    parts = render_per_actor(seed, "docx", as_of=AS_OF)
    actors = list(dict.fromkeys(r.actor for r in seed.resolutions))
    assert [a for a, _ in parts] == actors
    for actor, data in parts:
        document = docx.Document(io.BytesIO(data))
        assert len(document.tables) == 1
        assert f"به: {actor}" in [p.text for p in document.paragraphs]
