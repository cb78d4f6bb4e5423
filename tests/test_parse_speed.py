"""The shortcuts that make a warm parse fast give the same answers as the long way: each
guard on one of hazm's patterns lets through every text that pattern would change, each of
hazm's patterns rewritten to begin with a rarer character (``hazm_lite._FASTER``) changes every
text as hazm's does, and the normalizer's translation by str.replace gives what str.translate
gives; normalize's scan for dates and addresses token by token finds what a scan of the whole
text finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutes.parsing import layout, lexer
from minutes.text import hazm_lite, normalize
from minutes.text.vocab import vocab

_LITE = hazm_lite.normalizer()
_GUARDED = [(p, r, needs) for patterns in _LITE._compiled.values() for p, r, needs in patterns if needs]
# The characters hazm's patterns are written with, and a few letters and digits around them.
_ALPHABET = sorted(set("".join(re.sub(r"\\[a-zA-Z]", "", p.pattern) for p, _, _ in _GUARDED))
                   | set(" \n\u200c\u200cتریگهاامیشندa1۲.") - set("\\"))


def test_every_listed_guard_found_its_pattern():
    hazms = {faster: pattern for pattern, (faster, _) in hazm_lite._FASTER.items()}
    listed = {hazms.get(p.pattern, p.pattern) for p, _, _ in _GUARDED}
    assert listed == set(hazm_lite._NEEDS)


# hazm's pattern and replacement beside the faster pair standing in for them.
_HAZM = {p: r for name in _LITE._compiled for p, r in getattr(_LITE._c, name)}
_REWRITTEN = [(re.compile(p), _HAZM[p], re.compile(f), fr) for p, (f, fr) in hazm_lite._FASTER.items()]


def test_every_rewritten_pattern_is_one_of_hazms_and_is_used():
    assert set(hazm_lite._FASTER) <= set(_HAZM)
    used = {p.pattern for patterns in _LITE._compiled.values() for p, _, _ in patterns}
    assert {f for f, _ in hazm_lite._FASTER.values()} <= used


_REWRITE_ALPHABET = sorted(set("".join(re.sub(r"\\[a-zA-Z]", "", p) for p in hazm_lite._FASTER))
                           | set(" \n\u200cتریگهاامیشندa1۲.ب«(") - set("\\"))


@pytest.mark.parametrize("hazm,hazm_repl,faster,faster_repl", _REWRITTEN, ids=[p.pattern[:30] for p, *_ in _REWRITTEN])
@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=_REWRITE_ALPHABET, max_size=24))
def test_a_rewritten_pattern_changes_text_as_hazms_does(hazm, hazm_repl, faster, faster_repl, text):
    assert faster.sub(faster_repl, text) == hazm.sub(hazm_repl, text)


# Words and the pieces the patterns look for, so that generated text matches them often.
_PIECES = ["کتاب", "خانه", "ه", "ها", "های", "تر", "ترین", "گر", "گری", "ام", "ایم", "اید", "ای", "ند", "۱۲", "3",
           "(", "«", "[", "»", ")", ".", ":", "،", " ", " ", " ", "\n", "\u200c", "a", "خانه ام", "نامه ای",
           "کتاب ها", "به تر"]


@pytest.mark.parametrize("hazm,hazm_repl,faster,faster_repl", _REWRITTEN, ids=[p.pattern[:30] for p, *_ in _REWRITTEN])
@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(_PIECES), max_size=14))
def test_a_rewritten_pattern_changes_words_as_hazms_does(hazm, hazm_repl, faster, faster_repl, pieces):
    text = "".join(pieces)
    assert faster.sub(faster_repl, text) == hazm.sub(hazm_repl, text)


@pytest.mark.parametrize("text", ["کتاب ها", "بزرگ تر و بزرگ ترین", "کار گر", "خانه ام", "نامه ای\nخانه ایم.",
                                  "ماده۳ و بند۱۲", "(الف)(ب) و[ج]«د»", "خانه ها ام", "ab ها ها ها"])
def test_rewritten_patterns_on_known_text(text):
    for hazm, hazm_repl, faster, faster_repl in _REWRITTEN:
        assert faster.sub(faster_repl, text) == hazm.sub(hazm_repl, text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet='؟!?۱2.:،؛»])}"«[({/\\ ab\n', max_size=24))
def test_the_tokenizer_pattern_splits_as_hazms(text):
    hazm = re.compile(hazm_lite._TOKEN)
    assert _LITE._token_pattern.sub(r" \g<0> ", text) == hazm.sub(r" \1 ", text)


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


# normalize's shortcuts: dates and addresses shielded token by token, and the column-gap pattern
# that begins with a space, against the plain scans they stand in for.
_SHIELD_PIECES = ["۱۴۰۲", "12", "٣", "/", "-", ".", ":", ",", "٫", "@", "http", "HTTPS", "://", "www.", "WwW.",
                  "ſ", "h", "w", "ir", "com", "ش", "مورخ", "«", "(", ")", "_", "+", " ", " ", "\t", "\n", "\u2003"]


def _marked(match: re.Match) -> str:
    return "<" + match.group() + ">"


@settings(max_examples=600, deadline=None)
@given(pieces=st.lists(st.sampled_from(_SHIELD_PIECES), max_size=16))
def test_shielding_token_by_token_finds_the_spans_of_the_whole_text(pieces):
    text = "".join(pieces)
    assert normalize._shield(text, _marked) == normalize._SHIELDED.sub(_marked, text)


@pytest.mark.parametrize("text", ["جلسه مورخ ۱۴۰۲/۰۵/۱۲ در www.shora.ir و a@b.ir", "نامه ۱۲/ش/۱۴۰۲،HTTPS://x.ir/a.b",
                                  "h w hw @ ۱" * 3, "بدون عدد", "۱" * 500 + " x" + "ب" * 300 + "۲"])
def test_shielding_known_text(text):
    assert normalize._shield(text, _marked) == normalize._SHIELDED.sub(_marked, text)


@settings(max_examples=600, deadline=None)
@given(text=st.text(alphabet=[" ", "\xa0", "a", "ب", "\n", "\t", "\u2003"], max_size=24))
def test_the_column_gap_pattern_finds_what_the_plain_one_finds(text):
    assert normalize.COLUMN_GAP.sub("\t", text) == re.sub(r"(?<=\S)[ \xa0]{4,}(?=\S)", "\t", text)


@settings(max_examples=600, deadline=None)
@given(text=st.text(alphabet=[" ", "\t", "\n", "\u200c", ":", ".", "،", "a", "ب", "\u2003", "\x85", "۱"], max_size=16))
def test_the_layouts_squash_removes_what_its_pattern_did(text):
    assert layout._squash(text) == re.sub(r"[\s\u200c:.،]+", "", text)


# The lexer's count of resolutions at the closing («در این جلسه ۷ مصوبه …»), beginning with its
# digit, against the pattern that began with a lookbehind.
_COUNT_PIECES = ["۷", "12", "۱۲", " ", "\n", "مصوبه", "مورد", "بند", "x", "ب", "\u200c"]


@settings(max_examples=600, deadline=None)
@given(pieces=st.lists(st.sampled_from(_COUNT_PIECES), max_size=12))
def test_the_closing_count_is_found_where_the_lookbehind_pattern_found_it(pieces):
    text, v = "".join(pieces), vocab()
    plain = v.rx(r"(?<![0-9۰-۹])[0-9۰-۹]++\s*(?:<<sections.closing_nouns>>)\s").search(text)
    faster = v.rx(lexer._CLOSING_COUNT).search(text)
    assert (plain and plain.span()) == (faster and faster.span())


# The layout's markers inside a line, beginning with the marker's character, against the patterns
# that began with a lookbehind.
_INLINE_PIECES = [" ", "\n", "\t", "1", "۲", "12", "-", ".", ")", ":", "/", "a", "ب", "_", "✅", "🔹", "\ufe0f", "x_"]


@settings(max_examples=600, deadline=None)
@given(pieces=st.lists(st.sampled_from(_INLINE_PIECES), max_size=12))
def test_inline_markers_are_found_where_the_lookbehind_patterns_found_them(pieces):
    text = "".join(pieces)
    number = re.compile(r"(?:(?<=\s)|^)([0-9۰-۹]{1,2})\s*[-–.)ـ:]\s*(?![0-9۰-۹/])(?=\S)")
    bullet = re.compile(r"(?:(?<=\s)|^)(?:_|[✅✔☑▪►●◆■🔹🔸🔻🔶🔷📌]\ufe0f?\s*)(?=[^\W\d_])")
    assert [(m.span(), m.groups()) for m in layout._INLINE_NUMBER.finditer(text)] == \
        [(m.span(), m.groups()) for m in number.finditer(text)]
    assert [m.span() for m in layout._INLINE_BULLET.finditer(text)] == [m.span() for m in bullet.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(pieces=st.lists(st.sampled_from(["می", "ن", "م", "ی", "کتاب", "ب", " ", "\u200c", "_", "1", "\n", "a"]), max_size=12))
def test_the_mi_pattern_matches_where_hazms_does(pieces):
    text = "".join(pieces)
    hazms = re.compile(rf"\bن?می[{hazm_lite._LETTERS}]+")
    assert [m.span() for m in _LITE._mi.finditer(text)] == [m.span() for m in hazms.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(text=st.text(alphabet=[" ", ".", "a", "\n", "…", "ب"], max_size=20))
def test_dots_become_an_ellipsis_as_hazms_pattern_makes_them(text):
    assert hazm_lite._Dots.sub(" …", text) == re.sub(r" ?\.\.\.", " …", text)


def test_hazms_dots_pattern_is_the_one_replaced():
    assert any(p is hazm_lite._Dots for patterns in _LITE._compiled.values() for p, _, _ in patterns)


# hazm's pattern and replacement rewritten as passes of str and re (each a class with ``sub``),
# with pieces of text that its matches are made of.
_PASSES = [(hazm_lite._MiSpacing, ["می", "ن", "م", "ی", "می ", "نمی ", " ", "\n", "\u200c", "کتاب", "a"]),
           (hazm_lite._DecimalPoint, ["1", "۲", "+", ".", "..", "1.2", " ", "\n", "a", "ب", "٫"])]


@pytest.mark.parametrize("rewritten,pieces", _PASSES, ids=[r.__name__ for r, _ in _PASSES])
@settings(max_examples=600, deadline=None)
@given(data=st.data())
def test_a_pattern_rewritten_as_passes_changes_text_as_hazms_does(rewritten, pieces, data):
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=12)))
    assert rewritten.sub(rewritten.repl, text) == re.sub(rewritten.pattern, rewritten.repl, text)


@pytest.mark.parametrize("rewritten", [r for r, _ in _PASSES], ids=[r.__name__ for r, _ in _PASSES])
def test_a_pattern_rewritten_as_passes_is_hazms_and_is_used(rewritten):
    assert (rewritten.pattern, rewritten.repl) in _HAZM.items()
    assert any(p is rewritten for patterns in _LITE._compiled.values() for p, _, _ in patterns)


def test_the_patterns_not_run_after_the_token_pass_are_hazms_punctuation_spacing():
    hazms = [p for p, _ in _LITE._c.PUNCTUATION_SPACING_PATTERNS]
    assert set(hazm_lite._NOTHING_AFTER_TOKENS) <= set(hazms)
    assert len(_LITE._punctuation_after_tokens) == len(hazms) - len(hazm_lite._NOTHING_AFTER_TOKENS)


# Digits glued to letters, numbers with «.» and «:», and the punctuation, quotes and brackets
# whose spaces the later patterns take out.
_GLUED = ["کتاب", "ه", "ها", "می", "نمی", "ی", "۱۲", "3", "۴.۵", "12:30", "ب۲", "۳ب", "x1", ".", ":", "،", "؛", "!",
          "؟", "«", "»", "(", ")", "[", "]", '"', " ", " ", "\n", "\u200c", "\t", "a"]


@settings(max_examples=600, deadline=None)
@given(pieces=st.lists(st.sampled_from(_GLUED), max_size=16))
def test_after_the_token_pass_no_digit_stands_beside_a_letter(pieces):
    spaced = _LITE._correct_spacing("".join(pieces))
    for pattern in hazm_lite._NOTHING_AFTER_TOKENS:
        assert re.sub(pattern, r"\1 \2", spaced) == spaced


@settings(max_examples=600, deadline=None)
@given(text=st.text(alphabet=[" ", " ", "\xa0", "a", "ب", "\n", "\t", "\u200c"], max_size=30))
def test_a_column_gap_of_spaces_is_found_from_four_spaces(text):
    assert normalize.column_gaps(text) == normalize.COLUMN_GAP.sub("\t", text)
    if "\xa0" not in text:
        assert normalize._SPACE_GAP.sub("\t", text) == normalize.COLUMN_GAP.sub("\t", text)
