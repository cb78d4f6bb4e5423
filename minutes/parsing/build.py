"""Stage 6 — build: the parse tree becomes pydantic models and diagnostics.

``tree.TreeToParts`` turns the tree into plain parts; ``assemble`` fills the
models, resolving what needs the whole document: the same person across turns
(``speakers``), the closing (``closing``), deadlines against the meeting date
wherever it was written.
"""

from __future__ import annotations

import re

from lark import Token

from ..phrases.attendance import attendance_line, read_people, read_signature_row, signature_columns
from .closing import ClosingReader
from ..dates.deadlines import explain_deadline, find_date, to_jalali
from ..phrases.meeting import date_ref, present_in, read_meeting, read_subject, session_number, set_field
from .lexer import section_of
from ..models import (AgendaItem, Deadline, Diagnostic, Field, Minutes, Person, Resolution, ResolutionList,
                     Section)
from ..text.normalize import to_ascii_digits
from ..phrases.people import PersonMatch
from ..phrases.report import decision_sentences, headline, meeting_name
from ..phrases.resolutions import extract, item_start
from ..read.sources import Line
from .speakers import Speakers
from .tree import Parts, TreeToParts
from ..text.vocab import vocab

__all__ = ["TreeToParts", "assemble"]

_MEETING_PARAGRAPHS = 3  # how many opening paragraphs may carry the meeting's date and place
_SHARED_MAX = 120  # characters: longer cells are prose, seldom repeated


