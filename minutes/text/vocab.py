"""Persian vocabulary as data: one TOML file per concept under ``data/fa/``.

Each file holds tables; each table maps a canonical key (ASCII) to the list of
its spellings, stored already normalized (``normalize(x) == x``; a test checks
this and that no spelling sits under two keys of one table). Code asks for a
table and compares canonical keys, never Persian literals.

    [honorifics]
    jenab_aghaye = ["جناب آقای"]
"""

from __future__ import annotations

import heapq
import re
import tomllib
from functools import lru_cache
from pathlib import Path

from .normalize import squash as _squash

__all__ = ["Vocabulary", "vocab", "data_dir", "user_vocab_dir", "use_vocab"]


def data_dir() -> Path:
    return Path(__file__).resolve().parent / "data" / "fa"


class Vocabulary:
    """All vocabulary files, loaded once."""

    def __init__(self, directory: Path | None = None):
        self.directory = directory or data_dir()
        # Per-table caches, plain dicts: these are asked several times for every line.
        self._starts: dict[str, tuple[frozenset[str], re.Pattern, dict[str, str]]] = {}
        self._lookups: dict[str, tuple[dict[str, str], int]] = {}
        self._templates: dict[str, re.Pattern] = {}
        self._anchors: dict[str, tuple[str, ...]] = {}
        self.files: dict[str, dict[str, dict[str, list[str]]]] = {}
        for path in sorted(self.directory.glob("*.toml")):
            with path.open("rb") as fh:
                self.files[path.stem] = tomllib.load(fh)
        if directory is None and (user := user_vocab_dir()) is not None:
            _merge_user(self.files, user)

    def table(self, name: str) -> dict[str, list[str]]:
        """``name`` is 'file.table', e.g. 'people.honorifics'."""
        file, _, table = name.partition(".")
        return self.files[file][table]

    def spellings(self, name: str) -> list[tuple[str, str]]:
        """(spelling, key) pairs of a table, longest spelling first (so longer phrases win)."""
        return _spellings(self, name)

    def lookup(self, name: str, text: str) -> str | None:
        """The key whose spelling equals ``text`` (space/ZWNJ-insensitive), or None."""
        table = self._lookups.get(name) or self._lookup_table(name)
        # A whole paragraph is often asked about: more letters than the longest spelling has
        # (with room for a few tabs or ZWNJs) cannot match, and need not be squashed.
        if len(text) - text.count(" ") > table[1]:
            return None
        return table[0].get(_squash(text))

    def _lookup_table(self, name: str) -> tuple[dict[str, str], int]:
        self._lookups[name] = found = (_index(self, name), _longest(self, name) + _LOOKUP_SLACK)
        return found

    def pattern(self, name: str, keys: str | tuple[str, ...] | None = None) -> str:
        """A regex alternation (no groups) of a table's spellings, longest first; with ``keys``
        (one key or a tuple), only the spellings of those keys.

        The one builder of such alternations: between the words of a spelling, a space, a
        ZWNJ or nothing («صورت جلسه», «صورت‌جلسه», «صورتجلسه» are one spelling)."""
        return _pattern(self, name, (keys,) if isinstance(keys, str) else keys)

    def key_at_start(self, name: str, text: str) -> tuple[str, str] | None:
        """(key, matched text) if ``text`` starts with one of the table's spellings as a whole word."""
        start = self._starts.get(name) or self._start_table(name)
        # Most lines start with no spelling's first letter: a set lookup answers before the regex.
        if not text or text[0] not in start[0]:
            return None
        m = start[1].match(text)
        if not m:
            return None
        return start[2].get(_squash(m.group(0))), m.group(0)

    def may_start(self, name: str, text: str) -> bool:
        """Does ``text`` begin with a letter one of the table's spellings begins with?"""
        start = self._starts.get(name) or self._start_table(name)
        return text[:1] in start[0]

    def _start_table(self, name: str) -> tuple[frozenset[str], re.Pattern, dict[str, str]]:
        firsts = frozenset(s[0] for s, _ in self.spellings(name) if s)
        self._starts[name] = found = (firsts, _start_re(self, name), _index(self, name))
        return found

    def may_occur(self, name: str, text: str) -> bool:
        """False when no spelling of the table occurs in ``text``; True says only: search.

        Every spelling holds one of the table's anchor words (``anchors``) as it is written:
        a spelling's letters are literal, only the space between its words varies. A search
        for a table's alternation tries it at every letter a spelling can begin with, and
        those letters («م», «ب», «ت») are most of a Persian line; ``in`` is a scan in C, and
        most lines hold none of a table's words (tests/test_lexer_speed.py)."""
        found = self._anchors.get(name)
        if found is None:
            found = self._anchors[name] = anchors(self.spellings(name))
        for word in found:
            if word in text:
                return True
        return False

    def longest(self, name: str) -> int:
        """Characters in the table's longest spelling: the most a match of it can span."""
        return _longest(self, name)

    def rx(self, template: str) -> re.Pattern:
        """Compile ``template`` once, with each ``<<file.table>>`` replaced by that table's alternation.

        The template is a string constant at the call site, so the cache lookup is cheap."""
        found = self._templates.get(template)
        if found is None:
            found = self._templates[template] = _template_re(self, template)
        return found

    def compiled(self, name: str) -> re.Pattern:
        """The table's alternation, compiled once (whole words, spaces and ZWNJ interchangeable)."""
        return _word_re(self, name)


