"""The issue's scenario, through the command line, on SQLite and on PostgreSQL: three
meetings of one body and one of another are imported; statuses come back through the
register's own XLSX, edited; a revised version of a meeting is imported again; the
carry-over list for the body's fourth meeting; letters per unit. Every count is checked."""

from __future__ import annotations

import io
import json

import docx
import pytest
from pgserver import postgres_server, postgres_url  # noqa: F401 - fixtures
from registerdata import BOARD, COUNCIL, meeting

from minutes.cli import main
from minutes.register.identity import meeting_key
from minutes.sheets.render import words

THREE = "اتاق اصناف، اداره کل صمت و فرمانداری"
S10 = [(1, "فرمانداری نسبت به ساماندهی بازار روز اقدام نماید.", "فرمانداری", "یک ماه"),
       (2, "طرح نظارت بر قیمت کالاهای اساسی اجرا شود.", THREE, "تا پایان خرداد ۱۴۰۲",
        ["اتاق اصناف", "اداره کل صمت", "فرمانداری"]),
       (3, "شهرداری محل جدید بازارچه را معرفی کند.", "شهرداری", "جلسه بعد")]
S11 = [(1, "گزارش بازرسی واحدهای صنفی به دبیرخانه ارسال شود.", "اداره‌کل صمت", "دو هفته"),
       (2, "شهرداری نسبت به رفع سد معبر اقدام کند.", "شهرداری", "یک ماه"),
       (3, "برنامه تنظیم بازار ماه رمضان تدوین شود.", "فرمانداری", "تا پایان سال")]
S12 = [(1, "بانک ملی تسهیلات واحدهای آسیب‌دیده را پرداخت کند.", "بانک ملی", "یک هفته"),
       (2, "اتاق اصناف فهرست متقاضیان را اعلام کند.", "اتاق اصناف", "دو ماه")]
B5 = [(1, "گزارش مالی سه ماهه تهیه شود.", "مدیر مالی", "یک ماه"),
      (2, "وام سرمایه در گردش از بانک ملی پیگیری شود.", "بانک ملی", "تا پایان سال")]
NEW = (1, "آموزش و پرورش برنامه آموزش حقوق مصرف‌کننده را اجرا کند.", "آموزش و پرورش", "یک ماه")


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "register.sqlite")
    return request.getfixturevalue("postgres_url")


def _write(tmp_path, name, m):
    path = tmp_path / f"{name}.json"
    path.write_text(m.model_dump_json(), encoding="utf-8")
    return str(path)


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out, err


