"""The canonical text form of minutes: ``render_canonical(m)`` is the inverse of ``parse``.

The form follows seed 003 (letterhead lines, «باسمه تعالی», «شماره:», «تاریخ:»,
«### صورتجلسه», lettered sections, «- ۱- …» agenda items, «### جناب آقای … فرمودند :»
speaker headings, a tab-separated resolution table, the declared count and the
signatories). The wording lives in ``templates/minutes.txt.j2``; this module only
prepares the values (Persian digits, one line per paragraph, cells without tabs).

What the form carries, and so what ``parse(render_canonical(m))`` gives back, is
every field the parser fills: header (organization, number, date, attachment, title,
subject, meeting), agenda, turns (speaker and text), the resolution list and rows
(with extra columns), the declared count and the signatories. Fields the parser
derives are recomputed on the way back, not copied: source lines, turn headings,
resolution ids, deadline resolution, session number (read from the subject),
diagnostics and ``source``. Fields the parser never fills (attendees, chair, …)
are not written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..models import CANONICAL_COLUMNS
from ..models import DateRef, Meeting, Minutes, Person
from ..text.normalize import to_persian_digits
from ..resources import resource_dir
from ..text.vocab import vocab

__all__ = ["render_canonical"]

_BREAKS = re.compile(r"[\t\r\n]+")


@lru_cache(maxsize=1)
def _template():
    env = Environment(loader=FileSystemLoader(str(resource_dir("templates"))), autoescape=False,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      undefined=StrictUndefined)
    return env.get_template("minutes.txt.j2")


def _one_line(text: str | None) -> str:
    """A value that must stay on one line and in one table cell."""
    return _BREAKS.sub(" ", text or "").strip()


def _date(d: DateRef | None) -> str:
    if d is None:
        return ""
    if d.text:
        return _one_line(d.text)
    if d.jalali:
        return to_persian_digits(d.jalali.replace("-", "/"))
    return ""


def _meeting(mt: Meeting) -> str:
    """«ساعت ۱۱:۰۰ روز سه‌شنبه ۱۳۹۹/۱۱/۲۱ سالن …»: time, weekday, date, place, in the order read."""
    parts = []
    if mt.time:
        parts.append(_one_line(mt.time_text) if mt.time_text else
                     f"{_word('meeting.time_label')} {to_persian_digits(mt.time)}")
    if mt.weekday:
        parts.append(f"{_word('meeting.day_word')} {_one_line(mt.weekday)}")
    if mt.date is not None and (mt.date.text or mt.date.jalali):
        parts.append(_date(mt.date))
    if mt.place:
        parts.append(_one_line(mt.place))
    return " ".join(parts)


def _person(p: Person) -> tuple[str, bool]:
    """(«جناب آقای دکتر غمگین مدیر کل …», speech verb?): honorific, titles, name, role.

    A heading with an honorific ends with a speech verb (a SPEAKER line). Without one,
    «مرعشی مدیر کل تامین اجتماعی» is read as a name heading only as it stands, with no verb.
    """
    words = [p.honorific, *p.titles, p.name, p.role]
    return _one_line(" ".join(w for w in words if w)), bool(p.honorific)


def _signatory(p: Person) -> dict:
    # Without an honorific the parser reads the whole line as the name, so titles go with one only.
    words = [p.honorific, *p.titles, p.name] if p.honorific else [p.name]
    return {"name": _one_line(" ".join(w for w in words if w)), "role": _one_line(p.role) or None}


def _table(m: Minutes) -> dict | None:
    if not m.resolutions and m.resolution_list is None:
        return None
    extra: list[str] = []
    for r in m.resolutions:
        extra += [k for k in r.extra if k not in extra]
    rows = []
    for r in m.resolutions:
        cells = {"row": to_persian_digits(str(r.row)) if r.row is not None else "", "text": r.text,
                 "topic": r.topic, "actor": r.actor, "supervisor": r.supervisor,
                 "deadline": r.deadline.text}
        rows.append([_one_line(cells[c]) for c in CANONICAL_COLUMNS] +
                    [_one_line(r.extra.get(k)) for k in extra])
    title = m.resolution_list.title if m.resolution_list is not None else None
    return {"title": _one_line(title) or None, "extra": [_one_line(k) for k in extra], "rows": rows}


def _sections(m: Minutes) -> dict:
    """Section heading titles by key, as the model has them; the template supplies the rest."""
    out = {"subject": None, "time_place": None, "agenda": None, "discussion": None, "resolutions": None}
    for s in m.sections:
        if s.key in out and out[s.key] is None:
            out[s.key] = _one_line(s.title) or None
    return out


def _context(m: Minutes) -> dict:
    h = m.header
    return {
        "organization": [_one_line(o) for o in h.organization if _one_line(o)],
        "sections": _sections(m),
        "number": _one_line(h.number),
        "date": _date(h.date),
        "attachment": _one_line(h.attachment),
        "title": _one_line(h.title),
        "subject": _one_line(h.subject),
        "meeting": _meeting(h.meeting),
        "agenda": [{"number": to_persian_digits(str(a.number)) if a.number is not None else None,
                    "text": _one_line(a.text)} for a in m.agenda],
        "turns": [{"organization": _one_line(t.speaker.organization),
                   "speaker": _person(t.speaker)[0], "verb": _person(t.speaker)[1],
                   "paragraphs": [p.strip() for p in t.text.split("\n") if p.strip()]}
                  for t in m.turns],
        "table": _table(m),
        "declared": (to_persian_digits(str(m.closing.declared_resolution_count))
                     if m.closing.declared_resolution_count is not None else None),
        "signatories": [_signatory(p) for p in m.closing.signatories],
    }


def render_canonical(m: Minutes) -> str:
    """Write ``m`` in the canonical text form; ``parse`` reads it back to the same model."""
    return _template().render(**_context(m))


def _word(table: str) -> str:
    """The first spelling of a one-key vocabulary table («ساعت», «روز»)."""
    return next(iter(vocab().table(table).values()))[0]
