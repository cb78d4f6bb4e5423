"""Every facts file (NAME.expected.md beside its document; format in tests/facts.py) holds.

The corpus' facts files sit beside their documents in tests/fixtures/corpus; the seeds' in
tests/fixtures/seeds (their documents are in seeds/). A failing fact is reported with its
file:line in the facts file.
"""

from __future__ import annotations

import pytest

import facts
from conftest import ALL_DOCUMENTS, CORPUS, ROOT, SEEDS, output

FACT_DIRS = {CORPUS: CORPUS, ROOT / "tests" / "fixtures" / "seeds": SEEDS}  # facts dir -> documents dir
FACT_FILES = sorted(f for d in FACT_DIRS for f in d.glob("*.expected.md"))


def _document(facts_file):
    return FACT_DIRS[facts_file.parent] / facts.read(facts_file).document


@pytest.mark.parametrize("facts_file", FACT_FILES, ids=lambda p: p.name.removesuffix(".expected.md"))
def test_facts(facts_file):
    page = facts.read(facts_file)
    document = _document(facts_file)
    assert document.is_file(), \
        f"{facts_file.relative_to(ROOT)}:1 names {page.document}, which is not in {document.parent}"
    assert page.facts, f"{facts_file.relative_to(ROOT)} states no fact"
    data = output(document)
    failures = []
    for fact in page.facts:
        why = facts.check(fact, data)
        if why:
            failures.append(f"{fact.file.relative_to(ROOT)}:{fact.line}: {fact.source.splitlines()[0]}\n    {why}")
    assert not failures, f"{len(failures)} of {len(page.facts)} facts fail:\n" + "\n".join(failures)


def test_every_document_has_its_facts_file():
    named = {_document(f) for f in FACT_FILES}
    assert named == set(ALL_DOCUMENTS)
    for f in FACT_FILES:  # NAME.expected.md for NAME.ext
        assert f.name.removesuffix(".expected.md") == _document(f).name.rsplit(".", 1)[0], f


# --- the reader itself -------------------------------------------------------------------------

DATA = {"kind": "minutes", "n": 3,
        "items": [{"row": 1, "who": {"name": "الف"}, "tags": ["x"]},
                  {"row": 2, "who": {"name": "ب"}, "tags": []},
                  {"row": 3, "who": {"name": "الف"}, "tags": ["x", "y"]}]}


def _facts(tmp_path, body: str):
    f = tmp_path / "doc.expected.md"
    f.write_text("# doc.txt — a test page\n\nprose\n\n" + body, encoding="utf-8")
    return facts.read(f)


@pytest.mark.parametrize("line", [
    "- `kind`: minutes",
    '- `kind`: "minutes"',
    "- `n`: 3",
    "- `items[0].who.name`: الف",
    "- `items[-1].row`: 3",
    "- `items[*].row`: [1, 2, 3]",
    "- `items[1:].row`: [2, 3]",
    '- `items[*].(row,who.name)`: [[1, "الف"], [2, "ب"], [3, "الف"]]',
    "- `items[row=2].who.name`: ب",
    "- `items[?who.name=الف].row`: [1, 3]",
    "- `items[*].who.name` distinct: [\"الف\", \"ب\"]",
    "- `items` length: 3",
    "- `items[*].row` starts with: [1, 2]",
    "- `kind` starts with: min",
    "- `kind` contains: nut",
    "- `items[*].(row,who.name)` contains: [[2, \"ب\"]]",
    "- `items[*].who.name` excludes: [\"پ\"]",
    "- `items[*].row`:\n  [1,\n   2, 3]",
])
def test_a_fact_holds(tmp_path, line):
    (fact,) = _facts(tmp_path, line + "\n").facts
    assert facts.check(fact, DATA) is None


@pytest.mark.parametrize("line, why", [
    ("- `n`: 4", "got 3"),
    ("- `n`: \"3\"", "got 3"),
    ("- `items[*].row` contains: [4]", "got [1, 2, 3]"),
    ("- `items[row=9].row`: 9", "no item"),
    ("- `header.title`: x", "no field 'header'"),
])
def test_a_fact_fails_with_a_reason(tmp_path, line, why):
    page = _facts(tmp_path, "- `kind`: minutes\n\n" + line + "\n")
    assert page.facts[1].line == 7
    assert why in facts.check(page.facts[1], DATA)


@pytest.mark.parametrize("line", ["- `kind` is: minutes", "- `kind` minutes", "- `items[`: 1", "- `kind`:"])
def test_a_malformed_fact_line_names_its_line(tmp_path, line):
    with pytest.raises(facts.FactsError, match=r"doc\.expected\.md:5:"):
        _facts(tmp_path, line + "\n")
