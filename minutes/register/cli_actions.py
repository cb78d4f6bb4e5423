"""What each ``minutes register`` subcommand does, given an open register and its arguments.

Reports go to stdout (the list, the carry-over, the sheet) or stderr (what an import or a
status file did, and the warnings); ``--strict`` makes any warning exit status 1 after
the work is done (an import is kept: the warnings are about the minutes, not the register).
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import InputError, StrictError
from ..sheets.quality import problems, summary, with_meeting_date
from ..text.vocab import vocab
from ..sheets.units import actors_of
from .command import dump_json
from .store import Register, RegisterError

__all__ = ["add", "status", "list", "carry_over", "sheet", "history", "actors", "alias"]


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _finish(args, warnings: list[str]) -> int:
    if warnings and args.strict:
        raise StrictError(f"{len(warnings)} warnings (--strict)")
    return 0


def add(reg: Register, args) -> int:
    from ..sheets.command import load_minutes

    warnings: list[str] = []
    loaded = []
    for path in args.files:  # every file is read before any is imported
        m = load_minutes(path)
        if args.meeting_date:
            m = with_meeting_date(m, args.meeting_date)
        loaded.append((path, m))
    found = problems([m for _, m in loaded], actors=actors_of)
    for path, m in loaded:
        rep = reg.add(m, path=str(Path(path).resolve()) if Path(path).exists() else path)
        counts = ", ".join(f"{n} {k}" for k, n in rep.counts.items() if n)
        carried = f"; {rep.carried} statuses carried" if rep.carried else ""
        _err(f"{path}: {rep.outcome} {rep.key}" + (f" ({counts}{carried})" if counts else ""))
        warnings += rep.warnings
    text = summary(found)
    if text or warnings:
        _err("\n".join(x for x in (text or "warnings:", *[f"  {w}" for w in warnings]) if x))
    return _finish(args, [p.message for p in found] + warnings)


def _status_word(word: str) -> str:
    from ..sheets.track import _progress_key

    key = word.strip().lower().replace("-", "_").replace(" ", "_")
    if key == "open":
        return key
    found = _progress_key(word)
    if found is None:
        words = ", ".join(f"{k}/{v[0]}" for k, v in vocab().table("sheets.progress").items())
        raise RegisterError(f"unknown status {word!r}", hint=f"use open or one of {words}")
    return found


def status(reg: Register, args) -> int:
    if args.file:
        from ..sheets.statusfile import read_status_input

        entries = read_status_input(args.file)
        rows = [(e.id, e.status, e.done_on, e.note) for e in entries.values()]
        changed = [x for x in reg.set_statuses(rows, source=str(args.file)) if x[0] != x[1]]
        _err(f"{args.file}: {len(rows)} statuses read, {len(changed)} changed")
        return 0
    if not (args.id and args.status):
        raise InputError("give ID STATUS, or --file STATUS_FILE")
    old, new = reg.set_status(args.id, _status_word(args.status), on=args.on, note=args.note)
    _err(f"{args.id}: {old} → {new}")
    return 0


def list(reg: Register, args) -> int:  # noqa: A001 - the subcommand's name
    rows = reg.list(actor=args.actor, status=args.status, overdue=args.overdue, as_of=args.as_of,
                    meeting=args.meeting)
    if args.json:
        print(dump_json([r.as_json() for r in rows]))
        return 0
    for r in rows:
        due = r.due or "-"
        who = "، ".join(r.units) or "-"
        text = r.text if len(r.text) <= 70 else r.text[:69] + "…"
        print(f"{r.id}\t{r.status}\t{due}\t{who}\t{text}")
    _err(f"{len(rows)} resolutions")
    return 0


def carry_over(reg: Register, args) -> int:
    from .carry import carry_over_text

    text, n = carry_over_text(reg, as_of=args.as_of, body=args.body)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    _err(f"{n} open resolutions carried over")
    return 0


def sheet(reg: Register, args) -> int:
    from .sheet import write_sheet

    return write_sheet(reg, args)


def history(reg: Register, args) -> int:
    """One line a change: when (UTC), who, from → to, the day it happened, where from, note."""
    changes = reg.history(args.id)
    for c in changes:
        on = f"\ton {c.on.isoformat()}" if c.on else "\t"
        print(f"{c.at.isoformat(timespec='seconds')}Z\t{c.by}\t{c.old} → {c.new}{on}\t{c.source}"
              + (f"\t{c.note}" if c.note else ""))
    _err(f"{len(changes)} changes")
    return 0


def actors(reg: Register, args) -> int:
    for name, n, aliases in reg.units():
        print(f"{n}\t{name}" + (f"\t(= {' | '.join(aliases)})" if aliases else ""))
    for a, b, ratio in reg.look_alike():
        _err(f"one body? {a!r} and {b!r} ({ratio:.0%} alike): if so, "
             f"minutes register alias {b!r} {a!r}")
    return 0


def alias(reg: Register, args) -> int:
    moved = reg.alias(args.spelling, args.unit)
    _err(f"{args.spelling!r} is {args.unit!r}: {moved} resolutions moved to that unit")
    return 0
