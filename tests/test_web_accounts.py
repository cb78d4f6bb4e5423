"""The web app's clerk accounts (``minutes serve --add-clerk/--list-clerks/--remove-clerk``,
the login page, «who» on every change) and the uploads waiting for review kept in the register
across a restart; on SQLite and on PostgreSQL."""

from __future__ import annotations

import base64
import datetime as _dt
import io
import re

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from starlette.testclient import TestClient
from webdata import (AS_OF, SEED_BYTES, counts, csrf, db, postgres_server,  # noqa: F401 - fixtures
                     postgres_url, review_page, rids, saved, upload)

import minutes
from minutes.cli import main
from minutes.register.schema import Clerk, PendingUpload
from minutes.register.store import Register
from minutes.web import accounts, store
from minutes.web.app import create_app
from minutes.web.pending import PendingStore

PASSWORD = "کلمه عبور ۱۲۳"


def add_clerk(monkeypatch, capsys, db, name, password=PASSWORD) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    code = main(["serve", "--db", db, "--add-clerk", name])
    out = capsys.readouterr()
    return code, out.out, out.err


def sign_in(client, name, password=PASSWORD):
    return client.post("/login", data={"csrf": csrf(client, "/login"), "name": name, "password": password},
                       follow_redirects=False)


# -- the command line ------------------------------------------------------------------------

