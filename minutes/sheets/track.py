"""Tracking: the status of each resolution as of a date.

A resolution is ``done`` when the status file says so (and its ``done_on``, if
given, is not after the as-of date); otherwise its deadline decides:
``overdue`` (past the due date), ``due_soon`` (0–7 days left), ``open`` (more
left) or ``undated`` (asap, ongoing, next_meeting, condition, none, or a date
we could not resolve). The status file may add a progress word
(``in_progress``, ``blocked``) and a note, shown beside the status.

The status file is CSV (header ``id,status,done_on,note``) or YAML (a list of
such mappings, or a mapping ``id: status`` / ``id: {status, done_on, note}``).
Every error names the file and the 1-based line.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import jdatetime

from ..errors import InputError
from ..models import Minutes, Resolution
from ..text.normalize import to_ascii_digits
from ..text.vocab import vocab

__all__ = [
    "STATUSES", "PROGRESS", "DUE_SOON_DAYS", "StatusEntry", "Tracked", "ActorCount", "Summary",
    "parse_day", "today", "load_statuses", "parse_statuses", "status_of", "track", "summarize",
    "group_by_actor",
]

STATUSES = ("done", "cancelled", "overdue", "due_soon", "open", "undated")
PROGRESS = ("done", "in_progress", "blocked", "cancelled")
DUE_SOON_DAYS = 7

_DAY = re.compile(r"^\s*(\d{2,4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*$")


def parse_day(value) -> jdatetime.date:
    """A day as a Jalali date: '1399-12-01', '۱۳۹۹/۱۲/۰۱', '99/12/01' (Jalali) or
    '2021-02-19' (Gregorian ISO, year ≥ 1700); also jdatetime/datetime dates.
    Raises ValueError with the reason."""
    if isinstance(value, jdatetime.date):
        return jdatetime.date(value.year, value.month, value.day)
    if isinstance(value, _dt.date):
        return jdatetime.date.fromgregorian(date=value if type(value) is _dt.date else value.date())
    m = _DAY.match(to_ascii_digits(str(value)))
    if not m:
        raise ValueError(f"not a date: {value!r} (expected YYYY-MM-DD, Jalali or Gregorian)")
    y, mo, d = (int(g) for g in m.groups())
    try:
        if y >= 1700:
            return jdatetime.date.fromgregorian(date=_dt.date(y, mo, d))
        return jdatetime.date(y + 1300 if y < 100 else y, mo, d)
    except ValueError as exc:
        raise ValueError(f"not a valid date: {value!r} ({exc})") from None


def today() -> jdatetime.date:
    return jdatetime.date.today()


@dataclass(frozen=True)
class StatusEntry:
    """One row of a status file."""

    id: str
    status: str  # a key of PROGRESS
    done_on: jdatetime.date | None = None
    note: str | None = None
    path: str | None = None
    line: int | None = None


@dataclass
class Tracked:
    """A resolution with its meeting and its status as of a date."""

    resolution: Resolution
    minutes: Minutes
    status: str  # a key of STATUSES
    due: jdatetime.date | None = None
    days: int | None = None  # days left (open, due_soon) or days overdue (overdue)
    progress: str | None = None  # in_progress, blocked (from the status file)
    done_on: jdatetime.date | None = None
    note: str | None = None
    meeting_index: int = 0

    @property
    def actor(self) -> str | None:
        return self.resolution.actor


@dataclass
class ActorCount:
    actor: str | None
    total: int = 0
    done: int = 0
    overdue: int = 0


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)  # every key of STATUSES
    actors: list[ActorCount] = field(default_factory=list)
    total: int = 0


# --- status as of a date -------------------------------------------------------------------

def _due(res: Resolution) -> jdatetime.date | None:
    if res.deadline.kind not in ("date", "relative"):
        return None
    for value in (res.deadline.jalali, res.deadline.gregorian):
        if value:
            try:
                return parse_day(value)
            except ValueError:
                pass
    return None


def status_of(res: Resolution, as_of: jdatetime.date,
              entry: StatusEntry | None = None) -> tuple[str, jdatetime.date | None, int | None]:
    """(status, due date, days) of one resolution as of ``as_of``."""
    due = _due(res)
    if entry and entry.status == "cancelled":  # «لغو شد»: neither open nor overdue, ever
        return "cancelled", due, None
    if entry and entry.status == "done" and (entry.done_on is None or entry.done_on <= as_of):
        return "done", due, None
    if due is None:
        return "undated", None, None
    left = (due - as_of).days
    if left < 0:
        return "overdue", due, -left
    return ("due_soon" if left <= DUE_SOON_DAYS else "open"), due, left


def _sort_key(t: Tracked):
    meeting = (t.minutes.header.meeting.date.jalali if t.minutes.header.meeting.date else "") or ""
    due = t.due.isoformat() if t.due else "9999-99-99"
    return (due, meeting, t.meeting_index, t.resolution.row or 0)


def track(minutes: Iterable[Minutes], as_of: jdatetime.date,
          statuses: dict[str, StatusEntry] | None = None) -> list[Tracked]:
    """Every resolution of every meeting with its status. One meeting keeps row order;
    several are merged and sorted by deadline (undated last)."""
    statuses = statuses or {}
    meetings = list(minutes)
    out = []
    for i, m in enumerate(meetings):
        for res in m.resolutions:
            entry = statuses.get(res.id) if res.id else None
            status, due, days = status_of(res, as_of, entry)
            progress = entry.status if entry and entry.status not in ("done", "cancelled") else None
            done_on = entry.done_on if entry and status == "done" else None
            out.append(Tracked(res, m, status, due, days, progress, done_on,
                               entry.note if entry else None, i))
    if len(meetings) > 1:
        out.sort(key=_sort_key)
    return out


def units_of(t: Tracked) -> list[str | None]:
    """The units a tracked resolution goes to: each body its actor cell names, spellings of
    one body as one (``minutes.sheets.units``); [None] when it names none."""
    from .units import directory

    return directory().units(t.resolution) or [None]


def summarize(tracked: Iterable[Tracked]) -> Summary:
    """Counts by status, and per unit (total / done / overdue) in first-seen order."""
    counts: Counter[str] = Counter()
    actors: dict[str | None, ActorCount] = {}
    for t in tracked:
        counts[t.status] += 1
        for unit in units_of(t):
            a = actors.setdefault(unit, ActorCount(unit))
            a.total += 1
            a.done += t.status == "done"
            a.overdue += t.status == "overdue"
    return Summary({s: counts.get(s, 0) for s in STATUSES}, list(actors.values()),
                   sum(counts.values()))


def group_by_actor(tracked: Iterable[Tracked]) -> list[tuple[str | None, list[Tracked]]]:
    """Resolutions grouped by unit, groups in first-seen order; a resolution naming several
    bodies is in the group of each."""
    groups: dict[str | None, list[Tracked]] = {}
    for t in tracked:
        for unit in units_of(t):
            groups.setdefault(unit, []).append(t)
    return list(groups.items())


# --- status file ---------------------------------------------------------------------------

_FIELDS = ("id", "status", "done_on", "note")


def _progress_key(word: str) -> str | None:
    word = word.strip()
    if word.lower().replace("-", "_").replace(" ", "_") in PROGRESS:
        return word.lower().replace("-", "_").replace(" ", "_")
    key = vocab().lookup("sheets.progress", word)
    if key is None:
        from ..text.normalize import normalize  # costly first call: only for unusual spellings

        key = vocab().lookup("sheets.progress", normalize(word))
    return key


def _entry(row: dict[str, str], path: str, line: int, known: set[str] | None,
           shaped: bool = False) -> StatusEntry | None:
    """One status; None for a row of a sheet (or template) that states none."""
    def fail(msg: str, hint: str | None = None):
        raise InputError(msg, path=path, line=line, hint=hint)

    row = {k: ("" if v is None else str(v) if not hasattr(v, "year") else v) for k, v in row.items()}
    if shaped:
        word = row.get("status", "").strip()
        row["status"] = _stated(word)
        if not row["status"] or not (row.get("id") or "").strip():
            return None
        row["note"] = _own_note(row.get("note") or "")

    unknown = [k for k in row if k not in _FIELDS]
    if unknown:
        fail(f"unknown column {unknown[0]!r}", "columns are id, status, done_on, note")
    rid = (row.get("id") or "").strip()
    if not rid:
        fail("missing id")
    if known is not None and rid not in known:
        fail(f"unknown resolution id {rid!r}", "use the ids shown on the sheet")
    word = (row.get("status") or "").strip()
    status = _progress_key(word) if word else None
    if status is None:
        words = ", ".join(f"{k}/{v[0]}" for k, v in vocab().table("sheets.progress").items())
        fail(f"unknown status {word!r} for {rid!r}" if word else f"missing status for {rid!r}",
             f"use one of {words}")
    done_on = None
    if hasattr(row.get("done_on"), "year"):  # a date cell of a workbook
        done_on = parse_day(row["done_on"])
    elif (row.get("done_on") or "").strip():
        try:
            done_on = parse_day(row["done_on"])
        except ValueError as exc:
            fail(f"bad done_on for {rid!r}: {exc}")
    note = (row.get("note") or "").strip() or None
    return StatusEntry(rid, status, done_on, note, path, line)


def _stated(cell: str) -> str:
    """The progress word a sheet's status cell states («سررسید گذشته، در حال اقدام» →
    in_progress), '' when it holds only what the sheet computed (or nothing)."""
    parts = [p.strip() for p in cell.replace("،", ",").split(",") if p.strip()]
    found = [k for k in (_progress_key(p) for p in parts) if k]
    if found:
        return next((k for k in ("cancelled", "done") if k in found), found[0])
    computed = vocab().table("sheets.statuses")
    if all(vocab().lookup("sheets.statuses", p) in computed or p.lower() in STATUSES for p in parts):
        return ""
    return cell  # an unknown word: refused by the caller, with its line


def _own_note(cell: str) -> str:
    """A sheet's note cell without the progress word the sheet put before it."""
    head, sep, rest = cell.partition("،")
    return rest.strip() if sep and _progress_key(head) else ("" if _progress_key(cell) else cell)


