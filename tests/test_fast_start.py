"""Fast start: ``import minutes`` loads none of the heavy libraries, a parse never imports the
``hazm`` package (nor nltk), and the grammar analysed once is read back from the user's cache
folder and parses exactly as a freshly analysed one."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, SEED_003


def _modules_after(code: str, env: dict | None = None) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True, cwd=ROOT, env=env, timeout=120)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_import_minutes_loads_no_heavy_library():
    loaded = _modules_after("import minutes")
    assert {"hazm", "nltk", "lark", "docx", "openpyxl", "jinja2", "pyarrow"} & loaded == set()


def test_a_parse_does_not_import_the_hazm_package():
    loaded = _modules_after(f"import minutes; minutes.parse_file({str(SEED_003)!r})")
    assert {"hazm", "nltk"} & loaded == set()
    assert "minutes.text.hazm_lite" in loaded  # hazm's tables, read from its files


def test_cached_grammar_parses_as_a_fresh_one(tmp_path, monkeypatch):
    from minutes import pipeline

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    text = SEED_003.read_text(encoding="utf-8")
    outputs = []
    for _ in range(2):  # the first analyses the grammar and writes the cache, the second reads it
        pipeline._parser.cache_clear()
        outputs.append(pipeline.parse(text).model_dump_json())
        assert (tmp_path / "minutes" / "grammar-nodes.lark").is_file()
    pipeline._parser.cache_clear()
    monkeypatch.setenv("MINUTES_NO_CACHE", "1")
    outputs.append(pipeline.parse(text).model_dump_json())
    pipeline._parser.cache_clear()
    assert outputs[0] == outputs[1] == outputs[2]
