"""Jalali dates and deadline phrases → a ``Deadline`` someone can act on.

A phrase is read in this order (the rules are stated for users in docs/deadlines.md):

1. the whole phrase, once leading fillers («تا», «حداکثر», «مورخ», a weekday …) and
   trailing ones («پس از ابلاغ») are stripped, as a written date, a period end
   («پایان بهمن ۹۹», «پایان سال جاری», «پایان سه ماهه اول»), a weekday or a duration («یک ماه»);
2. otherwise the first written date anywhere in it;
3. otherwise a keyword anywhere: asap, ongoing, next meeting;
4. otherwise a period end or a duration anywhere;
5. otherwise an event: kind ``condition``.

A date that does not exist (۱۴۰۰/۱۲/۳۰) is never guessed: the kind is ``condition``
and ``explain_deadline`` returns a warning. All arithmetic is jdatetime's.
All words come from ``data/fa/dates.toml`` and ``numbers.toml``; code names keys.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

import jdatetime

from .jalali import Impossible as _Impossible
from .jalali import add_months as _add_months
from .jalali import make as _make
from .jalali import month_end as _month_end
from .jalali import upcoming as _upcoming
from .jalali import year as _year
from ..models import Deadline
from ..text.normalize import normalize
from ..text.numbers import NUMERIC_DATE, SEP, cardinal_pattern, fold, ordinal_pattern, parse_cardinal, parse_ordinal
from ..text.vocab import vocab

__all__ = [
    "JalaliDate", "parse_deadline", "explain_deadline", "parse_date", "find_date",
    "find_weekday", "find_dates", "find_month_day", "to_jalali",
]

JalaliDate = jdatetime.date
"""What ``parse_date`` and ``find_date`` return: a ``jdatetime.date``."""

_MONTHS = ("farvardin", "ordibehesht", "khordad", "tir", "mordad", "shahrivar",
           "mehr", "aban", "azar", "dey", "bahman", "esfand")
# jdatetime numbers weekdays from Saturday (0) to Friday (6).
_WEEKDAYS = ("shanbe", "yekshanbe", "doshanbe", "seshanbe", "chaharshanbe", "panjshanbe", "jome")
_GREGORIAN_FROM = 1600  # a four-digit year from here on is Gregorian (Jalali years are 13xx/14xx)
_L, _R = r"(?<![\w\u200c])", r"(?![\w\u200c])"  # word edges; \w covers Persian letters and digits
_PUNCT = re.compile(r"[()\[\]{}«»\"'*_]")
_EDGE = " \t\u200c.,،:;-–—/"  # punctuation that may surround a deadline
_EDGE_RX = f"[{re.escape(_EDGE)}]*"


def _p(name: str, key: str | None = None) -> str:
    """The spellings of a table (or of one key of it) as a regex alternation."""
    return vocab().pattern(name, key)


def _key(name: str, text: str | None) -> str | None:
    return vocab().lookup(name, text) if text else None


def to_jalali(value) -> jdatetime.date | None:
    """A Jalali date from a 'YYYY-MM-DD' Jalali string (or any form parse_date reads),
    a ``jdatetime.date``, or a Gregorian ``datetime.date``; None if it is none of these."""
    if isinstance(value, jdatetime.date):  # jdatetime.datetime is one too
        return value.date() if isinstance(value, jdatetime.datetime) else value
    if isinstance(value, _dt.date):
        day = value.date() if isinstance(value, _dt.datetime) else value
        return jdatetime.date.fromgregorian(date=day)
    return parse_date(value) if isinstance(value, str) else None


# --- patterns ---------------------------------------------------------------------------------

def _month() -> str:
    """«اسفند», «اسفند ماه», «ماه اسفند»: the one month shape of deadlines and of dates in text."""
    mw = _p("dates.month_word")
    return rf"(?:(?:{mw}){SEP})?(?P<month>{_p('dates.months')})(?:{SEP}(?:{mw}))?"


@lru_cache(maxsize=1)
def _res() -> dict[str, re.Pattern]:
    yw = _p("dates.periods", "year")
    month = _month()
    y = r"(?P<y>[0-9]{4}|[0-9]{2})"
    refs = _p("dates.period_refs")
    # «۱۴۰۰», «سال ۱۴۰۰», «سال جاری», «امسال» after a month or a quarter
    year_spec = (rf"(?:{SEP}(?:(?:{yw}){SEP})?{y}|{SEP}(?:{yw}){SEP}(?P<yref>{refs})"
                 rf"|{SEP}(?P<thisyear>{_p('dates.periods', 'this_year')}))")
    point = rf"(?:(?P<point>{_p('dates.period_points')}){SEP})"
    ref = rf"(?P<ref>{refs})"
    ordinal, card = ordinal_pattern(), cardinal_pattern()
    forms = {
        "numeric": NUMERIC_DATE,
        "dmy": rf"(?P<day>[0-9]{{1,2}}|{ordinal}|{card}){SEP}{month}{year_spec}?",
        "month": rf"{point}?{month}{year_spec}?",
        "year": rf"{point}?(?:(?:{yw})(?:{SEP}(?:{y}|{ref}))?|(?P<this>{_p('dates.periods', 'this_year')}))",
        "monthp": rf"{point}?(?:{_p('dates.periods', 'month')})(?:{SEP}{ref})?",
        "week": rf"{point}?(?:{_p('dates.periods', 'week')})(?:{SEP}{ref})?",
        "quarter": rf"{point}?(?P<unit>{_p('dates.periods', 'quarter')}|{_p('dates.periods', 'half')})"
                   rf"{SEP}(?:(?P<ord>{ordinal})|{ref}){year_spec}?",
        # «نیمه اول/دوم اسفند»: the first half ends on the 15th, the second with the month
        "halfmonth": rf"(?P<point>{_p('dates.period_points', 'mid')}){SEP}(?P<ord>{ordinal}){SEP}{month}"
                     rf"{year_spec}?",
        "half": rf"{point}(?P<ord>{ordinal}){SEP}(?:{yw})(?:{SEP}(?:{y}|(?P<yref>{refs})))?",
        "duration": rf"(?P<n>[0-9]{{1,3}}|{card}){SEP}(?P<unit>{_p('dates.units')})"
                    rf"(?:{SEP}(?:{_p('dates.duration_tail')}))?",
    }
    out = {name: re.compile(rf"{_L}(?:{rx}){_R}") for name, rx in forms.items()}
    out["lead"] = re.compile(rf"(?:{_p('dates.lead')}|(?P<wd>{_p('dates.weekdays')})){_R}{_EDGE_RX}")
    out["trail"] = re.compile(rf"{_EDGE_RX}{_L}(?:{_p('dates.trail')})$")
    out["weekday"] = re.compile(rf"{_L}(?:{_p('dates.weekdays')}){_R}")
    out["point_before"] = re.compile(rf"{_L}(?:{_p('dates.period_points')}){SEP}$")
    out["kinds"] = re.compile(rf"{_L}(?:{_p('dates.kinds')}){_R}")
    return out


# --- reading one match ------------------------------------------------------------------------

def _numeric(m: re.Match, text: str) -> jdatetime.date:
    a, b, c = m.group("a"), m.group("b"), m.group("c")
    if len(a) == 4:
        y, mo, d = int(a), int(b), int(c)
    elif len(c) == 4 or (len(c) == 2 and int(c) > 31 and int(a) <= 31):
        y, mo, d = _year(c), int(b), int(a)  # day first when the last part is the year
    elif len(a) == 2:
        y, mo, d = _year(a), int(b), int(c)
    else:
        raise LookupError  # not a date shape (e.g. 1/2/3)
    if y >= _GREGORIAN_FROM:
        try:
            return jdatetime.date.fromgregorian(date=_dt.date(y, mo, d))
        except (ValueError, OverflowError):
            raise _Impossible(f"تاریخ ناموجود «{text.strip()}»: impossible Gregorian date "
                              f"{y:04d}-{mo:02d}-{d:02d}; not guessed") from None
    return _make(y, mo, d, text)


def _month_no(m: re.Match) -> int:
    return _MONTHS.index(_key("dates.months", m.group("month"))) + 1


def _period_year(written: str) -> int:
    """The Jalali year of «پایان سال ۱۴۰۲», «نیمه سال ۱۴۰۲»: a Gregorian year there («سال ۲۰۰۰»)
    names no Jalali period."""
    y = _year(written)
    if y >= _GREGORIAN_FROM:
        raise _Impossible(f"سال «{written}» شمسی نیست: a Gregorian year in a Jalali period; not guessed")
    return y


def _explicit_year(m: re.Match, meeting: jdatetime.date | None) -> int | None:
    """The year a year_spec names; None when none was written (or it needs a missing meeting)."""
    gd = m.groupdict()
    if gd.get("y"):
        return _period_year(gd["y"])
    if gd.get("yref") or gd.get("thisyear"):
        if meeting is None:
            return None
        return meeting.year + (1 if _key("dates.period_refs", gd.get("yref")) == "next" else 0)
    return None


def _dmy(m: re.Match, meeting, text: str) -> jdatetime.date | None:
    raw = m.group("day")
    day = int(raw) if raw.isdigit() else (parse_ordinal(raw) or parse_cardinal(raw))
    if day is None:
        raise LookupError
    mo, y = _month_no(m), _explicit_year(m, meeting)
    if y is None and (m.group("y") or m.group("yref") or m.group("thisyear")):
        return None  # «سال جاری» without a meeting date
    return _make(y, mo, day, text) if y is not None else _upcoming(mo, day, meeting, text)


def _period(name: str, m: re.Match, meeting, text: str) -> jdatetime.date | None:
    """The date a period phrase names: its last day, the 15th for «نیمه» of a month, or its
    first day for «ابتدای» (a period with no reference is then the next one to start)."""
    gd = m.groupdict()
    point, ref = _key("dates.period_points", gd.get("point")), _key("dates.period_refs", gd.get("ref"))
    if name in ("month", "halfmonth"):
        mo, y = _month_no(m), _explicit_year(m, meeting)
        half = parse_ordinal(gd["ord"]) if gd.get("ord") else None
        if half not in (None, 1, 2):
            raise LookupError
        day = 15 if (point == "mid" and half is None) or half == 1 else None
        if point == "start":
            if half is not None:
                raise LookupError  # «ابتدای نیمه اول …»
            day = 1
        if y is None:
            if gd.get("yref") or gd.get("thisyear") or meeting is None:
                return None
            last = day or _month_end(meeting.year, mo).day
            y = meeting.year if (mo, last) >= (meeting.month, meeting.day) else meeting.year + 1
        return _make(y, mo, day, text) if day else _month_end(y, mo)
    if name == "year":
        if not (point or gd.get("y") or gd.get("ref") or gd.get("this")):
            raise LookupError  # a bare «سال» is no deadline
        if gd.get("y"):
            y = _period_year(gd["y"])
        elif meeting is None:
            return None
        else:
            y = meeting.year + (1 if ref == "next" or (point == "start" and ref is None) else 0)
        if point == "start":
            return jdatetime.date(y, 1, 1)
        return jdatetime.date(y, 6, 31) if point == "mid" else _month_end(y, 12)
    if gd.get("ord"):  # «سه ماهه دوم», «نیمه اول سال»
        n = parse_ordinal(gd["ord"])
        months = 6 if name == "half" or _key("dates.periods", gd.get("unit")) == "half" else 3
        if not n or n * months > 12 or (point == "start" and name == "half"):
            raise LookupError
        def at(y: int) -> jdatetime.date:
            return jdatetime.date(y, (n - 1) * months + 1, 1) if point == "start" else _month_end(y, n * months)
        y = _explicit_year(m, meeting)
        if y is not None:
            return at(y)
        if meeting is None:
            return None
        if gd.get("yref") or gd.get("thisyear"):
            return at(meeting.year)
        return at(meeting.year) if at(meeting.year) >= meeting else at(meeting.year + 1)
    if not (point or gd.get("ref")):
        raise LookupError  # a bare «ماه» or «هفته» is no deadline
    if meeting is None:
        return None
    start = point == "start"
    step = 1 if ref == "next" or (start and ref is None) else 0
    if name == "monthp":
        y, mo = divmod(meeting.month - 1 + step, 12)
        y, mo = meeting.year + y, mo + 1
        return jdatetime.date(y, mo, 1 if start else 15) if point in ("mid", "start") else _month_end(y, mo)
    if name == "week":  # the Friday of the meeting's week (its Saturday for «ابتدای»)
        return meeting + jdatetime.timedelta(days=(0 if start else 6) - meeting.weekday() + 7 * step)
    # «سه ماهه جاری/آینده»: the meeting's quarter (or half), or the one after it
    months = 6 if _key("dates.periods", gd.get("unit")) == "half" else 3
    q = (meeting.month - 1) // months + step
    y, q = meeting.year + q * months // 12, q % (12 // months)
    return jdatetime.date(y, q * months + 1, 1) if start else _month_end(y, (q + 1) * months)


def _duration(m: re.Match, meeting) -> tuple[dict, jdatetime.date | None]:
    raw = m.group("n")
    n = int(raw) if raw.isdigit() else parse_cardinal(raw)
    if n is None:
        raise LookupError
    unit = _key("dates.units", m.group("unit"))
    fields = {"day": {"days": n}, "week": {"weeks": n}, "month": {"months": n},
              "year": {"months": 12 * n}}[unit]
    if meeting is None:
        return fields, None
    if unit in ("day", "week"):
        return fields, meeting + jdatetime.timedelta(days=n * (7 if unit == "week" else 1))
    return fields, _add_months(meeting, fields["months"])


# --- the parse ----------------------------------------------------------------------------------

@lru_cache(maxsize=1024)  # a secretariat writes the same few deadline phrases again and again
def _clean(text: str) -> str:
    t = _PUNCT.sub(" ", fold(normalize(text)))
    return re.sub(r"\s+", " ", t).strip(_EDGE)


def _strip(t: str) -> tuple[str, int | None]:
    """Leading and trailing fillers off; the weekday named among them, if any."""
    res, weekday = _res(), None
    while True:
        m = res["lead"].match(t)
        if not m or m.end() == 0:
            break
        if m.group("wd"):
            weekday = _WEEKDAYS.index(_key("dates.weekdays", m.group("wd")))
        t = t[m.end():]
    while (m := res["trail"].search(t)) and m.start() > 0:
        t = t[: m.start()].strip(_EDGE)
    return t.strip(_EDGE), weekday


_DATE_FORMS = ("numeric", "dmy")
_PERIOD_FORMS = ("halfmonth", "half", "quarter", "month", "year", "monthp", "week")


def _resolve(name: str, m: re.Match, meeting, text: str) -> tuple[str, jdatetime.date | None, dict]:
    if name == "numeric":
        return "date", _numeric(m, text), {}
    if name == "dmy":
        return "date", _dmy(m, meeting, text), {}
    if name == "duration":
        fields, d = _duration(m, meeting)
        return "relative", d, fields
    return "date", _period(name, m, meeting, text), {}


def _deadline(text: str, kind: str, d: jdatetime.date | None = None, **fields) -> Deadline:
    return Deadline(text=text, kind=kind, jalali=f"{d.year:04d}-{d.month:02d}-{d.day:02d}" if d else None,
                    gregorian=d.togregorian().isoformat() if d else None, **fields)


def explain_deadline(text: str | None, *, meeting_date=None) -> tuple[Deadline, str | None]:
    """``parse_deadline`` plus a warning (Persian and English) when the text held a date that
    does not exist, such as ۱۴۰۰/۱۲/۳۰; the warning is None otherwise. Never raises."""
    written = text.strip() if isinstance(text, str) else None
    if not written:
        return Deadline(text=None, kind="none"), None
    try:
        meeting = to_jalali(meeting_date)
    except Exception:  # a bad meeting date is no meeting date
        meeting = None
    try:
        return _explain(written, meeting)
    except Exception:  # noqa: BLE001 — lenient by contract: unreadable text is a condition
        return _deadline(written, "condition"), None


def _explain(written: str, meeting) -> tuple[Deadline, str | None]:
    res = _res()
    full = _clean(written)
    core, weekday = _strip(full)
    warning = None
    # 1. the whole phrase
    if not core and weekday is not None:
        if meeting is None:
            return _deadline(written, "date"), None
        ahead = (weekday - meeting.weekday()) % 7 or 7  # a bare weekday: the next one after the meeting
        return _deadline(written, "date", meeting + jdatetime.timedelta(days=ahead)), None
    for name in (*_DATE_FORMS, *_PERIOD_FORMS, "duration"):
        m = res[name].fullmatch(core)
        if m:
            try:
                kind, d, fields = _resolve(name, m, meeting, core)
                return _deadline(written, kind, d, **fields), None
            except _Impossible as e:
                return _deadline(written, "condition"), str(e)
            except LookupError:
                continue
    # 2. a written date anywhere (an impossible one only warns)
    for _, name, m in sorted((m.start(), n, m) for n in _DATE_FORMS for m in res[n].finditer(full)):
        if name == "dmy" and res["point_before"].search(full, 0, m.start()):
            continue  # «نیمه دوم اسفند» names a half, not the 2nd
        try:
            kind, d, fields = _resolve(name, m, meeting, m.group(0))
            return _deadline(written, kind, d, **fields), None
        except _Impossible as e:
            warning = warning or str(e)
        except LookupError:
            continue
    if warning:
        return _deadline(written, "condition"), warning
    # 3. keywords
    k = res["kinds"].search(full)
    if k:
        return _deadline(written, _key("dates.kinds", k.group(0))), None
    # 4. a period end or a duration anywhere
    for name in (*_PERIOD_FORMS, "duration"):
        for m in res[name].finditer(full):
            point = m.groupdict().get("point")
            if name in _PERIOD_FORMS and (not point or _key("dates.period_points", point) == "start"):
                continue  # inside running text only «پایان …» and the like mark a period («از ابتدای مهر» starts one)
            try:
                kind, d, fields = _resolve(name, m, meeting, m.group(0))
                return _deadline(written, kind, d, **fields), None
            except (_Impossible, LookupError):
                continue
    return _deadline(written, "condition"), None


def parse_deadline(text: str | None, *, meeting_date=None) -> Deadline:
    """Read a deadline phrase and resolve it against ``meeting_date`` (a Jalali 'YYYY-MM-DD'
    string, a ``jdatetime.date`` or a Gregorian ``datetime.date``). Never raises."""
    return explain_deadline(text, meeting_date=meeting_date)[0]


def parse_date(text: str | None) -> JalaliDate | None:
    """A complete written date (fillers and a weekday allowed around it) as a ``JalaliDate``
    (``jdatetime.date``); None when the text is not one date or the date does not exist."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        core, _ = _strip(_clean(text))
        for name in _DATE_FORMS:
            m = _res()[name].fullmatch(core)
            if m and (name == "numeric" or m.group("y")):
                return _resolve(name, m, None, core)[1]
    except (_Impossible, LookupError):
        return None
    return None


