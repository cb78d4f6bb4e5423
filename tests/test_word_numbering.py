"""Word's automatic list numbering read as Word shows it (minutes/read/word_numbering.py): the
numbers are not in the text, so without it every resolution of a numbered list was a bullet,
and a list that went on after a paragraph between its items started again at one."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml

import minutes
from minutes.read.readers import docx_lines

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _level(ilvl: int, fmt: str, start: int = 1) -> str:
    return f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%{ilvl + 1}-"/></w:lvl>'


def _document(lists: dict[int, str], nums: dict[int, tuple[int, int | None]], paragraphs) -> bytes:
    """A .docx whose numbering part holds ``lists`` (abstract id → its levels' XML) and ``nums``
    (list id → (abstract id, a level-0 start override or None)); ``paragraphs`` are (text,
    list id or None, level) or (text, style name)."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for aid, levels in lists.items():
        numbering.append(parse_xml(f'<w:abstractNum {_W} w:abstractNumId="{aid}">{levels}</w:abstractNum>'))
    for nid, (aid, start) in nums.items():
        override = f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>' if start else ""
        numbering.append(parse_xml(f'<w:num {_W} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{override}</w:num>'))
    for text, *how in paragraphs:
        if how and isinstance(how[0], str):
            d.add_paragraph(text, style=how[0])
            continue
        p = d.add_paragraph(text)
        if how and how[0] is not None:
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = how[1]
            num_pr.get_or_add_numId().val = how[0]
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


DECIMAL = {1: _level(0, "decimal") + _level(1, "decimal") + _level(2, "arabicAbjad")}


@pytest.mark.parametrize("lists, nums, paragraphs, lines", [
    # a list goes on past a paragraph between its items, as Word numbers it
    (DECIMAL, {1: (1, None)},
     [("مصوبات:", None, 0), ("خرید لوازم", 1, 0), ("تعمیر سقف", 1, 0), ("توضیح دبیر", None, 0), ("بیمه کارکنان", 1, 0)],
     ["مصوبات:", "1- خرید لوازم", "2- تعمیر سقف", "توضیح دبیر", "3- بیمه کارکنان"]),
    # a second list on the same definition continues it; one with a start override starts again there
    (DECIMAL, {1: (1, None), 2: (1, None), 3: (1, 5)},
     [("الف", 1, 0), ("ب", 2, 0), ("ج", 3, 0), ("د", 3, 0)],
     ["1- الف", "2- ب", "5- ج", "6- د"]),
    # a deeper level is a bullet, or a letter when it is lettered; a sub-list starts again under each item
    (DECIMAL, {1: (1, None)},
     [("بند یک", 1, 0), ("جزء", 1, 1), ("حرف", 1, 2), ("حرف", 1, 2), ("بند دو", 1, 0), ("حرف", 1, 2)],
     ["1- بند یک", "- جزء", "الف- حرف", "ب- حرف", "2- بند دو", "الف- حرف"]),
    # Word's two letter orders, a bullet, a format that shows nothing, and a list that does not exist
    ({1: _level(0, "arabicAlpha"), 2: _level(0, "arabicAbjad", start=3), 3: _level(0, "bullet"), 4: _level(0, "none")},
     {1: (1, None), 2: (2, None), 3: (3, None), 4: (4, None)},
     [("یک", 1, 0), ("دو", 1, 0), ("سه", 1, 0), ("ج", 2, 0), ("د", 2, 0), ("نقطه", 3, 0), ("ساده", 4, 0), ("بی‌فهرست", 9, 0)],
     ["الف- یک", "ب- دو", "ت- سه", "ج- ج", "د- د", "- نقطه", "ساده", "بی‌فهرست"]),
    # «List Number» numbers through its style's definition (python-docx's template has one)
    ({}, {}, [("اول", "List Number"), ("دوم", "List Number"), ("میان", None, 0), ("سوم", "List Number")],
     ["1- اول", "2- دوم", "میان", "3- سوم"]),
])
def test_list_markers_as_word_shows_them(lists, nums, paragraphs, lines):
    if not lists:  # keep python-docx's own definitions
        d = docx.Document()
        for text, *how in paragraphs:
            d.add_paragraph(text, style=how[0] if how and isinstance(how[0], str) else None)
        out = io.BytesIO()
        d.save(out)
        data = out.getvalue()
    else:
        data = _document(lists, nums, paragraphs)
    assert docx_lines(data) == lines


def test_numbered_resolutions_keep_their_row_numbers():
    """A resolutions list that Word numbers from 4 (the first three were in last session's
    minutes) gives rows 4, 5 and 6, with the paragraph between the items kept in the text."""
    data = _document(DECIMAL, {1: (1, 4)}, [
        ("صورتجلسه شورای اداری شهرستان", None, 0),
        ("مصوبات:", None, 0),
        ("مقرر شد اداره آموزش و پرورش فهرست مدارس نیازمند تعمیر را تا پایان آبان ارسال کند.", 1, 0),
        ("مقرر شد شهرداری مسیر سرویس مدارس را بازبینی کند.", 1, 0),
        ("مقرر شد فرمانداری گزارش پیشرفت را در جلسه بعد ارائه کند.", 1, 0),
    ])
    m = minutes.parse_bytes(data, "council.docx")
    assert [r.row for r in m.resolutions] == [4, 5, 6]
    assert m.resolutions[0].text.startswith("مقرر شد اداره آموزش و پرورش")
