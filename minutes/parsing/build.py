"""Stage 6 — build: the typed tree becomes pydantic models and diagnostics.

``build`` walks the nodes of ``tree`` in document order with a small ``State``; the speakers
(``speakers``) and the closing (``closing``) are functions over the same state. What needs
the whole document is resolved at the end (``finish``): deadlines against the meeting date
wherever it was written, resolution ids, the declared count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..dates.deadlines import explain_deadline, to_jalali
from ..models import AgendaItem, Deadline, Diagnostic, Field, Minutes, Person, Resolution, ResolutionList, Section
from ..phrases.attendance import attendance_line, merge_people, read_people, read_signature_row, signature_columns
from ..phrases.meeting import (chair_in, date_ref, held_date_in, meeting_date_in, present_in, read_meeting,
                               read_subject, read_time, same_day, session_number, set_field, settle_meeting_date)
from ..phrases.people import ends_with_speech_verb
from ..phrases.report import decision_sentences, headline, meeting_name, same_decision
from ..phrases.resolutions import ends_with_intro, extract, inline_items, is_heading, item_start, split_actors
from ..text.normalize import to_ascii_digits
from ..text.vocab import vocab
from . import closing, speakers, tree
from .lexer import LineToken, closing_tail, section_of

__all__ = ["State", "build"]

_MEETING_PARAGRAPHS = 3  # how many opening paragraphs may carry the meeting's date and place
_SHARED_MAX = 120  # characters: longer cells are prose, seldom repeated
_MAX_INTRO_WORDS = 10  # a longer intro is an opening paragraph that may name the meeting
_MAX_MEMBER_WORDS = 14  # a member named under «… افراد زیر …:»: a person or a role, not a sentence


@dataclass
class State:
    """What the build knows as it walks the tree."""

    report: bool  # a news report of a meeting, not minutes (``kind.decide``)
    m: Minutes = field(default_factory=Minutes)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)  # name key → the speaker as first seen
    prose_turns: bool = False  # turns so far were read from prose, not from headings
    prose_seen: int = 0  # paragraphs tried for the meeting's date and place
    seen_cells: dict[str, str] = field(default_factory=dict)  # short table cells, one copy each
    last_signature_line: int | None = None
    signature_columns: list[str | None] | None = None
    topic: str | None = None  # the topic heading over the list items being read
    attendance_text: dict[int, str] = field(default_factory=dict)  # line → its text, where people were read
    open_parent: Resolution | None = None  # a numbered item ending «:» whose lettered parts follow
    intro_opens: bool = True  # the last intro ends with a colon or names «the following»: prose after it decides
    open_members: bool = False  # … and it introduces people («… با حضور افراد زیر تشکیل گردد:»)
    headline_line: int | None = None  # where a report's headline (header.title) was read
    headline_held: bool = False  # … and it says, with a full date, that the meeting was held
    top_lines: list[str] | None = None  # a report's lines over its text, but its headline

    def warn(self, code: str, message: str, line: int | None, level: str = "warning") -> None:
        self.diagnostics.append(Diagnostic(level=level, code=code, message=message, line=line))

    def shared(self, cell: str | None) -> str | None:
        """A short cell value, one copy per distinct value: actors, topics and deadlines repeat
        down a long table, and each row's own copy made the output 4 times the input."""
        if not cell:
            return None
        return self.seen_cells.setdefault(cell, cell) if len(cell) <= _SHARED_MAX else cell


def build(doc: tree.Document, *, report: bool) -> Minutes:
    state = State(report=report)
    _header(state, doc.header)
    for section in doc.sections:
        _section(state, section)
    if doc.closing is not None:
        closing.read(state, doc.closing)
        for table in doc.closing.tables:
            _table(state, table)
    closing.signatories_from_turns(state)
    if report and not state.m.resolutions:
        _headline_decisions(state)
    return _finish(state)


def _headline_decisions(state: State) -> None:
    """«تصویب «دستورالعمل …» و «کلیات …»» as a report's headline, and no decision stated anywhere
    below it (the body cut short, or only the speeches): what the headline says was approved are
    the resolutions, one per quoted or listed item."""
    title, line = state.m.header.title, state.headline_line
    hit = vocab().key_at_start("report.headline_approval", title) if title else None
    if hit is None or line is None:
        return
    approved = title[len(hit[1]):].strip(" :،")
    for part in inline_items(approved) if approved else []:
        _resolution(state, None, part, [], line)


