"""One table of cases per pipeline stage: sources, normalize, layout, lexer, grammar."""

from __future__ import annotations

import codecs

import pytest

import minutes
from minutes.errors import InputError
from minutes.parsing.layout import layout, split_markdown
from minutes.pipeline import line_tokens
from minutes.text.normalize import normalize, normalize_lines
from minutes.read.sources import Line, decode, read_text

# -- sources ---------------------------------------------------------------

PERSIAN = "صورتجلسه شورای هماهنگی\nمدت اجراء"


# Windows-1256 has no Persian yeh: old files carry the Arabic one (ي), which normalize fixes.
ARABIC_YEH = PERSIAN.replace("ی", "ي")


@pytest.mark.parametrize("data, text, encoding", [
    (PERSIAN.encode("utf-8"), PERSIAN, "utf-8"),
    (codecs.BOM_UTF8 + PERSIAN.encode("utf-8"), PERSIAN, "utf-8-sig"),
    (PERSIAN.encode("utf-16"), PERSIAN, "utf-16"),
    (codecs.BOM_UTF16_BE + PERSIAN.encode("utf-16-be"), PERSIAN, "utf-16"),
    (ARABIC_YEH.encode("cp1256"), ARABIC_YEH, "cp1256"),
])
def test_decode(data, text, encoding):
    assert decode(data) == (text, encoding)


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"PK\x03\x04\x14\x00\x00\x00", "café naïve résumé".encode("latin-1")])
def test_undecodable_is_an_error_naming_the_file(data):
    with pytest.raises(InputError) as exc:
        decode(data, "minutes.txt")
    assert str(exc.value).startswith("minutes.txt")


def test_line_numbers_follow_editors():
    doc = read_text("الف\r\nب\rج\u2028د\n")
    assert [(ln.number, ln.original) for ln in doc.lines] == [(1, "الف"), (2, "ب"), (3, "ج\u2028د"), (4, "")]


# -- normalize ---------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("منصورى معاون محترم وزير", "منصوری معاون محترم وزیر"),  # Arabic yeh / alef maksura
    ("مدیر كل", "مدیر کل"),  # Arabic kaf
    ("باسمہ تعالیٰ", "باسمه تعالی"),  # Urdu heh, superscript alef
    ("جلـــسه", "جلسه"),  # tatweel
    ("\u200fمصوبه\u202b شماره\u200b ۲\u202c", "مصوبه شماره ۲"),  # bidi and zero-width marks
    ("روز سه شنبه ۹۹/۱۱/۲۱ سالن", "روز سه‌شنبه ۹۹/۱۱/۲۱ سالن"),  # the date is not spaced out
    ("تا 1399/12/15", "تا 1399/12/15"),  # Latin digits stay as written
    ("تا ٢٠/١٢/١٣٩٩", "تا ۲۰/۱۲/۱۳۹۹"),  # Arabic-Indic digits
    ("نرخ ۱۴/۵٪", "نرخ ۱۴/۵٪"),
    ("۱\tمصوب شد\t\tتا پایان سال", "۱\tمصوب شد\t\tتا پایان سال"),  # tab cells and the empty cell survive
])
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_normalize_keeps_line_count():
    lines = ["الف", "", "ب\tپ", "   ", "۹۹/۱/۱"]
    assert len(normalize_lines(lines)) == len(lines)


# -- layout ------------------------------------------------------------------

@pytest.mark.parametrize("raw, text, mark", [
    ("### صور تجلسه", "صور تجلسه", "h3"),
    ("#### الف : موضوع جلسه", "الف : موضوع جلسه", "h4"),
    ("**جناب آقای امرائی**", "جناب آقای امرائی", "bold"),
    ("**جناب آقای سیدنظرزاده مدیر صندوق در این نشست فرمودند: **", "جناب آقای سیدنظرزاده مدیر صندوق در این نشست فرمودند:", "bold"),
    ("- ۱- بررسی ظرفیت‌ها", "۱- بررسی ظرفیت‌ها", "bullet"),
    ("| ردیف | شرح مصوبه | مهلت |", "ردیف\tشرح مصوبه\tمهلت", "pipe"),
    ("متن **پررنگ** در میان", "متن پررنگ در میان", None),
])
def test_split_markdown(raw, text, mark):
    assert split_markdown(raw) == (text, mark)


def _layout(text: str):
    doc = read_text(text)
    lines = [Line(ln.number, ln.original, t) for ln, t in zip(doc.lines, normalize_lines([x.original for x in doc.lines]))]
    return layout(lines)


