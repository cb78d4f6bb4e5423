"""Reading a Word file (issue 13), stage by stage, as ratios measured in one run (never a timed
test): seed 003 as a .docx (made as ``bench_scale`` makes it) read by ``read_any``, and the
parts of ``word.docx_lines`` — the package (zip, relationships, the main part parsed), the
styles (found when asked for, ``word_styles._StyleTags``), the paragraphs and tables — each
divided by reading the same document as text. CPU time of this process, best of ``--runs``
(others' load on a shared machine inflates wall time, not the work).

Run: `.venv/bin/python bench/bench_word.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale import SEED, as_docx  # noqa: E402

from minutes.read import word  # noqa: E402
from minutes.read.readers import read_any  # noqa: E402
from minutes.read.word_numbering import Numbering  # noqa: E402


def best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=60)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s003.docx"
        as_docx(SEED.read_text(encoding="utf-8"), path)
        data = path.read_bytes()
        package = word._Package(data, str(path))
        body = package.document.find(f"{word._W}body")
        styles, numbering = package.styles(), package.numbering()

        def paragraphs() -> None:
            word._container_lines(body, {}, word._Reading(styles, Numbering(numbering)))

        text = best(lambda: read_any(SEED), args.runs)
        opened = best(lambda: word._Package(data, str(path)), args.runs)
        stages = [("read_any, the .docx", best(lambda: read_any(path), args.runs)),
                  ("  docx_lines", best(lambda: word.docx_lines(data, str(path)), args.runs)),
                  ("    package (zip, main part parsed)", opened),
                  # a package's styles part is read once: a new package each time, less its opening
                  ("    styles (part read, styles indexed)",
                   best(lambda: word._Package(data, str(path)).styles(), args.runs) - opened),
                  ("    paragraphs and tables", best(paragraphs, args.runs))]
        print(f"{'read_any, seed 003 as text':40s} {text * 1000:7.2f} ms   1.00")
        for name, took in stages:
            print(f"{name:40s} {took * 1000:7.2f} ms  {took / text:5.2f}")


if __name__ == "__main__":
    main()
