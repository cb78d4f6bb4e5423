"""The documents' goldens: one JSON file per document, compared field by field.

Every document (the fixture corpus in tests/fixtures/corpus and the seeds) has exactly one golden,
tests/golden/corpus/DOCUMENT.json. It is written only by ``pytest --update-golden``; a missing one
fails. What each document is there to prove is in its facts file (NAME.expected.md, checked by
tests/test_facts.py); what a fact line cannot say stays here.
"""

from __future__ import annotations

import json

import pytest

from conftest import ALL_DOCUMENTS, CORPUS, ROOT, output, parsed_json

GOLDEN = ROOT / "tests" / "golden" / "corpus"


@pytest.mark.parametrize("path", ALL_DOCUMENTS, ids=lambda p: p.name)
def test_golden(path, update_golden):
    actual = output(path)
    golden = GOLDEN / (path.name + ".json")
    if update_golden:
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if not golden.exists():
        pytest.fail(f"no golden for {path.relative_to(ROOT)}: {golden.relative_to(ROOT)} is missing. Write it with "
                    f"`pytest --update-golden tests/test_corpus.py` and review it before committing.", pytrace=False)
    expected = json.loads(golden.read_text(encoding="utf-8"))
    # Field by field, so a failure names the field that moved.
    for key in expected:
        assert actual.get(key) == expected[key], f"{key} differs from {golden.name} (pytest --update-golden to review)"
    assert set(actual) == set(expected), f"fields differ from {golden.name} (pytest --update-golden to review)"


def test_one_golden_per_document():
    names = {p.name + ".json" for p in ALL_DOCUMENTS}
    goldens = {p.relative_to(ROOT / "tests" / "golden").as_posix() for p in (ROOT / "tests" / "golden").rglob("*.json")}
    assert goldens == {f"corpus/{n}" for n in names}, "a golden without a document, or outside tests/golden/corpus"


def test_html_page_drops_scripts():
    blob = parsed_json(CORPUS / "council_web_15.html")
    assert "<script" not in blob and "function(" not in blob
