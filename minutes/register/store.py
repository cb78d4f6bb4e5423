"""The register: every imported meeting, resolution, status change and correction.

``Register(db)`` opens (and creates, or upgrades through the Alembic migrations) a
SQLite file or any SQLAlchemy URL. Each import and each batch of statuses is one
transaction: it is all written or, on any error, nothing is.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import jdatetime
from sqlalchemy import create_engine, event, func, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, selectinload

from ..errors import InputError, MinutesError
from ..models import Minutes
from ..sheets.track import DUE_SOON_DAYS, parse_day
from ..sheets.units import Directory, actors_of, unit_key
from .identity import fingerprint, match, meeting_body, meeting_key, resolution_ids
from .schema import (PROGRESS, Alias, Assignment, ImportRow, MeetingRow, ResolutionRow,
                     StatusChange, Unit)

__all__ = ["Register", "AddReport", "Listed", "default_db", "db_url", "RegisterError"]

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class RegisterError(MinutesError):
    """A register command cannot do what was asked (unknown id, unknown unit, …)."""


def default_db() -> str:
    """``$MINUTES_DB``, else ``register.sqlite`` in the user's data folder."""
    given = os.environ.get("MINUTES_DB")
    if given:
        return given
    try:
        from platformdirs import user_data_dir

        return str(Path(user_data_dir("minutes", appauthor=False)) / "register.sqlite")
    except ImportError:  # pragma: no cover - platformdirs comes with the register extra
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        return str(Path(base) / "minutes" / "register.sqlite")


def db_url(db: str) -> str:
    """A SQLAlchemy URL from a path or a URL; ``postgresql://`` goes through psycopg 3."""
    if "://" not in db:
        path = Path(db).expanduser().resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    url = make_url(db)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


@lru_cache(maxsize=4096)
def _jalali(d: _dt.date | None) -> str | None:
    """Jalali ISO of a day; cached, since a list repeats few days many times (jdatetime's
    conversion and formatting were half the time of listing thousands of rows)."""
    if d is None:
        return None
    j = jdatetime.date.fromgregorian(date=d)
    return f"{j.year:04d}-{j.month:02d}-{j.day:02d}"


def _gregorian(value) -> _dt.date | None:
    if value is None:
        return None
    return parse_day(value).togregorian()


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)


@dataclass
class AddReport:
    """What one ``add`` did to one meeting."""

    path: str | None
    key: str
    outcome: str  # added, unchanged, revised
    counts: dict[str, int] = field(default_factory=dict)  # matched, moved, edited, new, gone
    carried: int = 0  # statuses carried to the revised version's resolutions
    warnings: list[str] = field(default_factory=list)


@dataclass
class Listed:
    """A resolution as listed: its register fields and its status as of a date."""

    id: str
    row: int | None
    text: str
    actor: str | None
    units: list[str]
    supervisor: str | None
    deadline: str | None
    kind: str
    due: str | None  # Jalali ISO
    status: str  # done, cancelled, overdue, due_soon, open, undated
    progress: str  # as recorded: open, in_progress, blocked, done, cancelled
    days: int | None
    done_on: str | None
    note: str | None
    meeting: str
    meeting_date: str | None
    body: str

    def as_json(self) -> dict:
        return dict(self.__dict__)


def status_as_of(progress: str, due: _dt.date | None, done_on: _dt.date | None,
                 as_of: _dt.date) -> tuple[str, int | None]:
    """(status, days) as ``minutes sheet`` shows it, from what the register holds."""
    if progress == "cancelled":
        return "cancelled", None
    if progress == "done" and (done_on is None or done_on <= as_of):
        return "done", None
    if due is None:
        return "undated", None
    left = (due - as_of).days
    if left < 0:
        return "overdue", -left
    return ("due_soon" if left <= DUE_SOON_DAYS else "open"), left


