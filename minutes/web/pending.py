"""Uploads read and parsed but not yet saved, kept in the register (table ``pending_uploads``)
until a clerk reviews them: a restart of the app keeps them. Each keep drops what is older than
``max_age`` and then the oldest until at most ``max_count`` uploads and ``max_bytes`` of
stored JSON remain, so the table stays small whatever is uploaded and never saved.
"""

from __future__ import annotations

import datetime as _dt
import json
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..models import Minutes
from ..register.schema import PendingUpload
from ..register.store import Register

__all__ = ["Pending", "PendingStore"]


@dataclass
class Pending:
    name: str
    minutes: Minutes
    lines: list[tuple[int, str]]  # (number, as read)


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC).replace(tzinfo=None)


class PendingStore:
    def __init__(self, reg: Register, *, max_count: int = 64, max_bytes: int = 64 * 1024 * 1024,
                 max_age: _dt.timedelta = _dt.timedelta(days=7)):
        self.reg, self.max_count, self.max_bytes, self.max_age = reg, max_count, max_bytes, max_age

    def keep(self, item: Pending, *, by: str) -> str:
        """Store an upload for review; returns its id (random: it is the review page's address)."""
        pid = secrets.token_urlsafe(12)
        minutes_json = item.minutes.model_dump_json()
        lines_json = json.dumps(item.lines, ensure_ascii=False)
        size = len(minutes_json.encode("utf-8")) + len(lines_json.encode("utf-8"))
        with Session(self.reg.engine) as s, s.begin():
            s.add(PendingUpload(id=pid, name=item.name, minutes_json=minutes_json,
                                lines_json=lines_json, size=size, by=by[:120], at=_now()))
            s.flush()
            self._clean(s, keep=pid)
        return pid

    def get(self, pid: str) -> Pending | None:
        with Session(self.reg.engine) as s:
            row = s.get(PendingUpload, pid[:32])
            if row is None or row.at < _now() - self.max_age:
                return None
            return Pending(row.name, Minutes.model_validate_json(row.minutes_json),
                           [tuple(x) for x in json.loads(row.lines_json)])

    def drop(self, pid: str) -> None:
        with Session(self.reg.engine) as s, s.begin():
            s.execute(delete(PendingUpload).where(PendingUpload.id == pid[:32]))

    def ids(self) -> list[str]:
        """The waiting uploads, oldest first."""
        with Session(self.reg.engine) as s:
            return list(s.scalars(select(PendingUpload.id).order_by(PendingUpload.at, PendingUpload.id)))

    def clean(self) -> None:
        with Session(self.reg.engine) as s, s.begin():
            self._clean(s)

    def _clean(self, s: Session, keep: str | None = None) -> None:
        # ``keep``: the upload just stored stays even when it alone is over the byte cap.
        s.execute(delete(PendingUpload).where(PendingUpload.at < _now() - self.max_age))
        count, total = s.execute(select(func.count(), func.coalesce(func.sum(PendingUpload.size), 0))
                                 .select_from(PendingUpload)).one()
        if count <= self.max_count and total <= self.max_bytes:
            return
        drop = []
        for pid, size in s.execute(select(PendingUpload.id, PendingUpload.size)
                                   .order_by(PendingUpload.at, PendingUpload.id)):
            if count <= self.max_count and total <= self.max_bytes:
                break
            if pid == keep:
                continue
            drop.append(pid)
            count, total = count - 1, total - size
        s.execute(delete(PendingUpload).where(PendingUpload.id.in_(drop)))
