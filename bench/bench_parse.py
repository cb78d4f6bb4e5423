"""Parse speed, as ratios measured in one run (machines are noisy; never a timed test).

1. Seed 003 parsed warm (after a first parse) vs hazm's own ``Normalizer().normalize`` over
   the same text — target (issue 2): whole parse ≤ 2× normalization. The parse itself runs
   ``hazm_lite`` (the same output, built in a fraction of the time and faster per call): it is
   timed too, for what is left of the parse beside it.
2. A 10× input (seed 003's discussion repeated ten times) vs seed 003 — target ≤ 10.5×.

Run: `make bench` or `.venv/bin/python bench/bench_parse.py`.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import minutes  # noqa: E402
from minutes.text.normalize import _hazm  # noqa: E402 — the parse's normalizer (hazm_lite)

REPEATS = 7


def best(fn) -> float:
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def main() -> None:
    seed = next((ROOT / "seeds").glob("003_*.txt"))
    text = seed.read_text(encoding="utf-8")
    lines = text.split("\n")
    # The discussion (section د) runs from its heading to the resolution title.
    start = next(i for i, ln in enumerate(lines) if "موضوعات مطرح شده" in ln) + 1
    end = next(i for i, ln in enumerate(lines) if ln.startswith("مصوبات ششمین"))
    big = "\n".join(lines[:start] + lines[start:end] * 10 + lines[end:])

    minutes.parse(text)  # warm: hazm built, grammar compiled, vocabulary loaded
    from hazm import Normalizer

    hazm_own, lite = Normalizer(), _hazm()
    assert hazm_own.normalize(text) == lite.normalize(text)
    parse_best, parse_med = best(lambda: minutes.parse(text))
    norm_best, norm_med = best(lambda: hazm_own.normalize(text))
    lite_best, lite_med = best(lambda: lite.normalize(text))
    big_best, big_med = best(lambda: minutes.parse(big))
    size_ratio = len(big) / len(text)

    print(f"seed 003: {len(text):,} chars, {len(lines)} lines; 10x input: {len(big):,} chars ({size_ratio:.2f}x)")
    print(f"parse seed 003 (warm)        best {parse_best * 1000:8.1f} ms   median {parse_med * 1000:8.1f} ms")
    print(f"hazm normalize seed 003      best {norm_best * 1000:8.1f} ms   median {norm_med * 1000:8.1f} ms")
    print(f"hazm_lite normalize (ours)   best {lite_best * 1000:8.1f} ms   median {lite_med * 1000:8.1f} ms")
    print(f"parse 10x input              best {big_best * 1000:8.1f} ms   median {big_med * 1000:8.1f} ms")
    print(f"ratio parse / normalize      {parse_best / norm_best:6.2f}x   (target <= 2; "
          f"the parse / hazm_lite's normalize {parse_best / lite_best:.2f}x)")
    print(f"ratio 10x / 1x parse time    {big_best / parse_best:6.2f}x   (target <= 10.5; input is {size_ratio:.2f}x)")


if __name__ == "__main__":
    main()
