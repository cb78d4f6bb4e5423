"""Read the header's prose fields: the subject (with the session number) and the
meeting's time, weekday, date and place.

«ساعت ۱۱ صبح روز سه‌شنبه ۹۹/۱۱/۲۱ سالن شهید دقایقی …» → time 11:00, weekday
سه‌شنبه, date 1399-11-21 (Gregorian 2021-02-09), place «سالن شهید دقایقی …».
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from ..dates.deadlines import find_date, find_weekday
from .attendance import read_people, read_person
from ..models import DateRef, Header, Meeting, Person
from ..text.normalize import to_ascii_digits
from ..text.numbers import ordinal_pattern, parse_ordinal
from ..text.vocab import vocab

__all__ = ["date_ref", "read_subject", "read_meeting", "read_time", "session_number", "present_in", "set_field"]

Warn = Callable[..., None]


def _ref(d, written: str) -> DateRef:
    return DateRef(jalali=f"{d.year:04d}-{d.month:02d}-{d.day:02d}", gregorian=d.togregorian().isoformat(),
                   text=written)


def date_ref(text: str | None) -> DateRef | None:
    """The first date written in ``text`` with its Jalali and Gregorian forms; text only if none."""
    if not text:
        return None
    found = find_date(text)
    if not found:
        return DateRef(text=text)
    d, start, end = found
    return _ref(d, text[start:end])


@lru_cache(maxsize=1)
def _session_ordinal_re() -> re.Pattern:
    return re.compile(rf"({ordinal_pattern()})\s+(?:{vocab().pattern('meeting.session_words')})")


def session_number(text: str) -> int | None:
    """«ششمین نشست …» → 6, «جلسه ۱۲» → 12."""
    v = vocab()
    m = _session_ordinal_re().search(text)
    if m:
        return parse_ordinal(m.group(1))
    m = v.rx(r"(?:<<meeting.session_words>>)\s+(?:(?:<<meeting.number_word>>)\s+)?([0-9۰-۹]+)(?![/0-9۰-۹])").search(text)
    return int(to_ascii_digits(m.group(1))) if m else None


def read_subject(text: str) -> tuple[str, int | None]:
    return text, session_number(text)


def read_time(text: str, *, labelled: bool = True) -> tuple[str | None, str | None, int, int]:
    """(HH:MM, the words it came from, start, end) or (None, None, 0, 0).

    ``labelled``: the hour must follow «ساعت»; a field value («ساعت شروع: ۹:۳۰») needs no label."""
    v = vocab()
    label = rf"(?:{v.pattern('meeting.time_label')})\s*" if labelled else r"(?:^|(?<=\s))"
    m = re.search(
        rf"{label}([0-9۰-۹]{{1,2}})(?:\s*[:.]\s*([0-9۰-۹]{{2}}))?"
        rf"(?:\s*(?:(?:{v.pattern('meeting.and_word')})\s*)?([0-9۰-۹]{{1,2}})\s*(?:{v.pattern('meeting.minute_word')}))?"
        rf"(?:\s+({v.pattern('meeting.day_parts')}))?", text)
    if not m:
        return None, None, 0, 0
    hour = int(to_ascii_digits(m.group(1)))
    minute = int(to_ascii_digits(m.group(2) or m.group(3) or "0"))
    part = v.lookup("meeting.day_parts", m.group(4)) if m.group(4) else None
    if part == "pm" and 1 <= hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        return None, m.group(0), m.start(), m.end()
    return f"{hour:02d}:{minute:02d}", m.group(0), m.start(), m.end()


def read_meeting(text: str, line: int, warn: Warn) -> Meeting:
    v = vocab()
    meeting = Meeting(text=text, line=line)
    meeting.time, meeting.time_text, _, t_end = read_time(text)
    weekday = find_weekday(text)
    if weekday is not None:
        key = list(v.table("dates.weekdays"))[weekday]
        meeting.weekday = v.table("dates.weekdays")[key][0]
    found = find_date(text)
    rest_from = t_end
    if found:
        d, start, end = found
        meeting.date = _ref(d, text[start:end])
        if weekday is not None and d.weekday() != weekday:
            warn("weekday-mismatch", f"«{meeting.weekday}» is written beside {text[start:end]}, "
                 f"which falls on another weekday; both are kept", line)
        rest_from = max(rest_from, end)
    place = text[rest_from:].strip(" ،,.-")
    lead = v.key_at_start("meeting.place_lead", place)
    if lead:
        place = place[len(lead[1]):].strip()
    label = v.key_at_start("meeting.place_labels", place)
    if label:
        place = place[len(label[1]):].strip(" :،,")
    place = v.rx(r"\s*(?:<<meeting.place_end>>)\s*[.]?\s*$").sub("", place).strip(" ،,.")
    stop = v.rx(r"\s(?:<<meeting.place_stops>>)(?![\w\u200c])").search(place)
    if stop:
        place = place[:stop.start()].strip(" ،,.")
    if not place:
        m = v.rx(r"(?:<<meeting.place_labels>>)\s*:\s*(.+)$").search(text)
        place = m.group(1).strip() if m else ""
    meeting.place = place or None
    return meeting


def present_in(text: str, line: int) -> list[Person]:
    """People named after «با حضور» in a subject or first paragraph, each with role."""
    m = vocab().rx("<<meeting.presence>>").search(text)
    if not m:
        return []
    # Only people the text names as people: «با حضور اکثریت اعضا» names nobody.
    people = [p for p in read_people(text[m.start():]) if p.honorific or p.titles or p.role]
    for p in people:
        p.line = line
    return people


def _date_into(meeting: Meeting, value: str, line: int, warn: Warn) -> None:
    v = vocab()
    found = find_date(value)
    weekday = find_weekday(value)
    if weekday is not None:
        meeting.weekday = v.table("dates.weekdays")[list(v.table("dates.weekdays"))[weekday]][0]
    if not found:
        warn("date-unread", f"no date read from «{value}»", line)
        return
    d, start, end = found
    meeting.date = _ref(d, value[start:end])
    if weekday is not None and d.weekday() != weekday:
        warn("weekday-mismatch", f"«{meeting.weekday}» is written beside {value[start:end]}, "
             "which falls on another weekday; both are kept", line)


def set_field(header: Header, key: str | None, value: str, line: int, warn: Warn) -> None:
    """Fill ``header`` from one labelled field («تاریخ جلسه: ۱۴۰۲/۰۳/۰۶»)."""
    meeting = header.meeting
    if key not in ("number", "date", "attachment", "subject"):  # letterhead fields are not the meeting's
        meeting.line = meeting.line or line
    if key == "number":
        header.number = value
    elif key == "date":
        header.date = date_ref(value)
    elif key == "attachment":
        header.attachment = value
    elif key == "subject":
        header.subject = value
        header.session_number = header.session_number or session_number(value)
        header.attendees += present_in(value, line)
    elif key in ("meeting_date", "day_date"):
        _date_into(meeting, value, line, warn)
    elif key == "when":  # «زمان: سه‌شنبه ۳ مهر ۱۴۰۲، ساعت ۱۰ صبح»
        if find_date(value):
            _date_into(meeting, value, line, warn)
        clock, words, _, _ = read_time(value)
        if clock is None and not find_date(value):
            clock, words, _, _ = read_time(value, labelled=False)
        meeting.time, meeting.time_text = meeting.time or clock, meeting.time_text or words
    elif key in ("start_time", "end_time"):
        clock, words, _, _ = read_time(value, labelled=False)
        if clock is None:
            warn("time-unread", f"no time read from «{value}»", line)
        if key == "start_time":
            meeting.time, meeting.time_text = clock, value
        else:
            meeting.end_time = clock
    elif key == "place":
        meeting.place = value
    elif key in ("chair", "secretary"):
        person = read_person(value) or Person(name=value)
        person.line = line
        setattr(header, key, person)
    elif key == "session_number":
        digits = re.match(r"^\s*([0-9۰-۹]+)", value)
        header.session_number = int(to_ascii_digits(digits.group(1))) if digits else parse_ordinal(value)
