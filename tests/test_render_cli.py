"""`minutes sheet`: the subcommand's options, outputs, exit codes and one-line errors."""

from __future__ import annotations

import argparse
import csv
import io

import docx
import openpyxl
import pytest
from sheetdata import FIXTURE, fixture003

from minutes.sheets import command as sheet_command


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="minutes")
    sheet_command.add_parser(parser.add_subparsers(dest="command"))
    return sheet_command.run(parser.parse_args(["sheet", *argv]))


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_html_to_stdout(capsys):
    assert run(str(FIXTURE), "--as-of", "۱۳۹۹/۱۱/۲۸") == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and "وضعیت در تاریخ: ۱۳۹۹/۱۱/۲۸" in out


def test_gregorian_as_of_and_csv_file(tmp_path):
    out = tmp_path / "sheet.csv"
    assert run(str(FIXTURE), "--format", "csv", "-o", str(out), "--as-of", "2021-02-16") == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 7 and rows[5]["وضعیت"] == "سررسید گذشته" and rows[5]["روز"] == "2"


def test_xlsx_by_actor_with_status_file(tmp_path):
    status = tmp_path / "status.yaml"
    status.write_text("- id: 1399-11-21-s6-r6\n  status: انجام شده\n", encoding="utf-8")
    out = tmp_path / "sheet.xlsx"
    assert run(str(FIXTURE), "-f", "xlsx", "-o", str(out), "--by", "actor", "--status", str(status),
               "--as-of", "1399-11-28") == 0
    wb = openpyxl.load_workbook(out)
    assert len(wb.sheetnames) == 8
    assert wb.worksheets[5]["J2"].value == "انجام‌شده"


def test_several_files_combined(tmp_path):
    second = tmp_path / "s7.json"
    m = fixture003()
    m.header.session_number = 7
    for r in m.resolutions:
        r.id = r.id.replace("-s6-", "-s7-")
    second.write_text(m.model_dump_json(), encoding="utf-8")
    out = tmp_path / "both.md"
    assert run(str(FIXTURE), str(second), "-f", "md", "-o", str(out), "--as-of", "1399-11-28") == 0
    text = out.read_text(encoding="utf-8")
    assert text.count("`1399-11-21-s6-r") == 7 and text.count("`1399-11-21-s7-r") == 7


def test_docx_letters_into_a_directory(tmp_path, capsys):
    out = tmp_path / "letters"
    assert run(str(FIXTURE), "-f", "docx", "--by", "actor", "-o", str(out)) == 0
    files = sorted(out.glob("*.docx"))
    assert len(files) == 7 and files[0].name.startswith("01-")
    assert len(docx.Document(files[0]).tables) == 1
    assert "wrote 7 letters" in capsys.readouterr().err


def test_docx_single_file(tmp_path):
    out = tmp_path / "letters.docx"
    assert run(str(FIXTURE), "-f", "docx", "--by", "actor", "-o", str(out)) == 0
    assert len(docx.Document(out).tables) == 7


@pytest.mark.parametrize("argv, words", [
    (["missing.json"], "missing.json"),
    ([str(FIXTURE), "--as-of", "tomorrow"], "not a date"),
    ([str(FIXTURE), "--templates", "/nonexistent/dir"], "templates directory not found"),
])
def test_errors_are_one_line_exit_2(capsys, argv, words):
    assert run(*argv) == 2
    assert words in one_line_error(capsys)


def test_bad_status_file_names_file_and_line(tmp_path, capsys):
    status = tmp_path / "status.csv"
    status.write_text("id,status\n1399-11-21-s6-r1,done\n1399-11-21-s6-r99,done\n", encoding="utf-8")
    assert run(str(FIXTURE), "--status", str(status)) == 2
    assert f"{status}:3: unknown resolution id '1399-11-21-s6-r99'" in one_line_error(capsys)


def test_bad_json_and_bad_template(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"resolutions": [{"row": 1}]}', encoding="utf-8")
    assert run(str(bad)) == 2
    assert "not a minutes JSON" in one_line_error(capsys)
    (tmp_path / "sheet.html.j2").write_text("{{ nothing.here }}", encoding="utf-8")
    assert run(str(FIXTURE), "--templates", str(tmp_path)) == 2
    assert "nothing" in one_line_error(capsys)
