"""The fixture corpus (tests/fixtures/corpus): minutes of other shapes, in every input format.

Each document has a golden JSON (tests/golden/corpus/NAME.json, rewritten only with
``pytest --update-golden``) and, below, the facts its shape is there to prove, taken from
its NAME.expected.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import minutes
from conftest import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
GOLDEN = ROOT / "tests" / "golden" / "corpus"
DOCUMENTS = sorted(p for p in CORPUS.iterdir()
                   if p.suffix in (".txt", ".md", ".docx", ".html") and not p.name.endswith(".expected.md"))
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _dump(m) -> dict:
    data = json.loads(m.model_dump_json())
    data["source"]["path"] = Path(data["source"]["path"]).name
    return data


@pytest.mark.parametrize("path", DOCUMENTS + SEEDS, ids=lambda p: p.name)
def test_golden(path, update_golden):
    actual = _dump(minutes.parse_file(path))
    golden = GOLDEN / (path.name + ".json")
    if update_golden or not golden.exists():
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    for key in expected:
        assert actual[key] == expected[key], f"{key} differs from {golden.name} (pytest --update-golden to review)"


def parse(name: str):
    return minutes.parse_file(CORPUS / name)


def rows(m):
    return [(r.row, r.actor, r.supervisor, r.deadline.kind, r.deadline.jalali) for r in m.resolutions]


def names(people):
    return [p.name for p in people]


def test_city_council_list_resolutions_and_attendance():
    m = parse("council_city_10.txt")
    h = m.header
    # letterhead fields on one line; the title carries the session number
    assert (h.number, h.date.jalali, h.attachment) == ("۱۴۲/ش/۱۴۰۲", "1402-03-15", "ندارد")
    assert (h.title, h.session_number) == ("صورتجلسه دهمین جلسه شورای اسلامی شهر رفسنجان", 10)
    # the meeting read from the first paragraph, the end time from the closing line
    assert (h.meeting.date.jalali, h.meeting.weekday, h.meeting.time, h.meeting.end_time, h.meeting.place) == \
        ("1402-03-15", "دوشنبه", "17:00", "19:30", "سالن جلسات شورا")
    assert names(h.attendees) == ["محمد رضایی", "علی کرمانی", "مهدی صادقی", "حسین نوروزی", "زهرا شفیعی"]
    assert names(h.absentees) == ["احمد طاهری"] and names(h.guests) == ["سعید جعفری", "حمید اکبری"]
    assert (h.guests[0].honorific, h.guests[0].titles, h.guests[0].role) == ("جناب آقای", ["مهندس"], "شهردار رفسنجان")
    assert rows(m) == [
        (1, "شهرداری", None, "relative", "1402-04-15"),
        (2, "کمیسیون عمران شورا", "کمیسیون برنامه و بودجه", "none", None),
        (3, "سازمان فرهنگی", None, "date", "1402-06-31"),
        (4, "کمیسیون شهرسازی", None, "date", "1402-04-30"),
        (5, "معاونت خدمات شهری", None, "asap", None),
        (6, "معاونت مالی و اداری شهرداری", None, "date", "1402-04-20"),
        (7, None, None, "next_meeting", None),
    ]
    flagged = {(d.code, d.line) for d in m.diagnostics}
    assert ("resolution-without-deadline", 39) in flagged and ("resolution-without-actor", 45) in flagged
    assert [(p.name, p.role) for p in m.closing.signatories] == [
        ("محمد رضایی", "رئیس شورای اسلامی شهر"), ("علی کرمانی", "نایب‌رئیس شورا"), ("زهرا شفیعی", "منشی شورا")]
    # prose turns: «سپس آقای مهندس جعفری شهردار رفسنجان … توضیح داد»
    assert [(t.line, t.speaker.name) for t in m.turns] == [(24, "سعید جعفری"), (26, "علی کرمانی"), (28, "زهرا شفیعی")]


def test_company_board_band_items_labels_and_signature_table():
    m = parse("company_board_100.txt")
    h = m.header
    assert (h.chair.name, h.chair.titles, h.secretary.name) == ("بهروز نیک‌نام", ["مهندس"], "طاهره اسدی")
    assert h.session_number == 100
    # «بند ۲: … مسئول اجرا: مدیر مالی؛ مسئول پیگیری: …؛ مهلت: سه ماه»
    assert rows(m)[1] == (2, "مدیر مالی", "مدیر برنامه‌ریزی و کنترل پروژه", "relative", "1400-12-25")
    assert [r.row for r in m.resolutions] == [1, 2, 3, 4, 5]
    assert [(p.name, p.role) for p in m.closing.signatories][:2] == [
        ("بهروز نیک‌نام", "رئیس هیئت‌مدیره"), ("فرهاد ملکی", "نایب‌رئیس هیئت‌مدیره")]


def test_faculty_council_labelled_time_and_place():
    m = parse("faculty_council_14.txt")
    h = m.header
    assert (h.meeting.date.jalali, h.meeting.time, h.meeting.place) == ("1402-07-03", "10:00", "اتاق شورای دانشکده، طبقه دوم")
    assert ("weekday-mismatch", 8) in {(d.code, d.line) for d in m.diagnostics}  # ۳ مهر ۱۴۰۲ was a Monday
    assert [(p.name, p.role) for p in h.attendees][:2] == [("حمیدرضا شکوهی", "رئیس دانشکده"), ("مسعود کیانی", "معاون آموزشی دانشکده")]
    # «حداکثر تا ۱۵ مهر»: a day without a year is its next occurrence after the meeting
    assert rows(m)[1] == (2, "کارشناس آموزش", None, "date", "1402-07-15")


def test_mirrored_table_beside_a_list():
    m = parse("ministry_water_committee.txt")
    table = [r for r in m.resolutions if r.line and r.line > 43]
    assert ("table-mirrored", 43) in {(d.code, d.line) for d in m.diagnostics}
    assert [(r.row, r.actor, r.supervisor) for r in table][:2] == [
        (1, "شرکت آب منطقه‌ای", "معاونت هماهنگی امور عمرانی"), (2, "معاونت حفاظت و بهره‌برداری", "فرمانداری‌ها")]


def test_pipe_table_follow_up_beside_executor_is_supervisor():
    m = parse("company_committee_7.md")
    table = m.resolutions[4:]
    assert [(r.row, r.actor, r.supervisor, r.deadline.text) for r in table][0] == \
        (1, "دفتر فناوری اطلاعات", "معاونت برنامه‌ریزی و توسعه", "۱۴۰۱/۰۶/۱۵")
    assert m.header.title == "صورتجلسه هفتمین نشست کمیته راهبری فناوری اطلاعات" and m.header.session_number == 7


@pytest.mark.parametrize("name, encoding", [
    ("legacy_council_23.cp1256.txt", "cp1256"),
    ("education_planning.utf16.txt", "utf-16"),
])
def test_legacy_encodings(name, encoding):
    m = parse(name)
    assert m.source.encoding == encoding
    assert m.kind == "minutes" and m.resolutions and m.header.meeting.date is not None


def test_docx_word_table_and_letterhead():
    m = parse("university_senate_41.docx")
    assert m.source.format == "docx"
    assert (m.header.title, m.header.session_number, m.header.chair.name) == \
        ("صورتجلسه چهل و یکمین جلسه شورای دانشگاه", 41, "محمد کافی")
    table = [r for r in m.resolutions if r.line and r.line >= 25]
    assert [(r.row, r.actor, r.supervisor, r.deadline.kind) for r in table] == [
        (1, "معاونت آموزشی", "دفتر نظارت و ارزیابی", "date"),
        (2, None, "دفتر نظارت و ارزیابی", "relative"),
        (3, "معاونت اداری و مالی", "دفتر فنی", "relative")]
    assert [(t.speaker.name, t.speaker.role) for t in m.turns] == [
        ("محمد کافی", "رئیس دانشگاه"), ("زهرا عباسی", "معاون آموزشی"), ("علی یوسفی", "معاون اداری و مالی")]


def test_html_council_page():
    m = parse("council_web_15.html")
    assert m.source.format == "html" and m.header.session_number == 15
    assert [(r.row, r.actor) for r in m.resolutions][:2] == [(1, "معاونت مالی و اقتصادی شهرداری"), (2, "سازمان پارک‌ها و فضای سبز")]
    blob = m.model_dump_json()
    assert "<script" not in blob and "function(" not in blob


def test_reports_speakers_meeting_and_decisions():
    m001 = minutes.parse_file(next((ROOT / "seeds").glob("001_*.txt")))
    assert m001.kind == "report"
    assert [r.text[:20] for r in m001.resolutions] == ["در این جلسه ۱۷۳ طرح "]
    assert {t.speaker.name for t in m001.turns} == {"عابدین خرم", "حسین فتحی"}
    m002 = minutes.parse_file(next((ROOT / "seeds").glob("002_*.txt")))
    assert (m002.header.subject, m002.header.session_number) == ("سومین جلسه گروه کاری اشتغال و سرمایهگذاری شهرستان", 3)
    assert {d.code for d in m002.diagnostics} >= {"web-furniture", "not-minutes"}
    m004 = minutes.parse_file(next((ROOT / "seeds").glob("004_*.txt")))
    assert {t.speaker.name for t in m004.turns} == {"حسن عزیزی"}
