"""Status files as clerks have them: the sheets ``minutes sheet`` writes, edited, read back.

A status file is a table with the columns id, status, done_on, note — in English or in
the sheet's own Persian headers («شناسه», «وضعیت», «تاریخ انجام», «یادداشت»,
``sheets.columns``). It can be:

* CSV in UTF-8 (with or without BOM), UTF-16 (Excel's «Unicode Text», tab-separated)
  or cp1256 (Excel's «CSV» on a Persian Windows), separated by commas, tabs or «;»;
* the XLSX ``minutes sheet`` writes (every sheet but the summary), the status picked
  from its drop-down;
* the blank template (``minutes sheet --status-template``): one row per resolution,
  the status left empty until known.

In a sheet-shaped file (more columns than the four), the other columns are ignored, a
row whose status is empty or only what the sheet computed («سررسید گذشته», «در مهلت»)
says nothing and is skipped, and a progress word in the note cell (the sheet puts it
there) is not part of the note.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..text.normalize import LETTER_FIXES
from ..text.vocab import vocab

__all__ = ["decode", "header_key", "csv_rows", "xlsx_rows", "FIELDS", "sheet_words",
           "status_template", "read_status_input"]

FIELDS = ("id", "status", "done_on", "note")


def decode(data: bytes, path: str) -> str:
    """The text of a CSV file in whichever encoding Excel or a text editor saved it."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    utf16 = _utf16_order(data[:4000])
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # cp1256 has no Persian yeh or keheh: Excel saved the Arabic forms; ours are Persian.
        return data.decode("cp1256").translate(_LETTERS)
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot decode: not UTF-8, UTF-16 or cp1256 (byte {exc.start})",
                         path=path) from None


_LETTERS = str.maketrans(LETTER_FIXES)


def _utf16_order(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the high bytes of the text's code units are those of
    ASCII (0x00) or Arabic script (0x06) nearly everywhere; None otherwise."""
    if len(sample) < 4 or len(sample) % 2:
        return None
    for order, highs in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if sum(b in (0, 6, 0x20) for b in highs) >= 0.9 * len(highs) and highs.count(0):
            return order
    return None


def _keyed(cell: str) -> str:
    return " ".join(str(cell or "").replace("\u200c", " ").split()).lower().replace("-", "_")


def header_key(cell: str) -> tuple[str | None, bool]:
    """(status field, known) of a header cell: ('status', True) for «وضعیت» or 'status';
    (None, True) for another column of the sheets (row, text, actor, …); (None, False)
    for a column we do not know."""
    plain = _keyed(cell).replace(" ", "_")
    if plain in FIELDS:
        return plain, True
    key = vocab().lookup("sheets.columns", str(cell or "").strip())
    if key in FIELDS:
        return key, True
    if key is not None or plain in _ENGLISH_OTHERS:
        return None, True
    return None, False


# English names of the sheets' other columns (what `minutes sheet` calls the row keys).
_ENGLISH_OTHERS = {"row", "text", "topic", "actor", "supervisor", "deadline", "kind", "jalali",
                   "gregorian", "days", "meeting", "due", "due_jalali", "due_gregorian"}


def _delimiter(first: str) -> str:
    return max(",\t;", key=first.count) if any(d in first for d in ",\t;") else ","


def _table(rows: Iterator[tuple[int, list[str]]], path: str):
    """(line, {field: value}, sheet-shaped) for each data row under the header."""
    header = None
    for line, cells in rows:
        if not any(str(c or "").strip() for c in cells) or str(cells[0] or "").lstrip().startswith("#"):
            continue
        if header is None:
            keys = [header_key(c) for c in cells]
            fields = [k for k, _ in keys]
            if "id" not in fields or "status" not in fields:
                raise InputError("the header row must name the columns id, status, done_on, note "
                                 "(or «شناسه»، «وضعیت»، «تاریخ انجام»، «یادداشت»)", path=path, line=line)
            # An unknown column is kept under its own name: the rows that fill it are refused.
            header = [k if known else str(c or "").strip() or None
                      for c, (k, known) in zip(cells, keys)]
            shaped = any(known and k is None for k, known in keys)
            continue
        if len(cells) > len(header) and any(str(c or "").strip() for c in cells[len(header):]):
            raise InputError(f"{len(cells)} cells but the header has {len(header)}",
                             path=path, line=line, hint="quote cells that contain commas")
        yield line, {h: ("" if c is None else c) for h, c in zip(header, cells) if h}, shaped, path


def csv_rows(text: str, path: str):
    text = text.lstrip("\ufeff")
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    # An odd number of quotes leaves a quoted cell open: a lenient reader would swallow every
    # row after it into that cell, silently. Read strictly, the error names where it opened.
    unbalanced = text.count('"') % 2 == 1
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(first), strict=unbalanced)

    def rows():
        start = 1  # the line where the record being read begins
        try:
            for cells in reader:
                yield reader.line_num, cells
                start = reader.line_num + 1
        except csv.Error as exc:
            if unbalanced:
                raise InputError(f"a quoted cell is never closed ({exc})", path=path, line=start,
                                 hint='close the quote, or double a quote inside a cell ("")') from None
            raise InputError(f"not a readable CSV: {exc}", path=path, line=reader.line_num + 1) from None

    yield from _table(rows(), path)


def xlsx_rows(path: str):
    """The rows of every resolution sheet of a workbook (not the summary sheet)."""
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # not a workbook, or a damaged one
        raise InputError(f"cannot read the workbook: {type(exc).__name__}: {exc}", path=path) from None
    summary = sheet_words("labels")["summary"]
    for ws in wb.worksheets:
        if ws.title.strip() == summary[:28].strip():
            continue
        where = f"{path} [{ws.title}]"
        yield from _table(((i, list(r)) for i, r in enumerate(ws.iter_rows(values_only=True), 1)), where)


def sheet_words(table: str) -> dict[str, str]:
    return {k: v[0] for k, v in vocab().table(f"sheets.{table}").items()}


def read_text(path: str | Path) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read status file: {exc.strerror or exc}", path=str(path)) from None
    return decode(data, str(path))


def status_template(meetings) -> str:
    """A blank status file (CSV, UTF-8 with BOM, Persian headers): one row per resolution of
    each meeting, with what a clerk needs to fill the status, done_on and note cells."""
    from .render import neutralize_cell

    c = sheet_words("columns")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([c["id"], c["meeting"], c["row"], c["text"], c["actor"], c["deadline"], c["status"],
                c["done_on"], c["note"]])
    for m in meetings:
        d = m.header.meeting.date
        label = " ".join(x for x in (m.header.title or "", d.jalali if d and d.jalali else "") if x)
        for r in m.resolutions:
            w.writerow([neutralize_cell(x) for x in (r.id or "", label, "" if r.row is None else r.row,
                                                     r.text, r.actor or "", r.deadline.text or "",
                                                     "", "", "")])
    return "\ufeff" + buf.getvalue()


def read_status_input(path: str | Path, *, known_ids=None):
    """A status file of any of these forms, as {id: StatusEntry}."""
    from .track import load_statuses

    return load_statuses(path, known_ids=known_ids)
