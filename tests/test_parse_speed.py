"""The shortcuts that make a warm parse fast give the same answers as the long way: each
guard on one of hazm's patterns lets through every text that pattern would change, and the
normalizer's translation by str.replace gives what str.translate gives."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutes.text import hazm_lite

_LITE = hazm_lite.normalizer()
_GUARDED = [(p, r, needs) for patterns in _LITE._compiled.values() for p, r, needs in patterns if needs]
# The characters hazm's patterns are written with, and a few letters and digits around them.
_ALPHABET = sorted(set("".join(re.sub(r"\\[a-zA-Z]", "", p.pattern) for p, _, _ in _GUARDED))
                   | set(" \n\u200c\u200cتریگهاامیشندa1۲.") - set("\\"))


def test_every_listed_guard_found_its_pattern():
    listed = {p.pattern for p, _, _ in _GUARDED}
    assert listed == set(hazm_lite._NEEDS)


@pytest.mark.parametrize("pattern,repl,needs", _GUARDED, ids=[p.pattern[:30] for p, _, _ in _GUARDED])
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=_ALPHABET, max_size=12))
def test_a_guard_passes_every_text_its_pattern_changes(pattern, repl, needs, text):
    assert needs(text) or pattern.sub(repl, text) == text


@pytest.mark.parametrize("text", ["abc  ", " abc", "abc \n", "a  b", "خانه ی کتاب", "می روم", "کتاب ها",
                                  "خانه ام", "خانهها", 'گفت " سلام "', "a\u200c b", "۱.۵", "و ..."])
def test_a_guard_passes_known_changes(text):
    changed = [p.pattern for p, r, needs in _GUARDED if p.sub(r, text) != text]
    assert changed and all(needs(text) for p, r, needs in _GUARDED if p.pattern in changed)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="".join(map(chr, list(_LITE._translations)[:40])) + "ab ۱2%٣\n“”\xa0", max_size=40))
def test_translation_by_replace_is_translate(text):
    for table, present in ((_LITE._translations, _LITE._translations_rx), (_LITE._numbers, _LITE._numbers_rx)):
        assert hazm_lite.LiteNormalizer._translate(text, table, present) == text.translate(table)


def test_many_kinds_of_characters_still_translate():
    text = "".join(map(chr, _LITE._translations)) * 2
    assert hazm_lite.LiteNormalizer._translate(text, _LITE._translations, _LITE._translations_rx) \
        == text.translate(_LITE._translations)
