"""Stage 1 — sources: bytes or text in, numbered lines with provenance out.

Each ``Line`` keeps its 1-based number and the original text; later stages add
the normalized text (``text``), a markdown hint (``mark``) and, for table
rows, the canonical column of each cell (``columns``).
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import threading
from dataclasses import dataclass, field

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


# Control characters other than tab, line breaks and form feed: a text file has next to none,
# binary data read as Windows-1256 has about one byte in nine (cp1256 maps all 256 bytes).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _reads_as_persian(text: str) -> bool:
    """Windows-1256 only for what reads as Persian text, not for binary data that happens
    to map to Arabic letters: (almost) no control characters, and Arabic-script letters."""
    head = text[:65536]
    return len(_CONTROL.findall(head)) <= len(head) // 1000 and _looks_persian(head)


_RECORDED = threading.local()  # the error handler is global; each thread keeps its own list


def _record(exc: UnicodeDecodeError) -> tuple[str, int]:
    _RECORDED.bad.append(exc.start)
    return "\ufffd", exc.end


codecs.register_error("minutes-record", _record)


def _utf8_with_replacements(data: bytes) -> tuple[str, list[int]]:
    """``data`` decoded as UTF-8, each invalid sequence one U+FFFD, and the byte offsets of
    those sequences."""
    _RECORDED.bad = bad = []
    try:
        return data.decode("utf-8", "minutes-record"), bad
    finally:
        _RECORDED.bad = []


_BREAK = re.compile(rb"\r\n|\r|\n")


def _line_of(data: bytes, offsets: list[int]) -> list[int]:
    """The 1-based line of each (sorted) byte offset, lines broken as ``_split`` breaks them."""
    import bisect

    ends = [m.end() for m in _BREAK.finditer(data)]
    return [bisect.bisect_right(ends, off) + 1 for off in offsets]


def decode(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM optional), UTF-16 or UTF-32 with BOM, or Windows-1256.

    Returns (text, encoding). Never guesses silently: bytes that are in none of
    these encodings, or binary data, raise ``InputError`` naming the file. A UTF-8 file
    with a few invalid bytes stays UTF-8: see ``decode_report`` for where they were.
    """
    text, encoding, _ = decode_report(data, path)
    return text, encoding


def decode_report(data: bytes, path: str | None = None) -> tuple[str, str, list[tuple[int, int]]]:
    """``decode``, plus (line, byte offset) of each invalid UTF-8 sequence that was replaced
    by U+FFFD. A file cut mid-character or with a few broken bytes is still UTF-8 when its
    valid non-ASCII characters outnumber the broken sequences; Windows-1256 is read only when
    the bytes are not UTF-8 at all and read as Persian; anything else is refused."""
    where = path or "<bytes>"
    # UTF-32's little-endian BOM begins with UTF-16's: look for it first.
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec, []
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {codec.upper()} at byte {exc.start}", path=where) from None
    if data.startswith(codecs.BOM_UTF8):
        data, enc = data[3:], "utf-8-sig"
    else:
        enc = "utf-8"
    if b"\x00" in data[:8192]:
        raise InputError("binary data, not a text document (NUL bytes)", path=where,
                         hint="expected UTF-8, UTF-16, UTF-32 or Windows-1256 text")
    try:
        return data.decode("utf-8"), enc, []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    text, bad = _utf8_with_replacements(data)
    good = sum(1 for c in text if c > "\x7f") - len(bad)
    if good >= len(bad):
        return text, enc, list(zip(_line_of(data, bad), bad))
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = None
    if text is not None and _reads_as_persian(text):
        return text, "cp1256", []
    if text is not None and len(_CONTROL.findall(text[:65536])) > len(text[:65536]) // 1000:
        raise InputError("binary data, not a text document (control bytes)", path=where,
                         hint="expected UTF-8, UTF-16, UTF-32 or Windows-1256 text")
    bad = utf8_error.start
    line = data[:bad].count(b"\n") + 1
    start = data.rfind(b"\n", 0, bad) + 1
    end = data.find(b"\n", bad)
    # The bytes before ``bad`` are valid UTF-8, so the column counts the line's characters.
    column = len(data[start:bad].decode("utf-8")) + 1
    text = data[start:end if end >= 0 else len(data)].decode("utf-8", "replace").rstrip("\r")[:200]
    raise InputError(f"cannot decode byte 0x{data[bad]:02x} at byte {bad}", path=where, line=line,
                     column=column, text=text, hint="expected UTF-8, UTF-16, UTF-32 or Windows-1256 text")


def _split(text: str) -> list[Line]:
    # Only \n, \r\n and \r break lines; str.splitlines would also split on
    # U+2028 and form feeds, which would shift line numbers against editors.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(i, s) for i, s in enumerate(text.split("\n"), 1)]


_SURROGATE = re.compile("[\ud800-\udfff]")


