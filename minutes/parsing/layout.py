"""Stage 3 — layout: undo what pagination and conversion did to the document.

Guarantees given to the lexer and the grammar:

* blank lines are gone; every other line is either kept or reported in a
  diagnostic (code ``furniture``, ``table-rule``, ``table-header-repeated``) with
  its line number, so nothing is lost;
* page furniture is gone: the letterhead lines and «باسمه تعالی» (any spelling)
  that repeat at every page break; their first occurrence is kept as header;
* markdown marks are stripped from ``text`` and kept as ``mark`` hints
  (``h1``…``h6``, ``bold``, ``bullet``, ``pipe``);
* table lines (tab- or pipe-separated) are tab-separated, their cells in
  canonical column order (row, text, topic, actor, supervisor, deadline, then
  unknown columns), with ``columns`` naming each cell; a mirrored table (header
  «مدت اجراء … ردیف») is restored, and a header repeated after a page break is
  dropped so the table reads as one;
* a list run inline in one paragraph («… اتخاذ گردید: ۱- … ۲- … ۳- …», «_ … _ …») is
  split at its markers into one line per item, each keeping the paragraph's line number
  (the text before the first marker stays a line of its own).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import CANONICAL_COLUMNS, Diagnostic
from ..text.normalize import squash, to_ascii_digits
from ..phrases.report import web_furniture
from ..read.sources import Line
from ..text.vocab import vocab

__all__ = ["layout", "CANONICAL_COLUMNS", "split_markdown"]


_HEADING = re.compile(r"^(#{1,6})(?!#)[ \t]*")  # no lazy groups: linear on a 10,000-# line
_BULLET_SIGNS = ("-", "*", "+", "•")
_BULLET = re.compile(rf"^[{re.escape(''.join(_BULLET_SIGNS))}]\s+(.*)$")
_STRAY = re.compile(r"\*\*|__")
_RULE_CELL = re.compile(r"^:?-{2,}:?$")
_LETTERHEAD_WINDOW = 12  # the letterhead sits in the first lines of page one
_LETTERHEAD_MAX_LEN = 90
_PAGE_MARK_MAX_LEN = 40  # «صفحه ۱۲ از ۳۴» with room for spaces and dashes


_ITEM_NUMBER_CELL = re.compile(r"^\s*(?:\(?[0-9۰-۹]{1,3}\s*[-.)ـ]?|[·•*\-–])\s*$")  # «۱ -», «·» before a tab
def _squash(text: str) -> str:
    """``text`` without white space, ZWNJ, «:», «.» and «،»: a letterhead line compared with
    itself repeated at a page break, however the conversion spaced it. (str.split and replace
    are scans in C; a regex removing each run of spaces was a tenth of the layout's time.)"""
    return squash(text).replace(":", "").replace(".", "").replace("،", "")


_SQUASHED = "\u200c:.،"  # what _squash drops besides white space


def _squash_within(text: str, most: int) -> str | None:
    """``_squash(text)``, or None when that is longer than ``most`` characters: a letterhead
    line's match is short, and most lines are paragraphs. Squashing drops characters one by
    one, so the squash of a prefix is a prefix of the squash: once a prefix of about twice
    ``most`` characters squashes to more than ``most``, the rest need not be squashed
    (tests/test_lexer_speed.py holds it to ``_squash``)."""
    cut = text[:2 * most + 8]
    squashed = _squash(cut)
    if len(squashed) > most:
        return None
    if len(cut) < len(text):
        squashed += _squash(text[len(cut):])
    return squashed if len(squashed) <= most else None


def split_markdown(text: str) -> tuple[str, str | None]:
    """Strip one level of markdown; return (text, mark)."""
    mark = None
    # Most lines hold no «|», no «#» and no bullet sign: an ``in`` or a first-character test
    # spares them the counts and the pattern calls.
    if "|" in text and ((text.startswith("|") and text.rstrip().endswith("|") and text.count("|") >= 3) or
                        (text.count("|") >= 2 and " | " in text)):
        body = text.strip()
        body = body[1:] if body.startswith("|") else body
        body = body[:-1] if body.endswith("|") else body
        return "\t".join(c.strip() for c in body.split("|")), "pipe"
    m = _HEADING.match(text) if text.startswith("#") else None
    if m:
        text, mark = text[m.end():].rstrip().rstrip("#").rstrip(), f"h{len(m.group(1))}"
    elif text.startswith(_BULLET_SIGNS):
        m = _BULLET.match(text)
        if m:
            text, mark = m.group(1), "bullet"
    if text.startswith(("**", "__")):  # «**جناب آقای امرائی**», «**… فرمودند: **», «**…** :»
        core, tail = text.rstrip(), ""
        if core.endswith((":", ".")) and core[:-1].rstrip().endswith(("**", "__")):
            core, tail = core[:-1].rstrip(), core[-1]
        if len(core) >= 4 and core.endswith(("**", "__")):
            text, mark = (core[2:-2].strip() + (" " + tail if tail else "")).strip(), mark or "bold"
    if "**" in text or "__" in text:  # most lines have neither (an ``in`` is a scan in C)
        text = _STRAY.sub("", text)
    # Spaces only: a leading or trailing tab is an empty table cell (no row number, no deadline).
    return (text.strip(" ") if text.strip() else ""), mark


def _page_mark(text: str) -> bool:
    """«صفحه ۲ از ۳», «- ۴ -», «صفحه ۵»: a page number on its own line."""
    if len(text) > _PAGE_MARK_MAX_LEN:
        return False  # most lines: no need to strip and match
    v = vocab()
    return bool(v.rx(r"(?:<<sections.page_marks>>)?\s*[0-9۰-۹]+\s*(?:(?:<<sections.page_marks>>|/)\s*[0-9۰-۹]+)?")
                .fullmatch(text.strip(" -–—|*"))) and not text.strip(" -–—|*").isdigit() or \
        bool(re.fullmatch(r"[-–—]\s*[0-9۰-۹]{1,3}\s*[-–—]", text.strip()))


def _row_follows(lines: list[Line], idx: int, width: int) -> bool:
    """Is the next non-blank line after ``idx`` a table row of about ``width`` cells?"""
    for ln in lines[idx + 1: idx + 4]:
        if ln.text:
            return ln.text.count("\t") + 1 >= max(2, width - 1)
    return False


def _header_columns(cells: list[str]) -> list[str] | None:
    """Column keys for a header row, or None if the row is not a header."""
    v = vocab()
    keys = [v.lookup("tables.columns", c) for c in cells]
    known = [k for k in keys if k]
    if len(known) < 2 or not ({"row", "text"} & set(known)):
        return None
    if "follow_up" in keys:
        # Iranian practice: «مسئول پیگیری» is the supervisor beside an executor column, else the actor.
        target = "supervisor" if "actor" in keys and "supervisor" not in keys else (
            "actor" if "actor" not in keys else None)
        keys = [target if k == "follow_up" and target else k for k in keys]
    return [k or f"extra:{c}" for k, c in zip(keys, cells)]


def _order(columns: list[str]) -> list[int]:
    rank = {c: i for i, c in enumerate(CANONICAL_COLUMNS)}
    return sorted(range(len(columns)), key=lambda i: (rank.get(columns[i], len(rank)), i))


@lru_cache(maxsize=64)
def _row_order(columns: tuple[str, ...], cells: int) -> tuple[list[int], tuple[str, ...]]:
    """Cell order and canonical columns of a row under ``columns``: one tuple shared by
    every row of a table, not a copy per row."""
    cols = list(columns) + [f"extra:{i + 1}" for i in range(len(columns), cells)]
    order = _order(cols)
    return order, tuple(cols[i] for i in order)


class _Letterhead:
    """The letterhead's squashed lines, and which of them a line is.

    Squashing every line of a document was a sixth of the layout's time. A line is squashed
    only when the first character its squash keeps begins a letterhead line, and then only as
    far as a letterhead line is long (tests/test_lexer_speed.py holds both to ``_squash``)."""

    def __init__(self, squashed: set[str]):
        self.squashed = squashed
        self.firsts = {s[:1] for s in squashed}
        self.most = max(map(len, squashed), default=0)

    def key(self, text: str) -> str | None:
        """The squashed letterhead line ``text`` repeats, or None."""
        if not self.squashed or _first_kept(text) not in self.firsts:
            return None
        squashed = _squash_within(text, self.most)
        return squashed if squashed in self.squashed else None


def _first_kept(text: str) -> str:
    """The first character ``_squash`` keeps of ``text`` ('' if none): lines seldom begin with
    what it drops, so the loop seldom turns."""
    i = 0
    while i < len(text) and (text[i].isspace() or text[i] in _SQUASHED):
        i += 1
    return text[i:i + 1]


def _letterhead(lines: list[Line]) -> set[str]:
    """Squashed texts of the letterhead: short lines at the top, before «باسمه تعالی»."""
    v = vocab()
    top = [ln for ln in lines if ln.text][:_LETTERHEAD_WINDOW]
    head: list[str] = []
    for ln in top:
        if v.lookup("sections.basmala", ln.text):
            return set(head)
        if "\t" in ln.text or len(ln.text) > _LETTERHEAD_MAX_LEN or ln.original.lstrip().startswith("#"):
            break
        head.append(_squash(ln.text))
    if not head:
        return set()
    # No basmala: only lines that recur later count as letterhead.
    head = head[:4]
    most = max(map(len, head))
    later = {_squash_within(ln.text, most) for ln in lines[len(top):] if ln.text}
    return {h for h in head if h in later}


def layout(lines: list[Line]) -> tuple[list[Line], list[Diagnostic]]:
    v = vocab()
    diagnostics: list[Diagnostic] = []

    def drop(ln: Line, code: str, message: str) -> None:
        diagnostics.append(Diagnostic(level="info", code=code, message=message, line=ln.number))

    letterhead = _Letterhead(_letterhead(lines))
    seen_furniture: set[str] = set()
    kept: list[Line] = []
    columns: list[str] | None = None  # active table header, in source order
    table_open = False  # only blanks/furniture since the last table line
    web = False  # once a news page's furniture starts («کد خبر», «برچسب‌ها» …) the rest is furniture too
    for idx, ln in enumerate(lines):
        if not ln.text:
            if ln.original.strip():  # BOM, ZWNJ, RLM, kashida, ornaments only: said, not lost
                marks = " ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(ln.original.strip()))
                drop(ln, "no-text", f"a line of only invisible or decorative marks ({marks}), dropped: "
                                    f"«{ln.original}»")
            continue
        furniture = None if web else web_furniture(ln.text)
        if web or furniture:
            # Tags, related news, «انتهای پیام», a comment form end the news text: the rest is
            # furniture too. Above the text (a site's menu, the news code line) it is one line.
            web = web or (furniture != "news_code" and bool(kept))
            drop(ln, "web-furniture", f"web page furniture after the news text: «{ln.text}»" if web
                 else f"web page furniture: «{ln.text}»")
            continue
        squashed = letterhead.key(ln.text)
        is_basmala = len(ln.text) <= _LETTERHEAD_MAX_LEN and v.lookup("sections.basmala", ln.text) is not None
        if is_basmala or squashed is not None:
            furniture_key = "basmala" if is_basmala else squashed
            if furniture_key in seen_furniture:
                drop(ln, "furniture", f"page furniture repeated at a page break: «{ln.text}»")
                continue
            seen_furniture.add(furniture_key)
        if _page_mark(ln.text):
            drop(ln, "furniture", f"page number left by conversion: «{ln.text}»")
            continue
        text, mark = split_markdown(ln.text)
        if not text:
            drop(ln, "markup", "markdown mark with no text")
            continue
        cells = text.split("\t")
        if len(cells) == 2 and not table_open and _ITEM_NUMBER_CELL.match(cells[0]):
            text, cells = f"{cells[0].strip()} {cells[1].strip()}", [text]  # «۱ -<tab>…»: a list item, not a row
        if len(cells) >= 2 and mark in (None, "pipe"):
            if all(_RULE_CELL.match(c) for c in cells if c):
                drop(ln, "table-rule", "markdown table rule line")
                continue
            header = _header_columns(cells)
            if header:
                order = _order(header)
                mirrored = order == list(range(len(header)))[::-1] and len(header) > 1
                repeated = table_open and columns is not None and set(header) == set(columns)
                columns = header
                table_open = True
                if mirrored:
                    diagnostics.append(Diagnostic(
                        level="info", code="table-mirrored",
                        message="table columns run right-to-left (ردیف last); restored to canonical order",
                        line=ln.number))
                if repeated:
                    drop(ln, "table-header-repeated", "table header repeated after a page break; table rejoined")
                    continue
                kept.append(Line(ln.number, ln.original, "\t".join(cells[i] for i in order), mark or "table",
                                    tuple(header[i] for i in order)))
                continue
            if columns is not None and table_open:
                if len(cells) != len(columns):
                    diagnostics.append(Diagnostic(
                        level="warning", code="table-row-cells",
                        message=f"row has {len(cells)} cells but the header has {len(columns)}: "
                                + ("missing cells left empty at the row's end, check the columns"
                                   if len(cells) < len(columns) else "extra cells kept in 'extra'"),
                        line=ln.number))
                padded = cells + [""] * (len(columns) - len(cells))
                order, row_columns = _row_order(tuple(columns), len(cells))
                kept.append(Line(ln.number, ln.original, "\t".join(padded[i] for i in order), mark or "table",
                                 row_columns))
                continue
            kept.append(Line(ln.number, ln.original, text, mark or "table"))
            continue
        if table_open and columns is not None and _row_follows(lines, idx, len(columns)):
            # A full-width row inside a table («مصوبات بخش آموزشی», a merged Word cell): the table goes on.
            drop(ln, "table-group-row", f"a group row inside the table: «{text}»")
            continue
        table_open = False
        for i, part in enumerate(split_inline_list(text)):
            kept.append(Line(ln.number, ln.original, part, mark if i == 0 else None))
    return kept, diagnostics


# «۱- …», «2) …», «۳ : …» inside a line; not «۱۴۰۲/۰۳/۰۵», not «۱۰:۳۰».
# Both patterns begin with the marker's first character and then look behind it for the space
# (``(?<!\S.)``: nothing but white space, or the start, before that character): the regex
# engine skips in C to such a character, where a pattern that begins with a lookbehind is tried
# at every position of every line (tests/test_parse_speed.py checks they find the same).
_INLINE_NUMBER = re.compile(r"([0-9۰-۹](?<!\S.)[0-9۰-۹]?)\s*[-–.)ـ:]\s*(?![0-9۰-۹/])(?=\S)")
# «_جذب … _نظارت …», «✅ … ✅ …»: a bullet glued to its word, after a space.
_BULLETS = "_✅✔☑▪►●◆■🔹🔸🔻🔶🔷📌"
_BULLET_SIGNS_INLINE = tuple(_BULLETS)
_INLINE_BULLET = re.compile(rf"[{_BULLETS}](?<!\S.)(?:(?<=_)|(?<!_)\ufe0f?\s*)(?=[^\W\d_])")


def split_inline_list(text: str) -> list[str]:
    """A paragraph holding a whole list, split at its item markers: numbers counting up from
    1 (two at least), or two or more glued bullets. Anything else comes back as one line."""
    starts = _number_chain(text) or _bullet_starts(text)
    if len(starts) < 2:
        return [text]
    cuts = ([0] if starts[0] > 0 else []) + starts + [len(text)]
    return [part for a, b in zip(cuts, cuts[1:]) if (part := text[a:b].strip())]


def _bullet_starts(text: str) -> list[int]:
    # Most lines hold no bullet sign: a scan in C for each sign costs less than the pattern's
    # class tried at every character (a class of signs outside Latin-1 is a slow test). The
    # signs are a tuple: a loop over a str would make a new string of each sign each time.
    for sign in _BULLET_SIGNS_INLINE:
        if sign in text:
            return [m.start() for m in _INLINE_BULLET.finditer(text)]
    return []


def _number_chain(text: str) -> list[int]:
    """Offsets of markers 1, 2, 3 … in order (each the next number after the previous one)."""
    # A chain holds a marker numbered 1 and one numbered 2 (their digits «1», «01», «۱» …):
    # most lines hold no «1», or no «2», at all.
    if len(text) < 12 or not ("1" in text or "۱" in text) or not ("2" in text or "۲" in text):
        return []
    chain: list[int] = []
    for m in _INLINE_NUMBER.finditer(text):
        if int(to_ascii_digits(m.group(1))) == len(chain) + 1:
            chain.append(m.start())
    return chain if len(chain) >= 2 else []
