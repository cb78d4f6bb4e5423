"""Stage 1 — sources: bytes or text in, numbered lines with provenance out.

Each ``Line`` keeps its 1-based number and the original text; later stages add
the normalized text (``text``), a markdown hint (``mark``) and, for table
rows, the canonical column of each cell (``columns``).
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..models import Diagnostic, Source

__all__ = ["Line", "Document", "read_text", "decode", "load_bytes"]


@dataclass(slots=True)  # not frozen: a frozen init costs 4 times as much, and a parse makes 3 per line
class Line:
    number: int  # 1-based line in the source
    original: str  # as read, before any normalization
    text: str = ""  # normalized (set by normalize), markdown stripped (set by layout)
    mark: str | None = None  # 'h1'…'h6', 'bold', 'bullet', 'pipe' — markdown hints kept for the lexer
    columns: tuple[str, ...] = field(default=())  # canonical column per cell, for table lines


@dataclass(slots=True)
class Document:
    source: Source
    lines: list[Line]
    # What reading had to mend (invalid bytes, lone surrogates), one per line; the pipeline
    # puts them first among the parse's diagnostics.
    diagnostics: list[Diagnostic] = field(default_factory=list)


_ARABIC_RANGE = range(0x0600, 0x0700)


def _looks_persian(text: str) -> bool:
    letters = [c for c in text[:4000] if c.isalpha()]
    if not letters:
        return True
    return sum(ord(c) in _ARABIC_RANGE for c in letters) / len(letters) > 0.3


def decode(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM optional), UTF-16 with BOM, or Windows-1256.

    Returns (text, encoding). Never guesses silently: bytes that are in none of
    these encodings, or binary data, raise ``InputError`` naming the file.
    """
    where = path or "<bytes>"
    if data.startswith(codecs.BOM_UTF8):
        data, enc = data[3:], "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 at byte {exc.start}", path=where) from None
    else:
        enc = "utf-8"
    if b"\x00" in data[:8192]:
        raise InputError("binary data, not a text document (NUL bytes)", path=where,
                         hint="expected UTF-8, UTF-16 or Windows-1256 text")
    try:
        return data.decode("utf-8"), enc
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_persian(text):
        return text, "cp1256"
    bad = utf8_error.start
    line = data[:bad].count(b"\n") + 1
    start = data.rfind(b"\n", 0, bad) + 1
    end = data.find(b"\n", bad)
    # The bytes before ``bad`` are valid UTF-8, so the column counts the line's characters.
    column = len(data[start:bad].decode("utf-8")) + 1
    text = data[start:end if end >= 0 else len(data)].decode("utf-8", "replace").rstrip("\r")
    raise InputError(f"cannot decode byte 0x{data[bad]:02x} at byte {bad}", path=where, line=line,
                     column=column, text=text, hint="expected UTF-8, UTF-16 or Windows-1256 text")


def _split(text: str) -> list[Line]:
    # Only \n, \r\n and \r break lines; str.splitlines would also split on
    # U+2028 and form feeds, which would shift line numbers against editors.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(i, s) for i, s in enumerate(text.split("\n"), 1)]


def read_text(text: str, *, path: str | None = None, fmt: str = "text", encoding: str | None = None) -> Document:
    if text.startswith("\ufeff"):
        text = text[1:]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(Source(path=path, sha256=digest, format=fmt, encoding=encoding), _split(text))


def load_bytes(path: str | Path) -> bytes:
    """The bytes of a file (``-`` is standard input). Errors are ``InputError`` naming the file."""
    p = str(path)
    if p == "-":
        import sys

        return sys.stdin.buffer.read()
    fp = Path(p)
    if not fp.exists():
        raise InputError("no such file", path=p)
    if fp.is_dir():
        raise InputError("is a directory, expected a minutes file", path=p)
    try:
        return fp.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=p) from None
