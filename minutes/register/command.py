"""``minutes register``: the resolutions of every meeting, kept in a database.

    minutes register add FILE... [--meeting-date DATE] [--strict]
    minutes register status ID STATUS [--on DATE] [--note TEXT]
    minutes register status --file STATUS_FILE         (CSV/XLSX/YAML, as `minutes sheet` writes)
    minutes register list [--actor A] [--status S] [--overdue] [--as-of DATE] [--meeting M] [--json]
    minutes register carry-over [--as-of DATE] [--body B]
    minutes register sheet --format FMT [-o OUT] [--by actor] [--as-of DATE] [--meeting M]
                           [--letter-number N] [--templates DIR] | --status-template
    minutes register history ID | actors | alias SPELLING UNIT

Every command takes ``--db PATH_OR_URL`` (else ``$MINUTES_DB``, else a SQLite file in the
user's data folder) and ``--vocab DIR``. Errors print one line; exit status 2 (1 for
``--strict`` warnings).
"""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import MinutesError

__all__ = ["add_parser"]

_NEED = "minutes register needs SQLAlchemy and Alembic: pip install 'minutes[register]'"


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "register", help="keep the resolutions of every meeting in a register (a database)",
        description="A register of meetings, resolutions and their statuses, across meetings.")
    sub = p.add_subparsers(dest="register_command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH_OR_URL",
                        help="SQLite file or SQLAlchemy URL (postgresql://…); default $MINUTES_DB, "
                             "else register.sqlite in the user's data folder")
    common.add_argument("--vocab", metavar="DIR", help="the user's vocabulary folder (docs/vocabulary.md)")
    common.add_argument("--strict", action="store_true", help="warnings are errors (exit status 1)")

    add = sub.add_parser("add", parents=[common], help="import minutes (idempotent; a revision updates)")
    add.add_argument("files", nargs="+", metavar="FILE", help="documents, or JSON from `minutes parse`")
    add.add_argument("--meeting-date", metavar="DATE", help="the meeting date where the text has none")

    st = sub.add_parser("status", parents=[common], help="record a status (history is kept)")
    st.add_argument("id", nargs="?", metavar="ID")
    st.add_argument("status", nargs="?", metavar="STATUS",
                    help="done, in_progress, blocked, cancelled, open (or the Persian words)")
    st.add_argument("--on", metavar="DATE", help="the day it happened (done: the day it was done)")
    st.add_argument("--note", metavar="TEXT")
    st.add_argument("--file", metavar="STATUS_FILE",
                    help="statuses from a file: the CSV or XLSX `minutes sheet` writes, edited, or YAML")

    ls = sub.add_parser("list", parents=[common], help="list resolutions")
    ls.add_argument("--actor", metavar="A", help="one unit (any of its spellings)")
    ls.add_argument("--status", metavar="S", help="done, cancelled, overdue, due_soon, open, undated, "
                                                   "in_progress, blocked")
    ls.add_argument("--overdue", action="store_true", help="only overdue resolutions")
    ls.add_argument("--as-of", metavar="DATE", help="statuses as of DATE (default today)")
    ls.add_argument("--meeting", metavar="M", help="a meeting key, or a meeting date (Jalali ISO)")
    ls.add_argument("--json", action="store_true", help="a JSON array")

    co = sub.add_parser("carry-over", parents=[common],
                        help="open resolutions of earlier meetings, for the next agenda")
    co.add_argument("--as-of", metavar="DATE", help="the next meeting's date (default today)")
    co.add_argument("--body", metavar="B", help="only the meetings of this body (as on the letterhead)")
    co.add_argument("-o", "--output", metavar="OUT")

    sh = sub.add_parser("sheet", parents=[common], help="a follow-up sheet from the register")
    from ..sheets.render import FORMATS

    sh.add_argument("-f", "--format", choices=FORMATS, default="html")
    sh.add_argument("-o", "--output", metavar="OUT", help="file, or a directory with --by actor and docx")
    sh.add_argument("--as-of", metavar="DATE")
    sh.add_argument("--by", choices=("actor",))
    sh.add_argument("--meeting", metavar="M", action="append", help="only these meetings (repeatable)")
    sh.add_argument("--templates", metavar="DIR")
    sh.add_argument("--letter-number", metavar="N", help="the letters' number (docx)")
    sh.add_argument("--status-template", action="store_true",
                    help="a blank status file (CSV) of the meetings' resolutions instead of a sheet")

    hi = sub.add_parser("history", parents=[common], help="every status change of a resolution")
    hi.add_argument("id", metavar="ID")

    sub.add_parser("actors", parents=[common], help="the units of the actor directory")
    al = sub.add_parser("alias", parents=[common], help="confirm that a spelling names a unit")
    al.add_argument("spelling")
    al.add_argument("unit")
    p.set_defaults(run=run)
    return p


def _open(args):
    try:
        from .store import Register
    except ImportError:
        raise MinutesError(_NEED) from None
    from ..text.vocab import use_vocab
    from ..sheets.units import Directory

    if args.vocab:
        use_vocab(args.vocab)
    return Register(args.db, directory=Directory.from_vocab(args.vocab))


def run(args: argparse.Namespace) -> int:
    try:
        try:
            from . import cli_actions
        except ImportError as exc:  # the register extra is not installed
            raise MinutesError(_NEED, hint=str(exc)) from None
        with _open(args) as reg:
            return getattr(cli_actions, args.register_command.replace("-", "_"))(reg, args)
    except MinutesError as exc:
        print(f"minutes register: {exc}", file=sys.stderr)
        return 1 if type(exc).__name__ == "StrictError" else 2
    except (OSError, ValueError) as exc:
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        print(f"minutes register: {where}{getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
    except Exception as exc:  # a bug or a database error: one line, no traceback
        print(f"minutes register: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}",
              file=sys.stderr)
    return 2


def dump_json(items) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2)
