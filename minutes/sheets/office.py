"""Office formats of a follow-up sheet: XLSX (openpyxl) and DOCX letters (python-docx).

Both take the plain sheet built by ``minutes.render.build_sheet``. XLSX: one
right-to-left sheet (one per actor when grouped by actor) and a summary sheet.
DOCX: one «ابلاغ مصوبات» letter per actor, a page each, right to left.
"""

from __future__ import annotations

import io
import re
from typing import Any

from .sandbox import printable

__all__ = ["render_xlsx", "render_docx"]

_TEXT_WIDTH = 60  # widest column, in characters; longer text wraps


# --- XLSX ----------------------------------------------------------------------------------

def _columns(sheet: dict[str, Any]) -> list[tuple[str, str]]:
    """(column header, row key) pairs in sheet order."""
    c = sheet["L"]["columns"]
    cols = [(c["row"], "row"), (c["topic"], "topic"), (c["text"], "text"), (c["actor"], "actor"),
            (c["supervisor"], "supervisor"), (c["deadline"], "deadline_text"), (c["kind"], "kind_label"),
            (c["jalali"], "due_jalali_slash"), (c["gregorian"], "due_date"), (c["status"], "status_label"),
            (c["days"], "days"), (c["done_on"], "done_on_ascii"), (c["note"], "note"), (c["id"], "id")]
    if sheet["combined"]:
        cols.insert(1, (c["meeting"], "meeting_label"))
    return cols


def _cell_value(row: dict[str, Any], key: str):
    if key == "due_jalali_slash":
        return row["due_jalali"].replace("-", "/") or None
    if key == "done_on_ascii":
        from ..text.normalize import to_ascii_digits

        return to_ascii_digits(row["done_on"]) or None
    if key == "meeting_label":
        return row["meeting"]["label"]
    if key == "note":  # the status file's progress word goes with the note
        return "، ".join(x for x in (row["progress_label"], row["note"]) if x) or None
    value = row[key]
    return None if value == "" else value


def _sheet_title(name: str, used: set[str]) -> str:
    base = re.sub(r"[\\/?*\[\]:]", " ", name).strip()[:28] or "-"
    title, n = base, 2
    while title in used:
        title, n = f"{base[:25]} ({n})", n + 1
    used.add(title)
    return title


def _write_table(ws, headers: list[str], rows: list[list[Any]], widths_cap: int = _TEXT_WIDTH):
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.sheet_view.rightToLeft = True
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8EDF3")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [len(h) for h in headers]
    # The row number counted here: ws.max_row looks at every cell written so far, and asked
    # once per row it cost time quadratic in the rows (8,000 rows: 36 s).
    last = ws.max_row
    for values in rows:
        ws.append([None] * len(values))
        last += 1
        r = last
        for i, value in enumerate(values):
            cell = ws.cell(row=r, column=i + 1)
            value = printable(value)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
                cell.quotePrefix = value[:1] in "=+-@\t\r"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths[i] = max(widths[i], len(str(value)) if value is not None else 0)
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = min(max(w, 6), widths_cap) + 2
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(ws.max_row, 2)}"


def _resolution_sheet(ws, sheet: dict[str, Any], rows: list[dict[str, Any]]):
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    cols = _columns(sheet)
    _write_table(ws, [h for h, _ in cols], [[_cell_value(r, k) for _, k in cols] for r in rows])
    keys = [k for _, k in cols]
    greg = get_column_letter(keys.index("due_date") + 1)
    for cell in ws[greg][1:]:
        cell.number_format = "yyyy-mm-dd"
    status = get_column_letter(keys.index("status_label") + 1)
    choices = list(dict.fromkeys(sheet["L"]["statuses"].values()))
    dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    dv.error, dv.errorTitle = "، ".join(choices), sheet["L"]["columns"]["status"]
    ws.add_data_validation(dv)
    dv.add(f"{status}2:{status}{max(ws.max_row, 2) + 200}")  # room for rows added by hand


def render_xlsx(sheet: dict[str, Any]) -> bytes:
    from openpyxl import Workbook

    L = sheet["L"]
    wb = Workbook()
    used: set[str] = set()
    first = True
    for group in sheet["groups"]:
        name = group["actor"] or L["labels"]["sheet_title"]
        ws = wb.active if first else wb.create_sheet()
        ws.title = _sheet_title(name, used)
        first = False
        _resolution_sheet(ws, sheet, group["rows"])
    ws = wb.create_sheet(_sheet_title(L["labels"]["summary"], used))
    summary = sheet["summary"]
    _write_table(ws, [L["columns"]["actor"], L["columns"]["total"], L["statuses"]["done"],
                      L["statuses"]["overdue"]],
                 [[a["actor"], a["total"], a["done"], a["overdue"]] for a in summary["actors"]])
    ws.append([])
    ws.append([L["labels"]["as_of"], sheet["as_of"].replace("-", "/")])
    for c in summary["counts"]:
        ws.append([c["label"], c["count"]])
    ws.append([L["columns"]["total"], summary["total"]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- DOCX ----------------------------------------------------------------------------------

_FONT = "Vazirmatn"


def _rtl_run(run, *, bold: bool = False, size: float | None = None):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    rpr = run._r.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), _FONT)
    if bold:
        run.bold = True
        rpr.append(OxmlElement("w:bCs"))
    if size:
        run.font.size = Pt(size)
        szcs = OxmlElement("w:szCs")
        szcs.set(qn("w:val"), str(int(size * 2)))
        rpr.append(szcs)
    rpr.append(OxmlElement("w:rtl"))
    return run


