"""Shared test set-up: seed paths and the ``--update-golden`` switch.

Golden files are rewritten only on request (``pytest --update-golden``), so the
change shows up as a diff to review.
"""

from __future__ import annotations

from pathlib import Path

import os

import pytest
from hypothesis import settings

# In CI the property tests draw a fixed set of examples (derandomized), so a run is reproducible;
# locally each run explores new ones.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_003 = next(SEEDS.glob("003_*.txt"))
NEWS_SEEDS = sorted(p for p in SEEDS.glob("*.txt") if not p.name.startswith("003_"))


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite golden JSON files from the current output")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def seed003():
    import minutes

    return minutes.parse_file(SEED_003)