def shown_path(path: str | None) -> str | None:
    """``path`` as it can be written out. A file name that is not valid UTF-8 arrives with
    surrogate escapes (POSIX names are bytes), which no JSON or UTF-8 stream can carry: it
    is shown as Windows-1256 when it reads as Persian (names from Windows archives), else
    with U+FFFD for each byte that is not UTF-8."""
    if path is None or not _SURROGATE.search(path):
        return path
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no file system put there
        return path.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    legacy = raw.decode("cp1256")
    # Judged on the name's non-ASCII characters: the folders around it are often Latin.
    return legacy if _reads_as_persian("".join(c for c in legacy if c > "\x7f")) else raw.decode("utf-8", "replace")


def _mend_surrogates(lines: list[Line]) -> list[Diagnostic]:
    """Lone surrogates (a ``str`` built by hand, JSON with an unpaired ``\\ud800``) cannot be
    written as UTF-8: each becomes U+FFFD, and its line says so. A pair becomes its character."""
    out = []
    for ln in lines:
        if _SURROGATE.search(ln.original):
            before = ln.original.count("\ufffd")
            ln.original = ln.original.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
            n = ln.original.count("\ufffd") - before
            if n:
                out.append(Diagnostic(level="warning", code="lone-surrogate", line=ln.number,
                                      message=f"{n} lone surrogate code point(s) replaced by U+FFFD"))
    return out


def read_text(text: str, *, path: str | None = None, fmt: str = "text", encoding: str | None = None) -> Document:
    if text.startswith("\ufeff"):
        text = text[1:]
    lines, mended = _split(text), []
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:
        mended = _mend_surrogates(lines)
        raw = "\n".join(ln.original for ln in lines).encode("utf-8")
    if CONTROLS.search(text):
        mended += _clean_controls(lines)
    digest = hashlib.sha256(raw).hexdigest()
    return Document(Source(path=shown_path(path), sha256=digest, format=fmt, encoding=encoding), lines, mended)


# Control characters but tab and the line breaks: \v is Word's manual line break, \f a page
# break, ESC and the like come from terminals and broken exports. XLSX and DOCX cannot hold
# them (openpyxl's IllegalCharacterError), JSON and CSV carry them invisibly: each run is a space.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")


def _clean_controls(lines: list[Line]) -> list[Diagnostic]:
    out = []
    for ln in lines:
        if CONTROLS.search(ln.original):
            found = sorted({f"U+{ord(c):04X}" for run in CONTROLS.findall(ln.original) for c in run})
            ln.original = CONTROLS.sub(" ", ln.original)
            out.append(Diagnostic(level="warning", code="control-character", line=ln.number,
                                  message=f"control character(s) {' '.join(found)} replaced by a space"))
    return out


MAX_INPUT_BYTES = 64 * 1024 * 1024  # a year of a council's minutes is a few MB


def input_limit() -> int:
    """The most bytes one input may have: ``MINUTES_MAX_BYTES`` from the environment when
    set, else ``MAX_INPUT_BYTES`` (the CLI's ``--max-bytes`` sets the latter)."""
    env = os.environ.get("MINUTES_MAX_BYTES", "").strip()
    if not env:
        return MAX_INPUT_BYTES
    try:
        return max(0, int(env))
    except ValueError:
        raise InputError(f"MINUTES_MAX_BYTES is not a number of bytes: {env!r}") from None


def _too_large(where: str, limit: int) -> InputError:
    return InputError(f"larger than the input limit of {limit:,} bytes", path=where,
                      hint="raise it with --max-bytes N or MINUTES_MAX_BYTES")


def _read_limited(fh, where: str, limit: int) -> bytes:
    """At most ``limit`` bytes from a stream; one more is an error, so an endless source
    (``/dev/zero`` on standard input, ``yes |``) stops at the limit, not in MemoryError."""
    chunks, total = [], 0
    while True:
        chunk = fh.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_large(where, limit)


def load_bytes(path, limit: int | None = None) -> bytes:
    """The bytes of a file (``-`` is standard input; a ``bytes`` path is a file-system name),
    at most ``limit`` of them (default ``input_limit()``). Errors are ``InputError`` naming
    the file: missing, a directory, a device, too large, unreadable, standard input closed."""
    import stat
    import sys

    limit = input_limit() if limit is None else limit
    if isinstance(path, (bytes, bytearray)):
        path = os.fsdecode(bytes(path))
    p = str(path)
    where = shown_path(p)
    if p == "-":
        if sys.stdin is None:  # started with `<&-`
            raise InputError("standard input is closed", path="-", hint="give a file name, or pipe the text in")
        try:
            return _read_limited(getattr(sys.stdin, "buffer", sys.stdin), "-", limit)
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read standard input: {getattr(exc, 'strerror', None) or exc}",
                             path="-") from None
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise InputError("no such file", path=where) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", path=where) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, expected a minutes file", path=where)
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        raise InputError("not a regular file (a device or a socket), expected a minutes file", path=where)
    if stat.S_ISREG(st.st_mode) and st.st_size > limit:
        raise _too_large(where, limit)
    try:
        with open(p, "rb") as fh:
            return _read_limited(fh, where, limit)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=where) from None
