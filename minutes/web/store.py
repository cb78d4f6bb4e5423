"""Corrections a clerk makes in the web app, on top of the register's own API.

The register keeps statuses and their history; a correction of a resolution's actor,
supervisor, deadline, text or row is kept in the register's ``corrections`` table (created by
its migrations like every other table), with who and when. The corrected fields are
written to the register's row *and* to the meeting's stored minutes, so every sheet and
letter made from the register shows them; an actor correction also confirms the old
spelling as an alias of the corrected unit (the register's ``alias``).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..dates.deadlines import parse_deadline
from ..models import Minutes
from ..register.schema import Correction as CorrectionRow, ResolutionRow
from ..register.store import Register, RegisterError, _gregorian
from ..sheets.units import actors_of

__all__ = ["CORRECTABLE", "Correction", "correct", "corrections", "restructure"]

# What a clerk may correct; anything else in a request is refused, never set.
CORRECTABLE = ("actor", "supervisor", "deadline", "text", "row")


@dataclass
class Correction:
    rid: str
    field: str
    old: str | None
    new: str | None
    by: str
    at: str


def _blank(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def correct(reg: Register, rid: str, fields: dict, *, by: str) -> list[Correction]:
    """Correct a resolution's fields (a subset of ``CORRECTABLE``) in one transaction;
    returns what changed. An unknown id or field, or a row that is not a number, is a
    ``RegisterError`` and nothing is written."""
    unknown = sorted(set(fields) - set(CORRECTABLE))
    if unknown:
        raise RegisterError(f"cannot correct {', '.join(unknown)}",
                            hint=f"correctable: {', '.join(CORRECTABLE)}")
    now = _dt.datetime.now(_dt.UTC).replace(tzinfo=None)
    out: list[Correction] = []
    teach: tuple[str, str] | None = None
    with Session(reg.engine) as s, s.begin():
        row = s.scalar(select(ResolutionRow).where(ResolutionRow.rid == rid))
        if row is None:
            raise RegisterError(f"no resolution {rid!r} in the register")
        meeting = row.meeting
        m = Minutes.model_validate_json(meeting.minutes_json)
        res = m.resolutions[row.position] if row.position < len(m.resolutions) else None
        for name in CORRECTABLE:
            if name not in fields:
                continue
            new = _blank(fields[name])
            if name == "row":
                if new is not None and not new.isdigit():
                    raise RegisterError(f"row must be a number, got {new!r}")
                old, value = row.row, (int(new) if new is not None else None)
                if old == value:
                    continue
                row.row = value
                if res is not None:
                    res = res.model_copy(update={"row": value})
            elif name == "text":
                if new is None:
                    raise RegisterError("a resolution's text cannot be empty")
                old = row.text
                if old == new:
                    continue
                row.text = new
                if res is not None:
                    res = res.model_copy(update={"text": new})
            elif name == "deadline":
                old = row.deadline_text
                if old == new:
                    continue
                d = parse_deadline(new, meeting_date=meeting.date_jalali)
                due = None
                for v in (d.gregorian, d.jalali):
                    if v and due is None:
                        try:
                            due = _gregorian(v)
                        except ValueError:
                            pass
                row.deadline_text, row.deadline_kind, row.due = d.text, d.kind, due
                if res is not None:
                    res = res.model_copy(update={"deadline": d})
            else:  # actor, supervisor
                old = getattr(row, name)
                if old == new:
                    continue
                setattr(row, name, new)
                if res is not None:
                    # a corrected actor is the unit the clerk names, not the bodies read before
                    res = res.model_copy(update={name: new, **({"actors": [new] if new else []} if name == "actor" else {})})
                if name == "actor" and old and new:
                    teach = (old, new)
            out.append(Correction(rid, name, None if old is None else str(old),
                                  None if (v := getattr(row, "deadline_text" if name == "deadline"
                                                         else name)) is None else str(v),
                                  by, now.isoformat(timespec="seconds")))
            s.add(CorrectionRow(rid=rid, field=name, old=out[-1].old, new=out[-1].new, by=by, at=now))
        if res is not None and out:
            m.resolutions[row.position] = res
            meeting.minutes_json = m.model_dump_json()
        if any(c.field == "actor" for c in out):
            from ..register.store import _Units

            reg._assign(s, row, actors_of(res) if res is not None and row.actor else
                        ([row.actor] if row.actor else []), _Units(s))
    if teach is not None:  # the old spelling now names the corrected unit
        reg.alias(*teach)
    return out


def corrections(reg: Register, rid: str | None = None) -> list[Correction]:
    with Session(reg.engine) as s:
        q = select(CorrectionRow).order_by(CorrectionRow.id)
        if rid is not None:
            q = q.where(CorrectionRow.rid == rid)
        return [Correction(c.rid, c.field, c.old, c.new, c.by, c.at.isoformat(timespec="seconds"))
                for c in s.scalars(q).all()]


def restructure(reg: Register, rid: str, *, split: str | None = None, merge_next: bool = False,
                by: str):
    """Split a resolution (``split``: its text with a line break wherever one item ends) or merge
    it with the next one; the meeting's minutes so changed are imported as a revised version
    (the register pairs the new items with the old, carrying statuses where the text matches)
    and the change kept in ``corrections``. Returns the register's ``AddReport``."""
    with Session(reg.engine) as s:
        row = s.scalar(select(ResolutionRow).where(ResolutionRow.rid == rid))
        if row is None:
            raise RegisterError(f"no resolution {rid!r} in the register")
        m = Minutes.model_validate_json(row.meeting.minutes_json)
        pos, path = row.position, row.meeting.source_path
    items = list(m.resolutions)
    if pos >= len(items):
        raise RegisterError(f"{rid}: not in the meeting's stored minutes")
    this = items[pos]
    if split is not None:
        parts = [p.strip() for p in split.splitlines() if p.strip()]
        if len(parts) < 2:
            raise RegisterError(f"{rid}: to split, put each part of the text on a line of its own")
        new = [this.model_copy(update={"text": p, "id": None}) for p in parts]
        field, old_text, new_text = "split", this.text, "\n".join(parts)
        items[pos:pos + 1] = new
        shift = len(parts) - 1
    elif merge_next:
        if pos + 1 >= len(items):
            raise RegisterError(f"{rid}: the last resolution has no next one to merge with")
        nxt = items[pos + 1]
        merged = this.model_copy(update={
            "text": f"{this.text} {nxt.text}", "id": None,
            "actor": this.actor or nxt.actor, "actors": this.actors or nxt.actors,
            "supervisor": this.supervisor or nxt.supervisor,
            "deadline": this.deadline if this.deadline.kind != "none" else nxt.deadline})
        field, old_text, new_text = "merge", f"{this.text}\n{nxt.text}", merged.text
        items[pos:pos + 2] = [merged]
        shift = -1
    else:
        raise RegisterError(f"{rid}: say how to split it, or merge it with the next")
    # Rows after the change move by what it added or took; a split's parts take the next rows.
    first = this.row
    for i, r in enumerate(items[pos:], pos):
        if r.row is None or first is None:
            continue
        items[i] = r.model_copy(update={"row": first + (i - pos) if i - pos <= max(shift, 0)
                                        else r.row + shift})
    report = reg.add(m.model_copy(update={"resolutions": items}), path=path)
    with Session(reg.engine) as s, s.begin():
        s.add(CorrectionRow(rid=rid, field=field, old=old_text, new=new_text, by=by,
                            at=_dt.datetime.now(_dt.UTC).replace(tzinfo=None)))
    return report