@lru_cache(maxsize=1)
def _find_res() -> dict[str, re.Pattern]:
    """The date shapes ``find_date`` looks for inside running text. Unlike a deadline phrase, a
    date in a sentence may be glued to the words around it («روزدوشنبه18 مردادماه»,
    «۹۸/۵/۵جلسه»), so a date written in digits needs only to stand apart from other digits; a
    day and month may be joined by slashes («10/اردیبهشت/92»)."""
    yw = _p("dates.periods", "year")
    glue = r"[\s\u200c/\-]*"
    month = _month()
    refs = _p("dates.period_refs")
    year_spec = (rf"(?:{glue}(?:(?:{yw}){SEP})?(?P<y>[0-9]{{4}}|[0-9]{{2}})(?![0-9])"
                 rf"|{SEP}(?:{yw}){SEP}(?P<yref>{refs}){_R}|{SEP}(?P<thisyear>{_p('dates.periods', 'this_year')}){_R})")
    day = rf"(?:(?<![0-9])(?=[0-9])|{_L}(?![0-9]))(?P<day>[0-9]{{1,2}}|{ordinal_pattern()}|{cardinal_pattern()})"
    return {
        "numeric": re.compile(rf"(?<![0-9]){NUMERIC_DATE}(?![0-9])"),
        "dmy": re.compile(rf"{day}{glue}{month}(?:{year_spec}|(?![\w\u200c]))"),
        # the end of a longer run of numbers («۱۱:۳۱ - ۰۴-۱۲-۱۳۹۰»): a clock or another part
        # «dmy» needs a month's name: one search for the names spares its day alternation
        "month_name": re.compile(rf"(?<![^\W\d_])(?:{_p('dates.months')})"),  # not inside a word («مدیر»)
        "numeric_gate": re.compile(r"[0-9۰-۹٠-٩]\s*[/\-.]\s*[0-9۰-۹٠-٩]"),  # «numeric» needs two numbers and a separator
        "before": re.compile(r"[0-9][:/.\-]$"),
        "after": re.compile(r"^[/.\-:][0-9]"),
    }


