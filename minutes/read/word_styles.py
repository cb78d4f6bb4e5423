"""A Word document's styles, indexed once per document, answering what python-docx answers.

python-docx resolves ``paragraph.style`` and ``run.style`` by scanning every ``w:style`` of
the document, each time it is asked (and again for the default style when a paragraph names
none): on seed 003 as a .docx that was 3.4 s of a 3.8 s read, and a document with thousands
of styles took minutes. ``StyleIndex`` reads ``styles.xml`` once per document (finding each
style the first time it is asked for, ``_StyleTags``, or parsing the part whole when it is of
an unusual shape), remembers each answer, and answers as python-docx's
``DocumentPart.get_style`` does: the first style with that id and type, else the type's
default style (the last one marked default), else None. ``tests/test_word_styles.py``
compares its answers with python-docx's on odd documents, ``tests/test_word_speed.py`` the
styles found when asked for with the part parsed whole.
"""

from __future__ import annotations

import re

from ..errors import InputError

__all__ = ["StyleIndex", "first_child", "first_grandchild", "list_reference", "numbered_as", "on_off"]

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
    return numbered_as(first_grandchild(el, _PPR, _NUMPR))


def numbered_as(num_pr) -> tuple[str | None, int | None]:
    """(list id, level) that a ``w:numPr`` names, (None, None) for None."""
    if num_pr is None:
        return None, None
    num, lvl = first_child(num_pr, _NUMID), first_child(num_pr, _ILVL)
    level = lvl.get(_VAL, "") if lvl is not None else ""
    return (num.get(_VAL) if num is not None else None), (int(level) if level.isdigit() else None)


# Reading styles.xml by the styles a document asks for (``StyleIndex(blob, parse=…)``).
# python-docx's template, and so every document made from it, carries a 349 KB styles part with
# 164 styles, while a document asks for a handful (seed 003 as a .docx: the two defaults). One
# scan lists the start tags of the ``w:style`` elements (``_style_tags``); a style is looked for
# in that list when it is asked for, and its element cut from the part and parsed then: 0.4 ms
# where cutting every style was 1 ms and parsing the part whole 3 ms. Only a part of the plain
# shape below is read so, where the list is provably the root's ``w:style`` children; any other
# part is parsed whole. ``tests/test_word_styles.py`` holds both reads to the same answers.
_STYLES_ROOT = re.compile(rb"""\A(?:\xef\xbb\xbf)?\s*(?:<\?xml\s[^>]*\?>\s*)?<w:styles\b(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""")
_DECLARED_ENCODING = re.compile(rb"encoding\s*=\s*[\"']([^\"']*)")
_W_URI = _W[1:-1].encode()
# A style's start tag (its text after «<w:», read as XML reads a tag: a quoted value may hold
# a «>»), or the end tag of a style that a style or the root's end tag follows. Possessive
# quantifiers: a tag is read once, never again from inside.
_STYLE_TOKENS = re.compile(rb"""<w:(style(?=[\s/>])(?:[^>"']++|"[^"]*+"|'[^']*+')*+)>"""
                           rb"""|</w:style>\s*+(?=<w:style[\s/>]|</w:styles>\s*+\Z)""")
_ATTRIBUTE = re.compile(rb"""([^\s=]+)\s*=\s*("[^"]*"|'[^']*')""")  # the value with its quotes
# XML reads a tab, a line feed or a carriage return in an attribute's value as a space.
_VALUE_SPACE = str.maketrans("\t\n\r", "   ")


def _holds(blob: bytes, mark: bytes, start: int = 0) -> bool:
    """``mark in blob[start:]``, looking for its rarest byte, its last, first: a search for «<!»
    stops at every «<» of the part (0.3 ms each over python-docx's 349 KB), one for «!» finds none."""
    return blob.find(mark[-1:], start) != -1 and blob.find(mark, start) != -1


def _style_tags(blob: bytes) -> tuple[bytes, list[bytes]] | None:
    """(the root's start tag, the text after «<w:» of each ``w:style`` start tag, in order), or
    None when the part is not of the plain shape where those tags are exactly the root's
    ``w:style`` children:

    * no comment, CDATA or DOCTYPE (``<!``), processing instruction after the declaration or
      reference (``&``): every «<w:style» is then a tag, and a value's bytes are its text;
    * UTF-8, the root ``w:styles`` binding «w» to WordprocessingML, and that namespace named
      nowhere else: no other prefix names a style;
    * every style closed by the next «</w:style>», which a style or the root's end tag follows
      (``_STYLE_TOKENS``): no style inside another, nor inside another element, nor empty
      (``<w:style …/>``)."""
    root = _STYLES_ROOT.match(blob)
    if root is None or _holds(blob, b"<!") or _holds(blob, b"&") or _holds(blob, b"<?", root.end()) \
            or f'xmlns:w="{_W[1:-1]}"'.encode() not in root.group() or blob.count(_W_URI) != 1:
        return None
    declared = _DECLARED_ENCODING.search(root.group())  # the XML declaration's, when there is one
    if declared is not None and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        return None
    tokens = _STYLE_TOKENS.findall(blob, root.end())  # a start tag's text; b"" for an end tag
    if len(tokens) % 2 or not all(tokens[0::2]) or any(tokens[1::2]):
        return None
    return root.group(), tokens[0::2]


