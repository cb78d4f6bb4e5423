"""ICS of a follow-up sheet: for each dated resolution a VTODO (task lists) and, beside it,
a VEVENT all-day on the due date with a VALARM ``ALARM_DAYS`` before it — most calendar
apps import only events, and remind only through alarms.

A resolution done or cancelled keeps its event (the record of the day) without an alarm.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

__all__ = ["render_ics", "ALARM_DAYS"]

ALARM_DAYS = 3


def _summary(row: dict[str, Any]) -> str:
    words = row["text"].split()
    return row["topic"] or " ".join(words[:10]) + (" …" if len(words) > 10 else "")


def _description(row: dict[str, Any], cols: dict[str, str]) -> str:
    return "\n".join([
        row["text"],
        f"{cols['actor']}: {row['actor']}",
        f"{cols['supervisor']}: {row['supervisor']}",
        f"{cols['deadline']}: {row['deadline_text']} ({row['due_fa']})",
        f"{cols['meeting']}: {row['meeting']['label']}",
        f"{cols['id']}: {row['id']}",
    ])


def render_ics(sheet: dict[str, Any]) -> str:
    from icalendar import Alarm, Calendar, Event, Todo

    cols = sheet["L"]["columns"]
    stamp = _dt.datetime.fromisoformat(sheet["as_of_gregorian"]).replace(tzinfo=_dt.timezone.utc)
    cal = Calendar()
    cal.add("prodid", "-//minutes//follow-up sheet//FA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", sheet["L"]["labels"]["sheet_title"])
    seen: dict[str, int] = {}
    for row in sheet["rows"]:
        if row["due_date"] is None:
            continue
        uid = f"{row['id'] or 'row-' + str(row['row'])}"
        seen[uid] = seen.get(uid, 0) + 1
        if seen[uid] > 1:  # one resolution listed once per unit: each its own item
            uid = f"{uid}-{seen[uid]}"
        summary, description = _summary(row), _description(row, cols)
        todo = Todo()
        todo.add("uid", f"{uid}@minutes")
        todo.add("dtstamp", stamp)
        todo.add("due", row["due_date"])
        todo.add("summary", summary)
        todo.add("description", description)
        todo.add("status", {"done": "COMPLETED", "cancelled": "CANCELLED"}.get(
            row["status"], "IN-PROCESS" if row["progress"] == "in_progress" else "NEEDS-ACTION"))
        todo.add("categories", [row["status_label"]])
        if row["status"] == "done":
            todo.add("percent-complete", 100)
        cal.add_component(todo)
        event = Event()
        event.add("uid", f"{uid}-event@minutes")
        event.add("dtstamp", stamp)
        event.add("dtstart", row["due_date"])  # a date, not a time: an all-day event
        event.add("dtend", row["due_date"] + _dt.timedelta(days=1))
        event.add("summary", summary)
        event.add("description", description)
        event.add("transp", "TRANSPARENT")
        event.add("categories", [row["status_label"]])
        if row["status"] not in ("done", "cancelled"):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", _dt.timedelta(days=-ALARM_DAYS))
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")
