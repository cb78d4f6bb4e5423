"""Read the header's prose fields: the subject (with the session number) and the
meeting's time, weekday, date and place.

«ساعت ۱۱ صبح روز سه‌شنبه ۹۹/۱۱/۲۱ سالن شهید دقایقی …» → time 11:00, weekday
سه‌شنبه, date 1399-11-21 (Gregorian 2021-02-09), place «سالن شهید دقایقی …».
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import jdatetime

from ..dates.deadlines import find_date, find_dates, find_weekday
from .attendance import named, present_after, read_people, read_person
from .place import place_in
from ..models import DateRef, Header, Meeting, Minutes, Person
from ..text.normalize import to_ascii_digits
from ..text.numbers import cardinal_pattern, fold, ordinal_pattern, parse_cardinal, parse_ordinal
from ..text.vocab import vocab

__all__ = ["date_ref", "read_subject", "read_meeting", "read_time", "session_number", "present_in", "set_field",
           "DateFind", "meeting_date_in", "held_date_in", "chair_in", "settle_meeting_date", "same_day"]

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


def read_meeting(text: str, line: int, warn: Warn, found: "DateFind | None" = None) -> Meeting:
    """The meeting's time, weekday, date and place from one sentence; ``found``: its date, when
    the caller has already chosen it (``meeting_date_in``)."""
    v = vocab()
    meeting = Meeting(text=text, line=line)
    meeting.time, meeting.time_text, _, t_end = read_time(text)
    weekday = find_weekday(text)
    if weekday is not None:
        key = list(v.table("dates.weekdays"))[weekday]
        meeting.weekday = v.table("dates.weekdays")[key][0]
    if found is None:  # a «زمان و مکان» section: any date written there is the meeting's
        found = meeting_date_in(text)
        if found is not None:
            found.stamp = False
    rest_from = t_end
    if found is not None and not found.stamp:
        meeting.date = _ref_of(found)
        d, start, end = found.date, found.start, found.end
        if d is not None and weekday is not None and d.weekday() != weekday:
            warn("weekday-mismatch", f"«{meeting.weekday}» is written beside {text[start:end]}, "
                 f"which falls on another weekday; both are kept", line)
        if found.two_days:
            warn("meeting-two-days", f"the meeting ran over several days («{found.text}»); the first day is kept",
                 line, "info")
        rest_from = max(rest_from, end)
    place = place_in(text[rest_from:].strip(" ،,.-"))
    if not place:
        m = v.rx(r"(?:<<meeting.place_labels>>)\s*:\s*(.+)$").search(text)
        place = m.group(1).strip() if m else ""
    meeting.place = place or None
    return meeting


def present_in(text: str, line: int, *, meeting_sentence: bool = False) -> list[Person]:
    """People named after «با حضور» in a subject or first paragraph, each with role; or, with no
    «با حضور», a list before «حضور داشتند» («… که A، B و C حضور داشتند»). With
    ``meeting_sentence``, only when that sentence is about the meeting («… جلسه … برگزار شد»),
    not another one («جلسه بعدی …») nor an event a speaker tells of."""
    m = vocab().rx("<<meeting.presence>>").search(text)
    if meeting_sentence:
        res = _date_res()
        hit = m or res["after_verb"].search(fold(text))
        if hit is None:
            return []
        sentence = fold(_sentence(text, hit.start(), hit.start()))
        if not res["held_past"].search(sentence) or res["other"].search(sentence):
            return []  # «… جلسه‌ای با حضور X برگزار شود» is a meeting to come
    # Only people the text names as people: «با حضور اکثریت اعضا» names nobody.
    people = [p for p in read_people(text[m.start():]) if named(p)] if m else present_after(text)
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
        yearless = find_dates(value)
        if yearless:  # «تاریخ جلسه: ۷ خرداد»: the year is looked for once the document is read
            meeting.date = DateRef(text=value[yearless[0][3]:yearless[0][4]])
            return
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
        column = vocab().rx(r"^(?:<<attendance.columns>>)\s*:\s*").match(value)  # «نام و نام خانوادگی: …»
        if column and vocab().lookup("attendance.columns", value[:column.end()].rstrip(" :")) == "name":
            value = value[column.end():]
        person = read_person(value) or Person(name=value)
        person.line = line
        setattr(header, key, person)
    elif key == "session_number":
        digits = re.match(r"^\s*([0-9۰-۹]+)", value)
        header.session_number = int(to_ascii_digits(digits.group(1))) if digits else parse_ordinal(value)


# -- the meeting's date in prose ----------------------------------------------------------------

_GREGORIAN_FROM = 1600  # a four-digit year from here on is Gregorian: a page's stamp, not a minute's date
_CITATION_REACH = 60  # characters before a date in which «نامه … مورخ» makes it another paper's date
_YEAR_REACH = 183  # days: a year is borrowed from another date only if it puts the meeting this close
_MAX_DAYS = 6  # «۵ تا ۷ خرداد»: at most this many days apart is one meeting over several days
# The dates ``meeting_date_in`` weighs in one text, and the characters before a date it reads for
# a first day («دوم و سوم اسفند»). Weighing a date reads the text around it, so without a bound a
# paragraph of dates cost time quadratic in its length («مورخ ۱۴۰۲/۰۱/۰۱ » repeated: 60,000
# characters, 25 s); the meeting's date comes among the first a text gives.
_MOST_DATES = 64
_FIRST_DAY_REACH = 200  # a day and a joiner («بیست و دوم و ») in normalized text: far less
_CHAIR_WORDS = 12
# A sentence ends at «.», «!», «؟» or a line break — or at a zero typed for the full stop right after a word
# («… برگزارگردید0دراین جلسه …», «… رسید0»; a typewriter habit), which no number begins or ends that way.
_SENTENCE_END = re.compile(r"[.!؟?](?=\s|$)|\n|(?<=[^\W\d_])[0۰](?=[^\W\d_]|\s|$)")
_CLOCK = re.compile(r"^[\s\-–—,،|]*(?:[0-9]{1,2}\s*:\s*[0-9]{2})")
_STAMP_MESSAGE = re.compile(r"page date ([0-9]{4}-[0-9]{2}-[0-9]{2})")


@dataclass
class DateFind:
    """A date found in a sentence, and what it is. ``date`` is None when no year is written."""

    date: jdatetime.date | None
    month: int
    day: int
    start: int
    end: int
    text: str  # as written; both days of a two-day meeting
    stamp: bool = False  # the page's own date («تاریخ انتشار: …», a date and its clock, a bare date line)
    dateline: bool = False  # a line of its own naming the day («شنبه مورخ ۱۷ دی ۱۴۰۱»)
    in_meeting_sentence: bool = False  # «… جلسه … برگزار شد»
    two_days: bool = False  # «دوم و سوم اسفند»: the first day is kept
    alone: bool = False  # the line holds nothing but the date (and its weekday, label, clock)
    day_lead: bool = False  # the sentence opens with its day and this date («روز سه‌شنبه ۹۶/۴/۱۲، ساعت ۱۰، …»)


@lru_cache(maxsize=1)
def _date_res() -> dict[str, re.Pattern]:
    v = vocab()
    day = rf"[0-9]{{1,2}}|{ordinal_pattern()}|{cardinal_pattern()}"
    w, e = r"(?<![\w\u200c])", r"(?![\w\u200c])"
    return {
        "decision": v.rx(rf"{w}(?:<<resolutions.decided>>|<<resolutions.decision_forms>>|<<report.decisions>>){e}"),
        "citation": v.rx(rf"{w}(?:<<meeting.date_citations>>){e}"),
        "session": v.rx(rf"{w}(?:<<meeting.session_words>>|<<meeting.held_words>>)"),
        "other": v.rx(rf"{w}(?:<<meeting.session_words>>)\s+(?:<<meeting.other_meeting>>){e}"),
        "label": v.rx(rf"{w}(?:<<meeting.stamp_labels>>)\s*[:：]?\s*(?:(?:<<dates.weekdays>>)\s*[,،]?\s*)?$"),
        "deadline": v.rx(rf"{w}(?:<<meeting.deadline_lead>>)\s*$"),
        "first_day": v.rx(rf"(?:(?<![0-9])(?=[0-9])|{w}(?![0-9]))(?P<d1>{day})\s*(?:<<meeting.day_joiners>>)\s*$"),
        "joiner": v.rx(rf"^\s*(?:<<meeting.day_joiners>>)\s*$"),
        "filler": v.rx(rf"{w}(?:<<meeting.date_words>>|<<dates.weekdays>>|<<meeting.stamp_labels>>"
                       rf"|<<meeting.today_banner>>){e}"),
        "dated": v.rx(rf"{w}(?:<<dates.weekdays>>|<<meeting.date_words>>){e}"),
        "today": v.rx(rf"^[^\w]*(?:<<meeting.today_banner>>){e}"),
        "four": re.compile(r"[0-9]{4}"),
        "paren_cite": v.rx(rf"\s*(?:<<meeting.paren_citations>>){e}"),
        "afghan_month": v.rx(rf"{w}(?:<<dates.afghan_months>>){e}"),
        "afghan": v.rx(rf"{w}(?P<day>[0-9]{{1,2}}|{ordinal_pattern()})\s*(?P<month><<dates.afghan_months>>)"
                       rf"(?:\s*(?:<<dates.month_word>>))?\s*(?:(?:<<dates.year_word>>)\s*)?"
                       rf"(?P<year>[0-9]{{4}}|[0-9]{{2}})(?![0-9])"),
        "held": v.rx(rf"{w}(?:<<meeting.held_words>>)"),
        "title_word": v.rx(rf"{w}(?:<<sections.title>>)"),  # «… صورت‌جلسه هیئت‌مدیره …»: «جلسه» is glued there
        "held_past": v.rx(rf"{w}(?:<<meeting.held_words>>)\s*(?:<<meeting.held_past>>){e}"),
        "after_verb": v.rx(rf"{w}(?:<<attendance.presence_after>>){e}"),
    }


def _find_dates(text: str) -> list:
    """``find_dates``, and the dates Dari minutes write with the Afghan names of the solar months
    («روز شنبه مورخ ۱۱ حوت ۱۳۹۷»): a day, the month, a year (``dates.afghan_months``)."""
    found = find_dates(text)
    res = _date_res()
    if not res["afghan_month"].search(text):
        return found
    v = vocab()
    for m in res["afghan"].finditer(fold(text)):
        key = v.lookup("dates.afghan_months", m.group("month"))
        day = _day_number(m.group("day"))
        year = int(m.group("year"))
        year += 0 if year >= 1000 else (1300 if year >= 50 else 1400)
        try:
            d = jdatetime.date(year, list(v.table("dates.months")).index(key) + 1, day or 0)
        except (ValueError, TypeError):
            continue
        found.append((d, d.month, d.day, m.start(), m.end()))
    return sorted(found, key=lambda f: f[3])


def _sentence(text: str, start: int, end: int) -> str:
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[(ends[-1] if ends else 0): (after.start() if after else len(text))]


def _day_number(raw: str) -> int | None:
    raw = to_ascii_digits(raw)
    return int(raw) if raw.isdigit() else (parse_ordinal(raw) or parse_cardinal(raw))


def meeting_date_in(text: str, *, after_prose: bool = True) -> DateFind | None:
    """The date a sentence gives the meeting, or a page stamp when that is all the text holds.

    Skipped: a date in a citation («نامه شماره ۱۲ مورخ …», «مصوبه مورخ …»), a deadline
    («تا ۱۵ خرداد»), a date after a decision in its sentence («مقرر شد نشست بعدی پنجم اردیبهشت …»),
    a Gregorian date. A stamp is a date after a page label («تاریخ انتشار:»),
    a date followed by its clock («۱۵ تیر ۱۴۰۰ ۲۲:۱۱»), or a line holding only a date — unless,
    after the page's prose has begun (``after_prose``), that line names the day («شنبه مورخ ۱۷ دی
    ۱۴۰۱»): that is the report's dateline. Two days («دوم و سوم اسفند ۱۴۰۲») give the first."""
    if not text:
        return None
    res, folded = _date_res(), fold(text)
    found = _find_dates(text)
    first_stamp = None
    for i, (d, month, day, start, end) in enumerate(found[:_MOST_DATES]):
        before = folded[:start]
        written = text[start:end]
        two = res["first_day"].search(folded, max(0, start - _FIRST_DAY_REACH), start)
        d1 = _day_number(two.group("d1")) if two else None
        if d1 is None or not 0 < day - d1 <= _MAX_DAYS:
            two = None
        if two is None and res["deadline"].search(before[-20:]):
            continue
        clause = _SENTENCE_END.split(before)[-1]
        if res["decision"].search(clause):
            continue  # «… مقرر شد نشست بعدی پنجم اردیبهشت برگزار شود»: a date the decision sets
        cited = None
        for cited in res["citation"].finditer(before, max(0, start - _CITATION_REACH)):
            pass
        if cited is not None and not res["session"].search(before, cited.end()):
            continue
        paren = before.rfind("(")
        if paren > before.rfind(")") and ")" in folded[end:] and res["paren_cite"].match(folded, paren + 1) \
                and not res["session"].search(before, paren):
            continue  # «(مصوب بند ۳۳ صورتجلسه ۱۷۸ …، مورخ ۶/۸/۹۳)»; «(مصوب … جلسه مورخ …)» names the session
        hit = DateFind(d, month, day, start, end, written)
        hit.alone = alone = not re.search(r"[^\W\d_]", _CLOCK.sub(
            "", res["filler"].sub(" ", folded[:start] + " " + folded[end:]).strip(" \t|-–—,،:")))
        four = res["four"].search(to_ascii_digits(written))
        gregorian = four is not None and int(four.group(0)) >= _GREGORIAN_FROM
        if gregorian or res["label"].search(before) or _CLOCK.match(folded, end):
            hit.stamp = True
        elif alone:
            names_day = res["dated"].search(folded) is not None
            if after_prose and names_day and not res["today"].match(folded):
                hit.dateline = True
            else:
                hit.stamp = True
        if hit.stamp:
            first_stamp = first_stamp or hit
            continue
        # «دوم و سوم اسفند ماه ۱۴۰۲», «۵ تا ۶ خرداد»: the first day
        if two:
            hit.day, hit.start, hit.two_days = d1, two.start(), True
            hit.text = text[two.start():end]
            if d is not None:
                hit.date = jdatetime.date(d.year, d.month, d1)
        elif i + 1 < len(found) and res["joiner"].match(folded[end:found[i + 1][3]]):
            nxt = found[i + 1]  # «۱۴۰۲/۰۳/۱۵ و ۱۴۰۲/۰۳/۱۶»
            if nxt[0] is not None and d is not None and 0 < (nxt[0] - d).days <= _MAX_DAYS:
                hit.two_days, hit.end, hit.text = True, nxt[4], text[start:nxt[4]]
        sentence = fold(_sentence(text, hit.start, hit.end))
        hit.in_meeting_sentence = bool(res["session"].search(sentence)) and not res["other"].search(sentence)
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, hit.start)]
        lead = folded[(ends[-1] if ends else 0): hit.start]
        hit.day_lead = bool(res["dated"].search(lead)) and not re.search(r"[^\W\d_]", res["filler"].sub(" ", lead))
        return hit
    return first_stamp


