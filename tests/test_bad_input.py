"""Bad input never crashes: each case ends in a result with diagnostics, or one error line.

Every case of issue 6 runs through the CLI (``minutes.cli.main`` in-process: exit status 0, 1
or 2, at most one line on stderr naming the file, never an exception) and through the library
(``Minutes`` or ``MinutesError``, nothing else). Real processes are kept where the process is
the point: standard input, and the 20 MB input under a time limit.
"""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

import minutes
from minutes import Minutes, MinutesError
from minutes.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED_003 = next((ROOT / "seeds").glob("003_*.txt"))
HAS_READERS = (ROOT / "minutes" / "read" / "readers.py").exists()

HEAD = "ردیف\tشرح مصوبات\tموضوع محوری\tاقدام کننده\tمسئول نظارت\tمدت اجراء"
ROW = "{n}\tمقرر شد گزارش عملکرد ارسال شود\tاطلاع رسانی\tدبیرخانه\tدبیرخانه شورا\tمستمر"
MINUTES_TOP = "### صورتجلسه\n#### د : موضوعات مطرح شده\n### جناب آقای احمدی فرمودند :\nمتن سخنان.\n"


def run_cli(*args: str, stdin: bytes | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """``minutes parse ARGS`` in a real process."""
    return subprocess.run([sys.executable, "-m", "minutes.cli", "parse", *args], input=stdin,
                          capture_output=True, timeout=timeout, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def run_main(capsys, *args: str) -> subprocess.CompletedProcess:
    """``minutes parse ARGS`` in-process, as a CompletedProcess (stdout and stderr in UTF-8 bytes)."""
    try:
        code = main(["parse", *args])
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["minutes", "parse", *args], code, out.encode(), err.encode())


def assert_clean_exit(proc: subprocess.CompletedProcess, allowed=(0, 1, 2)) -> None:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode in allowed, (proc.returncode, err[-2000:])
    assert "Traceback" not in err, err[-2000:]
    assert len(err.strip().splitlines()) <= 1, err[-2000:]
    if proc.returncode:
        assert err.startswith("minutes: "), err


def parse_lib(path: Path) -> Minutes | MinutesError:
    try:
        return minutes.parse_file(path)
    except MinutesError as exc:
        return exc


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"\x00\xff\x00\x00" * 4
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


# name -> (file name, bytes, the exit statuses allowed, what the library must give)
CASES = {
    "empty": ("empty.txt", b"", (0, 2), None),
    "whitespace": ("blank.txt", b"  \n\t\n\r\n   \n", (0, 2), None),
    "png": ("image.png", _png(), (2,), "error"),
    "zip": ("archive.zip", _zip({"a.txt": b"hello"}), (2,), "error"),
    "truncated_utf8": ("cut.txt", "صورتجلسه جلسه".encode("utf-8")[:-1], (0, 2), None),
    "truncated_utf8_middle": ("cut2.txt", "صورتجلسه".encode("utf-8")[:5] + b"\nabc\n" +
                              "جلسه".encode("utf-8"), (0, 2), None),
    "missing_cells": ("missing.txt", (MINUTES_TOP + HEAD + "\n۱\tمتن فقط\n۲\tمتن\tموضوع\n").encode(), (0,), "ok"),
    "extra_cells": ("extra.txt", (MINUTES_TOP + HEAD + "\n" + ROW.format(n="۱") + "\tاضافه\tدیگر\n").encode(),
                    (0,), "ok"),
    "duplicate_rows": ("dup.txt", (MINUTES_TOP + HEAD + "\n" + ROW.format(n="۱") + "\n" + ROW.format(n="۱") + "\n")
                       .encode(), (0,), "ok"),
    "non_numeric_rows": ("nonnum.txt", (MINUTES_TOP + HEAD + "\n" + ROW.format(n="الف") + "\n" + ROW.format(n="")
                                        + "\n" + ROW.format(n="۳-۱") + "\n").encode(), (0,), "ok"),
    "header_no_rows": ("head.txt", (MINUTES_TOP + HEAD + "\nدر این جلسه ۰ مصوبه مورد تأیید قرار گرفت.\n").encode(),
                       (0,), "ok"),
    "rows_no_header": ("rows.txt", (MINUTES_TOP + ROW.format(n="۱") + "\n" + ROW.format(n="۲") + "\n").encode(),
                       (0,), "ok"),
    "broken_markdown": ("md.md", ("###### ##### #### صورتجلسه\n**باز نشده\n__**__\n- - - -\n> > > نقل\n"
                                  "| a | b\n|---|\n``` کد\n* ** *** متن\n#\n**\n" + "#" * 300 + "\n"
                                  + "> " * 2000 + "عمیق\n" + "- " * 2000 + "فهرست\n").encode(), (0,), "ok"),
    "bidi_zero_width": ("bidi.txt", "".join(
        ch + "\u200f\u202b\u2067\u200b\u200d\ufeff\u2060\u202e" for ch in
        SEED_003.read_text(encoding="utf-8")[:6000]).encode(), (0,), "ok"),
    "mixed_digits": ("digits.txt", (MINUTES_TOP + HEAD + "\n1\tمتن\tم\tالف\tب\tتا 1399/11/26\n"
                                    "٢\tمتن\tم\tالف\tب\tتا ۹۹/١١/26\n۳\tمتن\tم\tالف\tب\tظرف ٤٥ روز\n"
                                    "در این جلسه 3 مصوبه مورد تأیید قرار گرفته است.\n").encode(), (0,), "ok"),
    "utf16": ("u16.txt", "\ufeffصورتجلسه\nمتن".encode("utf-16-le"), (0,), "ok"),
    "nul_bytes": ("nul.txt", b"abc\x00def\n", (2,), "error"),
    "cp1256": ("old.txt", "صورتجلسه\nدستور كار جلسه:\n- بررسي".encode("cp1256"), (0,), "ok"),
}
if HAS_READERS:
    CASES.update({
        "docx_not_zip": ("fake.docx", b"this is not a zip file at all", (2,), "error"),
        "docx_zip_bomb": ("bomb.docx", None, (2,), "error"),  # built in case_dir: 60 MB inflated
        "docx_xxe": ("xxe.docx", _zip({
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                 b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                 b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"}),
                     (2,), "error"),
        "docx_billion_laughs": ("laughs.docx", _zip({
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
                                 b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document>&b;</w:document>'}),
                                (2,), "error"),
    })


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad")
    for name, (file, data, _, _) in CASES.items():
        if data is None:  # the zip bomb
            data = _zip({"[Content_Types].xml": b"<Types/>",
                         "word/document.xml": b"<w:document>" + b" " * (60 * 1024 * 1024) + b"</w:document>"})
        (d / file).write_bytes(data)
    return d


@pytest.mark.parametrize("name", sorted(CASES))
def test_cli(name, case_dir, capsys):
    file, _, allowed, _ = CASES[name]
    proc = run_main(capsys, str(case_dir / file))
    assert_clean_exit(proc, allowed)
    if proc.returncode == 2:
        assert file in proc.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize("name", sorted(CASES))
def test_library(name, case_dir):
    file, _, _, want = CASES[name]
    result = parse_lib(case_dir / file)
    assert isinstance(result, (Minutes, MinutesError))
    if want == "ok":
        assert isinstance(result, Minutes), result
    elif want == "error":
        assert isinstance(result, MinutesError)
        assert file in str(result)
    if isinstance(result, MinutesError):
        assert "\n" not in str(result)


def test_table_damage_is_diagnosed(case_dir):
    m = minutes.parse_file(case_dir / "missing.txt")
    assert len(m.resolutions) == 2 and m.resolutions[0].text == "متن فقط"
    m = minutes.parse_file(case_dir / "extra.txt")
    assert m.resolutions[0].extra and any(d.code == "table-extra-columns" for d in m.diagnostics)
    m = minutes.parse_file(case_dir / "nonnum.txt")
    assert [r.row for r in m.resolutions] == [None, None, None]
    assert len({r.id for r in m.resolutions}) == 3  # ids stay distinct without row numbers
    m = minutes.parse_file(case_dir / "rows.txt")
    # Rows with no header above them are not resolutions; they are kept (in a turn's text).
    assert not m.resolutions and "مقرر شد گزارش عملکرد ارسال شود" in m.turns[-1].text


def test_duplicate_row_numbers_are_diagnosed_or_distinct(case_dir):
    m = minutes.parse_file(case_dir / "dup.txt")
    assert len(m.resolutions) == 2
    ids = [r.id for r in m.resolutions]
    # Two rows numbered ۱: either their ids differ or a diagnostic says so.
    assert len(set(ids)) == 2 or any("dup" in d.code or "row" in d.code for d in m.diagnostics), ids


def test_mixed_digits_read_alike(case_dir):
    m = minutes.parse_file(case_dir / "digits.txt")
    assert [r.row for r in m.resolutions] == [1, 2, 3]
    assert m.resolutions[0].deadline.jalali == "1399-11-26" == m.resolutions[1].deadline.jalali
    assert m.closing.declared_resolution_count == 3


def test_bidi_and_zero_width_read_like_the_clean_text(case_dir):
    clean = minutes.parse(SEED_003.read_text(encoding="utf-8")[:6000])
    noisy = minutes.parse_file(case_dir / "bidi.txt")
    assert noisy.header.model_dump(exclude={"meeting"}) == clean.header.model_dump(exclude={"meeting"})
    assert [a.text for a in noisy.agenda] == [a.text for a in clean.agenda]


def test_directory_and_missing_path(tmp_path, capsys):
    for target, word in ((tmp_path, "directory"), (tmp_path / "nope.txt", "no such file")):
        proc = run_main(capsys, str(target))
        assert_clean_exit(proc, (2,))
        err = proc.stderr.decode()
        assert str(target) in err and word in err
        with pytest.raises(MinutesError):
            minutes.parse_file(target)


def test_stdin():
    proc = run_cli("-", stdin=SEED_003.read_bytes())
    assert_clean_exit(proc, (0,))
    assert b'"1399-11-21-s6-r1"' in proc.stdout
    proc = run_cli("-", stdin=b"")
    assert_clean_exit(proc)
    proc = run_cli("-", stdin=_png())
    assert_clean_exit(proc, (2,))


def test_strict_failure_exits_1(case_dir, capsys):
    proc = run_main(capsys, "--strict", str(case_dir / "missing.txt"))
    assert_clean_exit(proc, (1,))
    assert "missing.txt" in proc.stderr.decode()


# --- big inputs ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("big")
    seed = SEED_003.read_bytes()
    (d / "twenty_mb.txt").write_bytes(seed * (20 * 1024 * 1024 // len(seed) + 1))
    (d / "lines.txt").write_bytes(b"\n".join(f"خط شماره {i} از گزارش".encode() for i in range(200_000)))
    (d / "one_line.txt").write_bytes(("کلمه " * 200_000).encode()[: 1024 * 1024])
    return d


@pytest.mark.parametrize("file", ["lines.txt", "one_line.txt"])
def test_big_inputs(file, big_dir, capsys):
    assert_clean_exit(run_main(capsys, str(big_dir / file), "-o", os.devnull))


def test_twenty_mb_in_a_process_under_a_time_limit(big_dir):
    proc = run_cli(str(big_dir / "twenty_mb.txt"), "-o", os.devnull, timeout=80)
    assert_clean_exit(proc)