# -- header ---------------------------------------------------------------------------------

def _header(state: State, tokens: list[LineToken]) -> None:
    h = state.m.header
    for tok in tokens:
        if tok.type == "LETTERHEAD":
            h.organization.append(tok.value)
            _passed_in_session(state, tok)
        elif tok.type == "BASMALA":
            state.warn("basmala", f"page opener «{tok.value}» (not data)", tok.line, "info")
        elif tok.type == "TITLE":
            h.title = _canonical_title(tok.value)
            h.session_number = h.session_number or session_number(tok.value)
        else:  # FIELD, BLANK_FIELD
            _field(state, tok)
    if state.report:
        top = [tok for tok in tokens if tok.type == "LETTERHEAD"]
        if h.title is None:
            _report_headline(state, top)
        _report_top(state, top)


def _report_top(state: State, top: list[LineToken]) -> None:
    """Of the other lines over a news page's text, only a body's name («شورای اسلامی شهر …»)
    is the page's organization. A dateline («تاریخ انتشار: …»), a site's section («اخبار
    استان») or a kicker («مدیرکل …:») is kept in a diagnostic instead; the meeting's date is
    still looked for in all of them (``State.top_lines``, for ``settle_meeting_date``)."""
    h = state.m.header
    state.top_lines = [tok.value for tok in top if tok.line != state.headline_line]
    h.organization = []
    for tok in top:
        if tok.line == state.headline_line:
            continue
        if _names_a_body(tok.value):
            h.organization.append(tok.value)
        else:
            state.warn("unplaced-paragraph", f"a line over the news text, not a body's name: «{tok.value}»",
                       tok.line, "info")


def _report_headline(state: State, top: list[LineToken]) -> None:
    """A news page has no letterhead: of the short lines over its text, the first that reads
    as a headline («نشست هیئت‌مدیره انجمن … برگزار شد», «رئیس دانشکده: …») is the title
    (``_report_top`` sorts the others). Not a headline: a line that names a body and says nothing of it, a page's stamp or a
    date with little else («سه‌شنبه ۱۲ خرداد ۱۴۰۳ بازدید: ۱۱»), a kicker ending with «:», a line
    of one or two words («اخبار استان»)."""
    h = state.m.header
    for tok in top:
        text = tok.value
        if not headline(text) or len(text.split()) < _HEADLINE_MIN_WORDS or _names_a_body(text):
            continue
        found = meeting_date_in(text)  # «… برگزار شد ۱۲ آذر ۱۴۰۲» is a headline; a stamp, a dateline are not
        if found is None or not found.stamp and _words_besides(text[:found.start] + text[found.end:]) >= _HEADLINE_MIN_WORDS:
            h.title = text
            state.headline_line = tok.line
            state.headline_held = held_date_in(text) is not None
            return


_HEADLINE_MIN_WORDS = 3


def _words_besides(text: str) -> int:
    """Words of ``text`` with letters, weekdays not counted: what a line says besides its date."""
    v = vocab()
    return sum(1 for w in text.split() if any(c.isalpha() for c in w) and not v.lookup("dates.weekdays", w.strip(":،,.")))


def _names_a_body(text: str) -> bool:
    """«شورای اسلامی شهر آبگرم», «انجمن صنفی نانوایان …»: a body's name, with no verb after it."""
    v = vocab()
    return bool(v.key_at_start("people.organizations", text) or v.key_at_start("people.bodies", text)
                or v.key_at_start("report.body_heads", text)) \
        and not v.rx(r"(?:<<meeting.place_stops>>|<<resolutions.decided>>)").search(text)


def _passed_in_session(state: State, tok: LineToken) -> None:
    """«مصوب جلسه ۱۲۷ مورخ ۹۴/۵/۲۰ شورای آموزش و پرورش» over a resolution page: the session that
    passed it, and its date, are the meeting's."""
    h = state.m.header
    if not vocab().key_at_start("meeting.passed_in_session", tok.value):
        return
    h.session_number = h.session_number or session_number(tok.value)
    found = meeting_date_in(tok.value)
    if found is not None and found.date is not None and not found.stamp and h.meeting.date is None:
        set_field(h, "meeting_date", found.text, tok.line, state.warn)


