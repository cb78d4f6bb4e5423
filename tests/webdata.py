"""Shared set-up of the web app's tests (tests/test_web*.py): the register on SQLite and on a
real PostgreSQL (tests/pgserver.py), and the steps a clerk's browser takes through TestClient."""

from __future__ import annotations

import re

import pytest
from pgserver import postgres_server, postgres_url  # noqa: F401 - fixtures, re-exported
from sheetdata import SEED

from minutes.register.store import Register

__all__ = ["AS_OF", "SEED_BYTES", "counts", "csrf", "db", "postgres_server", "postgres_url",
           "review_page", "rids", "saved", "upload"]

AS_OF = "1399-11-28"
SEED_BYTES = SEED.read_bytes()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    """Every test on SQLite (the default register) and on a real PostgreSQL (tests/pgserver.py)."""
    if request.param == "sqlite":
        return str(tmp_path / "register.sqlite")
    return request.getfixturevalue("postgres_url")


def csrf(client, page: str = "/") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(page).text).group(1)


def upload(client, *files, token=None):
    return client.post("/upload", data={"csrf": token or csrf(client)},
                       files=[("file", f) for f in files], follow_redirects=False)


def review_page(client):
    r = upload(client, ("003.txt", SEED_BYTES, "text/plain"))
    assert r.status_code == 303 and r.headers["location"].startswith("/review/")
    return r.headers["location"], client.get(r.headers["location"])


def saved(client) -> str:
    """Seed 003 uploaded, reviewed and saved; returns its meeting key."""
    where, _ = review_page(client)
    r = client.post(where + "/save", data={"csrf": csrf(client)}, follow_redirects=False)
    assert r.status_code == 303
    return re.match(r"/meetings/([^?]+)", r.headers["location"]).group(1)


def counts(db) -> dict:
    with Register(db) as reg:
        return reg.counts()


def rids(client) -> dict[int, str]:
    return {r["row"]: r["id"] for r in client.get("/api/resolutions").json()}
