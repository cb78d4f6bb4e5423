"""Tracking: status as of a date, the status file, the summary."""

from __future__ import annotations

import datetime as dt

import jdatetime
import pytest
from sheetdata import DUE, KIND, fixture003, seed003

from minutes.errors import InputError
from minutes.sheets.track import (load_statuses, parse_day, parse_statuses, summarize, track)

D = jdatetime.date


@pytest.mark.parametrize("text, expected", [
    ("1399-12-01", D(1399, 12, 1)),
    ("۱۳۹۹/۱۲/۰۱", D(1399, 12, 1)),
    ("99/12/1", D(1399, 12, 1)),
    ("2021-02-19", D(1399, 12, 1)),
    (dt.date(2021, 2, 19), D(1399, 12, 1)),
    (D(1399, 12, 1), D(1399, 12, 1)),
])
def test_parse_day(text, expected):
    assert parse_day(text) == expected


@pytest.mark.parametrize("text", ["fardā", "1399-13-01", "1399-12", "2021-02-30"])
def test_parse_day_rejects(text):
    with pytest.raises(ValueError):
        parse_day(text)


def _statuses(m, as_of, statuses=None):
    return {t.resolution.row: (t.status, t.days) for t in track([m], parse_day(as_of), statuses)}


def test_seed_resolutions_carry_ids_and_deadlines():
    m = seed003()
    assert {r.row: (r.deadline.kind, r.deadline.jalali) for r in m.resolutions} == \
        {row: (KIND[row], DUE[row]) for row in DUE}
    assert [r.id for r in m.resolutions] == [f"1399-11-21-s6-r{i}" for i in range(1, 8)]
    assert [r.id for r in seed003().resolutions] == [r.id for r in m.resolutions]  # stable


@pytest.mark.parametrize("row", [r for r, due in DUE.items() if due])
@pytest.mark.parametrize("offset, status, days", [
    (-30, "open", 30), (-8, "open", 8), (-7, "due_soon", 7), (-1, "due_soon", 1),
    (0, "due_soon", 0), (1, "overdue", 1), (40, "overdue", 40),
])
def test_status_around_each_seed_deadline(row, offset, status, days):
    m = seed003()
    as_of = parse_day(DUE[row]) + jdatetime.timedelta(days=offset)
    assert _statuses(m, as_of)[row] == (status, days)


@pytest.mark.parametrize("as_of", ["1399-11-01", "1399-11-30", "1400-06-01"])
def test_undated_rows_stay_undated(as_of):
    assert _statuses(seed003(), as_of)[2] == ("undated", None)


def test_seed_statuses_on_a_fixed_day():
    got = _statuses(seed003(), "1399-11-28")
    assert got == {1: ("due_soon", 2), 2: ("undated", None), 3: ("open", 23), 4: ("open", 32),
                   5: ("open", 32), 6: ("overdue", 2), 7: ("open", 32)}


def test_status_file_marks_done_and_progress(tmp_path):
    m = fixture003()
    path = tmp_path / "status.csv"
    path.write_text("\ufeffid,status,done_on,note\n"
                    "1399-11-21-s6-r6,انجام شده,۱۳۹۹/۱۱/۲۵,فرم ها ارسال شد\n"
                    "1399-11-21-s6-r1,done,,\n"
                    "# a comment line\n"
                    "\n"
                    "1399-11-21-s6-r4,در حال اقدام,,\n"
                    "1399-11-21-s6-r3,blocked,,منتظر سامانه\n", encoding="utf-8")
    statuses = load_statuses(path, known_ids=[r.id for r in m.resolutions])
    assert statuses["1399-11-21-s6-r6"].done_on == D(1399, 11, 25)
    assert statuses["1399-11-21-s6-r4"].line == 6
    tracked = {t.resolution.row: t for t in track([m], D(1399, 12, 15), statuses)}
    assert tracked[6].status == "done" and tracked[6].done_on == D(1399, 11, 25)
    assert tracked[1].status == "done"
    assert (tracked[4].status, tracked[4].progress) == ("open", "in_progress")
    assert (tracked[3].status, tracked[3].progress, tracked[3].note) == ("due_soon", "blocked", "منتظر سامانه")
    # As of a day before it was done, row 6 was not done yet.
    before = {t.resolution.row: t.status for t in track([m], D(1399, 11, 24), statuses)}
    assert before[6] == "due_soon" and before[1] == "done"


