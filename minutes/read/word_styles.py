"""A Word document's styles, looked up once per document.

python-docx resolves ``paragraph.style`` and ``run.style`` by scanning every ``w:style`` of
the document, each time it is asked (and again for the default style when a paragraph names
none): on seed 003 as a .docx that was 3.4 s of a 3.8 s read, and a document with thousands
of styles took minutes. ``StyleIndex`` reads the styles once, into dicts, and answers with
what python-docx would (``DocumentPart.get_style``): the first style with that id and type,
else the type's default style, else None.
"""

from __future__ import annotations

__all__ = ["StyleIndex"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARAGRAPH, _CHARACTER = "paragraph", "character"


class StyleIndex:
    def __init__(self, document):
        from docx.styles.style import StyleFactory

        self._by_id: dict[str, object] = {}
        self._default: dict[str, object] = {}
        self._bold: dict[int, bool] = {}
        root = document.styles.element
        for el in root.iterchildren(f"{_W}style"):
            kind = el.get(f"{_W}type")  # python-docx: a style without a type is of none
            sid = el.get(f"{_W}styleId")
            if sid is not None and sid not in self._by_id:
                self._by_id[sid] = (kind, el)
            # python-docx takes the last default-marked style of a type as its default
            if el.get(f"{_W}default") in ("1", "true", "on"):
                self._default[kind] = el
        self._wrap = StyleFactory
        self._wrapped: dict[int, object] = {}

    def _style(self, sid: str | None, kind: str):
        found = self._by_id.get(sid) if sid else None
        el = found[1] if found is not None and found[0] == kind else self._default.get(kind)
        if el is None:
            return None
        key = id(el)
        if key not in self._wrapped:
            self._wrapped[key] = self._wrap(el)
        return self._wrapped[key]

    def paragraph(self, par):
        """``par.style``, from the index."""
        return self._style(_style_id(par._p, "pPr", "pStyle"), _PARAGRAPH)

    def run(self, run):
        """``run.style``, from the index."""
        return self._style(_style_id(run._r, "rPr", "rStyle"), _CHARACTER)

    def bold(self, style) -> bool:
        """``bool(style.font.bold)`` of a style from this index (None: not bold)."""
        if style is None:
            return False
        key = id(style)
        if key not in self._bold:
            self._bold[key] = bool(style.font.bold)
        return self._bold[key]


def _style_id(el, props: str, ref: str) -> str | None:
    """``el.style`` (python-docx: the first ``props`` child's first ``ref`` child's ``w:val``)
    by two lxml finds: python-docx's properties cost more than the rest of reading a paragraph.
    A reference without a value goes the long way, so python-docx says what is wrong."""
    pr = el.find(_W + props)
    found = pr.find(_W + ref) if pr is not None else None
    if found is None:
        return None
    sid = found.get(_W + "val")
    return sid if sid is not None else el.style
