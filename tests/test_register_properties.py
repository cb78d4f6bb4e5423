"""Properties of the register's identity (hypothesis): fingerprints ignore what a retyped
version changes, matching a reordered version loses nothing, keys are stable."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from registerdata import COUNCIL, meeting

from minutes.register.identity import fingerprint, match, meeting_key, resolution_ids

WORD = st.text(alphabet="ابپتثجچحخدذرزسشصضطظعغفقکگلمنوهی", min_size=2, max_size=7)
TEXT = st.lists(WORD, min_size=3, max_size=14).map(" ".join)
SEP = st.sampled_from([" ", "  ", "\u200c", " ، ", ". ", "\t"])


@given(st.lists(WORD, min_size=1, max_size=12), st.data())
def test_fingerprint_ignores_spacing_zwnj_and_punctuation(words, data):
    retyped = "".join(w + data.draw(SEP) for w in words)
    assert fingerprint(" ".join(words)) == fingerprint(retyped)


@given(TEXT, st.integers(0, 9999))
def test_fingerprint_ignores_digit_script(text, n):
    persian = str(n).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert fingerprint(f"{text} {n}") == fingerprint(f"{text} {persian}")


@settings(max_examples=60)
@given(st.lists(TEXT, min_size=1, max_size=8, unique_by=fingerprint), st.randoms(use_true_random=False))
def test_a_reordered_version_matches_every_resolution(texts, rnd):
    old = list(enumerate(texts, 1))
    shuffled = texts[:]
    rnd.shuffle(shuffled)
    new = list(enumerate(shuffled, 1))
    got = match(old, new)
    assert got.gone == [] and set(got.kind.values()) <= {"matched", "moved"}
    assert all(old[got.pairs[j]][1] == new[j][1] for j in range(len(new)))
    assert sum(k == "matched" for k in got.kind.values()) == sum(a == b for a, b in zip(texts, shuffled))


@settings(max_examples=40)
@given(st.lists(TEXT, min_size=1, max_size=6, unique_by=fingerprint), st.integers(0, 6))
def test_an_inserted_row_is_new_and_the_others_move(texts, at):
    at = min(at, len(texts))
    inserted = "0123456789 " * 3  # shares no letter with the others
    new = list(enumerate(texts[:at] + [inserted] + texts[at:], 1))
    got = match(list(enumerate(texts, 1)), new)
    assert got.kind[at] == "new" and got.gone == []
    assert [got.kind[j] for j in range(len(new)) if j != at] == \
        ["matched"] * at + ["moved"] * (len(texts) - at)


@given(st.integers(1, 400), st.lists(st.integers(1, 30), min_size=1, max_size=10))
def test_ids_are_unique_and_keyed_by_the_meeting(session, rows):
    m = meeting(COUNCIL, "1402-03-15", session, [(r, f"متن {i}", "فرمانداری", "یک ماه")
                                                for i, r in enumerate(rows)])
    ids, warnings = resolution_ids(m)
    key = meeting_key(m)
    assert len(set(ids)) == len(ids) and all(i.startswith(key + "-r") for i in ids)
    assert len(warnings) == len(rows) - len(set(rows))
    assert meeting_key(m.model_copy(deep=True)) == key
