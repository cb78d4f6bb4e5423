"""Letters and calendars people import: Word letters (column widths, number, date, «رونوشت»
to the supervisor, wording from an overridable template), one per unit (a cell naming
several bodies gives each its letter; spellings of one body are one unit), and ICS events
with alarms beside the tasks."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn
from icalendar import Calendar
from sheetdata import fixture003

from minutes.sheets.units import Directory, unit_key
from minutes.sheets.ics import ALARM_DAYS
from minutes.sheets.render import render, render_per_actor, words
from minutes.text.vocab import use_vocab

AS_OF = "1399-11-28"


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_letter_table_has_its_widths_in_the_grid_and_the_cells():
    data = render(fixture003(), "docx", as_of=AS_OF)
    table = docx.Document(io.BytesIO(data)).tables[0]
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(grid) == 5 and grid[1] == max(grid) and grid[1] > 2 * grid[2]  # text widest
    assert abs(sum(grid) - 11339) <= 5  # 20 cm in twips: the page between its margins
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    cells = [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in table._tbl.tr_lst[1].tc_lst]
    assert cells == grid


def test_letter_number_date_and_copy_to_the_supervisor():
    data = render(fixture003(), "docx", as_of=AS_OF, letter_number="۱۲۳/ش")
    texts = _texts(docx.Document(io.BytesIO(data)))
    lab = words("labels")
    letters = texts.count(lab["letter_title"])
    assert letters == 7
    numbers = [t for t in texts if t.startswith(lab["letter_number"] + ":")]
    assert numbers[:2] == [f"{lab['letter_number']}: ۱۲۳/ش/۱", f"{lab['letter_number']}: ۱۲۳/ش/۲"]
    assert len(numbers) == 7 and f"{lab['date']}: ۱۳۹۹/۱۱/۲۸" in texts
    copies = [t for t in texts if t.startswith(lab["copy_to"] + ":")]
    assert len(copies) == 7  # each letter: its row's supervisor
    assert copies[0] == f"{lab['copy_to']}: دبیرخانه شورای هماهنگی {lab['supervisor_copy']}"


def test_letter_wording_from_a_template_the_user_overrides(tmp_path):
    (tmp_path / "letter.docx.j2").write_text(
        "[center bold 14] نامه به {{ actor }}\n[[table]]\nبا تشکر\n", encoding="utf-8")
    data = render(fixture003(), "docx", as_of=AS_OF, templates=tmp_path)
    document = docx.Document(io.BytesIO(data))
    texts = [t for t in _texts(document) if t]
    assert texts[0] == f"نامه به {fixture003().resolutions[0].actor}" and texts[1] == "با تشکر"
    assert len(document.tables) == 7


def _three_bodies():
    m = fixture003()
    r = m.resolutions[0]
    r.actor = "اتاق اصناف، اداره کل صمت و فرمانداری"
    r.actors = ["اتاق اصناف", "اداره کل صمت", "فرمانداری"]
    m.resolutions[2].actors = ["فرمانداری"]
    m.resolutions[2].actor = "فرمانداری"
    return m


def test_a_cell_naming_three_bodies_gives_each_its_letter():
    parts = render_per_actor(_three_bodies(), "docx", as_of=AS_OF)
    names = [a for a, _ in parts]
    assert names[:3] == ["اتاق اصناف", "اداره کل صمت", "فرمانداری"]
    assert len(names) == 8  # seven rows, one naming three bodies, one of which has another row
    tables = {a: docx.Document(io.BytesIO(d)).tables[0] for a, d in parts}
    assert len(tables["فرمانداری"].rows) == 3 and len(tables["اتاق اصناف"].rows) == 2


def test_spellings_of_one_body_are_one_unit():
    assert unit_key("معاونت محترم وزیر") == unit_key("معاونت وزير")
    assert unit_key("اداره‌کل صمت") == unit_key("اداره کل  صمت")
    d = Directory({"مدیران کل وزارت متبوع در استان": ["مدیران کلوزارت متبوع در استان خوزستان"]})
    assert d.unit("مدیران کلوزارت متبوع در استان خوزستان") == "مدیران کل وزارت متبوع در استان"
    assert d.unit("اداره ناشناخته") == "اداره ناشناخته"


def test_user_alias_file_joins_seed_rows_1_and_6(tmp_path):
    seed = fixture003()
    one, six = seed.resolutions[0].actor, seed.resolutions[5].actor
    assert len(render_per_actor(seed, "docx", as_of=AS_OF)) == 7
    (tmp_path / "actors.toml").write_text(f'[aliases]\nmodiran = ["{one}", "{six}"]\n', encoding="utf-8")
    try:
        use_vocab(tmp_path)
        parts = render_per_actor(fixture003(), "docx", as_of=AS_OF)
    finally:
        import os

        os.environ.pop("MINUTES_VOCAB", None)
        use_vocab(None)
    assert len(parts) == 6 and parts[0][0] == one
    assert len(docx.Document(io.BytesIO(parts[0][1])).tables[0].rows) == 3  # header, rows 1 and 6


def test_ics_has_an_all_day_event_with_an_alarm_beside_each_task():
    cal = Calendar.from_ical(render(fixture003(), "ics", as_of=AS_OF,
                                    statuses={"1399-11-21-s6-r4": "done"}))
    todos, events = cal.walk("VTODO"), cal.walk("VEVENT")
    assert len(todos) == len(events) == 6  # the dated rows
    by_uid = {e["uid"]: e for e in events}
    for t in todos:
        e = by_uid[t["uid"].replace("@minutes", "-event@minutes")]
        start = e.decoded("dtstart")
        assert start == t.decoded("due") and not hasattr(start, "hour")  # a date: all day
        assert (e.decoded("dtend") - start).days == 1
    alarms = [(e["uid"], a.decoded("trigger")) for e in events for a in e.walk("VALARM")]
    assert len(alarms) == 5  # not for the one done
    assert all(t.days == -ALARM_DAYS for _, t in alarms)
    assert [t["status"] for t in todos if t["uid"].startswith("1399-11-21-s6-r4")] == ["COMPLETED"]


@pytest.mark.parametrize("status, expected", [("cancelled", "CANCELLED"), ("in_progress", "IN-PROCESS")])
def test_ics_task_status(status, expected):
    cal = Calendar.from_ical(render(fixture003(), "ics", as_of=AS_OF,
                                    statuses={"1399-11-21-s6-r1": status}))
    todo = next(t for t in cal.walk("VTODO") if t["uid"].startswith("1399-11-21-s6-r1@"))
    assert todo["status"] == expected


def test_letters_in_files_of_their_own_each_have_their_number():
    parts = render_per_actor(fixture003(), "docx", as_of=AS_OF, letter_number="۹۹")
    lab = words("labels")
    numbers = [next(p.text for p in docx.Document(io.BytesIO(d)).paragraphs
                    if p.text.startswith(lab["letter_number"] + ":")) for _, d in parts]
    assert numbers == [f"{lab['letter_number']}: ۹۹/{i}".translate(str.maketrans("1234567", "۱۲۳۴۵۶۷"))
                       for i in range(1, 8)]


def test_libreoffice_lays_the_letter_table_out_with_our_widths(tmp_path):
    """LibreOffice (``make office`` installs it) opens the letter and keeps the text column the
    widest: with python-docx's equal grid it made five equal columns."""
    import re
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice not found: `make office` (apt-get install libreoffice-writer-nogui)")
    letter = tmp_path / "letter.docx"
    letter.write_bytes(render(fixture003(), "docx", as_of=AS_OF))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "html", "--outdir", str(tmp_path), str(letter)],
                   check=True, capture_output=True, timeout=300)
    html = (tmp_path / "letter.html").read_text(encoding="utf-8", errors="replace")
    widths = [int(w) for w in re.findall(r'<col width="(\d+)"', html)[:5]]
    assert len(widths) == 5
    assert widths[1] == max(widths) and widths[1] > 2 * widths[2]
    assert 0.35 < widths[1] / sum(widths) < 0.5  # 8.6 of 20 cm; equal columns would be 0.2
    assert widths[0] == min(widths)
