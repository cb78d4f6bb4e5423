"""``minutes sheet``: follow-up sheets from one or more minutes.

    minutes sheet FILE... --format html|md|csv|xlsx|ics|docx [-o OUT] [--as-of DATE]
                  [--by actor] [--status STATUS_FILE] [--templates DIR] [--meeting-date DATE]
                  [--letter-number N] [--vocab DIR] [--strict]
    minutes sheet FILE... --status-template [-o OUT]

Warnings (a meeting without a date, resolutions without actor or deadline, duplicate
ids) are summed up on stderr; ``--strict`` makes them exit status 1.

FILE is a document (parsed) or a JSON file written by ``minutes parse``.
Several files make one combined sheet. ``--by actor -o DIR`` with docx writes
one letter per actor into DIR. Errors print one line to stderr; exit status 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..errors import MinutesError, StrictError

__all__ = ["add_parser", "run", "load_minutes", "write_output"]


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``sheet`` on an ``argparse`` subparsers object."""
    from .render import FORMATS

    p = subparsers.add_parser(
        "sheet", help="render a tracked follow-up sheet of the resolutions",
        description="Render the resolutions of one or more minutes as a follow-up sheet "
                    "with each resolution's status as of a date.")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="minutes documents, or JSON files from `minutes parse`")
    p.add_argument("-f", "--format", choices=FORMATS, default="html", help="output format (default html)")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="output file (default stdout); a directory with --by actor and docx")
    p.add_argument("--as-of", metavar="DATE",
                   help="status as of DATE: Jalali 1399-12-01 / ۱۳۹۹/۱۲/۰۱ or Gregorian ISO (default today)")
    p.add_argument("--by", choices=("actor",), help="group by actor (XLSX: a sheet per actor)")
    p.add_argument("--status", metavar="STATUS_FILE",
                   help="CSV or YAML with id, status, done_on, note (done / in_progress / blocked)")
    p.add_argument("--templates", metavar="DIR", help="directory of templates overriding ours by name")
    p.add_argument("--status-template", action="store_true",
                   help="write a blank status file (CSV) for the resolutions instead of a sheet")
    p.add_argument("--meeting-date", metavar="DATE", help="the meeting date where the text has none")
    p.add_argument("--letter-number", metavar="N", help="the letters' number (docx)")
    p.add_argument("--vocab", metavar="DIR", help="the user's vocabulary folder (docs/vocabulary.md)")
    p.add_argument("--strict", action="store_true",
                   help="warnings (no date, no actor, no deadline, duplicate ids) are errors: exit 1")
    return p


def load_minutes(path: str):
    """A ``Minutes`` from a JSON file (by suffix) or by parsing the document."""
    from ..models import Minutes

    if path.lower().endswith(".json"):
        from pydantic import ValidationError

        try:
            return Minutes.model_validate_json(Path(path).read_bytes())
        except OSError as exc:
            raise MinutesError(f"cannot read: {exc.strerror or exc}", path=path) from None
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(x) for x in err["loc"])
            raise MinutesError(f"not a minutes JSON: {where}: {err['msg']}", path=path) from None
    from .. import parse_file

    return parse_file(path)


def _checked(args) -> list:
    """The meetings, each with ``--meeting-date`` where it has none; what is wrong with them
    said on stderr (a short summary), and refused under ``--strict``."""
    from .quality import problems, summary, with_meeting_date

    if getattr(args, "vocab", None):
        from ..text.vocab import use_vocab

        use_vocab(args.vocab)
    meetings = [load_minutes(f) for f in args.files]
    if getattr(args, "meeting_date", None):
        meetings = [with_meeting_date(m, args.meeting_date) for m in meetings]
    from .units import actors_of

    found = problems(meetings, actors=actors_of)
    if found:
        print(summary(found), file=sys.stderr)
        if getattr(args, "strict", False):
            raise StrictError(f"{len(found)} warnings (--strict)")
    return meetings


def write_output(meetings: list, args, statuses) -> None:
    """The sheet of ``meetings`` in ``args.format`` to ``args.output``; with ``--by actor``,
    docx and a directory, one letter file per unit there."""
    from .render import render, render_per_actor

    options = dict(as_of=args.as_of, statuses=statuses, templates=args.templates)
    if args.letter_number:
        options["letter_number"] = args.letter_number
    out_dir = args.output and (Path(args.output).is_dir() or not Path(args.output).suffix)
    if args.by == "actor" and args.format == "docx" and args.output and out_dir:
        directory = Path(args.output)
        directory.mkdir(parents=True, exist_ok=True)
        parts = render_per_actor(meetings, "docx", **options)
        for i, (actor, data) in enumerate(parts, 1):
            (directory / f"{i:02d}-{_filename(actor)}.docx").write_bytes(data)
        print(f"wrote {len(parts)} letters to {directory}", file=sys.stderr)
        return
    _write(render(meetings if len(meetings) > 1 else meetings[0], args.format, by=args.by,
                  **options), args.output)


def _filename(name: str) -> str:
    return re.sub(r"[\s\\/:*?\"<>|]+", "_", name).strip("_.")[:80] or "actor"


def _write(out: str | bytes, output: str | None) -> None:
    if output is None:
        if isinstance(out, bytes):
            if sys.stdout.isatty():
                raise MinutesError("binary output: give -o FILE")
            sys.stdout.buffer.write(out)
        else:
            sys.stdout.write(out)
        sys.stdout.flush()
        return
    if isinstance(out, bytes):
        Path(output).write_bytes(out)
    else:
        Path(output).write_text(out, encoding="utf-8", newline="")


def run(args: argparse.Namespace) -> int:
    """Render the sheet; 0 on success, 2 on an input or usage error (one line on stderr)."""
    try:
        meetings = _checked(args)
        if args.status_template:
            from .statusfile import status_template

            _write(status_template(meetings), args.output)
            return 0
        write_output(meetings, args, args.status)
        return 0
    except StrictError as exc:
        print(f"minutes sheet: {exc}", file=sys.stderr)
        return 1
    except MinutesError as exc:
        print(f"minutes sheet: {exc}", file=sys.stderr)
    except (OSError, ValueError) as exc:
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        print(f"minutes sheet: {where}{getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
    except Exception as exc:  # a bug or a template error: still one line, no traceback
        print(f"minutes sheet: {type(exc).__name__}: {exc}", file=sys.stderr)
    return 2
