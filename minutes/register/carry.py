"""The carry-over list: open resolutions of earlier meetings, for the next meeting's agenda
under «پیگیری مصوبات جلسات قبل» — plain text, one block per meeting, ready to paste."""

from __future__ import annotations

import datetime as _dt

from ..sheets.render import _fa_date, words
from ..sheets.track import parse_day
from ..text.normalize import to_persian_digits
from .store import Register

__all__ = ["carry_over_text", "carried"]


def carried(reg: Register, *, as_of=None, body: str | None = None):
    """The open resolutions (not done, not cancelled) of meetings held before ``as_of``."""
    day = parse_day(as_of) if as_of is not None else parse_day(_dt.date.today())
    return day, reg.list(as_of=day, before=day.isoformat(), body=body, open_only=True)


def carry_over_text(reg: Register, *, as_of=None, body: str | None = None) -> tuple[str, int]:
    day, rows = carried(reg, as_of=as_of, body=body)
    lab, cols, st = words("labels"), words("columns"), words("statuses")
    out = [lab["carry_over"], f"({lab['as_of']} {_fa_date(day)})", ""]
    by_meeting: dict[str, list] = {}
    for r in rows:
        by_meeting.setdefault(r.meeting, []).append(r)
    n = 0
    for key in sorted(by_meeting, key=lambda k: (by_meeting[k][0].meeting_date or "", k)):
        items = sorted(by_meeting[key], key=lambda r: (r.row is None, r.row or 0))
        first = items[0]
        out.append(f"{cols['meeting']} {_fa_date(first.meeting_date)} — {first.body} ({key})".strip())
        for r in items:
            n += 1
            parts = [f"{to_persian_digits(str(n))}. {r.text}"]
            if r.units:
                parts.append(f"{cols['actor']}: {'، '.join(r.units)}")
            if r.deadline:
                parts.append(f"{cols['deadline']}: {r.deadline}" + (f" ({_fa_date(r.due)})" if r.due else ""))
            parts.append(f"{cols['status']}: {st.get(r.status, r.status)}"
                         + (f"، {st[r.progress]}" if r.progress in ("in_progress", "blocked") else ""))
            out.append(" — ".join(parts))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n", n