def held_date_in(text: str) -> DateFind | None:
    """«در روز یکشنبه مورخ ۱۶/۱۲/۱۳۸۸ سومین جلسه شورا … تشکیل شد»: a full date in a sentence that says the
    meeting was held (a session word, a held word in the past), or None."""
    found = meeting_date_in(text, after_prose=False)
    if found is None or found.stamp or found.date is None or not found.in_meeting_sentence:
        return None
    return found if _date_res()["held_past"].search(fold(_sentence(text, found.start, found.end))) else None


def _month_day(written: str) -> tuple[int, int] | None:
    """(month, first day) of a date written without a year («دوم و سوم اسفند ماه» → (12, 2))."""
    for full, month, day, start, _ in find_dates(written):
        if full is None:
            two = _date_res()["first_day"].search(fold(written)[:start])
            d1 = _day_number(two.group("d1")) if two else None
            return month, (d1 if d1 is not None and 0 < day - d1 <= _MAX_DAYS else day)
    return None


def same_day(written: str, d: jdatetime.date) -> bool:
    """Is ``d`` the day and month ``written`` names without a year («۲۵ شهریور» and 1403-06-25)?"""
    md = _month_day(written)
    return md is not None and md == (d.month, d.day)


def _ref_of(found: DateFind) -> DateRef:
    if found.date is None:
        return DateRef(text=found.text)
    return _ref(found.date, found.text)


