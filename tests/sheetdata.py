"""Shared data of the follow-up sheet tests (tests/test_render_*.py, tests/test_track.py)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from minutes.models import Minutes

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("003_*.txt"))
# Seed 003's golden (its one expected output) is the sheets' input: the renderers are tested on a
# fixed file, independent of the parser's current output.
FIXTURE = ROOT / "tests" / "golden" / "corpus" / (SEED.name + ".json")

# Seed 003's deadlines by row: Jalali due date (None: undated) and kind.
DUE = {1: "1399-11-30", 2: None, 3: "1399-12-21", 4: "1399-12-30", 5: "1399-12-30",
       6: "1399-11-26", 7: "1399-12-30"}
KIND = {1: "date", 2: "condition", 3: "relative", 4: "date", 5: "date", 6: "date", 7: "date"}


def fixture003() -> Minutes:
    """Seed 003's golden (tests/golden/corpus/003_….txt.json) as a model: a fresh copy."""
    return Minutes.model_validate_json(FIXTURE.read_bytes())


@lru_cache(maxsize=1)
def _parsed003() -> Minutes:
    import minutes

    return minutes.parse_file(str(SEED))


def seed003() -> Minutes:
    """Seed 003 as the parser reads it (a copy: tests may change it)."""
    return _parsed003().model_copy(deep=True)

