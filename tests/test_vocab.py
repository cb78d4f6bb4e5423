"""Vocabulary files: stored normalized, one key per spelling, loadable by the code that uses them."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutes.text.normalize import normalize
from minutes.text.vocab import data_dir, vocab

FILES = sorted(data_dir().glob("*.toml"))


def _entries():
    for path in FILES:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for table, keys in data.items():
            for key, spellings in keys.items():
                yield path.stem, table, key, spellings


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_file_shape(path):
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    assert data, f"{path.name} is empty"
    for table, keys in data.items():
        assert isinstance(keys, dict), f"{path.name}: [{table}] must map keys to lists"
        for key, spellings in keys.items():
            assert key.isascii() and key.replace("_", "").isalnum(), f"{path.name}: key {key!r} is not a canonical ASCII key"
            assert isinstance(spellings, list) and spellings, f"{path.name}: [{table}] {key} has no spellings"
            assert all(isinstance(s, str) and s.strip() == s and s for s in spellings)


def test_every_spelling_is_normalized():
    bad = [(f, t, k, s, normalize(s)) for f, t, k, ss in _entries() for s in ss if normalize(s) != s]
    assert not bad, f"spellings not in normalized form (store the right-hand side): {bad[:5]}"


def test_no_spelling_under_two_keys():
    seen: dict[tuple[str, str, str], str] = {}
    clashes = []
    for f, t, k, ss in _entries():
        for s in ss:
            slot = (f, t, s.replace(" ", "").replace("\u200c", ""))
            if slot in seen and seen[slot] != k:
                clashes.append((f, t, s, seen[slot], k))
            seen[slot] = k
    assert not clashes, clashes


@pytest.mark.parametrize("table, spelling, key", [
    ("people.honorifics", "جناب آقای", "jenab_aghaye"),
    ("people.titles", "سید", "seyyed"),
    ("people.speech_verbs", "ادامه دادند", "edame_dad"),
    ("sections.names", "دستور کار جلسه", "agenda"),
    ("sections.names", "موضوعات مطرح‌شده در این جلسه", "discussion"),
    ("tables.columns", "اقدام کننده", "actor"),
    ("tables.columns", "اقدام‌کننده", "actor"),
    ("tables.columns", "مدت اجراء", "deadline"),
    ("tables.columns", "مسئول پیگیری", "follow_up"),
    ("sections.basmala", "باسمه تعالی", "basmala"),
    ("sections.title", "صور تجلسه", "minutes"),
])
def test_lookup_is_space_and_zwnj_insensitive(table, spelling, key):
    v = vocab()
    assert v.lookup(table, spelling) == key
    assert v.lookup(table, spelling.replace(" ", "\u200c")) == key


# -- alternations with common leading characters written once ------------------------------------

_LETTERS = "مقرشدگیا"  # few letters, so spellings share prefixes and texts hold them


def _flat(spellings: list[str]) -> str:
    """The alternation before factoring: each spelling a branch, longest first."""
    import re

    ordered = sorted(spellings, key=lambda s: -len(s))
    return "|".join(r"[\s\u200c]?".join(re.escape(w) for w in s.split()) for s in ordered)


@settings(max_examples=300, deadline=None)
@given(spellings=st.lists(st.text(alphabet=_LETTERS + " ", min_size=1, max_size=7).map(lambda s: " ".join(s.split()))
                          .filter(bool), min_size=1, max_size=12, unique=True),
       text=st.text(alphabet=_LETTERS + " \u200cx", max_size=60))
def test_factored_alternation_matches_as_the_flat_one(spellings, text):
    """Every match (bare, at a word's end, and anchored) is the one the branch-by-branch
    alternation finds: the same spans, so the same spelling wins."""
    import re

    from minutes.text.vocab import _alternation, _tokens

    ordered = sorted(spellings, key=lambda s: -len(s))
    factored, flat = _alternation([_tokens(s) for s in ordered]), _flat(spellings)
    for wrap in ("(?:{})", r"(?:{})(?![\w\u200c])", r"^(?:{})x?$"):
        a, b = re.compile(wrap.format(factored)), re.compile(wrap.format(flat))
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]


def test_factored_alternation_shape():
    from minutes.text.vocab import _alternation, _tokens

    seqs = [_tokens(s) for s in ("مقرر گردید", "مقرر شد", "مصوب شد", "مقرر")]
    assert _alternation(seqs) == r"م(?:ق(?:ر(?:ر(?:[\s\u200c]?گردید|[\s\u200c]?شد|)))|صوب[\s\u200c]?شد)"
