"""A Word document's styles are read once: ``StyleIndex`` answers what python-docx's
``paragraph.style`` / ``run.style`` answer (the first style with the id and type, else the
type's default), and the reader (``minutes.read.word``, plain lxml) gives the lines python-docx's
object model gives for the same document."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from conftest import CORPUS
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from minutes.errors import InputError
from minutes.read.readers import docx_lines
from minutes.read.word_styles import StyleIndex, _style_tags


def _odd_styles_document() -> bytes:
    """Paragraphs and runs naming: a paragraph style, a character style, a style of the other
    type, an id that does not exist, an empty id, nothing; two styles sharing an id; a style
    without a type; a bold paragraph style and a bold character style."""
    d = docx.Document()
    bold_par = d.styles.add_style("Bold Par", WD_STYLE_TYPE.PARAGRAPH)
    bold_par.font.bold = True
    bold_char = d.styles.add_style("Bold Char", WD_STYLE_TYPE.CHARACTER)
    bold_char.font.bold = True
    twin = d.styles.add_style("Twin", WD_STYLE_TYPE.CHARACTER)  # the same id as a later paragraph style
    twin.element.set(qn("w:styleId"), "Shared")
    later = d.styles.add_style("Later", WD_STYLE_TYPE.PARAGRAPH)
    later.element.set(qn("w:styleId"), "Shared")
    untyped = d.styles.add_style("Untyped", WD_STYLE_TYPE.PARAGRAPH)
    del untyped.element.attrib[qn("w:type")]
    for style_id in ("BoldPar", "BoldChar", "Heading1", "Missing", "", None, "Shared", "Untyped"):
        p = d.add_paragraph()
        r = p.add_run(f"متن {style_id}")
        if style_id is not None:
            p._p.get_or_add_pPr().style = style_id or None
            if style_id == "":
                p._p.pPr.get_or_add_pStyle().set(qn("w:val"), "")
            rpr = r._r.get_or_add_rPr()
            el = OxmlElement("w:rStyle")
            el.set(qn("w:val"), style_id)
            rpr.insert(0, el)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _name(style):
    """(name, type) as python-docx names a style: its element's name and type attributes."""
    if style is None:
        return None
    el = getattr(style, "element", style)
    name = el.find(qn("w:name"))
    return (name.get(qn("w:val")) if name is not None else None, el.get(qn("w:type")))


@pytest.mark.parametrize("source", ["university_senate_41.docx", "company_board_58.docx", "odd styles"])
def test_same_styles_as_python_docx(source):
    data = _odd_styles_document() if source == "odd styles" else (CORPUS / source).read_bytes()
    document = docx.Document(io.BytesIO(data))
    index = StyleIndex(document.styles.element)
    pars = list(document.paragraphs) + [p for t in document.tables for row in t.rows for c in row.cells
                                        for p in c.paragraphs]
    assert len(pars) > 5
    assert [_name(index.paragraph(p._p)) for p in pars] == [_name(p.style) for p in pars]
    assert [index.name(index.paragraph(p._p)).lower() for p in pars] == \
        [(p.style.name or "").lower() if p.style is not None else "" for p in pars]
    runs = [r for p in pars for r in p.runs]
    assert [_name(index.run(r._r)) for r in runs] == [_name(r.style) for r in runs]
    assert [index.bold(index.run(r._r)) for r in runs] == [bool(r.style is not None and r.style.font.bold) for r in runs]