HEADER_VARIANTS = [
    ("ردیف\tشرح مصوبات\tموضوع محوری\tاقدام کننده\tمسئول نظارت\tمدت اجراء",
     ("row", "text", "topic", "actor", "supervisor", "deadline")),
    ("شماره\tمتن مصوبه\tمجری\tناظر\tمهلت اجرا", ("row", "text", "actor", "supervisor", "deadline")),
    ("ر\tمصوبه\tدستگاه اجرایی\tنظارت\tزمان اجرا", ("row", "text", "actor", "supervisor", "deadline")),
    ("ردیف\tعنوان\tدستگاه مسئول\tمهلت انجام", ("row", "text", "actor", "deadline")),
    ("ردیف\tشرح مصوبه\tاقدام‌کننده\tتاریخ انجام", ("row", "text", "actor", "deadline")),
    ("ردیف\tموضوع\tشرح مصوبه\tمسئول اجرا\tزمان‌بندی", ("row", "text", "topic", "actor", "deadline")),
    # «مسئول پیگیری» alone is the actor …
    ("ردیف\tشرح مصوبه\tمسئول پیگیری\tمهلت", ("row", "text", "actor", "deadline")),
    # … and beside «مسئول اجرا» it is the supervisor
    ("ردیف\tشرح مصوبه\tمسئول اجرا\tمسئول پیگیری\tمهلت", ("row", "text", "actor", "supervisor", "deadline")),
    ("| ردیف | شرح مصوبات | اقدام کننده | مدت اجراء |", ("row", "text", "actor", "deadline")),
    # mirrored: the RTL copy runs «مدت اجراء … ردیف»
    ("مدت اجراء\tمسئول نظارت\tاقدام کننده\tموضوع محوری\tشرح مصوبات\tردیف",
     ("row", "text", "topic", "actor", "supervisor", "deadline")),
    # an unknown column is kept, after the known ones
    ("ردیف\tشرح مصوبه\tبودجه\tمهلت", ("row", "text", "deadline", "extra:بودجه")),
]


@pytest.mark.parametrize("header, columns", HEADER_VARIANTS)
def test_table_header_synonyms(header, columns):
    lines, _ = _layout(header)
    assert lines[0].columns == columns


def test_pipe_table_with_rule_line():
    lines, diags = _layout("| ردیف | شرح مصوبه | مهلت |\n|---|---|---|\n| ۱ | مقرر شد | یک ماه |")
    assert [ln.columns for ln in lines] == [("row", "text", "deadline")] * 2
    assert lines[1].text == "۱\tمقرر شد\tیک ماه"
    assert [(d.code, d.line) for d in diags] == [("table-rule", 2)]


def test_row_with_missing_cells_is_diagnosed_not_shifted_silently():
    lines, diags = _layout("ردیف\tشرح مصوبه\tاقدام کننده\tمهلت\n۱\tمقرر شد\tشهرداری")
    assert lines[1].text.split("\t") == ["۱", "مقرر شد", "شهرداری", ""]
    assert [(d.code, d.line) for d in diags] == [("table-row-cells", 2)]


def test_mirrored_rows_are_restored():
    lines, diags = _layout("مهلت\tاقدام کننده\tشرح مصوبه\tردیف\nیک ماه\tشهرداری\tمقرر شد\t۱")
    assert lines[1].text == "۱\tمقرر شد\tشهرداری\tیک ماه"
    assert ("table-mirrored", 1) in {(d.code, d.line) for d in diags}


def test_furniture_repeats_are_dropped_first_kept():
    page = "جمهوری اسلامی ایران\nوزارت کشور\nباسمه تعالی\n"
    lines, diags = _layout(page + "### صورتجلسه\nمتن\n" + page.replace("باسمه", "باسمہ") + "ادامه متن")
    assert [ln.text for ln in lines] == ["جمهوری اسلامی ایران", "وزارت کشور", "باسمه تعالی", "صورتجلسه", "متن", "ادامه متن"]
    assert sorted(d.line for d in diags if d.code == "furniture") == [6, 7, 8]


# -- lexer: heading variants, one token per line ------------------------------

def _types(text: str, section: str = "#### د : موضوعات مطرح شده در این جلسه") -> list[str]:
    lines, _ = _layout("### صورتجلسه\n" + section + "\n" + text)
    return [t.type for t in line_tokens(lines)][2:]


