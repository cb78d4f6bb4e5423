"""``hazm_lite`` normalizes exactly as hazm's own ``Normalizer()`` does, built in a fraction
of the time: the same text out on every fixture and seed, on generated text, and the facts
about hazm's tables that its shortcuts rest on hold for every word and every verb form."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutes.text import hazm_lite

from conftest import ROOT


@lru_cache(maxsize=1)
def _hazm():
    from hazm import Normalizer

    return Normalizer()


@lru_cache(maxsize=1)
def _lite() -> hazm_lite.LiteNormalizer:
    return hazm_lite.LiteNormalizer(hazm_lite._hazm_dir())


@lru_cache(maxsize=1)
def _all_forms() -> list[tuple[str, str]]:
    """Every conjugated form of every hazm verb, with its verb."""
    from hazm.lemmatizer import Conjugation
    from hazm.utils import default_verbs

    conjugation = Conjugation()
    with open(default_verbs, encoding="utf-8") as fh:
        return [(form, verb) for verb in (v.strip() for v in fh if v) for form in conjugation.get_all(verb)]


def test_the_lite_normalizer_is_the_one_used():
    assert type(hazm_lite.normalizer()) is hazm_lite.LiteNormalizer


TEXTS = sorted(p for p in list((ROOT / "tests" / "fixtures").rglob("*")) + list((ROOT / "seeds").glob("*"))
               if p.suffix in (".txt", ".md"))


def test_same_text_as_hazm_on_every_fixture_and_seed():
    assert len(TEXTS) > 50
    differ = [p.name for p in TEXTS
              if _lite().normalize(t := p.read_text(encoding="utf-8", errors="replace")) != _hazm().normalize(t)]
    assert differ == []


# Pieces that exercise each of hazm's steps: words that join with ZWNJ, verb forms and their
# prefixes, suffixes standing alone, letters repeated, digits, punctuation, Arabic forms.
@lru_cache(maxsize=1)
def _pieces() -> list[str]:
    forms = sorted({f for f, _ in _all_forms() if " " not in f})
    joinable = sorted(_lite()._words.joinable)
    pieces = forms[::4000] + [f.replace("\u200c", " ") for f in forms[::5000]] + joinable[::500]
    pieces += [w.replace("\u200c", " ") for w in joinable[::700]]
    pieces += sorted(hazm_lite._load_constants(hazm_lite._hazm_dir()).SUFFIXES)
    pieces += ["می", "نمی", "خوبببب", "سلاممم", "کتابها", "۱۲", "3.5", "...", '"', "«", "»", "(", ")", ":",
               "،", "؟", "!", "ـ", "\u200c", "\u064e", "ك", "ي", "﷼", "ﻻ", "٤", "%", "\t", "\n", "  "]
    return pieces


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_same_text_as_hazm_on_generated_text(data):
    pieces = _pieces()
    words = data.draw(st.lists(st.sampled_from(pieces), max_size=25))
    seps = data.draw(st.lists(st.sampled_from(["", " ", " ", " ", "\u200c", "\n"]),
                              min_size=len(words), max_size=len(words)))
    text = "".join(w + s for w, s in zip(words, seps))
    assert _lite().normalize(text) == _hazm().normalize(text)


def test_word_list_read_as_hazm_reads_it():
    from hazm.utils import default_words, words_list

    words = {w: n for w, n, _ in words_list(default_words)}
    lite = _lite()._words
    assert lite._read_all() == set(words)
    assert lite.joinable == {w for w, n in words.items() if "\u200c" in w and n > 0}
    # the fast reading takes each line's first field as it stands: no line has spaces at its ends
    text = Path(default_words).read_text(encoding="utf-8")
    assert re.search(r"^\s|\s$", text.rstrip("\n"), re.M) is None


def test_every_verb_form_is_found_through_its_candidates():
    """The shortcut in ``_Conjugations._candidates``: a spaceless form holding ZWNJ names its
    verb (or its verb is conjugated for every token), checked over all 420,000 forms."""
    lite = _lite()._verbs
    always = set(lite._always)
    missed = [f for f, verb in _all_forms()
              if "\u200c" in f and " " not in f and verb not in always and verb not in lite._candidates(f)]
    assert missed == []
    for form in ["می\u200cروم", "رفته\u200cاند", "است"]:
        assert form in lite
    for token in ["جلسه\u200cای", "می\u200cز", "کتاب\u200cها"]:
        assert token not in lite


def test_membership_matches_hazm_on_a_sample_of_tokens():
    verbs = set(_hazm()._verbs)
    lite = hazm_lite.LiteNormalizer(hazm_lite._hazm_dir())._verbs  # a fresh one: nothing conjugated yet
    sample = sorted({f for f, _ in _all_forms()})[::97] + ["می\u200cمیز", "نشده\u200cاند", "است_شد", "گفته_شد"]
    assert [t in lite for t in sample] == [t in verbs for t in sample]


@pytest.mark.parametrize("text", ["نمی دانم چه می گفت", "کتاب ها و دفتر ها", "اِعلاممممم کَرد : « زمین لرزه ای»"])
def test_known_sentences(text):
    assert _lite().normalize(text) == _hazm().normalize(text)


# Words with a letter three times or more, glued to others or not: hazm's step is quadratic in a
# long run of letters, ours is not, and both give the same text.
@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["سلاممم", "خوبببب", "ککک", "ااا", "کتاب", "سلام", "بپ", "ه", "۱۲", "a", "،"]),
                max_size=12),
       st.lists(st.sampled_from(["", " ", "\n", "\u200c"]), max_size=12))
def test_repeated_letters_are_decreased_as_hazm_does(words, seps):
    text = "".join(w + (seps[i] if i < len(seps) else "") for i, w in enumerate(words))
    assert _lite()._decrease_repeated_chars(text) == _hazm().decrease_repeated_chars(text)
