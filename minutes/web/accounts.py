"""Clerk accounts for ``minutes serve``: a name and a password, kept in the register.

The name is what the register records as «who» on every correction and status change made by
that clerk; the password is kept only as a salted scrypt hash. Once the register holds a clerk,
the app asks every visitor to sign in, on loopback too (docs/web.md).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..register.schema import Clerk
from ..register.store import Register, RegisterError

__all__ = ["ClerkInfo", "add_clerk", "check_clerk", "clerk_stamp", "has_clerks", "hash_password",
           "list_clerks", "remove_clerk", "verify_password", "MIN_PASSWORD"]

MIN_PASSWORD = 8
# scrypt's cost: 16 MiB of memory and some 50 ms a check, so a stolen table is slow to guess at.
_N, _R, _P = 2 ** 14, 8, 1


@dataclass
class ClerkInfo:
    name: str
    added_at: str


def hash_password(password: str, *, salt: bytes | None = None, n: int = _N, r: int = _R,
                  p: int = _P) -> str:
    """``scrypt$n$r$p$salt$hash`` (hex): the parameters travel with the hash, so they can grow."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32,
                            maxmem=64 * 1024 * 1024)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        again = hash_password(password, salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    except ValueError:  # a malformed stored hash never signs anyone in
        return False
    return hmac.compare_digest(again.rsplit("$", 1)[1], digest)


# Checked against when a name is unknown, so an unknown name takes as long as a wrong password.
_DUMMY = hash_password("-", salt=b"\0" * 16)


def _valid_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise RegisterError("a clerk's name cannot be empty")
    if len(name) > 120 or re.search(r"[\x00-\x1f\x7f]", name):
        raise RegisterError(f"a clerk's name must be one line of at most 120 characters: {name[:40]!r}")
    return name


def add_clerk(reg: Register, name: str, password: str) -> bool:
    """Add a clerk, or set a new password for one already there; True when added."""
    name = _valid_name(name)
    if len(password) < MIN_PASSWORD:
        raise RegisterError(f"the password is too short ({len(password)} characters)",
                            hint=f"use at least {MIN_PASSWORD}")
    stored = hash_password(password)
    with Session(reg.engine) as s, s.begin():
        row = s.scalar(select(Clerk).where(Clerk.name == name))
        if row is not None:
            row.password = stored
            return False
        s.add(Clerk(name=name, password=stored,
                    added_at=_dt.datetime.now(_dt.UTC).replace(tzinfo=None, microsecond=0)))
        return True


def remove_clerk(reg: Register, name: str) -> None:
    name = " ".join((name or "").split())
    with Session(reg.engine) as s, s.begin():
        row = s.scalar(select(Clerk).where(Clerk.name == name))
        if row is None:
            raise RegisterError(f"no clerk {name!r}", hint="--list-clerks shows them")
        s.delete(row)


def list_clerks(reg: Register) -> list[ClerkInfo]:
    with Session(reg.engine) as s:
        return [ClerkInfo(c.name, c.added_at.isoformat(sep=" ", timespec="seconds"))
                for c in s.scalars(select(Clerk).order_by(Clerk.name)).all()]


def has_clerks(reg: Register) -> bool:
    with Session(reg.engine) as s:
        return bool(s.scalar(select(func.count()).select_from(Clerk)))


def clerk_stamp(reg: Register, name: str) -> str | None:
    """A short digest of the clerk's stored hash, kept in their session: a session opened before
    the clerk was removed or given a new password no longer matches. None: no such clerk."""
    with Session(reg.engine) as s:
        stored = s.scalar(select(Clerk.password).where(Clerk.name == name))
    return None if stored is None else hashlib.sha256(stored.encode()).hexdigest()[:24]


def check_clerk(reg: Register, name: str, password: str) -> str | None:
    """The clerk's name when the password is theirs, else None."""
    name = " ".join((name or "").split())
    with Session(reg.engine) as s:
        stored = s.scalar(select(Clerk.password).where(Clerk.name == name)) if name else None
    ok = verify_password(password, stored or _DUMMY)
    return name if ok and stored is not None else None