def _field(state: State, tok: LineToken) -> None:
    # Several labels may share a line: «شماره: ۱۲ تاریخ: ۱۴۰۲/۰۱/۲۰ پیوست: ندارد».
    v = vocab()
    labels = f"{v.pattern('sections.fields')}|{v.pattern('meeting.labels')}"
    for m in re.finditer(rf"(?:^|(?<=\s))({labels})\s*:\s*(.*?)(?=\s(?:{labels})\s*:|$)", tok.value):
        label, value = m.group(1), m.group(2).strip(" —–-") or None
        key = v.lookup("sections.fields", label) or v.lookup("meeting.labels", label)
        if value is None:
            state.warn("field-empty", f"field «{label}» has no value", tok.line, "info")
            continue
        state.m.header.fields.append(Field(label=label, key=key, value=value, line=tok.line))
        set_field(state.m.header, key, value, tok.line, state.warn)


# -- sections and blocks ----------------------------------------------------------------------

def _section(state: State, section: tree.Section) -> None:
    head = section.head
    key = None
    if head is not None:
        read = head.reading if head.reading is not None else section_of(head.value)
        key = read.key if read else None
        letter = vocab().table("sections.letters")[read.letter][0] if read and read.letter else None
        state.m.sections.append(Section(letter=letter, key=key, title=head.value, line=head.line))
        if read and read.rest:  # «دستور جلسه: بررسی …» — the section's first content on its own line
            if key == "agenda":
                _agenda_item(state, read.rest, head.line)
            elif key == "resolutions":  # «مصوبات: ۱- …»
                _resolution(state, item_start(read.rest), read.rest, [], head.line)
            else:
                _block(state, key, tree.Paragraph(LineToken.of("PARAGRAPH", head.source, {"PARAGRAPH": None})),
                       text=read.rest)
    state.topic = state.open_parent = None
    for block in section.blocks:
        _block(state, key, block)


def _block(state: State, section: str | None, block: tree.Block, text: str | None = None) -> None:
    match block:
        case tree.Paragraph(token=tok):
            _paragraph(state, section, tok, tok.value if text is None else text)
        case tree.Agenda(items=items):
            for tok in items:
                _agenda_item(state, tok.value, tok.line)
        case tree.FieldLine(token=tok):
            _field(state, tok)
        case tree.Title(token=tok):
            h = state.m.header
            if h.title is None:
                h.title = _canonical_title(tok.value)
                h.session_number = h.session_number or session_number(tok.value)
            else:  # a second title-like line is text
                _paragraph(state, section, tok, tok.value)
        case tree.Attendance(head=head, rows=rows):
            _attendance(state, head, rows)
        case tree.Decisions(intro=intro, items=items):
            state.topic = state.open_parent = None
            if intro is not None:  # «مصوبات:», «موارد زیر مقرر گردید:»
                _intro(state, intro)
            for item in items:
                _block(state, section, item)
        case tree.Item():
            _decision(state, block)
        case tree.Topic(token=tok):  # «امور آموزشی» over the items that follow
            state.topic = tok.reading or tok.value
        case LineToken() if block.type == "DECISION_INTRO":  # an intro inside a «مصوبات» section
            _intro(state, block)
        case tree.OrgHeading(token=tok):
            state.warn("heading-without-speaker", f"heading «{tok.value}» is not followed by a speaker",
                       tok.line, "info")
        case tree.Turn(head=head, paragraphs=paragraphs) if state.report:
            # A report attributes statement by statement: every line is read as prose.
            org = [head.organization] if head.organization is not None else []
            for tok in [*org, *head.tokens, *paragraphs]:
                _paragraph(state, section, tok, tok.value)
        case tree.Turn(head=head, paragraphs=paragraphs):
            # «مقرر گردید …» opening a paragraph under a speaker is the secretary's record of a
            # decision, not the speaker's words: the turn ends there and the rest is read as prose.
            cut = next((i for i, t in enumerate(paragraphs) if _opens_decision(t.value)), len(paragraphs))
            speakers.turn(state, head, paragraphs[:cut])
            for tok in paragraphs[cut:]:
                if _opens_decision(tok.value):
                    _decisions_in_prose(state, tok, tok.value)  # the line's home is its resolution
                else:
                    _paragraph(state, section, tok, tok.value)
        case tree.Table():
            _table(state, block)


def _opens_decision(text: str) -> bool:
    return vocab().rx(r"^\W*(?:<<resolutions.decided>>|<<resolutions.decision_forms>>)(?![\w\u200c])").match(text) is not None