class _StyleTags:
    """The styles of a part of the plain shape (``_style_tags``), found when asked for: the
    first with an id, the last default of a type; each element cut from the part and parsed
    once."""

    def __init__(self, blob: bytes, root: bytes, tags: list[bytes], parse):
        self._blob, self._root, self._tags, self._parse = blob, root, tags, parse
        self._attributes: dict[int, tuple[str | None, str | None, str | None] | None] = {}
        self._elements: dict[int, object] = {}

    def first(self, sid: str) -> tuple[str | None, object] | None:
        """(type, element) of the first style with id ``sid``, or None."""
        # A tag that names the id holds its bytes, unless a space in it is written otherwise.
        needle = sid.encode("utf-8") if not any(c in sid for c in " \t\n\r") else b""
        for i, tag in enumerate(self._tags):
            if needle in tag:
                attributes = self._read(i)
                if attributes is not None and attributes[1] == sid:
                    return attributes[0], self._element(i, self._blob.find)
        return None

    def default(self, kind: str | None):
        """The element of the last style of type ``kind`` marked default, or None."""
        for i in range(len(self._tags) - 1, -1, -1):
            if b"w:default" in self._tags[i]:
                attributes = self._read(i)
                if attributes is not None and attributes[0] == kind and attributes[2] in _ON:
                    return self._element(i, self._blob.rfind)
        return None

    def _read(self, i: int) -> tuple[str | None, str | None, str | None] | None:
        """(type, styleId, default) of tag ``i`` as XML reads them; None when the tag binds «w»
        anew (it is then no WordprocessingML style)."""
        if i not in self._attributes:
            values = {name: quoted[1:-1] for name, quoted in _ATTRIBUTE.findall(self._tags[i], 5)}
            if b"xmlns:w" in values:
                self._attributes[i] = None
            else:
                read = [values.get(name) for name in (b"w:type", b"w:styleId", b"w:default")]
                try:
                    self._attributes[i] = tuple(v.decode("utf-8").replace("\r\n", " ").translate(_VALUE_SPACE)
                                                if v is not None else None for v in read)
                except UnicodeDecodeError:  # the whole parse says where
                    self._parse(self._blob)
                    raise
        return self._attributes[i]

    def _element(self, i: int, find):
        """Tag ``i``'s element. ``find`` (first or last) finds its tag: a tag of the same text
        before it (after it, for the last default) would have answered first."""
        if i not in self._elements:
            start = find(b"<w:" + self._tags[i] + b">")
            end = self._blob.find(b"</w:style>", start) + len(b"</w:style>")
            self._elements[i] = self._parse(self._root + self._blob[start:end] + b"</w:styles>")[0]
        return self._elements[i]


class StyleIndex:
    def __init__(self, styles, where: str = "<bytes>", *, parse=None):
        """``styles``: the root of the package's styles part (``w:styles``); or, with ``parse``
        (bytes → element), the part's bytes, whose styles are found and parsed as they are asked
        for (``_StyleTags``), or parsed whole when the part is not of the plain shape that allows it."""
        self.where = where
        self._by_id: dict[str, tuple[str | None, object] | None] = {}  # None: no style has the id
        self._default: dict[str | None, object] = {}
        self._bold: dict[int, bool] = {}
        self._names: dict[int, str] = {}
        self._numbering: dict[int, tuple[str | None, int | None]] = {}  # by id(style): None too
        cut = _style_tags(styles) if parse is not None else None
        self._tags = _StyleTags(styles, *cut, parse) if cut is not None else None
        if self._tags is not None:
            return
        if parse is not None:
            styles = parse(styles)
        for el in styles.iterchildren(f"{_W}style"):  # python-docx: a style without a type is of none
            sid, default = el.get(f"{_W}styleId"), el.get(f"{_W}default")
            if sid is not None and sid not in self._by_id:
                self._by_id[sid] = (el.get(f"{_W}type"), el)
            if default in _ON:
                self._default[el.get(f"{_W}type")] = el

    def _first(self, sid: str) -> tuple[str | None, object] | None:
        """(type, element) of the first style with id ``sid``, or None."""
        if self._tags is not None and sid not in self._by_id:
            self._by_id[sid] = self._tags.first(sid)
        return self._by_id.get(sid)

    def _default_of(self, kind: str | None):
        if self._tags is not None and kind not in self._default:
            self._default[kind] = self._tags.default(kind)
        return self._default.get(kind)

    def _style(self, sid: str | None, kind: str):
        found = self._first(sid) if sid else None
        return found[1] if found is not None and found[0] == kind else self._default_of(kind)

    def paragraph(self, p):
        """The style element of paragraph ``p`` (a ``w:p``), or None."""
        return self.paragraph_of(first_child(p, _PPR))

    def paragraph_of(self, ppr):
        """The style element a paragraph's first ``w:pPr`` (None when it has none) names, or None."""
        return self._style(self._ref(ppr, _PSTYLE) if ppr is not None else None, _PARAGRAPH)

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
            found = self._first(sid) if sid is not None else None
            style = found[1] if found is not None and found[0] == _PARAGRAPH else None
            seen += 1
        return None, None

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
