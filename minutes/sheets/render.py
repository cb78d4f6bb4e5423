"""Stage 7 — render: follow-up sheets of resolutions («پیگیری مصوبات»).

``render(minutes_or_list, format)`` tracks every resolution (``minutes.track``),
builds one plain *sheet* (meetings, rows, groups, summary, Persian words from
``data/fa/sheets.toml``) and hands it to a consumer:

* html, md, csv — Jinja2 templates ``templates/sheet.<format>.j2``; a
  ``templates`` directory overrides any of them by name; HTML is autoescaped;
* ics — icalendar (here); xlsx, docx — openpyxl, python-docx (``office``).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any, Iterable, Mapping

import jdatetime
from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, select_autoescape

from ..errors import MinutesError, RenderError
from ..models import Minutes
from ..text.normalize import to_persian_digits
from ..resources import resource_dir
from . import sandbox
from .sandbox import printable, render_limited
from .track import (StatusEntry, Tracked, group_by_actor, load_statuses, parse_day, summarize,
                    today, track)
from ..text.vocab import vocab

__all__ = ["FORMATS", "BINARY_FORMATS", "render", "render_per_actor", "build_sheet",
           "neutralize_cell", "words"]

FORMATS = ("html", "md", "csv", "xlsx", "ics", "docx")
BINARY_FORMATS = ("xlsx", "docx")
_TEMPLATE_FORMATS = ("html", "md", "csv")
_FORMULA_START = tuple("=+-@\t\r＝＋－＠")


# --- public API ----------------------------------------------------------------------------

def render(minutes_or_list, format: str, *, as_of=None, by: str | None = None, statuses=None,
           templates: str | Path | None = None, letter_number: str | None = None) -> str | bytes:
    """Render a follow-up sheet of one meeting or several (combined, sorted by deadline).

    ``as_of``: a day (Jalali or Gregorian string, jdatetime/datetime date; default today).
    ``by``: None or 'actor' (grouped; XLSX gets one sheet per actor).
    ``statuses``: a status file path, or a mapping id -> StatusEntry / status word / dict.
    ``templates``: a directory whose ``sheet.<format>.j2`` files (and ``letter.docx.j2``,
    the letters' wording) override ours. ``letter_number``: the letters' number (docx).
    Returns str for html, md, csv, ics and bytes for xlsx, docx.
    """
    if format not in FORMATS:
        raise RenderError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    try:
        sheet = build_sheet(minutes_or_list, as_of=as_of, by=by, statuses=statuses)
    except MinutesError:
        raise
    except ValueError as exc:  # a day or a grouping that cannot be read: the caller's input
        raise RenderError(str(exc)) from None
    if format in _TEMPLATE_FORMATS:
        out = printable(render_limited(_environment(templates), f"sheet.{format}.j2", {**sheet, "sheet": sheet}))
        return ("\ufeff" + out.lstrip("\ufeff")) if format == "csv" else out
    if format == "ics":
        from .ics import render_ics

        return render_ics(sheet)
    from . import office

    if format == "xlsx":
        return office.render_xlsx(sheet)
    return office.render_docx(sheet, template=_environment(templates).get_template("letter.docx.j2"),
                              letter_number=letter_number)


def render_per_actor(minutes_or_list, format: str, **options) -> list[tuple[str, str | bytes]]:
    """One output per actor: [(actor label, rendered)], e.g. one DOCX letter per actor."""
    options.pop("by", None)
    meetings = _as_list(minutes_or_list)
    as_of = _as_of(options.pop("as_of", None))
    statuses = _statuses(options.pop("statuses", None), meetings)
    number = options.pop("letter_number", None)
    out = []
    from .units import only

    groups = group_by_actor(track(meetings, as_of, statuses))
    for i, (actor, rows) in enumerate(groups, 1):
        ids = {id(t.resolution) for t in rows}
        subset = [m.model_copy(update={"resolutions": [only(r, actor) if actor else r
                                                       for r in m.resolutions if id(r) in ids]})
                  for m in meetings]
        subset = [m for m in subset if m.resolutions]
        if number:  # each letter its own number: N/1, N/2, …
            options["letter_number"] = f"{number}/{i}" if len(groups) > 1 else number
        out.append((actor or words("labels")["no_actor"],
                    render(subset, format, as_of=as_of, statuses=statuses, **options)))
    return out


def words(table: str) -> dict[str, str]:
    """The printed word for each key of a ``sheets.toml`` table."""
    return {k: v[0] for k, v in vocab().table(f"sheets.{table}").items()}


def neutralize_cell(value: Any) -> str:
    """A spreadsheet cell that cannot start a formula (=, +, -, @, tab, CR get a leading ')."""
    text = "" if value is None else str(value)
    return "'" + text if text.lstrip(" ").startswith(_FORMULA_START) else text


# --- the sheet: plain data shared by every format -----------------------------------------

def _as_list(minutes_or_list) -> list[Minutes]:
    items = [minutes_or_list] if isinstance(minutes_or_list, (Minutes, dict)) else list(minutes_or_list)
    return [m if isinstance(m, Minutes) else Minutes.model_validate(m) for m in items]


def _as_of(value) -> jdatetime.date:
    return today() if value is None else parse_day(value)


def _statuses(value, meetings: list[Minutes]) -> dict[str, StatusEntry]:
    known = [r.id for m in meetings for r in m.resolutions if r.id]
    if value is None:
        return {}
    if isinstance(value, (str, Path)):
        return load_statuses(value, known_ids=known)
    from .track import parse_statuses

    if all(isinstance(v, StatusEntry) for v in value.values()):
        return dict(value)
    rows = [{"id": k, **(v if isinstance(v, Mapping) else {"status": str(v)})} for k, v in value.items()]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=["id", "status", "done_on", "note"])
    writer.writeheader()
    writer.writerows({k: ("" if v is None else str(v)) for k, v in r.items()} for r in rows)
    return parse_statuses(buf.getvalue(), path="<statuses>", fmt="csv", known_ids=known)


def _fa_date(d: jdatetime.date | str | None) -> str:
    if d is None:
        return ""
    if isinstance(d, str):
        try:
            d = parse_day(d)
        except ValueError:
            return to_persian_digits(d)
    return to_persian_digits(f"{d.year:04d}/{d.month:02d}/{d.day:02d}")


def _meeting(m: Minutes, index: int) -> dict[str, Any]:
    h = m.header
    date = h.meeting.date or h.date
    signatory = m.closing.signatories[0] if m.closing.signatories else None
    parts = [h.title or "", f"{words('labels')['session']} {to_persian_digits(str(h.session_number))}"
             if h.session_number else "", _fa_date(date.jalali if date else None)]
    return {
        "index": index, "organization": list(h.organization), "title": h.title or "",
        "subject": h.subject or "", "session": h.session_number,
        "date": _fa_date(date.jalali) if date and date.jalali else (date.text if date else "") or "",
        "date_gregorian": date.gregorian if date else None, "place": h.meeting.place or "",
        "signatory": signatory.name if signatory else "",
        "signatory_role": signatory.role if signatory else "",
        "label": " — ".join(p for p in parts if p),
    }


def _row(t: Tracked, meetings: list[dict]) -> dict[str, Any]:
    r, d = t.resolution, t.resolution.deadline
    st, lab, kinds = words("statuses"), words("labels"), words("kinds")
    if t.status == "overdue":
        detail = f"{to_persian_digits(str(t.days))} {lab['days_overdue']}"
    elif t.status in ("open", "due_soon"):
        detail = lab["due_today"] if t.days == 0 else f"{to_persian_digits(str(t.days))} {lab['days_left']}"
    elif t.status == "undated":
        detail = kinds.get(d.kind, d.kind)
    else:
        detail = _fa_date(t.done_on)
    due_g = t.due.togregorian() if t.due else None
    return {
        "id": r.id or "", "row": r.row, "row_fa": to_persian_digits(str(r.row)) if r.row is not None else "",
        "text": r.text, "topic": r.topic or "", "actor": r.actor or "", "supervisor": r.supervisor or "",
        "deadline_text": d.text or "", "kind": d.kind, "kind_label": kinds.get(d.kind, d.kind),
        "due_jalali": t.due.isoformat() if t.due else "", "due_fa": _fa_date(t.due),
        "due_gregorian": due_g.isoformat() if due_g else "", "due_date": due_g,
        "status": t.status, "status_label": st[t.status], "days": t.days, "detail": detail,
        "progress": t.progress or "", "progress_label": st.get(t.progress, "") if t.progress else "",
        "done_on": _fa_date(t.done_on), "note": t.note or "",
        "meeting": meetings[t.meeting_index],
    }


def build_sheet(minutes_or_list, *, as_of=None, by: str | None = None, statuses=None) -> dict[str, Any]:
    """The data every format renders: see docs/sheets.md for its keys."""
    if by not in (None, "actor"):
        raise ValueError(f"unknown grouping {by!r}; only 'actor' is supported")
    meetings = _as_list(minutes_or_list)
    day = _as_of(as_of)
    tracked = track(meetings, day, _statuses(statuses, meetings))
    infos = [_meeting(m, i) for i, m in enumerate(meetings)]
    rows = [_row(t, infos) for t in tracked]
    by_obj = {id(t): row for t, row in zip(tracked, rows)}
    no_actor = words("labels")["no_actor"]
    groups = [{"actor": a or no_actor, "rows": [by_obj[id(t)] for t in ts]}
              for a, ts in group_by_actor(tracked)]
    summ = summarize(tracked)
    st = words("statuses")
    return {
        "meetings": infos, "combined": len(infos) > 1, "rows": rows, "by": by,
        "groups": groups if by == "actor" else [{"actor": None, "rows": rows}],
        "actor_groups": groups,
        "summary": {
            "total": summ.total,
            "counts": [{"status": k, "label": st[k], "count": n} for k, n in summ.counts.items()],
            "actors": [{"actor": a.actor or no_actor, "total": a.total, "done": a.done,
                        "overdue": a.overdue} for a in summ.actors],
        },
        "as_of": day.isoformat(), "as_of_fa": _fa_date(day),
        "as_of_gregorian": day.togregorian().isoformat(),
        "L": {"columns": words("columns"), "labels": words("labels"), "statuses": st,
              "kinds": words("kinds")},
    }


# --- Jinja2 --------------------------------------------------------------------------------

def _csv_row(cells: Iterable[Any]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow([neutralize_cell(c) for c in cells])
    return buf.getvalue()


def _md_cell(value: Any) -> str:
    text = re.sub(r"\s*\n\s*", " ", "" if value is None else str(value))
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("&", "&amp;")
            .replace("<", "&lt;").replace(">", "&gt;"))


def _environment(templates: str | Path | None) -> sandbox.LimitedEnvironment:
    loaders = []
    if templates is not None:
        if not Path(templates).is_dir():
            raise RenderError("templates directory not found", path=str(templates))
        loaders.append(FileSystemLoader(str(templates)))
    loaders.append(FileSystemLoader(str(resource_dir("templates"))))
    env = sandbox.environment(loader=ChoiceLoader(loaders), undefined=StrictUndefined,
                      autoescape=select_autoescape(enabled_extensions=("html", "html.j2", "htm"),
                                                   default_for_string=False, default=False),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(fa=lambda v: to_persian_digits("" if v is None else str(v)),
                       csvrow=_csv_row, md=_md_cell)
    return env