def anchors(spellings: list[tuple[str, str]]) -> tuple[str, ...]:
    """Words, one at least in every spelling: chosen greedily, the word in most spellings not
    yet covered first, then the longest (a longer word is rarer in text). A spelling counts as
    covered by a word inside one of its words («عبارت» in «عبارتند»). Words shorter than
    three letters are chosen only from a spelling with no longer word («از» is in every line).

    A word covers fewer spellings as others are chosen, never more: a count made earlier is a
    bound, and only the word on top of the heap is counted again (a table of a few hundred
    names is a few milliseconds, not a second)."""
    left = [_words(s) for s, _ in spellings]
    if not all(left):
        return ("",)  # a spelling of no letters matches anywhere: so may every text

    def covered(word: str) -> int:
        return sum(any(word in x for x in words) for words in left)

    def eligible(words: list[str]) -> list[str]:
        return [w for w in words if len(w) >= min(3, max(map(len, words)))]

    heap = [(-covered(w), -len(w), w) for w in {w for words in left for w in eligible(words)}]
    heapq.heapify(heap)
    chosen: list[str] = []
    while left:
        _, longer, word = heapq.heappop(heap)
        if not any(word in eligible(words) for words in left):
            continue  # a word only of spellings already covered is no longer a candidate
        fresh = (-covered(word), longer, word)
        if heap and fresh > heap[0]:
            heapq.heappush(heap, fresh)  # counted anew it no longer leads
            continue
        chosen.append(word)
        left = [words for words in left if not any(word in x for x in words)]
    return tuple(chosen)


def _words(spelling: str) -> list[str]:
    return [w for w in re.split(r"[\s\u200c]+", spelling) if w]


_LOOKUP_SLACK = 8  # tabs, newlines or ZWNJs a looked-up text may hold besides its letters and spaces


@lru_cache(maxsize=None)
def _start_re(v: "Vocabulary", name: str) -> re.Pattern:
    return re.compile(rf"(?:{v.pattern(name)})(?![\w\u200c])")


@lru_cache(maxsize=None)
def _template_re(v: "Vocabulary", template: str) -> re.Pattern:
    # A function replacement is inserted as is: the table patterns keep their escapes.
    return re.compile(re.sub(r"<<([\w.]+)>>", lambda m: v.pattern(m.group(1)), template))


@lru_cache(maxsize=None)
def _word_re(v: "Vocabulary", name: str) -> re.Pattern:
    return re.compile(rf"(?:^|(?<=\s))(?:{v.pattern(name)})(?![\w\u200c])")


@lru_cache(maxsize=None)
def _spellings(v: Vocabulary, name: str) -> list[tuple[str, str]]:
    pairs = [(s, k) for k, ss in v.table(name).items() for s in ss]
    return sorted(pairs, key=lambda p: -len(p[0]))


@lru_cache(maxsize=None)
def _longest(v: Vocabulary, name: str) -> int:
    return max((len(s) for s, _ in _spellings(v, name)), default=0)


