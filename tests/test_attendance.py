"""Attendance: headings, people lists, «با حضور …» phrases and signature tables."""

from __future__ import annotations

import pytest

from minutes.phrases.attendance import (attendance_heading, attendance_line, read_people, read_signature_row,
                                signature_columns)
from minutes.text.normalize import normalize


@pytest.mark.parametrize("line, kind", [
    ("حاضرین:", "attendees"),
    ("حاضرین", "attendees"),
    ("حاضران:", "attendees"),
    ("اعضای حاضر:", "attendees"),
    ("اسامی حاضرین", "attendees"),
    ("حاضرین در جلسه:", "attendees"),
    ("## اعضای حاضر:", "attendees"),
    ("**حاضرین:**", "attendees"),
    ("حاضرین: آقایان رضایی، محمدی", "attendees"),
    ("غائبین:", "absentees"),
    ("غایبین: ندارد", "absentees"),
    ("غایبین (با عذر): آقای طاهری", "absentees"),
    ("مدعوین", "guests"),
    ("مدعوین: نماینده فرمانداری", "guests"),
    ("حاضرین در جلسه بر ضرورت پیگیری تاکید کردند", None),
    ("مصوبات:", None),
    ("ساعت شروع: ۱۰", None),
])
def test_attendance_heading(line, kind):
    assert attendance_heading(line) == kind


def test_attendance_line_returns_the_list_after_the_colon():
    assert attendance_line("حاضرین: آقایان رضایی، محمدی") == ("attendees", "آقایان رضایی، محمدی")
    assert attendance_line("مدعوین") == ("guests", "")


def _people(text):
    return [(p.honorific, p.titles, p.name, p.role) for p in read_people(text)]


@pytest.mark.parametrize("text, expected", [
    ("حاضرین: آقایان رضایی، محمدی و کریمی",
     [("آقای", [], "رضایی", None), ("آقای", [], "محمدی", None), ("آقای", [], "کریمی", None)]),
    ("آقایان محمد رضایی (رئیس شورا)، علی کرمانی (نایب‌رئیس) و سرکار خانم زهرا شفیعی",
     [("آقای", [], "محمد رضایی", "رئیس شورا"), ("آقای", [], "علی کرمانی", "نایب‌رئیس"),
      ("سرکار خانم", [], "زهرا شفیعی", None)]),
    ("جناب آقای دکتر علی رضایی - رئیس شورا، سرکار خانم مهندس فاطمه کریمی (نایب‌رئیس)، آقای سید محمد موسوی دبیر شورا",
     [("جناب آقای", ["دکتر"], "علی رضایی", "رئیس شورا"), ("سرکار خانم", ["مهندس"], "فاطمه کریمی", "نایب‌رئیس"),
      ("آقای", ["سید"], "محمد موسوی", "دبیر شورا")]),
    ("۱- جناب آقای مهندس حسن ساکی، مدیرعامل شرکت آب منطقه‌ای",
     [("جناب آقای", ["مهندس"], "حسن ساکی", "مدیرعامل شرکت آب منطقه‌ای")]),
    ("- دکتر محمدحسن لطفی – رئیس دانشگاه", [(None, ["دکتر"], "محمدحسن لطفی", "رئیس دانشگاه")]),
    ("دکتر حمیدرضا شکوهی (رئیس دانشکده)، مهندس وحید افشار (کارشناس آموزش)",
     [(None, ["دکتر"], "حمیدرضا شکوهی", "رئیس دانشکده"), (None, ["مهندس"], "وحید افشار", "کارشناس آموزش")]),
    ("مدعوین: نماینده سازمان جهاد کشاورزی، نماینده شرکت آب و فاضلاب استان",
     [(None, [], None, "نماینده سازمان جهاد کشاورزی"), (None, [], None, "نماینده شرکت آب و فاضلاب استان")]),
    ("غایبین: ندارد", []),
    ("جناب آقای مهندس هادی ملک‌زاده بخشدار مرکزی", [("جناب آقای", ["مهندس"], "هادی ملک‌زاده", "بخشدار مرکزی")]),
    ("ششمین نشست شورای هماهنگی با حضور جناب آقای دکتر منصوری معاون محترم وزیر در حوزه اشتغال "
     "و جناب آقای مهندس حسن زاده معاون محترم استاندار خوزستان برگزار شد.",
     [("جناب آقای", ["دکتر"], "منصوری", "معاون محترم وزیر در حوزه اشتغال"),
      ("جناب آقای", ["مهندس"], "حسن زاده", "معاون محترم استاندار خوزستان")]),
    ("جلسه با حضور آقایان مهندس جواد فرهمند، دکتر منصور رحیمی و مهندس ارسلان کیانی تشکیل شد.",
     [("آقای", ["مهندس"], "جواد فرهمند", None), ("آقای", ["دکتر"], "منصور رحیمی", None),
      ("آقای", ["مهندس"], "ارسلان کیانی", None)]),
    ("حاضرین: خانم‌ها نیکو و احمدی", [("خانم", [], "نیکو", None), ("خانم", [], "احمدی", None)]),
    # a group among those present is the group, with no name; the list ends before «در» and a place
    ("نشست با حضور فرماندار و جمعی از مدیران ادارات در سالن فرمانداری برگزار شد",
     [(None, [], None, "فرماندار"), (None, [], None, "جمعی از مدیران ادارات")]),
    ("جلسه با حضور آقای نادری و سایر اعضای کمیسیون تشکیل شد",
     [("آقای", [], "نادری", None), (None, [], None, "سایر اعضای کمیسیون")]),
    ("مجمع با حضور ۸۵ درصد سهامداران در تالار شرکت برگزار شد", [(None, [], None, "۸۵ درصد سهامداران")]),
    ("نشست با حضور ۳۲ نفر از اعضای انجمن برگزار شد", [(None, [], None, "۳۲ نفر از اعضای انجمن")]),
])
def test_read_people(text, expected):
    assert _people(text) == expected


