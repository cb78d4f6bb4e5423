"""Persian number words → int: cardinals («چهل و پنج», «یکصد») and ordinals («ششمین», «سی‌ام»).

The words live in ``data/fa/numbers.toml`` (key ``n45`` = 45); this module holds
only the structure: cardinals joined by «و», an ordinal suffix on the last word,
an optional superlative suffix («ششم» → «ششمین»). Digits in any script are
accepted wherever a number is.

Input is expected normalized (``minutes.normalize.normalize``); ``fold`` is
applied on top, a one-for-one character map, so offsets into the text survive.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import ARABIC_DIGITS, LETTER_FIXES, PERSIAN_DIGITS, replace_chars
from .vocab import vocab

__all__ = [
    "parse_cardinal", "parse_ordinal", "fold",
    "cardinal_pattern", "ordinal_pattern", "SEP", "NUMERIC_DATE",
]

# Spaces and ZWNJ are interchangeable between words, and words may be joined (یکماه).
SEP = r"[\s\u200c]*"

# A date written in digits, on folded text: «۹۹/۱۱/۲۱», «1402-03-15», «1404.03.22», year first
# or last, one separator throughout. Groups a, s (the separator), b and c. The one writing of
# this shape: deadlines reads dates with it, resolutions finds deadline phrases with it.
NUMERIC_DATE = r"(?P<a>[0-9]{1,4})\s*(?P<s>[/\-.])\s*(?P<b>[0-9]{1,2})\s*(?P=s)\s*(?P<c>[0-9]{1,4})"

# One character for one character, so regex offsets on the folded text are offsets on the
# original: normalize's letter fixes (its one table), the two letters it keeps as spelling
# but a match need not tell from «ه» (ۀ, ة), a no-break space, and all digits to ASCII.
_FOLD_MAP = {
    **LETTER_FIXES, "ۀ": "ه", "ة": "ه", "\xa0": " ",
    **{d: str(i) for i, d in enumerate(PERSIAN_DIGITS)},
    **{d: str(i) for i, d in enumerate(ARABIC_DIGITS)},
}
_FOLD = str.maketrans(_FOLD_MAP)
_DIGITS = re.compile(r"[0-9]+")
_SPACE = re.compile(r"[\s\u200c]+")


_FOLDABLE = re.compile("[" + "".join(chr(c) for c in _FOLD) + "]")
_FOLD_PAIRS = tuple((chr(c), new) for c, new in _FOLD.items())


@lru_cache(maxsize=512)
def fold(text: str) -> str:
    """Letter forms and digits to one spelling each; the result has the same length.

    The same line is folded by several readers, hence the cache."""
    return replace_chars(text, _FOLD_PAIRS, _FOLDABLE)


def _value(key: str) -> int:
    return int(key[1:])  # keys are 'n<value>'


@lru_cache(maxsize=1)
def _words() -> tuple[re.Pattern, re.Pattern, str, str]:
    v = vocab()
    card, joiner = v.pattern("numbers.cardinals"), v.pattern("numbers.joiners")
    suffix = v.pattern("numbers.suffixes")
    return re.compile(card), re.compile(joiner), card, suffix


# The most parts a number in words joins with «و» («یک میلیون و دویست و سی و چهار هزار و …»
# has 9): an unbounded repeat matched a long run of «بیست و بیست و …» from each of its words,
# time quadratic in the run.
_MAX_PARTS = 15


@lru_cache(maxsize=1)
def cardinal_pattern() -> str:
    """Regex (no groups) for a cardinal in words: «چهل و پنج», «بیست‌وسه», «یکصد»."""
    _, _, card, _ = _words()
    joiner = vocab().pattern("numbers.joiners")
    return rf"(?:{card})(?:{SEP}(?:{joiner}){SEP}(?:{card})){{0,{_MAX_PARTS}}}"


def _ordinal_last() -> str:
    v = vocab()
    card, special = v.pattern("numbers.cardinals"), v.pattern("numbers.ordinals")
    # A one-letter suffix is always joined (ششم); a longer one may stand apart (سی ام).
    ords = "|".join(re.escape(s) if len(s) == 1 else rf"[\s\u200c]?{re.escape(s)}"
                    for s in v.table("numbers.suffixes")["ordinal"])
    sup = v.pattern("numbers.suffixes", "superlative")
    return rf"(?:(?:{special})|(?:{card})(?:{ords}))(?:{sup})?"


@lru_cache(maxsize=1)
def ordinal_pattern() -> str:
    """Regex (no groups) for an ordinal in words: «ششم», «ششمین», «بیست و سوم», «سی‌ام», «نخست»."""
    v = vocab()
    card, joiner = v.pattern("numbers.cardinals"), v.pattern("numbers.joiners")
    return rf"(?:(?:{card}){SEP}(?:{joiner}){SEP}){{0,{_MAX_PARTS}}}{_ordinal_last()}"


def _combine(values: list[int]) -> int | None:
    # Parts must fall in magnitude: «صد و بیست و پنج», never «پنج و بیست» or «ده و پنج».
    total, limit = 0, None
    for v in values:
        if limit is not None and v >= limit:
            return None
        total += v
        zeros = len(str(v)) - len(str(v).rstrip("0"))
        limit = 1 if v == 10 else 10 ** zeros  # «ده» takes nothing after it
    return total if values else None


def _cardinal_values(text: str) -> list[int] | None:
    card_re, join_re, _, _ = _words()
    table, values, pos = vocab(), [], 0
    while True:
        m = card_re.match(text, pos)
        if not m:
            return None
        values.append(_value(table.lookup("numbers.cardinals", m.group(0))))
        pos = _skip(text, m.end())
        if pos == len(text):
            return values
        j = join_re.match(text, pos)
        if not j:
            return None
        pos = _skip(text, j.end())


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\u200c":
        pos += 1
    return pos


def parse_cardinal(text: str | None) -> int | None:
    """«چهل و پنج» → 45, «یکصد» → 100, «۴۵» → 45; None when ``text`` is not just a number."""
    if not text:
        return None
    t = _SPACE.sub(" ", fold(text)).strip()
    if _DIGITS.fullmatch(t):
        return int(t)
    values = _cardinal_values(t)
    return _combine(values) if values else None


def _ordinal_word(word: str) -> int | None:
    """The value of the last word of an ordinal: «سوم», «ششمین», «سی‌ام», «صدم»."""
    v = vocab()
    word = word.strip(" \u200c")
    special = v.lookup("numbers.ordinals", word)
    if special:
        return _value(special)
    for sup in v.table("numbers.suffixes")["superlative"]:
        if word.endswith(sup) and len(word) > len(sup):
            inner = _ordinal_word(word[: -len(sup)])
            if inner is not None:
                return inner
    for suf in sorted(v.table("numbers.suffixes")["ordinal"], key=len, reverse=True):
        if word.endswith(suf) and len(word) > len(suf):
            base = word[: -len(suf)].rstrip(" \u200c")
            key = v.lookup("numbers.cardinals", base)
            if key:
                return _value(key)
    return None


@lru_cache(maxsize=1)
def _ordinal_res() -> tuple[re.Pattern, re.Pattern]:
    v = vocab()
    card, joiner = v.pattern("numbers.cardinals"), v.pattern("numbers.joiners")
    ords, sup = v.pattern("numbers.suffixes", "ordinal"), v.pattern("numbers.suffixes", "superlative")
    digits = re.compile(rf"([0-9]+)\u200c?(?:(?:{ords})(?:{sup})?)?")
    last = _ordinal_last()
    split = re.compile(rf"(?P<head>(?:(?:{card}){SEP}(?:{joiner}){SEP})*)(?P<last>{last})")
    return digits, split


def parse_ordinal(text: str | None) -> int | None:
    """«ششمین» → 6, «بیست و سوم» → 23, «نخست» → 1, «۶م» → 6; None when not an ordinal."""
    if not text:
        return None
    t = re.sub(r"\s+", " ", fold(text)).strip()
    digits, split = _ordinal_res()
    m = digits.fullmatch(t)
    if m:
        return int(m.group(1))
    m = split.fullmatch(t)
    if not m:
        return None
    last = _ordinal_word(m.group("last"))
    if last is None:
        return None
    card_re, _, _, _ = _words()
    table = vocab()
    head = [_value(table.lookup("numbers.cardinals", w.group(0)))
            for w in card_re.finditer(m.group("head"))]
    return _combine(head + [last])
