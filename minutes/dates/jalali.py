"""The Jalali calendar helpers deadlines need; jdatetime does all the arithmetic."""

from __future__ import annotations

import jdatetime

__all__ = ["Impossible", "month_end", "add_months", "make", "year", "upcoming"]


class Impossible(Exception):
    """A written date that is not on the calendar; carries the warning."""


def month_end(y: int, m: int) -> jdatetime.date:
    first_next = jdatetime.date(y + 1, 1, 1) if m == 12 else jdatetime.date(y, m + 1, 1)
    return first_next - jdatetime.timedelta(days=1)


def add_months(d: jdatetime.date, n: int) -> jdatetime.date:
    # Keep the day, clamped to the target month's length: 1399-06-31 + 1 month → 1399-07-30.
    y, m0 = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m0 + 1
    return jdatetime.date(y, m, min(d.day, month_end(y, m).day))


def make(y: int, m: int, d: int, text: str) -> jdatetime.date:
    try:
        return jdatetime.date(y, m, d)
    except (ValueError, OverflowError):
        raise Impossible(f"تاریخ ناموجود «{text.strip()}»: impossible Jalali date {y:04d}-{m:02d}-{d:02d}"
                          " (not on the calendar); not guessed") from None


def year(digits: str) -> int:
    y = int(digits)
    if len(digits) == 2:  # two-digit years: YY < 50 → 14YY, else 13YY
        return 1400 + y if y < 50 else 1300 + y
    return y


def upcoming(m: int, d: int, meeting: jdatetime.date | None, text: str) -> jdatetime.date | None:
    """Month and day without a year: the next occurrence on or after the meeting."""
    if meeting is None:
        make(1399, m, d, text)  # 1399 is leap: reject only days no year has
        return None
    y = meeting.year if (m, d) >= (meeting.month, meeting.day) else meeting.year + 1
    return make(y, m, d, text)