class Register:
    """A register in a database. ``Register(db)``: a path, a URL or None (the default)."""

    def __init__(self, db: str | None = None, *, directory: Directory | None = None,
                 user: str | None = None):
        self.url = db_url(db or default_db())
        try:
            self.engine: Engine = create_engine(self.url)
        except Exception as exc:  # a malformed URL, a missing driver
            raise RegisterError(f"cannot open the register: {exc}", path=db) from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.directory = directory or Directory()
        self.user = user or _user()
        try:
            self._migrate()
        except MinutesError:
            raise
        except Exception as exc:
            raise RegisterError(f"cannot open the register: {type(exc).__name__}: "
                                f"{str(exc).splitlines()[0] if str(exc) else ''}", path=db) from None

    # -- schema ---------------------------------------------------------------------------

    def _migrate(self, revision: str = "head") -> None:
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(_MIGRATIONS))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
        if revision == "head":
            self._assign_missing()

    def revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- units ----------------------------------------------------------------------------

    def _unit(self, s: Session, spelling: str, cache: "_Units") -> Unit:
        name = self.directory.unit(spelling)
        key = unit_key(name)
        uid = cache.aliases.get(unit_key(spelling))
        unit = cache.by_id.get(uid) if uid is not None else cache.by_key.get(key)
        if unit is None:
            unit = Unit(name=name, key=key)
            s.add(unit)
            s.flush()
            cache.by_key[key] = cache.by_id[unit.id] = unit
        return unit

    def _assign(self, s: Session, row: ResolutionRow, actors: list[str], cache: "_Units") -> None:
        if row.id is not None and row.assignments:  # a revision: the old ones go first
            row.assignments.clear()
            s.flush()
        seen: set[int] = set()
        for spelling in actors:
            unit = self._unit(s, spelling, cache)
            if unit.id not in seen:
                seen.add(unit.id)
                row.assignments.append(Assignment(unit_id=unit.id, position=len(seen)))

    def _assign_missing(self) -> None:
        """Resolutions imported before the actor directory existed get their units."""
        with Session(self.engine) as s, s.begin():
            rows = s.scalars(select(ResolutionRow).where(~ResolutionRow.assignments.any())
                             .where(ResolutionRow.actor.is_not(None))).all()
            cache = _Units(s)
            for row in rows:
                m = Minutes.model_validate_json(row.meeting.minutes_json)
                res = m.resolutions[row.position] if row.position < len(m.resolutions) else None
                self._assign(s, row, actors_of(res) if res else [row.actor], cache)

    def alias(self, spelling: str, unit_name: str) -> int:
        """Confirm that ``spelling`` names the unit ``unit_name``: kept as an alias, and the
        resolutions given to the spelling's own unit move to that unit. Returns how many moved."""
        with Session(self.engine) as s, s.begin():
            target = self._unit(s, unit_name, _Units(s))
            key = unit_key(spelling)
            if key == target.key:
                return 0
            alias = s.scalar(select(Alias).where(Alias.key == key))
            if alias is None:
                s.add(Alias(key=key, spelling=spelling.strip(), unit_id=target.id, origin="confirmed"))
            else:
                alias.unit_id = target.id
            moved = 0
            old = s.scalar(select(Unit).where(Unit.key == key))
            if old is not None and old.id != target.id:
                for a in s.scalars(select(Assignment).where(Assignment.unit_id == old.id)).all():
                    taken = s.scalar(select(Assignment).where(
                        Assignment.resolution_id == a.resolution_id, Assignment.unit_id == target.id))
                    if taken:
                        s.delete(a)
                    else:
                        a.unit_id = target.id
                    moved += 1
                for other in s.scalars(select(Alias).where(Alias.unit_id == old.id)).all():
                    other.unit_id = target.id
                s.flush()
                s.delete(old)
            return moved

    def units(self) -> list[tuple[str, int, list[str]]]:
        """(unit name, resolutions, aliases) of every unit, by name."""
        with Session(self.engine) as s:
            counts = dict(s.execute(select(Assignment.unit_id, func.count())
                                    .group_by(Assignment.unit_id)).all())
            aliases: dict[int, list[str]] = {}
            for a in s.scalars(select(Alias)).all():
                aliases.setdefault(a.unit_id, []).append(a.spelling)
            return sorted((u.name, counts.get(u.id, 0), aliases.get(u.id, []))
                          for u in s.scalars(select(Unit)).all())

    def look_alike(self, threshold: float = 0.75) -> list[tuple[str, str, float]]:
        """Pairs of units whose names are close enough to be one body spelt two ways, for a
        clerk to confirm with ``alias`` (never joined without that)."""
        from difflib import SequenceMatcher

        with Session(self.engine) as s:
            units = [(u.name, u.key) for u in s.scalars(select(Unit).order_by(Unit.name)).all()]
        out = []
        for i, (a, ka) in enumerate(units):
            for b, kb in units[i + 1:]:
                ratio = SequenceMatcher(None, ka, kb, autojunk=False).ratio()
                if ratio >= threshold:
                    out.append((a, b, round(ratio, 2)))
        return sorted(out, key=lambda x: -x[2])

    # -- import ---------------------------------------------------------------------------

    def add(self, m: Minutes, *, path: str | None = None, fail_after: int | None = None) -> AddReport:
        """Import one meeting in one transaction. The same content again changes nothing;
        a revised version (same meeting key, other content) updates the meeting and carries
        each status to the resolution it belongs to. ``fail_after`` (tests) raises after
        that many resolutions are written, to show nothing of the import is kept."""
        key = meeting_key(m)
        ids, warnings = resolution_ids(m, key)
        payload = m.model_dump_json()
        # The content, not where it was read from: the same file by another path is the same.
        sha = hashlib.sha256(m.model_dump_json(exclude={"source": {"path"}}).encode("utf-8")).hexdigest()
        report = AddReport(path, key, "added", warnings=list(warnings))
        with Session(self.engine) as s, s.begin():
            meeting = s.scalar(select(MeetingRow).where(MeetingRow.key == key)
                               .options(selectinload(MeetingRow.resolutions)))
            if meeting is not None and meeting.source_sha256 == sha:
                report.outcome = "unchanged"
                report.warnings = []
                return report
            cache = _Units(s)
            if meeting is None:
                report.warnings += self._looks_like(s, key, m)
                meeting = MeetingRow(key=key, added_at=_now(), version=1)
                s.add(meeting)
                old: list[ResolutionRow] = []
            else:
                report.outcome = "revised"
                meeting.version += 1
                old = [r for r in meeting.resolutions if not r.gone]
            self._meeting_fields(meeting, m, path, sha, payload)
            s.flush()
            paired = match([(r.row, r.text) for r in old], [(r.row, r.text) for r in m.resolutions])
            report.counts = paired.counts() if old or report.outcome == "revised" else \
                {"new": len(m.resolutions)}
            # Ids of this version are taken afresh: park the old ones out of the way first.
            for r in old:
                r.rid = f"{r.rid}~{meeting.version}"
            s.flush()
            for j, (res, rid) in enumerate(zip(m.resolutions, ids)):
                if fail_after is not None and j >= fail_after:
                    raise RuntimeError(f"import interrupted after {j} resolutions (test)")
                i = paired.pairs.get(j)
                row = old[i] if i is not None else ResolutionRow(status="open")
                if i is not None and row.status != "open":
                    report.carried += 1
                self._resolution_fields(row, res, rid, j)
                if i is None:
                    row.meeting = meeting
                    s.add(row)
                self._assign(s, row, actors_of(res), cache)
            for i in paired.gone:
                old[i].gone = True
                old[i].rid = f"{old[i].rid.rsplit('~', 1)[0]}~gone{meeting.version}"
            s.add(ImportRow(meeting_id=meeting.id, path=path, sha256=sha, outcome=report.outcome,
                            report=json.dumps({**report.counts, "carried": report.carried}),
                            at=_now()))
            dupes = _duplicate_fingerprints(m)
            report.warnings += [f"{key}: rows {a} and {b} have the same text" for a, b in dupes]
        return report

    @staticmethod
    def _looks_like(s: Session, key: str, m: Minutes) -> list[str]:
        """A new meeting whose resolutions are mostly those of a meeting already in the register
        is likely a version of it with a corrected date, session or title: said, not merged."""
        prints = {fingerprint(r.text) for r in m.resolutions}
        if not prints:
            return []
        rows = s.execute(select(MeetingRow.key, func.count()).join(ResolutionRow)
                         .where(ResolutionRow.fingerprint.in_(prints), ResolutionRow.gone.is_(False))
                         .group_by(MeetingRow.key)).all()
        return [f"{key}: {n} of its {len(prints)} resolutions are those of meeting {other} "
                "(the same meeting with a corrected date, session or title? both are kept)"
                for other, n in rows if n * 2 >= len(prints)]

    @staticmethod
    def _meeting_fields(meeting: MeetingRow, m: Minutes, path, sha, payload) -> None:
        meeting.body = meeting_body(m)
        meeting.date_jalali = _date_of(m)
        meeting.session = m.header.session_number
        meeting.title = m.header.title
        meeting.source_path = path
        meeting.source_sha256 = sha
        meeting.minutes_json = payload

    @staticmethod
    def _resolution_fields(row: ResolutionRow, res, rid: str, position: int) -> None:
        d = res.deadline
        due = None
        if d.kind in ("date", "relative"):
            for value in (d.gregorian, d.jalali):
                if value:
                    try:
                        due = _gregorian(value)
                        break
                    except ValueError:
                        pass
        row.rid, row.row, row.position, row.text = rid, res.row, position, res.text
        row.fingerprint = fingerprint(res.text)
        row.topic, row.actor, row.supervisor = res.topic, res.actor, res.supervisor
        row.deadline_text, row.deadline_kind, row.due = d.text, d.kind, due
        row.gone = False

    # -- statuses -------------------------------------------------------------------------

    def set_status(self, rid: str, status: str, *, on=None, note: str | None = None,
                   source: str = "cli", by: str | None = None) -> tuple[str, str]:
        """Record a status; returns (old, new)."""
        return self.set_statuses([(rid, status, on, note)], source=source, by=by)[0]

    def set_statuses(self, entries: Iterable[tuple[str, str, object, str | None]], *,
                     source: str, by: str | None = None) -> list[tuple[str, str]]:
        """Several statuses in one transaction: all recorded, or (an unknown id) none. ``by``:
        who (the web app's signed-in clerk); default the register's user."""
        out = []
        with Session(self.engine) as s, s.begin():
            for rid, status, on, note in entries:
                if status not in PROGRESS:
                    raise RegisterError(f"unknown status {status!r}",
                                        hint=f"use one of {', '.join(PROGRESS)}")
                row = s.scalar(select(ResolutionRow).where(ResolutionRow.rid == rid))
                if row is None:
                    raise RegisterError(f"no resolution {rid!r} in the register",
                                        hint="`minutes register list` shows the ids")
                day = _gregorian(on) if on is not None else None
                old = row.status
                if old == status and row.note == (note or row.note) and \
                        (day is None or row.done_on == day):
                    out.append((old, status))
                    continue
                row.status = status
                row.done_on = day if status == "done" else None
                if note:
                    row.note = note
                s.add(StatusChange(resolution_id=row.id, old=old, new=status, on=day, note=note,
                                   by=by or self.user, at=_now(), source=source))
                out.append((old, status))
        return out

    def history(self, rid: str) -> list[StatusChange]:
        with Session(self.engine) as s:
            row = s.scalar(select(ResolutionRow).where(ResolutionRow.rid == rid))
            if row is None:
                raise RegisterError(f"no resolution {rid!r} in the register")
            changes = list(row.changes)
            s.expunge_all()
            return changes

    # -- queries --------------------------------------------------------------------------

    def unit_named(self, name: str) -> Unit:
        with Session(self.engine) as s:
            target = unit_key(self.directory.unit(name))
            alias = s.scalar(select(Alias).where(Alias.key == unit_key(name)))
            unit = s.get(Unit, alias.unit_id) if alias else s.scalar(select(Unit).where(Unit.key == target))
            if unit is None:
                raise RegisterError(f"no actor {name!r} in the register",
                                    hint="`minutes register actors` lists them")
            s.expunge(unit)
            return unit

    def list(self, *, actor: str | None = None, status: str | None = None, overdue: bool = False,
             as_of=None, meeting: str | None = None, before: str | None = None,
             body: str | None = None, open_only: bool = False) -> list[Listed]:
        """Resolutions, filtered; each with its status as of ``as_of`` (default today).

        Plain columns, not ORM objects, and the units of all rows in one more query: listing
        the overdue resolutions of a thousand meetings stays well under a second."""
        day = _gregorian(as_of) if as_of is not None else _dt.date.today()
        R, M = ResolutionRow, MeetingRow
        where = [R.gone.is_(False)]
        if overdue or status == "overdue":
            where += [R.status.not_in(("done", "cancelled")), R.due < day]
        if open_only:
            where.append(R.status.not_in(("done", "cancelled")))
        if meeting is not None:
            where.append((M.key == meeting) | M.key.startswith(meeting + "-") | (M.date_jalali == meeting))
        if before is not None:
            where.append(M.date_jalali < before)
        if body is not None:
            where.append(M.body == body)
        q = select(R.id, R.rid, R.row, R.text, R.actor, R.supervisor, R.deadline_text,
                   R.deadline_kind, R.due, R.status, R.done_on, R.note, M.key, M.date_jalali,
                   M.body).join(M, R.meeting_id == M.id)
        if actor is not None:
            unit = self.unit_named(actor)
            q = q.join(Assignment, (Assignment.resolution_id == R.id) & (Assignment.unit_id == unit.id))
        q = q.where(*where).order_by(R.due.is_(None), R.due, M.date_jalali, M.key, R.position)
        with Session(self.engine) as s:
            rows = s.execute(q).all()
            ids = q.with_only_columns(R.id).order_by(None)
            units: dict[int, list[str]] = {}
            for rid, name in s.execute(select(Assignment.resolution_id, Unit.name)
                                       .join(Unit, Assignment.unit_id == Unit.id)
                                       .where(Assignment.resolution_id.in_(ids))
                                       .order_by(Assignment.resolution_id, Assignment.position)):
                units.setdefault(rid, []).append(name)
        out = []
        for r in rows:
            st, days = status_as_of(r.status, r.due, r.done_on, day)
            if status is not None and status not in (st, r.status):
                continue
            out.append(Listed(
                id=r.rid, row=r.row, text=r.text, actor=r.actor, units=units.get(r.id, []),
                supervisor=r.supervisor, deadline=r.deadline_text, kind=r.deadline_kind,
                due=_jalali(r.due), status=st, progress=r.status, days=days,
                done_on=_jalali(r.done_on), note=r.note, meeting=r.key,
                meeting_date=r.date_jalali, body=r.body))
        return out

    def meetings(self, keys: Iterable[str] | None = None) -> list[tuple[MeetingRow, list[ResolutionRow]]]:
        """Meetings (all, or those keyed) by date, each with its current resolutions."""
        q = (select(MeetingRow).order_by(MeetingRow.date_jalali, MeetingRow.key)
             .options(selectinload(MeetingRow.resolutions).selectinload(ResolutionRow.assignments)
                      .selectinload(Assignment.unit)))
        if keys is not None:
            q = q.where(MeetingRow.key.in_(list(keys)))
        with Session(self.engine) as s:
            out = [(m, [r for r in m.resolutions if not r.gone]) for m in s.scalars(q).all()]
            s.expunge_all()
            return out

    def counts(self) -> dict[str, int]:
        with Session(self.engine) as s:
            return {
                "meetings": s.scalar(select(func.count()).select_from(MeetingRow)),
                "resolutions": s.scalar(select(func.count()).select_from(ResolutionRow)
                                        .where(ResolutionRow.gone.is_(False))),
                "gone": s.scalar(select(func.count()).select_from(ResolutionRow)
                                 .where(ResolutionRow.gone.is_(True))),
                "status_changes": s.scalar(select(func.count()).select_from(StatusChange)),
                "imports": s.scalar(select(func.count()).select_from(ImportRow)),
                "units": s.scalar(select(func.count()).select_from(Unit)),
            }


class _Units:
    """The units and aliases of the register, read once per transaction: looking each
    actor up in the database cost a query (and a flush) per resolution."""

    def __init__(self, s: Session):
        self.by_key = {u.key: u for u in s.scalars(select(Unit)).all()}
        self.by_id = {u.id: u for u in self.by_key.values()}
        self.aliases = dict(s.execute(select(Alias.key, Alias.unit_id)).all())


def _date_of(m: Minutes) -> str | None:
    d = m.header.meeting.date
    return d.jalali if d and d.jalali else None


def _duplicate_fingerprints(m: Minutes) -> list[tuple[int | None, int | None]]:
    seen: dict[str, int | None] = {}
    out = []
    for r in m.resolutions:
        fp = fingerprint(r.text)
        if fp in seen:
            out.append((seen[fp], r.row))
        else:
            seen[fp] = r.row
    return out


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a container): still say something
        return "unknown"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    # A write-ahead log: a transaction is still all or nothing after a crash, and a commit
    # needs no fsync of the whole file (an import was a third commit time).
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def read_file_sha(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
