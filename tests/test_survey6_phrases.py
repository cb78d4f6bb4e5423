"""Forms the sixth survey sample showed, one phrase at a time: a sentence that introduces the decisions with
«… موارد زیر مورد تصویب قرار گرفت :» or «… موارد ذیل مصوب گردید:» (at the end of a paragraph, or before a
list run inline in it).

Every phrase here is invented; the forms are those of real pages (docs/forms.md, sixth sample)."""

from __future__ import annotations

import pytest

import minutes
from minutes.phrases.resolutions import ends_with_intro
from minutes.text.normalize import normalize

# a paragraph → does its last sentence introduce the list that follows?
INTROS = [
    # «the following» approved, in the words of a notice or a commission's news
    ("پیرو صورتجلسه مورخ ۱۴۰۲/۷/۱۰ شورای آموزشی موارد زیر مورد تصویب قرار گرفت :", True),
    ("در این جلسه برنامه‌های هفته کتاب بررسی و موارد ذیل مصوب گردید:", True),
    ("پس از بحث و تبادل نظر موارد زیر مصوب شد.", True),
    # a decision verb without «the following» introduces a list only before a colon
    ("هیئت مدیره پس از بررسی گزارش‌ها، پیشنهادهای کمیسیون را مصوب شد:", True),
    ("پیشنهادهای کمیته پس از بحث مورد تصویب قرار گرفت:", True),
    ("گزارش مالی سال گذشته پس از بحث مورد تصویب قرار گرفت.", False),
    ("بودجه پیشنهادی کتابخانه در جلسه مصوب گردید.", False),
    # nor does a sentence that only names something approved before
    ("مصوبات جلسه قبل مورد تصویب قرار گرفته بود و گزارش آن خوانده شد.", False),
]


@pytest.mark.parametrize("text,introduces", INTROS)
def test_ends_with_intro(text, introduces):
    assert ends_with_intro(normalize(text)) is introduces


# a page → its resolutions' texts
LISTS = [
    # the intro at the end of a paragraph, the items on lines of their own
    ("اطلاعیه اداره آموزش\n\nپیرو صورتجلسه مورخ ۱۴۰۰/۲/۳ کمیته موارد زیر مورد تصویب قرار گرفت :\n\n"
     "1- ثبت‌نام نیمسال تابستان تا دهم تیر ادامه دارد.\n\n2- کلاس‌های جبرانی در روزهای پنجشنبه برگزار می‌شود.\n",
     ["ثبت‌نام نیمسال تابستان تا دهم تیر ادامه دارد.", "کلاس‌های جبرانی در روزهای پنجشنبه برگزار می‌شود."]),
    # the intro and the items run inline in one paragraph
    ("جلسه کمیسیون عمران شورا روز دوشنبه برگزار شد و موارد ذیل مصوب گردید: 1- بازسازی پیاده‌روی خیابان بهار "
     "2- شهرداری نقشه پارک محله را به کمیسیون بدهد\n",
     ["بازسازی پیاده‌روی خیابان بهار", "شهرداری نقشه پارک محله را به کمیسیون بدهد"]),
]


@pytest.mark.parametrize("text,expected", LISTS)
def test_list_after_intro(text, expected):
    assert [r.text for r in minutes.parse(text).resolutions] == [normalize(e) for e in expected]
