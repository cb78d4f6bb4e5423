"""Stage 2 — normalize: one canonical spelling for Persian text.

hazm's ``Normalizer`` does most of the work (Arabic letter forms, spacing,
ZWNJ for affixes, Persian digits). On top of it we fix what it misses or
breaks for minutes:

* letter forms it leaves alone: ہ → ه, ۃ → ه, superscript alef (ٰ) removed,
  tatweel removed, Arabic-Indic digits ٠-٩ → Persian ۰-۹;
* invisible characters: zero-width space/joiner, BOM, word joiner and the bidi
  embedding/override/isolate marks are dropped (ZWNJ is kept: it is spelling);
* dates and other numbers with separators (``۹۹/۱۱/۲۱``, ``1399-12-15``,
  ``۱۴/۵``) are shielded from hazm, which would space them out;
* tabs (table cell separators) and line breaks survive unchanged, so line
  ``n`` of the output is line ``n`` of the input.

hazm's Normalizer cost ~1.7 s to build; ``hazm_lite`` builds what it uses in a tenth of that,
once per process, on first use.
"""

from __future__ import annotations

import re

__all__ = ["normalize", "normalize_lines", "to_ascii_digits", "to_persian_digits", "squash",
           "replace_chars", "LETTER_FIXES", "PERSIAN_DIGITS", "ARABIC_DIGITS"]

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_ASCII_DIGITS = "0123456789"

_TO_ASCII = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, _ASCII_DIGITS * 2)
_TO_PERSIAN = str.maketrans(_ASCII_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)

# Letter forms hazm does not handle (or handles only in some positions), each one character
# for another. The one table of letter fixes: ``numbers.fold`` is built from it too.
LETTER_FIXES = {"ى": "ی", "ي": "ی", "ك": "ک", "ہ": "ه", "ۃ": "ه", "ە": "ه", "ھ": "ه"}

# The letter fixes, and the invisibles dropped.
_PRE = str.maketrans(
    {
        **LETTER_FIXES,
        "ٰ": None, "ـ": None,
        "\u200b": None, "\u200d": None, "\ufeff": None, "\u2060": None,
        "\u200e": None, "\u200f": None, "\u061c": None,
        "\u202a": None, "\u202b": None, "\u202c": None, "\u202d": None, "\u202e": None,
        "\u2066": None, "\u2067": None, "\u2068": None, "\u2069": None,
        "\r": None, "\xa0": " ",
        **{a: p for a, p in zip(ARABIC_DIGITS, PERSIAN_DIGITS)},
    }
)

_DIGIT = r"[0-9۰-۹٠-٩]"
# A number with internal separators: dates, ratios, ranges, decimals.
_SHIELDED = re.compile(
    # URLs and e-mail addresses, kept as written (hazm would space their dots and slashes)
    # (A match begins only where a run begins, and runs are taken whole (``++``): tried from
    # every digit of a long run of digits, these alternatives cost time quadratic in the run.)
    r"(?i)(?:https?://|www\.)[^\s«»()]+[^\s«»().,،؛:]|(?<![\w.+-])[\w.+-]++@[\w-]+(?:\.[\w-]+)+"
    # letter numbers such as «۱۴۲/ش/۱۴۰۲»: a whole slashed token holding a digit
    rf"|(?<!\S)(?=[^\s/]*{_DIGIT})[^\s/]+(?:/[^\s/]+)+(?!\S)"
    rf"|(?<!{_DIGIT}){_DIGIT}++(?:[/\-.:٫]{_DIGIT}++)+"
    # Latin digits stay Latin: numbers are compared digit-blind (numbers.fold), shown as written
    r"|[0-9]+(?:,[0-9]{3})*")
# Where a span _SHIELDED matches can be: a digit, «@», or the start of a web address. The
# pattern begins with a character class, so the regex engine skips in C to each such character
# (a pattern that begins with a lookaround is tried at every position: the earlier scan for
# whole tokens holding one was a tenth of normalizing seed 003).
_SHIELD_TRIGGER = re.compile(
    r"[0-9۰-۹٠-٩@hHwW](?:(?<=[hH])(?i:ttps?://)|(?<=[wW])(?i:ww\.)|(?<![hHwW]))")
