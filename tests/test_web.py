"""The web app (issue 15) through Starlette's TestClient, against a SQLite register and a
PostgreSQL one: pages, review, correction, tracking, sending, the API and its errors, and the
safety rules."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest
from starlette.testclient import TestClient
from webdata import (AS_OF, SEED_BYTES, counts, csrf, db, postgres_server,  # noqa: F401 - fixtures
                     postgres_url, review_page, rids, saved, upload)

from minutes.cli import main
from minutes.register.store import Register
from minutes.web import store
from minutes.web.app import create_app
from minutes.web.command import is_loopback


@pytest.fixture
def client(db):
    with TestClient(create_app(db, as_of=AS_OF, user="clerk")) as c:
        yield c


# -- pages -----------------------------------------------------------------------------------

def test_dashboard_is_rtl_persian_and_jalali(client):
    saved(client)
    html = client.get("/").text
    assert '<html dir="rtl" lang="fa">' in html
    assert "امروز: ۱۳۹۹/۱۱/۲۸" in html  # Jalali, Persian digits
    cards = dict(re.findall(r'data-status="(\w+)"><b>([۰-۹]+)</b>', html))
    # As of 1399-11-28: row 6 (due 11-26) is overdue; row 1 (11-30) due soon; row 2 undated.
    assert cards == {"overdue": "۱", "due_soon": "۱", "open": "۴", "undated": "۱", "done": "۰",
                     "cancelled": "۰"}
    assert "۱۳۹۹/۱۱/۲۱" in html  # the meeting's date in the by-meeting table


def test_review_shows_lines_and_fields_linked(client, db):
    _, page = review_page(client)
    html = page.text
    assert '<span id="n-resolutions">۷</span>' in html
    assert '<span id="n-speakers">۱۵</span>' in html
    lines = set(map(int, re.findall(r'<div class="line[^"]*" id="L(\d+)"', html)))
    assert len(lines) == SEED_BYTES.decode("utf-8").count("\n") + (not SEED_BYTES.endswith(b"\n"))
    targets = [int(n) for n in re.findall(r'href="#L(\d+)"', html)]
    assert targets and set(targets) <= lines  # every field's link points at a line shown
    resolutions = re.findall(r'<div class="res( missing)?" data-line="(\d+)"', html)
    assert len(resolutions) == 7
    assert not any(miss for miss, _ in resolutions)  # each has an actor and a deadline
    assert html.count('<li class="warning">') + html.count('<li class="info">') \
        + html.count('<li class="error">') == 54
    assert counts(db)["meetings"] == 0  # nothing stored before «save»


def test_save_then_meeting_page(client, db):
    key = saved(client)
    assert counts(db)["resolutions"] == 7
    page = client.get(f"/meetings/{key}?outcome=added").text
    assert page.count("data-id=") == 7 and 'id="outcome"' in page


def test_batch_upload_reports_each_file(client, db):
    r = upload(client, ("003.txt", SEED_BYTES, "text/plain"),
               ("bin.dat", b"\x00\x01" * 50, "application/octet-stream"))
    assert r.status_code == 200
    assert "bin.dat: binary data, not a text document" in r.text
    assert len(re.findall(r'href="/review/[^"]+"', r.text)) == 1
    assert counts(db)["meetings"] == 0


def test_document_text_is_escaped(client):
    text = "صورتجلسه\nمصوبات:\n۱- مقرر شد <script>alert(1)</script> اقدام شود.\n"
    r = upload(client, ("x.txt", text.encode(), "text/plain"))
    page = client.get(r.headers["location"]).text
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # No actor, no deadline: the resolution stands out, both flags shown.
    assert page.count('<div class="res missing"') == 1
    assert '<span class="flag">نامشخص</span>' in page and '<span class="flag">بدون مهلت</span>' in page


def test_upload_name_is_never_a_path(client):
    r = upload(client, ("../../etc/passwd", SEED_BYTES, "text/plain"))
    page = client.get(r.headers["location"]).text
    assert "بازبینی پیش از ثبت: passwd<" in page and "../" not in page


# -- safety ----------------------------------------------------------------------------------

@pytest.mark.parametrize("token", ["", "forged"])
def test_forms_need_the_csrf_token(client, db, token):
    saved(client)
    rid = rids(client)[1]
    before = counts(db)
    r = client.post(f"/resolutions/{rid}/status", data={"csrf": token, "status": "done"})
    assert r.status_code == 403 and "CSRF" in r.text
    r = client.post("/upload", data={"csrf": token}, files=[("file", ("a.txt", SEED_BYTES))])
    assert r.status_code == 403
    assert counts(db) == before


def test_other_origins_are_refused(client, db):
    r = client.post("/api/minutes", files={"file": ("003.txt", SEED_BYTES)},
                    headers={"Origin": "http://evil.example"})
    assert r.status_code == 403 and r.json()["error"].startswith("a request from another site")
    assert counts(db)["meetings"] == 0


def test_token_login_and_bearer(db):
    app = create_app(db, token="s3cret pass", as_of=AS_OF)
    assert app.state.web.token_hash[1] != b"s3cret pass" and len(app.state.web.token_hash[1]) == 32
    with TestClient(app) as c:
        assert c.get("/", follow_redirects=False).headers["location"] == "/login"
        assert c.get("/api/meetings").status_code == 401
        assert c.get("/api/meetings", headers={"Authorization": "Bearer s3cret pass"}).json() == []
        token = re.search(r'name="csrf" value="([^"]+)"', c.get("/login").text).group(1)
        assert c.post("/login", data={"csrf": token, "password": "wrong"}).status_code == 403
        r = c.post("/login", data={"csrf": token, "password": "s3cret pass"}, follow_redirects=False)
        assert r.status_code == 303
        assert c.get("/").status_code == 200


def test_serve_refuses_a_public_address_without_a_token(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("MINUTES_WEB_TOKEN", raising=False)
    # (a register in the test's folder: it is opened to ask whether clerks exist)
    assert main(["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "register.db")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refusing to listen on 0.0.0.0 without a password or token" in err
    assert [is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "10.0.0.2")] == \
        [True, True, True, False, False]


# -- correct, track, send --------------------------------------------------------------------

def test_correct_actor_teaches_an_alias_and_keeps_who_and_when(client, db):
    saved(client)
    rid = rids(client)[6]
    old = client.get("/api/resolutions").json()
    old_actor = next(r["actor"] for r in old if r["id"] == rid)
    r = client.post(f"/resolutions/{rid}/correct",
                    data={"csrf": csrf(client), "actor": "معاونت توسعه مدیریت", "back": "resolution"},
                    follow_redirects=False)
    assert r.status_code == 303
    row = next(r for r in client.get("/api/resolutions").json() if r["id"] == rid)
    assert row["actor"] == "معاونت توسعه مدیریت" and row["units"] == ["معاونت توسعه مدیریت"]
    with Register(db) as reg:
        units = {name: aliases for name, _, aliases in reg.units()}
        assert old_actor in units["معاونت توسعه مدیریت"]
        fixes = store.corrections(reg, rid)
    assert [(c.field, c.old, c.new, c.by) for c in fixes] == \
        [("actor", old_actor, "معاونت توسعه مدیریت", "clerk")]
    page = client.get(f"/resolutions/{rid}").text
    assert 'class="fix"' in page and "معاونت توسعه مدیریت" in page


def test_correct_deadline_is_resolved_and_reaches_the_sheet(client):
    key = saved(client)
    rid = rids(client)[2]
    client.post(f"/resolutions/{rid}/correct", data={"csrf": csrf(client), "deadline": "تا ۱۳۹۹/۱۲/۱۵"})
    row = next(r for r in client.get("/api/resolutions").json() if r["id"] == rid)
    assert (row["deadline"], row["kind"], row["due"], row["status"]) == \
        ("تا ۱۳۹۹/۱۲/۱۵", "date", "1399-12-15", "open")
    xlsx = client.get(f"/download?format=xlsx&meeting={key}")
    cells = [c for ws in openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets
             for r in ws.iter_rows(values_only=True) for c in r]
    assert any(isinstance(c, str) and "۱۳۹۹/۱۲/۱۵" in c for c in cells)


def test_status_inline_history_and_carry_over(client):
    saved(client)
    rid = rids(client)[1]
    r = client.post(f"/resolutions/{rid}/status", data={
        "csrf": csrf(client), "status": "done", "done_on": "۱۳۹۹/۱۱/۲۷", "note": "نامه ۱۲", "back": "dashboard"},
        follow_redirects=False)
    assert r.headers["location"] == "/"
    row = next(r for r in client.get("/api/resolutions").json() if r["id"] == rid)
    assert (row["status"], row["done_on"], row["note"]) == ("done", "1399-11-27", "نامه ۱۲")
    page = client.get(f"/resolutions/{rid}").text
    assert "۱۳۹۹/۱۱/۲۷" in page and "نامه ۱۲" in page and "clerk" in page
    carry = client.get("/carry-over").text
    assert "مصوبات باقیمانده برای جلسه بعد (۶)" in carry


def test_bad_status_date_is_one_line(client, db):
    saved(client)
    rid = rids(client)[1]
    r = client.post(f"/resolutions/{rid}/status", data={"csrf": csrf(client), "status": "done",
                                                         "done_on": "فردا شاید"})
    assert r.status_code == 400 and "not a date: &#39;فردا شاید&#39;" in r.text
    assert counts(db)["status_changes"] == 0


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "csv", "html", "md", "ics"])
def test_download_every_format(client, fmt):
    key = saved(client)
    r = client.get(f"/download?format={fmt}&meeting={key}")
    assert r.status_code == 200 and r.headers["content-disposition"].endswith(f'.{fmt}"')
    assert len(r.content) > 500


def test_download_a_unit_and_all_open(client):
    saved(client)
    actor = client.get("/api/resolutions").json()[0]["units"][0]
    wb = openpyxl.load_workbook(io.BytesIO(client.get("/download", params={"format": "xlsx", "unit": actor}).content))
    assert wb.worksheets[0].max_row >= 2
    csv_all = client.get("/download?format=csv&open=1").content.decode("utf-8-sig")
    assert csv_all.count("1399-11-21-") == 7
    r = client.get("/download?format=pdf")
    assert r.status_code == 400 and "unknown format &#39;pdf&#39;" in r.text


def test_letters_as_one_docx_or_a_zip(client):
    saved(client)
    units = {u for r in client.get("/api/resolutions").json() for u in r["units"]}
    z = zipfile.ZipFile(io.BytesIO(client.get("/letters?pack=zip&open=1").content))
    assert len(z.namelist()) == len(units) and all(n.endswith(".docx") for n in z.namelist())
    one = client.get("/letters?pack=docx&open=1")
    assert one.status_code == 200 and zipfile.ZipFile(io.BytesIO(one.content)).testzip() is None


# -- the API ---------------------------------------------------------------------------------

def test_api_parse_stores_nothing(client, db):
    r = client.post("/api/parse", files={"file": ("003.txt", SEED_BYTES, "text/plain")})
    body = r.json()
    assert r.status_code == 200 and len(body["resolutions"]) == 7 and len(body["diagnostics"]) == 54
    assert counts(db)["meetings"] == 0


def test_api_minutes_adds_once(client, db):
    r = client.post("/api/minutes", files={"file": ("003.txt", SEED_BYTES, "text/plain")})
    assert r.status_code == 201 and r.json()["register"]["outcome"] == "added"
    assert len(r.json()["resolutions"]) == 7
    again = client.post("/api/minutes", files={"file": ("copy.txt", SEED_BYTES, "text/plain")})
    assert again.status_code == 200 and again.json()["register"]["outcome"] == "unchanged"
    assert counts(db)["meetings"] == 1
    meetings = client.get("/api/meetings").json()
    assert [(m["date"], m["session"], m["resolutions"]) for m in meetings] == [("1399-11-21", 6, 7)]


def test_api_resolutions_filters(client):
    client.post("/api/minutes", files={"file": ("003.txt", SEED_BYTES)})
    assert len(client.get("/api/resolutions").json()) == 7
    assert [r["row"] for r in client.get("/api/resolutions?overdue=1").json()] == [6]
    assert [r["row"] for r in client.get("/api/resolutions?status=undated").json()] == [2]
    assert len(client.get("/api/resolutions?status=overdue&as_of=1400-01-15").json()) == 6
    actor = client.get("/api/resolutions").json()[0]["units"][0]
    assert client.get("/api/resolutions", params={"actor": actor}).json()
    r = client.get("/api/resolutions?actor=nobody")
    assert r.status_code == 404 and "no actor 'nobody'" in r.json()["error"]


def test_api_patch_status_and_fields(client, db):
    client.post("/api/minutes", files={"file": ("003.txt", SEED_BYTES)})
    rid = rids(client)[3]
    r = client.patch(f"/api/resolutions/{rid}", json={"status": "done", "done_on": "1399-11-25", "note": "ok"})
    assert (r.json()["status"], r.json()["done_on"], r.json()["note"]) == ("done", "1399-11-25", "ok")
    r = client.patch(f"/api/resolutions/{rid}", json={"supervisor": "دبیرخانه", "row": 30})
    assert (r.json()["supervisor"], r.json()["row"]) == ("دبیرخانه", 30)
    with Register(db) as reg:
        assert [c.new for c in reg.history(rid)] == ["done"]


@pytest.mark.parametrize("body, status, message", [
    ({"status": "finished"}, 400, "unknown status 'finished'"),
    ({"colour": "red"}, 400, "unknown fields colour"),
    ({"row": "x"}, 400, "row must be a number"),
    ({"text": ""}, 400, "text cannot be empty"),
    ([], 400, "expected a JSON object"),
])
def test_api_patch_errors_leave_the_register_unchanged(client, db, body, status, message):
    client.post("/api/minutes", files={"file": ("003.txt", SEED_BYTES)})
    rid = rids(client)[3]
    before = client.get("/api/resolutions").json()
    r = client.patch(f"/api/resolutions/{rid}", json=body)
    assert r.status_code == status and message in r.json()["error"] and "\n" not in r.json()["error"]
    assert client.get("/api/resolutions").json() == before


def test_api_patch_unknown_id(client):
    r = client.patch("/api/resolutions/nope-r1", json={"status": "done"})
    assert r.status_code == 404 and r.json() == {"error": "no resolution 'nope-r1' in the register"}


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b" " * (60 * 1024 * 1024) + b"</w:document>")
    return buf.getvalue()


def _xxe() -> bytes:
    import docx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("x")
    d.save(buf)
    src, out = zipfile.ZipFile(io.BytesIO(buf.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                head, _, rest = data.partition(b"?>")
                data = head + b'?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + rest
            zf.writestr(info.filename, data)
    return out.getvalue()


BAD = {"bomb.docx": _zip_bomb, "xxe.docx": _xxe}


@pytest.mark.parametrize("name, data, status, message", [
    ("x.bin", b"\x00\x01\x02" * 100, 400, "x.bin: binary data, not a text document"),
    ("bomb.docx", None, 400, "bomb.docx: "),
    ("xxe.docx", None, 400, "xxe.docx: "),
    ("empty.txt", b"", 400, "empty.txt: empty file"),
])
@pytest.mark.parametrize("endpoint", ["/api/minutes", "/api/parse"])
def test_api_bad_uploads(client, db, endpoint, name, data, status, message):
    r = client.post(endpoint, files={"file": (name, BAD[name]() if data is None else data)})
    assert r.status_code == status and r.json()["error"].startswith(message)
    assert "\n" not in r.json()["error"]
    if name == "bomb.docx":
        assert "zip bomb" in r.json()["error"]
    if name == "xxe.docx":
        assert "DOCTYPE" in r.json()["error"]
    assert counts(db)["meetings"] == 0


def test_api_too_large_and_wrong_content_type(db):
    with TestClient(create_app(db, as_of=AS_OF, max_bytes=1000)) as c:
        r = c.post("/api/minutes", files={"file": ("003.txt", SEED_BYTES)})
        assert r.status_code == 413 and "the limit is 1000" in r.json()["error"]
        r = c.post("/api/minutes", content=SEED_BYTES, headers={"content-type": "text/plain"})
        assert r.status_code == 415 and "multipart/form-data" in r.json()["error"]
        r = c.post("/api/minutes", files={"other": ("a.txt", b"x")})
        assert r.status_code == 400 and r.json()["error"] == "no file in the field «file»"
    assert counts(db)["meetings"] == 0


def test_openapi_lists_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {(p, m) for p, ops in spec["paths"].items() for m in ops} == {
        ("/api/parse", "post"), ("/api/minutes", "post"), ("/api/meetings", "get"),
        ("/api/resolutions", "get"), ("/api/resolutions/{id}", "patch"), ("/api/deadline", "get")}


def test_api_malformed_bodies(client):
    r = client.post("/api/parse", content=b"--x\r\nbad", headers={"content-type": "multipart/form-data; boundary=x"})
    assert r.status_code == 400 and r.json() == {"error": "no file in the field «file»"}
    r = client.patch("/api/resolutions/x-r1", content=b"{bad", headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json() == {"error": "the body is not JSON (expected an object)"}


def test_split_and_merge_make_a_revised_version(client, db):
    key = saved(client)
    ids = rids(client)
    client.patch(f"/api/resolutions/{ids[7]}", json={"status": "done", "done_on": "1399-11-25"})
    text3 = next(r["text"] for r in client.get("/api/resolutions").json() if r["id"] == ids[3])
    cut = text3.index(" و ", len(text3) // 3)
    r = client.post(f"/resolutions/{ids[3]}/split", follow_redirects=False, data={
        "csrf": csrf(client), "parts": text3[:cut] + "\n" + text3[cut + 3:]})
    assert r.status_code == 303 and r.headers["location"] == f"/meetings/{key}"
    rows = {r["row"]: r for r in client.get("/api/resolutions").json()}
    assert sorted(rows) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert (rows[3]["text"], rows[4]["text"]) == (text3[:cut], text3[cut + 3:])
    assert rows[3]["actor"] == rows[4]["actor"]
    assert rows[8]["status"] == "done"  # the old row 7, moved, keeps its status
    r = client.post(f"/resolutions/{rows[3]['id']}/merge", data={"csrf": csrf(client)}, follow_redirects=False)
    assert r.status_code == 303
    rows = {r["row"]: r for r in client.get("/api/resolutions").json()}
    assert sorted(rows) == [1, 2, 3, 4, 5, 6, 7]
    assert rows[3]["text"] == f"{text3[:cut]} {text3[cut + 3:]}" and rows[7]["status"] == "done"
    with Register(db) as reg:
        assert [c.field for c in store.corrections(reg)] == ["split", "merge"]
    r = client.post(f"/resolutions/{rows[7]['id']}/merge", data={"csrf": csrf(client)})
    assert r.status_code == 400 and "has no next one to merge with" in r.text
    r = client.post(f"/resolutions/{rows[1]['id']}/split", data={"csrf": csrf(client), "parts": "one line"})
    assert r.status_code == 400 and "on a line of its own" in r.text


@pytest.mark.parametrize("text, kind, display", [
    ("تا پایان اسفند", "date", "۱۳۹۹/۱۲/۳۰"),  # 1399 is a leap year
    ("ظرف دو هفته", "relative", "۱۳۹۹/۱۲/۰۵"),
    ("۱۴۰۰/۰۲/۱۰", "date", "۱۴۰۰/۰۲/۱۰"),
    ("پس از تصویب بودجه", "condition", ""),
])
def test_api_deadline_reads_as_typed(client, text, kind, display):
    d = client.get("/api/deadline", params={"text": text, "meeting_date": "1399-11-21"}).json()
    assert (d["kind"], d["display"]) == (kind, display)


def test_batch_upload_one_file_at_a_time(client, db):
    token = csrf(client)
    ok = client.post("/upload", data={"csrf": token, "one": "1"}, files={"file": ("003.txt", SEED_BYTES)})
    assert ok.json()["name"] == "003.txt" and ok.json()["resolutions"] == 7
    assert client.get(ok.json()["review"]).status_code == 200
    bad = client.post("/upload", data={"csrf": token, "one": "1"}, files={"file": ("b.bin", b"\x00" * 10)})
    assert bad.status_code == 400 and bad.json()["error"].startswith("b.bin: binary data")
    assert counts(db)["meetings"] == 0


def test_missing_actor_or_deadline_stands_out_after_saving(client):
    text = "صورتجلسه\nمصوبات:\n۱- مقرر شد گزارش عملکرد تهیه شود.\n"
    where = upload(client, ("bare.txt", text.encode(), "text/plain")).headers["location"]
    r = client.post(where + "/save", data={"csrf": csrf(client)}, follow_redirects=False)
    page = client.get(r.headers["location"]).text
    assert page.count('class="missing"') == 1
    review = client.get(review_page(client)[0]).text  # seed 003: each actor links to its line
    assert len(re.findall(r'مسئول اجرا: <a class="f-actor" href="#L\d+">', review)) == 7


def _stored_deadline(db, rid):
    """The register's row (Gregorian ``due``) and the meeting's stored minutes (the contract's
    Deadline) for one resolution."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from minutes.models import Minutes
    from minutes.register.schema import ResolutionRow

    with Register(db) as reg, Session(reg.engine) as s:
        row = s.scalar(select(ResolutionRow).where(ResolutionRow.rid == rid))
        d = Minutes.model_validate_json(row.meeting.minutes_json).resolutions[row.position].deadline
        return row.deadline_text, row.due.isoformat(), d.jalali, d.gregorian


