"""Coverage-guided fuzzing of ``minutes.parse`` and the readers (atheris; not run in CI).

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/fuzz_parse.py -max_total_time=300 fuzz/corpus

The corpus directory is seeded with seeds/ and tests/fixtures/ on first run. Each input
is tried three ways: as text through ``minutes.parse``, as bytes through the readers
(``readers.read_bytes``, which sniffs DOCX/HTML/text), and — for small inputs — under a
``.docx`` name. The contract: a ``Minutes`` or a ``MinutesError``; anything else, or a
parse slower than ``SLOW`` seconds, is a crash (libFuzzer saves the input as crash-*).
At exit the script prints the inputs tried and the crashes found.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import minutes
    from minutes import Minutes, MinutesError
    from minutes.read import readers
    from minutes.pipeline import _guard, parse_document

ROOT = Path(__file__).resolve().parent.parent
SLOW = float(os.environ.get("FUZZ_SLOW", "10"))
STATS = {"inputs": 0, "errors": 0, "ok": 0, "start": time.time()}


class Slow(Exception):
    pass


def _alarm(*_):
    raise Slow(f"one input took more than {SLOW} s")


def check(result) -> None:
    if not isinstance(result, Minutes):
        raise AssertionError(f"parse returned {type(result).__name__}")
    result.model_dump_json()  # the result must serialise


def TestOneInput(data: bytes) -> None:
    STATS["inputs"] += 1
    signal.setitimer(signal.ITIMER_REAL, SLOW)
    try:
        text = data.decode("utf-8", "replace")
        for run in (lambda: minutes.parse(text),
                    lambda: _guard(lambda: parse_document(readers.read_bytes(data, "fuzz.txt")), "fuzz.txt"),
                    lambda: _guard(lambda: parse_document(readers.read_bytes(data, "fuzz.docx")), "fuzz.docx")):
            try:
                check(run())
                STATS["ok"] += 1
            except MinutesError:
                STATS["errors"] += 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def seed_corpus(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        return
    sources = list((ROOT / "seeds").glob("*")) + [p for p in (ROOT / "tests" / "fixtures").rglob("*") if p.is_file()]
    for p in sources:
        shutil.copy(p, directory / p.name)


def report() -> None:
    took = time.time() - STATS["start"]
    print(f"\nfuzz: {STATS['inputs']} inputs tried in {took:.0f} s "
          f"({STATS['ok']} parsed, {STATS['errors']} MinutesError)", file=sys.stderr)


def main() -> None:
    args = [a for a in sys.argv if not a.startswith("-")][1:]
    corpus = Path(args[0]) if args else ROOT / "fuzz" / "corpus"
    if not corpus.is_file():  # a file is a crash to reproduce, not a corpus to seed
        seed_corpus(corpus)
    if not args:
        sys.argv.append(str(corpus))
    signal.signal(signal.SIGALRM, _alarm)
    atexit.register(report)
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
