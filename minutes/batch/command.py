"""``minutes batch INPUT... -o OUTDIR [--workers N] [--dask ADDRESS] [--resume] [--jsonl FILE] [--tables DIR]``.

Documents run on local worker processes (``--workers``, default one per core; each builds
the normalizer and the grammar once) or on an existing Dask cluster (``--dask``; the workers
read and write the paths given, so they must see the same files). A document that fails is
reported and the others go on; the exit status is 1 when any failed (or an input named
nothing), 0 otherwise.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

from ..errors import InputError
from .inputs import expand
from .work import Result, Task, convert, convert_all, summarize, warm_up

__all__ = ["add_parser", "run", "run_batch"]


def add_parser(sub) -> None:
    p = sub.add_parser("batch", help="convert many documents to JSON and tables, in parallel",
                       description="Convert files, folders (recursively) and globs to one JSON per "
                                   "document (a folder mirroring the inputs) or JSON Lines, and to flat tables.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="a file, a folder, or a glob such as 'archive/**/*.docx'")
    p.add_argument("-o", "--output", metavar="OUTDIR", help="write one JSON per document under this folder")
    p.add_argument("--jsonl", metavar="FILE", help="write one JSON Lines file instead of a JSON per document")
    p.add_argument("--tables", metavar="DIR", help="also write meetings, resolutions, turns, attendees and "
                                                   "diagnostics as Parquet and CSV here")
    p.add_argument("--workers", type=int, metavar="N", help="local worker processes (default: one per core)")
    p.add_argument("--dask", metavar="ADDRESS", help="run on this Dask scheduler (tcp://host:8786) instead")
    p.add_argument("--resume", action="store_true",
                   help="skip documents whose output was made from the same bytes by this version")
    p.set_defaults(run=run)


def run(args) -> int:
    if not args.output and not args.jsonl:
        raise InputError("give -o OUTDIR (a JSON per document) or --jsonl FILE", path="minutes batch")
    if args.workers is not None and args.workers < 1:
        raise InputError("--workers must be 1 or more", path="minutes batch")
    summary = run_batch(args.inputs, outdir=args.output, jsonl=args.jsonl, tables=args.tables,
                        workers=args.workers, dask=args.dask, resume=args.resume,
                        progress=sys.stderr is not None and sys.stderr.isatty())
    if sys.stderr is not None:
        sys.stderr.write(summary.report())
    return 1 if summary.failures else 0


class Summary:
    """What the batch did, for the closing report."""

    def __init__(self):
        self.kinds: Counter = Counter()
        self.resolutions = 0
        self.deadlines_resolved = 0
        self.warnings: Counter = Counter()
        self.failures: list[tuple[str, str]] = []  # (document, reason)
        self.skipped = 0
        self.converted = 0
        self.seconds = 0.0

    def add(self, r: Result) -> None:
        if not r.ok:
            self.failures.append((r.path, r.error or "failed"))
            return
        self.skipped += r.skipped
        self.converted += not r.skipped
        if r.kind:
            self.kinds[r.kind] += 1
        self.resolutions += r.resolutions
        self.deadlines_resolved += r.deadlines_resolved
        self.warnings.update(r.warnings)

    def report(self) -> str:
        done = self.converted + self.skipped
        lines = [f"minutes batch: {done} document(s) converted, {len(self.failures)} failed"
                 + (f" ({self.skipped} up to date, skipped)" if self.skipped else "")
                 + f" in {self.seconds:.1f} s"]
        if self.kinds:
            lines.append("  by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(self.kinds.items())))
        lines.append(f"  resolutions: {self.resolutions}, deadlines resolved: {self.deadlines_resolved}")
        if self.warnings:
            lines.append("  warnings: " + ", ".join(f"{c} {n}" for c, n in self.warnings.most_common()))
        lines += [f"  failed: {reason}" if reason.startswith(path) else f"  failed: {path}: {reason}"
                  for path, reason in self.failures]
        return "\n".join(lines) + "\n"


class _Progress:
    """Documents done, rate and time left on one terminal line; silent when not a terminal."""

    def __init__(self, total: int, on: bool):
        self.total, self.on, self.done, self.start = total, on and total > 0, 0, time.monotonic()

    def step(self) -> None:
        self.done += 1
        if not self.on:
            return
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0
        width = 24
        bar = "#" * (width * self.done // self.total)
        sys.stderr.write(f"\r[{bar:<{width}}] {self.done}/{self.total}  {rate:.1f} doc/s  "
                         f"{int(left // 60)}:{int(left % 60):02d} left ")
        if self.done == self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _old_lines(jsonl: str) -> dict[str, tuple[tuple[str, str], str]]:
    """For --resume with JSON Lines: each old line by its source path, with (sha256, version)."""
    out = {}
    try:
        with open(jsonl, encoding="utf-8") as fh:
            for line in fh:
                try:
                    data = json.loads(line)
                    key = ((data.get("source") or {}).get("sha256"), (data.get("tool") or {}).get("version"))
                    out[data["source"]["path"]] = (key, line.rstrip("\n"))
                except (ValueError, KeyError, TypeError, AttributeError):
                    continue  # a line cut short: its document is made again
    except OSError:
        pass
    return out


def run_batch(inputs: list[str], *, outdir: str | None = None, jsonl: str | None = None,
              tables: str | None = None, workers: int | None = None, dask: str | None = None,
              resume: bool = False, progress: bool = False) -> Summary:
    """Convert ``inputs``; the library form of ``minutes batch``. Never raises for a document."""
    start = time.monotonic()
    if tables:
        try:
            import pyarrow  # noqa: F401 - checked before hours of work, not after
        except ImportError:
            raise InputError("--tables needs pyarrow", path="minutes batch",
                             hint="pip install 'minutes[batch]'") from None
    items, missing = expand(inputs)
    summary = Summary()
    summary.failures += [(exc.path or "", str(exc)) for exc in missing]
    old = _old_lines(jsonl) if (jsonl and resume) else {}
    tasks = [Task(path=it.path, name=it.name,
                  out=None if jsonl else os.path.join(outdir, *f"{it.name}.json".split("/")),
                  tables=bool(tables), resume=resume,
                  previous=old[it.path][0] if it.path in old else ((None, None) if jsonl and resume else None))
             for it in items]
    results = _run(tasks, workers=workers, dask=dask, progress=_Progress(len(tasks), progress))
    rows: dict[str, list[dict]] = {}
    lines: list[str] = []
    for task, r in zip(tasks, results):
        if r.ok and r.skipped and jsonl:
            r.text = old[task.path][1]
            summarize(r, json.loads(r.text), task)
        summary.add(r)
        if r.text is not None:
            lines.append(r.text)
        for table, table_rows in (r.rows or {}).items():
            rows.setdefault(table, []).extend(table_rows)
    if jsonl:
        Path(jsonl).parent.mkdir(parents=True, exist_ok=True)
        with open(jsonl, "w", encoding="utf-8") as fh:
            fh.writelines(line + "\n" for line in lines)
    if tables:
        from .tables import write_tables

        write_tables(tables, rows)
    summary.seconds = time.monotonic() - start
    return summary


_MOST_PER_CALL = 8  # documents sent to a worker in one call


def _run(tasks: list[Task], *, workers: int | None, dask: str | None, progress: _Progress) -> list[Result]:
    """Each task's result, in the tasks' order."""
    if not tasks:
        return []
    if dask:
        return _run_dask(tasks, dask, progress)
    n = min(workers or os.cpu_count() or 1, len(tasks))
    if n == 1:  # no process to start: the documents run here
        out = []
        for t in tasks:
            out.append(convert(t))
            progress.step()
        return out
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and _one_thread():
        # A process with one thread (the command line) forks safely, and at once: the workers
        # warm up side by side instead of after a new interpreter's start.
        context = multiprocessing.get_context("fork")
    elif "forkserver" in methods:
        # With other threads about (a library caller's), workers fork from a clean server
        # process that has built the normalizer and grammar once (minutes.batch.warm).
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["minutes.batch.warm"])
    else:
        context = multiprocessing.get_context("spawn")
    results: list[Result | None] = [None] * len(tasks)
    # A few documents per call: each call is a round trip through the pool's queues and the
    # parent's thread, which shares the two cores with the workers (one document a call: 2
    # workers gave 1.73× one worker on seed 003's copies, bench/bench_scale.py). Small enough
    # that the workers finish together and the progress bar moves.
    size = max(1, min(_MOST_PER_CALL, len(tasks) // (n * 8)))
    with ProcessPoolExecutor(max_workers=n, mp_context=context, initializer=warm_up) as pool:
        futures = {pool.submit(convert_all, tasks[i:i + size]): i for i in range(0, len(tasks), size)}
        for fut in as_completed(futures):
            first = futures[fut]
            try:
                done = fut.result()
            except Exception as exc:  # noqa: BLE001 - a worker died (killed, out of memory)
                done = [Result(t.name, t.path, ok=False, error=f"the worker stopped: {exc.__class__.__name__}: {exc}")
                        for t in tasks[first:first + size]]
            for i, r in enumerate(done, first):
                results[i] = r
                progress.step()
    return results  # type: ignore[return-value]


def _one_thread() -> bool:
    """Whether this process has a single thread, native ones included (a library's pool of
    C threads is invisible to ``threading``)."""
    import threading

    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return threading.active_count() == 1


def _run_dask(tasks: list[Task], address: str, progress: _Progress) -> list[Result]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise InputError("--dask needs the distributed package", path="minutes batch",
                         hint="pip install 'minutes[dask]'") from None
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise InputError(f"cannot reach the Dask scheduler: {exc}", path=address) from None
    results: list[Result | None] = [None] * len(tasks)
    with client:
        client.run(warm_up)  # each worker builds the normalizer and grammar once, before any document
        futures = client.map(convert, tasks, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        for fut in as_completed(futures):
            i = index[fut.key]
            try:
                results[i] = fut.result()
            except Exception as exc:  # noqa: BLE001 - a worker lost with its task
                results[i] = Result(tasks[i].name, tasks[i].path, ok=False,
                                    error=f"the Dask task failed: {exc.__class__.__name__}: {exc}")
            progress.step()
    return results  # type: ignore[return-value]
