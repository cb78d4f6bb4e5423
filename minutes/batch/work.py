"""One document of a batch: the only code that runs in a worker (a local process or a Dask
worker). It reads the file, parses it exactly as ``minutes parse FILE -o OUT`` does, writes
the JSON (unless the batch writes JSON Lines) and sends back a small ``Result``.

Nothing here raises: a document that cannot be read or parsed is a failed ``Result`` with
the one-line reason ``minutes parse`` would print, and the batch goes on.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Task", "Result", "convert", "convert_all", "summarize", "warm_up"]


@dataclass(slots=True)
class Task:
    path: str  # as the worker opens it
    name: str  # the document's name in the batch (the output's relative name)
    out: str | None  # the JSON file to write; None for JSON Lines (the text comes back instead)
    tables: bool = False  # send back the tables' rows
    resume: bool = False
    previous: tuple[str, str] | None = None  # JSON Lines resume: (sha256, tool version) of the old line


@dataclass(slots=True)
class Result:
    name: str
    path: str
    ok: bool
    error: str | None = None
    skipped: bool = False  # --resume: the output was up to date
    text: str | None = None  # the document's JSON on one line (JSON Lines batches)
    kind: str | None = None
    resolutions: int = 0
    deadlines_resolved: int = 0
    warnings: dict[str, int] = field(default_factory=dict)  # code → count
    rows: dict[str, list[dict]] | None = None
    seconds: float = 0.0


def warm_up() -> None:
    """Build what a process's first parse would (hazm's tables, the grammar, the vocabulary, the
    regexes of each stage) by parsing a small invented document that has every part: a
    batch worker, or a server at start, then answers its first document as fast as the rest."""
    from ..pipeline import parse_file

    parse_file(Path(__file__).with_name("warm_up.md"))


def _error_line(exc: BaseException) -> str:
    from ..errors import MinutesError

    if isinstance(exc, MinutesError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")
    # A bug of ours: reported like any failure, the batch goes on.
    return f"internal error: {exc.__class__.__name__}: {' '.join(str(exc).split())[:300]}"


def _version() -> str:
    from ..models import TOOL_VERSION

    return TOOL_VERSION


def summarize(result: Result, data: dict, task: Task) -> Result:
    result.kind = data.get("kind")
    resolutions = data.get("resolutions") or []
    result.resolutions = len(resolutions)
    result.deadlines_resolved = sum(1 for r in resolutions if (r.get("deadline") or {}).get("jalali"))
    for d in data.get("diagnostics") or []:
        if d.get("level") in ("warning", "error"):
            result.warnings[d["code"]] = result.warnings.get(d["code"], 0) + 1
    if task.tables:
        from .tables import rows_of

        result.rows = rows_of(task.name, data)
    return result


def _up_to_date(task: Task, digest: str) -> dict | None:
    """The old output's data when ``--resume`` finds it made from these bytes by this version."""
    if task.previous is not None:
        return {} if task.previous == (digest, _version()) else None
    if task.out is None or not os.path.exists(task.out):
        return None
    try:
        data = json.loads(Path(task.out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # cut short or edited by hand: made again
    same = (data.get("source") or {}).get("sha256") == digest and (data.get("tool") or {}).get("version") == _version()
    return data if same else None


def _write(path: str, text: str) -> None:
    """Whole or not at all: a batch stopped midway leaves no half-written JSON for --resume."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    os.replace(tmp, target)


def convert(task: Task) -> Result:
    start = time.perf_counter()
    result = Result(task.name, task.path, ok=False)
    try:
        from ..pipeline import parse_file

        if task.resume:
            with open(task.path, "rb") as fh:
                digest = hashlib.sha256(fh.read()).hexdigest()
            old = _up_to_date(task, digest)
            if old is not None:
                result.ok = result.skipped = True
                if old:
                    summarize(result, old, task)
                return result
        minutes = parse_file(task.path)
        if task.out is not None:
            _write(task.out, minutes.model_dump_json(indent=2, exclude_none=False))
        else:
            result.text = minutes.model_dump_json(exclude_none=False)
        result.ok = True
        summarize(result, minutes.model_dump(mode="json"), task)
    except Exception as exc:  # noqa: BLE001 - one document's failure never stops the batch
        result.error = _error_line(exc)
    finally:
        result.seconds = time.perf_counter() - start
    return result


def convert_all(tasks: list[Task]) -> list[Result]:
    """``convert`` for each task, in order: a worker process is sent a few documents at a time."""
    return [convert(t) for t in tasks]