# -- the chair ----------------------------------------------------------------------------------

def chair_in(text: str, line: int | None = None) -> Person | None:
    """«… به ریاست حجت‌الله نصیری فرماندار شهرستان و با حضور …» → the chair (name and role);
    «به ریاست فرماندار» gives a role only."""
    v = vocab()
    folded = fold(text)
    m = v.rx(r"(?<![\w\u200c])(?:<<meeting.chair_lead>>)\s+").search(folded)
    if not m:
        return None
    rest = text[m.end():]
    stop = v.rx(r"(?:^|\s)(?:<<meeting.chair_stops>>)(?![\w\u200c])|[.؛;:(]").search(fold(rest))
    words = rest[: stop.start() if stop else len(rest)].split()
    while words and v.lookup("people.role_generic", words[0]):  # Dari «تحت ریاست محترم X»
        words = words[1:]
    span = " ".join(words[:_CHAIR_WORDS])
    people = read_people(span) if span else []
    if not people:
        return None
    person = people[0]
    person.line = line
    return person


# -- settling the date once the whole document is read --------------------------------------------

def _borrow_year(month: int, day: int, ref: jdatetime.date, before: bool) -> jdatetime.date | None:
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = jdatetime.date(y, month, day)
        except ValueError:
            continue
        if before and d > ref:
            continue
        if abs((d - ref).days) <= _YEAR_REACH and (best is None or abs((d - ref).days) < abs((best - ref).days)):
            best = d
    return best


