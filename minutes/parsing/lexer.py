"""Stage 4 — lexer: one token per line, for the LALR grammar in ``grammars/minutes.lark``.

Each kept line becomes exactly one token whose type says what the line is
(letterhead, section head, speaker heading, table row, …). Classification is
driven by the vocabulary and by two pieces of context: the zone (still in the
header or not) and the current section (agenda items only inside «دستور کار»).
``LineLexer`` hands these tokens to Lark as its custom lexer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lark import Token
from lark.lexer import Lexer

from ..phrases.attendance import attendance_line
from ..phrases.people import PersonMatch, ends_with_speech_verb, find_speaker, person_at, starts_with_role
from ..phrases.resolutions import is_intro, item_start
from ..read.sources import Line
from ..text.vocab import vocab

__all__ = ["LineToken", "tokenize", "LineLexer", "TOKEN_TYPES", "section_of", "labeled_field"]

TOKEN_TYPES = (
    "LETTERHEAD", "BASMALA", "FIELD", "TITLE", "SECTION", "AGENDA_ITEM", "SPEAKER", "ROLE_SPEAKER",
    "NAME_HEAD", "PERSON_LINE", "ROLE_LINE", "VERB_LINE", "ORG_HEAD", "TABLE_TITLE", "TABLE_HEAD",
    "TABLE_ROW", "CLOSING", "SIGNATURE", "PARAGRAPH", "ATTENDANCE", "ATTENDEE", "DECISION_INTRO",
    "DECISION_ITEM",
)

_ATTENDANCE_KEYS = ("attendees", "absentees", "guests")
_MAX_ATTENDEE_WORDS = 16
_PREFIX = 160  # characters enough to recognise how a line starts

_NUMBERED = re.compile(r"^\(?([0-9۰-۹]{1,3})\s*[-.)ـ:]\s*(.*)$")
_LETTERED_SEP = r"\s*[:\-–)]\s*"
_MAX_HEADING_WORDS = 12
_MAX_SIGNATURE_WORDS = 8
_READS_SPEAKER = frozenset(("SPEAKER", "NAME_HEAD", "PERSON_LINE"))  # lines whose person the lexer read


@dataclass(slots=True)  # not frozen: one per line, and a frozen init costs 4 times as much
class LineToken:
    type: str
    line: Line
    speaker: PersonMatch | None = None  # on a speaker heading: who, as read here (the builder reuses it)

    def __str__(self) -> str:
        return f"{self.line.number:>5}  {self.type:<12} {self.line.text[:90]}"


def _is_heading(line: Line) -> bool:
    return line.mark is not None and (line.mark.startswith("h") or line.mark == "bold")


def section_of(text: str) -> tuple[str | None, str, str] | None:
    """(letter key, section key, rest) for «الف : موضوع جلسه» or «دستور کار جلسه:», else None."""
    v = vocab()
    letter = None
    body = text.strip()
    m = v.rx(r"^(<<sections.letters>>)\s*[:\-–)]\s*(.*)$").match(body)
    if m:
        letter, body = v.lookup("sections.letters", m.group(1)), m.group(2)
    name = body.rstrip(" :.")
    key = v.lookup("sections.names", name)
    if key:
        return letter, key, ""
    hit = v.key_at_start("sections.names", body)
    if hit and (letter or body[len(hit[1]):].lstrip().startswith(":")):
        return letter, hit[0], body[len(hit[1]):].lstrip(" :")
    return None


def labeled_field(text: str) -> tuple[str, str, str] | None:
    """(table, key, value) for «تاریخ جلسه: …», «شماره: …» — the first label on the line."""
    v = vocab()
    for table, pattern in (("meeting.labels", r"^(<<meeting.labels>>)\s*:\s*(.*)$"),
                           ("sections.fields", r"^(<<sections.fields>>)\s*:\s*(.*)$")):
        m = v.rx(pattern).match(text)
        if m:
            return table, v.lookup(table, m.group(1)), m.group(2).strip()
    return None


def _decided(text: str) -> bool:
    return bool(vocab().rx("<<resolutions.decided>>").search(text))


def _closing(text: str) -> bool:
    v = vocab()
    # The phrase ends the line or opens it: the search starts a phrase's length from the end.
    tail = max(0, len(text.rstrip()) - v.longest("sections.closing_end") - 2)
    if (v.rx(r"(?:<<sections.closing_end>>)\s*[.!]?\s*$").search(text, tail) or
            v.rx(r"(?:<<sections.closing_end>>)").match(text)) and len(text.split()) <= 20:
        return True  # «جلسه در ساعت ۱۹:۳۰ با ذکر صلوات خاتمه یافت.»
    # «در این جلسه ۷ مصوبه مورد تأیید قرار گرفته است»: a count, the noun, the approval.
    return bool(v.rx(r"[0-9۰-۹]+\s*(?:<<sections.closing_nouns>>)\s.*(?:<<sections.closing_approved>>)").search(text))


class _Classifier:
    def __init__(self) -> None:
        self.in_header = True
        self.section: str | None = None
        self.closed = False
        self.titled = False
        self.v = vocab()
        self.speaker: PersonMatch | None = None  # the person read on the last line that names one

    def is_title(self, text: str) -> bool:
        return bool(self.v.key_at_start("sections.title", text.replace(" ", "")) or
                    self.v.key_at_start("sections.title", text))

    def header_token(self, line: Line) -> str | None:
        v, text = self.v, line.text
        if v.lookup("sections.basmala", text):
            return "BASMALA"
        if self.is_title(text):
            return "TITLE"
        field = labeled_field(text)
        if field and (field[2] or field[0] == "sections.fields"):
            return "FIELD"
        head = text[:_PREFIX]
        if attendance_line(head) or section_of(text) or is_intro(head)[0]:
            return None
        if line.mark in (None, "bold", "h1", "h2", "h3") and "\t" not in text and len(text.split()) <= _MAX_HEADING_WORDS \
                and not text.endswith(".") and not ends_with_speech_verb(text):
            return "LETTERHEAD"
        return None

    def discussion_token(self, line: Line) -> str | None:
        text = line.text
        heading = _is_heading(line)
        verb = ends_with_speech_verb(text)
        # Without a speech verb only a person opening the line matters: the search is skipped
        # for most paragraphs (it reads every honorific on the line).
        speaker = find_speaker(text) if verb or self.v.key_at_start("people.honorifics", text) else None
        self.speaker = speaker  # kept on SPEAKER, NAME_HEAD and PERSON_LINE tokens
        if verb and speaker:
            return "SPEAKER"
        if verb and starts_with_role(text) and (heading or text.rstrip().endswith(":")):
            return "ROLE_SPEAKER"  # a heading; in plain prose the same line is an attributed paragraph
        if speaker and speaker.start == 0 and (heading or not text.endswith(".")):
            return "NAME_HEAD" if heading else "PERSON_LINE"
        if verb and (heading or text.rstrip().endswith(":")):
            return "VERB_LINE"
        if heading and starts_with_role(text):
            return "ROLE_LINE"
        if heading and len(text.split()) <= _MAX_HEADING_WORDS:
            words = text.split()
            # «مرعشی مدیر کل تامین اجتماعی»: a name then a role, no honorific.
            for i in (1, 2):
                if len(words) > i and starts_with_role(" ".join(words[i:])):
                    if person_at(text, 0, need_honorific=False):
                        return "NAME_HEAD"
            if line.mark.startswith("h"):
                return "ORG_HEAD"
        return None

    def classify(self, line: Line) -> str:
        text = line.text
        if line.columns:
            self.in_header = False
            return "TABLE_HEAD" if line.columns and _is_header_line(line) else "TABLE_ROW"
        if self.in_header:
            tok = self.header_token(line)
            if tok:
                self.titled = self.titled or tok == "TITLE"
                return tok
            self.in_header = False
        if not self.titled and not self.section and self.is_title(line.text):
            self.titled = True  # a title after labelled fields or an attendance list
            return "TITLE"
        field = labeled_field(text)
        if field and field[2]:
            return "FIELD"
        head = text[:_PREFIX]  # these only look at how the line starts; long lines cost less
        attendance = attendance_line(head)
        if attendance:
            self.section = attendance[0]
            return "ATTENDANCE"
        sec = section_of(text)
        if sec and (sec[0] or _is_heading(line) or text.rstrip().endswith(":") or len(text.split()) <= 4):
            self.section = sec[1]
            self.closed = False
            return "SECTION"
        intro, _ = is_intro(head)
        if intro and (len(text.split()) <= 10 or text.rstrip().endswith(":")):
            self.section = "resolutions"
            return "DECISION_INTRO"
        if self.section in _ATTENDANCE_KEYS:
            if "\t" in text or len(text.split()) <= _MAX_ATTENDEE_WORDS or "،" in text:
                return "ATTENDEE"
            self.section = None
        if self.closed:
            short = len(text.split()) <= _MAX_SIGNATURE_WORDS or "\t" in text or \
                (starts_with_role(text) and len(text.split()) <= 2 * _MAX_SIGNATURE_WORDS)
            return "SIGNATURE" if short else "PARAGRAPH"
        if _closing(text):
            self.closed = True
            return "CLOSING"
        if self.section == "agenda" and (line.mark == "bullet" or _NUMBERED.match(text)):
            return "AGENDA_ITEM"
        item = item_start(head) if not _is_heading(line) or line.mark == "bullet" else None
        if item and (self.section == "resolutions" or (item[0] != "bullet" and _decided(text))):
            # A numbered decision: in a «مصوبات» section, or «۱- مقرر شد …» after the discussion.
            self.section = "resolutions"
            return "DECISION_ITEM"
        return self.discussion_token(line) or "PARAGRAPH"


def _is_header_line(line: Line) -> bool:
    v = vocab()
    cells = line.text.split("\t")
    return sum(1 for c in cells if v.lookup("tables.columns", c)) >= 2


def tokenize(lines: list[Line]) -> list[LineToken]:
    """Classify every line; a paragraph right above a table header is the table's title."""
    classifier = _Classifier()
    tokens = []
    for ln in lines:
        kind = classifier.classify(ln)
        tokens.append(LineToken(kind, ln, classifier.speaker) if kind in _READS_SPEAKER else LineToken(kind, ln))
    for i in range(1, len(tokens)):
        prev = tokens[i - 1]
        if tokens[i].type == "TABLE_HEAD" and prev.type in ("PARAGRAPH", "SECTION") and \
                vocab().key_at_start("sections.names", prev.line.text):
            tokens[i - 1] = LineToken("TABLE_TITLE", prev.line)
    return tokens


class LineLexer(Lexer):
    """Lark custom lexer: the 'text' handed to ``Lark.parse`` is a list of ``LineToken``."""

    def __init__(self, lexer_conf):  # noqa: D107 — Lark's constructor signature
        pass

    def lex(self, data, parser_state=None):
        tokens = getattr(data, "text", data)  # Lark may wrap the input in a TextSlice
        for tok in tokens:
            number = tok.line.number  # positional: Token's keyword handling is per call
            yield Token(tok.type, tok.line.text, None, number, 1, number)
