"""Readers: format picked by content; encodings detected; DOCX and HTML emitted as lines; unsafe input refused."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.oxml import OxmlElement

import minutes
from minutes.read import word
from minutes.errors import InputError
from minutes.read.readers import html_lines, read_any, read_bytes

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
TEXT = "شماره: ۱۲\nصورتجلسه دهمین جلسه شورای اسلامی شهر\nمصوبات:\n۱- مقرر گردید شهرداری اقدام نماید.\n"


def _lines(doc):
    return [line.original for line in doc.lines]


# --- encodings -------------------------------------------------------------------------------

@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    (TEXT.replace("ی", "ي").replace("۱", "1").replace("۲", "2").encode("cp1256"), "cp1256"),
], ids=["utf8", "utf8-bom", "utf16", "utf16-le", "utf16-be", "cp1256"])
def test_encodings_detected(tmp_path, data, encoding):
    path = tmp_path / "m.txt"
    path.write_bytes(data)
    doc = read_any(path)
    assert doc.source.encoding == encoding
    assert doc.source.format == "text"
    assert "صورتجلسه" in doc.lines[1].original


def test_corpus_cp1256_and_utf16_files():
    cp = read_any(CORPUS / "legacy_council_23.cp1256.txt")
    assert cp.source.encoding == "cp1256"
    assert any("بندر انزلي" in line for line in _lines(cp))
    u16 = read_any(CORPUS / "education_planning.utf16.txt")
    assert u16.source.encoding == "utf-16"
    assert _lines(u16)[0] == "جمهوری اسلامی ایران"


def test_undecodable_bytes_name_the_file(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("café naïve déjà vu ".encode("latin-1") * 50)  # not UTF-8; as cp1256 not Persian
    with pytest.raises(InputError) as err:
        read_any(path)
    assert "broken.txt" in str(err.value)


def test_binary_and_legacy_formats_refused(tmp_path):
    for name, data in (("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64),
                       ("a.pdf", b"%PDF-1.7\n..."), ("a.bin", b"\0\1\2" * 100)):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(InputError) as err:
            read_any(tmp_path / name)
        assert name in str(err.value)


def test_markdown_by_extension_html_by_content(tmp_path):
    (tmp_path / "m.md").write_text(TEXT, encoding="utf-8")
    assert read_any(tmp_path / "m.md").source.format == "markdown"
    (tmp_path / "page.txt").write_text("<!DOCTYPE html><html><body><p>سلام</p></body></html>", encoding="utf-8")
    doc = read_any(tmp_path / "page.txt")
    assert doc.source.format == "html" and _lines(doc) == ["سلام"]


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError):
        read_any(tmp_path / "nope.docx")
    with pytest.raises(InputError):
        read_any(tmp_path)


# --- DOCX ------------------------------------------------------------------------------------

def _docx_bytes(build) -> bytes:
    doc = WordDocument()
    build(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_docx_order_headings_bold_lists_header_footer():
    def build(doc):
        doc.sections[0].header.paragraphs[0].text = "شهرداری نمونه"
        doc.sections[0].footer.paragraphs[0].text = "نشانی: خیابان اول"
        doc.add_heading("صورتجلسه", level=2)
        doc.add_paragraph("بند پیش از جدول")
        table = doc.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "ردیف", "شرح مصوبه"
        table.cell(1, 0).text, table.cell(1, 1).text = "۱", "متن"
        doc.add_paragraph().add_run("مصوبات:").bold = True
        doc.add_paragraph("اول", style="List Number")
        doc.add_paragraph("دوم", style="List Number")
        doc.add_paragraph("پایان")

    doc = read_bytes(_docx_bytes(build), "x.docx")
    assert doc.source.format == "docx"
    assert _lines(doc) == ["شهرداری نمونه", "نشانی: خیابان اول", "## صورتجلسه", "بند پیش از جدول",
                           "ردیف\tشرح مصوبه", "۱\tمتن", "**مصوبات:**", "1- اول", "2- دوم", "پایان"]
    assert [line.number for line in doc.lines] == list(range(1, 11))


def test_docx_merged_cells_and_rtl_table():
    def build(doc):
        table = doc.add_table(rows=4, cols=3)
        table._tbl.tblPr.append(OxmlElement("w:bidiVisual"))
        for c, text in enumerate(("ردیف", "شرح", "مسئول اجرا")):
            table.cell(0, c).text = text
        table.cell(1, 0).merge(table.cell(1, 2)).text = "عنوان بخش"
        table.cell(2, 0).text, table.cell(2, 1).text = "۱", "الف"
        table.cell(3, 0).text, table.cell(3, 1).text = "۲", "ب"
        table.cell(2, 2).merge(table.cell(3, 2)).text = "شهرداری"

    assert _lines(read_bytes(_docx_bytes(build), "t.docx")) == [
        "ردیف\tشرح\tمسئول اجرا",  # logical order kept for a right-to-left table
        "عنوان بخش",  # horizontally merged: once
        "۱\tالف\tشهرداری",
        "۲\tب\t\u3003",  # vertically merged: «as above», not duplicated
    ]


def test_corpus_docx_files():
    lines = _lines(read_any(CORPUS / "university_senate_41.docx"))
    assert lines[0] == "دانشگاه فردوسی مشهد"
    assert "# صورتجلسه چهل و یکمین جلسه شورای دانشگاه" in lines
    assert "مصوبات بخش آموزشی" in lines
    assert any(line.startswith("۲\t") and "\t\u3003\t" in line for line in lines)  # a merged cell: «as above»
    assert "نام و نام خانوادگی\tسمت\tامضاء" in _lines(read_any(CORPUS / "company_board_58.docx"))


def test_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("just text", encoding="utf-8")
    with pytest.raises(InputError, match="zip"):
        read_any(path)


def test_zip_without_word_document(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "x")
    with pytest.raises(InputError, match="not a Word document"):
        read_bytes(buf.getvalue(), "a.zip")


def _repack(data: bytes, replace: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        for info in src.infolist():
            zf.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, blob in replace.items():
            if name not in src.namelist():
                zf.writestr(name, blob)
    return out.getvalue()


def test_zip_bomb_refused():
    base = _docx_bytes(lambda d: d.add_paragraph("x"))
    bomb = _repack(base, {"word/media/zeros.bin": b"\0" * (4 * 1024 * 1024)})
    with pytest.raises(InputError, match="zip bomb"):
        read_bytes(bomb, "bomb.docx")


def test_total_size_cap(monkeypatch):
    base = _docx_bytes(lambda d: d.add_paragraph("x"))
    monkeypatch.setattr(word, "MAX_UNZIPPED", 1000)
    with pytest.raises(InputError, match="zip bomb"):
        read_bytes(base, "big.docx")


@pytest.mark.parametrize("dtd", [
    b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE lol [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
])
def test_xxe_and_entity_expansion_refused(dtd):
    base = _docx_bytes(lambda d: d.add_paragraph("x"))
    xml = zipfile.ZipFile(io.BytesIO(base)).read("word/document.xml")
    head, _, rest = xml.partition(b"?>")
    evil = _repack(base, {"word/document.xml": head + b"?>" + dtd + rest})
    with pytest.raises(InputError, match="DOCTYPE"):
        read_bytes(evil, "evil.docx")


# --- HTML ------------------------------------------------------------------------------------

def test_html_drops_scripts_nav_and_furniture():
    page = """<!DOCTYPE html><html><head><title>t</title><script>alert(1)</script>
    <style>p{}</style></head><body><header><nav><a>خانه</a></nav></header>
    <div class="breadcrumb">خانه › اخبار</div>
    <main><article><header><h1>صورتجلسه</h1></header>
    <p>متن <b>پررنگ</b> عادی</p><p><strong>مصوبات:</strong></p>
    <ol><li>یک</li><li>دو</li></ol><ul><li>فهرست</li></ul>
    <table><tr><th>ردیف</th><th colspan="2">شرح</th></tr>
    <tr><td rowspan="2">۱</td><td>الف<br>ب</td><td>ج</td></tr></table>
    <form><input value="x">نظر</form></article><aside>کناری</aside></main>
    <footer>حقوق محفوظ</footer><script>track()</script></body></html>"""
    assert html_lines(page) == ["# صورتجلسه", "متن پررنگ عادی", "**مصوبات:**", "1- یک", "2- دو",
                                "- فهرست", "ردیف\tشرح", "۱\tالف ب\tج"]


def test_corpus_html_pages():
    doc = read_any(CORPUS / "council_web_15.html")
    lines = _lines(doc)
    assert doc.source.format == "html"
    assert lines[0] == "# صورتجلسه پانزدهمین جلسه شورای اسلامی شهر سبزوار"
    assert not any("صفحه اصلی" in line or "dataLayer" in line or "نظرات" in line or "حقوق" in line
                   for line in lines)
    assert "ردیف\tشرح مصوبه\tمسئول اجرا\tمسئول پیگیری\tمهلت" in lines
    news = _lines(read_any(CORPUS / "university_news_board.html"))
    assert "**تصمیمات متخذه:**" in news and not any("_paq" in line or "اشتراک" in line for line in news)


@pytest.mark.parametrize("section, kept", [
    ("<![§ظ…غŒ (ظ†ط§]>", "<![§ظ…غŒ (ظ†ط§]>"),  # found by fuzzing: html.parser raised AssertionError
    ("<![foo[ مصوبه ]]>", "<![foo[ مصوبه ]]>"),  # an unknown keyword: the same AssertionError
    ("<![if !supportLists]>۱-<![endif]>", "۱-"),  # Word's conditional sections still read as markup
])
def test_html_marked_sections_read_or_kept_as_text(section, kept):
    page = f"<html><body><p>پیش {section} پس</p></body></html>"
    assert html_lines(page) == [f"پیش {kept} پس"]
    doc = read_bytes(page.encode("utf-8"), "page.html")
    assert kept in doc.lines[0].original


def test_docx_vertically_merged_actor_is_each_rows_actor():
    """«مسئول اجرا» merged over two rows: both resolutions have it (and each gets its letter)."""
    def build(doc):
        doc.add_paragraph("صورتجلسه")
        table = doc.add_table(rows=3, cols=3)
        for c, text in enumerate(("ردیف", "شرح مصوبه", "مسئول اجرا")):
            table.cell(0, c).text = text
        table.cell(1, 0).text, table.cell(1, 1).text = "۱", "لایروبی انهار شمالی"
        table.cell(2, 0).text, table.cell(2, 1).text = "۲", "نصب تابلوهای ورودی روستا"
        table.cell(1, 2).merge(table.cell(2, 2)).text = "دهیاری"

    m = minutes.parse_bytes(_docx_bytes(build), "merged.docx")
    assert [(r.row, r.text, r.actor) for r in m.resolutions] == [
        (1, "لایروبی انهار شمالی", "دهیاری"), (2, "نصب تابلوهای ورودی روستا", "دهیاری")]