def _yaml_rows(text: str, path: str):
    try:
        import yaml
    except ImportError:  # pragma: no cover - PyYAML comes with hazm's dependencies
        raise InputError("YAML status files need PyYAML (pip install pyyaml)", path=path) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        lines = text.split("\n")
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path=path,
                         line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
                         text=lines[mark.line] if mark and mark.line < len(lines) else None) from None
    except RecursionError:  # «[[[[…» nested thousands deep
        raise InputError("YAML nested too deeply to read", path=path) from None
    if root is None:
        return

    def scalar(node) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise InputError("expected a single value here", path=path, line=node.start_mark.line + 1)
        return node.value

    def mapping(node) -> dict[str, str]:
        if not isinstance(node, yaml.MappingNode):
            raise InputError("expected a mapping of id, status, done_on, note", path=path,
                             line=node.start_mark.line + 1)
        return {scalar(k).strip().lower(): scalar(v) for k, v in node.value}

    if isinstance(root, yaml.SequenceNode):  # - {id: …, status: …}
        for item in root.value:
            yield item.start_mark.line + 1, mapping(item)
    elif isinstance(root, yaml.MappingNode):  # id: status | id: {status: …}
        for k, v in root.value:
            row = {"status": scalar(v)} if isinstance(v, yaml.ScalarNode) else mapping(v)
            yield k.start_mark.line + 1, {"id": scalar(k), **row}
    else:
        raise InputError("expected a list of entries or a mapping by id", path=path,
                         line=root.start_mark.line + 1)


