"""The secretariat's web app over the register (``minutes serve``): upload, review, correct,
track, send; and a small JSON API with the library's one-line errors.

Safe by default: nothing from a request names a file (uploads are read from memory, pages
are our own templates, downloads are rendered in memory); every form carries a CSRF token
bound to the session and every unsafe request from another origin is refused; when the app
is given a token (required off loopback) or the register holds clerk accounts, every request
needs a session opened at ``/login`` (a clerk's name and password, or the token) or an
``Authorization`` header (``Bearer TOKEN``, or ``Basic`` with a clerk's name and password);
only salted hashes are kept. «Who» on a change is the signed-in clerk, else the OS user.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import datetime as _dt
import hashlib
import hmac
import io
import json
import os
import re
import secrets
import zipfile
from pathlib import Path
from urllib.parse import quote, urlsplit

import jdatetime
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import MinutesError
from ..models import Minutes
from ..pipeline import parse_document
from ..read.readers import read_bytes
from ..register.carry import carry_over_text
from ..register.schema import PROGRESS
from ..register.sheet import register_minutes
from ..register.store import Register
from ..text.normalize import to_persian_digits
from . import accounts, store
from .lines import field_lines
from .pending import Pending, PendingStore

__all__ = ["DEFAULT_MAX_BYTES", "create_app", "hash_token"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_MAX_FILES = 50
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def hash_token(token: str, salt: bytes | None = None) -> tuple[bytes, bytes]:
    """(salt, PBKDF2-SHA256 of the token): the app keeps only this, never the token."""
    salt = salt or secrets.token_bytes(16)
    return salt, hashlib.pbkdf2_hmac("sha256", token.encode("utf-8"), salt, 200_000)


def _token_ok(given: str, stored: tuple[bytes, bytes]) -> bool:
    return hmac.compare_digest(hash_token(given, stored[0])[1], stored[1])


def _one_line(exc: BaseException, name: str | None = None) -> str:
    if isinstance(exc, MinutesError):
        if name and not exc.path:
            exc.path = name
        return str(exc)
    text = " ".join(str(exc).split())[:300]
    return f"{name or '<upload>'}: {type(exc).__name__}: {text}"


def _upload_name(filename: str | None) -> str:
    """The upload's own name, for messages and format hints only: its last part, never a path."""
    name = re.split(r"[\\/]", filename or "")[-1].strip()
    name = re.sub(r"[\x00-\x1f\x7f]", "", name)[:120]
    return name or "upload"


class _Error(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


# -- display --------------------------------------------------------------------------------

def fa(value) -> str:
    return "" if value is None else to_persian_digits(str(value))


def fa_date(value) -> str:
    """A Jalali 'YYYY-MM-DD' (or a date) as Persian digits with slashes."""
    if value is None or value == "":
        return ""
    if isinstance(value, (_dt.date, jdatetime.date)):
        if isinstance(value, _dt.date) and not isinstance(value, jdatetime.date):
            value = jdatetime.date.fromgregorian(date=value)
        value = f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return to_persian_digits(str(value).replace("-", "/"))


_TEMPLATES = Path(__file__).resolve().parent / "templates"


def _environment() -> Environment:
    # Our own templates only: a request never names one (a user's --templates folder is for
    # sheets made on the command line, not here).
    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)), autoescape=select_autoescape(
        enabled_extensions=("html",), default_for_string=True, default=True))
    env.filters["fa"] = fa
    env.filters["fa_date"] = fa_date
    return env


def _status_words() -> dict[str, str]:
    from ..sheets.render import words

    return words("statuses")


# -- the app --------------------------------------------------------------------------------

