"""A Word document's styles, indexed once per document, answering what python-docx answers.

python-docx resolves ``paragraph.style`` and ``run.style`` by scanning every ``w:style`` of
the document, each time it is asked (and again for the default style when a paragraph names
none): on seed 003 as a .docx that was 3.4 s of a 3.8 s read, and a document with thousands
of styles took minutes. ``StyleIndex`` reads ``styles.xml`` once, into dicts, and answers as
python-docx's ``DocumentPart.get_style`` does: the first style with that id and type, else the
type's default style (the last one marked default), else None. ``tests/test_word_styles.py``
compares its answers with python-docx's on odd documents.
"""

from __future__ import annotations

from ..errors import InputError

__all__ = ["StyleIndex", "list_reference", "on_off"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARAGRAPH, _CHARACTER = "paragraph", "character"
_ON, _OFF = ("1", "true", "on"), ("0", "false", "off")
_PPR, _PSTYLE, _RPR, _RSTYLE, _VAL = (_W + name for name in ("pPr", "pStyle", "rPr", "rStyle", "val"))
_BASED_ON_DEPTH = 16  # styles based on styles: a loop in a broken file ends here


def on_off(el, where: str) -> bool:
    """An OOXML on/off property (``w:b``, ``w:i`` …): on without a ``w:val``."""
    val = el.get(f"{_W}val")
    if val is None or val in _ON:
        return True
    if val in _OFF:
        return False
    raise InputError(f"malformed Word document: {el.tag.rsplit('}', 1)[-1]} has the value {val!r} "
                     "(expected one of 1, 0, true, false, on, off)", path=where)


def list_reference(el) -> tuple[str | None, int | None]:
    """(list id, level) that a paragraph's or a paragraph style's ``w:pPr/w:numPr`` names;
    None for what it leaves out (a style may give it)."""
    num_pr = el.find(f"{_W}pPr/{_W}numPr")
    if num_pr is None:
        return None, None
    num, lvl = num_pr.find(f"{_W}numId"), num_pr.find(f"{_W}ilvl")
    level = lvl.get(_VAL, "") if lvl is not None else ""
    return (num.get(_VAL) if num is not None else None), (int(level) if level.isdigit() else None)


class StyleIndex:
    def __init__(self, styles, where: str = "<bytes>"):
        """``styles``: the root of the package's styles part (``w:styles``)."""
        self.where = where
        self._by_id: dict[str, tuple[str | None, object]] = {}
        self._default: dict[str | None, object] = {}
        self._bold: dict[int, bool] = {}
        self._names: dict[int, str] = {}
        for el in styles.iterchildren(f"{_W}style"):
            kind = el.get(f"{_W}type")  # python-docx: a style without a type is of none
            sid = el.get(f"{_W}styleId")
            if sid is not None and sid not in self._by_id:
                self._by_id[sid] = (kind, el)
            if el.get(f"{_W}default") in _ON:
                self._default[kind] = el

    def _style(self, sid: str | None, kind: str):
        found = self._by_id.get(sid) if sid else None
        return found[1] if found is not None and found[0] == kind else self._default.get(kind)

    def paragraph(self, p):
        """The style element of paragraph ``p`` (a ``w:p``), or None."""
        return self._style(self._style_id(p, _PPR, _PSTYLE), _PARAGRAPH)

    def run(self, r):
        """The style element of run ``r`` (a ``w:r``), or None."""
        return self._style(self._style_id(r, _RPR, _RSTYLE), _CHARACTER)

    def name(self, style) -> str:
        """A style's name as written («heading 1», «List Number»), '' for none."""
        if style is None:
            return ""
        key = id(style)
        if key not in self._names:
            found = next(style.iterchildren(f"{_W}name"), None)
            self._names[key] = (found.get(f"{_W}val") or "") if found is not None else ""
        return self._names[key]

    def bold(self, style) -> bool:
        """Whether the style itself sets bold (python-docx's ``style.font.bold``)."""
        if style is None:
            return False
        key = id(style)
        if key not in self._bold:
            b = style.find(f"{_W}rPr/{_W}b")
            self._bold[key] = b is not None and on_off(b, self.where)
        return self._bold[key]

    def numbering(self, style) -> tuple[str | None, int | None]:
        """(list, level) a paragraph style numbers its paragraphs with (``w:pPr/w:numPr``), from
        the style or the styles it is based on; (None, None) when none does."""
        seen = 0
        while style is not None and seen < _BASED_ON_DEPTH:
            if style.find(f"{_W}pPr/{_W}numPr") is not None:
                return list_reference(style)
            based = style.find(f"{_W}basedOn")
            found = self._by_id.get(based.get(_VAL)) if based is not None else None
            style = found[1] if found is not None and found[0] == _PARAGRAPH else None
            seen += 1
        return None, None

    def _style_id(self, el, props: str, ref: str) -> str | None:
        """The first ``props`` child's first ``ref`` child's ``w:val`` (python-docx's ``el.style``)."""
        pr = next(el.iterchildren(props), None)
        found = next(pr.iterchildren(ref), None) if pr is not None else None
        if found is None:
            return None
        sid = found.get(_VAL)
        if sid is None:
            raise InputError(f"malformed Word document: a w:{ref.rsplit('}', 1)[-1]} without a w:val",
                             path=self.where)
        return sid
