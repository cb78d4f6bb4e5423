"""The register (minutes/register): identity, import, revisions, statuses, listing, migrations —
each test against SQLite and against a real PostgreSQL server (tests/pgserver.py)."""

from __future__ import annotations

import json

import pytest
from pgserver import postgres_server, postgres_url  # noqa: F401 - fixtures
from registerdata import BOARD, COUNCIL, ROWS, meeting
from sqlalchemy import create_engine, inspect

from minutes.register.identity import fingerprint, match, meeting_key, resolution_ids
from minutes.register.store import Register, RegisterError, db_url


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "register.sqlite")
    return request.getfixturevalue("postgres_url")


# --- identity ------------------------------------------------------------------------------

def test_two_meetings_on_one_day_without_session_numbers_get_two_keys():
    a = meeting(COUNCIL, "1402-03-15", None, ROWS[:1])
    b = meeting(BOARD, "1402-03-15", None, ROWS[:1])
    assert a.resolutions[0].id == b.resolutions[0].id == "1402-03-15-s0-r1"  # the parser's collide
    assert meeting_key(a) != meeting_key(b)
    assert meeting_key(a).startswith("1402-03-15-h") and len(meeting_key(a)) == len("1402-03-15-h") + 6
    assert meeting_key(a) == meeting_key(meeting(COUNCIL, "1402-03-15", None, ROWS))  # rows don't count


@pytest.mark.parametrize("session, other, same", [
    (12, dict(body=COUNCIL, session=12), True),
    (12, dict(body=BOARD, session=12), False),  # two bodies, both in their 12th session that day
    (12, dict(body=COUNCIL, session=13), False),
    (None, dict(body=COUNCIL, session=None, title="صورتجلسه کمیسیون"), False),
])
def test_meeting_key_from_body_date_session_title(session, other, same):
    a = meeting(COUNCIL, "1402-03-15", session, ROWS[:1])
    b = meeting(other["body"], "1402-03-15", other["session"], ROWS[:1], **(
        {"title": other["title"]} if "title" in other else {}))
    assert (meeting_key(a) == meeting_key(b)) is same
    if session:
        assert meeting_key(a).startswith("1402-03-15-s12-")


def test_undated_reports_differ_by_file_when_nothing_else_names_them():
    a = meeting("", None, None, ROWS[:1], title=None, path="news/one.txt")
    b = meeting("", None, None, ROWS[:1], title=None, path="news/two.txt")
    assert meeting_key(a) != meeting_key(b) and meeting_key(a).startswith("undated-h")


def test_duplicate_row_numbers_are_made_distinct_and_reported():
    m = meeting(COUNCIL, "1402-03-15", 4, [ROWS[0], (1, "متن دیگر", "فرمانداری", "یک ماه")])
    ids, warnings = resolution_ids(m)
    assert len(set(ids)) == 2 and ids[1] == ids[0] + ".2"
    assert len(warnings) == 1 and "row 1 is used twice" in warnings[0]


@pytest.mark.parametrize("a, b", [
    ("مقرر شد گزارش ارسال شود.", "مقرر شد  گزارش ارسال شود"),
    ("تا ۱۴۰۲/۰۳/۱۵ اقدام شود", "تا 1402/03/15 اقدام شود"),
    ("مصوب شد گزارش\u200cها ارسال شود", "مصوب شد گزارشها ارسال شود"),
])
def test_fingerprint_ignores_spacing_punctuation_and_digit_script(a, b):
    assert fingerprint(a) == fingerprint(b)


def test_fingerprint_tells_different_texts_apart():
    assert len({fingerprint(t) for _, t, *_ in ROWS}) == len(ROWS)


def test_match_reports_matched_moved_edited_new_gone():
    old = [(1, "الف الف الف"), (2, "ب ب ب ب ب ب ب ب ب ب"), (3, "ج ج ج"), (4, "د د د د")]
    new = [(1, "ه ه ه"), (2, "الف الف الف"), (3, "ب ب ب ب ب ب ب ب ب ب!"), (4, "د د د د د")]
    got = match(old, new)
    assert got.pairs == {0: None, 1: 0, 2: 1, 3: 3}
    assert got.kind == {0: "new", 1: "moved", 2: "moved", 3: "edited"}
    assert got.gone == [2]
    assert got.counts() == {"matched": 0, "moved": 2, "edited": 1, "new": 1, "gone": 1}