_ARABIC_FORMS = re.compile("[يىكۀة]")


def _dates_in(text: str, *, yearless: bool = False):
    """(form name, match) for each date shape in ``text``, in order of position; the folded
    text's offsets are ``text``'s. A numeric date that is a piece of a longer run of numbers is
    skipped, and the search goes on one character further («۱۱:۳۱ - ۰۴-۱۲-۱۳۹۰» holds
    ۱۳۹۰/۱۲/۰۴, not «۳۱ - ۰۴-۱۲»)."""
    res = _find_res()
    # Each form needs something a cheap search finds first (the text is normalized: month names
    # are spelt as in the vocabulary; digits may be in any script): most paragraphs have neither.
    gate = text if not _ARABIC_FORMS.search(text) else fold(text)  # «اردیبهشت» with an Arabic ي
    forms = [name for name in _DATE_FORMS if res["month_name" if name == "dmy" else "numeric_gate"].search(gate)]
    if not forms:
        return []
    t = _PUNCT.sub(" ", fold(text))  # both one-for-one: offsets are unchanged
    found = []
    for name in forms:
        pos = 0
        while (m := res[name].search(t, pos)) is not None:
            pos = m.start() + 1
            # «before» reads the two characters before the date: searched from the text's start,
            # it cost time quadratic in a long run of numbers («۱.۱.۱.…»: 80,000 characters, 30 s).
            if name == "numeric" and (res["before"].search(t, max(0, m.start() - 2), m.start())
                                      or res["after"].match(t, m.end())):
                continue
            if name == "dmy" and bool(m.group("y")) == yearless:  # a year written, or none
                continue
            found.append((m.start(), name, m))
            pos = m.end()
    return [(name, m) for _, name, m in sorted(found, key=lambda f: f[0])]


