"""Load: 1,000 generated meetings in a register; how long listing overdue resolutions by
actor takes (the issue asks under a second). Figures, not assertions:

    python bench/bench_register.py [--meetings 1000] [--db PATH_OR_URL]

Default: a fresh SQLite file in a temporary folder. Prints the import time, the register's
size, and for listing overdue resolutions — of one unit, for every unit in turn, and of all
units — the time per call (median and worst) and how many came back.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from registerdata import meeting  # noqa: E402

from minutes.register.store import Register  # noqa: E402

BODIES = ["شورای اداری شهرستان", "کمیته تنظیم بازار", "شورای هماهنگی اشتغال", "هیئت مدیره شرکت"]
UNITS = [f"{kind} {place}" for kind in ("اداره کل", "فرمانداری", "شهرداری", "بانک")
         for place in ("مرکز", "شمال", "جنوب", "شرق", "غرب", "ساحلی", "کوهستانی", "دشت", "مرز", "شهر")]
DEADLINES = ["یک هفته", "دو هفته", "یک ماه", "دو ماه", "سه ماه", "تا پایان سال", "جلسه بعد", "مستمر"]
VERBS = ["نسبت به تهیه گزارش اقدام نماید", "پیگیری لازم را انجام دهد", "طرح را اجرا کند",
         "اعتبار لازم را تامین کند", "نتیجه را به دبیرخانه اعلام کند"]


def generate(n: int, seed: int = 14):
    rnd = random.Random(seed)
    for i in range(n):
        body = BODIES[i % len(BODIES)]
        day = 1 + (i * 7) % 28
        month = 1 + (i // 40) % 12
        year = 1400 + i // 480
        rows = []
        for row in range(1, rnd.randint(4, 12) + 1):
            units = rnd.sample(UNITS, rnd.choice((1, 1, 1, 2, 3)))
            text = f"{' و '.join(units)} {rnd.choice(VERBS)} (جلسه {i} ردیف {row})."
            rows.append((row, text, "، ".join(units), rnd.choice(DEADLINES), units))
        yield meeting(body, f"{year}-{month:02d}-{day:02d}", i // len(BODIES) + 1, rows)


def timed(fn, repeat: int = 1):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return times, result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meetings", type=int, default=1000)
    ap.add_argument("--db", help="PATH_OR_URL (default: a fresh SQLite file)")
    args = ap.parse_args()
    folder = tempfile.mkdtemp(prefix="minutes-bench-")
    db = args.db or str(Path(folder) / "register.sqlite")
    meetings = list(generate(args.meetings))
    with Register(db) as reg:
        start = time.perf_counter()
        for m in meetings:
            reg.add(m)
        imported = time.perf_counter() - start
        counts = reg.counts()
        print(f"register: {db}")
        print(f"imported {counts['meetings']} meetings, {counts['resolutions']} resolutions, "
              f"{counts['units']} units in {imported:.1f} s ({imported / len(meetings) * 1000:.1f} ms a meeting)")
        as_of = "1402-06-01"
        one, rows = timed(lambda: reg.list(actor=UNITS[0], overdue=True, as_of=as_of), repeat=5)
        print(f"overdue of one unit: {len(rows)} resolutions, median {statistics.median(one) * 1000:.0f} ms, "
              f"worst {max(one) * 1000:.0f} ms")
        each = []
        total = 0
        for unit in UNITS:
            t, rows = timed(lambda: reg.list(actor=unit, overdue=True, as_of=as_of))
            each += t
            total += len(rows)
        print(f"overdue by actor, each of {len(UNITS)} units: {total} rows in all, median "
              f"{statistics.median(each) * 1000:.0f} ms, worst {max(each) * 1000:.0f} ms a unit")
        everything, rows = timed(lambda: reg.list(overdue=True, as_of=as_of), repeat=3)
        print(f"overdue of all units: {len(rows)} resolutions, median "
              f"{statistics.median(everything) * 1000:.0f} ms, worst {max(everything) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