# --- the register --------------------------------------------------------------------------

def test_url_from_path_or_url(tmp_path):
    assert db_url(str(tmp_path / "a" / "r.sqlite")) == f"sqlite:///{tmp_path}/a/r.sqlite"
    assert (tmp_path / "a").is_dir()
    assert db_url("postgresql://u@h/db").startswith("postgresql+psycopg://u@h/db")


def test_add_is_idempotent(db):
    m = meeting(COUNCIL, "1402-03-15", 12, ROWS)
    with Register(db) as reg:
        first = reg.add(m, path="a.txt")
        assert (first.outcome, first.counts) == ("added", {"new": 4})
        again = reg.add(m.model_copy(deep=True), path="elsewhere/a.txt")
        assert again.outcome == "unchanged"
        assert reg.counts() == {"meetings": 1, "resolutions": 4, "gone": 0, "status_changes": 0,
                                "imports": 1, "units": 4}


def test_revised_version_carries_statuses_to_the_right_resolution(db):
    key = meeting_key(meeting(COUNCIL, "1402-03-15", 12, ROWS))
    with Register(db) as reg:
        reg.add(meeting(COUNCIL, "1402-03-15", 12, ROWS))
        reg.set_status(f"{key}-r1", "done", on="1402-04-01", note="انجام شد")
        reg.set_status(f"{key}-r4", "blocked")
        reg.set_status(f"{key}-r3", "cancelled")
        inserted = (1, "شهرداری نسبت به جمع‌آوری نخاله‌ها اقدام نماید.", "شهرداری", "یک هفته")
        kept = [r for r in ROWS if r[0] != 3]
        revised = [inserted] + [(i, t, a, d) for i, (_, t, a, d) in enumerate(kept, 2)]
        rep = reg.add(meeting(COUNCIL, "1402-03-15", 12, revised))
        assert rep.outcome == "revised"
        assert rep.counts == {"matched": 1, "moved": 2, "edited": 0, "new": 1, "gone": 1}
        assert rep.carried == 2  # done and blocked; the cancelled one is gone
        listed = {r.row: r for r in reg.list(as_of="1402-04-10")}
        assert sorted(listed) == [1, 2, 3, 4]
        assert (listed[1].progress, listed[2].progress, listed[2].text) == ("open", "done", ROWS[0][1])
        assert listed[2].id == f"{key}-r2" and listed[2].done_on == "1402-04-01"
        assert listed[4].progress == "blocked" and listed[3].progress == "open"
        assert listed[4].text == ROWS[3][1] and listed[3].text == ROWS[1][1]
        assert reg.counts()["gone"] == 1 and reg.counts()["imports"] == 2
        assert [c.new for c in reg.history(f"{key}-r2")] == ["done"]


def test_status_history_keeps_who_when_what(db):
    m = meeting(COUNCIL, "1402-03-15", 12, ROWS)
    rid = f"{meeting_key(m)}-r2"
    with Register(db, user="clerk") as reg:
        reg.add(m)
        assert reg.set_status(rid, "in_progress", note="نامه ارسال شد") == ("open", "in_progress")
        assert reg.set_status(rid, "done", on="1402-05-01") == ("in_progress", "done")
        history = reg.history(rid)
        assert [(c.old, c.new, c.by, c.source) for c in history] == [
            ("open", "in_progress", "clerk", "cli"), ("in_progress", "done", "clerk", "cli")]
        assert history[1].on.isoformat() == "2023-07-23" and history[0].note == "نامه ارسال شد"
        with pytest.raises(RegisterError, match="no resolution"):
            reg.set_status(rid + "9", "done")
        with pytest.raises(RegisterError, match="unknown status"):
            reg.set_status(rid, "finished")


def test_a_failed_batch_of_statuses_records_none(db):
    m = meeting(COUNCIL, "1402-03-15", 12, ROWS)
    key = meeting_key(m)
    with Register(db) as reg:
        reg.add(m)
        with pytest.raises(RegisterError):
            reg.set_statuses([(f"{key}-r1", "done", None, None), ("nope", "done", None, None)], source="f")
        assert reg.counts()["status_changes"] == 0
        assert reg.list(status="done", as_of="1402-03-16") == []