def _paragraph(state: State, section: str | None, tok: LineToken, text: str) -> None:
    h = state.m.header
    if section not in ("subject", "time_place", "attendees", "absentees", "guests"):
        _decisions_in_prose(state, tok, text)
    if state.report and h.title is None and not state.m.turns and state.prose_seen == 0 and headline(text) \
            and not _dateline(state, text):  # a headline stands over the text, not after a paragraph of it
        h.title = text  # the news headline (a dateline where the headline would stand dates the meeting)
        state.headline_line = tok.line
        state.headline_held = held_date_in(text) is not None
    elif section == "subject" and h.subject is None:
        h.subject, number = read_subject(text)
        h.session_number = h.session_number or number
        h.attendees += present_in(text, tok.line)
    elif section in ("attendees", "absentees", "guests"):
        getattr(h, section).extend(_people_in(state, text, tok.line))
    elif section == "time_place" and h.meeting.line is None:
        h.meeting = read_meeting(text, tok.line, state.warn)
    elif text == tok.value and _OUTLINE_LABEL.match(text) and vocab().rx(
            r"^[0-9]+(?:\s*[-–.]\s*[0-9]+)+\s*(?:<<meeting.labels>>)\s*:").match(to_ascii_digits(text)):
        _field(state, tok)  # «۱-۶ رئیس جلسه: …», «1-5 مکان: …»: a labelled field under an outline number
    elif _role_of_field(state, text, tok.line):
        pass  # «سمت: …» under «رئیس جلسه: …»
    elif section not in ("subject", "time_place") and _prose(state, tok, text):
        pass
    else:
        state.warn("unplaced-paragraph", f"paragraph outside any turn or field: kept here: «{text}»",
                   tok.line, "info")


_OUTLINE_LABEL = re.compile(r"^[0-9۰-۹]+(?:\s*[-–.]\s*[0-9۰-۹]+)+\s*\D")


def _role_of_field(state: State, text: str, line: int) -> bool:
    """«سمت: وزیر …» on the line after «رئیس جلسه: …» or «دبیر جلسه: …»: that person's role."""
    fields = state.m.header.fields
    if not fields or fields[-1].key not in ("chair", "secretary") or line - fields[-1].line > 2:
        return False
    m = vocab().rx(r"^(?:<<attendance.columns>>)\s*:\s*(?=\S)").match(text)
    person = getattr(state.m.header, fields[-1].key)
    if not m or person is None or person.role or vocab().lookup("attendance.columns", text[:m.end()].rstrip(" :")) != "role":
        return False
    person.role = text[m.end():].strip()
    fields.append(Field(label=text[:m.end()].rstrip(" :"), key=f"{fields[-1].key}_role", value=person.role, line=line))
    return True


def _prose(state: State, tok: LineToken, text: str) -> bool:
    """A paragraph of prose: the meeting's facts it gives (even when it is also a turn: «… روز
    دوشنبه ۱۴۰۲/۰۳/۱۵ برگزار شد. مهندس … گفت»), then a turn it starts, or the turn it continues."""
    met = _meeting_in_prose(state, _narrative(state, text), tok.line)
    if speakers.attributed(state, tok, text):  # a turn in prose: «سپس آقای … توضیح داد که …»
        return True
    if met:
        return True
    if state.m.turns:
        state.m.turns[-1].text += "\n" + text
        return True
    return False


def _narrative(state: State, text: str) -> str:
    """After the first statements, what a speaker says («… گفت: جلسه … برگزار شد») is not the
    page's account of this meeting: only the words before the quoted speech are."""
    if not state.m.turns:
        return text
    for m in re.finditer(r"[:：]", text):
        if ends_with_speech_verb(text[:m.start()]):
            return text[:m.start()]
    return text


def _dateline(state: State, text: str) -> bool:
    """«📅دوشنبه ۱۳ اردیبهشت ۱۴۰۰» after the page's first prose: a dateline, not a headline."""
    found = meeting_date_in(text, after_prose=state.prose_seen > 0)
    return found is not None and found.dateline


_SAME_REACH = 64  # resolutions a decision stated in prose is compared with, for a restatement


