"""hazm's ``Normalizer().normalize`` with only the parts it uses, built in a few hundredths
of a second instead of about 1.7 s.

``hazm.Normalizer()`` imports all of hazm (nltk with it, 0.3 s), reads its 193,000-word list
twice into tuples (0.7 s) and conjugates its 692 verbs into 346,000 forms (0.7 s), in every
process, before it reads a byte. What ``normalize`` asks of those tables is small:

* the word list: whether two tokens joined by ZWNJ are a word with a positive count (only
  words holding a ZWNJ can answer yes: 13,000 lines, picked out of the file by one regex), and
  whether a word before a suffix, or a word with a letter three times, is a word at all (a
  set of all words, read only when such a token first appears);
* the verb forms: whether a token holding ZWNJ (or «_») is a conjugated form. Such a form
  is built around its verb's stem in one of two ways (``_Conjugations``), so a token names
  the few verbs it could be a form of, and only those are conjugated, once each.

The steps and the patterns are hazm's own (``hazm/constants.py`` is loaded from its file
without importing the ``hazm`` package); the code of ``normalize`` below follows
hazm 0.12's ``Normalizer`` step by step (MIT licence). Another hazm version gets hazm's own
``Normalizer``. ``tests/test_hazm_lite.py`` compares the two outputs on every fixture line and
on generated text.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

__all__ = ["normalizer", "LiteNormalizer"]

_SUPPORTED = "0.12."
_ZWNJ = "\u200c"
# How hazm 0.12 builds a form that holds ZWNJ: «می‌» (continuous) before the stem, or a
# participle's «ه» before the ZWNJ, «ن» first when negative. Facts of hazm's tables, not
# vocabulary: tests/test_hazm_lite.py checks them on every form.
_CONTINUOUS, _PARTICIPLE, _NEGATIVE = "\u0645\u06cc", "\u0647", "\u0646"


def _any(*needles: str):
    return lambda text: any(n in text for n in needles)


# What each of hazm's patterns needs in a text to change it: one of these strings (the two that
# match empty strings replace nothing by nothing without a ZWNJ). An ``in`` is a scan in C; a
# regex tries its pattern at every position, so on seed 003 these subs that change nothing were
# a sixth of the normalization. Keyed by the pattern's text: a pattern not listed always runs.
# tests/test_parse_speed.py checks each guard on generated text.
_NEEDS = {
    "^ +| +$": lambda text: text.startswith(" ") or text.endswith((" ", " \n")),  # $: also before a last \n
    " {2,}": _any("  "),
    "\\n{3,}": _any("\n\n\n"),
    "\\u200c{2,}": _any(_ZWNJ),
    "\\u200c{1,} ": _any(_ZWNJ),
    " \\u200c{1,}": _any(_ZWNJ),
    "\\b\\u200c*\\B": _any(_ZWNJ),
    "\\B\\u200c*\\b": _any(_ZWNJ),
    "([^ ]ه) ی ": _any("ه ی "),
    "(^| )(ن?می) ": _any("می "),
    "(?<=[^\\n\\d \\.:!،؛؟»\\]\\)\\}«\\[\\(\\{]{2}) (تر(ین?)?|گری?|های?)(?=[ \\n\\.:!،؛؟»\\]\\)\\}«\\[\\(\\{]|$)":
        _any(" تر", " گر", " ها"),
    "([^ ]ه) (ا(م|یم|ش|ند|ی|ید|ت))(?=[ \\n\\.:!،؛؟»\\]\\)\\}]|$)": _any("ه ا"),
    "(ه)(ها)": _any("هها"),
    '" ([^\\n"]+) "': _any('"'),
    "([^ «\\[\\(\\{])([«\\[\\(\\{])": _any("«", "[", "(", "{"),
    '"([^\\n"]+)"': _any('"'),
    "([\\d+])\\.([\\d+])": _any("."),
    " ?\\.\\.\\.": _any("..."),
    "[ـ\\r]": _any("ـ", "\r"),
}


_LETTERS = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"  # hazm's own class in the patterns below
# The same substitution as hazm's pattern, written so that it begins with what is rare in a text
# (a space before «تر/گر/ها», a digit, a bracket) and checks what came before with a lookbehind:
# Python's regex engine skips to a pattern's first character when that is a plain character or
# class, and tries a pattern that opens with a lookbehind or a group at every position. These
# four were 3.5 of the 6 ms hazm's patterns took on seed 003 (1.3 after). Each consumes the same
# span as hazm's — or, where hazm's first group is a character it puts back unchanged, the rest
# of it, and no match of it can end on such a character — so every text gives the same result;
# tests/test_parse_speed.py checks each on generated text. Keyed by hazm's pattern text: a pattern
# not listed runs as hazm wrote it.
_FASTER = {
    "(?<=[^\\n\\d \\.:!،؛؟»\\]\\)\\}«\\[\\(\\{]{2}) (تر(ین?)?|گری?|های?)(?=[ \\n\\.:!،؛؟»\\]\\)\\}«\\[\\(\\{]|$)":
        (" (?=[تگه])(?<=[^\\n\\d \\.:!،؛؟»\\]\\)\\}«\\[\\(\\{]{2} )(تر(ین?)?|گری?|های?)(?=[ \\n\\.:!،؛؟»\\]\\)\\}«\\[\\(\\{]|$)",
         "\u200c\\1"),
    f"([{_LETTERS}])(\\d)": (f"\\d(?<=[{_LETTERS}]\\d)", " \\g<0>"),
    "([^ «\\[\\(\\{])([«\\[\\(\\{])": ("[«\\[\\(\\{](?<=[^ «\\[\\(\\{][«\\[\\(\\{])", " \\g<0>"),
    "([^ ]ه) (ا(م|یم|ش|ند|ی|ید|ت))(?=[ \\n\\.:!،؛؟»\\]\\)\\}]|$)":
        ("ه (?<=[^ ]ه )(ا(م|یم|ش|ند|ی|ید|ت))(?=[ \\n\\.:!،؛؟»\\]\\)\\}]|$)", "ه\u200c\\1"),
}
# hazm's WordTokenizer pattern, and the same matches found by a pattern that begins with the
# class of what a match can begin with (so the engine skips ahead to one in C) and then, by the
# character it took, runs on as the alternative hazm would take: a run of «؟!?», a run of
# digits, «.» and «:» (a «.» or «:» starts such a run, the second alternative, before the
# third), or nothing more. Written for ``sub(" \\g<0> ", …)``: the whole match is hazm's group.
_TOKEN = r'([؟!?]+|[\d.:]+|[:.،؛»\])}"«\[({/\\])'
_TOKEN_FASTER = r'[؟!?\d.:،؛»\])}"«\[({/\\](?:(?<=[؟!?])[؟!?]*|(?<=[\d.:])[\d.:]*|)'


# After the token pass every run of digits is a token between spaces, and no later step writes
# a letter beside one: tokens are joined by ZWNJ, and the spaces taken out are those beside
# punctuation, quotes and brackets. So hazm's two patterns that space a digit from a letter
# find nothing there (0.4 of normalizing seed 003's 8 ms) and are not run.
# tests/test_parse_speed.py checks on generated text that they would change nothing.
_NOTHING_AFTER_TOKENS = (f"(\\d)([{_LETTERS}])", f"([{_LETTERS}])(\\d)")


class _Dots:
    """hazm's « ?\\.\\.\\.» (each «...», with the space before it if there is one, becomes
    « …») as two str.replace passes: first each «...» after a space, then each other «...».
    The same text: a match never ends on a space, so no space before a «...» belongs to an
    earlier match, and what the first pass writes holds neither «...» nor a space before one
    left. A pattern that can begin with an optional space is tried at every character (0.35 of
    normalizing seed 003's 10 ms); the replaces are scans in C (0.07).
    tests/test_parse_speed.py checks it against the pattern."""

    pattern = " ?\\.\\.\\."

    @staticmethod
    def sub(repl: str, text: str) -> str:
        return text.replace(" ...", repl).replace("...", repl)


class _MiSpacing:
    """hazm's «(^| )(ن?می) » with its replacement «\\1\\2‌» (the space after «می» becomes
    ZWNJ) as two passes: one anchored at the text's start, then one from each space. A pattern
    that opens with «(^| )» is tried at every character (0.49 ms on seed 003); one that opens
    with a space is tried only at spaces (0.09). The same text: the first pass's match ends on
    the space it turns into ZWNJ, which hazm's single pass cannot begin a match on either, and
    what it writes holds no space; every other match of hazm's begins with a space, as the second
    pass's do. tests/test_parse_speed.py checks it against the pattern."""

    pattern, repl = "(^| )(ن?می) ", "\\1\\2\u200c"
    _at_start = re.compile("\\A()(ن?می) ")
    _after_space = re.compile("( )(ن?می) ")

    @classmethod
    def sub(cls, repl: str, text: str) -> str:
        return cls._after_space.sub(repl, cls._at_start.sub(repl, text, count=1))


