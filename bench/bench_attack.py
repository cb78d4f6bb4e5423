"""Linear cost under attack: pathological inputs against seed 003, per MB and in memory.

    .venv/bin/python bench/bench_attack.py [--scale 1.0]

For each input: parse time per MB divided by seed 003's time per MB (the issue asks
for <= 1.5), and the tracemalloc peak divided by the input size (asks for < 30).
Every time is the best of ``--repeat`` runs (3), after a warm-up parse (so hazm's
Normalizer is already built). The seed is timed again beside each input, its runs
interleaved with the input's, so a slow spell of the machine weighs on both sides of the
ratio alike. The peak comes from a separate run under tracemalloc, which is not timed.
The ``limits`` column says whether both limits hold.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import minutes  # noqa: E402
from minutes import MinutesError  # noqa: E402

SEED = next((ROOT / "seeds").glob("003_*.txt")).read_text(encoding="utf-8")
HEAD = "ردیف\tشرح مصوبات\tموضوع محوری\tاقدام کننده\tمسئول نظارت\tمدت اجراء"


def inputs(scale: float) -> dict[str, str]:
    n = int(200_000 * scale)
    rows = [HEAD] + [f"{i}\tمصوب شد گزارش عملکرد واحد {i} ارسال شود\tاطلاع رسانی\tاداره کل\tدبیرخانه\tتا ۹۹/۱۱/{i % 28 + 1:02d}"
                     for i in range(1, n)]
    speakers = [f"### جناب آقای دکتر احمدی{i % 50} مدیر کل اداره {i} فرمودند :" for i in range(n)]
    deep = ["#" * (i % 7) + " " + "> " * (i % 40) + "**" * (i % 5) + "- " * (i % 30) + f"متن {i} |" + " | " * (i % 9)
            for i in range(n // 4)]
    nested = ["- " * 5000 + "**" * 2000 + "فهرست"] * 40 + ["#" * 10_000 + " عنوان"] * 40
    return {
        "200k table-like lines": "\n".join(rows),
        "200k speaker-like lines": "\n".join(speakers),
        "deep markdown (50k lines)": "\n".join(deep),
        "very deep markdown (80 x 10-20 KB lines)": "\n".join(nested),
        "seed 003 x 100": SEED * 100,
    }


def _parse(text: str) -> str:
    try:
        m = minutes.parse(text)
        return f"{len(m.resolutions)} resolutions, {len(m.turns)} turns, {len(m.diagnostics)} diagnostics"
    except MinutesError as exc:
        return f"MinutesError: {exc}"[:80]


TIME_LIMIT, MEMORY_LIMIT = 1.5, 30.0


def _timed(text: str) -> tuple[float, str]:
    gc.collect()
    t0 = time.perf_counter()
    outcome = _parse(text)
    return time.perf_counter() - t0, outcome


def measure(text: str, memory: bool = True, repeat: int = 1) -> tuple[float, float, int, str]:
    """(best seconds, the seed's best seconds in runs interleaved with those, tracemalloc
    peak in another run or 0, outcome)."""
    took = seed = float("inf")
    for _ in range(repeat):
        seed = min(seed, *(_timed(SEED)[0] for _ in range(3)))
        t, outcome = _timed(text)
        took = min(took, t)
    peak = 0
    if memory:  # tracemalloc slows Python several-fold: its run is not timed
        gc.collect()
        tracemalloc.start()
        _parse(text)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return took, seed, peak, outcome


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0, help="multiply the 200,000-line sizes")
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per input; the best counts")
    args = ap.parse_args()
    scale, memory, repeat = args.scale, not args.no_memory, max(1, args.repeat)
    minutes.parse(SEED)  # warm-up: hazm's Normalizer, the grammar, the vocabulary
    seed_mb = len(SEED.encode()) / 1e6
    seed_t, _, seed_peak, _ = measure(SEED, memory, repeat)
    base = seed_t / seed_mb
    print(f"{'input':<42} {'MB':>6} {'s':>7} {'s/MB':>7} {'ratio':>6} {'peak MB':>8} {'peak/in':>8}  "
          f"{'limits':<6} result")
    print(f"{'seed 003':<42} {seed_mb:>6.2f} {seed_t:>7.3f} {base:>7.2f} {1:>6.2f} "
          f"{seed_peak / 1e6:>8.1f} {seed_peak / (seed_mb * 1e6):>8.1f}")
    for name, text in inputs(scale).items():
        mb = len(text.encode()) / 1e6
        took, seed_beside, peak, outcome = measure(text, memory, repeat)
        ratio, per_input = took / mb / (seed_beside / seed_mb), peak / (mb * 1e6)
        ok = ratio <= TIME_LIMIT and (not memory or per_input < MEMORY_LIMIT)
        print(f"{name:<42} {mb:>6.2f} {took:>7.2f} {took / mb:>7.2f} {ratio:>6.2f} "
              f"{peak / 1e6:>8.1f} {per_input:>8.1f}  {'ok' if ok else 'OVER':<6} {outcome}", flush=True)


if __name__ == "__main__":
    main()