@lru_cache(maxsize=None)
def _index(v: Vocabulary, name: str) -> dict[str, str]:
    return {_squash(s): k for s, k in _spellings(v, name)}


@lru_cache(maxsize=None)
def _pattern(v: Vocabulary, name: str, keys: tuple[str, ...] | None) -> str:
    seqs = [_tokens(spelling) for spelling, key in _spellings(v, name) if keys is None or key in keys]
    return _alternation(seqs) if seqs else r"(?!)"


_SEP = None  # the token between two words of a spelling: a space, a ZWNJ or nothing
_SEP_RE = r"[\s\u200c]?"


def _tokens(spelling: str) -> tuple[str | None, ...]:
    """A spelling's characters, with ``_SEP`` between its words."""
    out: list[str | None] = []
    for word in re.split(r"[\s\u200c]+", spelling):
        if word:
            out += ([_SEP] if out else []) + list(word)
    return tuple(out)


def _alternation(seqs: list[tuple[str | None, ...]]) -> str:
    r"""A regex matching what ``"|".join(seqs)`` matches, each match the same, with common
    leading characters written once: «مقرر شد|مقرر گردید|مصوب شد» → «م(?:قرر[\s\u200c]?(?:شد|گردید)|صوب…)».

    Why: Python's ``re`` tries an alternation's branches one after another at every position,
    and a table has up to a few hundred spellings; the vocabulary's regexes were most of the
    lexer's and the phrase readers' time (bench/bench_attack.py). Factoring keeps the first-match
    order exactly: branches starting with different characters can never match at the same place,
    so only branches sharing a first character are grouped, in their order, and a branch that
    ends here (the shortest, so the last) stays last. Where a branch starts with the optional
    separator (it can match nothing), the branches are left as they are, in order."""
    if len(seqs) == 1 or any(seq[:1] == (_SEP,) for seq in seqs):
        return "|".join("".join(_SEP_RE if t is _SEP else re.escape(t) for t in seq) for seq in seqs)
    groups: dict[str, list[tuple[str | None, ...]]] = {}
    ends_here = False
    for seq in seqs:
        if seq:
            groups.setdefault(seq[0], []).append(seq[1:])
        else:
            ends_here = True
    branches = []
    for first, rests in groups.items():
        rest = _alternation(rests)
        single = len(rests) == 1 or rest == ""
        branches.append(re.escape(first) + (rest if single else f"(?:{rest})"))
    return "|".join(branches + ([""] if ends_here else []))


@lru_cache(maxsize=1)
def vocab() -> Vocabulary:
    return Vocabulary()


def user_vocab_dir() -> Path | None:
    """The user's vocabulary folder: ``$MINUTES_VOCAB``, else ``minutes/vocab`` in the user's
    configuration folder when it exists (docs/vocabulary.md)."""
    import os

    given = os.environ.get("MINUTES_VOCAB")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    folder = Path(base) / "minutes" / "vocab"
    return folder if folder.is_dir() else None


def use_vocab(directory: str | Path | None) -> None:
    """Read the user's words from ``directory`` from now on (the CLI's ``--vocab DIR``)."""
    import os

    if directory is not None:
        if not Path(directory).is_dir():
            from ..errors import InputError

            raise InputError("vocabulary folder not found", path=str(directory))
        os.environ["MINUTES_VOCAB"] = str(directory)
    vocab.cache_clear()


def _merge_user(files: dict, folder: Path) -> None:
    """Add the spellings of the user's TOML files to ours, key by key; the printed (first)
    spelling stays ours. Spellings are normalized here, as ours are stored."""
    from ..errors import InputError
    from .normalize import normalize

    for path in sorted(folder.glob("*.toml")):
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise InputError(f"cannot read vocabulary file: {exc}", path=str(path)) from None
        for table, keys in data.items():
            if not isinstance(keys, dict):
                raise InputError(f"[{table}] must map keys to lists of spellings", path=str(path))
            into = files.setdefault(path.stem, {}).setdefault(table, {})
            for key, spellings in keys.items():
                if not (isinstance(spellings, list) and all(isinstance(x, str) for x in spellings)):
                    raise InputError(f"[{table}] {key} must be a list of spellings", path=str(path))
                have = into.setdefault(key, [])
                have += [w for w in (normalize(x).strip() for x in spellings) if w and w not in have]
