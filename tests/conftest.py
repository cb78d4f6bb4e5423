"""Shared test set-up: seed and fixture paths, the ``--update-golden`` switch, one parse per document.

Golden files are rewritten only on request (``pytest --update-golden``), so the
change shows up as a diff to review; a missing golden is a failure, not a file written.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

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
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
# The documents with a golden (tests/golden/corpus/DOCUMENT.json) and a facts file (NAME.expected.md).
DOCUMENTS = sorted(p for p in CORPUS.iterdir()
                   if p.suffix in (".txt", ".md", ".docx", ".html") and not p.name.endswith(".expected.md"))
ALL_DOCUMENTS = DOCUMENTS + sorted(SEEDS.glob("*.txt"))


@lru_cache(maxsize=None)
def parsed_json(path: Path) -> str:
    """``minutes.parse_file(path)`` as JSON text, parsed once per session (golden and facts tests share it)."""
    import minutes

    return minutes.parse_file(path).model_dump_json()


def output(path: Path) -> dict:
    """A fresh copy of PATH's output as JSON data, ``source.path`` cut to the file name."""
    data = json.loads(parsed_json(path))
    data["source"]["path"] = Path(data["source"]["path"]).name
    del data["tool"]  # the version that wrote it: a release must not rewrite every golden
    return data


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite golden JSON files from the current output")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")



@pytest.fixture(scope="session")
def pdf_fixtures(tmp_path_factory) -> dict[str, Path]:
    """The PDFs of the PDF, OCR and batch tests by file name, printed from seed 003 by Chromium
    and LibreOffice once per session (tests/pdfdata.py, a few seconds)."""
    import pdfdata

    return pdfdata.build(tmp_path_factory.mktemp("pdf"))
