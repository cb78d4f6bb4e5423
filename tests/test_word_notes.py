"""Word footnotes and endnotes are read: each note the body refers to is lines after the body,
below a «---» line for the rule Word draws above them, numbered as Word shows it («[1]» for a
footnote, «[i]» for an endnote unless the settings name another format), and the body's mark
for it says the same number where Word shows it."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest

from minutes.errors import InputError
from minutes.pipeline import parse_bytes
from minutes.read.readers import docx_lines

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _note_part(kind: str, notes: dict[int, str]) -> bytes:
    separators = "".join(f'<w:{kind} w:type="{t}" w:id="{i}"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
                         for i, t in ((-1, "separator"), (0, "continuationSeparator")))
    body = "".join(f'<w:{kind} w:id="{i}"><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t>'
                   f"</w:r></w:p></w:{kind}>" for i, text in notes.items())
    return f'<?xml version="1.0" encoding="UTF-8"?><w:{kind}s xmlns:w="{_W}">{separators}{body}</w:{kind}s>'.encode()


def _with_notes(paragraphs: list[str], footnotes: dict[int, str], endnotes: dict[int, str],
                settings: str = "", custom: str = "1") -> bytes:
    """A .docx of ``paragraphs``, where «{f1}» marks a reference to footnote 1, «{e2}» to
    endnote 2 and «{f3*}» to footnote 3 with a mark of the author's own (the «*» after it)."""
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    out = io.BytesIO()
    d.save(out)
    parts = {}
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as zf:
        for name in zf.namelist():
            parts[name] = zf.read(name)

    def reference(m: re.Match) -> str:
        kind = "footnote" if m.group(1) == "f" else "endnote"
        own = f' w:customMarkFollows="{custom}"' if m.group(3) else ""
        after = '</w:t></w:r><w:r><w:t xml:space="preserve">*' if m.group(3) else ""
        return (f'</w:t></w:r><w:r><w:{kind}Reference w:id="{m.group(2)}"{own}/></w:r>'
                f'<w:r><w:t xml:space="preserve">{after}')

    document = parts["word/document.xml"].decode()
    parts["word/document.xml"] = re.sub(r"\{([fe])(\d+)(\*?)\}", reference, document).encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    types = parts["[Content_Types].xml"].decode()
    for kind, notes in (("footnote", footnotes), ("endnote", endnotes)):
        if notes:
            parts[f"word/{kind}s.xml"] = _note_part(kind, notes)
            rels = rels.replace("</Relationships>", f'<Relationship Id="rN{kind}" Type="{_REL}/{kind}s" '
                                                    f'Target="{kind}s.xml"/></Relationships>')
            types = types.replace("</Types>", f'<Override PartName="/word/{kind}s.xml" ContentType="application/'
                                              f'vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"/></Types>')
    parts["word/_rels/document.xml.rels"], parts["[Content_Types].xml"] = rels.encode(), types.encode()
    if settings:
        parts["word/settings.xml"] = parts["word/settings.xml"].replace(b"</w:settings>", settings.encode() + b"</w:settings>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out.getvalue()


_BODY = ["صورتجلسه شورای فنی شهرک صنعتی ارغوان",
         "۱- تعمیر پل ورودی شهرک به معاونت فنی سپرده شد{f1}.",
         "۲- خرید دو دستگاه پمپ آب با اعتبار ماده ۱۲{e1} تصویب شد{f2}.",
         "۳- گزارش هزینه‌ها در جلسه بعد خوانده شود."]
_FOOTNOTES = {1: "برآورد هزینه تا پایان آبان آماده می‌شود.", 2: "با سه رأی موافق و یک رأی ممتنع."}
_ENDNOTES = {1: "ماده ۱۲ آیین‌نامه مالی شهرک."}


def test_footnotes_and_endnotes_follow_the_body_with_their_numbers():
    assert docx_lines(_with_notes(_BODY, _FOOTNOTES, _ENDNOTES)) == [
        "صورتجلسه شورای فنی شهرک صنعتی ارغوان",
        "۱- تعمیر پل ورودی شهرک به معاونت فنی سپرده شد [1].",
        "۲- خرید دو دستگاه پمپ آب با اعتبار ماده ۱۲ [i] تصویب شد [2].",
        "۳- گزارش هزینه‌ها در جلسه بعد خوانده شود.",
        "---",
        "[1] برآورد هزینه تا پایان آبان آماده می‌شود.",
        "[2] با سه رأی موافق و یک رأی ممتنع.",
        "---",
        "[i] ماده ۱۲ آیین‌نامه مالی شهرک.",
    ]


def test_notes_are_numbered_in_the_order_of_their_marks_and_read_once():
    # Word numbers notes as their marks come, whatever their ids; a note no mark names is not shown.
    body = ["بند اول{f7}", "بند دوم{f3}", "بند سوم{f7}"]
    lines = docx_lines(_with_notes(body, {3: "یادداشت سه", 7: "یادداشت هفت", 9: "یادداشت بی‌نشان"}, {}))
    assert lines == ["بند اول [1]", "بند دوم [2]", "بند سوم [3]", "---", "[1] یادداشت هفت", "[2] یادداشت سه"]


def test_a_mark_of_the_authors_own_is_kept_as_typed():
    lines = docx_lines(_with_notes(["رأی‌گیری انجام شد{f1*}"], {1: "* غایبان رأی ندادند."}, {}))
    assert lines == ["رأی‌گیری انجام شد*", "---", "* غایبان رأی ندادند."]


@pytest.mark.parametrize("settings, footnote, endnote", [
    ("", "[1]", "[i]"),
    ('<w:footnotePr><w:numFmt w:val="upperRoman"/><w:numStart w:val="4"/></w:footnotePr>'
     '<w:endnotePr><w:numFmt w:val="decimal"/></w:endnotePr>', "[IV]", "[1]"),
    ('<w:footnotePr><w:numFmt w:val="lowerLetter"/></w:footnotePr>'
     '<w:endnotePr><w:numFmt w:val="arabicAbjad"/></w:endnotePr>', "[a]", "[1]"),
])
def test_the_settings_number_format(settings, footnote, endnote):
    lines = docx_lines(_with_notes(["متن{f1} و متن{e1}"], {1: "پانویس"}, {1: "پی‌نوشت"}, settings))
    assert lines == [f"متن {footnote} و متن {endnote}", "---", f"{footnote} پانویس", "---", f"{endnote} پی‌نوشت"]


def test_notes_are_kept_apart_from_the_last_resolution():
    m = parse_bytes(_with_notes(["صورتجلسه شورای فنی شهرک", "مصوبات:", *_BODY[1:]], _FOOTNOTES, _ENDNOTES), "notes.docx")
    assert [(r.row, r.text) for r in m.resolutions] == [
        (1, "تعمیر پل ورودی شهرک به معاونت فنی سپرده شد [1]."),
        (2, "خرید دو دستگاه پمپ آب با اعتبار ماده ۱۲ [i] تصویب شد [2]."),
        (3, "گزارش هزینه‌ها در جلسه بعد خوانده شود."),
    ]
    kept = [d.message for d in m.diagnostics if d.code == "unplaced-paragraph"]
    for note in (*_FOOTNOTES.values(), *_ENDNOTES.values()):
        assert any(note in message for message in kept)


def test_a_malformed_custom_mark_is_one_clear_line():
    data = _with_notes(["متن{f1*}"], {1: "یادداشت"}, {}, custom="maybe")
    with pytest.raises(InputError, match="customMarkFollows"):
        docx_lines(data)
