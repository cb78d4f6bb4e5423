"""Seed 003, a real صورتجلسه: the golden JSON, and the facts the issue names, asserted one by one."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, SEED_003

GOLDEN = ROOT / "tests" / "golden" / "003.json"


def _dump(m) -> dict:
    data = json.loads(m.model_dump_json())
    data["source"]["path"] = SEED_003.name  # independent of where the checkout lives
    return data


def test_golden(seed003, update_golden):
    actual = _dump(seed003)
    if update_golden or not GOLDEN.exists():
        GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    # Field by field, so a failure names the field that moved.
    for key in expected:
        assert actual[key] == expected[key], f"{key} differs from tests/golden/003.json (pytest --update-golden to review)"
    assert set(actual) == set(expected)


def test_header(seed003):
    h = seed003.header
    assert seed003.kind == "minutes"
    assert h.organization == ["جمهوری اسلامی ایران", "وزارت تعاون، کار و رفاه اجتماعی",
                              "اداره کل تعاون، کار و رفاه اجتماعی استان خوزستان"]
    assert h.title == "صورتجلسه"
    assert h.number is None and h.date is None
    assert h.session_number == 6
    assert h.subject.startswith("ششمین نشست شورای هماهنگی مدیران کل")
    assert h.meeting.time == "11:00" and h.meeting.time_text == "ساعت ۱۱ صبح"
    assert h.meeting.weekday == "سه‌شنبه"
    assert (h.meeting.date.jalali, h.meeting.date.gregorian, h.meeting.date.text) == ("1399-11-21", "2021-02-09", "۹۹/۱۱/۲۱")
    assert h.meeting.place == "سالن شهید دقایقی اداره کل تعاون، کار و رفاه اجتماعی"


def test_agenda(seed003):
    assert [(a.number, a.line) for a in seed003.agenda] == [(1, 29), (2, 30), (3, 31)]
    assert seed003.agenda[2].text == "سایر موارد قابل طرح در این جلسه"


def _speaker(m, line):
    return next(t.speaker for t in m.turns if t.line == line)


def test_fifteen_distinct_speakers(seed003):
    names = []
    for t in seed003.turns:
        if t.speaker.name not in names:
            names.append(t.speaker.name)
    assert names == ["غمگین", "یحیایی", "رشادتمند", "قادر احمدی", "نظرزاده", "عباسی", "خادم", "قراچه",
                     "زنگنه منش", "امرائی", "کرمی", "حسینی نژاد", "مکوندی", "مرعشی", "منصوری"]


@pytest.mark.parametrize("line, name, honorific, titles, role, organization", [
    # «جناب آقای غمگین ادامه دادند :» continues the same speaker as a new turn
    (53, "غمگین", "جناب آقای", ["دکتر"], "مدیر کل محترم تعاون، کار و رفاه اجتماعی استان", None),
    # organisation heading, then a person line, then «… فرمودند:»
    (91, "یحیایی", "جناب آقای", [], "مدیر شعب بانک‌های رفاه استان", "بانک رفاه کارگران استان"),
    (119, "قادر احمدی", "جناب آقای", ["سید"], "مدیر حوزه تعاون استان", "حوزه تعاون"),
    # «سیدنظرزاده» and «سید نظرزاده» are one person
    (133, "نظرزاده", "جناب آقای", ["سید"], "مدیر صندوق", "صندوق ضمانت سرمایه گذاری تعاون"),
    (137, "نظرزاده", "جناب آقای", ["سید"], "مدیر صندوق", "صندوق ضمانت سرمایه گذاری تعاون"),
    # a bold role-only line resolves to the person seen with that role
    (165, "عباسی", "جناب آقای", [], "معاون سازمان بهزیستی", "اداره کل بهزیستی استان"),
    (171, "خادم", "جناب آقای", [], "مدیر صندوق بیمه‌های اجتماعی، عشایر و روستائیان", None),
    # a name heading followed by a role line
    (179, "قراچه", "جناب آقای", [], "معاون اداره کل درمان تامین اجتماعی", None),
    (203, "زنگنه منش", "جناب آقای", [], "معاون فنی اداره کل فنی حرفه‌ای استان", "اداره کل فنی حرفه‌ای استان خوزستان"),
    # a heading that starts mid-sentence
    (236, "حسینی نژاد", "جناب آقای", ["دکتر"], "مدیر توسعه کارآفرینی", "توسعه کارآفرینی و اشتغال استان"),
    # a heading with no honorific
    (266, "مرعشی", None, [], "مدیر کل تامین اجتماعی", None),
    # «منصورى» (Arabic yeh) in the subject and «منصوری» here are one spelling after normalization
    (286, "منصوری", "جناب آقای", ["دکتر"], "معاون وزیر در حوزه توسعه کارآفرینی و اشتغال", None),
])
def test_speaker_heading_variants(seed003, line, name, honorific, titles, role, organization):
    p = _speaker(seed003, line)
    assert (p.name, p.honorific, p.titles, p.role, p.organization) == (name, honorific, titles, role, organization)


def test_mentioned_people_are_not_speakers(seed003):
    speakers = {t.speaker.name for t in seed003.turns}
    for mentioned in ("اسدی", "احمدیان", "حسن‌زاده", "حسن زاده", "امرایی", "میدری"):
        assert mentioned not in speakers


def test_turn_text_spans_page_breaks(seed003):
    t = next(t for t in seed003.turns if t.line == 67)
    assert t.text.startswith("ما بالغ بر ۴۰۰۰ طرح")
    assert "حوزه‌های تامین اجتماعی همین است" in t.text  # line 81, after the page break at 73–79
    assert "باسمه تعالی" not in t.text and "جمهوری اسلامی ایران" not in t.text


EXPECTED_ROWS = [
    (1, "اطلاع رسانی", "مدیران کل حوزه وزارت متبوع در استان", "دبیرخانه شورای هماهنگی", "پایان بهمن ۹۹", "date", "1399-11-30"),
    (2, "ثبت نام مستقیم متقاضیان استفاده از تسهیلات سیل", "دستگاه‌های مرتبط با اجرای آئیننامه اعطای تسهیلات به سیلزدگان سال ۹۷",
     "دبیرخانه شورا", "جذب کامل تسهیلات", "condition", None),
    (3, "دسترسی به سامانه کارا", "معاونت محترم وزیر در حوزه توسعه کارآفرینی", "دبیرخانه شورای هماهنگی استان", "یک ماه", "relative", "1399-12-21"),
    (4, "حذف سقف سهمیه بهره‌مندی از مزایای سیاستهای فعال بازار کار", "معاونت توسعه کارآفرینی و اشتغال وزارت متبوع",
     "مدیریت کارآفرینی و اشتغال استان", "تا پایان سال", "date", "1399-12-30"),
    (5, "اصلاح کلیپ اشتغال روستایی", "حوزه معاونت کار آفرینی و اشتغال استان", "دبیرخانه شورای هماهنگی", "تا پایان سال", "date", "1399-12-30"),
    (6, "تکمیل آمار و اطلاعات شناسنامه", "مدیران کلوزارت متبوع در استان خوزستان", "دبیرخانه شورای هماهنگی", "تا ۹۹/۱۱/۲۶", "date", "1399-11-26"),
    (7, "افزایش سقف اعتبارات و تسهیلات اشتغالی", "وزارت تعاون، کار و رفاه اجتماعی", "دبیرخانه شورای هماهنگی", "تا پایان سال جاری", "date", "1399-12-30"),
]


def test_resolutions_across_page_breaks_and_mirrored_table(seed003):
    got = [(r.row, r.topic, r.actor, r.supervisor, r.deadline.text, r.deadline.kind, r.deadline.jalali)
           for r in seed003.resolutions]
    assert got == EXPECTED_ROWS
    assert [r.line for r in seed003.resolutions] == [337, 348, 349, 350, 361, 362, 363]
    assert seed003.resolutions[4].text.startswith("مصوب شد اصلاحات لازم")  # mirrored row, text column restored
    assert [r.id for r in seed003.resolutions] == [f"1399-11-21-s6-r{i}" for i in range(1, 8)]


def test_resolution_list_title_and_date(seed003):
    rl = seed003.resolution_list
    assert rl.title.startswith("مصوبات ششمین نشست") and rl.line == 334
    assert (rl.date.jalali, rl.date.text) == ("1399-11-25", "۱۳۹۹/۱۱/۲۵")


def test_closing(seed003):
    c = seed003.closing
    assert c.declared_resolution_count == 7 and c.line == 365
    assert [(s.name, s.role) for s in c.signatories] == [("ارسال غمگین", "مدیر کل و رئیس شورای هماهنگی استان")]
    assert not [d for d in seed003.diagnostics if d.code == "resolution-count-mismatch"]


def test_layout_diagnostics_cite_lines(seed003):
    codes = {(d.code, d.line) for d in seed003.diagnostics}
    assert ("table-mirrored", 360) in codes
    assert ("table-header-repeated", 347) in codes and ("table-header-repeated", 360) in codes
    furniture = sorted(d.line for d in seed003.diagnostics if d.code == "furniture")
    assert furniture[:4] == [45, 47, 49, 51] and len(furniture) == 4 * 12  # twelve page breaks


def test_count_mismatch_is_diagnosed():
    import minutes

    text = SEED_003.read_text(encoding="utf-8").replace("در این جلسه ۷ مصوبه", "در این جلسه ۸ مصوبه")
    m = minutes.parse(text)
    d = [d for d in m.diagnostics if d.code == "resolution-count-mismatch"]
    assert d and d[0].line == 365 and "8" in d[0].message and "7" in d[0].message


@pytest.mark.parametrize("path", sorted((ROOT / "seeds").glob("00[0124]_*.txt")), ids=lambda p: p.name[:3])
def test_news_seeds_are_reports(path):
    import minutes

    m = minutes.parse_file(path)
    assert m.kind == "report"
    assert m.diagnostics[0].code == "not-minutes"


def test_attendees_from_the_subject(seed003):
    # «… با حضور جناب آقای دکتر منصورى معاون محترم وزير … و جناب آقای مهندس حسن زاده معاون محترم استاندار …»
    got = [(p.name, p.titles, p.role.split()[:3], p.line) for p in seed003.header.attendees]
    assert got == [("منصوری", ["دکتر"], ["معاون", "محترم", "وزیر"], 21),
                   ("حسن‌زاده", ["مهندس"], ["معاون", "محترم", "استاندار"], 21)]
