"""``minutes serve``: the web app over the register, on loopback unless told otherwise.

Off loopback the app refuses to start without a clerk account or a token (from the environment
variable named by ``--token-env``, never from the command line, where other users could read
it); the app keeps only the token's salted hash.

Clerk accounts live in the register: ``--add-clerk NAME`` (the password from a prompt, or the
first line of standard input), ``--list-clerks``, ``--remove-clerk NAME``; each does that and
exits. Once a clerk exists the app asks everyone to sign in, on loopback too.
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import os
import sys

from ..errors import MinutesError

__all__ = ["add_parser", "is_loopback"]

_NEED = "minutes serve needs the web extra: pip install 'minutes[web]'"


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser("serve", help="the secretariat's web app over the register (docs/web.md)")
    p.add_argument("--db", metavar="PATH_OR_URL", help="the register (default as `minutes register`)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--token-env", default="MINUTES_WEB_TOKEN", metavar="VAR",
                   help="environment variable holding the password or token; off loopback this or "
                        "a clerk is required")
    p.add_argument("--max-bytes", type=int, metavar="N", help="largest upload (default 20 MiB)")
    clerks = p.add_mutually_exclusive_group()
    clerks.add_argument("--add-clerk", metavar="NAME",
                        help="add a clerk (or set a new password): the password is asked for, or "
                             "read from standard input's first line; then exit")
    clerks.add_argument("--remove-clerk", metavar="NAME", help="remove a clerk's account, then exit")
    clerks.add_argument("--list-clerks", action="store_true", help="list the clerks, then exit")
    p.set_defaults(run=run)
    return p


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _password(name: str) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass(f"password for {name}: ")
        if getpass.getpass("again: ") != first:
            raise MinutesError("the two passwords differ; nothing changed")
        return first
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def _clerks(args: argparse.Namespace) -> int:
    from ..register.store import Register
    from . import accounts

    with Register(args.db) as reg:
        if args.list_clerks:
            for c in accounts.list_clerks(reg):
                print(f"{c.name}\t{c.added_at}")
        elif args.remove_clerk is not None:
            accounts.remove_clerk(reg, args.remove_clerk)
            print(f"clerk {args.remove_clerk!r} removed")
        else:
            added = accounts.add_clerk(reg, args.add_clerk, _password(args.add_clerk))
            print(f"clerk {' '.join(args.add_clerk.split())!r} {'added' if added else 'given a new password'}")
    return 0


def _has_clerks(db: str | None) -> bool:
    """Clerk accounts are passwords too: with one, every visitor must sign in."""
    from ..register.store import Register
    from .accounts import has_clerks

    with Register(db) as reg:
        return has_clerks(reg)


def run(args: argparse.Namespace) -> int:
    if args.list_clerks or args.add_clerk is not None or args.remove_clerk is not None:
        return _clerks(args)
    token = os.environ.get(args.token_env) or None
    if not is_loopback(args.host) and not token and not _has_clerks(args.db):
        raise MinutesError(f"refusing to listen on {args.host} without a password or token",
                           hint=f"set {args.token_env}, add a clerk (--add-clerk NAME), "
                                "or listen on 127.0.0.1")
    try:
        import uvicorn

        from .app import DEFAULT_MAX_BYTES, create_app
    except ImportError:
        raise MinutesError(_NEED) from None
    app = create_app(args.db, token=token, max_bytes=args.max_bytes or DEFAULT_MAX_BYTES)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