def test_scenario(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MINUTES_DB", db)
    m10 = meeting(COUNCIL, "1402-01-20", 10, S10)
    m11 = meeting(COUNCIL, "1402-02-20", 11, S11)
    m12 = meeting(COUNCIL, "1402-03-20", 12, S12)
    b5 = meeting(BOARD, "1402-02-25", 5, B5)
    k10, k11, k12, kb = (meeting_key(m) for m in (m10, m11, m12, b5))
    files = [_write(tmp_path, n, m) for n, m in (("s10", m10), ("s11", m11), ("s12", m12), ("b5", b5))]

    # 1. import: four meetings, ten resolutions, seven units (three named in one cell; the
    #    ZWNJ spelling of «اداره کل صمت» is the same unit)
    _, err = _run(capsys, "register", "add", *files)
    assert [ln.split(" ")[1:3] for ln in err.splitlines()[:4]] == [
        ["added", k10], ["added", k11], ["added", k12], ["added", kb]]
    _, err = _run(capsys, "register", "add", *files)
    assert err.count("unchanged") == 4
    out, _ = _run(capsys, "register", "actors")
    units = {line.split("\t")[1]: int(line.split("\t")[0]) for line in out.splitlines()}
    assert units == {"فرمانداری": 3, "اتاق اصناف": 2, "اداره کل صمت": 2, "شهرداری": 2,
                     "بانک ملی": 2, "مدیر مالی": 1}
    out, _ = _run(capsys, "register", "list", "--json", "--as-of", "1402-03-25")
    items = json.loads(out)
    assert len(items) == 10
    assert sorted(i["id"] for i in items if i["status"] == "overdue") == [
        f"{k10}-r1", f"{k11}-r1", f"{k11}-r2"]
    assert sorted(i["id"] for i in items if i["status"] == "due_soon") == [  # within 7 days
        f"{k10}-r2", f"{kb}-r1", f"{k12}-r1"]

    # 2. statuses through the register's XLSX, edited as a clerk does (or its blank template)
    template = tmp_path / "template.csv"
    _run(capsys, "register", "sheet", "--status-template", "--meeting", k12, "-o", str(template))
    lines = template.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 3 and lines[1].startswith(f"{k12}-r1,")
    sheet = tmp_path / "sheet.xlsx"
    _run(capsys, "register", "sheet", "-f", "xlsx", "-o", str(sheet), "--as-of", "1402-03-25")
    from openpyxl import load_workbook

    wb = load_workbook(sheet)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    col_id, col_st = header.index(words("columns")["id"]) + 1, header.index(words("columns")["status"]) + 1
    assert ws.max_row == 11
    st = words("statuses")
    edits = {f"{k10}-r1": st["done"], f"{k10}-r3": "لغو شد", f"{k11}-r2": st["in_progress"]}
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, col_id).value in edits:
            ws.cell(r, col_st).value = edits[ws.cell(r, col_id).value]
    wb.save(sheet)
    _, err = _run(capsys, "register", "status", "--file", str(sheet))
    assert err.strip() == f"{sheet}: 3 statuses read, 3 changed"
    _, err = _run(capsys, "register", "status", "--file", str(sheet))
    assert err.strip() == f"{sheet}: 3 statuses read, 0 changed"  # the same file again
    out, _ = _run(capsys, "register", "list", "--json", "--as-of", "1402-03-25", "--overdue")
    assert sorted(i["id"] for i in json.loads(out)) == [f"{k11}-r1", f"{k11}-r2"]  # s10 r1 done

    # 3. a revised version of session 11: a resolution inserted at the top, the last dropped
    revised = meeting(COUNCIL, "1402-02-20", 11, [NEW] + [(i + 1, *r[1:]) for i, r in enumerate(S11[:2], 1)])
    _, err = _run(capsys, "register", "add", _write(tmp_path, "s11-revised", revised))
    assert f"revised {k11} (1 new, 2 moved, 1 gone; 1 statuses carried)" in err.replace(
        "(2 moved, 1 new", "(1 new, 2 moved")
    out, _ = _run(capsys, "register", "list", "--json", "--meeting", k11, "--as-of", "1402-03-25")
    got = [(i["row"], i["progress"], i["units"]) for i in json.loads(out)]
    assert sorted(got) == [(1, "open", ["آموزش و پرورش"]), (2, "open", ["اداره کل صمت"]),
                           (3, "in_progress", ["شهرداری"])]

    # 4. carry-over for the council's fourth meeting: its open resolutions of earlier meetings
    out, err = _run(capsys, "register", "carry-over", "--as-of", "1402-04-20", "--body", COUNCIL)
    assert err.strip() == "6 open resolutions carried over"  # s10: 1, s11: 3, s12: 2
    assert out.splitlines()[0] == words("labels")["carry_over"]
    assert out.count(f"({k10})") == 1 and S10[1][1] in out and S10[0][1] not in out
    assert S10[2][1] not in out and B5[0][1] not in out

    # 5. letters per unit: each body of the three-body cell has its own
    letters = tmp_path / "letters"
    _, err = _run(capsys, "register", "sheet", "-f", "docx", "--by", "actor", "-o", str(letters),
                  "--as-of", "1402-04-20", "--letter-number", "۴۵۶")
    assert err.strip() == f"wrote 7 letters to {letters}"
    rows = {}
    for f in sorted(letters.iterdir()):
        document = docx.Document(io.BytesIO(f.read_bytes()))
        to = next(p.text for p in document.paragraphs if p.text.startswith(words("labels")["letter_to"] + ":"))
        rows[to.split(": ", 1)[1]] = len(document.tables[0].rows) - 1
    assert rows == {"فرمانداری": 2, "اتاق اصناف": 2, "اداره کل صمت": 2, "شهرداری": 2,
                    "بانک ملی": 2, "مدیر مالی": 1, "آموزش و پرورش": 1}