class _Assembler(Speakers, ClosingReader):
    def __init__(self, parts: Parts, lines: dict[int, Line], report: bool = False,
                 speakers: dict[int, PersonMatch] | None = None):
        self.report = report  # a news report of a meeting, not minutes
        self.read_speakers = speakers if speakers is not None else {}
        self.seen_cells: dict[str, str] = {}  # short table cells, one copy each (see ``shared``)
        self.parts = parts
        self.lines = lines
        self.v = vocab()
        self.m = Minutes()
        self.diagnostics: list[Diagnostic] = []
        self.people: dict[str, Person] = {}  # name key → the speaker as first seen
        self.prose_turns = False  # turns so far were read from prose, not from headings
        self.prose_seen = 0  # paragraphs tried for the meeting's date and place
        self.last_signature_line: int | None = None
        self.signature_columns: list[str | None] | None = None

    def warn(self, code: str, message: str, line: int | None, level: str = "warning") -> None:
        self.diagnostics.append(Diagnostic(level=level, code=code, message=message, line=line))

    # -- header -----------------------------------------------------------
    def header(self) -> None:
        h = self.m.header
        for tok in self.parts.header:
            if tok.type == "LETTERHEAD":
                h.organization.append(tok.value)
            elif tok.type == "BASMALA":
                self.warn("basmala", f"page opener «{tok.value}» (not data)", tok.line, "info")
            elif tok.type == "TITLE":
                h.title = _canonical_title(tok.value)
                h.session_number = h.session_number or session_number(tok.value)
            elif tok.type == "FIELD":
                self.field(tok)

    def field(self, tok: Token) -> None:
        # Several labels may share a line: «شماره: ۱۲ تاریخ: ۱۴۰۲/۰۱/۲۰ پیوست: ندارد».
        labels = f"{self.v.pattern('sections.fields')}|{self.v.pattern('meeting.labels')}"
        for m in re.finditer(rf"(?:^|(?<=\s))({labels})\s*:\s*(.*?)(?=\s(?:{labels})\s*:|$)", tok.value):
            label, value = m.group(1), m.group(2).strip(" —–-") or None
            key = self.v.lookup("sections.fields", label) or self.v.lookup("meeting.labels", label)
            if value is None:
                self.warn("field-empty", f"field «{label}» has no value", tok.line, "info")
                continue
            self.m.header.fields.append(Field(label=label, key=key, value=value, line=tok.line))
            set_field(self.m.header, key, value, tok.line, self.warn)

    # -- sections ---------------------------------------------------------
    def sections(self) -> None:
        for head, blocks in self.parts.sections:
            key = _section_key(head) if head is not None else None
            if head is not None:
                self.m.sections.append(_section(head))
                rest = (section_of(head.value) or (None, None, ""))[2]
                if rest:  # «دستور جلسه: بررسی …» — the section's first content on its own line
                    self.section_rest(key, rest, head.line)
            for block in blocks:
                self.block(key, block)

    def section_rest(self, key: str | None, rest: str, line: int) -> None:
        if key == "agenda":
            number, text = _numbered(rest)
            self.m.agenda.append(AgendaItem(number=number, text=text, line=line))
        else:
            self.block(key, ("paragraph", Token("PARAGRAPH", rest, line=line)))

    def block(self, section: str | None, block) -> None:
        kind = block[0]
        if kind == "paragraph":
            tok = block[1]
            if self.report:
                self.report_paragraph(tok)
            if self.report and self.m.header.title is None and not self.m.turns and headline(tok.value):
                self.m.header.title = tok.value  # the news headline
            elif section == "subject" and self.m.header.subject is None:
                self.m.header.subject, number = read_subject(tok.value)
                self.m.header.session_number = self.m.header.session_number or number
                self.m.header.attendees += present_in(tok.value, tok.line)
            elif section in ("attendees", "absentees", "guests"):
                getattr(self.m.header, section).extend(self.people_in(tok.value, tok.line))
            elif section == "time_place" and self.m.header.meeting.line is None:
                self.m.header.meeting = read_meeting(tok.value, tok.line, self.warn)
            elif section not in ("subject", "time_place") and self.attributed(tok):
                pass  # a turn in prose: «سپس آقای … توضیح داد که …»
            elif section not in ("subject", "time_place") and self.meeting_in_prose(tok):
                pass
            elif self.m.turns and section not in ("subject", "time_place"):
                self.m.turns[-1].text += "\n" + tok.value
            else:
                self.warn("unplaced-paragraph", "paragraph outside any turn or field: kept here",
                          tok.line, "info")
                self.diagnostics[-1].message += f": «{tok.value[:120]}»"
        elif kind == "agenda":
            for tok in block[1]:
                number, text = _numbered(tok.value)
                self.m.agenda.append(AgendaItem(number=number, text=text, line=tok.line))
        elif kind == "field":
            self.field(block[1])
        elif kind == "title":
            h = self.m.header
            h.title = h.title or _canonical_title(block[1].value)
            h.session_number = h.session_number or session_number(block[1].value)
        elif kind == "attendance":
            self.attendance(block[1], block[2])
        elif kind == "decisions":
            intro = block[1]
            if intro is not None:  # «مصوبات:», «موارد زیر مقرر گردید:»
                self.m.sections.append(Section(key="resolutions", title=intro.value, line=intro.line))
            for _, item, more in block[2]:
                self.decision(item, more)
        elif kind == "org_heading":
            self.warn("heading-without-speaker", f"heading «{block[1].value}» is not followed by a speaker",
                      block[1].line, "info")
        elif kind == "turn" and self.report:
            # A report attributes statement by statement: every line is read as prose.
            org = [block[1].organization_token] if block[1].organization_token is not None else []
            for tok in [*org, *block[1].tokens, *block[2]]:
                self.block(section, ("paragraph", tok))
        elif kind == "turn":
            self.turn(block[1], block[2])
        elif kind == "resolutions":
            self.resolutions(block[1], block[2])

    def report_paragraph(self, tok: Token) -> None:
        """In a news report: the meeting's name, and decisions stated in prose, as resolutions."""
        h = self.m.header
        named = meeting_name(tok.value) if h.subject is None else None
        if named:
            h.subject, number = named
            h.session_number = h.session_number or number
        for sentence in decision_sentences(tok.value):
            found = extract(sentence)
            self.m.resolutions.append(Resolution(
                row=len(self.m.resolutions) + 1, text=sentence, actor=found.actor, supervisor=found.supervisor,
                deadline=Deadline(text=found.deadline_text), line=tok.line))

    # -- attendance and list-form resolutions -------------------------------
    def attendance(self, head: Token, rows: list[Token]) -> None:
        key, rest = attendance_line(head.value) or ("attendees", "")
        self.m.sections.append(Section(key=key, title=head.value, line=head.line))
        people = getattr(self.m.header, key)
        people += self.people_in(rest, head.line)
        columns = None
        for tok in rows:
            cells = tok.value.split("\t")
            if len(cells) > 1:
                header = signature_columns(cells)
                if header:
                    columns = header
                    continue
                person = read_signature_row(cells, columns)
                if person:
                    person.line = tok.line
                    people.append(person)
                read = " ".join(filter(None, (person.honorific, *person.titles, person.name, person.role,
                                              person.organization))) if person else ""
                left = [c.strip() for c in cells if c.strip() and re.sub(r"\W", "", c) not in re.sub(r"\W", "", read)]
                if left:  # a cell that is neither name, role nor organisation is reported, not dropped
                    self.warn("attendee-cells", f"cells not read as a person: «{' | '.join(left)[:160]}»",
                              tok.line, "info")
                continue
            found = self.people_in(tok.value, tok.line)
            if not found:
                self.warn("attendee-unread", f"no person read from «{tok.value[:80]}»", tok.line)
            people += found

    def people_in(self, text: str, line: int) -> list[Person]:
        item = item_start(text)
        found = read_people(item[2] if item else text)
        # A «person» with no letter in name or role («<», «-») is not one: say so rather than list it.
        people = [p for p in found if any(ch.isalpha() for ch in (p.name or "") + (p.role or ""))]
        if len(people) < len(found):
            self.warn("attendee-unread", f"not read as people: «{text[:120]}»", line, "info")
        for p in people:
            p.line = line
        return people

    def decision(self, item: Token, more: list[Token]) -> None:
        kind, number, text = item_start(item.value) or ("", None, item.value)
        if kind == "letter" or number is None:
            number = len(self.m.resolutions) + 1
        text = " ".join([text] + [t.value for t in more]).strip()
        found = extract(text)
        self.m.resolutions.append(Resolution(
            row=number, text=text, actor=found.actor, supervisor=found.supervisor,
            deadline=Deadline(text=found.deadline_text), line=item.line))

    def meeting_in_prose(self, tok: Token) -> bool:
        """«دهمین جلسه … در ساعت ۱۷ روز دوشنبه ۱۴۰۲/۰۳/۱۵ در محل … تشکیل گردید»: the meeting fields."""
        meeting = self.m.header.meeting
        self.prose_seen += 1
        # Only the opening paragraphs describe the meeting; later dates are the discussion's.
        if meeting.date is not None or self.m.turns or self.prose_seen > _MEETING_PARAGRAPHS \
                or not find_date(tok.value):
            return False
        read = read_meeting(tok.value, tok.line, self.warn)
        for name in ("date", "weekday", "time", "time_text", "place", "text", "line"):
            if getattr(meeting, name) is None:
                setattr(meeting, name, getattr(read, name))
        h = self.m.header
        h.session_number = h.session_number or session_number(tok.value)
        h.attendees += present_in(tok.value, tok.line)
        return True

    def shared(self, cell: str | None) -> str | None:
        """A short cell value, one copy per distinct value: actors, topics and deadlines repeat
        down a long table, and each row's own copy made the output 4 times the input.
        (A dict per parse, not ``sys.intern``: interned strings live as long as the process.)"""
        if not cell:
            return None
        return self.seen_cells.setdefault(cell, cell) if len(cell) <= _SHARED_MAX else cell

    # -- resolutions --------------------------------------------------------
    def resolutions(self, title: Token | None, rows: list[Token]) -> None:
        if title is not None and self.m.resolution_list is None:
            self.m.resolution_list = ResolutionList(title=title.value, date=date_ref(title.value),
                                                    line=title.line)
        for tok in rows:
            line = self.lines[tok.line]
            if tok.type == "TABLE_HEAD":
                if self.m.resolution_list is None:
                    self.m.resolution_list = ResolutionList(line=tok.line)
                if not self.m.resolution_list.columns:
                    self.m.resolution_list.columns = tok.value.split("\t")
                else:
                    self.warn("table-header", f"another table header: «{tok.value.replace(chr(9), ' | ')[:160]}»",
                              tok.line, "info")
                continue
            if not line.columns:
                self.warn("table-row-without-header", "table row with no header above it", tok.line)
                continue
            cells = dict(zip(line.columns, tok.value.split("\t")))
            extra = {k[6:]: v for k, v in cells.items() if k.startswith("extra:") and v}
            row = _int(cells.get("row"))
            text = cells.get("text") or ""
            if extra:
                self.warn("table-extra-columns", f"columns kept in 'extra': {', '.join(extra)}", tok.line, "info")
            self.m.resolutions.append(Resolution(
                row=row, text=text, topic=self.shared(cells.get("topic")), actor=self.shared(cells.get("actor")),
                supervisor=self.shared(cells.get("supervisor")),
                deadline=Deadline(text=self.shared(cells.get("deadline"))),
                extra=extra, line=tok.line))

    def finish(self) -> Minutes:
        m = self.m
        declared = m.closing.declared_resolution_count
        if declared is not None and declared != len(m.resolutions):
            self.warn("resolution-count-mismatch",
                      f"the minutes declare {declared} resolutions but {len(m.resolutions)} rows were read",
                      m.closing.line)
        stamp = m.header.meeting.date.jalali if m.header.meeting.date and m.header.meeting.date.jalali else "undated"
        meeting = to_jalali(stamp) if stamp != "undated" else None
        seen: set[str] = set()
        for i, r in enumerate(m.resolutions, 1):
            # Deadlines resolve here, once the meeting date is known wherever it was written.
            r.deadline, problem = explain_deadline(r.deadline.text, meeting_date=meeting)
            if problem:
                self.warn("deadline-invalid", problem, r.line)
            r.id = f"{stamp}-s{m.header.session_number or 0}-r{r.row if r.row is not None else f'x{i}'}"
            if r.id in seen:  # two rows with one number: keep both, distinct, and say so
                self.warn("resolution-row-duplicate", f"row number {r.row} is used twice; id made distinct", r.line)
                r.id = f"{r.id}-{i}"
            seen.add(r.id)
            if not r.actor:
                self.warn("resolution-without-actor", f"مصوبه بدون مسئول: row {r.row}", r.line)
            if r.deadline.kind == "none":
                self.warn("resolution-without-deadline", f"مصوبه بدون مهلت: row {r.row}", r.line)
        m.diagnostics = self.diagnostics
        return m


