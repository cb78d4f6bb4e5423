"""Forms the third survey sample showed, one phrase at a time: the end of the meeting on the last
decision's line, «۱_» numbers, active-voice approvals, a decision named alone, Dari speech and roles.

Every phrase here is invented; the forms are those of real pages (docs/forms.md, third sample)."""

from __future__ import annotations

import pytest

import minutes
from minutes.parsing.lexer import closing_kind, closing_tail
from minutes.phrases.people import person_at
from minutes.phrases.report import decision_sentences
from minutes.phrases.resolutions import item_start
from minutes.text.normalize import normalize


# line → closing_kind: a decision in an earlier sentence keeps the line a decision's
CLOSINGS = [
    ("جلسه در ساعت ۱۹ با ذکر صلوات خاتمه یافت.", "end"),
    ("نشست ساعت ۱۸ پایان یافت", "end"),
    ("پس از بحث، موارد فوق تصویب شد و جلسه در ساعت ۱۸ خاتمه یافت.", "end"),
    ("همچنین مقرر گردید دبیرخانه گزارش را تهیه کند. جلسه در ساعت ۱۷ خاتمه یافت.", None),
    ("مقرر شد کمیسیون بررسی کند. نشست در ساعت ۱۸ پایان یافت.", None),
    ("در این جلسه ۵ مصوبه به تصویب رسید.", "count"),
    # the noun «ختم جلسه» (adjournment): a closing line alone, an entry of contents as a numbered item
    ("ختم جلسه", "end"),
    ("ختم جلسه با قرائت دعا", "end"),
    ("۴- تعیین زمان نشست آینده - ختم جلسه", None),
    ("5- ختم جلسه", None),
    ("- ختم جلسه", None),
    ("۶- جلسه در ساعت ۱۲ با ذکر صلوات خاتمه یافت.", "end"),
]


@pytest.mark.parametrize("line,kind", CLOSINGS)
def test_closing_kind(line, kind):
    assert closing_kind(normalize(line)) == kind


# text → (text without the closing sentence, the closing sentence)
TAILS = [
    ("مقرر شد کمیسیون بررسی کند. جلسه ساعت ۱۹ خاتمه یافت.", ("مقرر شد کمیسیون بررسی کند.", "جلسه ساعت ۱۹ خاتمه یافت.")),
    ("مقرر شد کمیسیون بررسی کند.", ("مقرر شد کمیسیون بررسی کند.", None)),
    ("جلسه ساعت ۱۹ خاتمه یافت.", ("جلسه ساعت ۱۹ خاتمه یافت.", None)),  # no sentence before it: nothing to cut
]


@pytest.mark.parametrize("text,expected", TAILS)
def test_closing_tail(text, expected):
    text = normalize(text)
    assert closing_tail(text) == tuple(normalize(e) if e else e for e in expected)


# line → (kind, number, text) of its list numbering
ITEMS = [
    ("۱_مجمع سالانه در مرداد برگزار می‌شود.", ("digit", 1, "مجمع سالانه در مرداد برگزار می‌شود.")),
    ("12_ گزارش مالی خوانده شد.", ("digit", 12, "گزارش مالی خوانده شد.")),
    ("۳- مقرر شد گزارش ارسال شود.", ("digit", 3, "مقرر شد گزارش ارسال شود.")),
    ("_بازدید از نمایشگاه", ("bullet", None, "بازدید از نمایشگاه")),
]


@pytest.mark.parametrize("line,expected", ITEMS)
def test_item_start(line, expected):
    item = item_start(normalize(line))
    assert item is not None and (item.kind, item.number, item.text) == (expected[0], expected[1], normalize(expected[2]))


# paragraph → the decisions it states
DECISIONS = [
    # active voice, the body as the subject
    ("شورای مدرسه در این جلسه برنامه اردوی پاییزه را به تصویب رساند.",
     ["شورای مدرسه در این جلسه برنامه اردوی پاییزه را به تصویب رساند."]),
    ("اعضای هیئت امنا بودجه سال آینده را تصویب کردند.", ["اعضای هیئت امنا بودجه سال آینده را تصویب کردند."]),
    # a resolution number cited inside what is approved
    ("شورا افتتاح دوره مقدماتی برابر مصوبه شماره ۱۲ را به تصویب رساند.",
     ["شورا افتتاح دوره مقدماتی برابر مصوبه شماره ۱۲ را به تصویب رساند."]),
    # a cited decision outside the object stays another body's
    ("طرح ساماندهی طبق مصوبه شورای عالی تصویب شد.", []),
    # one decision named before a singular «دیگر مصوبه», a «و» after a purpose inside it
    ("خرید دو دستگاه اتوبوس به منظور کاهش ازدحام و بهبود خدمات دیگر مصوبه شورای شهر در جلسه امروز بود.",
     ["خرید دو دستگاه اتوبوس به منظور کاهش ازدحام و بهبود خدمات"]),
    # two named before the plural stay two
    ("تعمیر سالن ورزشی محله و خرید تجهیزات کتابخانه از دیگر مصوبات این جلسه بود.",
     ["تعمیر سالن ورزشی محله", "خرید تجهیزات کتابخانه"]),
]


@pytest.mark.parametrize("text,expected", DECISIONS)
def test_decision_sentences(text, expected):
    assert decision_sentences(normalize(text)) == [normalize(e) for e in expected]


# sentence start → (name, role, titles) of the person it names
PEOPLE = [
    ("محمد ناصر یوسفی ولسوال مقر علاوه کرد", ("محمد ناصر یوسفی", "ولسوال مقر", [])),
    ("عبدالغفور نوری والی بادغیس گفت", ("عبدالغفور نوری", "والی بادغیس", [])),
    ("مولوی عبدالرحیم صافی رئیس شورای ولایتی گفت", ("عبدالرحیم صافی", "رئیس شورای ولایتی", ["مولوی"])),
    ("محمد رضا احمدی گفت", ("محمد رضا", None, [])),  # no role after: the third word is not taken
]


@pytest.mark.parametrize("text,expected", PEOPLE)
def test_person_at(text, expected):
    found = person_at(normalize(text), 0, need_honorific=False)
    assert found is not None and (found.name, found.role, found.titles) == expected


# a paragraph of a report → its speaker (name, role): three-word names, a role ending before its object
TURNS = [
    ("در این جلسه علی رضا کاظمی رئیس سازمان پارک‌ها مشکلاتی را درباره آبیاری فضای سبز بیان کرد.",
     ("علی رضا کاظمی", "رئیس سازمان پارک‌ها")),
    ("در ابتدا پس از تلاوت آیاتی چند از کلام الله مجید آقای رضا کرمانی دبیر هیئت از اعضا خواست نظر دهند.",
     ("رضا کرمانی", "دبیر هیئت")),
]


@pytest.mark.parametrize("paragraph,expected", TURNS)
def test_report_speaker(paragraph, expected):
    m = minutes.parse("جلسه هیئت برگزار شد.\n\n" + paragraph + "\n")
    assert [(t.speaker.name, t.speaker.role) for t in m.turns] == [tuple(normalize(x) for x in expected)]
