"""Statuses round trip through what clerks use: the CSV and XLSX `minutes sheet` writes,
edited and read back (Persian or English headers; UTF-8, BOM, UTF-16, cp1256), the blank
template, «لغو شد»; and the sheet's warnings, --strict and --meeting-date."""

from __future__ import annotations

import io

import pytest
from sheetdata import fixture003

from minutes.cli import main
from minutes.errors import InputError
from minutes.sheets.render import render, words
from minutes.sheets.statusfile import decode, status_template
from minutes.sheets.track import load_statuses, parse_day, track

IDS = [f"1399-11-21-s6-r{i}" for i in range(1, 8)]
AS_OF = "1399-11-28"


def _edited_xlsx(tmp_path, changes: dict[int, str], notes: dict[int, str] | None = None):
    """The XLSX sheet of seed 003 with the status cells of some rows changed, as a clerk
    does with the drop-down."""
    from openpyxl import load_workbook

    data = render(fixture003(), "xlsx", as_of=AS_OF)
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    col = header.index(words("columns")["status"]) + 1
    note = header.index(words("columns")["note"]) + 1
    for r in range(2, ws.max_row + 1):
        row = ws.cell(r, 1).value
        if row in changes:
            ws.cell(r, col).value = changes[row]
        if notes and row in notes:
            ws.cell(r, note).value = notes[row]
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    return path


def test_edited_xlsx_is_a_status_file(tmp_path):
    st = words("statuses")
    path = _edited_xlsx(tmp_path, {1: st["done"], 2: st["cancelled"], 4: st["in_progress"]},
                        {4: "نامه ارسال شد"})
    got = load_statuses(path, known_ids=IDS)
    assert {k: (v.status, v.note) for k, v in got.items()} == {
        IDS[0]: ("done", None), IDS[1]: ("cancelled", None), IDS[3]: ("in_progress", "نامه ارسال شد")}
    statuses = {t.resolution.row: t.status for t in track([fixture003()], parse_day(AS_OF), got)}
    assert statuses == {1: "done", 2: "cancelled", 3: "open", 4: "open", 5: "open", 6: "overdue",
                        7: "open"}


def test_an_unedited_sheet_states_nothing(tmp_path):
    assert load_statuses(_edited_xlsx(tmp_path, {}), known_ids=IDS) == {}


def _edited_csv() -> str:
    text = render(fixture003(), "csv", as_of=AS_OF)
    lines = text.split("\r\n")
    lines[1] = lines[1].replace(words("statuses")["due_soon"], "انجام شد")  # row 1
    lines[6] = lines[6].replace(words("statuses")["overdue"], "لغو شد")  # row 6
    return "\r\n".join(lines)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256"])
def test_edited_csv_in_every_encoding_excel_saves(tmp_path, encoding):
    text = _edited_csv().lstrip("\ufeff")
    if encoding == "utf-16-le":  # Excel's «Unicode Text»: tab-separated, no BOM here
        text = text.replace(",", "\t")
    path = tmp_path / "status.csv"
    if encoding == "cp1256":  # no Persian yeh, keheh or digits there: Excel saves near forms
        data = text.translate(str.maketrans("یک", "يك")).encode(encoding, errors="replace")
    else:
        data = text.encode(encoding)
    path.write_bytes(data)
    got = load_statuses(path, known_ids=IDS)
    assert {k: v.status for k, v in got.items()} == {IDS[0]: "done", IDS[5]: "cancelled"}


@pytest.mark.parametrize("header", [
    "id,status,done_on,note", "شناسه,وضعیت,تاریخ انجام,یادداشت", "ID,Status,Done-On,Note",
    "شناسه,وضعیت,تاریخ‌انجام,یادداشت",
])
def test_persian_or_english_headers(tmp_path, header):
    path = tmp_path / "s.csv"
    path.write_text(f"{header}\n{IDS[2]},انجام‌شده,۱۳۹۹/۱۱/۲۵,تمام\n", encoding="utf-8")
    entry = load_statuses(path, known_ids=IDS)[IDS[2]]
    assert (entry.status, entry.done_on.isoformat(), entry.note) == ("done", "1399-11-25", "تمام")


def test_decode_refuses_what_no_encoding_reads():
    assert decode("شناسه".encode("cp1256"), "x.csv") == "شناسه"
    assert decode("وضعيت".encode("cp1256"), "x.csv") == "وضعیت"
    assert decode("id,وضعیت".encode("utf-16-le"), "x.csv") == "id,وضعیت"
    assert decode(b"\xef\xbb\xbfid", "x.csv") == "id"


