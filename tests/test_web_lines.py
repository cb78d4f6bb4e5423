"""Each field's own source line on the review page (minutes/web/lines.py): a table row's cells
on the row's line, a prose item's labels on the lines after it, the header's title, subject,
organization, time and place on theirs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CORPUS, SEED_003
from starlette.testclient import TestClient

from minutes.pipeline import parse_document
from minutes.read.readers import read_bytes
from minutes.web.app import create_app
from minutes.web.lines import field_lines

HOSPITAL = CORPUS / "hospital_committee_label_next_line_1.txt"


def lines_of(path: Path):
    doc = read_bytes(path.read_bytes(), path.name)
    return parse_document(doc), [(ln.number, ln.original) for ln in doc.lines]


@pytest.mark.parametrize("path, row, found", [
    # seed 003's table: every cell on its row's line
    (SEED_003, 0, {"actor": 337, "supervisor": 337, "deadline": 337}),
    (SEED_003, 4, {"actor": 361, "supervisor": 361, "deadline": 361}),
    # labels on lines of their own under the item (item 1 starts on line 15)
    (HOSPITAL, 0, {"actor": 17, "supervisor": None, "deadline": 19}),
    (HOSPITAL, 1, {"actor": 22, "supervisor": 24, "deadline": 26}),
    # «در جلسه بعدی کمیته» is in the item's own sentence; its actor two lines down
    (HOSPITAL, 2, {"actor": 29, "supervisor": None, "deadline": 27}),
])
def test_resolution_fields_on_their_own_lines(path, row, found):
    m, lines = lines_of(path)
    assert field_lines(m, lines).resolutions[row] == found


@pytest.mark.parametrize("path, header, organization", [
    (SEED_003, {"title": 17, "subject": 21, "time": 25, "place": 25}, [5, 7, 9]),
    (HOSPITAL, {"title": 3, "time": 5, "place": 6}, [2]),
])
def test_header_fields_on_their_own_lines(path, header, organization):
    m, lines = lines_of(path)
    at = field_lines(m, lines)
    assert (at.header, at.organization) == (header, organization)


def test_a_ditto_mark_links_to_the_row_that_writes_the_value():
    """«〃» in a row's actor cell takes the row above's value: the link goes to where it is written."""
    m, lines = lines_of(CORPUS / "university_senate_41.docx")
    assert [(r.line, r.actor) for r in m.resolutions[3:5]] == [(27, "معاونت آموزشی"), (28, "معاونت آموزشی")]
    assert "〃" in dict(lines)[28]
    assert field_lines(m, lines).resolutions[4] == {"actor": 27, "supervisor": 28, "deadline": 28}


def test_not_found_falls_back_to_the_resolution_line():
    m, lines = lines_of(HOSPITAL)
    m.resolutions[0].actor = "واحدی که در متن نیست"
    assert field_lines(m, lines).resolutions[0]["actor"] == 15


def test_review_page_links_each_field_to_its_line(tmp_path):
    with TestClient(create_app(str(tmp_path / "r.sqlite"), as_of="1402-08-10")) as c:
        token = re.search(r'name="csrf" value="([^"]+)"', c.get("/").text).group(1)
        r = c.post("/upload", data={"csrf": token}, files={"file": (HOSPITAL.name, HOSPITAL.read_bytes())},
                   follow_redirects=False)
        page = c.get(r.headers["location"]).text
        r = c.post("/upload", data={"csrf": token}, files={"file": ("003.txt", SEED_003.read_bytes())},
                   follow_redirects=False)
        seed = c.get(r.headers["location"]).text
    assert re.findall(r'class="f-actor" href="#L(\d+)"', page) == ["17", "22", "29"]
    assert re.findall(r'class="f-supervisor" href="#L(\d+)"', page) == ["24"]
    assert re.findall(r'class="f-deadline" href="#L(\d+)"', page) == ["19", "26", "27"]
    assert re.findall(r'<div class="res[^"]*" data-line="(\d+)"', page) == ["15", "20", "27"]
    title = re.search(r'<li id="f-title">.*?</li>', seed).group(0)
    assert 'href="#L17"' in title
    org = re.search(r'<li id="f-organization">.*?</li>', seed).group(0)
    assert re.findall(r'href="#L(\d+)"', org) == ["5", "7", "9"]
    assert 'href="#L21"' in re.search(r'<li id="f-subject">.*?</li>', seed).group(0)