def parse_statuses(text: str, *, path: str = "<status>", fmt: str | None = None,
                   known_ids: Iterable[str] | None = None) -> dict[str, StatusEntry]:
    """Parse a status file's text; ``fmt`` is 'csv' or 'yaml' (default: from ``path``)."""
    fmt = fmt or ("yaml" if str(path).lower().endswith((".yaml", ".yml")) else "csv")
    known = set(known_ids) if known_ids is not None else None
    from .statusfile import csv_rows

    rows = ((ln, r, False, path) for ln, r in _yaml_rows(text, path)) if fmt == "yaml" else csv_rows(text, path)
    return _entries(rows, path, known)


def _entries(rows, path: str, known: set[str] | None) -> dict[str, StatusEntry]:
    out: dict[str, StatusEntry] = {}
    for line, row, shaped, where in rows:  # where: the file, and for a workbook its sheet
        entry = _entry(row, where, line, known, shaped)
        if entry is None:
            continue
        if entry.id in out:
            raise InputError(f"id {entry.id!r} listed twice (first on line {out[entry.id].line})",
                             path=where, line=line)
        out[entry.id] = entry
    return out


def load_statuses(path: str | Path, *, known_ids: Iterable[str] | None = None) -> dict[str, StatusEntry]:
    """Read a status file: YAML by its .yaml/.yml suffix, the XLSX a sheet was written as, or
    CSV in any of the encodings Excel saves (``minutes.sheets.statusfile``)."""
    from . import statusfile

    known = set(known_ids) if known_ids is not None else None
    if str(path).lower().endswith((".xlsx", ".xlsm")):
        return _entries(statusfile.xlsx_rows(str(path)), str(path), known)
    text = statusfile.read_text(path)
    return parse_statuses(text, path=str(path), known_ids=known)
