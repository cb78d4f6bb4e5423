"""Stage 4 — lexer: each line read on its own, offered to the grammar with all its readings.

``read_line`` says what a line *could* be — a section head, a numbered item, a person
heading, a signature, … — and what it read for each: the section's key, the item's number,
the person. It keeps no state: context (header or body, which section, after an intro, after
the closing) is the grammar's (``grammars/minutes.lark``). ``LineLexer`` hands the lines to
Lark; at each line it takes the first reading that the parser, in its current state, would
shift (the LALR action table, with the reductions it implies played out), and yields a ``LineToken`` that carries its readings, so nothing is read twice and nothing
travels beside the tree.

Readings come in order of preference; PARAGRAPH is always last and always accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator

from lark import Token
from lark.lexer import Lexer
from lark.parsers.lalr_analysis import Shift

from ..phrases.attendance import attendance_line
from ..phrases.people import ends_with_speech_verb, find_speaker, person_at, starts_with_role
from ..phrases.resolutions import Item, ends_with_intro, is_bare_label, is_heading, is_intro, item_start, starts_with_label
from ..read.sources import Line
from ..text.numbers import ordinal_pattern
from ..text.vocab import vocab

__all__ = ["LineToken", "Section", "Field", "read_line", "LineLexer", "LineStream", "STRUCTURAL", "section_of", "labeled_field"]

_MAX_ATTENDEE_WORDS = 16
_PREFIX = 160  # characters enough to recognise how a line starts
_MAX_HEADING_WORDS = 12
_MAX_SIGNATURE_WORDS = 8
_MAX_SECTION_WORDS = 4  # a section name on a plain line, without a letter, colon or heading mark
_MAX_INTRO_WORDS = 10
_MAX_VOTE_WORDS = 16
_MAX_TOPIC_WORDS = 8
_MAX_QUOTED_LINES = 40  # a quote left open (a missing «») stops holding lines after this many
_SHORT_LINE_WORDS = 8  # after a finished sentence, a shorter line does not continue a list item
_SENTENCE_ENDS = (".", "!", "؟", "؛", ":")
_WORDS_COUNTED = max(_MAX_ATTENDEE_WORDS, _MAX_HEADING_WORDS, 2 * _MAX_SIGNATURE_WORDS, _MAX_SECTION_WORDS,
                     _MAX_INTRO_WORDS, _MAX_VOTE_WORDS, _MAX_TOPIC_WORDS, _SHORT_LINE_WORDS)


@dataclass(frozen=True, slots=True)
class Section:
    """«ج : دستور کار جلسه: بررسی …» → letter 'jim', key 'agenda', rest «بررسی …»."""

    letter: str | None
    key: str
    rest: str


@dataclass(frozen=True, slots=True)
class Field:
    """«تاریخ جلسه: ۱۴۰۲/۰۳/۱۵» → table 'meeting.labels', key 'meeting_date', value."""

    table: str
    key: str
    value: str


class LineToken(Token):
    """A line as the grammar sees it: ``type`` is the reading the parser's state chose,
    ``reading`` what the lexer read for that reading (a ``Section``, a ``Field``, an ``Item``,
    a ``PersonMatch``, the attendance key and rest, the intro's rest, …), ``readings`` all the
    readings offered, and ``source`` the ``Line`` (number, original text, mark, columns)."""

    __slots__ = ("source", "reading", "readings")

    source: Line
    reading: Any
    readings: dict[str, Any]

    @classmethod
    def of(cls, kind: str, source: Line, readings: dict[str, Any]) -> "LineToken":
        tok = cls(kind, source.text, None, source.number, 1, source.number)  # positional: cheaper
        tok.source = source
        tok.readings = readings
        tok.reading = readings.get(kind)
        return tok

    def describe(self) -> str:
        others = [k for k in self.readings if k != self.type]
        alt = f"  (also: {', '.join(others)})" if others else ""
        return f"{self.line:>5}  {self.type:<16} {self.value[:90]}{alt}"


def _is_heading(line: Line) -> bool:
    return line.mark is not None and (line.mark.startswith("h") or line.mark == "bold")


def section_of(text: str) -> Section | None:
    """«الف : موضوع جلسه», «دستور کار جلسه: بررسی …» → ``Section``, else None."""
    v = vocab()
    letter = None
    body = text.strip()
    m = v.rx(r"^(<<sections.letters>>)\s*[:\-–)]\s*(.*)$").match(body)
    if m:
        letter, body = v.lookup("sections.letters", m.group(1)), m.group(2)
    name = body.rstrip(" :.")
    key = v.lookup("sections.names", name)
    if key:
        return Section(letter, key, "")
    hit = v.key_at_start("sections.names", body)
    if hit and (letter or body[len(hit[1]):].lstrip().startswith(":")):
        return Section(letter, hit[0], body[len(hit[1]):].lstrip(" :"))
    return None


def labeled_field(text: str) -> Field | None:
    """«تاریخ جلسه: …», «شماره: …» — the first label on the line."""
    if ":" not in text:
        return None  # both patterns need the colon: most lines are spared two regexes
    v = vocab()
    for table, pattern in (("meeting.labels", r"^(<<meeting.labels>>)\s*:\s*(.*)$"),
                           ("sections.fields", r"^(<<sections.fields>>)\s*:\s*(.*)$")):
        m = v.rx(pattern).match(text)
        if m:
            return Field(table, v.lookup(table, m.group(1)), m.group(2).strip())
    return None


def _decided(text: str) -> bool:
    v = vocab()
    return v.may_occur("resolutions.decided", text) and v.rx("<<resolutions.decided>>").search(text) is not None


# A count of resolutions and its noun («۷ مصوبه»). It begins with the digit and looks behind
# that digit after matching it: the regex engine skips in C to a digit, where a pattern that
# begins with a lookbehind is tried at every character.
_CLOSING_COUNT = r"[0-9۰-۹](?<![0-9۰-۹][0-9۰-۹])[0-9۰-۹]*+\s*(?:<<sections.closing_nouns>>)\s"


def closing_kind(text: str) -> str | None:
    """'end' for «جلسه در ساعت ۱۹:۳۰ … خاتمه یافت», 'count' for «در این جلسه ۷ مصوبه … تصویب شد»."""
    v = vocab()
    end = None
    if v.may_occur("sections.closing_end", text):
        # The phrase ends the line or opens it: the search starts a phrase's length from the end.
        tail = max(0, len(text.rstrip()) - v.longest("sections.closing_end") - 2)
        end = v.rx(r"(?:<<sections.closing_end>>)\s*[.!]?\s*$").search(text, tail) or \
            v.rx(r"(?:<<sections.closing_end>>)").match(text)
    if end and len(text.split()) <= 20:
        # «مقرر گردید … تشکیل شود. جلسه در ساعت ۱۷ خاتمه یافت.»: a decision in an earlier sentence
        # of the line is the meeting's last resolution, not part of the closing.
        before = text[:end.start()].rstrip()
        cut = max(before.rfind(c) for c in ".!؟")
        adjournment = v.lookup("sections.closing_end", end.group(0).rstrip(" .!")) == "adjournment"
        if (cut < 0 or not _decided(before[:cut])) and not (adjournment and item_start(text[:_PREFIX])):
            return "end"
    # A count, the noun, then the approval after them. The first count is enough (an approval
    # after a later one is after it too), and a count begins only where a run of digits does:
    # one pattern tried from every digit and every noun cost time quadratic in a long line.
    if not (v.may_occur("sections.closing_approved", text) and v.may_occur("sections.closing_nouns", text)):
        return None
    count = v.rx(_CLOSING_COUNT).search(text)
    if count and v.rx(r"(?:<<sections.closing_approved>>)").search(text, count.end()):
        return "count"
    return None


def closing_tail(text: str) -> tuple[str, str | None]:
    """«مقرر شد … . جلسه در ساعت ۱۹ خاتمه یافت.»: the text without its last sentence when that
    sentence ends the meeting, and that sentence (None when it does not)."""
    v = vocab()
    end = v.rx(r"(?:<<sections.closing_end>>)\s*[.!]?\s*$").search(text)
    if not end:
        return text, None
    cut = max(text.rfind(c, 0, end.start()) for c in ".!؟")
    if cut < 0 or len(text[cut + 1:].split()) > 12:
        return text, None
    return text[:cut + 1].rstrip(), text[cut + 1:].strip()


def _footer(text: str) -> bool:
    """«… لازم‌الاجرا می‌باشد»: a line after the list, not an item's."""
    v = vocab()
    return v.may_occur("resolutions.footer", text) and v.rx("<<resolutions.footer>>").search(text) is not None


def _is_title(text: str) -> bool:
    v = vocab()
    if not v.may_start("sections.title", text.lstrip(" ")):
        return False  # the same first letter with or without the spaces: most lines are spared a copy
    return bool(v.key_at_start("sections.title", text.replace(" ", "")) or v.key_at_start("sections.title", text))


def _session_title(text: str) -> bool:
    """«بیست و ششمین جلسه هیئت مدیره شرکت …», «جلسه بررسی …», «جلسه شورای …» standing alone: a
    title without «صورتجلسه».
    A news headline ends with its verb («… برگزار شد») or opens with one («برگزاری …»)."""
    v = vocab()
    core = text.strip(" *:")
    # Each of the three patterns names the session («جلسه», «نشست» …): most lines do not.
    if not v.may_occur("meeting.session_words", core) or len(core.split()) > _MAX_HEADING_WORDS + 4 \
            or core.endswith((".", "!", "؟", "؛")):
        return False
    return bool(_session_title_re().match(core) or _purpose_title_re().match(core) or _body_title_re().match(core)) and \
        not v.rx(r"(?:^|\s)(?:<<resolutions.heading_verb_endings>>)$").search(core)


@lru_cache(maxsize=1)
def _purpose_title_re() -> re.Pattern:
    """«جلسه بررسی …», «جلسه تبادل نظر پیرامون …»: a session named by its purpose."""
    v = vocab()
    return re.compile(rf"(?:{v.pattern('meeting.session_words')})[\s\u200c]+(?:{v.pattern('sections.session_purposes')})[\s\u200c]")


@lru_cache(maxsize=1)
def _body_title_re() -> re.Pattern:
    """«جلسه روسای هیئت‌های …», «نشست شورای اسلامی شهر …»: a session named by its body."""
    v = vocab()
    bodies = "|".join(v.pattern(t) for t in ("people.organizations", "resolutions.actor_heads", "resolutions.list_heads"))
    return re.compile(rf"(?:{v.pattern('meeting.session_words')})[\s\u200c]+(?:{bodies})[\s\u200c]")


@lru_cache(maxsize=1)
def _session_title_re() -> re.Pattern:
    return re.compile(rf"(?:{ordinal_pattern()})[\s\u200c]+(?:{vocab().pattern('meeting.session_words')})[\s\u200c]")


def _table_header(line: Line) -> bool:
    v = vocab()
    return sum(1 for c in line.text.split("\t") if v.lookup("tables.columns", c)) >= 2


def _discussion_readings(line: Line, readings: dict[str, Any], verb: bool) -> None:
    """Speaker headings and the lines around them; ``verb``: the line ends with a speech verb."""
    v, text = vocab(), line.text
    heading = _is_heading(line)
    # Without a speech verb only a person opening the line matters: the search is skipped
    # for most paragraphs (it reads every honorific on the line).
    speaker = find_speaker(text) if verb or v.key_at_start("people.honorifics", text) else None
    if verb and speaker:
        readings["SPEAKER"] = speaker
        return
    if verb and (heading or text.rstrip().endswith(":")) and starts_with_role(text):
        readings["ROLE_SPEAKER"] = None  # a heading; in plain prose the same line is an attributed paragraph
        return
    if speaker and speaker.start == 0 and (heading or not text.endswith(".")):
        readings["NAME_HEAD" if heading else "PERSON_LINE"] = speaker
        return
    if verb and (heading or text.rstrip().endswith(":")):
        readings["VERB_LINE"] = None
        return
    if heading and starts_with_role(text):
        readings["ROLE_LINE"] = None
        return
    if heading and len(text.split()) <= _MAX_HEADING_WORDS:
        words = text.split()
        # «مرعشی مدیر کل تامین اجتماعی»: a name then a role, no honorific.
        for i in (1, 2):
            if len(words) > i and starts_with_role(" ".join(words[i:])):
                found = person_at(text, 0, need_honorific=False)
                if found:
                    readings["NAME_HEAD"] = found
                    return
        if line.mark.startswith("h"):
            readings["ORG_HEAD"] = None


def read_line(line: Line, next_line: Line | None = None, prev_line: Line | None = None) -> dict[str, Any]:
    """Every reading of ``line``, in order of preference, each with what was read for it.
    The lines around it only tell whether it titles a table (the next line is the table's
    header) and whether it can continue a list item (the previous line left its sentence open)."""
    text = line.text
    readings: dict[str, Any] = {}
    if line.columns:
        readings["TABLE_HEAD" if _table_header(line) else "TABLE_ROW"] = line.columns
        return readings
    v = vocab()
    head = text[:_PREFIX]  # these only look at how the line starts; long lines cost less
    # Words counted up to one more than any limit they are held to: a paragraph's other
    # words need not be cut out (str.split makes a string of each).
    words = len(text.split(None, _WORDS_COUNTED))
    verb = ends_with_speech_verb(text)  # asked up to three times below
    title, field, attendance, section = _is_title(text), labeled_field(text), attendance_line(head), section_of(text)
    title = title or _session_title(head)
    intro, rest = is_intro(head)
    titles_table = next_line is not None and bool(next_line.columns) and _table_header(next_line)
    if len(text) <= _PREFIX and v.lookup("sections.signature_heads", text.strip(" :")):
        readings["SIGNATURE_HEAD"] = None  # «امضای حاضرین:» opens the closing
    # What the line could be at the top of the document (the grammar's ``header``).
    if v.lookup("sections.basmala", text):
        readings["BASMALA"] = None
    if title:
        readings["TITLE"] = None
    if field and (field.value or field.table == "sections.fields"):
        readings["FIELD" if field.value else "BLANK_FIELD"] = field
    elif field and section is None:  # «شماره جلسه :» left blank (a form, a database page): a field still, in the body too
        readings["BLANK_FIELD"] = readings["FIELD"] = field
    if not readings and not (attendance or section or intro) and line.mark in (None, "bold", "h1", "h2", "h3") \
            and "\t" not in text and words <= _MAX_HEADING_WORDS and not text.endswith(".") \
            and not verb and not (text.endswith(":") and ends_with_intro(text)):
        readings["LETTERHEAD"] = None
    if attendance:
        readings["ATTENDANCE"] = attendance
    if section and (section.letter or section.rest or _is_heading(line) or text.rstrip().endswith(":")
                    or words <= _MAX_SECTION_WORDS):
        if titles_table and v.key_at_start("sections.names", text):
            readings["TABLE_TITLE"] = section  # «مصوبات ششمین نشست … :» right above the table's header
        kind = {"agenda": "AGENDA_HEAD", "resolutions": "RESOLUTIONS_HEAD"}.get(section.key, "SECTION")
        readings[kind] = section
    elif titles_table and (v.key_at_start("sections.names", text) or (
            text.rstrip().endswith(":") and words <= _MAX_HEADING_WORDS and not verb)):
        readings["TABLE_TITLE"] = None  # «جدول اقدامات:» right above the header
    if intro and (words <= _MAX_INTRO_WORDS or text.rstrip().endswith(":") or is_heading(head)):
        readings["DECISION_INTRO"] = rest
    elif ends_with_intro(text):
        readings["DECISION_INTRO"] = ""  # the paragraph's last sentence introduces the list
    if "\t" in text or words <= _MAX_ATTENDEE_WORDS or "،" in text:
        readings["ATTENDEE"] = None
    closing = closing_kind(text)
    if closing:
        readings["CLOSING"] = closing
    if words <= _MAX_SIGNATURE_WORDS or "\t" in text or (words <= 2 * _MAX_SIGNATURE_WORDS and starts_with_role(text)):
        readings["SIGNATURE"] = None
    item = item_start(head) if not _is_heading(line) or line.mark == "bullet" else None
    if item is not None and len(text) > len(head):
        item = item_start(text)  # the whole text after the number, not the prefix's
    if item is not None and item.kind != "bullet" and _decided(text):
        readings["DECISION_ITEM"] = item  # «۱- مقرر شد …» decides wherever it stands
    if item is not None:
        readings["LIST_ITEM"] = item  # under «مصوبات:» or after an intro, any item is a resolution
    if line.mark == "bullet" or (item is not None and item.kind == "digit"):
        readings["AGENDA_ITEM"] = item or Item("bullet", None, text)
    discussion: dict[str, Any] = {}
    _discussion_readings(line, discussion, verb)
    if item is None and words <= _MAX_VOTE_WORDS and v.may_occur("resolutions.votes", text) \
            and v.rx(r"(?:^|\s)(?:<<resolutions.votes>>)(?![\w\u200c])").search(text):
        readings["VOTE"] = None  # «۷ موافق، ۲ مخالف» under an item
    if item is None and not discussion and not _is_heading(line) and "\t" not in text and not _footer(text):
        decides = _decided(text)
        open_sentence = prev_line is not None and not prev_line.text.rstrip(" *").endswith(_SENTENCE_ENDS)
        # A blank line between (or a page break) ends the item unless its sentence is open; and
        # a short line standing apart over the next item is that item's topic heading.
        adjacent = prev_line is not None and line.number - prev_line.number <= 1
        topic = not decides and words <= _MAX_TOPIC_WORDS and not text.rstrip(" *").endswith(_SENTENCE_ENDS[:-1]) \
            and next_line is not None and item_start(next_line.text[:_PREFIX]) is not None \
            and not (v.may_occur("resolutions.members_intro", text)
                     and v.rx("<<resolutions.members_intro>>").search(text))  # «اعضای کمیته عبارتند از:» opens a decision
        if topic and not adjacent:
            readings["TOPIC"] = text.rstrip(" :")  # «امور آموزشی» over the items below it
        # Across a blank line only a long sentence goes on (cut by a page break), not a short bullet.
        if (open_sentence and adjacent) or (adjacent and not decides and words >= _SHORT_LINE_WORDS) or \
                (adjacent and (is_bare_label(prev_line.text) or starts_with_label(text))) or \
                (open_sentence and not topic and len(prev_line.text.split()) >= _SHORT_LINE_WORDS):
            readings["CONTINUATION"] = None  # the item above goes on
        if decides:
            readings["DECISION_LINE"] = Item("sentence", None, text)  # «مقرر شد …» under «مصوبات:»
        if topic and adjacent:
            readings["TOPIC"] = text.rstrip(" :")
    readings.update(discussion)
    readings["PARAGRAPH"] = None
    return readings


# Readings that state the document's structure: when the context refuses one (a section head
# after the closing, say), the line is read otherwise and the change is reported.
STRUCTURAL = frozenset(("SECTION", "AGENDA_HEAD", "RESOLUTIONS_HEAD", "ATTENDANCE", "DECISION_INTRO",
                        "TABLE_HEAD", "TABLE_ROW", "TABLE_TITLE", "CLOSING", "SIGNATURE_HEAD"))


class LineStream:
    """The lexer's input: every line with its readings, read once (an iterator, so that after
    a recovery Lark's next call to the lexer goes on from the next line), and the lines whose
    structural reading the context refused, as (token, refused reading)."""

    def __init__(self, lines: list[Line]):
        self.lines = []
        quoted = 0  # lines left inside a «…» that an item opened and has not closed
        for i, ln in enumerate(lines):
            if quoted:
                # A letter quoted in an item, with its own numbering («… به شرح زیر: «۱) … ۲) …»»):
                # the item's text, whatever its lines look like.
                self.lines.append((ln, {"CONTINUATION": None, "PARAGRAPH": None}))
                quoted = 0 if ln.text.count("»") > ln.text.count("«") else quoted - 1
                continue
            readings = read_line(ln, lines[i + 1] if i + 1 < len(lines) else None, lines[i - 1] if i else None)
            self.lines.append((ln, readings))
            if "«" in ln.text and ln.text.count("«") > ln.text.count("»") and \
                    ("LIST_ITEM" in readings or "DECISION_ITEM" in readings or "CONTINUATION" in readings):
                quoted = _MAX_QUOTED_LINES
        self._iter = iter(self.lines)
        self.refused: list[tuple[LineToken, str]] = []

    def __iter__(self):
        return self._iter


class LineLexer(Lexer):
    """Lark custom lexer: the 'text' handed to ``Lark.parse`` is a ``LineStream``.

    At each line it asks the parser's state which readings it would shift and yields the line
    as the first of them."""

    __future_interface__ = 2  # Lark passes the parser's state to ``lex``

    def __init__(self, lexer_conf):  # noqa: D107 — Lark's constructor signature
        pass

    def lex(self, lexer_state, parser_state) -> Iterator[Token]:
        stream = lexer_state.text
        stream = getattr(stream, "text", stream)  # Lark may wrap the input in a TextSlice
        states = parser_state.parse_conf.parse_table.states
        stack = parser_state.state_stack  # the live stack: read here, never changed
        for line, readings in stream:
            # The state's row of the action table answers most readings at once (no action, or
            # a shift); only a reduction has the stack played out.
            actions = states[stack[-1]]
            for kind in readings:
                action = actions.get(kind)
                if action is not None and (action[0] is Shift or _shifts(states, stack, kind)):
                    break
            else:
                kind = "PARAGRAPH"
            tok = LineToken.of(kind, line, readings)
            first = next(iter(readings))
            if first != kind and first in STRUCTURAL:
                stream.refused.append((tok, first))
            yield tok


def _shifts(states, stack: list[int], kind: str) -> bool:
    """Would the parser, in the state ``stack`` describes, shift a ``kind`` line?

    The LALR action table alone may promise a terminal that a reduction then refuses (the
    lookaheads of states LALR merges), so the reductions are played out on a copy of the
    state numbers — what ``feed_token`` does, without building anything."""
    action = states[stack[-1]].get(kind)
    if action is None:
        return False
    if action[0] is Shift:
        return True
    stack = stack[:]
    while action is not None and action[0] is not Shift:
        rule = action[1]
        if rule.expansion:
            del stack[-len(rule.expansion):]
        stack.append(states[stack[-1]][rule.origin.name][1])
        action = states[stack[-1]].get(kind)
    return action is not None