def test_seed003_subject_with_arabic_letters():
    text = normalize("ششمین نشست شورای هماهنگی با حضور جناب آقای دکتر منصورى معاون محترم وزير در حوزه "
                     "توسعه کارآفرینی و اشتغال و جناب آقای مهندس حسن زاده معاون محترم استاندار خوزستان")
    names = [p.name for p in read_people(text)]
    assert names == ["منصوری", "حسن‌زاده"]


@pytest.mark.parametrize("header, keys", [
    (["نام و نام خانوادگی", "سمت", "امضاء"], ["name", "role", "signature"]),
    (["امضاء", "سمت", "نام و نام خانوادگی"], ["signature", "role", "name"]),
    (["ردیف", "نام و نام خانوادگی", "دستگاه", "امضا"], ["row", "name", "organization", "signature"]),
    (["ردیف", "شرح مصوبه", "مسئول اجرا"], None),
])
def test_signature_columns(header, keys):
    assert signature_columns(header) == keys


@pytest.mark.parametrize("cells, columns, expected", [
    (["مهندس بهروز نیک‌نام", "رئیس هیئت مدیره", ""], None, (["مهندس"], "بهروز نیک‌نام", "رئیس هیئت مدیره", None)),
    (["۱", "مهندس حسن احمدی", "شهردار", "امضا"], None, (["مهندس"], "حسن احمدی", "شهردار", None)),
    (["", "رئیس پلیس راه استان", "سرهنگ بهرام احمدی"], ["signature", "role", "name"],
     ([], "سرهنگ بهرام احمدی", "رئیس پلیس راه استان", None)),
    (["2", "دکتر زهرا عباسی", "فرمانداری", ""], ["row", "name", "organization", "signature"],
     (["دکتر"], "زهرا عباسی", None, "فرمانداری")),
])
def test_read_signature_row(cells, columns, expected):
    p = read_signature_row(cells, columns)
    assert (p.titles, p.name, p.role, p.organization) == expected


def test_empty_signature_row():
    assert read_signature_row(["", "", ""]) is None
