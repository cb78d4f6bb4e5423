"""Context decided by the grammar: facts that the lexer's old state flags lost, and readings
chosen by where a line stands (tables for phrases: each row is a small document and what the
parse must make of it)."""

from __future__ import annotations

import pytest

import minutes

HEAD = "صورتجلسه\nمصوبات:\n۱- مقرر شد شهرداری ظرف یک ماه نسبت به لایروبی انهار اقدام نماید.\n" \
       "۲- مقرر شد کمیسیون فرهنگی تا پایان آذر ۱۴۰۳ گزارش جشنواره را ارائه کند.\n"


def test_declared_count_and_end_line_both_kept():
    m = minutes.parse("تاریخ جلسه: ۱۴۰۳/۰۸/۱۰\n" + HEAD + "در این جلسه ۲ مصوبه به تصویب رسید.\n"
                      "جلسه در ساعت ۱۹:۳۰ با ذکر صلوات خاتمه یافت.\nمحمد رضایی\nرئیس شورا\n")
    assert m.closing.declared_resolution_count == 2
    assert m.header.meeting.end_time == "19:30"
    assert m.closing.text.splitlines() == ["در این جلسه ۲ مصوبه به تصویب رسید.",
                                           "جلسه در ساعت ۱۹:۳۰ با ذکر صلوات خاتمه یافت."]
    assert [(p.name, p.role) for p in m.closing.signatories] == [("محمد رضایی", "رئیس شورا")]
    assert "resolution-count-mismatch" not in {d.code for d in m.diagnostics}


def test_table_after_the_declared_count_is_read():
    m = minutes.parse("صورتجلسه\nدر این جلسه ۲ مصوبه به تصویب رسید.\n"
                      "ردیف\tشرح مصوبه\tمسئول اجرا\tمهلت\n"
                      "۱\tلایروبی انهار\tشهرداری\tیک ماه\n"
                      "۲\tگزارش جشنواره\tکمیسیون فرهنگی\tپایان آذر\n")
    assert [(r.row, r.text, r.actor) for r in m.resolutions] == [
        (1, "لایروبی انهار", "شهرداری"), (2, "گزارش جشنواره", "کمیسیون فرهنگی")]
    assert m.closing.declared_resolution_count == 2
    assert "resolution-count-mismatch" not in {d.code for d in m.diagnostics}


def _types(text: str) -> list[str]:
    from minutes.pipeline import line_tokens, _prepare
    from minutes.read.sources import read_text

    lines, _ = _prepare(read_text(text))
    return [t.type for t in line_tokens(lines)]


# (document, the type the grammar gives each line): one numbered line, three contexts.
@pytest.mark.parametrize("text, types", [
    ("دستور جلسه:\n۱- بررسی بودجه", ["AGENDA_HEAD", "AGENDA_ITEM"]),
    ("مصوبات:\n۱- بررسی بودجه", ["RESOLUTIONS_HEAD", "LIST_ITEM"]),
    ("حاضرین:\n۱- آقای محمد رضایی", ["ATTENDANCE", "ATTENDEE"]),
    ("متن گزارش جلسه.\n۱- بررسی بودجه", ["PARAGRAPH", "PARAGRAPH"]),
    # a numbered line that decides is a resolution even under the agenda
    ("دستور جلسه:\n۱- مقرر شد شهرداری بودجه را ارائه کند.", ["AGENDA_HEAD", "DECISION_ITEM"]),
    # after an intro, items without a verb are resolutions too
    ("موارد زیر مقرر گردید:\n۱- مقرر شد شهرداری اقدام کند.\n۲- بازدید از پروژه‌ها", ["DECISION_INTRO", "DECISION_ITEM", "LIST_ITEM"]),
    # a short line after a finished item is not its continuation; an open sentence goes on
    ("مصوبات:\n۱- مقرر شد شهرداری اقدام کند.\nمحمد رضایی", ["RESOLUTIONS_HEAD", "DECISION_ITEM", "PARAGRAPH"]),
    ("مصوبات:\n۱- مقرر شد شهرداری نسبت به\nلایروبی اقدام کند.", ["RESOLUTIONS_HEAD", "DECISION_ITEM", "CONTINUATION"]),
    # a short line is a signature only after the closing
    ("شورای اسلامی شهر نمونه\nصورتجلسه\nمحمد رضایی\nجلسه ساعت ۱۲ خاتمه یافت.\nمحمد رضایی",
     ["LETTERHEAD", "TITLE", "PARAGRAPH", "CLOSING", "SIGNATURE"]),  # no letterhead after the title
])
def test_one_line_many_readings(text, types):
    assert _types(text) == types


def test_section_head_after_the_closing_is_reported():
    m = minutes.parse("صورتجلسه\nجلسه ساعت ۱۲ خاتمه یافت.\n#### دستور جلسه\n")
    assert [(d.code, d.line) for d in m.diagnostics if d.code == "unexpected-line"] == [("unexpected-line", 3)]
    assert "AGENDA_HEAD" in next(d.message for d in m.diagnostics if d.code == "unexpected-line")


