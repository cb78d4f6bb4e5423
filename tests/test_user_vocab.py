"""The user's vocabulary folder (docs/vocabulary.md): table headers, status words and actor
aliases added without editing the package; --vocab DIR or MINUTES_VOCAB."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sheetdata import fixture003

from minutes.errors import InputError
from minutes.sheets.track import load_statuses
from minutes.text.vocab import use_vocab, vocab

DOC = ("صورتجلسه شورای نمونه\nتاریخ جلسه: ۱۴۰۲/۰۳/۱۵\n\nمصوبات:\n"
       "ردیف\tشرح مصوبه\tواحد مجری\tمهلت\n"
       "۱\tگزارش تهیه شود.\tفرمانداری\tیک ماه\n"
       "۲\tپل تعمیر شود.\tشهرداری\tدو ماه\n")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    d = tmp_path / "vocab"
    d.mkdir()
    monkeypatch.delenv("MINUTES_VOCAB", raising=False)
    yield d
    os.environ.pop("MINUTES_VOCAB", None)
    use_vocab(None)


def _parse(path, *extra):
    out = subprocess.run([sys.executable, "-m", "minutes.cli", "parse", str(path), *extra],
                         capture_output=True, text=True, timeout=120,
                         env={k: v for k, v in os.environ.items() if k != "MINUTES_VOCAB"})
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_a_table_header_of_your_own(folder, tmp_path):
    (folder / "tables.toml").write_text('[columns]\nactor = ["واحد   مجری"]\n', encoding="utf-8")
    doc = tmp_path / "m.txt"
    doc.write_text(DOC, encoding="utf-8")
    before = _parse(doc)
    assert [r["actor"] for r in before["resolutions"]] == [None, None]
    after = _parse(doc, "--vocab", str(folder))
    assert [(r["actor"], r["extra"]) for r in after["resolutions"]] == [("فرمانداری", {}), ("شهرداری", {})]


def test_status_words_of_your_own(folder, tmp_path):
    (folder / "sheets.toml").write_text('[progress]\ndone = ["تمام شد"]\n', encoding="utf-8")
    status = tmp_path / "s.csv"
    status.write_text("id,status\n1399-11-21-s6-r1,تمام شد\n", encoding="utf-8")
    ids = [r.id for r in fixture003().resolutions]
    with pytest.raises(InputError, match="unknown status"):
        load_statuses(status, known_ids=ids)
    use_vocab(folder)
    assert load_statuses(status, known_ids=ids)["1399-11-21-s6-r1"].status == "done"
    assert vocab().table("sheets.progress")["done"][0] == "انجام‌شده"  # the printed word stays ours


def test_a_bad_vocabulary_file_is_one_clear_error(folder):
    (folder / "people.toml").write_text("[role_heads\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read vocabulary file"):
        use_vocab(folder)
        vocab()
    with pytest.raises(InputError, match="not found"):
        use_vocab(folder / "missing")