_TOKEN_REST = re.compile(r"\S*")


def _shield(text: str, shield) -> str:
    """``_SHIELDED.sub(shield, text)``, run only over the whitespace-delimited tokens that hold a
    trigger. Each span _SHIELDED matches lies inside one such token, and at a token's ends its
    lookarounds read the whitespace around it as they read a string's ends: the same spans, in
    the same order (tests/test_parse_speed.py checks this on generated text). Each character is
    passed over once: a token's start is looked for back only as far as the last token's end."""
    pieces, done = [], 0
    while (trigger := _SHIELD_TRIGGER.search(text, done)) is not None:
        start = trigger.start()
        while start > done and not text[start - 1].isspace():  # str.isspace is regex \s
            start -= 1
        end = _TOKEN_REST.match(text, trigger.end()).end()
        pieces += (text[done:start], _SHIELDED.sub(shield, text[start:end]))
        done = end
    return "".join(pieces) + text[done:] if pieces else text


# A wide gap inside a line is a column break in text converted from a laid-out page
# («محمد رضایی          علی کرمانی»): it becomes a tab, like a table cell separator.
# (The first space is matched before the lookbehind checks what precedes it, so the engine skips
# in C from space to space instead of trying the pattern at every character.)
COLUMN_GAP = re.compile(r"[ \xa0](?<=\S[ \xa0])[ \xa0]{3,}(?=\S)")
# The same gaps in a text without a no-break space, found from their first four spaces: a
# literal that the engine finds by a fast search, where the pattern above stops at every space
# (0.33 → 0.03 ms on seed 003). tests/test_parse_speed.py holds the two to the same text.
_SPACE_GAP = re.compile(r"    (?<=\S    ) *(?=\S)")


def column_gaps(text: str) -> str:
    """``COLUMN_GAP.sub("\\t", text)``: each wide gap between words a tab (a cell break)."""
    if "\xa0" in text:  # a gap may hold no-break spaces
        return COLUMN_GAP.sub("\t", text)
    if "    " in text:  # else it holds four spaces in a row
        return _SPACE_GAP.sub("\t", text)
    return text

_TAB = "\ue000"  # private-use stand-in for a tab while hazm runs
_SHIELD_RE = re.compile(r"QZ([A-P]+)ZQ")
_MULTISPACE = re.compile(r"[ ]{2,}")
_BATCH_CHARS = 1 << 16  # characters per hazm call: bounds the copies it makes, costs nothing in time
_MARKUP = " #>*+-•|_"  # markdown marks and table pipes at either end of a line (not tabs: cells)


def _hazm():
    from .hazm_lite import normalizer  # hazm's normalizer, only the parts it uses, built once

    return normalizer()


_PRE_CHARS = re.compile("[" + re.escape("".join(chr(c) for c in _PRE)) + "]")
# No target is also a source.
_PRE_PAIRS = tuple((chr(c), new or "") for c, new in _PRE.items())


def replace_chars(text: str, pairs: tuple[tuple[str, str], ...], present: re.Pattern) -> str:
    """Each ``old`` character of ``pairs`` replaced by its ``new``; ``present`` matches any
    ``old``. No ``new`` may be another pair's ``old``, so the order does not matter.

    One str.replace (a scan in C) per character present: str.translate looks every
    character up in a dict, and a regex with a function calls Python once per change."""
    if present.search(text) is None:
        return text
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


def squash(text: str) -> str:
    r"""``text`` without spaces and ZWNJ: «سید نظرزاده» and «سیدنظرزاده» give one key.

    The same as removing what r"[\s\u200c]+" matches (str.split splits on what \s
    matches), at a third of the cost."""
    return "".join(text.split()).replace("\u200c", "")


def _pre(text: str) -> str:
    return replace_chars(text, _PRE_PAIRS, _PRE_CHARS)


def to_ascii_digits(text: str) -> str:
    return text.translate(_TO_ASCII)


def to_persian_digits(text: str) -> str:
    return text.translate(_TO_PERSIAN)