def test_add_list_remove_clerks(db, monkeypatch, capsys):
    assert add_clerk(monkeypatch, capsys, db, "  مریم   احمدی ") == (0, "clerk 'مریم احمدی' added\n", "")
    assert add_clerk(monkeypatch, capsys, db, "reza")[0] == 0
    with Register(db) as reg, Session(reg.engine) as s:
        stored = s.scalar(select(Clerk.password).where(Clerk.name == "مریم احمدی"))
        other = s.scalar(select(Clerk.password).where(Clerk.name == "reza"))
    # salted scrypt: the same password gives two different hashes, and neither holds it
    assert stored.startswith("scrypt$16384$8$1$") and len(stored.split("$")[4]) == 32
    assert stored != other and PASSWORD not in stored
    assert accounts.verify_password(PASSWORD, stored) and not accounts.verify_password("x" * 12, stored)
    assert main(["serve", "--db", db, "--list-clerks"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in listed] == ["reza", "مریم احمدی"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", listed[0].split("\t")[1])
    # the same name again: a new password, still one account
    assert add_clerk(monkeypatch, capsys, db, "reza", "another pass")[1] == "clerk 'reza' given a new password\n"
    assert main(["serve", "--db", db, "--remove-clerk", "reza"]) == 0
    assert capsys.readouterr().out == "clerk 'reza' removed\n"
    with Register(db) as reg:
        assert [c.name for c in accounts.list_clerks(reg)] == ["مریم احمدی"]


@pytest.mark.parametrize("args, stdin, message", [
    (["--add-clerk", "reza"], "short\n", "the password is too short (5 characters) (use at least 8)"),
    (["--add-clerk", "   "], "long enough pass\n", "a clerk's name cannot be empty"),
    (["--remove-clerk", "nobody"], "", "no clerk 'nobody' (--list-clerks shows them)"),
])
def test_clerk_commands_refuse_in_one_line(db, monkeypatch, capsys, args, stdin, message):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert main(["serve", "--db", db, *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    with Register(db) as reg:
        assert accounts.list_clerks(reg) == []


# -- signing in ------------------------------------------------------------------------------

def test_without_clerks_or_token_loopback_stays_open_as_the_os_user(db):
    with TestClient(create_app(db, as_of=AS_OF, user="os-user")) as c:
        assert c.get("/", follow_redirects=False).status_code == 200
        saved(c)
        rid = rids(c)[1]
        c.post(f"/resolutions/{rid}/status", data={"csrf": csrf(c), "status": "done"})
    with Register(db) as reg:
        assert [ch.by for ch in reg.history(rid)] == ["os-user"]


def test_clerks_sign_in_and_are_who_on_every_change(db, monkeypatch, capsys):
    add_clerk(monkeypatch, capsys, db, "مریم احمدی")
    with TestClient(create_app(db, as_of=AS_OF, user="os-user")) as c:
        # a clerk exists: sign-in is required, on loopback too
        assert c.get("/", follow_redirects=False).headers["location"] == "/login"
        assert c.get("/api/resolutions").status_code == 401
        assert c.get("/static/app.css").status_code == 200
        login = c.get("/login").text
        assert 'name="name"' in login and 'name="password"' in login
        assert sign_in(c, "مریم احمدی", "wrong password").status_code == 403
        assert sign_in(c, "nobody", PASSWORD).status_code == 403
        assert sign_in(c, "", PASSWORD).status_code == 403  # no token is set: a name is needed
        r = sign_in(c, "مریم احمدی")
        assert r.status_code == 303 and r.headers["location"] == "/"
        assert '<span id="who" style="color:#cde">کاربر: مریم احمدی</span>' in c.get("/").text
        saved(c)
        ids = rids(c)
        c.post(f"/resolutions/{ids[6]}/correct", data={"csrf": csrf(c), "actor": "دبیرخانه شورا"})
        c.post(f"/resolutions/{ids[6]}/status", data={"csrf": csrf(c), "status": "in_progress"})
        c.patch(f"/api/resolutions/{ids[1]}", json={"status": "done", "done_on": "1399-11-27"})
        page = c.get(f"/resolutions/{ids[6]}").text
    with Register(db) as reg:
        assert [(x.field, x.by) for x in store.corrections(reg, ids[6])] == [("actor", "مریم احمدی")]
        assert [(ch.new, ch.by, ch.source) for ch in reg.history(ids[6])] == \
            [("in_progress", "مریم احمدی", "web")]
        assert [(ch.new, ch.by) for ch in reg.history(ids[1])] == [("done", "مریم احمدی")]
    history = re.search(r'<table id="history">.*?</table>', page, re.S).group(0)
    assert history.count("<td>مریم احمدی</td>") == 2 and "os-user" not in history


def test_basic_auth_for_the_api_and_the_token_beside_clerks(db, monkeypatch, capsys):
    add_clerk(monkeypatch, capsys, db, "reza")
    basic = "Basic " + base64.b64encode(f"reza:{PASSWORD}".encode()).decode()
    with TestClient(create_app(db, as_of=AS_OF, user="os-user", token="the app token")) as c:
        r = c.post("/api/minutes", files={"file": ("003.txt", SEED_BYTES)}, headers={"Authorization": basic})
        assert r.status_code == 201
        rid = rids_with(c, basic)[2]
        r = c.patch(f"/api/resolutions/{rid}", json={"supervisor": "دبیرخانه"}, headers={"Authorization": basic})
        assert r.json()["supervisor"] == "دبیرخانه"
        wrong = "Basic " + base64.b64encode(b"reza:not it at all").decode()
        assert c.get("/api/meetings", headers={"Authorization": wrong}).status_code == 401
        assert c.get("/api/meetings", headers={"Authorization": "Basic !!"}).status_code == 401
        # the single token still signs in (as the OS user), by header and on the login page
        r = c.patch(f"/api/resolutions/{rid}", json={"status": "blocked"},
                    headers={"Authorization": "Bearer the app token"})
        assert r.json()["progress"] == "blocked"
        assert sign_in(c, "", "the app token").status_code == 303
        assert "کاربر: os-user" in c.get("/").text
    with Register(db) as reg:
        assert [(x.field, x.by) for x in store.corrections(reg, rid)] == [("supervisor", "reza")]
        assert [(ch.new, ch.by) for ch in reg.history(rid)] == [("blocked", "os-user")]


def rids_with(client, auth) -> dict[int, str]:
    return {r["row"]: r["id"] for r in client.get("/api/resolutions", headers={"Authorization": auth}).json()}


def test_a_removed_clerk_or_a_new_password_signs_the_session_out(db, monkeypatch, capsys):
    add_clerk(monkeypatch, capsys, db, "reza")
    add_clerk(monkeypatch, capsys, db, "sara")
    with TestClient(create_app(db, as_of=AS_OF)) as c:
        sign_in(c, "reza")
        assert c.get("/", follow_redirects=False).status_code == 200
        add_clerk(monkeypatch, capsys, db, "reza", "a new password")
        assert c.get("/", follow_redirects=False).headers["location"] == "/login"
        assert sign_in(c, "reza", "a new password").status_code == 303
        with Register(db) as reg:
            accounts.remove_clerk(reg, "reza")
        assert c.get("/", follow_redirects=False).headers["location"] == "/login"
        assert c.get("/api/meetings").status_code == 401


def test_login_needs_its_csrf_and_starts_a_new_session(db, monkeypatch, capsys):
    add_clerk(monkeypatch, capsys, db, "reza")
    with TestClient(create_app(db, as_of=AS_OF)) as c:
        r = c.post("/login", data={"csrf": "forged", "name": "reza", "password": PASSWORD})
        assert r.status_code == 403 and "CSRF" in r.text
        before = csrf(c, "/login")
        assert sign_in(c, "reza").status_code == 303
        assert csrf(c) != before  # the session was cleared on signing in


# -- uploads waiting for review --------------------------------------------------------------

def test_a_pending_upload_survives_a_restart(db):
    with TestClient(create_app(db, as_of=AS_OF, user="os-user")) as c:
        where, page = review_page(c)
        assert '<span id="n-resolutions">۷</span>' in page.text
    assert counts(db)["meetings"] == 0
    with Register(db) as reg, Session(reg.engine) as s:
        row = s.scalar(select(PendingUpload))
        assert (row.name, row.by, "/review/" + row.id) == ("003.txt", "os-user", where)
        assert row.size == len(row.minutes_json.encode()) + len(row.lines_json.encode())
    # a new app on the same register: the upload is still waiting, and saving it clears it
    with TestClient(create_app(db, as_of=AS_OF)) as c:
        page = c.get(where).text
        assert '<span id="n-resolutions">۷</span>' in page and '<span id="n-speakers">۱۵</span>' in page
        r = c.post(where + "/save", data={"csrf": csrf(c)}, follow_redirects=False)
        assert r.status_code == 303
        assert c.get(where).status_code == 404
    assert counts(db)["resolutions"] == 7
    with Register(db) as reg:
        assert PendingStore(reg).ids() == []


def test_pending_uploads_are_capped_by_count_size_and_age(db):
    from minutes.web.pending import Pending

    with Register(db) as reg:
        m = minutes.parse(SEED_BYTES.decode("utf-8"))
        item = Pending("003.txt", m, [(1, "a")])
        size = len(m.model_dump_json().encode()) + len('[[1, "a"]]')
        by_count = PendingStore(reg, max_count=3)
        ids = [by_count.keep(item, by="x") for _ in range(5)]
        assert by_count.ids() == ids[2:]  # the oldest dropped first
        by_size = PendingStore(reg, max_bytes=2 * size)
        newest = by_size.keep(item, by="x")
        assert by_size.ids() == [ids[4], newest]  # two fit in twice the size of one
        alone = PendingStore(reg, max_bytes=size // 2)  # one too big for the cap still waits
        big = alone.keep(item, by="x")
        assert alone.ids() == [big]
        with Session(reg.engine) as s, s.begin():
            s.execute(update(PendingUpload).values(at=_dt.datetime(2020, 1, 1)))
        aged = PendingStore(reg, max_age=_dt.timedelta(days=7))
        assert aged.get(big) is None  # too old to review, even before a clean
    create_app(db, as_of=AS_OF).state.web.reg.close()  # starting, an app cleans what aged out
    with Register(db) as reg:
        assert PendingStore(reg).ids() == []


def test_an_unknown_or_dropped_review_is_one_line(db):
    with TestClient(create_app(db, as_of=AS_OF)) as c:
        r = c.get("/review/nothing-here")
        assert r.status_code == 404 and "this upload is no longer waiting for review" in r.text
        r = c.post("/review/nothing-here/save", data={"csrf": csrf(c)})
        assert r.status_code == 404
    assert counts(db)["meetings"] == 0


def test_batch_upload_is_kept_for_review(db):
    with TestClient(create_app(db, as_of=AS_OF)) as c:
        r = upload(c, ("a.txt", SEED_BYTES, "text/plain"), ("b.txt", SEED_BYTES, "text/plain"))
        links = re.findall(r'href="(/review/[^"]+)"', r.text)
    with Register(db) as reg:
        assert sorted("/review/" + i for i in PendingStore(reg).ids()) == sorted(links) and len(links) == 2


def test_serve_off_loopback_with_a_clerk_and_no_token(db, monkeypatch, capsys):
    import uvicorn

    monkeypatch.delenv("MINUTES_WEB_TOKEN", raising=False)
    assert main(["serve", "--host", "0.0.0.0", "--db", db]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refusing to listen on 0.0.0.0" in err and "--add-clerk NAME" in err
    add_clerk(monkeypatch, capsys, db, "reza")
    started = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.append((app.state.web.token_hash, kw)))
    assert main(["serve", "--host", "0.0.0.0", "--port", "8123", "--db", db]) == 0
    assert started == [(None, {"host": "0.0.0.0", "port": 8123, "log_level": "warning"})]
