"""Every diagnostic code has an entry in docs/troubleshooting.md, and the doc names no other.

A code lives in ``minutes.models.DiagnosticCode``; its entry is a row of the doc's
«Diagnostics» table whose first cell is the code in backticks.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
from pydantic import ValidationError

from minutes.models import Diagnostic, DiagnosticCode

DOC = Path(__file__).resolve().parent.parent / "docs" / "troubleshooting.md"
CODES = get_args(DiagnosticCode)


def _documented() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("\n## Diagnostics", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\|\s*`([a-z][a-z0-9-]*)`\s*\|", section, flags=re.M)


def test_the_doc_has_a_diagnostics_table():
    assert len(_documented()) >= 10


@pytest.mark.parametrize("code", CODES)
def test_every_code_has_an_entry(code):
    assert code in _documented(), f"add a row for `{code}` to docs/troubleshooting.md"


def test_the_doc_names_no_unknown_code():
    unknown = sorted(set(_documented()) - set(CODES))
    assert not unknown, f"documented but not in DiagnosticCode: {unknown}"


def test_each_code_is_documented_once():
    documented = _documented()
    assert sorted(c for c in set(documented) if documented.count(c) > 1) == []


def test_codes_are_listed_once_in_the_literal():
    assert len(CODES) == len(set(CODES))


def test_a_diagnostic_with_an_unknown_code_is_refused():
    assert Diagnostic(level="info", code=CODES[0], message="x").code == CODES[0]
    with pytest.raises(ValidationError):
        Diagnostic(level="info", code="no-such-code", message="x")
