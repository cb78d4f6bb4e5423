"""Invented meetings for the register's tests (tests/test_register*.py, bench/bench_register.py).

``meeting(...)`` builds a ``Minutes`` as the parser would give it: deadlines resolved
against the meeting date, ids as the parser makes them.
"""

from __future__ import annotations

from minutes.dates.deadlines import explain_deadline
from minutes.models import DateRef, Header, Meeting, Minutes, Resolution, Source
from minutes.sheets.track import parse_day

COUNCIL = "شورای هماهنگی اشتغال شهرستان نمونه"
BOARD = "هیئت مدیره شرکت آب منطقه‌ای نمونه"


def meeting(body: str, date: str | None, session: int | None, rows, *, title: str = "صورتجلسه",
            path: str | None = None, subject: str | None = None) -> Minutes:
    """``rows``: (row, text, actor, deadline text), or (row, text, actor, deadline, actors)."""
    day = parse_day(date) if date else None
    resolutions = []
    for row in rows:
        number, text, actor, deadline = row[:4]
        fields = {"actors": list(row[4])} if len(row) > 4 and "actors" in Resolution.model_fields else {}
        d, _ = explain_deadline(deadline, meeting_date=day)
        stamp = date or "undated"
        resolutions.append(Resolution(id=f"{stamp}-s{session or 0}-r{number}", row=number, text=text,
                                      actor=actor, deadline=d, **fields))
    return Minutes(
        source=Source(path=path),
        header=Header(organization=["وزارت نمونه", body], title=title, session_number=session,
                      subject=subject,
                      meeting=Meeting(date=DateRef(jalali=day.isoformat(),
                                                   gregorian=day.togregorian().isoformat())
                                      if day else None)),
        resolutions=resolutions)


ROWS = [
    (1, "اداره کل راه و شهرسازی نسبت به تعمیر پل ورودی شهر اقدام نماید.", "اداره کل راه و شهرسازی", "یک ماه"),
    (2, "گزارش اشتغال روستایی تهیه و به دبیرخانه ارسال شود.", "فرمانداری", "تا پایان سال"),
    (3, "جلسه بعدی در محل فرمانداری برگزار شود.", "دبیرخانه شورا", "جلسه بعد"),
    (4, "سهمیه تسهیلات قرض‌الحسنه بین بانک‌های عامل توزیع شود.", "بانک ملی", "دو هفته"),
]
