"""The lexer's and the layout's shortcuts give the answers of the long way: a table's anchor
words (``Vocabulary.may_occur``) are in every text one of its spellings occurs in, so a search
skipped for want of them would have found nothing; words counted up to a limit compare with
every limit as all the words do."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutes.parsing import layout, lexer
from minutes.text.normalize import to_ascii_digits
from minutes.text.vocab import anchors, vocab

_V = vocab()
_TABLES = sorted(f"{file}.{table}" for file, tables in _V.files.items() for table in tables
                 if isinstance(tables[table], dict))


def _variants(spelling: str) -> list[str]:
    """The spelling as the table's alternation matches it: a space, a ZWNJ, another white
    space or nothing between its words."""
    words = [w for w in re.split(r"[\s\u200c]+", spelling) if w]
    return [sep.join(words) for sep in (" ", "\u200c", "", "\t")]


@pytest.mark.parametrize("table", _TABLES)
def test_every_spelling_holds_an_anchor_of_its_table(table):
    for spelling, _ in _V.spellings(table):
        for text in _variants(spelling):
            assert _V.may_occur(table, text), (table, spelling)
            assert _V.may_occur(table, f"پیش از آن {text}، پس از آن"), (table, spelling)


@pytest.mark.parametrize("table", ["resolutions.decided", "resolutions.footer", "resolutions.votes",
                                   "resolutions.members_intro", "sections.closing_nouns",
                                   "sections.closing_approved"])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_text_without_anchors_has_no_match(table, data):
    # Text made of the table's own words, cut and joined, so that it matches often.
    pieces = [w for s, _ in _V.spellings(table) for w in re.split(r"[\s\u200c]+", s) if w]
    pieces += [p[:2] for p in pieces] + [p[1:] for p in pieces] + [" ", "\u200c", "", "۷", "ب"]
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=10)))
    found = re.compile(_V.pattern(table)).search(text)
    assert _V.may_occur(table, text) or found is None


@pytest.mark.parametrize("spellings,expected", [
    (["مقرر شد", "مقرر گردید", "مصوب شد", "تصویب شد"], ("مقرر", "تصویب", "مصوب")),
    (["عبارت است از", "عبارتند از"], ("عبارت",)),  # a word inside another covers both
    (["به اتفاق آرا", "اتفاق آرا", "موافق"], ("اتفاق", "موافق")),  # of two words in as many spellings, the longer
    (["ختم گردید", "ختم جلسه", "خاتمه یافت"], ("ختم", "خاتمه")),  # the word in most spellings first
    (["از"], ("از",)),  # a spelling of one short word: that word
    (["عبارت است از"], ("عبارت",)),  # not «از», which is in every line
    ([""], ("",)),  # a spelling of no letters: every text may hold it
])
def test_anchor_words(spellings, expected):
    assert anchors([(s, "k") for s in spellings]) == expected


def _plain_anchors(spellings: list[str]) -> tuple[str, ...]:
    """The greedy choice written plainly: every candidate counted anew at every step."""
    left = [[w for w in re.split(r"[\s\u200c]+", s) if w] for s in spellings]
    if not all(left):
        return ("",)
    chosen: list[str] = []
    while left:
        candidates = {w for words in left for w in words if len(w) >= min(3, max(map(len, words)))}
        word = max(sorted(candidates), key=lambda w: (sum(any(w in x for x in words) for words in left), len(w)))
        chosen.append(word)
        left = [words for words in left if not any(word in x for x in words)]
    return tuple(chosen)


@settings(max_examples=300, deadline=None)
@given(spellings=st.lists(st.lists(st.sampled_from(["از", "عبارت", "عبارتند", "مقرر", "شد", "مقررات", "رای", "آرا",
                                                    "آراء", "ب", "جلسه", "جلسات"]), min_size=1, max_size=4)
                          .map(" ".join), max_size=12))
def test_anchor_words_are_the_plain_greedy_choice(spellings):
    assert anchors([(s, "k") for s in spellings]) == _plain_anchors(spellings)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=[" ", "\t", "\n", "\u200c", "a", "ب"], max_size=60))
def test_words_counted_to_a_limit_compare_as_all_words(text):
    counted, words = len(text.split(None, lexer._WORDS_COUNTED)), len(text.split())
    for limit in range(lexer._WORDS_COUNTED + 1):
        assert (counted <= limit) == (words <= limit) and (counted >= limit) == (words >= limit)


@pytest.mark.parametrize("field", ["تاریخ جلسه: ۱۴۰۲/۰۳/۱۵", "شماره : ۱۲", "پیوست:"])
def test_a_line_is_a_field_only_with_its_colon(field):
    assert lexer.labeled_field(field) is not None
    assert lexer.labeled_field(field.replace(":", "")) is None


@settings(max_examples=600, deadline=None)
@given(text=st.text(alphabet=[" ", "\t", "\n", "\u200c", ":", ".", "،", "a", "ب", "\xa0", "ج"], max_size=40),
       most=st.integers(min_value=0, max_value=12))
def test_squashing_within_a_length_is_squashing(text, most):
    squashed = layout._squash(text)
    assert layout._squash_within(text, most) == (squashed if len(squashed) <= most else None)


_LIST_PIECES = ["1", "۱", "2", "۲", "3", "01", "-", ".", ")", " ", "\n", "ب", "متن", "_", "✅", "🔹", "\ufe0f", "x"]


@settings(max_examples=600, deadline=None)
@given(pieces=st.lists(st.sampled_from(_LIST_PIECES), max_size=16))
def test_inline_list_markers_are_those_of_the_whole_scan(pieces):
    text = "".join(pieces)
    chain: list[int] = []
    for m in layout._INLINE_NUMBER.finditer(text):
        if int(to_ascii_digits(m.group(1))) == len(chain) + 1:
            chain.append(m.start())
    assert layout._number_chain(text) == (chain if len(chain) >= 2 and len(text) >= 12 else [])
    assert layout._bullet_starts(text) == [m.start() for m in layout._INLINE_BULLET.finditer(text)]


@pytest.mark.parametrize("table", _TABLES)
def test_every_spelling_begins_with_a_first_letter_of_its_table(table):
    assert all(_V.may_start(table, spelling) for spelling, _ in _V.spellings(table))
    assert not _V.may_start(table, "") and not _V.may_start(table, " " + "x")


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from([" ", "  ", "صورت", "\u200c", "جلسه", "صور", "تجلسه", "x", ":"]), max_size=8))
def test_a_title_is_read_as_the_plain_test_reads_it(pieces):
    text, v = "".join(pieces), vocab()
    plain = bool(v.key_at_start("sections.title", text.replace(" ", "")) or v.key_at_start("sections.title", text))
    assert lexer._is_title(text) == plain


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=["#", "-", "*", "+", "•", " ", "\t", "a", "ب", "|"], max_size=10))
def test_markdown_marks_are_looked_for_only_where_they_can_begin(text):
    assert layout._HEADING.match(text) is None or text.startswith("#")
    assert layout._BULLET.match(text) is None or text.startswith(layout._BULLET_SIGNS)


@settings(max_examples=600, deadline=None)
@given(text=st.text(alphabet=[" ", "\t", "\n", "\u200c", ":", ".", "،", "a", "ب", "\xa0", "\u2003"], max_size=12))
def test_the_first_character_kept_is_the_squashs_first(text):
    assert layout._first_kept(text) == layout._squash(text)[:1]


@settings(max_examples=400, deadline=None)
@given(lines=st.lists(st.text(alphabet=[" ", "\u200c", ":", "ا", "ب", "ج"], max_size=8), max_size=5),
       text=st.text(alphabet=[" ", "\u200c", ":", "ا", "ب", "ج"], max_size=12))
def test_a_line_is_a_letterhead_line_when_its_squash_is_one(lines, text):
    squashed = {layout._squash(t) for t in lines}
    expected = layout._squash(text) if layout._squash(text) in squashed else None
    assert layout._Letterhead(squashed).key(text) == expected