def _decisions_in_prose(state: State, tok: LineToken, text: str) -> None:
    """The meeting's name, and decisions stated in sentences («… مورد تصویب قرار گرفت»), as
    resolutions — in a news report and in minutes written as prose alike.

    A decision stated twice is one: a sentence near-identical to one on another line, or, in a
    report, the lead's first decision restated in the body (the fuller wording is kept, with its
    line; the row stays)."""
    h = state.m.header
    named = meeting_name(text) if h.subject is None and state.report else None
    if named:
        h.subject, number = named
        h.session_number = h.session_number or number
    resolutions = state.m.resolutions
    for sentence in decision_sentences(text):
        found = extract(sentence)
        resolution = Resolution(
            row=len(resolutions) + 1, text=sentence, actor=found.actor, supervisor=found.supervisor,
            deadline=Deadline(text=found.deadline_text), line=tok.line)
        # Compared with the last _SAME_REACH resolutions only: a page restates a decision near
        # it, and comparing each with all before it cost time quadratic in their number (8,000
        # decisions in one paragraph: 2.3 s of 4.7).
        same = next((i for i in range(max(0, len(resolutions) - _SAME_REACH), len(resolutions))
                     if resolutions[i].line != tok.line and same_decision(resolutions[i].text, sentence)), None)
        if same is None and state.report and resolutions and resolutions[0].line != tok.line and \
                same_decision(resolutions[0].text, sentence, lede=True):
            same = 0
        if same is None:
            resolutions.append(resolution)
        elif len(sentence) > len(resolutions[same].text):  # the fuller wording («… با ۱۵ موافق از ۱۷ نفر حاضر …»)
            resolution.row = resolutions[same].row
            resolutions[same] = resolution


def _meeting_in_prose(state: State, text: str, line: int) -> bool:
    """«دهمین جلسه … در ساعت ۱۷ روز دوشنبه ۱۴۰۲/۰۳/۱۵ در محل … تشکیل گردید»: the meeting fields.

    The opening paragraphs may give the date in any sentence; later ones (after boilerplate or
    the first statements) only in a sentence about the meeting («… جلسه … برگزار شد»), or on a
    dateline of their own. A page's stamp is cited, not taken; a day with no year waits for
    ``settle_meeting_date``. «به ریاست …» and «با حضور …» of the opening give chair and attendees."""
    h = state.m.header
    meeting = h.meeting
    state.prose_seen += 1
    opening = not state.m.turns and state.prose_seen <= _MEETING_PARAGRAPHS
    if opening or meeting.date is None:
        h.chair = h.chair or chair_in(text, line)
        if not h.attendees:
            h.attendees += present_in(text, line)
    else:  # later, «با حضور …» adds attendees only in a sentence about this meeting («… با حضور X برگزار شد»)
        h.attendees += [p for p in present_in(text, line, meeting_sentence=True)
                        if not any(_same_attendee(p, q) for q in h.attendees)]
    found = meeting_date_in(text, after_prose=state.prose_seen > 1 or h.title is not None)
    if found is None:
        return False
    if found.stamp:  # cited (its year may serve a date written without one); a line of its own is kept here
        if found.date is not None:  # a line that is only the stamp lives in this diagnostic: quoted whole
            stamp = text.strip() if found.alone else found.text
            state.warn("publication-stamp", f"page date {found.date.isoformat()} «{stamp}»: the page's "
                       "stamp, not the meeting's date", line, "info")
        return found.alone
    if meeting.date is not None and (meeting.date.jalali or found.date is None):
        return False
    # The headline says when the meeting was held («در روز یکشنبه مورخ … جلسه … تشکیل شد»): a date met after
    # the opening is another event's («… در روز ملی سلامت مردان مورخ … توضیح داد»); ``settle_meeting_date``
    # takes the headline's.
    if state.headline_held and not opening:
        return False
    # «… برگزار شد. | روز پنجشنبه ۸۷/۲/۳۱، ساعت ۱۶، سالن … شاهد …»: in the opening paragraphs a
    # sentence that opens with the day and its full date tells when the meeting was held.
    if not (found.dateline or found.in_meeting_sentence or (opening and found.day_lead and found.date is not None)):
        return False
    if meeting.date is not None and not same_day(meeting.date.text or "", found.date):
        return False  # a day with no year, then another day's full date: another event's («کنگره … که طی روزهای ۲۱ تا ۲۳ …»)
    read = read_meeting(text, line, state.warn, found)
    if meeting.date is not None:  # a day with no year, then its full date: the full one
        meeting.date = None
    for name in ("date", "weekday", "time", "time_text", "place", "text", "line"):
        if getattr(meeting, name) is None:
            setattr(meeting, name, getattr(read, name))
    h.session_number = h.session_number or session_number(text)
    return True