def test_list_filters_and_json_fields(db):
    a = meeting(COUNCIL, "1402-03-15", 12, ROWS)
    b = meeting(BOARD, "1402-04-01", 3, [(1, "بانک ملی گزارش وام‌ها را ارائه کند.", "بانک ملی", "یک هفته")])
    with Register(db) as reg:
        reg.add(a)
        reg.add(b)
        as_of = "1402-04-20"
        overdue = reg.list(overdue=True, as_of=as_of)
        assert [(r.meeting, r.row, r.due) for r in overdue] == [  # by due date
            (meeting_key(a), 4, "1402-03-29"), (meeting_key(b), 1, "1402-04-08"),
            (meeting_key(a), 1, "1402-04-15")]
        assert [r.row for r in reg.list(actor="بانک ملی", as_of=as_of)] == [4, 1]
        assert [r.row for r in reg.list(actor="بانك ملي", as_of=as_of)] == [4, 1]  # Arabic letters
        assert [r.row for r in reg.list(meeting=meeting_key(b), as_of=as_of)] == [1]
        assert [r.row for r in reg.list(meeting="1402-03-15", status="undated", as_of=as_of)] == [3]
        with pytest.raises(RegisterError, match="no actor"):
            reg.list(actor="اداره ناشناخته")
        item = reg.list(meeting=meeting_key(b), as_of=as_of)[0].as_json()
        assert {k: item[k] for k in ("id", "row", "actor", "deadline", "status", "due", "days")} == {
            "id": f"{meeting_key(b)}-r1", "row": 1, "actor": "بانک ملی", "deadline": "یک هفته",
            "status": "overdue", "due": "1402-04-08", "days": 12}
        json.dumps(item)


def test_a_crash_in_the_middle_of_an_import_leaves_the_register_as_it_was(db):
    with Register(db) as reg:
        reg.add(meeting(BOARD, "1402-04-01", 3, ROWS[:2]))
        before = reg.counts()
        with pytest.raises(RuntimeError, match="interrupted"):
            reg.add(meeting(COUNCIL, "1402-03-15", 12, ROWS), fail_after=2)
        assert reg.counts() == before
        revised = meeting(BOARD, "1402-04-01", 3, ROWS[:3])
        with pytest.raises(RuntimeError):
            reg.add(revised, fail_after=1)
        assert reg.counts() == before
        assert reg.add(revised).outcome == "revised"


def test_migrations_create_exactly_the_models_tables(db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from minutes.register.schema import Base

    with Register(db) as reg:
        assert reg.revision() == "0004"  # the newest migration
        with reg.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []


def test_an_old_register_opens_in_a_new_version(db):
    """A register at revision 0001 (before the actor directory) is upgraded on opening, and
    its resolutions get their units."""
    reg = Register.__new__(Register)
    # the real opening, stopped at 0001:
    from minutes.register import store

    reg.url = db_url(db)
    reg.engine = create_engine(reg.url)
    reg._migrate("0001")
    m = meeting(COUNCIL, "1402-03-15", 12, ROWS)
    key = meeting_key(m)
    with reg.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO meetings (id, key, body, date_jalali, session, version, minutes_json, added_at)"
            f" VALUES (1, '{key}', '{COUNCIL}', '1402-03-15', 12, 1, %s, '2023-06-05 10:00:00')"
            .replace("%s", "'" + m.model_dump_json().replace("'", "''") + "'"))
        for i, (row, text, actor, _) in enumerate(ROWS):
            conn.exec_driver_sql(
                "INSERT INTO resolutions (meeting_id, rid, row, position, text, fingerprint, actor,"
                " deadline_kind, status, gone) VALUES"
                f" (1, '{key}-r{row}', {row}, {i}, '{text}', '{fingerprint(text)}', '{actor}', 'none',"
                f" 'open', {'false' if 'postgresql' in reg.url else '0'})")
    assert inspect(reg.engine).has_table("units") is False
    reg.engine.dispose()
    with store.Register(db) as new:
        assert new.revision() == "0004"
        assert new.counts()["units"] == 4
        assert sorted(u for r in new.list(as_of="1402-03-16") for u in r.units) == sorted(a for _, _, a, _ in ROWS)


