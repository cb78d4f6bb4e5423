"""What is wrong with minutes as a source of follow-up: said, never silent.

``problems(meetings)`` lists what a clerk must know before sending letters (a meeting
without a date, no resolutions, resolutions without actor or deadline, one id on two
rows); ``summary(problems)`` is the short block ``sheet`` and ``register`` print on
stderr; ``--strict`` turns any of them into exit status 1.

``with_meeting_date(m, day)`` supplies the meeting date the text lacks
(``--meeting-date``): deadlines are resolved again against it, and ids made from it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from ..models import DateRef, Minutes

__all__ = ["Problem", "problems", "summary", "with_meeting_date"]


@dataclass(frozen=True)
class Problem:
    code: str  # no-date, no-resolutions, no-actor, no-deadline, duplicate-id
    where: str  # the file or meeting it is about
    message: str


def _name(m: Minutes, i: int) -> str:
    return m.source.path or f"meeting {i + 1}"


def problems(meetings: Iterable[Minutes], *, actors=None) -> list[Problem]:
    """Every problem of every meeting, in order. ``actors(resolution)`` gives the bodies a
    resolution names (default: its actor cell)."""
    out: list[Problem] = []
    ids: dict[str, str] = {}
    for i, m in enumerate(meetings):
        where = _name(m, i)
        if not (m.header.meeting.date and m.header.meeting.date.jalali):
            out.append(Problem("no-date", where, "the meeting has no date (give --meeting-date)"))
        if not m.resolutions:
            out.append(Problem("no-resolutions", where, "no resolutions were read"))
        for r in m.resolutions:
            named = actors(r) if actors else ([r.actor] if r.actor else [])
            if not named:
                out.append(Problem("no-actor", where, f"row {r.row}: resolution without actor"))
            if r.deadline.kind == "none":
                out.append(Problem("no-deadline", where, f"row {r.row}: resolution without deadline"))
            if r.id and r.id in ids:
                out.append(Problem("duplicate-id", where,
                                   f"row {r.row}: id {r.id} is also in {ids[r.id]}"))
            elif r.id:
                ids[r.id] = where
    return out


_LABELS = {"no-date": "meetings without a date", "no-resolutions": "meetings without resolutions",
           "no-actor": "resolutions without actor", "no-deadline": "resolutions without deadline",
           "duplicate-id": "duplicate ids"}


def summary(found: list[Problem], *, limit: int = 5) -> str:
    """A few lines: the count of each kind, then the first few problems themselves."""
    if not found:
        return ""
    counts = Counter(p.code for p in found)
    head = "warnings: " + ", ".join(f"{n} {_LABELS.get(c, c)}" for c, n in counts.items())
    lines = [head] + [f"  {p.where}: {p.message}" for p in found[:limit]]
    if len(found) > limit:
        lines.append(f"  … and {len(found) - limit} more")
    return "\n".join(lines)


def with_meeting_date(m: Minutes, day) -> Minutes:
    """``m`` with ``day`` as its meeting date when it has none; deadlines and ids follow."""
    if m.header.meeting.date and m.header.meeting.date.jalali:
        return m
    from ..dates.deadlines import explain_deadline
    from .track import parse_day

    d = parse_day(day)
    m = m.model_copy(deep=True)
    m.header.meeting.date = DateRef(jalali=d.isoformat(), gregorian=d.togregorian().isoformat(),
                                    text=m.header.meeting.date.text if m.header.meeting.date else None)
    session = m.header.session_number or 0
    seen: set[str] = set()
    for i, r in enumerate(m.resolutions, 1):
        r.deadline, _ = explain_deadline(r.deadline.text, meeting_date=d)
        rid = f"{d.isoformat()}-s{session}-r{r.row if r.row is not None else f'x{i}'}"
        r.id = f"{rid}-{i}" if rid in seen else rid
        seen.add(r.id)
    m.diagnostics = [x for x in m.diagnostics if x.code != "meeting-date-missing"]
    return m
