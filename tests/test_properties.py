"""Properties of the parser (hypothesis): accounting, idempotence, totality, stability.

* Accounting — nothing is lost: every non-blank input line is either held by a field
  of the result or cited by a diagnostic. ``unaccounted`` checks this by text
  containment after normalization; it runs on the seeds, the fixtures and random text.
* Idempotence — ``normalize(normalize(x)) == normalize(x)``; every vocabulary spelling
  is a fixed point of ``normalize``.
* Totality — ``parse`` on any string returns ``Minutes`` or raises ``MinutesError``.
* Stability — the same input gives the same JSON twice; resolution ids do not move
  when unrelated lines are added before the table.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import minutes
from minutes import Minutes, MinutesError
from minutes.parsing.layout import split_inline_list, split_markdown
from minutes.read.sources import CONTROLS
from minutes.text.normalize import normalize, normalize_lines
from minutes.text.vocab import vocab

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_003 = next((ROOT / "seeds").glob("003_*.txt"))
TEXT_FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures").rglob("*")
                       if p.suffix in (".txt", ".md") and p.is_file() and not p.name.endswith(".expected.md"))

settings.register_profile("minutes-properties", max_examples=120, deadline=None,
                          derandomize=bool(os.environ.get("CI")),
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = settings.get_profile("minutes-properties")

_SQUASH = re.compile(r"[\s\u200c:.،,؛;«»()\-–—*#|]+")
# An item's marker: a number («۱-», «(4», «780 »), or a bullet («*-», «_», ✅ …): markup, not content.
_NUMBER_PREFIX = re.compile(r"^(?:\(?[0-9۰-۹]{1,4}\s*[-.)ـ_:]?\s*|\*-\s*|[·•]\s*|_|[\u2190-\u2bff\U0001f300-\U0001faff]\ufe0f?\s*)")
_DIGITS = re.compile(r"^[0-9۰-۹]+$")


_COPIES = {"table-header-repeated", "table-rule", "markup", "unexpected-line", "table-row-cells",
           "table-mirrored"}


def _sq(text: str) -> str:
    return _SQUASH.sub("", text)


def _strings(obj, out: list[str]) -> list[str]:
    if isinstance(obj, str):
        out.append(obj)
    elif isinstance(obj, dict):
        for v in obj.values():
            _strings(v, out)
    elif isinstance(obj, list):
        for v in obj:
            _strings(v, out)
    return out


def _by_line(obj, out: dict[int, list[str]]) -> dict[int, list[str]]:
    """Strings of every object that carries a ``line``, under that line."""
    if isinstance(obj, dict):
        if isinstance(obj.get("line"), int):
            out[obj["line"]] += _strings({k: v for k, v in obj.items() if k != "line"}, [])
        for v in obj.values():
            _by_line(v, out)
    elif isinstance(obj, list):
        for v in obj:
            _by_line(v, out)
    return out


def _has(table: str) -> bool:
    file, _, name = table.partition(".")
    return name in vocab().files.get(file, {})


def _structure_words() -> set[str]:
    """Single words of the vocabulary (labels, honorifics, «بند» …): markup, not content."""
    return {_sq(w) for s in _vocab_words() for w in s.split()}


def unaccounted(text: str, m: Minutes) -> list[tuple[int, str]]:
    """Input lines (number, normalized text) found neither in a field of ``m`` nor in a diagnostic.

    A line is accounted for when a diagnostic cites its number, or when each of its
    pieces (table cells; a letterhead field's value after its label) is contained in
    some string field of the model, whitespace and punctuation aside. A number piece
    (a row number, an agenda item's number) counts when an object read from that line
    exists; so does a piece whose every word is among that object's strings (a
    signature line split into honorific, titles and name).
    """
    dump = m.model_dump(exclude={"diagnostics", "source"})
    hay = "\x00".join(_sq(s) for s in _strings(dump, []))
    hay += "\x00" + "\x00".join(_sq(d.message) for d in m.diagnostics)
    # A diagnostic accounts for its line by number alone only where the line is a copy or
    # bare marks (a repeated header, a table rule); any other keeps the line's text itself.
    cited = {d.line for d in m.diagnostics if d.line is not None and d.code in _COPIES}
    said = defaultdict(str)
    for d in m.diagnostics:
        if d.line is not None:
            said[d.line] += "\x00" + _sq(d.message)
    objects = _by_line(dump, defaultdict(list))
    fields = "|".join(vocab().pattern(t) for t in ("sections.fields", "meeting.labels") if _has(t))
    structure = _structure_words()
    missing = []
    # parse drops one BOM at the start of the text, as an encoding mark
    originals = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # control characters are spaces once read (a control-character diagnostic says so)
    cleaned = [CONTROLS.sub(" ", o) for o in originals]
    for i, (original, line) in enumerate(zip(originals, normalize_lines(cleaned)), 1):
        if not line.strip():
            if original.strip() and i not in said:  # invisible or decorative marks only: said so
                missing.append((i, original))
            continue
        if i in cited or (_sq(line) and _sq(line) in said.get(i, "")):
            continue
        core, _ = split_markdown(line)
        pieces = []
        # layout splits a list run inline into one line per item: each is a piece
        for cell in (c for part in split_inline_list(core) for c in part.split("\t")):
            pieces += [p for p in re.split(rf"(?:^|\s)(?:{fields})\s*:", cell) if p.strip()]
        own = "\x00".join(_sq(s) for s in objects.get(i, []))
        for piece in pieces:
            if i in objects:
                piece = _NUMBER_PREFIX.sub("", piece.strip())
                if not piece or _DIGITS.match(piece):
                    continue
            if _sq(piece) in hay:
                continue
            if i in objects and all(_sq(w) in own or _sq(w) in structure or _DIGITS.match(_sq(w))
                                    for w in re.split(r"[\s,،;؛]+", piece) if _sq(w)):
                continue
            missing.append((i, line))
            break
    return missing


def assert_accounted(text: str, m: Minutes) -> None:
    lost = unaccounted(text, m)
    assert not lost, "lines in no field and no diagnostic:\n" + "\n".join(f"{i:>5}  {t[:120]}" for i, t in lost)


# --- accounting ------------------------------------------------------------------------------

@pytest.mark.parametrize("path", SEEDS + TEXT_FIXTURES, ids=lambda p: p.name)
def test_seeds_lose_no_line(path):
    try:
        m = minutes.parse_file(path)
    except MinutesError:
        pytest.skip("unusable input is reported, not parsed")
    text = path.read_bytes().decode(m.source.encoding or "utf-8")
    assert_accounted(text.lstrip("\ufeff"), m)


def test_accounting_helper_sees_a_lost_line():
    m = minutes.parse("### صورتجلسه\nیک خط که در مدل هست.")
    assert unaccounted("### صورتجلسه\nیک خط که در مدل هست.", m) == []
    m.turns.clear()
    m.diagnostics.clear()
    assert unaccounted("### صورتجلسه\nیک خط که در مدل هست.", m) == [(2, "یک خط که در مدل هست.")]


def _vocab_words() -> list[str]:
    v = vocab()
    out = []
    for file in v.files.values():
        for table in file.values():
            for spellings in table.values():
                out += spellings
    return sorted(set(out))


VOCAB = _vocab_words()
FRAGMENT = st.one_of(
    st.sampled_from(VOCAB),
    st.sampled_from(["###", "####", "**", "-", "|", "\t", ":", "۱-", "۹۹/۱۱/۲۱", "۱۳۹۹/۱۲/۳۰", "1400/12/30",
                     "جناب آقای دکتر احمدی", "فرمودند :", "در این جلسه ۳ مصوبه مورد تأیید قرار گرفته است.",
                     "ردیف\tشرح مصوبات\tاقدام کننده\tمدت اجراء", "۱\tمتن\tاداره\tمستمر", "\u200c", "\u200f",
                     "\u202b", "ي", "ك", "ہ", "ٰ", "ـ", "٣", "3", "*", "_", "`", ">"]),
    st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), max_size=8),
    st.text(max_size=6),
)
# Lines the attack campaign saw lost outright: digits only, invisible or decorative marks only.
BARE_LINE = st.one_of(
    st.text(alphabet="0123456789۰۱۲۳۴۵۶۷۸۹", min_size=1, max_size=6),
    st.text(alphabet="\ufeff\u200c\u200d\u200f\u200e\u0640﴾﴿﷽\u06dd\u06de\u06e9 ", min_size=1, max_size=5),
)
LINE = st.one_of(st.lists(FRAGMENT, max_size=8).map(" ".join), BARE_LINE)
DOCUMENT = st.lists(LINE, max_size=40).map("\n".join)


@settings(parent=PROFILE)
@given(DOCUMENT)
# Found by this test: a line of a page's stamp and a word or digit besides it (the stamp was
# quoted, not the line); attendance lines whose people were all listed before.
@example("date date date\n* ۹۹/۱۱/۲۱ 0")
@example("فرمودند :\nآخرین به\u200cروزرسانی ۹۹/۱۱/۲۱")
@example("اعضای شرکت\u200cکننده\ndate ### آب و برق\ndate ### آب و برق")
@example("اسامی حاضران\ndate date date date\ndate date date date date")
def test_random_text_loses_no_line(text):
    try:
        m = minutes.parse(text)
    except MinutesError:
        return
    assert_accounted(text, m)


# --- idempotence -----------------------------------------------------------------------------

PERSIANISH = st.text(alphabet=st.one_of(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.sampled_from(list(" \t\u200c\u200d\u200f\u202b\u2069\ufeff\xa00123456789/:.-،")),
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
), max_size=80)


@settings(parent=PROFILE)
@given(PERSIANISH)
@example("\\\u200c")  # hazm's token pass left «\ ‌», which only a second pass made «\»
@example("a/\u200cb")
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@pytest.mark.parametrize("text, once", [('""', "«»"), ('بند""ب', "بند «» ب"), ('"""', '«» "'), ('x "" y "z"', "x «» y «z»")])
def test_an_empty_quote_pair_is_normalized_once(text, once):
    """hazm spaces «""» on one pass and makes it «» on the next; normalize writes «» at once."""
    assert normalize(text) == once and normalize(once) == once


@settings(parent=PROFILE)
@given(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=6).map(" ".join))
def test_normalize_is_idempotent_on_vocabulary_phrases(text):
    once = normalize(text)
    assert normalize(once) == once


