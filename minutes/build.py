"""Stage 6 — build: the parse tree becomes pydantic models and diagnostics.

``TreeToParts`` (a Lark Transformer, one method per grammar rule) turns the
tree into plain parts; ``assemble`` fills the models, resolving what needs the
whole document: the same person across turns, a role-only heading to the
person already seen with that role, deadlines against the meeting date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lark import Token, Transformer

from .deadlines import explain_deadline, find_date, to_jalali
from .attendance import attendance_line, read_people, read_signature_row, signature_columns
from .attribution import attribute
from .header import present_in, read_meeting, read_subject, read_time, session_number, set_field
from .lexer import section_of
from .models import (AgendaItem, DateRef, Deadline, Diagnostic, Minutes, Person, Resolution, ResolutionList,
                     Section, Turn)
from .normalize import to_ascii_digits
from .resolutions_text import extract, item_start
from .people import (PersonMatch, find_speaker, name_key, person_at, read_role, role_words,
                     starts_with_role, strip_speech_verb)
from .sources import Line
from .vocab import vocab

__all__ = ["TreeToParts", "assemble", "date_ref"]


@dataclass
class Head:
    """A speaker heading: its tokens and the organisation heading above it, if any."""

    tokens: list[Token]
    organization: str | None = None


@dataclass
class Parts:
    header: list[Token] = field(default_factory=list)
    sections: list[tuple[Token | None, list]] = field(default_factory=list)
    closing: list[Token] = field(default_factory=list)


class TreeToParts(Transformer):
    """One method per rule of grammars/minutes.lark."""

    def start(self, children):
        parts = Parts()
        for child in children:
            if isinstance(child, tuple) and child[0] == "header":
                parts.header = child[1]
            elif isinstance(child, tuple) and child[0] == "body":
                parts.sections = child[1]
            elif isinstance(child, tuple) and child[0] == "closing":
                parts.closing = child[1]
        return parts

    def header(self, children):
        return ("header", list(children))

    def body(self, children):
        sections: list[tuple[Token | None, list]] = []
        loose = [c for c in children if not (isinstance(c, tuple) and c[0] == "section")]
        if loose:
            sections.append((None, loose))
        sections += [c[1] for c in children if isinstance(c, tuple) and c[0] == "section"]
        return ("body", sections)

    def section(self, children):
        return ("section", (children[0], list(children[1:])))

    def paragraph(self, children):
        return ("paragraph", children[0])

    def agenda(self, children):
        return ("agenda", list(children))

    def field(self, children):
        return ("field", children[0])

    def attendance(self, children):
        return ("attendance", children[0], list(children[1:]))

    def decisions(self, children):
        return ("decisions", [c for c in children if isinstance(c, tuple)])

    def decision(self, children):
        return ("decision", children[0], list(children[1:]))

    def org_heading(self, children):
        return ("org_heading", children[0])

    def turn(self, children):
        return ("turn", children[0], list(children[1:]))

    def speaker_head(self, children):
        org = children[0] if len(children) > 1 and children[0].type == "ORG_HEAD" else None
        rest = children[1:] if org is not None else children
        tokens = rest[0] if isinstance(rest[0], list) else list(rest)
        return Head(tokens=tokens, organization=org.value if org is not None else None)

    def named_head(self, children):
        return list(children)

    def resolutions(self, children):
        title = children[0] if isinstance(children[0], Token) else None
        rows = [row for table in children if isinstance(table, list) for row in table]
        return ("resolutions", title, rows)

    def table(self, children):
        return list(children)

    def closing(self, children):
        return ("closing", list(children))


def date_ref(text: str | None) -> DateRef | None:
    if not text:
        return None
    found = find_date(text)
    if not found:
        return DateRef(text=text)
    d, start, end = found
    return DateRef(jalali=f"{d.year:04d}-{d.month:02d}-{d.day:02d}", gregorian=d.togregorian().isoformat(),
                   text=text[start:end])


class _Assembler:
    def __init__(self, parts: Parts, lines: dict[int, Line]):
        self.parts = parts
        self.lines = lines
        self.v = vocab()
        self.m = Minutes()
        self.diagnostics: list[Diagnostic] = []
        self.people: dict[str, Person] = {}  # name key → the speaker as first seen
        self.prose_turns = False  # turns so far were read from prose, not from headings
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
            label, value = m.group(1), m.group(2).strip() or None
            key = self.v.lookup("sections.fields", label) or self.v.lookup("meeting.labels", label)
            if value is None:
                self.warn("field-empty", f"field «{label}» has no value", tok.line, "info")
                continue
            set_field(self.m.header, key, value, tok.line, self.warn)

    # -- sections ---------------------------------------------------------
    def sections(self) -> None:
        for head, blocks in self.parts.sections:
            key = _section_key(head) if head is not None else None
            if head is not None:
                self.m.sections.append(_section(head))
            for block in blocks:
                self.block(key, block)

    def block(self, section: str | None, block) -> None:
        kind = block[0]
        if kind == "paragraph":
            tok = block[1]
            if section == "subject" and self.m.header.subject is None:
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
        elif kind == "attendance":
            self.attendance(block[1], block[2])
        elif kind == "decisions":
            for _, item, more in block[1]:
                self.decision(item, more)
        elif kind == "org_heading":
            self.warn("heading-without-speaker", f"heading «{block[1].value}» is not followed by a speaker",
                      block[1].line, "info")
        elif kind == "turn":
            self.turn(block[1], block[2])
        elif kind == "resolutions":
            self.resolutions(block[1], block[2])

    # -- attendance and list-form resolutions -------------------------------
    def attendance(self, head: Token, rows: list[Token]) -> None:
        key, rest = attendance_line(head.value) or ("attendees", "")
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
                continue
            found = self.people_in(tok.value, tok.line)
            if not found:
                self.warn("attendee-unread", f"no person read from «{tok.value[:80]}»", tok.line)
            people += found

    def people_in(self, text: str, line: int) -> list[Person]:
        item = item_start(text)
        people = read_people(item[2] if item else text)
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
        if meeting.date is not None or self.m.turns or not find_date(tok.value):
            return False
        read = read_meeting(tok.value, tok.line, self.warn)
        for name in ("date", "weekday", "time", "time_text", "place", "text", "line"):
            if getattr(meeting, name) is None:
                setattr(meeting, name, getattr(read, name))
        h = self.m.header
        h.session_number = h.session_number or session_number(tok.value)
        h.attendees += present_in(tok.value, tok.line)
        return True

    def attributed(self, tok: Token) -> bool:
        """Start a turn at a paragraph that names its speaker, unless a heading opened the current turn."""
        if self.m.turns and not self.prose_turns:
            return False
        found = attribute(tok.value)
        if found is None:
            return False
        if found.kind == "pronoun":
            if not self.m.turns:
                return False
            person = self.m.turns[-1].speaker
        elif found.kind == "role":
            person = self.by_role(found.role or "", tok.line, quiet=True)
        else:
            person = self.person(found.person, tok.line)
        self.prose_turns = True
        self.m.turns.append(Turn(speaker=person.model_copy(), text=tok.value, heading=None, line=tok.line))
        if person.name:
            self.people[name_key(person.name)] = person
        return True

    # -- turns ------------------------------------------------------------
    def turn(self, head: Head, paragraphs: list[Token]) -> None:
        first = head.tokens[0]
        heading = "\n".join(t.value for t in head.tokens)
        person: Person | None = None
        if first.type == "ROLE_SPEAKER":
            role = read_role(strip_speech_verb(first.value)) or strip_speech_verb(first.value)
            person = self.by_role(role, first.line)
        else:
            found = find_speaker(first.value) or person_at(first.value, 0, need_honorific=False)
            if found:
                person = self.person(found, first.line)
            for tok in head.tokens[1:]:
                if person is not None and tok.type in ("ROLE_LINE", "ROLE_SPEAKER") and not person.role:
                    person.role = read_role(strip_speech_verb(tok.value))
        if person is None:
            self.warn("speaker-unknown", f"cannot tell who speaks in «{heading[:80]}»", first.line)
            person = Person(line=first.line)
        if head.organization and not person.organization:
            person.organization = head.organization
        text = "\n".join(p.value for p in paragraphs)
        self.prose_turns = False
        self.m.turns.append(Turn(speaker=person.model_copy(), text=text, heading=heading, line=first.line))
        if person.name:
            self.people[name_key(person.name)] = person

    def person(self, found: PersonMatch, line: int) -> Person:
        known = self.people.get(name_key(found.name))
        if known is not None:
            for t in found.titles:
                if t not in known.titles:
                    known.titles.append(t)
            known.role = known.role or found.role
            return known
        person = Person(name=found.name, honorific=found.honorific, titles=list(found.titles),
                        role=found.role, line=line)
        listed = self.listed(found.name)
        if listed is not None:  # the attendance list knows the full name and a clean role
            person.name = listed.name if len(listed.name or "") > len(person.name or "") else person.name
            person.honorific = person.honorific or listed.honorific
            person.titles = person.titles or list(listed.titles)
            person.role = person.role or listed.role
        return person

    def listed(self, name: str | None) -> Person | None:
        """An attendee, guest, chair or secretary of that name (or family name): they carry clean roles."""
        if not name:
            return None
        h, key = self.m.header, name_key(name)
        for p in [*h.attendees, *h.guests, *filter(None, (h.chair, h.secretary))]:
            if p.name and (name_key(p.name) == key or name_key(p.name.split()[-1]) == key):
                return p.model_copy()
        return None

    def by_role(self, role: str, line: int, quiet: bool = False) -> Person:
        """«معاون بهزیستی استان» → the person already seen (speaker or attendee) whose role matches best."""
        words = role_words(role)
        head = self.v.key_at_start("people.role_heads", role)
        best, best_score = None, 0
        h = self.m.header
        for p in [*self.people.values(), *h.attendees, *h.guests, *filter(None, (h.chair, h.secretary))]:
            if not p.role or head is None or self.v.key_at_start("people.role_heads", p.role) is None:
                continue
            if self.v.key_at_start("people.role_heads", p.role)[0] != head[0]:
                continue
            score = len(words & (role_words(p.role) | role_words(p.organization)))
            if score > best_score:
                best, best_score = p, score
        if best is not None:
            return best
        if not quiet:
            self.warn("speaker-role-unresolved", f"no earlier speaker has the role «{role}»", line, "info")
        return Person(role=role, line=line)

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
                row=row, text=text, topic=cells.get("topic") or None, actor=cells.get("actor") or None,
                supervisor=cells.get("supervisor") or None, deadline=Deadline(text=cells.get("deadline") or None),
                extra=extra, line=tok.line))

    # -- closing ----------------------------------------------------------
    def closing(self) -> None:
        for tok in self.parts.closing:
            if tok.type == "CLOSING" and self.m.closing.text is None:
                if re.search(self.v.pattern("sections.closing_end"), tok.value):
                    # «جلسه در ساعت ۱۹:۳۰ … خاتمه یافت»: the end time, not a count.
                    self.m.header.meeting.end_time = self.m.header.meeting.end_time or read_time(tok.value)[0]
                else:
                    m = re.search(r"([0-9]+)", to_ascii_digits(tok.value))
                    self.m.closing.declared_resolution_count = int(m.group(1)) if m else None
                self.m.closing.text = tok.value
                self.m.closing.line = tok.line
            elif tok.type == "CLOSING":
                m = re.search(r"([0-9]+)", to_ascii_digits(tok.value))
                if m and self.m.closing.declared_resolution_count is None and \
                        not re.search(self.v.pattern("sections.closing_end"), tok.value):
                    self.m.closing.declared_resolution_count = int(m.group(1))
                self.m.closing.text += "\n" + tok.value
                self.m.closing.line = tok.line
            elif tok.type == "SIGNATURE" and self.v.lookup("sections.signature_heads", tok.value.strip(" :")):
                # «امضای حاضرین:» heads the signatures; the line is kept in closing.text
                self.m.closing.text = "\n".join(filter(None, (self.m.closing.text, tok.value)))
            elif tok.type == "SIGNATURE" and "\t" in tok.value:
                self.signature_row(tok)
            elif tok.type == "SIGNATURE" and starts_with_role(tok.value) and self.m.closing.signatories \
                    and self.m.closing.signatories[-1].role is None:
                self.m.closing.signatories[-1].role = tok.value.strip()  # «مدیر کل و رئیس …» under the name
            elif tok.type == "SIGNATURE":
                self.m.closing.signatories.append(self.signatory(tok))
            else:
                self.warn("after-closing", f"text after the closing: «{tok.value[:120]}»", tok.line, "info")

    def signatory(self, tok: Token) -> Person:
        text = tok.value.strip()
        found = person_at(text, 0) or person_at(text, 0, need_honorific=False)
        role = None
        words = text.split()
        for i in range(1, len(words)):
            if starts_with_role(" ".join(words[i:])):
                role, text = " ".join(words[i:]), " ".join(words[:i])
                break
        person = Person(name=text if not found or found.honorific is None else found.name,
                        honorific=found.honorific if found else None,
                        titles=found.titles if found else [], role=role, line=tok.line)
        return person

    def signature_row(self, tok: Token) -> None:
        """A signature table row («نام و نام خانوادگی | سمت | امضاء»), or names side by side
        with their roles side by side on the next line."""
        raw = tok.value.split("\t")
        signed = self.m.closing.signatories
        header = signature_columns(raw)
        if header:
            self.signature_columns = header
            # the table's header row is kept beside the closing line, as written
            self.m.closing.text = "\n".join(filter(None, (self.m.closing.text, tok.value.replace("\t", " | "))))
            return
        if self.signature_columns:
            person = read_signature_row(raw, self.signature_columns)
            if person:
                person.line = tok.line
                signed.append(person)
            return
        cells = [c.strip() for c in raw if c.strip()]
        pending = [p for p in signed if p.role is None and p.line == self.last_signature_line]
        if pending and len(pending) == len(cells) and all(starts_with_role(c) for c in cells):
            for person, role in zip(pending, cells):
                person.role = role
            return
        self.last_signature_line = tok.line
        for cell in cells:
            found = person_at(cell, 0) or person_at(cell, 0, need_honorific=False)
            signed.append(Person(name=found.name if found and found.honorific else cell,
                                 honorific=found.honorific if found else None,
                                 titles=found.titles if found else [], line=tok.line))

    def signatories_from_turns(self) -> None:
        """A signatory named in the turns takes the titles (and, if unsigned, the role) given there."""
        for person in self.m.closing.signatories:
            family = name_key(person.name.split()[-1]) if person.name and person.name.split() else ""
            for p in self.people.values():
                if family and p.name and name_key(p.name.split()[-1]) == family:
                    person.role = person.role or p.role
                    person.titles = person.titles or list(p.titles)

    def finish(self) -> Minutes:
        m = self.m
        declared = m.closing.declared_resolution_count
        if declared is not None and declared != len(m.resolutions):
            self.warn("resolution-count-mismatch",
                      f"the minutes declare {declared} resolutions but {len(m.resolutions)} rows were read",
                      m.closing.line)
        stamp = m.header.meeting.date.jalali if m.header.meeting.date and m.header.meeting.date.jalali else "undated"
        meeting = to_jalali(stamp) if stamp != "undated" else None
        for i, r in enumerate(m.resolutions, 1):
            # Deadlines resolve here, once the meeting date is known wherever it was written.
            r.deadline, problem = explain_deadline(r.deadline.text, meeting_date=meeting)
            if problem:
                self.warn("deadline-invalid", problem, r.line)
            r.id = f"{stamp}-s{m.header.session_number or 0}-r{r.row if r.row is not None else f'x{i}'}"
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


def assemble(parts: Parts, lines: dict[int, Line]) -> Minutes:
    a = _Assembler(parts, lines)
    a.header()
    a.sections()
    a.closing()
    a.signatories_from_turns()
    return a.finish()

