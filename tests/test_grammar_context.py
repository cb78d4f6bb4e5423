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
    ("صورتجلسه\nمحمد رضایی\nجلسه ساعت ۱۲ خاتمه یافت.\nمحمد رضایی", ["TITLE", "LETTERHEAD", "CLOSING", "SIGNATURE"]),
])
def test_one_line_many_readings(text, types):
    assert _types(text) == types


def test_section_head_after_the_closing_is_reported():
    m = minutes.parse("صورتجلسه\nجلسه ساعت ۱۲ خاتمه یافت.\n#### دستور جلسه\n")
    assert [(d.code, d.line) for d in m.diagnostics if d.code == "unexpected-line"] == [("unexpected-line", 3)]
    assert "AGENDA_HEAD" in next(d.message for d in m.diagnostics if d.code == "unexpected-line")