def test_jalali_date_picker_on_the_page_and_without_its_script(client, db):
    saved(client)
    rid = rids(client)[2]
    page = client.get(f"/resolutions/{rid}").text
    picker = re.search(r'<p class="noprint" id="deadline-picker">.*?</p>', page, re.S).group(0)
    months = re.findall(r'<option value="(\d+)">([^<]+)</option>', picker.split('name="pick_month"')[1]
                        .split("</select>")[0])
    assert months[0] == ("1", "فروردین") and months[11] == ("12", "اسفند") and len(months) == 12
    years = re.findall(r'<option value="(\d+)">([۰-۹]+)</option>', picker.split('name="pick_year"')[1])
    assert years[0] == ("1399", "۱۳۹۹") and years[-1] == ("1402", "۱۴۰۲")  # meeting's year + 3
    assert len(re.findall(r'<option value="\d+">', picker.split('name="pick_day"')[1].split("</select>")[0])) == 31
    # The form as sent without the script: the picked day wins over the text.
    r = client.post(f"/resolutions/{rid}/correct", follow_redirects=False, data={
        "csrf": csrf(client), "deadline": "", "pick_year": "1400", "pick_month": "2", "pick_day": "10"})
    assert r.status_code == 303
    assert _stored_deadline(db, rid) == ("۱۴۰۰/۰۲/۱۰", "2021-04-30", "1400-02-10", "2021-04-30")
    row = next(r for r in client.get("/api/resolutions").json() if r["id"] == rid)
    assert (row["deadline"], row["kind"], row["due"]) == ("۱۴۰۰/۰۲/۱۰", "date", "1400-02-10")


@pytest.mark.parametrize("pick, message", [
    ({"pick_year": "1399", "pick_month": "12", "pick_day": "31"},
     "date picker: 1399/12/31 is not a day of the Jalali calendar"),
    ({"pick_year": "1400", "pick_month": "", "pick_day": "5"}, "date picker: choose a year, a month and a day"),
])
def test_date_picker_refuses_a_day_that_is_not_one(client, db, pick, message):
    saved(client)
    rid = rids(client)[2]
    before = client.get("/api/resolutions").json()
    r = client.post(f"/resolutions/{rid}/correct", data={"csrf": csrf(client), **pick})
    assert r.status_code == 400 and message in r.text
    assert client.get("/api/resolutions").json() == before