def _same_attendee(a: Person, b: Person) -> bool:
    if a.name or b.name:
        return bool(a.name and b.name and a.name.split()[-1] == b.name.split()[-1])
    return a.role == b.role


def _agenda_item(state: State, text: str, line: int) -> None:
    item = item_start(text)
    number = item.number if item is not None and item.kind == "digit" else None
    state.m.agenda.append(AgendaItem(number=number, text=item.text if number is not None else text, line=line))


# -- attendance -------------------------------------------------------------------------------

def _attendance(state: State, head: LineToken, rows: list[LineToken]) -> None:
    key, rest = head.reading or attendance_line(head.value) or ("attendees", "")
    state.m.sections.append(Section(key=key, title=head.value, line=head.line))
    people = getattr(state.m.header, key)
    people += _people_in(state, rest, head.line)
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
                state.attendance_text[tok.line] = tok.value
            read = " ".join(filter(None, (person.honorific, *person.titles, person.name, person.role,
                                          person.organization))) if person else ""
            left = [c.strip() for c in cells if c.strip() and re.sub(r"\W", "", c) not in re.sub(r"\W", "", read)]
            if left:  # a cell that is neither name, role nor organisation is reported, not dropped
                state.warn("attendee-cells", f"cells not read as a person: «{' | '.join(left)}»",
                           tok.line, "info")
            continue
        found = _people_in(state, tok.value, tok.line)
        if not found:
            state.warn("attendee-unread", f"no person read from «{tok.value}»", tok.line)
        people += found


def _people_in(state: State, text: str, line: int) -> list[Person]:
    item = item_start(text)
    found = read_people(item.text if item else text)
    # A «person» with no letter in name or role («<», «-») is not one: say so rather than list it.
    people = [p for p in found if any(ch.isalpha() for ch in (p.name or "") + (p.role or ""))]
    if len(people) < len(found):
        state.warn("attendee-unread", f"not read as people: «{text}»", line, "info")
    for p in people:
        p.line = line
    if people:
        state.attendance_text[line] = text
    return people


# -- resolutions ------------------------------------------------------------------------------

def _intro(state: State, intro: LineToken) -> None:
    state.intro_opens = intro.value.rstrip(" *").endswith((":", "：")) or ends_with_intro(intro.value)
    state.m.sections.append(Section(key="resolutions", title=intro.value, line=intro.line))
    h = state.m.header
    h.session_number = h.session_number or session_number(intro.value)
    if h.title is None and is_heading(intro.value):  # «مصوبات هفتاد و دومین جلسه شورای دانشکده …»
        h.title = intro.value
    if len(intro.value.split()) > _MAX_INTRO_WORDS:  # «… جلسه … در ساعت ۱۸ … تشکیل و تصمیمات به شرح ذیل …:»
        _meeting_in_prose(state, intro.value, intro.line)
    rest = intro.reading if intro.type == "DECISION_INTRO" else None
    if rest:  # «موارد زیر مقرر گردید: ۱- …» — the first item after the colon
        _resolution(state, item_start(rest), rest, [], intro.line)


def _decision(state: State, item: tree.Item) -> None:
    text = [t for t in item.more if t.type != "VOTE"]
    if item.token.type == "PARAGRAPH" and not state.intro_opens:
        # prose under a heading that only names the list («مصوبات دومین جلسه …», no colon): the
        # meeting's story before the decisions, not a decision
        _paragraph(state, "resolutions", item.token, " ".join([item.token.value] + [t.value for t in text]))
        return
    if item.token.type == "DECISION_LINE" and not state.intro_opens and not text and not state.m.resolutions \
            and not _opens_decision(item.token.value):
        # a news headline that names decisions («مصوبات تازه هیئت …»), then the story that states them
        # sentence by sentence («… تشکیل شد. … مقرر شد الف. … مقرر شد ب.»): a resolution per decision
        _paragraph(state, "resolutions", item.token, item.token.value)
        return
    if item.token.type in ("PARAGRAPH", "DECISION_LINE") and not text and state.m.resolutions \
            and _story_then_decision(state, item.token):
        return
    if item.token.type == "PARAGRAPH" and not text:  # prose right after an intro: «الف، ب، ج و د.»
        listed = inline_items(item.token.value, commas=True)
        if len(listed) > 1:
            for part in listed:
                _resolution(state, None, part, [], item.token.line)
            return
    _resolution(state, item.token.reading or item_start(item.token.value), item.token.value, text, item.token.line)
    votes = [t.value for t in item.more if t.type == "VOTE"]
    if votes:  # «۷ موافق، ۲ مخالف»: beside the text, as written
        state.m.resolutions[-1].extra["vote"] = "\n".join(votes)


