"""Seed 003, a real صورتجلسه.

Its golden is tests/golden/corpus/003_d8cfa400d22bdf84.txt.json (tests/test_corpus.py compares it
field by field) and its facts — header, agenda, the fifteen speakers, the resolution table, the
closing, the layout diagnostics — are in tests/fixtures/seeds/003_d8cfa400d22bdf84.expected.md
(tests/test_facts.py). What stays here needs a changed input.
"""

from __future__ import annotations

import minutes
from conftest import SEED_003


def test_count_mismatch_is_diagnosed():
    text = SEED_003.read_text(encoding="utf-8").replace("در این جلسه ۷ مصوبه", "در این جلسه ۸ مصوبه")
    m = minutes.parse(text)
    d = [d for d in m.diagnostics if d.code == "resolution-count-mismatch"]
    assert d and d[0].line == 365 and "8" in d[0].message and "7" in d[0].message
