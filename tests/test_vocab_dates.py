"""The date and number vocabulary is data: check its shape (as dateparser validates its locales)."""

from __future__ import annotations

import re

import pytest

from minutes.dates import deadlines
from minutes.text.normalize import normalize
from minutes.text.vocab import vocab

FILES = ("dates", "numbers")


def _tables():
    v = vocab()
    return [(f"{f}.{t}", table) for f in FILES for t, table in v.files[f].items()]


@pytest.mark.parametrize("name,table", _tables(), ids=[n for n, _ in _tables()])
def test_table_shape(name, table):
    assert isinstance(table, dict) and table, name
    for key, spellings in table.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", key), f"{name}: key {key!r} is not canonical ASCII"
        assert isinstance(spellings, list) and spellings, f"{name}.{key}: no spellings"
        assert all(isinstance(s, str) and s.strip() == s and s for s in spellings), f"{name}.{key}"


@pytest.mark.parametrize("name,table", _tables(), ids=[n for n, _ in _tables()])
def test_every_spelling_is_normalized(name, table):
    bad = [(key, s, normalize(s)) for key, spellings in table.items() for s in spellings
           if normalize(s) != s]
    assert not bad, f"{name}: store these as normalize() returns them: {bad}"


@pytest.mark.parametrize("name,table", _tables(), ids=[n for n, _ in _tables()])
def test_no_spelling_under_two_keys(name, table):
    # Matching ignores spaces and ZWNJ, so compare squashed spellings.
    owner: dict[str, str] = {}
    for key, spellings in table.items():
        for s in spellings:
            squashed = re.sub(r"[\s\u200c]+", "", s)
            assert owner.setdefault(squashed, key) == key, \
                f"{name}: {s!r} is under both {owner[squashed]!r} and {key!r}"


def test_keys_the_code_relies_on():
    v = vocab()
    assert list(v.table("dates.months")) == list(deadlines._MONTHS)
    assert list(v.table("dates.weekdays")) == list(deadlines._WEEKDAYS)
    assert set(v.table("dates.kinds")) == {"asap", "ongoing", "next_meeting"}
    assert set(v.table("dates.units")) == {"day", "week", "month", "year"}
    assert {"end", "mid"} <= set(v.table("dates.period_points"))
    assert {"current", "next"} == set(v.table("dates.period_refs"))
    assert all(re.fullmatch(r"n[0-9]+", k) for k in v.table("numbers.cardinals"))
    assert set(v.table("numbers.suffixes")) == {"ordinal", "superlative"}