def _headline_date(texts: list[str], title: str | None) -> DateFind | None:
    """The date of a headline about the meeting (a session word, or «صورتجلسه»), or of the minutes' title."""
    for text in texts:
        if not text or not (text is title or _date_res()["session"].search(fold(text))
                            or _date_res()["title_word"].search(fold(text))):
            continue
        found = meeting_date_in(text, after_prose=False)
        if found is not None and not found.stamp and found.date is not None:
            return found
    return None


def _opening_decision_date(m: Minutes) -> DateFind | None:
    """«۳- مصوبات:» then «چهارمین اجلاس … در ساعت ۹:۱۵ صبح چهارشنبه ۲۸/۷/۷۸ … تشکیل شد»: the
    sentence under the intro, read as its first decision, is the one that dates the meeting."""
    if not m.resolutions:
        return None
    text = m.resolutions[0].text
    found = meeting_date_in(text)
    if found is not None and found.in_meeting_sentence and not found.stamp and found.date is not None and \
            _date_res()["held"].search(fold(_sentence(text, found.start, found.end))):
        return found
    return None


def settle_meeting_date(m: Minutes, diagnostics: list, warn: Warn, *, report: bool,
                        top: list[str] | None = None) -> None:
    """Once the whole document is read: a meeting date only in the headline or title is the
    meeting's; a day and month with no year take the year from the page's stamp, the letter's
    date or another full date of the document when that puts them within half a year (and the
    weekday written agrees); otherwise the date stays without ``jalali`` and a diagnostic says so.
    ``top``: a report's lines over its text (its headline aside), where a stamp may stand;
    ``header.organization`` when not given."""
    h, meeting = m.header, m.header.meeting
    top = (h.organization if top is None else top) if report else []
    if meeting.date is not None and meeting.date.jalali:
        return
    level = "info" if report else "warning"
    if meeting.date is None:
        intros = [s.title for s in m.sections if s.key == "resolutions" and s.title]
        # Minutes' letterhead lines count too when they name the session («سی و پنجمین صورت‌جلسه هیئت‌مدیره
        # ۲۱/۰۹/۹۲ سازمان پارک‌ها» over a list read as letterhead); ``_headline_date`` wants a session word.
        heads = [] if report else h.organization
        found = _headline_date([h.title or "", h.subject or "", *top, *heads, *intros],
                               None if report else h.title) or _opening_decision_date(m)
        if found is not None:
            meeting.date = _ref_of(found)
            meeting.text = meeting.text or found.text
            return
        warn("meeting-date-missing", "the text gives no meeting date; header.meeting.date is null", None, level)
        return
    written = meeting.date.text or ""
    month_day = _month_day(written)
    if month_day is None:
        warn("meeting-date-missing", f"no meeting date read from «{written}»", meeting.line, level)
        return
    # (where, the date, whether the meeting must fall on or before it: a stamp or a letter is written after)
    refs: list[tuple[str, jdatetime.date, bool]] = []
    if h.date is not None and h.date.jalali:
        refs.append(("the letter's date", jdatetime.date(*map(int, h.date.jalali.split("-"))), True))
    for d in diagnostics:
        hit = _STAMP_MESSAGE.search(d.message) if d.code == "publication-stamp" else None
        if hit:
            refs.append((f"the page's stamp (line {d.line})", jdatetime.date(*map(int, hit.group(1).split("-"))), True))
    for text in [*top, h.title]:  # a report's top lines: the page's stamp
        found = meeting_date_in(text or "", after_prose=False)
        if found is not None and found.stamp and found.date is not None:
            refs.append((f"the page's stamp «{found.text}»", found.date, True))
    others = [*top, h.title, h.subject, meeting.text,
              *(a.text for a in m.agenda), *(t.text for t in m.turns), *(r.text for r in m.resolutions)]
    for text in others:
        for full, *_ in find_dates(text or ""):
            if full is not None and full not in {r[1] for r in refs if r[2]}:  # a stamp stays a stamp
                refs.append((f"the date {full.isoformat()} in the document", full, False))
    for source, ref, before in refs:
        d = _borrow_year(*month_day, ref, before)
        if d is None:
            continue
        if meeting.weekday is not None:
            key = vocab().lookup("dates.weekdays", meeting.weekday)
            if key is not None and list(vocab().table("dates.weekdays")).index(key) != d.weekday():
                continue
        meeting.date = _ref(d, written)
        warn("meeting-date-year", f"«{written}» names no year; {d.year} is taken from {source}", meeting.line, "info")
        return
    warn("meeting-date-missing", f"«{written}» names no year and no other date in the document gives one; "
         "header.meeting.date.jalali is null", meeting.line, level)