class _DecimalPoint:
    """hazm's «([\\d+])\\.([\\d+])» with its replacement «\\1٫\\2» (a dot between digits
    becomes the Persian decimal separator), found from the dot: the pattern opens with a class
    holding the digits, so the engine stopped at every digit of a text (0.26 ms on seed 003);
    a dot is a literal it skips to in C (0.01). hazm's pass takes a digit, the dot and a digit,
    and goes on after them, so a dot whose digit before was the last one taken is left as it is
    («1.2.3» → «1٫2.3»). tests/test_parse_speed.py checks it against the pattern."""

    pattern, repl = "([\\d+])\\.([\\d+])", "\\1\u066b\\2"
    _dot = re.compile(r"\.(?<=[\d+]\.)[\d+]")

    @classmethod
    def sub(cls, repl: str, text: str) -> str:
        pieces, done = [], 0
        for m in cls._dot.finditer(text):
            dot = m.start()
            if dot - 1 < done:  # its digit before ends the last match
                continue
            pieces += [text[done:dot], "\u066b", text[dot + 1]]
            done = dot + 2
        return "".join(pieces) + text[done:] if pieces else text


def _compiled(pattern: str, repl: str):
    """hazm's pattern (or its faster equivalent), its replacement and its guard."""
    if pattern == _Dots.pattern and "." not in repl:
        return _Dots, repl, _NEEDS.get(pattern)
    for rewritten in (_MiSpacing, _DecimalPoint):
        if (pattern, repl) == (rewritten.pattern, rewritten.repl):
            return rewritten, repl, _NEEDS.get(pattern)
    faster, faster_repl = _FASTER.get(pattern, (pattern, repl))
    return re.compile(faster), faster_repl, _NEEDS.get(pattern)