def find_date(text: str | None) -> tuple[JalaliDate, int, int] | None:
    """The first complete date inside ``text`` with its start and end offsets in ``text``.

    ``text`` should already be normalized (as the pipeline's lines are); it is not
    normalized again here so that the offsets stay true. Dates that do not exist are skipped.
    """
    if not text:
        return None
    for name, m in _dates_in(text):
        try:
            d = _resolve(name, m, None, m.group(0))[1]
        except (_Impossible, LookupError):
            continue
        if d is not None:
            return d, m.start(), m.end()
    return None


def find_dates(text: str | None) -> list[tuple[JalaliDate | None, int, int, int, int]]:
    """Every date inside ``text``, complete or written without a year («هفتم خرداد ماه»,
    «۱۸ مردادماه سال جاری»), in order: (date or None when no year is written, month, day,
    start, end). Dates that do not exist, and days no year has, are skipped."""
    if not text:
        return []
    out = []
    for yearless in (False, True):
        for name, m in _dates_in(text, yearless=yearless):
            if yearless and name != "dmy":
                continue
            try:
                if yearless:
                    raw = m.group("day")
                    day = int(raw) if raw.isdigit() else (parse_ordinal(raw) or parse_cardinal(raw))
                    month = _month_no(m)
                    _make(1399, month, day or 0, m.group(0))  # 1399 is leap: every day some year has
                    out.append((None, month, day, m.start(), m.end()))
                else:
                    d = _resolve(name, m, None, m.group(0))[1]
                    if d is not None:
                        out.append((d, d.month, d.day, m.start(), m.end()))
            except (_Impossible, LookupError):
                continue
    return sorted(out, key=lambda f: f[3])


def find_month_day(text: str | None) -> tuple[int, int, int, int] | None:
    """The first day and month written without a year: (month, day, start, end), or None."""
    return next(((mo, d, s, e) for full, mo, d, s, e in find_dates(text) if full is None), None)


def find_weekday(text: str | None) -> int | None:
    """The jdatetime weekday (شنبه = 0 … جمعه = 6) of the first weekday name in ``text``."""
    if not text:
        return None
    m = _res()["weekday"].search(fold(text))
    return _WEEKDAYS.index(_key("dates.weekdays", m.group(0))) if m else None
