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

import csv
import datetime as _dt
import io
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

STATUSES = ("done", "overdue", "due_soon", "open", "undated")
PROGRESS = ("done", "in_progress", "blocked")
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
            progress = entry.status if entry and entry.status != "done" else None
            done_on = entry.done_on if entry and status == "done" else None
            out.append(Tracked(res, m, status, due, days, progress, done_on,
                               entry.note if entry else None, i))
    if len(meetings) > 1:
        out.sort(key=_sort_key)
    return out


def summarize(tracked: Iterable[Tracked]) -> Summary:
    """Counts by status, and per actor (total / done / overdue) in first-seen order."""
    counts: Counter[str] = Counter()
    actors: dict[str | None, ActorCount] = {}
    for t in tracked:
        counts[t.status] += 1
        a = actors.setdefault(t.actor, ActorCount(t.actor))
        a.total += 1
        a.done += t.status == "done"
        a.overdue += t.status == "overdue"
    return Summary({s: counts.get(s, 0) for s in STATUSES}, list(actors.values()),
                   sum(counts.values()))


def group_by_actor(tracked: Iterable[Tracked]) -> list[tuple[str | None, list[Tracked]]]:
    """Resolutions grouped by actor, groups in first-seen order."""
    groups: dict[str | None, list[Tracked]] = {}
    for t in tracked:
        groups.setdefault(t.actor, []).append(t)
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


def _entry(row: dict[str, str], path: str, line: int, known: set[str] | None) -> StatusEntry:
    def fail(msg: str, hint: str | None = None):
        raise InputError(msg, path=path, line=line, hint=hint)

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
    if (row.get("done_on") or "").strip():
        try:
            done_on = parse_day(row["done_on"])
        except ValueError as exc:
            fail(f"bad done_on for {rid!r}: {exc}")
    note = (row.get("note") or "").strip() or None
    return StatusEntry(rid, status, done_on, note, path, line)


def _csv_rows(text: str, path: str):
    reader = csv.reader(io.StringIO(text))
    header = None
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [c.strip().lower() for c in cells]
            if "id" not in header or "status" not in header:
                raise InputError("the header row must name the columns id, status, done_on, note",
                                 path=path, line=line)
            continue
        if len(cells) > len(header):
            raise InputError(f"{len(cells)} cells but the header has {len(header)}",
                             path=path, line=line, hint="quote cells that contain commas")
        yield line, {h: c for h, c in zip(header, cells)}


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
    rows = _yaml_rows(text, path) if fmt == "yaml" else _csv_rows(text.lstrip("\ufeff"), path)
    out: dict[str, StatusEntry] = {}
    for line, row in rows:
        entry = _entry(row, path, line, known)
        if entry.id in out:
            raise InputError(f"id {entry.id!r} listed twice (first on line {out[entry.id].line})",
                             path=path, line=line)
        out[entry.id] = entry
    return out


def load_statuses(path: str | Path, *, known_ids: Iterable[str] | None = None) -> dict[str, StatusEntry]:
    """Read a status file (CSV, or YAML by its .yaml/.yml suffix)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read status file: {getattr(exc, 'strerror', None) or exc}",
                         path=str(path)) from None
    return parse_statuses(text, path=str(path), known_ids=known_ids)
