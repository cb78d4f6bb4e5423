"""A Word document's styles are read once: ``StyleIndex`` answers what python-docx's
``paragraph.style`` / ``run.style`` answer (the first style with the id and type, else the
type's default), and reading a document never asks python-docx to scan its styles."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from conftest import CORPUS
from minutes.read.readers import docx_lines
from minutes.read.word_styles import StyleIndex


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
    return None if style is None else (style.name, style.type)


@pytest.mark.parametrize("source", ["university_senate_41.docx", "company_board_58.docx", "odd styles"])
def test_same_styles_as_python_docx(source):
    data = _odd_styles_document() if source == "odd styles" else (CORPUS / source).read_bytes()
    document = docx.Document(io.BytesIO(data))
    index = StyleIndex(document)
    pars = list(document.paragraphs) + [p for t in document.tables for row in t.rows for c in row.cells
                                        for p in c.paragraphs]
    assert len(pars) > 5
    assert [_name(index.paragraph(p)) for p in pars] == [_name(p.style) for p in pars]
    runs = [r for p in pars for r in p.runs]
    assert [_name(index.run(r)) for r in runs] == [_name(r.style) for r in runs]
    assert [index.bold(index.run(r)) for r in runs] == [bool(r.style is not None and r.style.font.bold) for r in runs]


def test_reading_never_scans_the_styles(monkeypatch):
    """The cost the index removes: python-docx's own lookups are not called while reading."""
    from docx.oxml.styles import CT_Styles

    calls = []
    for method in ("get_by_id", "default_for"):
        original = getattr(CT_Styles, method)
        monkeypatch.setattr(CT_Styles, method, lambda self, *a, _o=original, _m=method: calls.append(_m) or _o(self, *a))
    lines = docx_lines((CORPUS / "university_senate_41.docx").read_bytes())
    assert lines and calls == []


def test_bold_from_styles_read_as_bold_lines():
    lines = docx_lines(_odd_styles_document())
    assert "**متن BoldPar**" in lines and "**متن BoldChar**" in lines
    assert "متن Missing" in lines


@pytest.mark.parametrize("source", ["university_senate_41.docx", "company_board_58.docx", "odd styles"])
def test_run_text_test_agrees_with_python_docx(source):
    from minutes.read.readers import _run_has_text

    data = _odd_styles_document() if source == "odd styles" else (CORPUS / source).read_bytes()
    document = docx.Document(io.BytesIO(data))
    runs = [r for p in document.paragraphs for r in p.runs]
    p = document.add_paragraph()
    for kind in ("w:tab", "w:br", "w:noBreakHyphen", "w:t"):  # a run of each part alone, and a blank w:t
        r = p.add_run()
        r._r.append(OxmlElement(kind))
        runs.append(r)
    assert [_run_has_text(r._r) for r in runs] == [bool(r.text.strip()) for r in runs]
    assert sum(map(bool, (r.text.strip() for r in runs))) > 3
