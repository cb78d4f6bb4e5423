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

import re

from ..errors import InputError

__all__ = ["StyleIndex", "first_child", "first_grandchild", "list_reference", "on_off"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARAGRAPH, _CHARACTER = "paragraph", "character"
_ON, _OFF = ("1", "true", "on"), ("0", "false", "off")
_PPR, _PSTYLE, _RPR, _RSTYLE, _VAL = (_W + name for name in ("pPr", "pStyle", "rPr", "rStyle", "val"))
_NUMPR, _NUMID, _ILVL = (_W + name for name in ("numPr", "numId", "ilvl"))
_BASED_ON_DEPTH = 16  # styles based on styles: a loop in a broken file ends here


def on_off(el, where: str, attribute: str = "val") -> bool:
    """An OOXML on/off property (``w:b``, ``w:i`` …): on without a ``w:val``; or the on/off
    ``attribute`` of ``el`` (``w:customMarkFollows``), on when absent."""
    val = el.get(f"{_W}{attribute}")
    if val is None or val in _ON:
        return True
    if val in _OFF:
        return False
    what = el.tag.rsplit('}', 1)[-1] + ("" if attribute == "val" else f"'s {attribute}")
    raise InputError(f"malformed Word document: {what} has the value {val!r} "
                     "(expected one of 1, 0, true, false, on, off)", path=where)


# ``el.find(tag)`` and ``el.find("a/b")`` as plain loops over children: lxml's find (and
# ``iterchildren(tag)``, ``iter(tag)``) builds a tag matcher or an ElementPath selector on every
# call, 1–2 µs each, several per paragraph; a loop over a paragraph's few children costs a
# fraction of that. ``tests/test_word_speed.py`` holds them to lxml's find.
def first_child(el, tag: str):
    """``el``'s first child element with tag ``tag`` (``el.find(tag)``), or None."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def first_grandchild(el, tag: str, inner: str):
    """The first ``inner`` child of ``el``'s ``tag`` children, in order (``el.find("tag/inner")``),
    or None."""
    for child in el:
        if child.tag == tag:
            for grandchild in child:
                if grandchild.tag == inner:
                    return grandchild
    return None


def list_reference(el) -> tuple[str | None, int | None]:
    """(list id, level) that a paragraph's or a paragraph style's ``w:pPr/w:numPr`` names;
    None for what it leaves out (a style may give it)."""
    num_pr = first_grandchild(el, _PPR, _NUMPR)
    if num_pr is None:
        return None, None
    num, lvl = first_child(num_pr, _NUMID), first_child(num_pr, _ILVL)
    level = lvl.get(_VAL, "") if lvl is not None else ""
    return (num.get(_VAL) if num is not None else None), (int(level) if level.isdigit() else None)


class _Unparsed:
    """A ``w:style`` element's bytes, parsed when a paragraph or run first asks for the style."""

    __slots__ = ("xml", "element")

    def __init__(self, xml: bytes):
        self.xml = xml
        self.element = None


# Reading styles.xml by its ``w:style`` elements (``StyleIndex(blob, parse=…)``). python-docx's
# template, and so every document made from it, carries a 349 KB styles part: parsing it whole
# was 6 of the 15 ms of reading seed 003 as a .docx (bench/bench_scale.py), while a document
# uses a handful of its 164 styles. The fragments are cut only from a part of the plain shape
# below; any other part is parsed whole, as before.
_STYLES_ROOT = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml\s[^>]*\?>\s*)?<w:styles\b[^>]*>")
_DECLARED_ENCODING = re.compile(rb"encoding\s*=\s*[\"']([^\"']*)")
_STYLE_TAG = re.compile(rb"<w:style\b([^>]*)>")
_STYLE_ATTRIBUTE = re.compile(rb"\s(w:type|w:styleId|w:default)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
# What would make cutting differ from parsing: markup whose content is not elements (comments,
# CDATA, processing instructions after the declaration), attribute values with references,
# alternate content that may hold styles deeper down. (``in`` scans: a regex alternation
# over the 349 KB took 2 ms.)
_NOT_PLAIN = (b"<!", b"&", b"AlternateContent")


def _holds(blob: bytes, mark: bytes, start: int = 0) -> bool:
    """``mark in blob[start:]``, looking for its rarest byte, its last, first: a search for «<!»
    stops at every «<» of the part (0.3 ms each over python-docx's 349 KB), one for «!» finds none."""
    return blob.find(mark[-1:], start) != -1 and blob.find(mark, start) != -1


def _style_fragments(blob: bytes) -> tuple[bytes, list[tuple[str | None, str | None, str | None, bytes]]] | None:
    """(the root's start tag, (type, styleId, default, element bytes) of each ``w:style``), or
    None when the part is not of the plain shape cutting reads exactly as parsing does."""
    root = _STYLES_ROOT.match(blob)
    # One «w» prefix, bound on the root: an element binding it anew would read otherwise.
    if root is None or any(_holds(blob, mark) for mark in _NOT_PLAIN) or _holds(blob, b"<?", root.end()) \
            or blob.count(b"xmlns:w=") != 1 or f'xmlns:w="{_W[1:-1]}"'.encode() not in root.group():
        return None
    declared = _DECLARED_ENCODING.search(root.group())  # the XML declaration's, when there is one
    if declared is not None and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        return None
    found = []
    for m in _STYLE_TAG.finditer(blob, root.end()):
        if m.start() < (found[-1][3][1] if found else 0):
            return None  # a style inside a style
        if m.group(1).count(b'"') % 2 or m.group(1).count(b"'") % 2:
            return None  # a «>» inside an attribute's value ended the tag early
        end = m.end() if m.group(1).endswith(b"/") else blob.find(b"</w:style>", m.end()) + len(b"</w:style>")
        if end < m.end():
            return None  # never closed: let the parser say so
        attrs = {name.decode(): (a if a is not None else b).decode("utf-8")
                 for name, a, b in _STYLE_ATTRIBUTE.findall(m.group(1))}
        found.append((attrs.get("w:type"), attrs.get("w:styleId"), attrs.get("w:default"), (m.start(), end)))
    return root.group(), [(kind, sid, default, blob[start:end]) for kind, sid, default, (start, end) in found]


class StyleIndex:
    def __init__(self, styles, where: str = "<bytes>", *, parse=None):
        """``styles``: the root of the package's styles part (``w:styles``); or, with ``parse``
        (bytes → element), the part's bytes, parsed style by style as styles are asked for (``_style_fragments``),
        or whole when the part is not of the plain shape that allows it."""
        self.where = where
        self._by_id: dict[str, tuple[str | None, object]] = {}
        self._default: dict[str | None, object] = {}
        self._bold: dict[int, bool] = {}
        self._names: dict[int, str] = {}
        self._numbering: dict[int, tuple[str | None, int | None]] = {}  # by id(style): None too
        cut = _style_fragments(styles) if parse is not None else None
        if cut is not None:
            root, fragments = cut
            self._parse_style = lambda xml: parse(root + xml + b"</w:styles>")[0]
            entries = ((kind, sid, default, _Unparsed(xml)) for kind, sid, default, xml in fragments)
        else:
            if parse is not None:
                styles = parse(styles)
            entries = ((el.get(f"{_W}type"), el.get(f"{_W}styleId"), el.get(f"{_W}default"), el)
                       for el in styles.iterchildren(f"{_W}style"))
        for kind, sid, default, el in entries:  # python-docx: a style without a type is of none
            if sid is not None and sid not in self._by_id:
                self._by_id[sid] = (kind, el)
            if default in _ON:
                self._default[kind] = el

    def _element(self, style):
        """The style's element, parsed on first use when it was kept as bytes."""
        if not isinstance(style, _Unparsed):
            return style
        if style.element is None:
            style.element = self._parse_style(style.xml)
        return style.element

    def _style(self, sid: str | None, kind: str):
        found = self._by_id.get(sid) if sid else None
        return self._element(found[1] if found is not None and found[0] == kind else self._default.get(kind))

    def paragraph(self, p):
        """The style element of paragraph ``p`` (a ``w:p``), or None."""
        return self._style(self._style_id(p, _PPR, _PSTYLE), _PARAGRAPH)

    def run(self, r):
        """The style element of run ``r`` (a ``w:r``), or None."""
        return self.run_style(first_child(r, _RPR))

    def run_style(self, rpr):
        """The style element a run's ``w:rPr`` (its first; None when it has none) names, or None."""
        return self._style(self._ref(rpr, _RSTYLE) if rpr is not None else None, _CHARACTER)

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
        key = id(style)
        if key not in self._numbering:
            self._numbering[key] = self._numbering_of(style)
        return self._numbering[key]

    def _numbering_of(self, style) -> tuple[str | None, int | None]:
        seen = 0
        while style is not None and seen < _BASED_ON_DEPTH:
            if style.find(f"{_W}pPr/{_W}numPr") is not None:
                return list_reference(style)
            based = style.find(f"{_W}basedOn")
            sid = based.get(_VAL) if based is not None else None
            found = self._by_id.get(sid) if sid is not None else None
            style = self._element(found[1]) if found is not None and found[0] == _PARAGRAPH else None
            seen += 1
        return None, None

    def _style_id(self, el, props: str, ref: str) -> str | None:
        """The first ``props`` child's first ``ref`` child's ``w:val`` (python-docx's ``el.style``)."""
        pr = first_child(el, props)
        return self._ref(pr, ref) if pr is not None else None

    def _ref(self, pr, ref: str) -> str | None:
        """The first ``ref`` child's ``w:val`` of properties ``pr``."""
        found = first_child(pr, ref)
        if found is None:
            return None
        sid = found.get(_VAL)
        if sid is None:
            raise InputError(f"malformed Word document: a w:{ref.rsplit('}', 1)[-1]} without a w:val",
                             path=self.where)
        return sid
