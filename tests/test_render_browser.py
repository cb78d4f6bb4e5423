"""The HTML sheet of seed 003 in a real browser (Debian's headless Chromium).

``make test`` installs Chromium first (``make browser``); in CI (``CI`` set) a missing
browser is a failure, elsewhere the test is skipped with that reason. Set
MINUTES_UPDATE_SCREENSHOT=1 to copy the screenshot to docs/sheet-003.png.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
from sheetdata import ROOT, seed003

import minutes

CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                                reason="chromium not installed (make browser)")
AS_OF = "1399-11-28"

# Writes what the browser computed into the DOM, for --dump-dom to carry out.
PROBE = """<script>
document.addEventListener("DOMContentLoaded", function () {
  var table = document.querySelector("table.resolutions");
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({
    direction: getComputedStyle(document.body).direction,
    tableDirection: getComputedStyle(table).direction,
    rows: table.tBodies[0].rows.length,
    headRepeats: getComputedStyle(table.tHead).display,
    font: getComputedStyle(document.body).fontFamily,
    firstCellRight: table.tBodies[0].rows[0].cells[0].getBoundingClientRect().right
                    > table.tBodies[0].rows[0].cells[1].getBoundingClientRect().right
  });
  document.body.appendChild(out);
});
</script>"""


def chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=90,
                          check=True)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    html = minutes.render(seed003(), "html", as_of=AS_OF)
    (tmp / "sheet.html").write_text(html, encoding="utf-8")
    (tmp / "probe.html").write_text(html.replace("</head>", PROBE + "\n</head>"), encoding="utf-8")
    return tmp


def test_rendered_page_is_rtl_with_seven_rows(page):
    dom = chromium(page, "--dump-dom", (page / "probe.html").as_uri()).stdout
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom)
    assert found, dom[-500:]
    probe = json.loads(found.group(1).replace("&quot;", '"'))
    assert probe["direction"] == "rtl" and probe["tableDirection"] == "rtl"
    assert probe["rows"] == 7
    assert probe["headRepeats"] == "table-header-group"
    assert probe["font"].startswith("Vazirmatn")
    assert probe["firstCellRight"] is True  # ردیف is the rightmost column


def test_screenshot(page):
    shot = page / "sheet-003.png"
    chromium(page, f"--screenshot={shot}", "--window-size=1400,1000", "--hide-scrollbars",
             (page / "sheet.html").as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    if os.environ.get("MINUTES_UPDATE_SCREENSHOT"):
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(shot, ROOT / "docs" / "sheet-003.png")