class WebApp:
    def __init__(self, db: str | None = None, *, token_hash: tuple[bytes, bytes] | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, user: str | None = None,
                 as_of: str | None = None, pending: PendingStore | None = None):
        self.reg = Register(db, user=user)
        self.token_hash = token_hash
        self.max_bytes = max_bytes
        self.user = self.reg.user
        self.as_of = as_of  # tests pin the day; the app otherwise tracks as of today
        # uploads waiting for review live in the register: a restart keeps them
        self.pending = pending or PendingStore(self.reg)
        self.pending.clean()  # what aged out while the app was stopped
        self.env = _environment()
        self.lock = asyncio.Lock()  # one writer at a time (SQLite); reads go side by side

    # -- helpers ----------------------------------------------------------------------------

    def today(self) -> jdatetime.date:
        if self.as_of:
            from ..sheets.track import parse_day

            return parse_day(self.as_of)
        return jdatetime.date.today()

    def page(self, request: Request, template: str, code: int = 200, **context) -> HTMLResponse:
        html = self.env.get_template(template).render(
            csrf=_csrf(request), today=self.today(), auth=request.scope.get("minutes_auth", False),
            who=request.scope.get("minutes_who"),
            progress_words=PROGRESS, STATUS=_status_words(), **context)
        return HTMLResponse(html, status_code=code, headers={
            "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                                       "frame-ancestors 'none'",
            "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"})

    def read_upload(self, data: bytes, filename: str | None) -> Pending:
        """Read and parse one upload from memory; raises ``_Error`` with one line."""
        name = _upload_name(filename)
        if len(data) > self.max_bytes:
            raise _Error(413, f"{name}: too large ({len(data)} bytes; the limit is {self.max_bytes})")
        if not data:
            raise _Error(400, f"{name}: empty file")
        try:
            doc = read_bytes(data, name)
            m = parse_document(doc)
        except Exception as exc:  # noqa: BLE001 - the readers' own checks (binary, zip bomb, XXE …) and any bug: one line
            raise _Error(400, _one_line(exc, name)) from None
        return Pending(name, m, [(ln.number, ln.original) for ln in doc.lines])

    async def keep_pending(self, item: Pending, who: str) -> str:
        async with self.lock:
            return await asyncio.to_thread(self.pending.keep, item, by=who)

    async def add(self, m: Minutes, name: str):
        async with self.lock:
            return await asyncio.to_thread(self.reg.add, m, path=name)


def _who(request: Request) -> str:
    """Who makes this change: the signed-in clerk, else the user the app runs as."""
    return request.scope.get("minutes_who") or request.app.state.web.user


