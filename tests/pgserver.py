"""A real PostgreSQL server for the register's tests: a temporary cluster made with Debian's
``initdb`` (package ``postgresql``; ``make test`` installs it when missing), listening on a
Unix socket only, stopped and removed at the end of the session.

PostgreSQL refuses to run as root: as root, the cluster belongs to the ``postgres`` user
the package creates, and its programs run through ``runuser``.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile

import pytest

__all__ = ["postgres_server", "postgres_url"]


def _bin() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    if initdb:
        return os.path.dirname(initdb)
    pytest.fail("PostgreSQL's initdb not found: `make postgres` (or apt-get install postgresql)")


def _as_owner(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture(scope="session")
def postgres_server():
    """(socket directory, port) of a fresh server."""
    bindir = _bin()
    root = tempfile.mkdtemp(prefix="minutes-pg-")
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data, port = os.path.join(root, "data"), str(20000 + os.getpid() % 20000)
    run = dict(check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        subprocess.run(_as_owner([f"{bindir}/initdb", "-D", data, "-A", "trust", "-U", "minutes",
                                  "-E", "UTF8", "--locale=C"]), **run)
        subprocess.run(_as_owner([f"{bindir}/pg_ctl", "-D", data, "-l", os.path.join(root, "log"), "-w",
                                  "-o", f"-k {root} -c listen_addresses='' -p {port} -c fsync=off",
                                  "start"]), **run)
    except subprocess.CalledProcessError as exc:
        log = os.path.join(root, "log")
        tail = open(log).read()[-2000:] if os.path.exists(log) else ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {exc.stdout}\n{tail}")
    try:
        yield root, port
    finally:
        subprocess.run(_as_owner([f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server):
    """The URL of an empty database on the session's server: one database, its schema
    dropped and made again for each test (a database per test copied 8 MB a test)."""
    import psycopg

    host, port = postgres_server
    name = f"t{os.getpid()}"
    with psycopg.connect(host=host, port=port, user="minutes", dbname="postgres",
                         autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(host=host, port=port, user="minutes", dbname=name, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return f"postgresql://minutes@/{name}?host={host}&port={port}"
