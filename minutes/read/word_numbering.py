"""A Word document's list numbering, as Word shows it: «۳-» before the third resolution.

Resolutions in Word are most often an automatic list: the numbers are not in the text but in
``numbering.xml`` (a paragraph names a list, ``w:numId``, and a level, ``w:ilvl``, directly or
through its style). python-docx does not compute them, so every such paragraph used to be a
bullet and a list that went on after a paragraph between its items started again at one.

``Numbering.marker`` gives each numbered paragraph its marker in the reader's shape: ``"7-"``
for a number, ``"الف-"`` for a letter, ``"-"`` for a bullet, and None for a paragraph that is
not numbered. What it follows of Word's rules:

* lists (``w:num``) that share an abstract definition share its counters; a list whose level has
  a ``w:startOverride`` starts that level again at the override, the first time it is used;
* an item at a level sets the deeper levels back, so a sub-list starts again under each item;
* the formats: ``arabicAlpha`` and ``arabicAbjad`` are the letters in Word's two orders
  (``numbers.word_alpha`` / ``numbers.word_abjad``; the first is «الف»), at any level; ``bullet``
  is a bullet and ``none`` nothing; any other format (decimal, Persian digits, Roman numerals,
  Latin letters …) is the item's number at the top level, since the reader reads numbers and
  Persian letters as markers, and the row number is what the number says.

A deeper level's number would read as another top-level item («۱-» again under «۲-»): it is a
bullet, unless it is lettered.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..text.vocab import vocab

__all__ = ["Numbering"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{_W}val"
_ABSTRACT_NUM, _NUM = f"{_W}abstractNum", f"{_W}num"
_LEVELS = 9  # Word's levels 0–8
_LETTERED = {"arabicAlpha": "numbers.word_alpha", "arabicAbjad": "numbers.word_abjad"}


@dataclass(frozen=True)
class _Level:
    fmt: str
    start: int


def int_value(el, default: int, name: str = _VAL) -> int:
    """An element's integer attribute; ``default`` when there is no element or no number."""
    try:
        return int(el.get(name)) if el is not None else default
    except (TypeError, ValueError):
        return default


def _levels(abstract) -> dict[int, _Level]:
    out = {}
    for lvl in abstract.iterchildren(f"{_W}lvl"):
        ilvl = int_value(lvl, 0, f"{_W}ilvl")
        fmt = lvl.find(f"{_W}numFmt")
        fmt_name = fmt.get(_VAL, "decimal") if fmt is not None else "decimal"
        out[ilvl] = _Level(fmt_name, int_value(lvl.find(f"{_W}start"), 0))
    return out


class Numbering:
    def __init__(self, root=None):
        """``root``: the ``w:numbering`` element of the package's numbering part, or None."""
        # The definitions by id (the last of an id, as Word reads them), each read when a
        # paragraph first uses it: python-docx's template defines nine lists, and reading them
        # all was a tenth of reading seed 003 as a .docx, which numbers none of its paragraphs.
        self._abstract_elements: dict[str, object] = {}
        self._num_elements: dict[str, object] = {}
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, start overrides)
        self._counters: dict[str, list[int | None]] = {}  # per abstract definition, a counter per level
        self._started: set[tuple[str, int]] = set()  # (numId, level) whose override has been applied
        if root is None:
            return
        for el in root:
            if el.tag == _ABSTRACT_NUM:
                self._abstract_elements[el.get(f"{_W}abstractNumId", "")] = el
            elif el.tag == _NUM:
                self._num_elements[el.get(f"{_W}numId", "")] = el

    def _num(self, num_id: str) -> tuple[str, dict[int, int]]:
        """(abstractNumId, start overrides by level) of list ``num_id`` (one of ``_num_elements``)."""
        if num_id not in self._nums:
            num = self._num_elements[num_id]
            ref = num.find(f"{_W}abstractNumId")
            overrides = {int_value(o, 0, f"{_W}ilvl"): int_value(o.find(f"{_W}startOverride"), 1)
                         for o in num.iterchildren(f"{_W}lvlOverride") if o.find(f"{_W}startOverride") is not None}
            self._nums[num_id] = (ref.get(_VAL, "") if ref is not None else "", overrides)
        return self._nums[num_id]

    def _levels_of(self, abstract_id: str) -> dict[int, _Level]:
        """The levels of abstract definition ``abstract_id``, {} when there is none."""
        if abstract_id not in self._abstract:
            abstract = self._abstract_elements.get(abstract_id)
            self._abstract[abstract_id] = _levels(abstract) if abstract is not None else {}
        return self._abstract[abstract_id]

    def marker(self, num_id: str | None, ilvl: int) -> str | None:
        """The marker of the next item of list ``num_id`` at level ``ilvl``: "" where its format
        shows none, None when there is no such list."""
        if not num_id or num_id not in self._num_elements:
            return None  # numId 0 takes a style's numbering away
        abstract_id, overrides = self._num(num_id)
        levels = self._levels_of(abstract_id)
        ilvl = min(max(ilvl, 0), _LEVELS - 1)
        level = levels.get(ilvl, _Level("decimal", 1))
        counters = self._counters.setdefault(abstract_id, [None] * _LEVELS)
        if ilvl in overrides and (num_id, ilvl) not in self._started:
            self._started.add((num_id, ilvl))
            counters[ilvl] = None
            level = _Level(level.fmt, overrides[ilvl])
        counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, _LEVELS):
            counters[deeper] = None
        return _written(level.fmt, counters[ilvl], top=ilvl == 0)


def _written(fmt: str, n: int, *, top: bool) -> str | None:
    if fmt == "none":
        return ""
    if fmt == "bullet":
        return "-"
    if fmt in _LETTERED:
        return f"{_cycled(_letters(vocab(), _LETTERED[fmt]), n)}-"
    return f"{n}-" if top else "-"


@lru_cache(maxsize=8)
def _letters(v, table: str) -> tuple[str, ...]:
    """A letter table's spellings in the order of their keys (l01, l02 …), per vocabulary."""
    return tuple(s for s, _ in sorted(v.spellings(table), key=lambda p: p[1]))


def _cycled(letters: tuple[str, ...], n: int) -> str:
    """Word's letters past the last: the letter again, doubled."""
    n = max(n, 1)
    return letters[(n - 1) % len(letters)] * ((n - 1) // len(letters) + 1)