@pytest.mark.parametrize("line, token", [
    ("### جناب آقای غمگین ادامه دادند :", "SPEAKER"),
    ("**جناب آقای سید قادر احمدی مدیر حوزه تعاون استان در این جلسه با بیان فعالیت‌ها فرمودند :**", "SPEAKER"),
    ("#### در این جلسه جناب آقای دکتر حسینی نژاد مدیر توسعه کارآفرینی اعلام داشت :", "SPEAKER"),
    ("سرکار خانم مهندس رضایی مدیر امور بانوان اظهار داشت:", "SPEAKER"),
    ("**معاون بهزیستی استان ادامه دادند:**", "ROLE_SPEAKER"),
    ("#### جناب آقای قراچه", "NAME_HEAD"),
    ("### مرعشی مدیر کل تامین اجتماعی", "NAME_HEAD"),
    ("جناب آقای یحیایی، مدیر شعب بانک های رفاه استان", "PERSON_LINE"),
    ("**مدیر صندوق کارآفرینی امید**", "ROLE_LINE"),
    ("با اشاره به بعضی از اقدامات بانک فرمودند:", "VERB_LINE"),
    ("#### بانک رفاه کارگران استان", "ORG_HEAD"),
    ("پس از خاتمه سخنان جناب آقای دکتر غمگین مدیران کل گزارشات خود را ارائه نمودند.", "PARAGRAPH"),
    ("انشالله با حضور جناب آقای دکتر منصوری بتوانیم بهره کافی بگیریم.", "PARAGRAPH"),
    ("الف: نظر به اینکه مشمولین دریافت تسهیلات صندوق بیمه نخواهند بود.", "PARAGRAPH"),
])
def test_heading_variants(line, token):
    assert _types(line) == [token]


@pytest.mark.parametrize("line, token", [
    ("#### الف : موضوع جلسه", "SECTION"),
    ("#### ب : زمان و مکان", "SECTION"),
    ("ج- دستور کار جلسه", "AGENDA_HEAD"),
    ("د) موضوعات مطرح شده", "SECTION"),
    ("### دستور جلسه", "AGENDA_HEAD"),
    ("مصوبات:", "RESOLUTIONS_HEAD"),
    ("در این جلسه ۷ مصوبه مورد تأیید قرار گرفته است.", "CLOSING"),
    ("در این جلسه 5 مصوبه به تصویب رسید.", "CLOSING"),
])
def test_structure_lines(line, token):
    assert _types(line)[0] == token


def test_agenda_items_only_inside_agenda():
    assert _types("- ۱- بررسی\n۲. تصویب\n3) سایر", "#### ج : دستور کار جلسه") == ["AGENDA_ITEM"] * 3
    assert _types("۲. تصویب بودجه") == ["PARAGRAPH"]


# -- grammar: other shapes of minutes ------------------------------------------

def test_sections_without_letters_in_another_order():
    text = ("صورتجلسه\n### دستور جلسه\n۱- بودجه\n### زمان و مکان\nساعت ۹ صبح روز شنبه ۱۴۰۲/۰۳/۰۶ سالن شورا\n"
            "### موضوع جلسه\nدهمین جلسه شورای شهر\n")
    m = minutes.parse(text)
    assert [a.text for a in m.agenda] == ["بودجه"]
    assert m.header.session_number == 10
    assert (m.header.meeting.date.jalali, m.header.meeting.time, m.header.meeting.weekday) == ("1402-03-06", "09:00", "شنبه")
    assert m.header.meeting.place == "سالن شورا"


def test_minutes_with_only_a_table():
    m = minutes.parse("ردیف\tشرح مصوبه\tاقدام کننده\tمهلت\n۱\tخرید تجهیزات\tاداره پشتیبانی\tیک ماه\n")
    assert m.kind == "minutes"
    assert [(r.row, r.actor, r.deadline.kind) for r in m.resolutions] == [(1, "اداره پشتیبانی", "relative")]
    # no meeting date to count from: the duration is kept, the date stays open
    assert (m.resolutions[0].deadline.months, m.resolutions[0].deadline.jalali) == (1, None)


def test_weekday_mismatch_is_diagnosed_both_kept():
    m = minutes.parse("صورتجلسه\n#### ب : زمان و مکان\nساعت ۱۰ صبح روز شنبه ۹۹/۱۱/۲۱ دفتر مدیرکل\n")
    assert m.header.meeting.weekday == "شنبه" and m.header.meeting.date.jalali == "1399-11-21"
    assert [d.line for d in m.diagnostics if d.code == "weekday-mismatch"] == [3]
