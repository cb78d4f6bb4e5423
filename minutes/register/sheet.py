"""``minutes register sheet``: every sheet format, from the register, across meetings.

Each meeting's stored minutes go to the renderers with the register's ids, without the
resolutions a revision dropped, each resolution's actor as its units (so a cell naming
three bodies is in the group of each body when grouped by actor), and the register's statuses.
"""

from __future__ import annotations

import sys

from ..models import Minutes
from ..sheets.track import StatusEntry, parse_day
from .store import Register

__all__ = ["register_minutes", "write_sheet"]


def register_minutes(reg: Register, keys=None):
    """(minutes, statuses) for the renderers: one ``Minutes`` per meeting in the register."""
    meetings, statuses = [], {}
    for row, resolutions in reg.meetings(keys):
        m = Minutes.model_validate_json(row.minutes_json)
        parsed = m.resolutions
        out = []
        for r in resolutions:
            res = parsed[r.position].model_copy(update={"id": r.rid}) if r.position < len(parsed) \
                else None
            if res is None:
                continue
            units = [a.unit.name for a in r.assignments]
            if units:  # the register's units: grouping by actor gives each its row
                res = res.model_copy(update={"actor": "، ".join(units), "actors": units})
            out.append(res)
            if r.status != "open":
                statuses[r.rid] = StatusEntry(r.rid, r.status,
                                              parse_day(r.done_on) if r.done_on else None, r.note)
        meetings.append(m.model_copy(update={"resolutions": out}))
    return meetings, statuses


def write_sheet(reg: Register, args) -> int:
    from ..errors import MinutesError, StrictError
    from ..sheets.command import write_output
    from ..sheets.quality import problems, summary
    from ..sheets.units import actors_of

    meetings, statuses = register_minutes(reg, args.meeting)
    if not meetings:
        raise MinutesError("the register holds no meetings" + (" with these keys" if args.meeting else ""),
                           hint="`minutes register add FILE` first")
    if args.status_template:
        from ..sheets.command import _write
        from ..sheets.statusfile import status_template

        _write(status_template(meetings), args.output)
        return 0
    found = problems(meetings, actors=actors_of)
    if found:
        print(summary(found), file=sys.stderr)
    write_output(meetings, args, statuses)
    if found and args.strict:
        raise StrictError(f"{len(found)} warnings (--strict)")
    return 0