def _story_then_decision(state: State, tok: LineToken) -> bool:
    """An unnumbered paragraph after the list that tells the meeting's story and then decides
    («در این جلسه آقای … گزارشی … ارائه کرد. … مقرر شد …»): each decision sentence is a
    resolution, the story before it is read as prose (a report, a turn). A paragraph that opens
    with its decision is the list's last item, whole."""
    value = tok.value
    if _opens_decision(value) or item_start(value) is not None:
        return False
    decided = decision_sentences(value)
    at = [value.find(d) for d in decided]
    if not decided or min(at) <= 0:
        return False
    story = value
    for d in decided:
        story = story.replace(d, " ")
    for d in decided:
        _resolution(state, None, d, [], tok.line)
    story = " ".join(story.split())
    if story.strip(" .،"):  # after the list: a turn («آقای … گزارشی … ارائه کرد»), not the meeting's facts
        speakers.attributed(state, tok, story) or state.warn(
            "unplaced-paragraph", f"paragraph outside any turn or field: kept here: «{story}»", tok.line, "info")
    return True


def _resolution(state: State, read, written: str, more: list[LineToken], line: int) -> None:
    """A list item: numbered as written (letters and bullets by position), its text with the
    continuation lines, and what the text says of actor, supervisor and deadline. Lettered
    items under a numbered one that ends with a colon («۳. سرفصل‌های ذیل …:» then «الف – …»)
    are its parts, not resolutions of their own."""
    text = " ".join([read.text if read is not None else written] + [t.value for t in more]).strip()
    kind = read.kind if read is not None else None
    parent = state.open_parent
    if parent is not None and state.open_members and _member_line(read.text if read is not None else written):
        parent.text += "\n" + " ".join([written.strip()] + [t.value for t in more])  # «۱- وزیر کشور» under «… افراد زیر …:»
        return
    if parent is not None and kind == "letter":
        parent.text += "\n" + " ".join([written.strip()] + [t.value for t in more])  # as written, letter kept
        found = extract(parent.text)
        parent.actor, parent.supervisor = parent.actor or found.actor, parent.supervisor or found.supervisor
        parent.deadline = parent.deadline if parent.deadline.text else Deadline(text=found.deadline_text)
        return
    number = read.number if kind in ("digit", "word") else None
    if number is None:
        number = len(state.m.resolutions) + 1
    text, ended = closing_tail(text)
    if ended:  # the last item's line also ends the meeting: the end time, and the sentence in the closing
        state.m.header.meeting.end_time = state.m.header.meeting.end_time or read_time(ended)[0]
        state.m.closing.text = state.m.closing.text or ended
        state.m.closing.line = state.m.closing.line or line
    found = extract(text)
    resolution = Resolution(row=number, text=text, topic=state.topic, actor=found.actor, supervisor=found.supervisor,
                            deadline=Deadline(text=found.deadline_text), line=line)
    state.m.resolutions.append(resolution)
    members = text.endswith(":") and vocab().rx("<<resolutions.members_intro>>").search(text) is not None
    state.open_parent = resolution if (kind in ("digit", "word") or members) and text.endswith(":") else None
    state.open_members = members


def _member_line(text: str) -> bool:
    """«وزیر کشور», «آقای محمد رضایی مدیر مالی», «چهار نفر از استانداران»: a short line naming a
    member, with no decision in it."""
    return len(text.split()) <= _MAX_MEMBER_WORDS and not text.rstrip(" .").endswith(":") and \
        _res_decided().search(text) is None


def _res_decided():
    return vocab().rx("<<resolutions.decided>>|<<resolutions.decision_forms>>")


