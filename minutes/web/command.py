"""``minutes serve``: the web app over the register, on loopback unless told otherwise.

Off loopback the app refuses to start without a token (from the environment variable named
by ``--token-env``, never from the command line, where other users could read it); the app
keeps only the token's salted hash.
"""

from __future__ import annotations

import argparse
import ipaddress
import os

from ..errors import MinutesError

__all__ = ["add_parser", "is_loopback"]

_NEED = "minutes serve needs the web extra: pip install 'minutes[web]'"


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser("serve", help="the secretariat's web app over the register (docs/web.md)")
    p.add_argument("--db", metavar="PATH_OR_URL", help="the register (default as `minutes register`)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--token-env", default="MINUTES_WEB_TOKEN", metavar="VAR",
                   help="environment variable holding the password or token; required off loopback")
    p.add_argument("--max-bytes", type=int, metavar="N", help="largest upload (default 20 MiB)")
    p.set_defaults(run=run)
    return p


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    token = os.environ.get(args.token_env) or None
    if not is_loopback(args.host) and not token:
        raise MinutesError(f"refusing to listen on {args.host} without a password or token",
                           hint=f"set {args.token_env}, or listen on 127.0.0.1")
    try:
        import uvicorn

        from .app import DEFAULT_MAX_BYTES, create_app
    except ImportError:
        raise MinutesError(_NEED) from None
    app = create_app(args.db, token=token, max_bytes=args.max_bytes or DEFAULT_MAX_BYTES)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
