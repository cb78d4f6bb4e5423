"""Flat tables of a batch: meetings, resolutions, turns, attendees, diagnostics.

Every row carries ``document``, the document's name in the batch (its path relative to its
input, as in the output folder), and the meetings table has one row per document: the tables
join on ``document``. Written as Parquet (pyarrow) and CSV (UTF-8, a header row), one file per
table, with the same columns and types however many documents there are (none included).
"""

from __future__ import annotations

import csv
from pathlib import Path

__all__ = ["TABLES", "rows_of", "write_tables"]

_S, _I = "string", "int64"

# table → (column, type): the one place the tables' shape is written down.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "meetings": (
        ("document", _S), ("path", _S), ("sha256", _S), ("format", _S), ("kind", _S),
        ("organization", _S), ("number", _S), ("date_jalali", _S), ("title", _S), ("subject", _S),
        ("session_number", _I), ("meeting_date_jalali", _S), ("meeting_date_gregorian", _S),
        ("meeting_weekday", _S), ("meeting_time", _S), ("meeting_place", _S), ("chair", _S),
        ("secretary", _S), ("attendees", _I), ("turns", _I), ("resolutions", _I),
        ("deadlines_resolved", _I), ("warnings", _I), ("tool_version", _S),
    ),
    "resolutions": (
        ("document", _S), ("id", _S), ("row", _I), ("text", _S), ("topic", _S), ("actor", _S),
        ("supervisor", _S), ("deadline_text", _S), ("deadline_kind", _S), ("deadline_jalali", _S),
        ("deadline_gregorian", _S), ("line", _I),
    ),
    "turns": (
        ("document", _S), ("turn", _I), ("speaker", _S), ("speaker_role", _S),
        ("speaker_organization", _S), ("text", _S), ("line", _I),
    ),
    "attendees": (
        ("document", _S), ("list", _S), ("name", _S), ("honorific", _S), ("titles", _S),
        ("role", _S), ("organization", _S), ("line", _I),
    ),
    "diagnostics": (
        ("document", _S), ("level", _S), ("code", _S), ("message", _S), ("line", _I),
    ),
}

_JOIN = " / "  # several values in one cell (organization lines, titles)


def _date(ref: dict | None, key: str) -> str | None:
    return (ref or {}).get(key)


def _name(person: dict | None) -> str | None:
    return (person or {}).get("name") or (person or {}).get("role")


def rows_of(document: str, data: dict) -> dict[str, list[dict]]:
    """The rows ``data`` (one document's JSON, as a dict) adds to each table."""
    header = data.get("header") or {}
    meeting = header.get("meeting") or {}
    resolutions = data.get("resolutions") or []
    diagnostics = data.get("diagnostics") or []
    tool = data.get("tool") or {}
    people = [(kind, p) for kind in ("attendees", "absentees", "guests") for p in header.get(kind) or []]
    meetings = [{
        "document": document, "path": data["source"].get("path"), "sha256": data["source"].get("sha256"),
        "format": data["source"].get("format"), "kind": data.get("kind"),
        "organization": _JOIN.join(header.get("organization") or []) or None, "number": header.get("number"),
        "date_jalali": _date(header.get("date"), "jalali"), "title": header.get("title"),
        "subject": header.get("subject"), "session_number": header.get("session_number"),
        "meeting_date_jalali": _date(meeting.get("date"), "jalali"),
        "meeting_date_gregorian": _date(meeting.get("date"), "gregorian"),
        "meeting_weekday": meeting.get("weekday"), "meeting_time": meeting.get("time"),
        "meeting_place": meeting.get("place"), "chair": _name(header.get("chair")),
        "secretary": _name(header.get("secretary")), "attendees": len(header.get("attendees") or []),
        "turns": len(data.get("turns") or []), "resolutions": len(resolutions),
        "deadlines_resolved": sum(1 for r in resolutions if (r.get("deadline") or {}).get("jalali")),
        "warnings": sum(1 for d in diagnostics if d.get("level") in ("warning", "error")),
        "tool_version": tool.get("version"),
    }]
    return {
        "meetings": meetings,
        "resolutions": [{
            "document": document, "id": r.get("id"), "row": r.get("row"), "text": r.get("text"),
            "topic": r.get("topic"), "actor": r.get("actor"), "supervisor": r.get("supervisor"),
            "deadline_text": (r.get("deadline") or {}).get("text"), "deadline_kind": (r.get("deadline") or {}).get("kind"),
            "deadline_jalali": (r.get("deadline") or {}).get("jalali"),
            "deadline_gregorian": (r.get("deadline") or {}).get("gregorian"), "line": r.get("line"),
        } for r in resolutions],
        "turns": [{
            "document": document, "turn": i, "speaker": _name(t.get("speaker")),
            "speaker_role": (t.get("speaker") or {}).get("role"),
            "speaker_organization": (t.get("speaker") or {}).get("organization"),
            "text": t.get("text"), "line": t.get("line"),
        } for i, t in enumerate(data.get("turns") or [], 1)],
        "attendees": [{
            "document": document, "list": kind[:-1] if kind != "absentees" else "absentee",
            "name": p.get("name"), "honorific": p.get("honorific"), "titles": _JOIN.join(p.get("titles") or []) or None,
            "role": p.get("role"), "organization": p.get("organization"), "line": p.get("line"),
        } for kind, p in people],
        "diagnostics": [{
            "document": document, "level": d.get("level"), "code": d.get("code"),
            "message": d.get("message"), "line": d.get("line"),
        } for d in diagnostics],
    }


def write_tables(folder: str | Path, rows: dict[str, list[dict]]) -> list[Path]:
    """``folder/TABLE.parquet`` and ``folder/TABLE.csv`` for each table; the files written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table, columns in TABLES.items():
        names = [c for c, _ in columns]
        schema = pa.schema([(c, pa.string() if t == _S else pa.int64()) for c, t in columns])
        data = rows.get(table, [])
        pq.write_table(pa.Table.from_pylist(data, schema=schema), folder / f"{table}.parquet")
        with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=names, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(data)
        written += [folder / f"{table}.parquet", folder / f"{table}.csv"]
    return written
