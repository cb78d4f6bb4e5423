"""Linear cost under attack: pathological inputs against seed 003, per MB and in memory.

    .venv/bin/python bench/bench_attack.py [--scale 1.0]

For each input: parse time per MB divided by seed 003's time per MB (the issue asks
for <= 1.5), and the tracemalloc peak divided by the input size (asks for < 30). For the
attack campaign's shapes (issue 13: a long line, row or cell; runs of digits, number words,
honorifics, speaker headings …) also the growth: time per byte at the full size divided by
time per byte at half of it — 1.0 is linear, 2.0 quadratic (limit GROWTH_LIMIT).
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
        **shapes(scale),
    }


def shapes(scale: float) -> dict[str, str | tuple[bytes, str]]:
    """The attack campaign's shapes (issue 13): one long line, row or cell, and the runs that
    cost time quadratic in their length before. A value is text, or (bytes, file name) for
    a format read from bytes."""
    size = int(1_000_000 * scale)  # characters of each long shape (1 MB at --scale 1.0)
    n = int(200_000 * scale)
    top = "### صورتجلسه\n#### د : موضوعات مطرح شده\n### جناب آقای احمدی فرمودند :\nمتن سخنان.\n"
    one_line = " ".join(SEED.split())
    return {
        "one long line (seed 003 unwrapped)": (one_line + " ") * (size // len(one_line) + 1),
        "one long table row": HEAD + "\n۱\t" + "\t".join(f"مقرر شد گزارش واحد {i} ارسال شود" for i in range(size // 30)),
        "one long cell": HEAD + "\n۱\t" + "مصوب شد گزارش ارسال شود و " * (size // 26) + "\tاداره\tدبیرخانه\tمستمر",
        "a run of digits": "۱۲۳۴۵۶۷۸۹۰" * (size // 10),
        "numbers joined by dots": "۱." * (size // 2),
        "a paragraph of cited dates": "مورخ ۱۴۰۲/۰۱/۰۱ " * (size // 16),  # each date weighed for the meeting's  # every «۱.۱.۱» a date to skip: looked back from the start
        # hazm's repeated-letter step tried its pattern at every letter of a long run: quadratic
        "letters without a space, and a word with a letter thrice": "بپ" * (size // 2) + " ککک",
        "number words joined by «و»": "مقرر شد ظرف " + " و ".join(["بیست"] * (size // 7)) + " روز انجام شود",
        "«مصوب شد» repeated": "مصوب شد " * (size // 8),
        # a resolution page's quoted article («… به شرح ذیل تصویب نمود: «ماده واحده …»»), repeated:
        # the quoted decisions were looked for from every quote to the text's end (20,000: over 300 s)
        "quoted articles repeated": "شورا به شرح ذیل تصویب نمود: «ماده واحده ـ گزارش ارسال شود.» " * (size // 60),
        # each decision stated in prose was compared with every one before it, for a restatement
        "paragraphs each stating a decision": "\n\n".join(
            f"در جلسه امروز مقرر شد گزارش شماره {i} تا پایان ماه ارسال شود." for i in range(size // 70)),
        "a count of resolutions repeated": "در این جلسه ۷ مصوبه " * (size // 20) + "تصویب شد",
        "honorifics naming no one": "جناب آقای " * (size // 10) + "فرمودند",
        "an attendance line of short words": "حاضرین: " + " ".join(["الف"] * (size // 4)),
        "one-word speaker headings": top + "\n".join(f"### آقای احمدی{i} :\nمتن" for i in range(n // 4)),
        "role-only speaker headings": top + "\n".join(f"### معاون اداره {i % 300} ادامه دادند :\nمتن" for i in range(n // 4)),
        "attendees x speakers": "### صورتجلسه\nحاضرین: " + "، ".join(f"آقای احمدی{i}" for i in range(n // 20))
                                + "\n#### د : موضوعات مطرح شده\n"
                                + "\n".join(f"### آقای احمدی{i} فرمودند :\nمتن" for i in range(n // 20)),
        "paragraphs of one turn": top + "\n".join(f"بند {i} از سخنان" for i in range(n)),
        "HTML nested deep": (("<html><body>" + "<div><section>" * (n // 8) + "<p>متن</p>" + "</span>" * (n // 8)
                              + "<header>عنوان</header>" * (n // 8)).encode(), "deep.html"),
    }


def _parse(text: str | tuple[bytes, str]) -> str:
    try:
        if isinstance(text, tuple):  # bytes of another format, read as parse_file reads them
            from minutes.pipeline import parse_document
            from minutes.read.readers import read_bytes

            m = parse_document(read_bytes(*text))
        else:
            m = minutes.parse(text)
        return f"{len(m.resolutions)} resolutions, {len(m.turns)} turns, {len(m.diagnostics)} diagnostics"
    except MinutesError as exc:
        return f"MinutesError: {exc}"[:80]


TIME_LIMIT, MEMORY_LIMIT = 1.5, 30.0
# An attack shape is linear when its time per byte at twice the size is at most this many times
# its time per byte at the size (noise allowed); the long line also keeps within TIME_LIMIT.
GROWTH_LIMIT = 1.3
LONG_LINE = "one long line (seed 003 unwrapped)"


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
    ap.add_argument("--only", nargs="*", default=[], metavar="WORD", help="only inputs whose name holds a WORD")
    ap.add_argument("--no-sheets", action="store_true", help="skip the XLSX and DOCX sheet shapes")
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
    wanted = [w.lower() for w in args.only]
    halves = shapes(scale / 2)
    for name, text in inputs(scale).items():
        if wanted and not any(w in name.lower() for w in wanted):
            continue
        mb = _size(text) / 1e6
        took, seed_beside, peak, outcome = measure(text, memory, repeat)
        ratio, per_input = took / mb / (seed_beside / seed_mb), peak / (mb * 1e6)
        ok = ratio <= TIME_LIMIT and (not memory or per_input < MEMORY_LIMIT)
        growth = ""
        if name in halves:  # an attack shape: linear means half the input takes half the time
            half, _, _, _ = measure(halves[name], False, repeat)
            g = (took / _size(text)) / (half / _size(halves[name])) if half > 0 else float("inf")
            growth = f"x2 input: {g:.2f}x per byte"
            # judged on time (the "linear on any shape"); the memory of shapes of
            # many short lines (an object per line) is shown, not judged
            ok = g <= GROWTH_LIMIT and (name != LONG_LINE or ratio <= TIME_LIMIT)
        print(f"{name:<42} {mb:>6.2f} {took:>7.2f} {took / mb:>7.2f} {ratio:>6.2f} "
              f"{peak / 1e6:>8.1f} {per_input:>8.1f}  {'ok' if ok else 'OVER':<6} {outcome}  {growth}", flush=True)
    if not args.no_sheets and not wanted:
        sheets(scale)


def sheets(scale: float) -> None:
    """Follow-up sheets of many resolutions: XLSX (ws.max_row was read per row) and DOCX
    letters (python-docx's row.cells laid out the whole table per row). Growth as above."""
    seed = minutes.parse(SEED)
    rows = max(200, int(20_000 * scale))

    def meeting(n: int):
        res = [seed.resolutions[i % 7].model_copy(update={"row": i + 1, "id": f"{seed.resolutions[0].id}-{i}"})
               for i in range(n)]
        return seed.model_copy(update={"resolutions": res})

    for fmt in ("xlsx", "docx"):
        took = {}
        for n in (rows // 2, rows):
            m = meeting(n)
            gc.collect()
            t0 = time.perf_counter()
            minutes.render(m, fmt, as_of="1399-11-25")
            took[n] = time.perf_counter() - t0
        g = (took[rows] / rows) / (took[rows // 2] / (rows // 2))
        print(f"{fmt + ' sheet, resolutions':<42} {rows:>6} {took[rows]:>7.2f} {1000 * took[rows] / rows:>6.2f} ms/row  "
              f"{'ok' if g <= GROWTH_LIMIT else 'OVER':<6} x2 rows: {g:.2f}x per row", flush=True)


def _size(text: str | tuple[bytes, str]) -> int:
    return len(text[0]) if isinstance(text, tuple) else len(text.encode())


if __name__ == "__main__":
    main()