def _styles_part(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("word/styles.xml")


_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def _answers(index: StyleIndex, document) -> list:
    pars = list(document.paragraphs) + [p for t in document.tables for row in t.rows for c in row.cells
                                        for p in c.paragraphs]
    styles = [index.paragraph(p._p) for p in pars]
    runs = [index.run(r._r) for p in pars for r in p.runs]
    return ([_name(s) for s in styles] + [_name(r) for r in runs] + [index.bold(r) for r in runs]
            + [index.numbering(s) for s in styles])


def _first_style(b: bytes, edit) -> bytes:
    """``b`` with its first ``w:style`` element (the default paragraph style, «Normal») edited."""
    start = b.index(b"<w:style ")
    end = b.index(b"</w:style>", start) + len(b"</w:style>")
    return b[:start] + edit(b[start:end]) + b[end:]


_W_URI = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# A styles part of python-docx's template is read by the styles asked for (164 styles, a handful
# used); one whose «<w:style» tags may not be the root's styles is parsed whole: a comment, an
# entity, a style inside a style or inside another element, an empty style element, another
# prefix for WordprocessingML. Either way the answers are those of the part parsed whole.
@pytest.mark.parametrize("edit, cut", [
    (lambda b: b, True),
    (lambda b: b.replace(b"<w:docDefaults>", b"<!-- x --><w:docDefaults>", 1), False),
    (lambda b: b.replace(b'w:val="Normal"', b'w:val="Nor&amp;mal"', 1), False),
    (lambda b: b.replace(b"<w:docDefaults>", b'<w:docDefaults xmlns:w="urn:other">', 1), True),
    (lambda b: b"\xef\xbb\xbf" + b, True),
    # read as XML reads a tag: a «>» in a value, other quotes, spaces around «=», a tab read as a space
    (lambda b: b.replace(b'w:styleId="Normal"', b'w:styleId="Nor>mal"', 1), True),
    (lambda b: b.replace(b'w:styleId="Normal"', b"w:styleId = 'Normal'", 1), True),
    (lambda b: b.replace(b'w:default="1"', b"w:default='true'"), True),
    (lambda b: b.replace(b'w:styleId="Heading1"', b'w:styleId="Heading\t1"', 1), True),
    # a style that binds «w» anew is none of WordprocessingML's: the next «Normal» answers
    (lambda b: _first_style(b, lambda s: s.replace(b'<w:style ', b'<w:style xmlns:w="urn:other" ', 1)
                            + s), True),
    (lambda b: _first_style(b, lambda s: s[:-len(b"</w:style>")] + b'<w:style w:styleId="In"/></w:style>'), False),
    (lambda b: _first_style(b, lambda s: s.replace(b"<w:style ", b'<w:style w:styleId="Empty"/><w:style ', 1)), False),
    (lambda b: _first_style(b, lambda s: s + b"<w:group>" + s.replace(b"Normal", b"Grouped") + b"</w:group>"), False),
    (lambda b: _first_style(b, lambda s: s.replace(b"<w:style ", b'<o:style xmlns:o="%s" w:styleId="Heading1" '
                                                   b'w:type="paragraph"></o:style><w:style ' % _W_URI, 1)), False),
])
@pytest.mark.parametrize("source", ["university_senate_41.docx", "company_board_58.docx", "odd styles"])
def test_styles_read_by_the_styles_asked_for_answer_as_parsed_whole(source, edit, cut):
    data = _odd_styles_document() if source == "odd styles" else (CORPUS / source).read_bytes()
    document = docx.Document(io.BytesIO(data))
    blob = edit(_styles_part(data))
    assert (_style_tags(blob) is not None) == cut
    whole = StyleIndex(etree.fromstring(blob, _PARSER))
    by_style = StyleIndex(blob, parse=lambda b: etree.fromstring(b, _PARSER))
    assert _answers(by_style, document) == _answers(whole, document)
    assert any(name for name, _ in (_name(by_style.paragraph(p._p)) for p in document.paragraphs))


def test_a_style_cut_short_is_one_clear_line():
    blob = _styles_part(_odd_styles_document())
    at = blob.index(b"</w:style>", blob.index(b'w:styleId="BoldPar"'))
    broken = blob[:at] + b"<w:rPr>" + blob[at:]  # the style's element is not well formed

    def parse(b: bytes):
        try:
            return etree.fromstring(b, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise InputError(f"malformed Word document: {exc}") from None

    index = StyleIndex(broken, parse=parse)
    paragraph = docx.Document(io.BytesIO(_odd_styles_document())).paragraphs[0]._p
    with pytest.raises(InputError, match="malformed Word document"):
        index.paragraph(paragraph)


def _python_docx_lines(data: bytes) -> list[str]:
    """What the reader gives, through python-docx's object model (the reader before it read
    the XML itself): the reference the lxml reader is held to."""
    from minutes.read.word import _table_rows
    from minutes.read.word import _text_of as text_of  # the text of an element: tests of its own below

    document = docx.Document(io.BytesIO(data))

    def container(c) -> list[str]:
        out, n = [], 0
        for block in c.iter_inner_content():
            if isinstance(block, docx.table.Table):
                n = 0
                out += _table_rows(block._tbl)
                continue
            for box in block._p.xpath(".//w:txbxContent[not(ancestor::mc:Fallback)]"):
                out += [t for t in (text_of(q) for q in box.iter(qn("w:p"))) if t]
            text = text_of(block._p)
            if not text:
                continue
            style = (block.style.name or "").lower() if block.style is not None else ""
            heading = {"title": 1, **{f"heading {k}": k for k in range(1, 7)}}.get(style, 0)
            runs = [r for r in block.runs if r.text.strip()]
            bold = bool(runs) and all(r.bold if r.bold is not None else bool(
                (r.style is not None and r.style.font.bold) or (block.style is not None and block.style.font.bold))
                for r in runs)
            if heading:
                out.append("#" * heading + " " + text)
            elif "list number" in style:
                n += 1
                out.append(f"{n}- {text}")
            elif "list" in style or block._p.pPr is not None and block._p.pPr.numPr is not None:
                out.append("- " + text)
            else:
                out.append(f"**{text}**" if bold else text)
            if "list number" not in style:
                n = 0
        return out

    furniture: list[str] = []
    for part in ("header", "footer"):
        for k, section in enumerate(document.sections):
            hf = getattr(section, part)
            if hf.is_linked_to_previous and k:
                continue
            furniture += [ln for ln in container(hf) if ln not in furniture]
    return furniture + container(document)


def _letterhead_document() -> bytes:
    """Two sections with their own header and footer (a table in the first header), a heading,
    a title, numbered and bulleted list paragraphs, a text box, a bold run and a bold style."""
    d = docx.Document()
    header = d.sections[0].header
    header.paragraphs[0].text = "شورای اسلامی شهر نمونه"
    table = header.add_table(rows=1, cols=2, width=docx.shared.Inches(6))
    table.cell(0, 0).text, table.cell(0, 1).text = "شماره: ۱۲/الف", "تاریخ: ۱۴۰۲/۰۳/۰۱"
    d.sections[0].footer.paragraphs[0].text = "نشانی: خیابان اول"
    d.add_paragraph("صورتجلسه", style="Title")
    d.add_heading("دستور جلسه", level=2)
    for text in ("بررسی بودجه", "گزارش کمیسیون"):
        d.add_paragraph(text, style="List Number")
    d.add_paragraph("بند بدون شماره", style="List Bullet")
    p = d.add_paragraph()
    p.add_run("مصوبات").bold = True
    d.add_paragraph("متن عادی جلسه")
    second = d.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "پیوست صورتجلسه"
    d.add_paragraph("بخش دوم")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


@pytest.mark.parametrize("source", ["university_senate_41.docx", "company_board_58.docx", "odd styles", "letterhead"])
def test_lines_as_python_docx_gives_them(source):
    data = {"odd styles": _odd_styles_document, "letterhead": _letterhead_document}.get(
        source, lambda: (CORPUS / source).read_bytes())()
    lines = docx_lines(data)
    assert len(lines) > 5
    assert lines == _python_docx_lines(data)


def test_letterhead_document_lines():
    assert docx_lines(_letterhead_document()) == [
        "شورای اسلامی شهر نمونه", "شماره: ۱۲/الف\tتاریخ: ۱۴۰۲/۰۳/۰۱", "پیوست صورتجلسه", "نشانی: خیابان اول",
        "# صورتجلسه", "## دستور جلسه", "1- بررسی بودجه", "2- گزارش کمیسیون", "- بند بدون شماره",
        "**مصوبات**", "متن عادی جلسه", "بخش دوم"]


@pytest.mark.parametrize("edit, says", [
    (lambda p: p._p.get_or_add_pPr().get_or_add_pStyle(), "w:pStyle without a w:val"),
    (lambda p: p.runs[0]._r.get_or_add_rPr().append(_element("w:b", {"w:val": "maybe"})), "b has the value 'maybe'"),
])
def test_malformed_style_values_are_one_clear_line(edit, says):
    d = docx.Document()
    edit(d.add_paragraph("متن"))
    out = io.BytesIO()
    d.save(out)
    with pytest.raises(InputError, match=says):
        docx_lines(out.getvalue(), "bad.docx")


def _element(tag: str, attrs: dict):
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(k), v)
    return el


def test_bold_from_styles_read_as_bold_lines():
    lines = docx_lines(_odd_styles_document())
    assert "**متن BoldPar**" in lines and "**متن BoldChar**" in lines
    assert "متن Missing" in lines


@pytest.mark.parametrize("source", ["university_senate_41.docx", "company_board_58.docx", "odd styles"])
def test_run_text_test_agrees_with_python_docx(source):
    from minutes.read.word import _run_parts

    data = _odd_styles_document() if source == "odd styles" else (CORPUS / source).read_bytes()
    document = docx.Document(io.BytesIO(data))
    runs = [r for p in document.paragraphs for r in p.runs]
    p = document.add_paragraph()
    for kind in ("w:tab", "w:br", "w:noBreakHyphen", "w:t"):  # a run of each part alone, and a blank w:t
        r = p.add_run()
        r._r.append(OxmlElement(kind))
        runs.append(r)
    assert [_run_parts(r._r)[1] for r in runs] == [bool(r.text.strip()) for r in runs]
    assert [_run_parts(r._r)[0] for r in runs] == [r._r.rPr for r in runs]
    assert sum(map(bool, (r.text.strip() for r in runs))) > 3


def _wrap(el, tag: str):
    """Put ``el`` inside a ``w:sdt``'s content (a content control) or a ``w:customXml``, where it stood."""
    wrapper = OxmlElement(tag)
    el.addprevious(wrapper)
    if tag == "w:sdt":
        content = OxmlElement("w:sdtContent")
        wrapper.append(content)
        content.append(el)
    else:
        wrapper.append(el)


def test_content_controls_and_custom_xml_are_read_where_they_stand():
    """A form's fields are often content controls: a paragraph, a table row or a cell inside
    ``w:sdt``, or a paragraph inside ``w:customXml``. python-docx walks past them; nothing in them
    may be lost."""
    d = docx.Document()
    d.add_paragraph("صورتجلسه کمیته رفاه")
    _wrap(d.add_paragraph("تاریخ جلسه: ۱۴۰۳/۰۲/۰۹")._p, "w:sdt")
    _wrap(d.add_paragraph("مکان: سالن اجتماعات")._p, "w:customXml")
    table = d.add_table(rows=3, cols=2)
    for i, (a, b) in enumerate([("ردیف", "شرح مصوبه"), ("۱", "خرید دو دستگاه سرمایش"), ("۲", "تعمیر نمازخانه")]):
        table.cell(i, 0).text, table.cell(i, 1).text = a, b
    second, third = table.rows[1]._tr, table.rows[2]._tr
    _wrap(second, "w:sdt")
    _wrap(third.tc_lst[1], "w:sdt")
    d.add_paragraph("پایان جلسه")
    out = io.BytesIO()
    d.save(out)
    assert docx_lines(out.getvalue()) == [
        "صورتجلسه کمیته رفاه", "تاریخ جلسه: ۱۴۰۳/۰۲/۰۹", "مکان: سالن اجتماعات",
        "ردیف\tشرح مصوبه", "۱\tخرید دو دستگاه سرمایش", "۲\tتعمیر نمازخانه", "پایان جلسه"]


_BOX_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"')


def _boxed_paragraph(box_text: str, own_text: str):
    """A paragraph anchoring a text box as Word 2010+ writes it: the box in ``mc:Choice`` (a
    drawing) and again in ``mc:Fallback`` (VML, for old versions), then the paragraph's own run."""
    from lxml import etree

    box = f"<w:txbxContent><w:p><w:r><w:t>{box_text}</w:t></w:r></w:p></w:txbxContent>"
    return etree.fromstring(
        f'<w:p {_BOX_NS}><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
        f"<a:graphicData><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
        f"</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
        f"</mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>{own_text}</w:t></w:r></w:p>")


def test_a_text_box_is_its_own_line_once():
    """The letterhead's «شماره: …» in a text box: one line of its own, read from the box Word
    shows (not again from the fallback copy), and not in the anchoring paragraph's text; in a
    table cell, after it."""
    d = docx.Document()
    d.add_paragraph("بسمه تعالی")
    d.element.body.insert(1, _boxed_paragraph("شماره: ۱۲/۳۴", "صورتجلسه کمیته فنی"))
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "۱"
    cell = table.cell(0, 1)._tc
    cell.remove(cell.p_lst[0])
    cell.append(_boxed_paragraph("پیوست", "تعمیر پل روستا"))
    out = io.BytesIO()
    d.save(out)
    assert docx_lines(out.getvalue()) == ["بسمه تعالی", "شماره: ۱۲/۳۴", "صورتجلسه کمیته فنی", "۱\tتعمیر پل روستا پیوست"]


def test_first_page_and_even_page_headers_are_read():
    """An official letterhead («شماره / تاریخ / پیوست») often sits in the first page's own
    header, and even pages may have theirs: each is read once, in page order, first page first."""
    d = docx.Document()
    section = d.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "شماره: ۷۳۱/ص تاریخ: ۱۴۰۳/۰۱/۱۵ پیوست: ندارد"
    section.header.paragraphs[0].text = "ادامه صورتجلسه شورای فرهنگی"
    d.settings.odd_and_even_pages_header_footer = True
    section.even_page_header.paragraphs[0].text = "شورای فرهنگی شهرستان"
    section.first_page_footer.paragraphs[0].text = "نشانی: میدان امام، ساختمان فرمانداری"
    d.add_paragraph("صورتجلسه")
    out = io.BytesIO()
    d.save(out)
    assert docx_lines(out.getvalue()) == [
        "شماره: ۷۳۱/ص تاریخ: ۱۴۰۳/۰۱/۱۵ پیوست: ندارد", "ادامه صورتجلسه شورای فرهنگی", "شورای فرهنگی شهرستان",
        "نشانی: میدان امام، ساختمان فرمانداری", "صورتجلسه"]


@pytest.mark.parametrize("runs, line", [
    (["رئیس جلسه", "\t", "دبیر جلسه"], "رئیس جلسه\tدبیر جلسه"),  # a tab aligns two columns
    (["\t", "شماره: ۴۵", "\t", "\t", "تاریخ: ۱۴۰۲/۰۱/۰۵ "], "شماره: ۴۵\tتاریخ: ۱۴۰۲/۰۱/۰۵"),  # tabs at the ends go
    (["نام:      امضا"], "نام:\tامضا"),  # a run of spaces between words, as a wide gap in text
    (["نام:  علی   رضایی"], "نام: علی رضایی"),  # fewer than four spaces: one space
    (["متن", "\n", "ادامه"], "متن ادامه"),  # a line break inside the paragraph
])
def test_tabs_and_wide_gaps_are_cell_breaks(runs, line):
    d = docx.Document()
    p = d.add_paragraph()
    for text in runs:
        if text == "\t":
            p.add_run().add_tab()
        elif text == "\n":
            p.add_run().add_break()
        else:
            p.add_run(text)
    out = io.BytesIO()
    d.save(out)
    assert docx_lines(out.getvalue()) == [line]
