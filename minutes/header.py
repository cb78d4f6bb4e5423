"""Read the header's prose fields: the subject (with the session number) and the
meeting's time, weekday, date and place.

«ساعت ۱۱ صبح روز سه‌شنبه ۹۹/۱۱/۲۱ سالن شهید دقایقی …» → time 11:00, weekday
سه‌شنبه, date 1399-11-21 (Gregorian 2021-02-09), place «سالن شهید دقایقی …».
"""

from __future__ import annotations

import re
from typing import Callable

from .deadlines import find_date, find_weekday
from .models import DateRef, Meeting
from .normalize import to_ascii_digits
from .numbers import ordinal_pattern, parse_ordinal
from .vocab import vocab

__all__ = ["read_subject", "read_meeting", "read_time", "session_number"]

Warn = Callable[..., None]


def session_number(text: str) -> int | None:
    """«ششمین نشست …» → 6, «جلسه ۱۲» → 12."""
    v = vocab()
    m = re.search(rf"({ordinal_pattern()})\s+(?:{v.pattern('meeting.session_words')})", text)
    if m:
        return parse_ordinal(m.group(1))
    m = re.search(rf"(?:{v.pattern('meeting.session_words')})\s+(?:شماره\s+)?([0-9۰-۹]+)(?![/0-9۰-۹])", text)
    return int(to_ascii_digits(m.group(1))) if m else None


def read_subject(text: str) -> tuple[str, int | None]:
    return text, session_number(text)


def read_time(text: str) -> tuple[str | None, str | None, int, int]:
    """(HH:MM, the words it came from, start, end) or (None, None, 0, 0)."""
    v = vocab()
    m = re.search(
        rf"(?:{v.pattern('meeting.time_label')})\s*([0-9۰-۹]{{1,2}})(?:\s*[:.]\s*([0-9۰-۹]{{2}}))?"
        rf"(?:\s*(?:و\s*)?([0-9۰-۹]{{1,2}})\s*دقیقه)?(?:\s+({v.pattern('meeting.day_parts')}))?", text)
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
        meeting.date = DateRef(jalali=f"{d.year:04d}-{d.month:02d}-{d.day:02d}",
                               gregorian=d.togregorian().isoformat(), text=text[start:end])
        if weekday is not None and d.weekday() != weekday:
            warn("weekday-mismatch", f"«{meeting.weekday}» is written beside {text[start:end]}, "
                 f"which falls on another weekday; both are kept", line)
        rest_from = max(rest_from, end)
    place = text[rest_from:].strip(" ،,.-")
    label = v.key_at_start("meeting.place_labels", place)
    if label:
        place = place[len(label[1]):].strip(" :،,")
    if not place:
        m = re.search(rf"(?:{v.pattern('meeting.place_labels')})\s*:\s*(.+)$", text)
        place = m.group(1).strip() if m else ""
    meeting.place = place or None
    return meeting