def test_status_file_yaml_forms(tmp_path):
    listed = tmp_path / "s.yaml"
    listed.write_text("- id: 1399-11-21-s6-r1\n  status: انجام شده\n  done_on: 1399-11-29\n"
                      "- id: 1399-11-21-s6-r2\n  status: متوقف\n  note: منتظر بانک\n", encoding="utf-8")
    s = load_statuses(listed)
    assert (s["1399-11-21-s6-r1"].status, s["1399-11-21-s6-r1"].done_on) == ("done", D(1399, 11, 29))
    assert (s["1399-11-21-s6-r2"].status, s["1399-11-21-s6-r2"].line) == ("blocked", 4)
    mapped = tmp_path / "s.yml"
    mapped.write_text("1399-11-21-s6-r1: done\n1399-11-21-s6-r5:\n  status: in_progress\n", encoding="utf-8")
    s = load_statuses(mapped)
    assert s["1399-11-21-s6-r1"].status == "done" and s["1399-11-21-s6-r5"].line == 2


@pytest.mark.parametrize("text, line, words", [
    ("id,status\n1399-11-21-s6-r9,done\n", 2, "unknown resolution id"),
    ("id,status\n1399-11-21-s6-r1,تمام و کمال\n", 2, "unknown status"),
    ("id,status,done_on\n1399-11-21-s6-r1,done,1399-13-40\n", 2, "bad done_on"),
    ("id,status\n1399-11-21-s6-r1,done\n1399-11-21-s6-r1,blocked\n", 3, "listed twice"),
    ("ردیف,وضعیت\n1,done\n", 1, "header row"),  # Persian headers are read; the id column is needed
    ("id,status,owner\n1399-11-21-s6-r1,done,x\n", 2, "unknown column"),
    ("id,status\n,done\n", 2, "missing id"),
    ("id,status\n1399-11-21-s6-r1,\n", 2, "missing status"),
])
def test_status_file_errors_name_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "status.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_statuses(path, known_ids=[r.id for r in fixture003().resolutions])
    assert err.value.path == str(path) and err.value.line == line
    assert words in err.value.message
    assert str(err.value).startswith(f"{path}:{line}: ")


def test_yaml_errors_have_lines(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("- id: a\n  status: done\n- id: b\n  status: [x\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_statuses(path)
    assert err.value.line is not None and err.value.path == str(path)
    with pytest.raises(InputError) as err:
        parse_statuses("- id: a\n  status: nope\n", path="x.yaml")
    assert err.value.line == 1


def test_missing_status_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        load_statuses(tmp_path / "none.csv")


def test_summary_counts_by_status_and_actor():
    m = fixture003()
    m.resolutions[1].actor = m.resolutions[0].actor  # two rows for one actor
    m.resolutions[1].actors = list(m.resolutions[0].actors)
    statuses = parse_statuses("id,status\n1399-11-21-s6-r1,done\n")
    s = summarize(track([m], D(1399, 11, 28), statuses))
    assert s.counts == {"done": 1, "cancelled": 0, "overdue": 1, "due_soon": 0, "open": 4, "undated": 1}
    assert s.total == 7
    first = s.actors[0]
    assert (first.actor, first.total, first.done, first.overdue) == (m.resolutions[0].actor, 2, 1, 0)
    assert sum(a.total for a in s.actors) == 7 and len(s.actors) == 6


def test_several_meetings_sorted_by_deadline():
    a = fixture003()
    b = fixture003()
    for r in b.resolutions:
        r.id = r.id.replace("s6", "s7")
        if r.deadline.jalali:
            r.deadline.jalali = "1399-12-10"
    rows = track([a, b], D(1399, 11, 28))
    dues = [t.due.isoformat() if t.due else "~" for t in rows]
    assert dues == sorted(dues) and dues[-1] == "~" and len(rows) == 14