def _encode(i: int) -> str:
    # Letters only: hazm would turn digits into Persian digits and space them.
    out = ""
    while True:
        out = "ABCDEFGHIJKLMNOP"[i % 16] + out
        i //= 16
        if i == 0:
            return out


def _decode(s: str) -> int:
    n = 0
    for ch in s:
        n = n * 16 + "ABCDEFGHIJKLMNOP".index(ch)
    return n


def _run(text: str) -> str:
    shielded: list[str] = []

    def shield(m: re.Match) -> str:
        shielded.append(m.group(0))
        return f"QZ{_encode(len(shielded) - 1)}ZQ"

    text = column_gaps(text)
    # hazm spaces an empty quote pair («""» → «" "») and only a second pass makes it «»: a
    # normalized text must stay as it is when normalized again, so it is written as «» first.
    text = _shield(_pre(text).replace('""', "«»"), shield)
    text = text.replace("\t", _TAB)
    text = _hazm().normalize(text)
    # hazm's token pass can leave a ZWNJ beside a space («\‌» → «\ ‌»), which only its next pass
    # takes out: run it once more, so that a normalized text stays as it is when normalized again.
    if " \u200c" in text or "\u200c " in text:
        text = _hazm().normalize(text)
    text = text.replace(_TAB, "\t")
    text = _SHIELD_RE.sub(lambda m: shielded[_decode(m.group(1))], text)
    return text


def _tidy(line: str) -> str:
    if "\t" not in line and "  " not in line:
        return line.strip()  # most lines: nothing to collapse
    cells = line.split("\t")
    return "\t".join(_MULTISPACE.sub(" ", c).strip() for c in cells) if len(cells) > 1 \
        else _MULTISPACE.sub(" ", line).strip()


def _words_span(line: str) -> tuple[int, int]:
    """(start, end) of the words, without the markup around them: hazm need not read
    «### > **- » or « | | |»."""
    body = line.lstrip(_MARKUP)
    start = len(line) - len(body)
    return start, start + len(body.rstrip(_MARKUP))


def normalize_lines(lines: list[str]) -> list[str]:
    """Normalize many lines in one hazm call; the result has the same length."""
    # Only lines with words go to hazm (it collapses runs of blank lines); blanks stay blank.
    # Markdown and table markup around the words is passed by: hazm's cost is per character,
    # and on markup-heavy input most characters were markup it leaves as it is.
    # Offsets, not copies, are kept per line: this stage sets the memory peak of a parse.
    out = ["" for _ in lines]
    filled: list[int] = []
    spans: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        start, end = _words_span(line)
        if end > start and (not line[start].isspace() or not line[start:end].isspace()):
            filled.append(i)
            spans.append((start, end))
        elif line:
            out[i] = _tidy(line)  # markup alone («---», «|  |»): layout decides what it is
    # hazm runs over a batch of lines at a time: its regexes copy the text they are given
    # several times over, and a whole long document at once set the parse's memory peak.
    first = 0
    while first < len(filled):
        last, size = first, 0
        while last < len(filled) and (size < _BATCH_CHARS or last == first):
            size += spans[last][1] - spans[last][0] + 1
            last += 1
        _normalize_batch(lines, filled[first:last], spans[first:last], out)
        first = last
    return out


def _normalize_batch(lines: list[str], filled: list[int], spans: list[tuple[int, int]], out: list[str]) -> None:
    done = _run("\n".join(lines[i][s:e] for i, (s, e) in zip(filled, spans))).split("\n")
    if len(done) != len(filled):  # hazm merged or split a line: fall back to one call per line
        done = [_run(lines[i][s:e]).replace("\n", " ") for i, (s, e) in zip(filled, spans)]
    for i, (s, e), text in zip(filled, spans, done):
        # hazm spaces a final «:» out when a newline follows it, so whether a line ends its
        # batch would show: the words had no spaces at their ends, and get none.
        text = text.strip(" ")
        line = lines[i]
        out[i] = _tidy(text if s == 0 and e == len(line) else line[:s] + text + line[e:])


def normalize(text: str) -> str:
    """Normalize ``text`` line by line; line breaks and tabs are preserved."""
    return "\n".join(normalize_lines(text.split("\n")))