def test_vocabulary_is_normalized():
    changed = [(s, normalize(s)) for s in VOCAB if normalize(s) != s]
    assert not changed, changed


def test_normalize_keeps_line_count_and_tabs():
    text = "الف\tب\t\tج\n\n۹۹/۱۱/۲۱\tمستمر\n"
    out = normalize(text)
    assert out.count("\n") == text.count("\n") and out.split("\n")[0].count("\t") == 3


# --- totality --------------------------------------------------------------------------------

@settings(parent=PROFILE)
@given(st.one_of(DOCUMENT, st.text(max_size=400), PERSIANISH))
def test_parse_is_total(text):
    try:
        result = minutes.parse(text)
    except MinutesError:
        return
    assert isinstance(result, Minutes)


@pytest.mark.parametrize("value", [None, b"bytes", 12, ["a"]])
def test_parse_rejects_non_text_with_minutes_error(value):
    with pytest.raises(MinutesError):
        minutes.parse(value)


# --- stability -------------------------------------------------------------------------------

def test_same_json_twice_on_seeds():
    for path in SEEDS:
        assert minutes.parse_file(path).model_dump_json() == minutes.parse_file(path).model_dump_json()


@settings(parent=PROFILE)
@given(DOCUMENT)
def test_same_json_twice(text):
    try:
        first = minutes.parse(text).model_dump_json()
    except MinutesError as exc:
        with pytest.raises(MinutesError) as again:
            minutes.parse(text)
        assert str(again.value) == str(exc)
        return
    assert minutes.parse(text).model_dump_json() == first