def _table(state: State, table: tree.Table) -> None:
    m = state.m
    if table.title is not None and m.resolution_list is None:
        m.resolution_list = ResolutionList(title=table.title.value, date=date_ref(table.title.value),
                                           line=table.title.line)
    elif table.title is not None:  # a second table's title: reported, not dropped
        state.warn("table-header", f"another table's title: «{table.title.value}»", table.title.line, "info")
    above: dict[str, str] = {}  # the row above's cells, for a ditto cell («〃», a merged Word cell)
    for tok in table.rows:
        if tok.type == "TABLE_HEAD":
            if m.resolution_list is None:
                m.resolution_list = ResolutionList(line=tok.line)
            if not m.resolution_list.columns:
                m.resolution_list.columns = tok.value.split("\t")
            else:
                state.warn("table-header", f"another table header: «{tok.value.replace(chr(9), ' | ')}»",
                           tok.line, "info")
            continue
        columns = tok.source.columns
        if not columns:
            state.warn("table-row-without-header", "table row with no header above it", tok.line)
            continue
        cells = dict(zip(columns, tok.value.split("\t")))
        cells = {k: above.get(k, "") if vocab().lookup("tables.ditto", v.strip()) else v for k, v in cells.items()}
        above = cells
        extra = {k[6:]: v for k, v in cells.items() if k.startswith("extra:") and v}
        if extra:
            state.warn("table-extra-columns", f"columns kept in 'extra': {', '.join(extra)}", tok.line, "info")
        m.resolutions.append(Resolution(
            row=_int(cells.get("row")), text=cells.get("text") or "", topic=state.shared(cells.get("topic")),
            actor=state.shared(cells.get("actor")), supervisor=state.shared(cells.get("supervisor")),
            deadline=Deadline(text=state.shared(cells.get("deadline"))), extra=extra, line=tok.line))


# -- the whole document -----------------------------------------------------------------------

def _finish(state: State) -> Minutes:
    m = state.m
    settle_meeting_date(m, state.diagnostics, state.warn, report=state.report, top=state.top_lines)  # first: ids and deadlines need it
    declared = m.closing.declared_resolution_count
    if declared is not None and declared != len(m.resolutions):
        state.warn("resolution-count-mismatch",
                   f"the minutes declare {declared} resolutions but {len(m.resolutions)} rows were read",
                   m.closing.line)
    stamp = m.header.meeting.date.jalali if m.header.meeting.date and m.header.meeting.date.jalali else "undated"
    meeting = to_jalali(stamp) if stamp != "undated" else None
    seen: set[str] = set()
    for i, r in enumerate(m.resolutions, 1):
        # Deadlines resolve here, once the meeting date is known wherever it was written.
        r.deadline, problem = explain_deadline(r.deadline.text, meeting_date=meeting)
        if problem:
            state.warn("deadline-invalid", problem, r.line)
        r.id = f"{stamp}-s{m.header.session_number or 0}-r{r.row if r.row is not None else f'x{i}'}"
        if r.id in seen:  # two rows with one number: keep both, distinct, and say so
            state.warn("resolution-row-duplicate", f"row number {r.row} is used twice; id made distinct", r.line)
            r.id = f"{r.id}-{i}"
        seen.add(r.id)
        r.actors = split_actors(r.actor)  # one letter per body: «شهرداری و فرمانداری» is two
        if not r.actor:
            state.warn("resolution-without-actor", f"مصوبه بدون مسئول: row {r.row}", r.line)
        if r.deadline.kind == "none":
            state.warn("resolution-without-deadline", f"مصوبه بدون مهلت: row {r.row}", r.line)
    listed = m.header.attendees
    m.header.attendees = merge_people(listed)  # the opening's «با حضور …» and the list below
    # A line whose people were all listed before (a list repeated after a page break) is in no
    # attendee now: its text lives in a diagnostic.
    for line in sorted({p.line for p in listed} - {p.line for p in m.header.attendees} - {None}):
        if line in state.attendance_text:
            state.warn("attendee-repeated", f"everyone on this line is listed before: «{state.attendance_text[line]}»",
                       line, "info")
    m.diagnostics = state.diagnostics
    return m


def _canonical_title(text: str) -> str:
    v = vocab()
    hit = v.key_at_start("sections.title", text)
    if hit:
        return (v.table("sections.title")[hit[0]][0] + " " + text[len(hit[1]):].strip()).strip()
    return text


def _int(text: str | None) -> int | None:
    m = re.match(r"^\s*([0-9]+)\s*$", to_ascii_digits(text or ""))
    return int(m.group(1)) if m else None
