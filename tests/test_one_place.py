"""One place per concept in the lower layers: one builder of vocabulary alternations, one
table of letter fixes, one writing of a numeric date. Each is checked through what uses it."""

from __future__ import annotations

import re

import pytest

from minutes.dates.deadlines import find_date, parse_deadline
from minutes.phrases.resolutions import extract
from minutes.text.normalize import LETTER_FIXES, normalize
from minutes.text.numbers import NUMERIC_DATE, fold
from minutes.text.vocab import vocab

V = vocab()


# -- one alternation builder ---------------------------------------------------------------

def test_pattern_of_some_keys_is_the_pattern_of_those_spellings():
    table = "dates.trail"
    for key in V.table(table):
        rx = re.compile(rf"(?:{V.pattern(table, key)})$")
        for spelling in V.table(table)[key]:
            assert rx.match(spelling)
    assert V.pattern(table, ("after_notice", "after_meeting")) != V.pattern(table)
    assert V.pattern(table, ()) == r"(?!)"  # no spelling matches nothing, not everything


@pytest.mark.parametrize("written", ["صورت جلسه", "صورت\u200cجلسه", "صورتجلسه"])
def test_space_zwnj_or_nothing_between_words_is_one_spelling(written):
    rx = re.compile(rf"(?:{V.pattern('dates.trail', 'notice_object')})$")
    assert rx.match(written)
    found = extract(f"مقرر گردید شهرداری ظرف یک ماه پس از ابلاغ {written} اقدام نماید")
    assert found.deadline_text == f"ظرف یک ماه پس از ابلاغ {written}"


# -- one table of letter fixes -------------------------------------------------------------

def test_fold_does_what_normalize_fixes_one_for_one():
    for old, new in LETTER_FIXES.items():
        assert len(old) == len(new) == 1
        assert fold(old) == new
        assert normalize(f"ب{old}ب") == f"ب{new}ب"


def test_fold_keeps_offsets():
    text = "كيى ۀة\xa0۱۲٣ ہۃەھ abc"
    assert len(fold(text)) == len(text)
    assert fold(text) == "کیی هه 123 هههه abc"


# -- one numeric date shape ----------------------------------------------------------------

@pytest.mark.parametrize("written, jalali", [
    ("۹۹/۱۱/۲۱", "1399-11-21"),
    ("1402-03-15", "1402-03-15"),
    ("۱۴۰۴.۰۳.۲۲", "1404-03-22"),
])
def test_a_numeric_date_is_read_and_found_alike(written, jalali):
    assert re.fullmatch(NUMERIC_DATE, fold(written))
    assert find_date(written) is not None
    assert parse_deadline(written).jalali == jalali
    assert extract(f"مقرر شد شهرداری تا {written} اقدام کند").deadline_text == f"تا {written}"


def test_mixed_separators_are_no_date_anywhere():
    written = "۹۹/۱۱-۲۱"
    assert re.fullmatch(NUMERIC_DATE, fold(written)) is None
    assert find_date(written) is None
    assert extract(f"مقرر شد شهرداری تا {written} اقدام کند").deadline_text is None