def test_blank_template_filled_in_is_read_back(tmp_path):
    text = status_template([fixture003()])
    lines = text.lstrip("\ufeff").split("\r\n")
    assert lines[0].split(",")[:3] == [words("columns")[k] for k in ("id", "meeting", "row")]
    assert len([ln for ln in lines if ln]) == 8  # header and seven resolutions
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    assert load_statuses(path, known_ids=IDS) == {}  # blank: nothing said
    filled = text.replace(f"{IDS[4]},", f"{IDS[4]},", 1).split("\r\n")
    i = next(i for i, ln in enumerate(filled) if ln.startswith(IDS[4]))
    cells = filled[i].rsplit(",", 3)
    filled[i] = f"{cells[0]},لغو شد,,منتفی شد به دلیل تغییر قانون"
    path.write_text("\r\n".join(filled), encoding="utf-8")
    got = load_statuses(path, known_ids=IDS)
    assert {k: (v.status, v.note) for k, v in got.items()} == {
        IDS[4]: ("cancelled", "منتفی شد به دلیل تغییر قانون")}


def test_sheet_cli_writes_a_template_and_reads_its_own_xlsx(tmp_path, capsys):
    src = tmp_path / "m.json"
    src.write_text(fixture003().model_dump_json(), encoding="utf-8")
    out = tmp_path / "t.csv"
    assert main(["sheet", str(src), "--status-template", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("\ufeff" + words("columns")["id"])
    edited = _edited_xlsx(tmp_path, {6: words("statuses")["done"]})
    html = tmp_path / "s.md"
    assert main(["sheet", str(src), "-f", "md", "--as-of", AS_OF, "--status", str(edited),
                 "-o", str(html)]) == 0
    row6 = next(ln for ln in html.read_text(encoding="utf-8").splitlines() if ln.startswith("| ۶ |"))
    assert words("statuses")["done"] in row6 and words("statuses")["overdue"] not in row6


def test_a_bad_status_in_an_edited_xlsx_names_sheet_and_line(tmp_path):
    path = _edited_xlsx(tmp_path, {3: "تمام و کمال"})
    with pytest.raises(InputError) as err:
        load_statuses(path, known_ids=IDS)
    assert err.value.line == 4 and "unknown status" in err.value.message and "[" in err.value.path


# --- warnings, --strict, --meeting-date ------------------------------------------------------

def _undated(tmp_path):
    m = fixture003()
    m.header.meeting.date = None
    m.resolutions[0].actor, m.resolutions[0].actors = None, []
    path = tmp_path / "undated.json"
    path.write_text(m.model_dump_json(), encoding="utf-8")
    return path


def test_sheet_summarizes_warnings_and_strict_exits_1(tmp_path, capsys):
    path = _undated(tmp_path)
    assert main(["sheet", str(path), "-f", "md", "-o", str(tmp_path / "o.md")]) == 0
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "warnings: 1 meetings without a date, 1 resolutions without actor"
    assert main(["sheet", str(path), "-f", "md", "-o", str(tmp_path / "o.md"), "--strict"]) == 1
    assert "2 warnings (--strict)" in capsys.readouterr().err


def test_duplicate_ids_across_files_are_warned(tmp_path, capsys):
    src = tmp_path / "m.json"
    src.write_text(fixture003().model_dump_json(), encoding="utf-8")
    copy = tmp_path / "m2.json"
    copy.write_text(fixture003().model_dump_json(), encoding="utf-8")
    assert main(["sheet", str(src), str(copy), "-f", "csv", "-o", str(tmp_path / "o.csv")]) == 0
    assert capsys.readouterr().err.startswith("warnings: 7 duplicate ids")


def test_meeting_date_supplies_the_missing_date(tmp_path, capsys):
    path = _undated(tmp_path)
    out = tmp_path / "o.csv"
    assert main(["sheet", str(path), "-f", "csv", "-o", str(out), "--as-of", "1399-11-28",
                 "--meeting-date", "۱۳۹۹/۱۱/۲۱"]) == 0
    err = capsys.readouterr().err
    assert "without a date" not in err and "1 resolutions without actor" in err
    text = out.read_text(encoding="utf-8")
    assert "1399-11-21-s6-r3" in text and "1399-12-21" in text  # «یک ماه» resolved from the date