def _csrf(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(24)
    return token


async def _form(request: Request, *, files: bool = False):
    limit = request.app.state.web.max_bytes
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit * (_MAX_FILES if files else 1) + 65536:
        raise _Error(413, f"request too large ({length} bytes; the limit is {limit} a file)")
    form = await _read_form(request, max_files=_MAX_FILES if files else 0, max_fields=200)
    given = form.get("csrf")
    if not isinstance(given, str) or not hmac.compare_digest(given, _csrf(request)):
        raise _Error(403, "the form has expired or did not come from this app (CSRF); reload the page")
    return form


async def _read_form(request: Request, *, max_files: int, max_fields: int):
    try:
        return await request.form(max_files=max_files, max_fields=max_fields)
    except HTTPException as exc:  # Starlette's word for a malformed or too-many-parts form
        raise _Error(400, f"the form cannot be read: {' '.join(str(exc.detail).split())[:200]}") from None


async def _files(form, field: str) -> list[tuple[str | None, bytes]]:
    out = []
    for f in form.getlist(field):
        if isinstance(f, str):
            continue
        out.append((f.filename, await f.read()))
    return out


# -- pages ----------------------------------------------------------------------------------

def _dashboard_data(web: WebApp, rows):
    order = ("overdue", "due_soon", "open", "undated", "done", "cancelled")
    counts = {k: 0 for k in order}
    by_unit: dict[str, dict[str, int]] = {}
    by_meeting: dict[str, dict] = {}
    for r in rows:
        counts[r.status] = counts.get(r.status, 0) + 1
        for u in r.units or ["—"]:
            by_unit.setdefault(u, {k: 0 for k in order})[r.status] += 1
        mt = by_meeting.setdefault(r.meeting, {"date": r.meeting_date, "body": r.body,
                                               **{k: 0 for k in order}})
        mt[r.status] += 1
    return order, counts, sorted(by_unit.items()), sorted(
        by_meeting.items(), key=lambda kv: (kv[1]["date"] or "", kv[0]), reverse=True)


async def home(request: Request):
    web: WebApp = request.app.state.web
    status = request.query_params.get("status") or None
    unit = request.query_params.get("unit") or None
    try:
        rows = await asyncio.to_thread(web.reg.list, as_of=web.today())
        shown = await asyncio.to_thread(web.reg.list, as_of=web.today(), status=status, actor=unit)
    except MinutesError as exc:
        raise _Error(400, str(exc)) from None
    order, counts, by_unit, by_meeting = _dashboard_data(web, rows)
    return web.page(request, "dashboard.html", order=order, counts=counts, by_unit=by_unit,
                    by_meeting=by_meeting, rows=shown, status=status, unit=unit)


async def upload(request: Request):
    web: WebApp = request.app.state.web
    form = await _form(request, files=True)
    files = await _files(form, "file")
    if not files:
        raise _Error(400, "no file was sent (field «file»)")
    if form.get("one") == "1":  # the page's script sends a batch file by file, to show progress
        filename, data = files[0]
        try:
            item = await asyncio.to_thread(web.read_upload, data, filename)
        except _Error as exc:
            return JSONResponse({"name": _upload_name(filename), "error": exc.message}, status_code=exc.status)
        pid = await web.keep_pending(item, _who(request))
        return JSONResponse({"name": item.name, "review": f"/review/{pid}",
                             "resolutions": len(item.minutes.resolutions)})
    results = []
    for filename, data in files:
        try:
            item = await asyncio.to_thread(web.read_upload, data, filename)
            results.append({"name": item.name, "pid": await web.keep_pending(item, _who(request)),
                            "minutes": item.minutes, "error": None})
        except _Error as exc:
            results.append({"name": _upload_name(filename), "pid": None, "error": exc.message})
    if len(results) == 1 and results[0]["pid"]:
        return RedirectResponse(f"/review/{results[0]['pid']}", status_code=303)
    return web.page(request, "uploaded.html", results=results,
                    code=400 if all(r["error"] for r in results) else 200)


async def _pending(web: WebApp, pid: str) -> Pending:
    item = await asyncio.to_thread(web.pending.get, pid)
    if item is None:
        raise _Error(404, "this upload is no longer waiting for review; upload it again")
    return item


async def review(request: Request):
    web: WebApp = request.app.state.web
    pid = request.path_params["pid"]
    item = await _pending(web, pid)
    m: Minutes = item.minutes
    speakers = sorted({t.speaker.name for t in m.turns if t.speaker.name})
    return web.page(request, "review.html", pid=pid, name=item.name, m=m, lines=item.lines,
                    at=field_lines(m, item.lines),
                    speakers=speakers, by_line=_diagnostics_by_line(m))


def _diagnostics_by_line(m: Minutes) -> dict[int, list]:
    out: dict[int, list] = {}
    for d in m.diagnostics:
        if d.line is not None:
            out.setdefault(d.line, []).append(d)
    return out


async def save(request: Request):
    web: WebApp = request.app.state.web
    await _form(request)
    pid = request.path_params["pid"]
    item = await _pending(web, pid)
    report = await web.add(item.minutes, item.name)
    await asyncio.to_thread(web.pending.drop, pid)
    return RedirectResponse(f"/meetings/{quote(report.key)}?outcome={report.outcome}", status_code=303)


async def meeting_page(request: Request):
    web: WebApp = request.app.state.web
    key = request.path_params["key"]
    found = await asyncio.to_thread(web.reg.meetings, [key])
    if not found:
        raise _Error(404, f"no meeting {key!r} in the register")
    row, _ = found[0]
    rows = await asyncio.to_thread(web.reg.list, as_of=web.today(), meeting=key)
    rows = [r for r in rows if r.meeting == key]
    m = Minutes.model_validate_json(row.minutes_json)
    return web.page(request, "meeting.html", meeting=row, m=m, rows=rows,
                    outcome=request.query_params.get("outcome"))


async def resolution_page(request: Request):
    web: WebApp = request.app.state.web
    rid = request.path_params["rid"]
    row = _listed(web, rid)
    changes = await asyncio.to_thread(web.reg.history, rid)
    fixes = await asyncio.to_thread(store.corrections, web.reg, rid)
    return web.page(request, "resolution.html", r=row, changes=changes, fixes=fixes,
                    months=_month_names(), years=_picker_years(web, row))


def _month_names() -> list[str]:
    """The twelve Jalali months as the vocabulary writes them first (dates.toml, in order)."""
    from ..text.vocab import vocab

    return [spellings[0] for spellings in vocab().table("dates.months").values()]


def _picker_years(web: WebApp, row) -> list[int]:
    """The date picker's years: from the meeting's year (or this one) to three years on."""
    years = [web.today().year] + [int(v[:4]) for v in (row.meeting_date, row.due) if v]
    return list(range(min(years), max(years) + 4))


def _listed(web: WebApp, rid: str):
    key = rid.rsplit("-", 1)[0] if "-" in rid else rid
    for r in web.reg.list(as_of=web.today(), meeting=key):
        if r.id == rid:
            return r
    raise _Error(404, f"no resolution {rid!r} in the register")


def _back(form, rid: str) -> str:
    # Only our own pages: a name from a fixed list, never a URL from the request.
    where = form.get("back")
    if where == "dashboard":
        return "/"
    if where == "meeting":
        return f"/meetings/{quote(rid.rsplit('-', 1)[0])}#r-{quote(rid)}"
    return f"/resolutions/{quote(rid)}"


async def status_form(request: Request):
    web: WebApp = request.app.state.web
    form = await _form(request)
    rid = request.path_params["rid"]
    await _set_status(web, rid, form.get("status"), form.get("done_on") or None, form.get("note") or None,
                      who=_who(request))
    return RedirectResponse(_back(form, rid), status_code=303)


async def _set_status(web: WebApp, rid: str, status, on, note, *, who: str):
    if on is not None:
        on = _day(on)
    try:
        async with web.lock:
            return await asyncio.to_thread(web.reg.set_status, rid, status, on=on, note=note,
                                           source="web", by=who)
    except MinutesError as exc:
        raise _Error(404 if "no resolution" in str(exc) else 400, str(exc)) from None
    except ValueError as exc:
        raise _Error(400, f"{rid}: {exc}") from None


def _day(text: str):
    from ..dates.deadlines import parse_date
    from ..text.normalize import to_ascii_digits

    t = to_ascii_digits(str(text)).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        return t
    d = parse_date(t)
    if d is None:
        raise _Error(400, f"not a date: {text!r} (expected e.g. 1403/05/20)")
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


async def correct_form(request: Request):
    web: WebApp = request.app.state.web
    form = await _form(request)
    rid = request.path_params["rid"]
    fields = {k: form.get(k) for k in store.CORRECTABLE if k in form}
    picked = _picked(form)
    if picked is not None:  # the date picker's day wins over the text (its script fills both)
        fields["deadline"] = picked
    await _correct(web, rid, fields, who=_who(request))
    return RedirectResponse(_back(form, rid), status_code=303)


def _picked(form) -> str | None:
    """The day chosen in the Jalali date picker, as a deadline phrase (Persian digits), or None
    when none was chosen; a part missing or a day the month does not have is a one-line error."""
    parts = [str(form.get(f"pick_{k}") or "").strip() for k in ("year", "month", "day")]
    if not any(parts):
        return None
    if not all(p.isdigit() for p in parts):
        raise _Error(400, "date picker: choose a year, a month and a day")
    y, m, d = map(int, parts)
    try:
        jdatetime.date(y, m, d)
    except ValueError:
        raise _Error(400, f"date picker: {y:04d}/{m:02d}/{d:02d} is not a day of the Jalali calendar") from None
    return fa(f"{y:04d}/{m:02d}/{d:02d}")


async def _correct(web: WebApp, rid: str, fields: dict, *, who: str):
    try:
        async with web.lock:
            return await asyncio.to_thread(store.correct, web.reg, rid, fields, by=who)
    except MinutesError as exc:
        raise _Error(404 if "no resolution" in str(exc) else 400, str(exc)) from None


async def split_form(request: Request):
    web: WebApp = request.app.state.web
    form = await _form(request)
    rid = request.path_params["rid"]
    report = await _restructure(web, rid, who=_who(request), split=str(form.get("parts") or ""))
    return RedirectResponse(f"/meetings/{quote(report.key)}", status_code=303)


async def merge_form(request: Request):
    web: WebApp = request.app.state.web
    await _form(request)
    rid = request.path_params["rid"]
    report = await _restructure(web, rid, who=_who(request), merge_next=True)
    return RedirectResponse(f"/meetings/{quote(report.key)}", status_code=303)


async def _restructure(web: WebApp, rid: str, *, who: str, **how):
    try:
        async with web.lock:
            return await asyncio.to_thread(store.restructure, web.reg, rid, by=who, **how)
    except MinutesError as exc:
        raise _Error(404 if "no resolution" in str(exc) else 400, str(exc)) from None


async def api_deadline(request: Request):
    """A deadline phrase read as ``parse_deadline`` reads it (the correction form asks as the
    clerk types): the ``Deadline`` of the JSON contract and ``display``, its Jalali day."""
    from ..dates.deadlines import parse_deadline

    text = request.query_params.get("text", "")[:500]
    meeting_date = request.query_params.get("meeting_date") or None
    try:
        d = parse_deadline(text, meeting_date=meeting_date)
    except ValueError as exc:  # a meeting date that is no date
        raise _Error(400, f"meeting_date: {exc}") from None
    return JSONResponse({**json.loads(d.model_dump_json()), "display": fa_date(d.jalali)})


async def carry_page(request: Request):
    web: WebApp = request.app.state.web
    text, n = await asyncio.to_thread(carry_over_text, web.reg, as_of=web.today())
    return web.page(request, "carry.html", text=text, n=n)


# -- sending --------------------------------------------------------------------------------

_TYPES = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8",
          "csv": "text/csv; charset=utf-8", "ics": "text/calendar; charset=utf-8",
          "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "zip": "application/zip"}


def _selection(web: WebApp, params) -> tuple[list, dict, str]:
    """The meetings and statuses a download covers: a meeting, a unit, or everything open."""
    meeting, unit, only_open = params.get("meeting") or None, params.get("unit") or None, \
        params.get("open") == "1"
    meetings, statuses = register_minutes(web.reg, [meeting] if meeting else None)
    label = "all"
    if unit or only_open:
        keep = {r.id for r in web.reg.list(as_of=web.today(), actor=unit, open_only=only_open)}
        meetings = [m.model_copy(update={"resolutions": [r for r in m.resolutions if r.id in keep]})
                    for m in meetings]
        meetings = [m for m in meetings if m.resolutions]
        label = "open" if only_open and not unit else "unit"
    if meeting:
        label = "meeting"
    if not meetings:
        raise _Error(404, "nothing to send: no resolutions in this selection")
    return meetings, statuses, label


def _attachment(data: bytes | str, name: str, fmt: str) -> Response:
    body = data.encode("utf-8") if isinstance(data, str) else data
    return Response(body, media_type=_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


async def download(request: Request):
    from ..sheets.render import FORMATS, render

    web: WebApp = request.app.state.web
    fmt = request.query_params.get("format", "xlsx")
    if fmt not in FORMATS:
        raise _Error(400, f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    by = "actor" if request.query_params.get("by") == "actor" else None

    def make():
        meetings, statuses, label = _selection(web, request.query_params)
        return render(meetings if len(meetings) > 1 else meetings[0], fmt, as_of=web.today(),
                      by=by, statuses=statuses), label

    return await _send(make, "sheet", fmt)


async def _send(make, what: str, fmt: str) -> Response:
    """Render in a worker thread (a DOCX of many letters takes a while) and attach it."""
    try:
        data, label = await asyncio.to_thread(make)
    except MinutesError as exc:
        raise _Error(400, str(exc)) from None
    return _attachment(data, f"minutes-{what}-{label}", fmt)


async def letters(request: Request):
    from ..sheets.command import _filename
    from ..sheets.render import render, render_per_actor

    web: WebApp = request.app.state.web
    pack = request.query_params.get("pack", "docx")
    if pack not in ("docx", "zip"):
        raise _Error(400, f"unknown pack {pack!r}; choose docx or zip")

    def make():
        meetings, statuses, label = _selection(web, request.query_params)
        if pack == "docx":
            return render(meetings, "docx", as_of=web.today(), by="actor", statuses=statuses), label
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for i, (actor, data) in enumerate(render_per_actor(meetings, "docx", as_of=web.today(),
                                                               statuses=statuses), 1):
                z.writestr(f"{i:02d}-{_filename(actor)}.docx", data)
        return buf.getvalue(), label

    return await _send(make, "letters", pack)


# -- login ----------------------------------------------------------------------------------

async def login(request: Request):
    web: WebApp = request.app.state.web
    if request.method == "GET":
        return web.page(request, "login.html", error=None)
    form = await _form(request)
    name, given = form.get("name", ""), form.get("password")
    if not isinstance(given, str) or not isinstance(name, str):
        return web.page(request, "login.html", code=403, error="wrong name or password")
    if name.strip():  # a clerk: their name is «who» on what they change
        clerk = await asyncio.to_thread(accounts.check_clerk, web.reg, name, given)
        if clerk is not None:
            stamp = await asyncio.to_thread(accounts.clerk_stamp, web.reg, clerk)
            request.session.clear()  # a new session: nothing from before signing in carries over
            request.session.update({"clerk": clerk, "stamp": stamp})
            return RedirectResponse("/", status_code=303)
    elif web.token_hash and _token_ok(given, web.token_hash):
        request.session.clear()
        request.session["auth"] = True
        return RedirectResponse("/", status_code=303)
    return web.page(request, "login.html", code=403, error="wrong name or password")


async def logout(request: Request):
    await _form(request)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


# -- the API --------------------------------------------------------------------------------

async def api_parse(request: Request):
    web: WebApp = request.app.state.web
    filename, data = await _api_file(request)
    item = await asyncio.to_thread(web.read_upload, data, filename)
    return Response(item.minutes.model_dump_json(), media_type="application/json")


async def api_minutes(request: Request):
    web: WebApp = request.app.state.web
    filename, data = await _api_file(request)
    item = await asyncio.to_thread(web.read_upload, data, filename)
    report = await web.add(item.minutes, item.name)
    body = json.loads(item.minutes.model_dump_json())
    return JSONResponse({"register": {"key": report.key, "outcome": report.outcome,
                                      "counts": report.counts, "warnings": report.warnings},
                         **body}, status_code=201 if report.outcome != "unchanged" else 200)


async def _api_file(request: Request) -> tuple[str | None, bytes]:
    web: WebApp = request.app.state.web
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > web.max_bytes + 65536:
        raise _Error(413, f"too large ({length} bytes; the limit is {web.max_bytes})")
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise _Error(415, "send the file as multipart/form-data in the field «file»")
    form = await _read_form(request, max_files=1, max_fields=10)
    f = form.get("file")
    if f is None or isinstance(f, str):
        raise _Error(400, "no file in the field «file»")
    return f.filename, await f.read()


async def api_meetings(request: Request):
    web: WebApp = request.app.state.web
    found = await asyncio.to_thread(web.reg.meetings)
    return JSONResponse([{"key": m.key, "body": m.body, "date": m.date_jalali, "session": m.session,
                          "title": m.title, "version": m.version, "resolutions": len(rs)}
                         for m, rs in found])


async def api_resolutions(request: Request):
    web: WebApp = request.app.state.web
    q = request.query_params
    try:
        rows = await asyncio.to_thread(
            web.reg.list, actor=q.get("actor") or None, status=q.get("status") or None,
            overdue=q.get("overdue") in ("1", "true"), as_of=q.get("as_of") or web.today(),
            meeting=q.get("meeting") or None, body=q.get("body") or None)
    except MinutesError as exc:
        raise _Error(404 if "no actor" in str(exc) else 400, str(exc)) from None
    except ValueError as exc:
        raise _Error(400, f"as_of: {exc}") from None
    return JSONResponse([r.as_json() for r in rows])


async def api_patch(request: Request):
    web: WebApp = request.app.state.web
    rid = request.path_params["rid"]
    try:
        body = await request.json()
    except ValueError:  # not JSON, or not UTF-8
        raise _Error(400, "the body is not JSON (expected an object)") from None
    if not isinstance(body, dict) or not body:
        raise _Error(400, "expected a JSON object: {\"status\": …, \"done_on\": …, \"note\": …} "
                          "or corrected fields")
    allowed = {"status", "done_on", "note", *store.CORRECTABLE}
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise _Error(400, f"unknown fields {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})")
    _listed(web, rid)
    fixes = {k: body[k] for k in store.CORRECTABLE if k in body}
    if fixes:
        await _correct(web, rid, fixes, who=_who(request))
    if "status" in body or "note" in body or "done_on" in body:
        status = body.get("status") or _listed(web, rid).progress
        await _set_status(web, rid, status, body.get("done_on"), body.get("note"), who=_who(request))
    return JSONResponse(_listed(web, rid).as_json())


def openapi(request: Request):
    return JSONResponse(OPENAPI)


_ERROR = {"description": "one line: what and where",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_FILE = {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary"}}}}}}
OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "minutes", "version": "1",
             "description": "Persian meeting minutes: parse, register, track (docs/web.md)."},
    "components": {"schemas": {"Error": {"type": "object", "required": ["error"],
                                         "properties": {"error": {"type": "string"}}}}},
    "paths": {
        "/api/parse": {"post": {"summary": "Parse a minutes file; nothing is stored",
                                "requestBody": _FILE,
                                "responses": {"200": {"description": "the JSON contract (README.md)"},
                                              "400": _ERROR, "413": _ERROR, "415": _ERROR}}},
        "/api/minutes": {"post": {"summary": "Parse a minutes file and add it to the register",
                                  "requestBody": _FILE,
                                  "responses": {"201": {"description": "added or revised: the JSON "
                                                        "contract, with a «register» object"},
                                                "200": {"description": "the same content again"},
                                                "400": _ERROR, "413": _ERROR, "415": _ERROR}}},
        "/api/deadline": {"get": {
            "summary": "Read a deadline phrase as parse_deadline does",
            "parameters": [{"name": n, "in": "query", "required": n == "text", "schema": {"type": "string"}}
                           for n in ("text", "meeting_date")],
            "responses": {"200": {"description": "the Deadline of the JSON contract, and display"},
                          "400": _ERROR}}},
        "/api/meetings": {"get": {"summary": "Meetings in the register",
                                  "responses": {"200": {"description": "a list of meetings"}}}},
        "/api/resolutions": {"get": {
            "summary": "Resolutions, filtered as `minutes register list`",
            "parameters": [{"name": n, "in": "query", "required": False, "schema": {"type": "string"}}
                           for n in ("actor", "status", "overdue", "as_of", "meeting", "body")],
            "responses": {"200": {"description": "a list of resolutions"}, "400": _ERROR, "404": _ERROR}}},
        "/api/resolutions/{id}": {"patch": {
            "summary": "Record a status or correct fields",
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "additionalProperties": False,
                "properties": {"status": {"enum": list(PROGRESS)}, "done_on": {"type": "string"},
                               "note": {"type": "string"}, "actor": {"type": ["string", "null"]},
                               "supervisor": {"type": ["string", "null"]},
                               "deadline": {"type": ["string", "null"]}, "text": {"type": "string"},
                               "row": {"type": ["string", "integer", "null"]}}}}}},
            "responses": {"200": {"description": "the resolution as listed"}, "400": _ERROR,
                          "404": _ERROR}}},
    },
}


