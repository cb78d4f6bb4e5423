"""The command line: exit statuses, one-line errors, stages, schema.

Most cases call ``minutes.cli.main(argv)`` in-process (what matters there is the output and the
exit status). A few run a real process, where the process is the point: standard input, and the
installed ``minutes`` entry point printing one line and no traceback.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED_003
from minutes.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """``minutes ARGV`` in-process: (exit status, stdout, stderr)."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*args: str, stdin: bytes | None = None, command: list[str] | None = None):
    return subprocess.run([*(command or [sys.executable, "-m", "minutes.cli"]), *args], capture_output=True,
                          input=stdin, cwd=ROOT, timeout=120)


def test_parse_writes_json(tmp_path, capsys):
    out = tmp_path / "003.json"
    code, _, err = run(capsys, "parse", str(SEED_003), "-o", str(out))
    assert code == 0, err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["resolutions"]) == 7
    assert "صورتجلسه" in out.read_text(encoding="utf-8")  # Persian unescaped


@pytest.mark.parametrize("stage, needle", [
    ("lines", "۹۹/۱۱/۲۱"),
    ("tokens", "ROLE_SPEAKER"),
    ("tree", "speaker_head"),
])
def test_stages_can_be_dumped(capsys, stage, needle):
    code, out, _ = run(capsys, "parse", str(SEED_003), "--stage", stage)
    assert code == 0 and needle in out


def test_schema(capsys):
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and {"header", "resolutions", "turns"} <= set(schema["properties"])


@pytest.mark.parametrize("make_path, message", [
    (lambda tmp: tmp / "missing.txt", "no such file"),
    (lambda tmp: tmp, "is a directory"),
    (lambda tmp: (tmp / "bin.txt", (tmp / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"))[0], "binary data"),
    (lambda tmp: (tmp / "latin.txt", (tmp / "latin.txt").write_bytes("café résumé".encode("latin-1")))[0], "cannot decode"),
])
def test_unreadable_input_is_one_line_and_status_2(tmp_path, capsys, make_path, message):
    path = make_path(tmp_path)
    code, _, err = run(capsys, "parse", str(path))
    assert code == 2
    assert message in err and str(path) in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_strict_fails_with_status_1_on_warnings(tmp_path, capsys):
    text = SEED_003.read_text(encoding="utf-8").replace("در این جلسه ۷ مصوبه", "در این جلسه ۹ مصوبه")
    (tmp_path / "nine.txt").write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "parse", str(tmp_path / "nine.txt"), "--strict")
    assert code == 1 and "resolution-count-mismatch" in err and ":365" in err


def test_stdin():
    r = run_process("parse", "-", stdin=SEED_003.read_bytes())
    assert r.returncode == 0 and json.loads(r.stdout)["header"]["session_number"] == 6


def test_installed_entry_point_prints_one_line_not_a_traceback(tmp_path):
    script = shutil.which("minutes", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the minutes entry point is not installed next to this Python")
    r = run_process("parse", str(tmp_path / "missing.txt"), command=[script])
    err = r.stderr.decode()
    assert r.returncode == 2 and "no such file" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert run_process("schema", command=[script]).returncode == 0
