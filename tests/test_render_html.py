"""HTML sheet: read back with html.parser, checked against seed 003."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from sheetdata import DUE, fixture003, seed003

from minutes import render
from minutes.text.normalize import to_persian_digits

AS_OF = "1399-11-28"


class Sheet(HTMLParser):
    """Collects <html> attributes, headings, and the cells of each table by class."""

    def __init__(self, html: str):
        super().__init__()
        self.html_attrs: dict[str, str] = {}
        self.tables: list[dict] = []  # {"class", "head": [..], "rows": [[{"class", "text"}]]}
        self.h2: list[str] = []
        self.scripts = 0
        self._cell = None
        self._in_h2 = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        elif tag == "script":
            self.scripts += 1
        elif tag == "table":
            self.tables.append({"class": a.get("class", ""), "head": [], "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell = {"tag": tag, "class": a.get("class", ""), "text": ""}
        elif tag == "span" and self._cell is not None:
            self._cell.setdefault("spans", []).append(a.get("class", ""))
        elif tag == "h2":
            self._in_h2 = True
            self.h2.append("")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._cell["text"] = " ".join(self._cell["text"].split())
            self.tables[-1]["rows"][-1].append(self._cell)
            self._cell = None
        elif tag == "h2":
            self._in_h2 = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data
        if self._in_h2:
            self.h2[-1] += data

    def body_rows(self, cls="resolutions"):
        out = []
        for t in self.tables:
            if cls in t["class"].split():
                out += [{c["class"]: c for c in r} for r in t["rows"] if r and r[0]["tag"] == "td"]
        return out


@pytest.fixture(scope="module")
def seed():
    return seed003()


@pytest.fixture(scope="module")
def page(seed):
    return render(seed, "html", as_of=AS_OF)


def test_seed_sheet_has_the_seven_resolutions(seed, page):
    sheet = Sheet(page)
    rows = sheet.body_rows()
    assert len(rows) == 7
    for res, row in zip(seed.resolutions, rows):
        assert row["num"]["text"] == to_persian_digits(str(res.row))
        assert row["actor"]["text"] == " ".join(res.actor.split())
        assert row["supervisor"]["text"] == " ".join(res.supervisor.split())
        assert " ".join(res.deadline.text.split()) in row["deadline"]["text"]
        due = DUE[res.row]
        if due:  # Jalali date for display, in Persian digits
            assert to_persian_digits(due.replace("-", "/")) in row["deadline"]["text"]
        assert row["id"]["text"] == res.id


def test_page_is_rtl_persian_and_print_ready(page):
    sheet = Sheet(page)
    assert sheet.html_attrs == {"dir": "rtl", "lang": "fa"}
    assert "font-family: Vazirmatn, Tahoma, sans-serif" in page
    assert "size: A4 landscape" in page
    assert "thead { display: table-header-group; }" in page  # headers repeat on each page
    head = [c["text"] for c in sheet.tables[0]["rows"][0]]
    assert head[:6] == ["ردیف", "شرح مصوبه", "اقدام کننده", "مسئول نظارت", "مهلت", "وضعیت"]


def test_meeting_header(seed, page):
    assert all(line in page for line in seed.header.organization)
    assert "جلسه شماره ۶" in page and "۱۳۹۹/۱۱/۲۱" in page
    assert seed.header.meeting.place in page
    assert "1399" not in page.replace(seed.resolutions[0].id.split("-s")[0], "")  # no ASCII dates shown


def test_status_badges_and_summary(seed, page):
    sheet = Sheet(page)
    rows = sheet.body_rows()
    badges = [row["status"]["spans"][0] for row in rows]
    assert badges == ["badge status-due_soon", "badge status-undated", "badge status-open",
                      "badge status-open", "badge status-open", "badge status-overdue",
                      "badge status-open"]
    assert "۲ روز گذشته" in rows[5]["status"]["text"] and "مشروط" in rows[1]["status"]["text"]
    counts = [t for t in sheet.tables if "counts" in t["class"]][0]
    assert [c["text"] for c in counts["rows"][1]] == ["۰", "۰", "۱", "۱", "۴", "۱", "۷"]  # done, cancelled, …
    actors = sheet.body_rows("actors")
    assert len(actors) == len({r.actor for r in seed.resolutions})


def test_status_file_shown(seed, tmp_path):
    status = tmp_path / "s.csv"
    status.write_text(f"id,status,done_on,note\n{seed.resolutions[5].id},done,1399-11-26,ارسال شد\n"
                      f"{seed.resolutions[3].id},blocked,,\n", encoding="utf-8")
    rows = Sheet(render(seed, "html", as_of=AS_OF, statuses=str(status))).body_rows()
    assert rows[5]["status"]["spans"][0] == "badge status-done"
    assert "ارسال شد" in rows[5]["status"]["text"] and "۱۳۹۹/۱۱/۲۶" in rows[5]["status"]["text"]
    assert "متوقف" in rows[3]["status"]["text"]


def test_by_actor_groups(seed):
    sheet = Sheet(render(seed, "html", as_of=AS_OF, by="actor"))
    actors = list(dict.fromkeys(r.actor for r in seed.resolutions))
    assert [h.split(": ", 1)[1] for h in sheet.h2 if h.startswith("اقدام کننده")] == \
        [" ".join(a.split()) for a in actors]
    assert len([t for t in sheet.tables if "resolutions" in t["class"]]) == len(actors)
    assert len(sheet.body_rows()) == 7


def test_script_injection_is_shown_as_text():
    m = fixture003()
    m.resolutions[0].text = "<script>alert('x')</script> & <b>bold</b>"
    m.resolutions[0].actor = '"><img src=x onerror=alert(1)>'
    page = render(m, "html", as_of=AS_OF)
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;" in page
    sheet = Sheet(page)
    assert sheet.scripts == 0
    assert sheet.body_rows()[0]["actor"]["text"] == '"><img src=x onerror=alert(1)>'


def test_several_meetings_combined_and_sorted():
    a, b = fixture003(), fixture003()
    b.header.session_number = 7
    b.header.meeting.date.jalali = "1399-12-05"
    for r in b.resolutions:
        r.id = r.id.replace("-s6-", "-s7-")
        if r.deadline.jalali:
            r.deadline.jalali = "1399-12-10"
    rows = Sheet(render([a, b], "html", as_of=AS_OF)).body_rows()
    assert len(rows) == 14
    refs = [r["text"]["text"] for r in rows]
    assert all("جلسه: صورتجلسه — جلسه شماره" in t for t in refs)
    assert "جلسه شماره ۷ — ۱۳۹۹/۱۲/۰۵" in refs[2]  # 1399-11-26, 11-30, then s7's 12-10
    assert rows[-1]["status"]["spans"][0] == "badge status-undated"


def test_templates_override_by_name(seed, tmp_path):
    (tmp_path / "sheet.html.j2").write_text("<p>{{ rows|length }} / {{ meetings[0].title }}</p>\n",
                                            encoding="utf-8")
    assert render(seed, "html", as_of=AS_OF, templates=tmp_path) == f"<p>7 / {seed.header.title}</p>\n"
    assert render(seed, "md", as_of=AS_OF, templates=tmp_path).startswith("# ")  # others unchanged


def test_unknown_format_and_grouping():
    with pytest.raises(ValueError, match="unknown format"):
        render(fixture003(), "pdf")
    with pytest.raises(ValueError, match="grouping"):
        render(fixture003(), "html", by="supervisor")