# -- guards ---------------------------------------------------------------------------------

class _Guard:
    """Authentication (when a token is set) and the same-origin rule for unsafe methods; every
    error of a handler as one line (JSON for the API, a page otherwise)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = Request(scope, receive)
        web: WebApp = scope["app"].state.web
        api = scope["path"].startswith("/api/") or scope["path"] == "/openapi.json"
        try:
            if request.method not in _SAFE_METHODS:
                origin = request.headers.get("origin")
                if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
                    raise _Error(403, f"a request from another site ({origin}) is refused")
                if origin == "null":
                    raise _Error(403, "a request from an opaque origin is refused")
            clerks = accounts.has_clerks(web.reg)
            if web.token_hash is not None or clerks:
                scope["minutes_auth"] = True
                who = _signed_in(request, web, clerks)
                if who is None and scope["path"] not in ("/login", "/static/app.css", "/static/app.js"):
                    if api:
                        raise _Error(401, "sign in: Authorization: Basic (a clerk's name and password)"
                                          " or Bearer (the app's token)")
                    return await RedirectResponse("/login", status_code=303)(scope, receive, send)
                scope["minutes_who"] = who
            return await self.app(scope, receive, send)
        except _Error as exc:
            return await _error_response(request, exc, api)(scope, receive, send)


def _signed_in(request: Request, web: WebApp, clerks: bool) -> str | None:
    """Who this request is signed in as: a clerk (their session, or Basic), or the user the app
    runs as for the token (its session, or Bearer); None when not signed in."""
    clerk = request.session.get("clerk")
    if clerks and isinstance(clerk, str) and \
            request.session.get("stamp") == accounts.clerk_stamp(web.reg, clerk):
        return clerk  # a removed clerk, or one with a new password, is signed out
    if web.token_hash is not None and request.session.get("auth") is True:
        return web.user
    header = request.headers.get("authorization", "")
    if web.token_hash is not None and header.startswith("Bearer "):
        return web.user if _token_ok(header[7:], web.token_hash) else None
    if clerks and header.startswith("Basic "):
        try:
            name, _, password = base64.b64decode(header[6:], validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return accounts.check_clerk(web.reg, name, password)
    return None


def _error_response(request: Request, exc: _Error, api: bool) -> Response:
    if api:
        return JSONResponse({"error": exc.message}, status_code=exc.status)
    web: WebApp = request.app.state.web
    return web.page(request, "error.html", code=exc.status, message=exc.message)


async def _handle(request: Request, exc: _Error):
    api = request.url.path.startswith("/api/")
    return _error_response(request, exc, api)


async def _css(request: Request):
    return Response((_TEMPLATES / "app.css").read_bytes(), media_type="text/css")


async def _js(request: Request):
    return Response((_TEMPLATES / "app.js").read_bytes(), media_type="text/javascript")


def create_app(db: str | None = None, *, token: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
               user: str | None = None, as_of: str | None = None, secret: str | None = None) -> Starlette:
    """The app over the register ``db``. ``token``: required to sign in (only its hash is kept);
    ``as_of``: a fixed day for the dashboard (tests)."""
    web = WebApp(db, token_hash=hash_token(token) if token else None, max_bytes=max_bytes,
                 user=user, as_of=as_of)
    routes = [
        Route("/", home), Route("/upload", upload, methods=["POST"]),
        Route("/review/{pid}", review), Route("/review/{pid}/save", save, methods=["POST"]),
        Route("/meetings/{key}", meeting_page), Route("/resolutions/{rid}", resolution_page),
        Route("/resolutions/{rid}/status", status_form, methods=["POST"]),
        Route("/resolutions/{rid}/correct", correct_form, methods=["POST"]),
        Route("/resolutions/{rid}/split", split_form, methods=["POST"]),
        Route("/resolutions/{rid}/merge", merge_form, methods=["POST"]),
        Route("/api/deadline", api_deadline), Route("/static/app.js", _js),
        Route("/carry-over", carry_page), Route("/download", download), Route("/letters", letters),
        Route("/login", login, methods=["GET", "POST"]), Route("/logout", logout, methods=["POST"]),
        Route("/static/app.css", _css),
        Route("/api/parse", api_parse, methods=["POST"]), Route("/api/minutes", api_minutes, methods=["POST"]),
        Route("/api/meetings", api_meetings), Route("/api/resolutions", api_resolutions),
        Route("/api/resolutions/{rid}", api_patch, methods=["PATCH"]),
        Route("/openapi.json", openapi),
    ]
    app = Starlette(routes=routes, exception_handlers={_Error: _handle}, middleware=[
        Middleware(SessionMiddleware, secret_key=secret or secrets.token_urlsafe(32),
                   session_cookie="minutes_session", same_site="strict", https_only=False),
        Middleware(_Guard)])
    app.state.web = web
    return app


def _env_max_bytes() -> int:
    value = os.environ.get("MINUTES_MAX_BYTES", "")
    return int(value) if value.isdigit() else DEFAULT_MAX_BYTES