# (line, how item_start reads its numbering): the one reader of list markers.
@pytest.mark.parametrize("line, kind, number, text", [
    ("۱- مقرر شد شهرداری اقدام کند", "digit", 1, "مقرر شد شهرداری اقدام کند"),
    ("1. بررسی بودجه", "digit", 1, "بررسی بودجه"),
    ("2) بررسی بودجه", "digit", 2, "بررسی بودجه"),
    ("(4 تمدید قرارداد", "digit", 4, "تمدید قرارداد"),
    ("۱ :مقرر شد", "digit", 1, "مقرر شد"),
    ("780 مقرر گردید جلسات برگزار شود", "digit", 780, "مقرر گردید جلسات برگزار شود"),
    ("بند ۳: تصویب شد", "word", 3, "تصویب شد"),
    ("الف- اجاره دفتر", "letter", None, "اجاره دفتر"),
    ("*- آقای رضایی گزارش داد", "bullet", None, "آقای رضایی گزارش داد"),
    ("• برگزاری آزمون", "bullet", None, "برگزاری آزمون"),
    ("_جذب نیرو", "bullet", None, "جذب نیرو"),
    ("✅ قرار شد گزارش ارائه شود", "bullet", None, "قرار شد گزارش ارائه شود"),
])
def test_item_markers(line, kind, number, text):
    from minutes.phrases.resolutions import item_start
    from minutes.text.normalize import normalize

    assert tuple(item_start(normalize(line))) == (kind, number, normalize(text))


# A number that counts, dates or votes is not an item's number.
@pytest.mark.parametrize("line", ["۱۵ اسفند جلسه برگزار شد", "20 درصد بودجه", "۷ موافق، ۲ مخالف",
                                  "1402/03/05 جلسه", "متن بدون شماره"])
def test_not_item_markers(line):
    from minutes.phrases.resolutions import item_start
    from minutes.text.normalize import normalize

    assert item_start(normalize(line)) is None


# (paragraph, the lines layout makes of it)
@pytest.mark.parametrize("text, parts", [
    ("موارد ذیل اتخاذ گردید ۱ :مقرر شد الف ۲:مقرر شد ب ۳: مقرر شد ج",
     ["موارد ذیل اتخاذ گردید", "۱ :مقرر شد الف", "۲:مقرر شد ب", "۳: مقرر شد ج"]),
    ("به شرح زیر است: _جذب نیرو _نظارت بر پروژه", ["به شرح زیر است:", "_جذب نیرو", "_نظارت بر پروژه"]),
    # numbers that do not count up from 1, dates and hours: one line
    ("جلسه ساعت ۱۰:۳۰ روز ۱۴۰۲/۰۳/۰۵ برگزار شد و ۲- مورد", ["جلسه ساعت ۱۰:۳۰ روز ۱۴۰۲/۰۳/۰۵ برگزار شد و ۲- مورد"]),
    ("تنها ۱- مورد در این جلسه بررسی شد", ["تنها ۱- مورد در این جلسه بررسی شد"]),
])
def test_inline_lists_are_split(text, parts):
    from minutes.parsing.layout import split_inline_list

    assert split_inline_list(text) == parts


# Text as written: normalization changes what is compared, not what is shown.
@pytest.mark.parametrize("written", [
    "https://www.shahr-sample.ir/news", "www.shahr-sample.ir", "dabir@shahr-sample.ir",
    "12/345-ب", "1402/03/05", "250,000,000", "سال 1402",
])
def test_resolution_text_keeps_urls_mails_and_latin_digits(written):
    m = minutes.parse(f"صورتجلسه\nمصوبات:\n۱- مقرر شد دبیرخانه نامه را با ذکر {written} ارسال کند.\n")
    assert written in m.resolutions[0].text


# (line, how item_start reads it): kashida dashes gone after normalization, bidi-reordered numbers.
@pytest.mark.parametrize("line, kind, number, text", [
    ("1ـ تمدید قرارداد پیمانکار", "digit", 1, "تمدید قرارداد پیمانکار"),
    ("ب ـ 2ـ بازرس شرکت انتخاب شد", "letter", None, "بازرس شرکت انتخاب شد"),
    ("الف- 1- رئیس جلسه انتخاب شد", "letter", None, "رئیس جلسه انتخاب شد"),
    ("86 -1 مقرر شد خزانه‌دار گزارش دهد", "digit", 1, "مقرر شد خزانه‌دار گزارش دهد"),
    ("♦️ مقرر گردید شهرداری اقدام کند", "bullet", None, "مقرر گردید شهرداری اقدام کند"),
    ("✍️مقرر شد گزارش ارائه شود", "bullet", None, "مقرر شد گزارش ارائه شود"),
    ("🔹 بازدید از پروژه", "bullet", None, "بازدید از پروژه"),
])
def test_more_item_markers(line, kind, number, text):
    from minutes.phrases.resolutions import item_start
    from minutes.text.normalize import normalize

    assert tuple(item_start(normalize(line))) == (kind, number, normalize(text))