# --- the command line ----------------------------------------------------------------------

def _cli(capsys, *argv):
    from minutes.cli import main

    code = main(["register", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_add_status_list(db, tmp_path, capsys, monkeypatch):
    m = meeting(COUNCIL, "1402-03-15", 12, ROWS)
    path = tmp_path / "m.json"
    path.write_text(m.model_dump_json(), encoding="utf-8")
    key = meeting_key(m)
    monkeypatch.setenv("MINUTES_DB", db)
    code, _, err = _cli(capsys, "add", str(path))
    assert code == 0 and f"added {key} (4 new)" in err
    code, _, err = _cli(capsys, "add", str(path))
    assert code == 0 and f"unchanged {key}" in err
    code, _, err = _cli(capsys, "status", f"{key}-r2", "لغو شد", "--note", "منتفی")
    assert (code, err.strip()) == (0, f"{key}-r2: open → cancelled")
    code, _, err = _cli(capsys, "status", f"{key}-r1", "در حال اقدام")
    code, out, _ = _cli(capsys, "list", "--json", "--as-of", "1402-03-20")
    items = json.loads(out)
    assert [(i["id"], i["row"], i["status"], i["progress"]) for i in items] == [
        (f"{key}-r4", 4, "open", "open"), (f"{key}-r1", 1, "open", "in_progress"),
        (f"{key}-r2", 2, "cancelled", "cancelled"), (f"{key}-r3", 3, "undated", "open")]
    assert all({"id", "row", "text", "actor", "deadline", "status"} <= set(i) for i in items)
    code, out, err = _cli(capsys, "history", f"{key}-r2")
    assert code == 0 and err.strip() == "1 changes"
    assert out.split("\t")[1:5] == [out.split("\t")[1], "open → cancelled", "", "cli"]
    assert out.strip().endswith("\tمنتفی")
    code, out, err = _cli(capsys, "list", "--overdue", "--as-of", "1402-04-01")
    assert code == 0 and out.startswith(f"{key}-r4\toverdue\t1402-03-29\tبانک ملی\t") and "1 resolutions" in err


@pytest.mark.parametrize("argv, words", [
    (["status", "x-r1", "done"], "no resolution 'x-r1'"),
    (["status", "x-r1", "تمام"], "unknown status"),
    (["list", "--actor", "هیچ"], "no actor"),
    (["add", "missing.json"], "cannot read"),
])
def test_cli_errors_are_one_line_exit_2(tmp_path, capsys, argv, words):
    code, out, err = _cli(capsys, *argv, "--db", str(tmp_path / "r.sqlite"))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and words in err


def test_cli_bad_database_url_is_one_line(tmp_path, capsys):
    code, _, err = _cli(capsys, "list", "--db", "nosuchdb://x/y")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "cannot open the register" in err


def test_a_confirmed_alias_joins_two_units_and_is_kept(db):
    seed_like = [(1, "گزارش عملکرد ارسال شود.", "مدیران کل وزارت متبوع در استان", "یک ماه"),
                 (2, "فرم‌ها تکمیل شود.", "مدیران کلوزارت متبوع در استان خوزستان", "یک هفته")]
    with Register(db) as reg:
        reg.add(meeting(COUNCIL, "1402-03-15", 12, seed_like))
        assert len(reg.units()) == 2
        assert reg.alias(seed_like[1][2], seed_like[0][2]) == 1
        assert reg.units() == [(seed_like[0][2], 2, [seed_like[1][2]])]
        assert [r.row for r in reg.list(actor=seed_like[1][2], as_of="1402-03-16")] == [2, 1]
        # the next meeting's cell with the other spelling goes to the same unit
        reg.add(meeting(COUNCIL, "1402-04-15", 13, [(1, "پیگیری شود.", seed_like[1][2], "یک ماه")]))
        assert reg.units() == [(seed_like[0][2], 3, [seed_like[1][2]])]
    with Register(db) as again:  # kept in the register
        assert again.units() == [(seed_like[0][2], 3, [seed_like[1][2]])]


def test_a_user_alias_file_names_the_unit(db, tmp_path):
    from minutes.sheets.units import Directory

    d = Directory({"فرمانداری شهرستان نمونه": ["فرمانداری"]})
    with Register(db, directory=d) as reg:
        reg.add(meeting(COUNCIL, "1402-03-15", 12, ROWS))
        assert [r.units for r in reg.list(actor="فرمانداری", as_of="1402-03-16")] == [
            ["فرمانداری شهرستان نمونه"]]


def test_look_alike_units_are_suggested_never_joined(db, capsys):
    one, six = "مدیران کل حوزه وزارت متبوع در استان", "مدیران کلوزارت متبوع در استان خوزستان"
    with Register(db) as reg:
        reg.add(meeting(COUNCIL, "1402-03-15", 12, [(1, "الف", one, "یک ماه"), (6, "ب", six, "یک ماه"),
                                                    (7, "ج", "وزارت تعاون، کار و رفاه اجتماعی", "یک ماه")]))
        assert [{a, b} for a, b, _ in reg.look_alike()] == [{six, one}]
        assert len(reg.units()) == 3
    code, out, err = _cli(capsys, "actors", "--db", db)
    assert code == 0 and len(out.splitlines()) == 3 and err.startswith("one body? ")


def test_without_the_register_extra_one_line_says_what_to_install(tmp_path, capsys, monkeypatch):
    import sys

    import minutes.register

    monkeypatch.setitem(sys.modules, "minutes.register.cli_actions", None)  # as if not importable
    monkeypatch.delattr(minutes.register, "cli_actions", raising=False)
    code, out, err = _cli(capsys, "list", "--db", str(tmp_path / "r.sqlite"))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "pip install 'minutes[register]'" in err


def test_a_version_with_a_corrected_session_number_is_pointed_out(db):
    with Register(db) as reg:
        reg.add(meeting(COUNCIL, "1402-03-15", 12, ROWS))
        rep = reg.add(meeting(COUNCIL, "1402-03-15", 13, ROWS[:3]))
        assert rep.outcome == "added" and len(rep.warnings) == 1
        assert f"3 of its 3 resolutions are those of meeting {meeting_key(meeting(COUNCIL, '1402-03-15', 12, ROWS))}" \
            in rep.warnings[0]
        assert reg.add(meeting(BOARD, "1402-03-16", 1, [(1, "متن دیگری", "بانک ملی", "یک ماه")])).warnings == []


@pytest.mark.parametrize("fmt", ["html", "md", "csv", "xlsx", "ics", "docx"])
def test_every_sheet_format_from_the_register(tmp_path, capsys, fmt):
    a = meeting(COUNCIL, "1402-03-15", 12, ROWS)
    b = meeting(BOARD, "1402-04-01", 3, [(1, "بانک ملی گزارش وام‌ها را ارائه کند.", "بانک ملی", "یک هفته")])
    db = str(tmp_path / "r.sqlite")
    with Register(db) as reg:
        reg.add(a)
        reg.add(b)
        reg.set_status(f"{meeting_key(a)}-r1", "done")
    out = tmp_path / f"sheet.{fmt}"
    code, _, err = _cli(capsys, "sheet", "-f", fmt, "-o", str(out), "--as-of", "1402-04-20", "--db", db)
    assert code == 0, err
    data = out.read_bytes()
    if fmt == "xlsx":
        from openpyxl import load_workbook

        ws = load_workbook(out).worksheets[0]
        ids = [row[-1] for row in ws.iter_rows(min_row=2, values_only=True)]  # the id column is last
        assert sorted(ids) == sorted([f"{meeting_key(a)}-r{i}" for i in range(1, 5)] + [f"{meeting_key(b)}-r1"])
    elif fmt == "docx":
        import docx

        assert len(docx.Document(out).tables) == 4  # a letter per unit: bank, roads, governor, secretariat
    else:
        text = data.decode("utf-8")
        for rid in (f"{meeting_key(a)}-r1", f"{meeting_key(b)}-r1"):
            assert rid in text