def _section_key(tok: Token) -> str | None:
    found = section_of(tok.value)
    return found[1] if found else None


def _section(tok: Token) -> Section:
    found = section_of(tok.value)
    letter = vocab().table("sections.letters")[found[0]][0] if found and found[0] else None
    return Section(letter=letter, key=found[1] if found else None, title=tok.value, line=tok.line)


def _canonical_title(text: str) -> str:
    v = vocab()
    hit = v.key_at_start("sections.title", text)
    if hit:
        return (v.table("sections.title")[hit[0]][0] + " " + text[len(hit[1]):].strip()).strip()
    return text


def _int(text: str | None) -> int | None:
    m = re.match(r"^\s*([0-9]+)\s*$", to_ascii_digits(text or ""))
    return int(m.group(1)) if m else None


def _numbered(text: str) -> tuple[int | None, str]:
    m = re.match(r"^\(?([0-9]{1,3})\s*[-.)ـ:]\s*(.*)$", to_ascii_digits(text[:6]) + text[6:])
    if m:
        return int(m.group(1)), m.group(2).strip()
    return None, text


def assemble(parts: Parts, lines: dict[int, Line], *, report: bool = False,
             speakers: dict[int, PersonMatch] | None = None) -> Minutes:
    """``speakers``: the person the lexer read on each speaker heading, by line; each is
    used once and dropped, so a heading's person is not read twice."""
    a = _Assembler(parts, lines, report, speakers)
    a.header()
    a.sections()
    a.closing()
    a.signatories_from_turns()
    return a.finish()