def _hazm_dir() -> Path | None:
    spec = importlib.util.find_spec("hazm")  # finds the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _load_constants(folder: Path):
    spec = importlib.util.spec_from_file_location("minutes.text._hazm_constants", folder / "constants.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # constants.py imports nothing: plain tables
    return module


def _word_fields(line: str) -> tuple[str, int] | None:
    """hazm's ``words_list`` reading of one line: word and count, or None when skipped."""
    item = line.strip().split("\t")
    return (item[0], int(item[1])) if len(item) == 3 else None


class _Conjugations:
    """Membership in the set of hazm's conjugated verb forms, conjugating on demand.

    A form holding ZWNJ and no space (a token never holds a space) is «(ن)می‌» + a stem + …,
    or a participle: «(ن)» + a stem + «ه‌…» (tests/test_hazm_lite.py checks this on every
    form). So a token names its few candidate verbs, and only those are conjugated."""

    def __init__(self, verbs: list[str], conjugate):
        self._conjugate = conjugate
        self._by_stem: dict[str, list[str]] = {}
        self._always: list[str] = []  # an empty stem or one holding ZWNJ: a candidate for any token
        for verb in verbs:
            past, present = verb.split("#")
            if not past or not present or _ZWNJ in verb:
                self._always.append(verb)
            for stem in {past, present} - {""}:
                self._by_stem.setdefault(stem, []).append(verb)
        self._longest = max(map(len, self._by_stem), default=0)
        self._forms: set[str] = {"است"}  # hazm's Lemmatizer adds it by hand
        self._done: set[str] = set()
        self._always_done = False
        # Tokens found to be no form. A form's verb is always among its candidates, so no later
        # conjugation can make one a form: the answer stands (bounded, against endless new tokens).
        self._refused: set[str] = set()

    def _conjugate_once(self, verbs) -> None:
        for verb in verbs:
            if verb not in self._done:
                self._done.add(verb)
                self._forms.update(self._conjugate(verb))

    def conjugate_always(self) -> None:
        """Conjugate the verbs that are candidates for any token (once)."""
        if not self._always_done:
            self._conjugate_once(self._always)
            self._always_done = True

    def _candidates(self, token: str) -> list[str]:
        head, zwnj, after = token.partition(_ZWNJ)
        by_stem = self._by_stem
        out: list[str] = []
        if zwnj and " " not in token:
            if head.endswith(_CONTINUOUS):
                for j in range(1, min(len(after), self._longest) + 1):
                    out += by_stem.get(after[:j], ())
            elif head.endswith(_PARTICIPLE):
                out += by_stem.get(head[:-1], ())
                if head.startswith(_NEGATIVE):
                    out += by_stem.get(head[1:-1], ())
            return out
        # Any other token (with «_», say): every stem inside it, linear in its length.
        for i in range(len(token)):
            for j in range(i + 1, min(len(token), i + self._longest) + 1):
                out += by_stem.get(token[i:j], ())
        return out

    def __contains__(self, token: str) -> bool:
        if token in self._forms:
            return True
        if token in self._refused:
            return False
        self.conjugate_always()
        self._conjugate_once(self._candidates(token))
        if token in self._forms:
            return True
        if len(self._refused) < 200_000:
            self._refused.add(token)
        return False


class _Words:
    """hazm's word list as the normalizer asks it: ``joinable`` (a ZWNJ word with a positive
    count) and ``__contains__`` (any word; the whole list is read on the first question)."""

    def __init__(self, path: Path):
        self._data = path.read_text(encoding="utf-8")
        counts: dict[str, int] = {}
        for line in re.findall(r"^.*\u200c.*$", self._data, re.M):
            fields = _word_fields(line)
            if fields:
                counts[fields[0]] = fields[1]  # a word listed twice: the last line wins, as in hazm
        self.joinable = {w for w, n in counts.items() if n > 0}
        self._all: set[str] | None = None

    def _read_all(self) -> set[str]:
        data = self._data.rstrip("\n")
        fields = data.replace("\n", "\t").split("\t")
        lines = data.count("\n") + 1
        # Three fields on every line (and, tests/test_hazm_lite.py checks, no space at a line's
        # ends): the first field of each line is what hazm's reading keeps, at a fifth of its cost.
        if len(fields) == 3 * lines:
            return set(fields[0::3])
        return {f[0] for f in map(_word_fields, data.split("\n")) if f}

    def __contains__(self, word: str) -> bool:
        if self._all is None:
            self._all = self._read_all()
        return word in self._all


class LiteNormalizer:
    """``hazm.Normalizer()`` with its default options: ``normalize(text)`` gives the same text."""

    def __init__(self, folder: Path):
        c = _load_constants(folder)
        self._c = c
        self._translations = {ord(a): b for a, b in zip(c.TRANSLATION_SRC, c.TRANSLATION_DST)}
        self._numbers = {ord(a): b for a, b in zip(c.NUMBERS_SRC, c.NUMBERS_DST)}
        self._translations_rx, self._numbers_rx = (re.compile("[" + "".join(map(re.escape, map(chr, table))) + "]")
                                                   for table in (self._translations, self._numbers))
        self._compiled = {name: [_compiled(p, r) for p, r in getattr(c, name)] for name in (
            "EXTRA_SPACE_PATTERNS", "AFFIX_SPACING_PATTERNS", "PUNCTUATION_SPACING_PATTERNS",
            "PERSIAN_STYLE_PATTERNS", "DIACRITICS_PATTERNS", "SPECIAL_CHARS_PATTERNS")}
        self._punctuation_after_tokens = [
            compiled for (p, _), compiled in zip(c.PUNCTUATION_SPACING_PATTERNS, self._compiled["PUNCTUATION_SPACING_PATTERNS"])
            if p not in _NOTHING_AFTER_TOKENS]
        self._words = _Words(folder / "data" / "words.dat")
        with (folder / "data" / "verbs.dat").open(encoding="utf-8") as fh:
            verbs = list(reversed([verb.strip() for verb in fh if verb]))
        self._verbs = _Conjugations(verbs, _conjugator(folder))
        self._heads: set[str] | None = None  # _join_heads, built on first use
        # hazm's WordTokenizer(join_verb_parts=False) with its default options
        self._token_pattern = re.compile(_TOKEN_FASTER)
        self._more_than_two = re.compile(rf"([{_LETTERS}])\1{{2,}}")
        # Whether any letter stands three times in a row: the same question as searching with
        # ``_more_than_two``, at half its cost (no repeat to run on where a match starts).
        self._three_in_a_row = re.compile(rf"([{_LETTERS}])\1\1")
        self._letter_run = re.compile(rf"[{_LETTERS}]+")
        # hazm's «\bن?می[…]+», beginning with its first letter and looking behind it for the word
        # boundary (``(?<!\w.)``): a pattern that begins with «\b» is tried at every position.
        self._mi = re.compile(rf"[نم](?<!\w.)(?:(?<=ن)می|(?<=م)ی)[{_LETTERS}]+")
        self._mi_head = re.compile(r"^(ن?می)")

    def _sub(self, name: str, text: str) -> str:
        return self._apply(self._compiled[name], text)

    @staticmethod
    def _apply(patterns, text: str) -> str:
        for pattern, repl, needs in patterns:
            if needs is None or needs(text):
                text = pattern.sub(repl, text)
        return text

    @staticmethod
    def _translate(text: str, table: dict[int, str], present: re.Pattern) -> str:
        """``text.translate(table)``, by one str.replace per character present when few are:
        translate looks every character up in the dict (a tenth of seed 003's parse, twice).
        The same text, as no replacement is itself a character the table replaces."""
        found = set(present.findall(text))
        if len(found) > 16 or any(ord(ch) in table for old in found for ch in table[ord(old)]):
            return text.translate(table)
        for old in found:
            text = text.replace(old, table[ord(old)])
        return text

    def normalize(self, text: str) -> str:
        text = self._translate(text, self._translations, self._translations_rx)
        text = self._sub("PERSIAN_STYLE_PATTERNS", text)
        text = self._translate(text, self._numbers, self._numbers_rx)
        text = self._sub("DIACRITICS_PATTERNS", text)
        text = self._correct_spacing(text)
        for old, new in self._c.UNICODE_REPLACEMENTS:
            text = text.replace(old, new)
        text = self._sub("SPECIAL_CHARS_PATTERNS", text)
        text = self._decrease_repeated_chars(text)
        return self._mi.sub(self._separate_mi, text)

    def _correct_spacing(self, text: str) -> str:
        text = self._sub("EXTRA_SPACE_PATTERNS", text)
        # hazm tokenizes line by line (a tab is a space to its tokenizer); its pattern never
        # matches a line break or a space, so one pass over the whole text spaces every line
        # out as the passes line by line did, and a blank line (kept as it is) is left unchanged.
        spaced = self._token_pattern.sub(r" \g<0> ", text.replace("\t", " ")).split("\n")
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if line.strip():
                lines[i] = " ".join(self._token_spacing(list(filter(None, spaced[i].split(" ")))))
        text = self._sub("AFFIX_SPACING_PATTERNS", "\n".join(lines))
        return self._apply(self._punctuation_after_tokens, text)

    def _join_heads(self) -> set[str]:
        """What can stand before the first ZWNJ of a joinable word or of a verb form, besides a
        token ending in «می» or «ه»: a verb form's ZWNJ follows one of those, unless its verb
        is one conjugated for every token (``_Conjugations``; tests/test_hazm_lite.py checks
        every form), and those are conjugated here, first."""
        if self._heads is None:
            self._verbs.conjugate_always()
            self._heads = {w.partition(_ZWNJ)[0] for w in (*self._words.joinable, *self._verbs._forms) if _ZWNJ in w}
        return self._heads

    def _token_spacing(self, tokens: list[str]) -> list[str]:
        if not tokens:
            return []
        suffixes, verbs, words, joinable = self._c.SUFFIXES, self._verbs, self._words, self._words.joinable
        forms, refused = verbs._forms, verbs._refused  # the sets first: most pairs are answered there
        # A pair joined by ZWNJ is a word or a verb form only when what comes first can begin one:
        # most tokens cannot, and their pair is not built nor looked up three times.
        heads, head_ends, last = self._join_heads(), (_CONTINUOUS, _PARTICIPLE), len(tokens) - 1
        result = [before := tokens[0]]
        for t in range(1, last + 1):
            token = tokens[t]
            if (before in heads or before.endswith(head_ends) or _ZWNJ in before) and (
                    (pair := before + _ZWNJ + token) in forms or pair in joinable
                    or (pair not in refused and pair in verbs)):
                if not (t < last and token + "_" + tokens[t + 1] in verbs):
                    before = result[-1] = pair
                    continue
            elif token in suffixes and before in words:
                before = result[-1] = before + _ZWNJ + token
                continue
            result.append(before := token)
        return result

    def _decrease_repeated_chars(self, text: str) -> str:
        """hazm's step: a word (a run of letters) with a letter three times or more loses the
        repeats, down to one or two letters, whichever the word list knows.

        hazm finds those words with ``[L]*(L)\\1{2,}[L]*``, which matches exactly the runs of
        letters holding such a letter; tried at every letter of a long run without one, it cost
        time quadratic in the run (40,000 letters: 25 s), and splicing each word back into the
        whole text cost time quadratic in their number. The runs are found once here, and the
        text is put together once."""
        if self._three_in_a_row.search(text) is None:
            return text
        pieces, done = [], 0
        for m in self._letter_run.finditer(text):
            word = m.group()
            if self._more_than_two.search(word) is None or word in self._words:
                continue
            no_repeat = self._more_than_two.sub(r"\1", word)
            two_repeat = self._more_than_two.sub(r"\1\1", word)
            if (no_repeat in self._words) != (two_repeat in self._words):
                r = no_repeat if no_repeat in self._words else two_repeat
            else:
                r = two_repeat
            pieces += [text[done:m.start()], r]
            done = m.end()
        return "".join(pieces) + text[done:]

    def _separate_mi(self, match: re.Match) -> str:
        m = match.group(0)
        r = self._mi_head.sub("\\1" + _ZWNJ, m)
        return r if r in self._verbs else m


def _conjugator(folder: Path):
    """hazm's ``Conjugation().get_all``, without importing the ``hazm`` package: the class is
    read out of ``lemmatizer.py`` (it needs nothing the module imports)."""
    source = (folder / "lemmatizer.py").read_text(encoding="utf-8")
    start, end = source.index("class Conjugation"), source.index("class Lemmatizer")
    namespace: dict = {"__name__": "minutes.text._hazm_conjugation"}
    exec(compile("from __future__ import annotations\n" + source[start:end],  # noqa: S102 - hazm's own code
                 str(folder / "lemmatizer.py"), "exec"), namespace)
    return namespace["Conjugation"]().get_all


@lru_cache(maxsize=1)
def normalizer():
    """The normalizer, built once per process: the lite one for hazm 0.12, else hazm's own."""
    from importlib.metadata import version

    folder = _hazm_dir()
    if folder is not None and version("hazm").startswith(_SUPPORTED):
        try:
            return LiteNormalizer(folder)
        except (OSError, ValueError, KeyError, SyntaxError, AttributeError):
            pass  # a hazm laid out otherwise: its own normalizer, slower to build, same output
    from hazm import Normalizer

    return Normalizer()