def _rtl_paragraph(par, text: str = "", *, bold: bool = False, size: float | None = None,
                   align: str | None = None):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement

    ppr = par._p.get_or_add_pPr()
    ppr.insert(0, OxmlElement("w:bidi"))
    if align:
        par.alignment = getattr(WD_ALIGN_PARAGRAPH, align.upper())
    if text:
        _rtl_run(par.add_run(printable(text)), bold=bold, size=size)
    return par


def _letter_table(doc, sheet: dict[str, Any], rows: list[dict[str, Any]]):
    from docx.oxml import OxmlElement

    c = sheet["L"]["columns"]
    headers = [c["row"], c["text"], c["supervisor"], c["deadline"], c["status"]]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table._tbl.tblPr.append(OxmlElement("w:bidiVisual"))
    for cell, h in zip(table.rows[0].cells, headers):
        _rtl_paragraph(cell.paragraphs[0], h, bold=True, size=10)
    for r in rows:
        text = (f"{r['topic']}: " if r["topic"] else "") + r["text"]
        if sheet["combined"]:
            text += f" ({c['meeting']}: {r['meeting']['label']})"
        deadline = r["deadline_text"] + (f" ({r['due_fa']})" if r["due_fa"] else "")
        status = r["status_label"] + (f"، {r['progress_label']}" if r["progress_label"] else "")
        values = [r["row_fa"], text, r["supervisor"], deadline, f"{status} — {r['detail']}"]
        for cell, v in zip(_row_cells(table, table.add_row()), values):
            _rtl_paragraph(cell.paragraphs[0], v, size=10)
    _fix_widths(table, _WIDTHS_CM)
    return table


_WIDTHS_CM = (1.2, 8.6, 3.4, 3.2, 3.6)  # row, text, supervisor, deadline, status: 20 cm in all


def _fix_widths(table, widths_cm) -> None:
    """Column widths that hold in Word and in LibreOffice: LibreOffice lays a table out by its
    grid (``w:tblGrid``), which python-docx fills with equal columns, and Word by the cells'
    widths; both are set, with a fixed layout and the table's total width."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table.autofit = False
    tbl = table._tbl
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths_cm):
        col.set(qn("w:w"), str(int(Cm(w).twips)))
    tblw = tbl.tblPr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tbl.tblPr.append(tblw)
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(int(Cm(sum(widths_cm)).twips)))
    layout = tbl.tblPr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tbl.tblPr.append(layout)
    layout.set(qn("w:type"), "fixed")
    for row in table.rows:
        for cell, w in zip(_row_cells(table, row), widths_cm):
            cell.width = Cm(w)


def _row_cells(table, row) -> list:
    """The cells of a row of a table without merged cells, from the row's own XML:
    python-docx's ``row.cells`` finds the row's index and lays out the whole table each
    time, a cost quadratic in the rows of a long letter (2.4 ms a row)."""
    from docx.table import _Cell

    return [_Cell(tc, table) for tc in row._tr.tc_lst]


_STYLE = re.compile(r"^\[([a-z0-9 ]*)\]\s?(.*)$")


def _letter(doc, sheet: dict[str, Any], actor: str, rows: list[dict[str, Any]], template,
            number: str | None):
    """One letter: the template's lines are its paragraphs («[center bold 16] …» styles a
    line; «[[table]]» is the table of resolutions)."""
    meetings = list({r["meeting"]["index"]: r["meeting"] for r in rows}.values())
    copies = list(dict.fromkeys(r["supervisor"] for r in rows if r["supervisor"]))
    signer = next((x for x in meetings if x["signatory"]), None)
    text = template.render(sheet=sheet, L=sheet["L"], actor=actor, rows=rows, meetings=meetings,
                           copies=copies, signer=signer, number=number or "",
                           subject="؛ ".join(x["label"] for x in meetings))
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.strip() == "[[table]]":
            _letter_table(doc, sheet, rows)
            continue
        m = _STYLE.match(line.strip())
        words, body = (m.group(1).split(), m.group(2)) if m else ([], line.strip())
        size = next((float(w) for w in words if w.isdigit()), None)
        align = next((w for w in words if w in ("center", "left", "right", "justify")), None)
        _rtl_paragraph(doc.add_paragraph(), body, bold="bold" in words, size=size, align=align)


def render_docx(sheet: dict[str, Any], *, template=None, letter_number: str | None = None) -> bytes:
    """One letter per actor. ``template``: a Jinja2 template of the letter's wording
    (``templates/letter.docx.j2``, which ``--templates DIR`` overrides); ``letter_number``:
    the number of the letter, «N/1», «N/2» … when there are several."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Mm

    if template is None:
        from .render import _environment

        template = _environment(None).get_template("letter.docx.j2")
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    groups = sheet["actor_groups"]
    for i, group in enumerate(groups):
        if i:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        number = letter_number and (f"{letter_number}/{i + 1}" if len(groups) > 1 else letter_number)
        _letter(doc, sheet, group["actor"], group["rows"], template, number)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