UNRELATED = st.lists(st.sampled_from([
    "این یک بند توضیحی درباره گزارش عملکرد استان است.",
    "در ادامه گزارش، آمار طرح‌های اشتغال روستایی ارائه شد.",
    "ما در سال جاری نزدیک به ۱۲۴ میلیارد تومان پرداختی داشتیم.",
    "بررسی ظرفیت‌های توسعه اشتغال در استان",
]), min_size=1, max_size=5)


@settings(parent=PROFILE, max_examples=25)
@given(UNRELATED, st.integers(0, 10_000))
def test_resolution_ids_survive_unrelated_lines(extra, where):
    lines = SEED_003.read_text(encoding="utf-8").split("\n")
    before = minutes.parse("\n".join(lines))
    title = next(r.line for r in [before.resolution_list] if r is not None)
    # Anywhere in the discussion, before the table's title line.
    discussion = next(s.line for s in before.sections if s.key == "discussion") if before.sections else 34
    at = discussion + where % (title - 1 - discussion)
    after = minutes.parse("\n".join(lines[:at] + extra + lines[at:]))
    assert [r.id for r in after.resolutions] == [r.id for r in before.resolutions]
    assert [r.model_dump(exclude={"line"}) for r in after.resolutions] == \
        [r.model_dump(exclude={"line"}) for r in before.resolutions]