# «و» is a conjunction, a count stays a count: not item numbers.
@pytest.mark.parametrize("line", ["و 2 نفر دیگر حضور داشتند", "ب 3 روز بعد", "1402 -05 جلسه"])
def test_not_more_item_markers(line):
    from minutes.phrases.resolutions import item_start
    from minutes.text.normalize import normalize

    assert item_start(normalize(line)) is None


# (paragraph ending a line, does it introduce the list below): cover letters, «اتخاذ تصمیم»,
# misspellings and glued verbs.
@pytest.mark.parametrize("text, intro", [
    ("مصوبات جلسه هیئت مدیره به شرح ذیل جهت اجرا ارسال می‌گردد:", True),
    ("تصمیمات جلسه به شرح زیر جهت اجرا ابلاغ می‌گردد:", True),
    ("جلسه با حضور کلیه سهامداران تشکیل و به شرح ذیل اتخاذ تصمیم شد:", True),
    ("پس از بحث تصمیمات به شرح زیر اتخاد گردید:", True),
    ("همچنین در خصوص حمل و نقل مقررمی گردد:", True),
    ("به شهرداری اجازه داده می‌شود به شرح زیر اقدام نماید:", True),
    ("نامه به شرح ذیل جهت اجرا ارسال می‌گردد و پاسخ آن منتظر است.", False),
    ("جلسه با حضور اعضا تشکیل شد.", False),
])
def test_intro_at_paragraph_end(text, intro):
    from minutes.phrases.resolutions import ends_with_intro
    from minutes.text.normalize import normalize

    assert ends_with_intro(normalize(text)) is intro


# (document, kind): weak marks of minutes give way to news cues; strong ones do not.
@pytest.mark.parametrize("text, kind", [
    ("مصوبه شورای عالی آمایش درباره پهنه‌های ساحلی\nشورا در جلسه خود تصویب نمود که استانداری‌ها فهرست را ارسال کنند.\n",
     "minutes"),
    ("مصوبه جدید شورای شهر ابلاغ شد\nشورا در جلسه خود تصویب نمود که شهرداری اقدام کند.\n", "report"),
    ("جلسه بررسی آبرسانی روستای نمونه\nاین جلسه با حضور بخشدار برگزار گردید و مقرر شد دهیاری اقدام کند.\n", "minutes"),
    ("جلسه بررسی آبرسانی روستای نمونه برگزار شد\nاین جلسه با حضور بخشدار برگزار گردید.\n", "report"),
    ("شماره جلسه :\nماده واحده: به شهرداری اجازه داده می‌شود اقدام نماید.\n", "minutes"),
    ("به گزارش خبرگزاری نمونه، مصوبات جلسه به شرح ذیل اتخاذ شد:\n۱- مقرر شد شهرداری اقدام کند.\n", "report"),
    ("به گزارش روابط عمومی بخشداری، مصوبات جلسه به شرح ذیل اتخاذ شد:\n۱- مقرر شد دهیاری اقدام کند.\n", "minutes"),
    ("صبح امروز جلسه شورا تشکیل و موارد زیر مقرر گردید:\n۱- مقرر شد شهرداری اقدام کند.\n", "report"),
    ("صورتجلسه\nبه گزارش خبرنگار ما مصوبات به شرح ذیل اتخاذ شد:\n۱- مقرر شد شهرداری اقدام کند.\n", "minutes"),
])
def test_kind_evidence_and_news(text, kind):
    assert minutes.parse(text).kind == kind


# (decision ending «:» and the lines under it, resolutions read): members are the decision's text.
@pytest.mark.parametrize("lines, count", [
    (["کارگروه با حضور افراد زیر تشکیل می‌شود:", "1- وزیر کشور", "2- رئیس سازمان برنامه", "3- دو نفر از استانداران"], 1),
    (["اعضای کمیته عبارتند از:", "1- آقای محمد رضایی مدیر مالی", "2- خانم سارا کیانی"], 1),
    (["موارد زیر مقرر گردید:", "1- مقرر شد شهرداری اقدام کند.", "2- مقرر شد دهیاری گزارش دهد."], 2),
])
def test_members_after_a_decision_are_not_resolutions(lines, count):
    text = "صورتجلسه\nهیئت در جلسه خود تصویب نمود:\n" + "\n".join(lines) + "\n"
    assert len(minutes.parse(text).resolutions) == count


# (line under an item, is it a vote): vote words as whole words only
@pytest.mark.parametrize("line, vote", [
    ("۵ موافق، ۲ مخالف", True),
    ("با اتفاق آراء تصویب شد.", True),
    ("پس از بحث با پیشنهاد اول موافقت شد.", False),  # «موافقت» is not «موافق»
])
def test_vote_lines(line, vote):
    types = _types(f"مصوبات:\n۱- مقرر شد شهرداری اقدام کند\n{line}")
    assert (types[2] == "VOTE") is vote


def test_a_second_tables_title_is_kept():
    # found by the property test: the title above a second table was in no field
    m = minutes.parse("ردیف\tشرح مصوبات\tاقدام کننده\tمدت اجراء\ndate\nخلاصه جلسه\n"
                      "ردیف\tشرح مصوبات\tاقدام کننده\tمدت اجراء")
    assert ("table-header", 3) in {(d.code, d.line) for d in m.diagnostics}
