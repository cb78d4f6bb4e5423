"""Vocabulary files: stored normalized, one key per spelling, loadable by the code that uses them."""

from __future__ import annotations

import tomllib

import pytest

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
