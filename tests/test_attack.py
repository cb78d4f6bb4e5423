"""The attack campaign's faults (issue 13), each a case here: no silent mis-decoding, no
traceback, one clear line and exit status 2 for what cannot be read, templates sandboxed.
Time-shaped faults live in bench/bench_attack.py (ratios in one run, never timed here)."""

from __future__ import annotations

import codecs
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

import minutes
from minutes import InputError, MinutesError
from minutes.cli import main
from minutes.errors import RenderError
from minutes.read.readers import read_bytes
from minutes.read.sources import decode

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("003_*.txt"))
SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_BYTES = SEED.read_bytes()


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_clear_line(code: int, err: str) -> None:
    assert code == 2, err
    assert err.startswith("minutes") and err.count("\n") == 1 and "Traceback" not in err, err


def process(*args: str, shell: str | None = None, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if shell is not None:
        return subprocess.run(["bash", "-c", shell], capture_output=True, cwd=ROOT, env=env, timeout=120, **kw)
    return subprocess.run([sys.executable, "-m", "minutes.cli", *args], capture_output=True, cwd=ROOT,
                          env=env, timeout=120, **kw)


# --- decoding: never silently wrong ---------------------------------------------------------

def _broken(data: bytes, at: list[int]) -> bytes:
    """``data`` with the byte after each of the given line starts overwritten by 0xff."""
    lines = data.split(b"\n")
    for n in at:
        lines[n - 1] = lines[n - 1][:3] + b"\xff" + lines[n - 1][4:]
    return b"\n".join(lines)


@pytest.mark.parametrize("data, encoding, bad_lines", [
    (SEED_BYTES[:len(SEED_BYTES) // 2 + 1], "utf-8", None),  # cut mid-character, as `head -c` does
    (_broken(SEED_BYTES, [3, 40, 41]), "utf-8", [3, 40, 41]),
    (_broken(codecs.BOM_UTF8 + SEED_BYTES, [2]), "utf-8-sig", [2]),
    (SEED_BYTES.replace(b"\n", b"\r\n")[:4001], "utf-8", None),
], ids=["cut-mid-character", "three-bad-bytes", "bom-and-a-bad-byte", "crlf-cut"])
def test_utf8_with_a_few_bad_bytes_stays_utf8_and_cites_each_line(data, encoding, bad_lines):
    text, enc = decode(data)
    assert enc == encoding and "جمهوری اسلامی" in text and "\ufffd" in text
    m = minutes.parse_file_bytes(data) if hasattr(minutes, "parse_file_bytes") else _parse_bytes(data)
    cited = [d.line for d in m.diagnostics if d.code == "invalid-bytes"]
    if bad_lines is None:  # the cut is on the last line
        bad_lines = [len(text.replace("\r\n", "\n").split("\n"))]
    assert cited == bad_lines
    assert m.source.encoding == encoding
    assert m.header.session_number == 6 or len(data) < len(SEED_BYTES)
    json.loads(m.model_dump_json())


def _parse_bytes(data: bytes, name: str = "x.txt"):
    from minutes.pipeline import parse_document

    return parse_document(read_bytes(data, name))


def test_the_seed_with_one_bad_byte_keeps_its_resolutions():
    m = _parse_bytes(_broken(SEED_BYTES, [100]))
    assert len(m.resolutions) == 7 and m.source.encoding == "utf-8"
    assert [d.line for d in m.diagnostics if d.code == "invalid-bytes"] == [100]


def test_cp1256_only_when_not_utf8_at_all_and_persian():
    old = "صورتجلسه شورا\nدستور كار جلسه: بررسي بودجه\n".encode("cp1256")
    assert decode(old) == (old.decode("cp1256"), "cp1256")


@pytest.mark.parametrize("codec, bom", [("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE)])
def test_utf32_with_a_bom_is_recognised(codec, bom):
    assert decode(bom + SEED_TEXT[:3000].encode(codec)) == (SEED_TEXT[:3000], "utf-32")
    m = _parse_bytes(bom + SEED_TEXT.encode(codec))
    assert len(m.resolutions) == 7 and m.source.encoding == "utf-32"


@pytest.mark.parametrize("seed", range(5))
def test_random_binary_is_refused_in_one_line(seed, tmp_path, capsys):
    rnd = random.Random(seed)
    data = bytes(rnd.randrange(1, 256) for _ in range(20_000))  # no NUL byte
    with pytest.raises(InputError, match="binary data|cannot decode"):
        decode(data, "blob.txt")
    (tmp_path / "blob.txt").write_bytes(data)
    code, out, err = cli(capsys, "parse", str(tmp_path / "blob.txt"))
    one_clear_line(code, err)
    assert "blob.txt" in err and out == ""


# --- no traceback ---------------------------------------------------------------------------

def test_a_file_name_that_is_not_utf8(tmp_path, capsys):
    raw = os.fsencode(str(tmp_path)) + b"/" + "صورتجلسه.txt".encode("cp1256")
    with open(raw, "wb") as fh:
        fh.write(SEED_BYTES)
    name = os.fsdecode(raw)  # as argv gives it: surrogate escapes
    code, out, err = cli(capsys, "parse", name)
    assert code == 0, err
    assert json.loads(out)["source"]["path"].endswith("صورتجلسه.txt")  # read back as Windows-1256
    m = minutes.parse_file(raw)  # a bytes path is a file-system name
    assert m.source.path.endswith("صورتجلسه.txt") and len(m.resolutions) == 7
    json.loads(m.model_dump_json())


def test_a_bytes_path_names_the_file():
    assert minutes.parse_file(os.fsencode(str(SEED))).header.session_number == 6
    with pytest.raises(InputError, match="no such file") as err:
        minutes.parse_file(b"/no/such/minutes.txt")
    assert str(err.value).startswith("/no/such/minutes.txt:")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_refused(device, capsys):
    with pytest.raises(InputError, match="not a regular file"):
        minutes.parse_file(device)
    code, _, err = cli(capsys, "parse", device)
    one_clear_line(code, err)


def test_endless_standard_input_stops_at_the_limit():
    with open("/dev/zero", "rb") as zero:
        proc = process("parse", "-", "--max-bytes", "1000000", stdin=zero)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "larger than the input limit of 1,000,000 bytes" in err, err
    assert err.count("\n") == 1


def test_the_size_limit_holds_for_files_and_pipes(tmp_path, monkeypatch):
    (tmp_path / "big.txt").write_bytes(SEED_BYTES)
    monkeypatch.setenv("MINUTES_MAX_BYTES", str(len(SEED_BYTES) - 1))
    with pytest.raises(InputError, match="larger than the input limit") as err:
        minutes.parse_file(tmp_path / "big.txt")
    assert "big.txt" in str(err.value)
    monkeypatch.setenv("MINUTES_MAX_BYTES", str(len(SEED_BYTES)))
    assert len(minutes.parse_file(tmp_path / "big.txt").resolutions) == 7
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    proc = process(shell=f"cat {SEED} > {fifo} & {sys.executable} -m minutes.cli parse {fifo} --max-bytes 5000")
    assert proc.returncode == 2 and b"larger than the input limit of 5,000 bytes" in proc.stderr, proc.stderr


@pytest.mark.parametrize("redirect, words", [("- <&-", b"standard input is closed"),
                                             (f"{SEED} >&-", b"standard output is closed")])
def test_closed_standard_streams(redirect, words):
    proc = process(shell=f"{sys.executable} -m minutes.cli parse {redirect}")
    assert proc.returncode == 2 and words in proc.stderr and b"Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.count(b"\n") == 1


def test_a_lone_surrogate_is_replaced_and_cited():
    m = minutes.parse("صورتجلسه\nمتن \ud800 دوم\nسوم \udfff\ud83d\ude00")
    assert [(d.code, d.line) for d in m.diagnostics if d.code == "lone-surrogate"] == [("lone-surrogate", 2),
                                                                                         ("lone-surrogate", 3)]
    dumped = m.model_dump_json()
    assert "\\ud800" not in dumped and "😀" in json.dumps(json.loads(dumped), ensure_ascii=False)


@pytest.mark.parametrize("path", [123, 4.5, ["a"], object()])
def test_parse_with_a_path_that_is_not_a_path(path):
    with pytest.raises(InputError, match="path must be a str"):
        minutes.parse("صورتجلسه", path=path)


def test_parse_with_a_pathlike_path():
    assert minutes.parse("صورتجلسه", path=Path("dir/a.txt")).source.path == "dir/a.txt"


def test_render_raises_minutes_errors_only():
    m = minutes.parse(SEED_TEXT)
    for call in (lambda: minutes.render(m, "pdf"), lambda: minutes.render(m, "html", by="supervisor"),
                 lambda: minutes.render(m, "html", as_of="not a day")):
        with pytest.raises(RenderError) as err:
            call()
        assert isinstance(err.value, MinutesError) and isinstance(err.value, ValueError)


def test_an_unexpected_exception_is_one_line(capsys, monkeypatch):
    import minutes.pipeline

    def broken(*a, **k):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(minutes.pipeline, "parse_file", broken)
    code, _, err = cli(capsys, "parse", str(SEED))
    one_clear_line(code, err)
    assert "internal error: RuntimeError: boom second line" in err


# --- templates: sandboxed, within a time and a size limit ------------------------------------

ESCAPES = {
    "popen": "{{ cycler.__init__.__globals__.os.popen('echo pwned').read() }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ self._TemplateReference__context.cycler.__init__.__globals__ }}",
    "import": "{% import 'os' as os %}{{ os }}",
}
BOMBS = {
    "nested-loops": "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "huge-string": "{{ 'x' * 10**10 }}",
    "huge-power": "{{ 7 ** 999999999 }}",
    "long-output": "{% for i in range(99999) %}{{ 'x' * 9999 }}{% endfor %}",
    "recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "big-range": "{% for i in range(10**12) %}{% endfor %}",
}


@pytest.mark.parametrize("name", sorted(ESCAPES) + sorted(BOMBS))
def test_user_templates_are_sandboxed(name, tmp_path, monkeypatch):
    from minutes.sheets import sandbox

    monkeypatch.setattr(sandbox, "TEMPLATE_SECONDS", 2.0)
    monkeypatch.setattr(sandbox, "TEMPLATE_MAX_CHARS", 5_000_000)
    (tmp_path / "sheet.md.j2").write_text({**ESCAPES, **BOMBS}[name], encoding="utf-8")
    with pytest.raises(RenderError) as err:
        minutes.render(minutes.parse(SEED_TEXT), "md", as_of="1399-11-25", templates=tmp_path)
    assert "pwned" not in str(err.value)


def test_a_sandboxed_template_still_renders(tmp_path):
    (tmp_path / "sheet.md.j2").write_text("{% for r in rows %}{{ loop.index }} {{ r.text|length > 0 }}\n"
                                          "{% endfor %}{{ range(3)|list }}", encoding="utf-8")
    out = minutes.render(minutes.parse(SEED_TEXT), "md", as_of="1399-11-25", templates=tmp_path)
    assert out.splitlines() == [f"{i} True" for i in range(1, 8)] + ["[0, 1, 2]"]


def test_an_escaping_template_is_one_line_in_the_cli(tmp_path, capsys):
    (tmp_path / "sheet.html.j2").write_text(ESCAPES["popen"], encoding="utf-8")
    code = main(["sheet", str(SEED), "--as-of", "1399-11-25", "--templates", str(tmp_path)])
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and "sheet.html.j2" in err and "pwned" not in err, err


# --- sheets: control characters, status files ----------------------------------------------

def test_control_characters_are_cleaned_and_cited():
    m = minutes.parse("صورتجلسه\nمتن\x0bدوم\x1b[0m سوم\n\x0cپایان")
    cited = [(d.line, d.message) for d in m.diagnostics if d.code == "control-character"]
    assert cited == [(2, "control character(s) U+000B U+001B replaced by a space"),
                     (3, "control character(s) U+000C replaced by a space")]
    assert not any(c in m.model_dump_json() for c in "\x0b\x0c\x1b")


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "csv", "md", "html"])
def test_sheets_hold_text_that_carried_control_characters(fmt):
    m = minutes.parse(SEED_TEXT.replace("مصوب شد", "مصوب\x0bشد", 1))
    assert any(d.code == "control-character" for d in m.diagnostics)
    by_hand = m.model_copy(deep=True)  # a JSON written by hand still carries them: the sheet cleans
    by_hand.resolutions[0].text += "\x0b\x1bادامه"
    for meeting in (m, by_hand):
        out = minutes.render(meeting, fmt, as_of="1399-11-25")  # XLSX and DOCX raised before
        assert out and (isinstance(out, bytes) or not any(c in out for c in "\x0b\x1b"))


def test_a_status_csv_with_an_unterminated_quote_is_refused_naming_the_line(tmp_path):
    from minutes.sheets.track import load_statuses

    path = tmp_path / "status.csv"
    path.write_text('id,status,done_on,note\na-1,done,,"never closed\na-2,done,,\na-3,done,,\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_statuses(path)
    assert str(err.value).startswith(f"{path}:2: a quoted cell is never closed")
    path.write_text('id,status,done_on,note\na-1,done,,"closed, with a comma"\n', encoding="utf-8")
    assert load_statuses(path)["a-1"].note == "closed, with a comma"


@pytest.mark.parametrize("name, text, words", [
    ("deep.yaml", "[" * 5000 + "]" * 5000, "nested too deeply"),
    ("deep2.yaml", "a:\n" + "".join(" " * (i + 1) * 2 + f"k{i}:\n" for i in range(3000)), "nested too deeply"),
    ("long.csv", "id,status,done_on,note\na-1,done,," + "x" * 200_000 + "\n", "field larger than field limit"),
])
def test_status_file_errors_name_the_file(tmp_path, name, text, words):
    from minutes.sheets.track import load_statuses

    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=words) as err:
        load_statuses(tmp_path / name)
    assert str(err.value).startswith(str(tmp_path / name))


# --- indexes that replaced scans: same answers --------------------------------------------

def test_family_index_answers_as_the_scan_did():
    from minutes.models import Person
    from minutes.parsing.build import State
    from minutes.parsing.speakers import family

    state = State(report=False)
    state.people["a"] = Person(name="احمد")  # one word: not a family-name match
    assert family(state, "رضایی") is None
    state.people["b"] = first = Person(name="علی رضایی")
    state.people["c"] = Person(name="حسن رضایی")
    assert family(state, "رضایی") is first  # the first seen
    state.people["b"] = other = Person(name="محمد کریمی")  # replaced: the index is built again
    assert family(state, "رضایی") is state.people["c"] and family(state, "کریمی") is other
    assert family(state, "علی رضایی") is None  # two words: not a family name


def test_listed_index_follows_the_attendance_lists():
    from minutes.models import Person
    from minutes.parsing.build import State
    from minutes.parsing.speakers import listed

    state = State(report=False)
    h = state.m.header
    h.attendees.append(Person(name="علی رضایی", role="مدیر کل"))
    assert listed(state, "رضایی").role == "مدیر کل" and listed(state, "کریمی") is None
    h.attendees.append(Person(name="محمد کریمی", role="معاون"))
    assert listed(state, "کریمی").role == "معاون"
    h.attendees[0].name = "علی احمدی"  # a name changed in place: not found under the old one
    assert listed(state, "رضایی") is None and listed(state, "احمدی").role == "مدیر کل"


@pytest.mark.parametrize("name", ["popen", "nested-loops", "huge-string"])
def test_the_letters_template_is_sandboxed_too(name, tmp_path, monkeypatch):
    from minutes.sheets import sandbox

    monkeypatch.setattr(sandbox, "TEMPLATE_SECONDS", 2.0)
    (tmp_path / "letter.docx.j2").write_text({**ESCAPES, **BOMBS}[name], encoding="utf-8")
    with pytest.raises(RenderError) as err:
        minutes.render(minutes.parse(SEED_TEXT), "docx", as_of="1399-11-25", templates=tmp_path)
    assert "letter.docx.j2" in str(err.value)


# --- lines lost outright: each now in a field or a diagnostic ------------------------------

MINUTES_TOP = "### صورتجلسه\n#### د : موضوعات مطرح شده\n### جناب آقای احمدی فرمودند :\nمتن سخنان.\n"


@pytest.mark.parametrize("text", [
    "\n".join(str(i) for i in range(1, 20_001)),
    MINUTES_TOP + "\n".join("۱۲۳۴۵"[: 1 + i % 5] for i in range(2_000)),
    MINUTES_TOP + "\n".join(["\ufeff", "\u200c", "\u200d", "\u200f", "ـــــ", "﴾﴿", "\u200c\u200f", " ـ "]) + "\nپایان",
    "\u200d\n\u200f\n﴾ ﴿",
], ids=["20k-digit-lines", "digit-lines-in-a-turn", "invisible-marks-in-a-turn", "invisible-marks-only"])
def test_no_line_is_lost(text):
    from test_properties import unaccounted

    m = minutes.parse(text)
    assert unaccounted(text, m) == []


def test_a_line_of_marks_only_is_cited_with_its_marks():
    m = minutes.parse(MINUTES_TOP + "\u200d\u200f\nپایان")
    [d] = [d for d in m.diagnostics if d.code == "no-text"]
    assert d.line == 5 and "U+200D U+200F" in d.message and "«\u200d\u200f»" in d.message


def test_text_after_the_closing_is_kept_whole():
    long_line = "متن پس از پایان جلسه که بلند است " * 20
    m = minutes.parse(SEED_TEXT + "\n" + long_line)
    assert any(long_line.strip() in d.message for d in m.diagnostics)
