"""The command line: exit statuses, one-line errors, stages, schema."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SEED_003


def run(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "minutes.cli", *args], capture_output=True, input=stdin,
                          cwd=ROOT, timeout=120)


def test_parse_writes_json(tmp_path):
    out = tmp_path / "003.json"
    r = run("parse", str(SEED_003), "-o", str(out))
    assert r.returncode == 0, r.stderr.decode()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["resolutions"]) == 7
    assert "صورتجلسه" in out.read_text(encoding="utf-8")  # Persian unescaped


@pytest.mark.parametrize("stage, needle", [
    ("lines", "۹۹/۱۱/۲۱"),
    ("tokens", "ROLE_SPEAKER"),
    ("tree", "speaker_head"),
])
def test_stages_can_be_dumped(stage, needle):
    r = run("parse", str(SEED_003), "--stage", stage)
    assert r.returncode == 0 and needle in r.stdout.decode()


def test_schema():
    r = run("schema")
    schema = json.loads(r.stdout)
    assert r.returncode == 0 and {"header", "resolutions", "turns"} <= set(schema["properties"])


@pytest.mark.parametrize("make_path, message", [
    (lambda tmp: tmp / "missing.txt", "no such file"),
    (lambda tmp: tmp, "is a directory"),
    (lambda tmp: (tmp / "bin.txt", (tmp / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"))[0], "binary data"),
    (lambda tmp: (tmp / "latin.txt", (tmp / "latin.txt").write_bytes("café résumé".encode("latin-1")))[0], "cannot decode"),
])
def test_unreadable_input_is_one_line_and_status_2(tmp_path, make_path, message):
    path = make_path(tmp_path)
    r = run("parse", str(path))
    err = r.stderr.decode()
    assert r.returncode == 2
    assert message in err and str(path) in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_strict_fails_with_status_1_on_warnings():
    text = SEED_003.read_text(encoding="utf-8").replace("در این جلسه ۷ مصوبه", "در این جلسه ۹ مصوبه")
    r = run("parse", "-", "--strict", stdin=text.encode("utf-8"))
    err = r.stderr.decode()
    assert r.returncode == 1 and "resolution-count-mismatch" in err and ":365" in err


def test_stdin():
    r = run("parse", "-", stdin=SEED_003.read_bytes())
    assert r.returncode == 0 and json.loads(r.stdout)["header"]["session_number"] == 6
