"""Stage 1, Word: a .docx package read straight from its XML with lxml.

What it guarantees, in this order:

* the package is refused before any XML parser sees it when it is not a zip, holds more than
  ``MAX_UNZIPPED`` bytes or a member inflating at a bomb's ratio; a part that declares a
  DOCTYPE or an ENTITY (XXE, billion laughs) is refused before it is parsed;
* each XML part a line can come from is inflated once, when first needed, parsed once (lxml,
  entities never resolved) and read by walking its elements; a style is found in the styles
  part, and its element parsed, when a paragraph first asks for it (``word_styles.StyleIndex``);
* the lines are what python-docx's object model gives for the same document (paragraph and
  run styles, bold, headers and footers of each section, body paragraphs and tables in order):
  ``tests/test_word_styles.py`` checks that against python-docx on Word fixtures; and, beyond it,
  nothing Word shows is dropped where python-docx drops it: paragraphs, rows and cells inside
  content controls (``w:sdt``) and custom XML are read where they stand; the first page's and
  even pages' headers and footers beside the default ones; a text box once (not again from its
  ``mc:Fallback`` copy, nor inside the paragraph that anchors it).

python-docx builds a Python object per element it is asked about, resolves every part of the
package on open and evaluates an XPath per container: on seed 003 as a .docx that was nine
tenths of reading it (bench/bench_scale.py). It stays the library that *writes* Word files.

Output shape (see ``readers``): a line per paragraph, list item or table row; ``#`` headings;
``**…**`` for bold-only paragraphs; ``N- `` for «List Number» paragraphs, ``- `` for other list
paragraphs; header and footer text first, each line once; footnotes, then endnotes, last, each
kind after a ``---`` line (``_notes``).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

from ..errors import InputError
from ..text.normalize import column_gaps
from .word_numbering import Numbering, int_value
from .word_styles import StyleIndex, first_child, first_grandchild, numbered_as, on_off

__all__ = ["DITTO", "MAX_RATIO", "MAX_UNZIPPED", "docx_lines"]

MAX_UNZIPPED = 50 * 1024 * 1024  # total decompressed bytes of all members
MAX_RATIO = 200  # per member, uncompressed / compressed; real .docx parts stay well under
_MAX_MEMBERS = 5000
_RATIO_FLOOR = 1024 * 1024  # a ratio only matters once a member is this large

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{_W_NS}}}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# A run of white space that is not already one plain space: every run becomes one space, and
# matching each single space between words (to put it back) was most of a paragraph's cost.
_SPACE = re.compile(r" [ \r\n\f\v\xa0]+|[\r\n\f\v\xa0][ \r\n\f\v\xa0]*")
# A tab aligns columns in a Word form («رئیس جلسه<tab>دبیر جلسه»): a cell break, with the
# spaces around it; so is a wide gap between words, as in text (``normalize.column_gaps``).
_TABS = re.compile(r"[ \xa0]*\t[\t \xa0]*")
# python-docx's own parser settings, so the trees (and so the text) are the same as its.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
# Text boxes (often the letterhead's «شماره/تاریخ») sit inside runs; the Fallback copy of a
# box (for old Word versions) holds the same text again.
_MC = {"w": _W_NS, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_BOXES = etree.XPath(".//w:txbxContent[not(ancestor::mc:Fallback)]", namespaces=_MC)
_CELL_PARAGRAPHS = etree.XPath(".//w:p[not(ancestor::mc:Fallback)]", namespaces=_MC)
_TXBX, _FALLBACK = f"{_W}txbxContent", f"{{{_MC['mc']}}}Fallback"
_T, _TAB = f"{_W}t", f"{_W}tab"
# A footnote's or an endnote's mark, in the body (…Reference) and in the note (…Ref): Word shows
# its number there; ``_notes`` writes that number into the element's text.
_NOTE_MARKS = tuple(f"{_W}{kind}{end}" for kind in ("footnote", "endnote") for end in ("Reference", "Ref"))
_TEXT_PARTS = (_T, _TAB, f"{_W}br", f"{_W}cr", *_NOTE_MARKS)
_WITH_TEXT = frozenset((_T, *_NOTE_MARKS))
# What each text part shows (None: its own text), and _BOXED for what sends a paragraph the long
# way (``_plain_text``).
_BOXED = "boxed"
_SHOWN = {**{tag: None for tag in _WITH_TEXT}, _TAB: "\t", f"{_W}br": " ", f"{_W}cr": " ", _TXBX: _BOXED,
          _FALLBACK: _BOXED}

DITTO = "\u3003"  # 〃: «as in the row above», what a vertically merged Word cell means


# --- the package --------------------------------------------------------------------------------

def _xml_members(zf: zipfile.ZipFile, where: str) -> dict[str, zipfile.ZipInfo]:
    """The package's XML parts by name, after the bomb checks on what the archive declares."""
    infos = zf.infolist()
    if len(infos) > _MAX_MEMBERS:
        raise InputError(f"too many parts in the archive ({len(infos)})", path=where)
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNZIPPED or (info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO):
            raise InputError("refused: archive decompresses too far (zip bomb?)", path=where,
                             hint=f"limit {MAX_UNZIPPED // (1024 * 1024)} MB, ratio {MAX_RATIO}")
    return {info.filename: info for info in infos if info.filename.endswith((".xml", ".rels"))}


_UNREAD = object()  # a part not read yet (None: the package has none)


def _declares_dtd(blob: bytes) -> bool:
    """Whether the part declares a DOCTYPE or an ENTITY (``_DTD``). «!» first: one byte's search
    skips a part at memory speed where the pattern stops at each «<» (0.13 ms over python-docx's
    349 KB styles part), and without a «!» there is no «<!»."""
    return b"!" in blob and _DTD.search(blob) is not None


class _Package:
    """The parts a reader needs: the main document, its styles, its headers and footers.

    A part is inflated when it is first read, and once: a package carries parts no line comes
    from (a theme, «stylesWithEffects», fonts), which were half of the bytes inflated."""

    def __init__(self, data: bytes, where: str, archive: zipfile.ZipFile | None = None):
        """``archive``: ``data`` already opened as a zip (``readers`` opens it to see what it is)."""
        self.where = where
        try:
            self._zip = archive if archive is not None else zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
            raise InputError(f"not a valid .docx (zip): {exc}", path=where) from None
        self.parts = _xml_members(self._zip, where)
        self._inflated: dict[str, bytes] = {}
        main = self._related(self._relationships(""), "/officeDocument") or "word/document.xml"
        self.document = self.xml(main)
        self._rels = self._relationships(main)
        self._even_and_odd: bool | None = None
        self._settings = _UNREAD

    def blob(self, name: str) -> bytes:
        """Part ``name``'s bytes, inflated once, refused if it declares a DOCTYPE or an ENTITY."""
        if name in self._inflated:
            return self._inflated[name]
        info = self.parts.get(name)
        if info is None:
            raise InputError(f"not a readable Word document: no part {name}", path=self.where)
        # Read at most the declared size + 1: a lying header cannot make us inflate more.
        try:
            with self._zip.open(info) as fh:
                blob = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError,
                OSError) as exc:
            raise InputError(f"corrupt part {name} in the archive: {exc}", path=self.where) from None
        if len(blob) > info.file_size:
            raise InputError(f"part {name} is larger than declared", path=self.where)
        scanned = blob.decode("utf-16", "replace").encode("utf-8") \
            if blob.startswith((b"\xff\xfe", b"\xfe\xff")) else blob
        if _declares_dtd(scanned):
            raise InputError(f"refused: part {name} declares a DOCTYPE/ENTITY "
                             "(external entities are never resolved)", path=self.where)
        self._inflated[name] = blob
        return blob

    def parse(self, blob: bytes):
        try:
            return etree.fromstring(blob, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise InputError(f"malformed Word document: XMLSyntaxError: {exc}", path=self.where) from None

    def xml(self, name: str):
        return self.parse(self.blob(name))

    def _relationships(self, source: str) -> list[tuple[str, str, str]]:
        """(id, type, part name) of each internal relationship of part ``source`` ('' = the package)."""
        folder, base = posixpath.split(source)
        name = posixpath.join(folder, "_rels", base + ".rels")
        if name not in self.parts:
            return []
        out = []
        for rel in self.xml(name).iterchildren(f"{_RELS}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out.append((rel.get("Id", ""), rel.get("Type", ""), part))
        return out

    @staticmethod
    def _related(rels: list[tuple[str, str, str]], kind: str) -> str | None:
        """The part a relationship of type ``…kind`` names, or None."""
        return next((part for _, rtype, part in rels if rtype.endswith(kind)), None)

    def styles(self) -> StyleIndex:
        """The main document's styles; python-docx's default styles when it has none (as
        python-docx reads such a document)."""
        name = self._related(self._rels, "/styles")
        if name is not None:
            return StyleIndex(self.blob(name), self.where, parse=self.parse)
        from importlib.resources import files

        default = files("docx").joinpath("templates/default-styles.xml").read_bytes()
        return StyleIndex(default, self.where, parse=self.parse)

    def numbering(self):
        """The main document's numbering part (list definitions), or None."""
        name = self._related(self._rels, "/numbering")
        return self.xml(name) if name in self.parts else None

    def settings(self):
        """The document's settings part, or None."""
        if self._settings is _UNREAD:
            name = self._related(self._rels, "/settings")
            self._settings = self.xml(name) if name in self.parts else None
        return self._settings

    def related_part(self, kind: str):
        """The main document's part of relationship type ``…kind`` («/footnotes»), or None."""
        name = self._related(self._rels, kind)
        return self.xml(name) if name in self.parts else None

    def even_and_odd(self) -> bool:
        """Whether the document's settings give even pages headers and footers of their own."""
        if self._even_and_odd is None:
            settings = self.settings()
            flag = settings.find(f"{_W}evenAndOddHeaders") if settings is not None else None
            self._even_and_odd = flag is not None and on_off(flag, self.where)
        return self._even_and_odd

    def part_by_id(self, rid: str | None):
        name = next((part for i, _, part in self._rels if i == rid), None)
        if name is None:
            raise InputError(f"not a readable Word document: relationship {rid} names no part", path=self.where)
        return self.xml(name)


# --- paragraphs and tables ------------------------------------------------------------------------

_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"


def _content(el, *tags: str):
    """``el``'s children with these tags, in order, also those inside content controls
    (``w:sdt``, a form's fields: «تاریخ جلسه: [ ]») and custom XML wrappers, which Word shows as
    their content. python-docx walks past both, and the text in them was lost. (A loop over the
    children: lxml's ``iterchildren(*tags)`` builds a tag matcher per call, once per table row
    and cell.)"""
    for child in el:
        tag = child.tag
        if tag in tags:
            yield child
        elif tag == _SDT:
            inner = first_child(child, _SDT_CONTENT)
            if inner is not None:
                yield from _content(inner, *tags)
        elif tag == _CUSTOM_XML:
            yield from _content(child, *tags)


def _text_of(el) -> str:
    """Visible text of a paragraph-level element: runs and breaks as spaces, a tab or a wide gap
    between words as a cell break (``\t``). A text box inside it is its own lines
    (``_paragraph_lines``), and an ``mc:Fallback`` repeats its ``mc:Choice`` for old Word
    versions: neither is read into the element's text."""
    raw = _plain_text(el)
    if raw is None:
        raw = "".join(node.text or "" if node.tag in _WITH_TEXT else "\t" if node.tag == _TAB else " "
                      for node in _own_parts(el))
    return _cleaned(raw)


def _plain_text(el) -> str | None:
    """The text parts of ``el`` joined, as ``_text_of`` joins them, or None when ``el`` holds a
    text box or an ``mc:Fallback`` (read the long way, ``_own_parts``). One walk over every
    element, the tags told apart here: lxml's ``iter(*tags)`` builds a matcher for eight tags on
    each call, and was half of a plain paragraph's reading. ``tests/test_word_speed.py`` holds it
    to ``el.iter(*_TEXT_PARTS)``."""
    pieces: list[str] = []
    return "".join(pieces) if _add_shown(el.iter(), pieces) else None


def _cleaned(raw: str) -> str:
    """A paragraph's joined text parts as a line: tabs and wide gaps as cell breaks, other white
    space one space."""
    cells = column_gaps(_TABS.sub("\t", raw.strip(" \t\r\n\f\v\xa0"))) \
        if "\t" in raw or "    " in raw else raw
    # Most paragraphs have single spaces only: the pattern would stop at each of them.
    if "  " in cells or "\xa0" in cells or "\n" in cells or "\r" in cells or "\f" in cells or "\v" in cells:
        cells = _SPACE.sub(" ", cells)
    return cells.strip()


def _own_parts(el):
    """The text parts of ``el`` outside text boxes and fallbacks, in order."""
    for child in el.iterchildren():
        if child.tag in _TEXT_PARTS:
            yield child
        elif child.tag not in (_TXBX, _FALLBACK):
            yield from _own_parts(child)


def _cell_text(tc) -> str:
    paragraphs, fallback = [], False
    for node in tc.iter():  # one walk, as in ``_plain_text``: tc.iter(tag) twice cost more
        tag = node.tag
        if tag == _P:
            paragraphs.append(node)
        elif tag == _FALLBACK:
            fallback = True
    parts = [_text_of(p) for p in (_CELL_PARAGRAPHS(tc) if fallback else paragraphs)]
    return " ".join(p for p in parts if p)


def _table_rows(tbl) -> list[str]:
    """One tab-separated line per row, cells in XML order — which is the logical order,
    also for right-to-left (``bidiVisual``) tables: Word mirrors them only on screen.
    A horizontally merged cell (``gridSpan``) appears once; a vertical continuation
    (``vMerge`` without ``restart``) is the ditto mark ``〃`` (``DITTO``), so text is never
    duplicated and the table's reader can take the value from the row above («مسئول اجرا»
    merged over three rows is each row's actor)."""
    rows = []
    for tr in _content(tbl, f"{_W}tr"):
        cells = []
        for tc in _content(tr, f"{_W}tc"):
            vmerge = first_grandchild(tc, _TCPR, _VMERGE)
            if vmerge is not None and vmerge.get(f"{_W}val", "continue") != "restart":
                cells.append(DITTO)
            else:
                cells.append(_cell_text(tc).replace("\t", " "))
        if any(c and c != DITTO for c in cells):
            rows.append("\t".join(cells))
    return rows


_HEADING = re.compile(r"heading\s*(\d)")


def _heading_level(style_name: str) -> int:
    name = style_name.lower()
    if name == "title":
        return 1
    m = _HEADING.match(name)
    return min(int(m.group(1)), 6) if m else 0


_RUN, _RPR, _B, _RSTYLE, _NO_BREAK_HYPHEN = (f"{_W}{name}" for name in ("r", "rPr", "b", "rStyle", "noBreakHyphen"))
_P, _TCPR, _VMERGE, _PPR, _NUMPR = (f"{_W}{name}" for name in ("p", "tcPr", "vMerge", "pPr", "numPr"))


def _run_parts(r) -> tuple[object | None, bool]:
    """(the run's first ``w:rPr`` or None, whether it shows text: ``run.text.strip() != ""``, as
    of a run's text parts only a ``w:t`` with letters or a non-breaking hyphen shows; tabs and
    breaks are space), in one walk over its children: each element lxml hands to Python costs
    a few microseconds, and a paragraph's runs were most of reading it."""
    rpr, shows = None, False
    for child in r:
        tag = child.tag
        if tag == _RPR:
            rpr = rpr if rpr is not None else child
        elif (tag == _T and not shows and (child.text or "").strip()) or tag == _NO_BREAK_HYPHEN:
            shows = True
    return rpr, shows


def _paragraph_walk(p) -> tuple[str, list[tuple[object | None, bool]], list] | None:
    """(``_plain_text(p)``, ``_run_parts`` of each of its runs, its ``w:pPr`` children), or None
    when ``p`` holds a text box or a fallback: one walk over the paragraph, where those were a
    walk each and read each ``w:t``'s text twice; ``tests/test_word_speed.py`` holds it to them.
    A run's own children are what ``_run_parts`` reads; every element, theirs and the other
    children's below them, is a text part or not as in ``_plain_text``; ``p`` itself (a ``w:p``)
    is none."""
    pieces: list[str] = []
    runs, props = [], []
    for child in p:
        if child.tag != _RUN:
            if child.tag == _PPR:
                props.append(child)
            if not _add_shown(child.iter(), pieces):
                return None
            continue
        rpr, shows = None, False
        for node in child:
            tag = node.tag
            if tag == _T:
                text = node.text or ""
                pieces.append(text)
                shows = shows or bool(text.strip())
            elif tag == _RPR:
                rpr = rpr if rpr is not None else node
            elif tag == _NO_BREAK_HYPHEN:
                shows = True
            elif tag in _SHOWN and not _add_shown((node,), pieces):
                return None
            # what lies below a run's child, in order after it
            if len(node) and not _add_shown(node.iterdescendants(), pieces):
                return None
        runs.append((rpr, shows))
    return "".join(pieces), runs, props


def _add_shown(nodes, pieces: list[str]) -> bool:
    """Add what each of ``nodes`` that is a text part shows to ``pieces``; False, at once, for a
    text box or a fallback."""
    for node in nodes:
        tag = node.tag
        if tag in _SHOWN:  # a comment's or an entity's tag is a function: never in it
            shown = _SHOWN[tag]
            if shown is _BOXED:
                return False
            pieces.append(node.text or "" if shown is None else shown)
    return True


def _is_bold(runs: list[tuple[object | None, bool]], style, styles: StyleIndex) -> bool:
    """Every run with text is bold: by its own ``w:rPr/w:b`` (on without a ``w:val``), else by
    its character style, else by the paragraph's ``style``; False when no run has text.
    ``runs``: (first ``w:rPr``, shows text) of each of the paragraph's runs (``_run_parts``)."""
    found = False
    for rpr, shows in runs:
        if not shows:
            continue
        found = True
        b = first_child(rpr, _B) if rpr is not None else None
        if b is not None:
            explicit = on_off(b, styles.where)
        else:
            explicit = styles.bold(styles.run_style(rpr)) or styles.bold(style)
        if not explicit:
            return False
    return found


@dataclass
class _Reading:
    """What reading a document's paragraphs asks of the package besides the paragraphs."""

    styles: StyleIndex
    numbers: Numbering
    _profiles: dict = field(default_factory=dict)

    def profile(self, style) -> tuple[int, bool, bool, tuple[str | None, int | None]]:
        """What a paragraph style says of its paragraphs, read once per style: (heading level,
        whether its name says «list», and «list number», the list it numbers them with)."""
        key = id(style)
        if key not in self._profiles:
            name = self.styles.name(style).lower()
            self._profiles[key] = (_heading_level(name), "list" in name, "list number" in name,
                                   self.styles.numbering(style))
        return self._profiles[key]


def _paragraph_lines(p, counters: dict, doc: _Reading) -> list[str]:
    lines = []
    walked = _paragraph_walk(p)
    if walked is None:  # a text box, or a fallback, somewhere inside
        # lxml's own walk first: the XPath runs only where there is a box at all.
        boxes = _BOXES(p) if next(p.iter(_TXBX), None) is not None else ()
        for box in boxes:
            lines += [t for t in (_text_of(q) for q in box.iter(f"{_W}p")) if t]
        text, runs = _text_of(p), [_run_parts(r) for r in p.iterchildren(_RUN)]
        props = list(p.iterchildren(_PPR))
    else:
        text, runs, props = _cleaned(walked[0]), walked[1], walked[2]
    if not text:
        return lines
    styles = doc.styles
    style = styles.paragraph_of(props[0] if props else None)
    level, list_name, list_number, style_numbering = doc.profile(style)
    marker = _list_marker(props, style_numbering, doc)
    # «List Number» without a numbering definition: numbered here, in a run of such paragraphs
    # («""»: a list item whose format shows no marker)
    numbered = marker is None and list_number
    if level:
        lines.append("#" * level + " " + text)
    elif marker:
        lines.append(f"{marker} {text}")
    elif numbered:
        counters["n"] = counters.get("n", 0) + 1
        lines.append(f"{counters['n']}- {text}")
    elif marker is None and list_name:
        lines.append("- " + text)
    elif _is_bold(runs, style, styles):
        lines.append(f"**{text}**")
    else:
        lines.append(text)
    if not numbered:
        counters["n"] = 0
    return lines


def _list_marker(props: list, style_numbering: tuple[str | None, int | None], doc: _Reading) -> str | None:
    """The marker Word's list numbering gives a paragraph («۳-», «الف-», «-», or "" where its
    format shows none), from its own ``w:numPr`` (the first in its ``w:pPr`` children ``props``,
    as ``_num_pr`` finds it) or its style's (``style_numbering``: list, level); None when
    it is no list item."""
    style_id, style_level = style_numbering
    num_id, ilvl = numbered_as(_num_pr(props))
    num_id = num_id if num_id is not None else style_id
    if num_id is None:
        return None
    return doc.numbers.marker(num_id, ilvl if ilvl is not None else style_level or 0)


def _num_pr(props: list):
    """The first ``w:numPr`` child of the ``w:pPr`` elements ``props``, in order: what
    ``p.find("w:pPr/w:numPr")`` finds when ``props`` are ``p``'s ``w:pPr`` children."""
    for ppr in props:
        for child in ppr:
            if child.tag == _NUMPR:
                return child
    return None


def _container_lines(container, counters: dict, doc: _Reading) -> list[str]:
    """The paragraphs and tables directly in ``container`` (a body, header or footer), in order."""
    out: list[str] = []
    for block in _content(container, f"{_W}p", f"{_W}tbl"):
        if block.tag == f"{_W}tbl":
            counters["n"] = 0
            out += _table_rows(block)
        else:
            out += _paragraph_lines(block, counters, doc)
    return out


def _sections(body) -> list:
    """Each section's properties, in order: the ones closing a section inside a paragraph,
    then the body's last."""
    return _SECTIONS(body)  # one XPath in C: a path lookup per paragraph from Python cost 0.4 ms


# The body's own w:sectPr and those in its paragraphs' w:pPr, in document order.
_SECTIONS = etree.XPath("w:p/w:pPr/w:sectPr | w:sectPr", namespaces={"w": _W_NS})


def docx_lines(data: bytes, path: str = "<bytes>", *, archive: zipfile.ZipFile | None = None) -> list[str]:
    """The lines of a .docx: header and footer text (once each), then the body; ``archive``:
    ``data`` already opened as a zip, when it is."""
    package = _Package(data, path, archive)
    body = package.document.find(f"{_W}body")
    if body is None:
        raise InputError("not a readable Word document: no w:body in the main part", path=path)
    doc = _Reading(package.styles(), Numbering(package.numbering()))
    sections = _sections(body)
    furniture: list[str] = []
    seen: set[str] = set()
    for kind in ("header", "footer"):
        for section in sections:
            # A section without its own header or footer of a type repeats the one before it.
            for ref in _references(package, section, kind):
                for line in _container_lines(package.part_by_id(ref.get(f"{_R}id")), {}, doc):
                    if line not in seen:
                        seen.add(line)
                        furniture.append(line)
    notes = _notes(package, body, doc)  # first: it writes the notes' numbers into the body's marks
    return furniture + _container_lines(body, {}, doc) + notes


# Word's note numbers: footnotes 1, 2, 3 and endnotes i, ii, iii unless the settings name a format.
_NOTE_KINDS = (("footnote", "decimal"), ("endnote", "lowerRoman"))
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _note_number(n: int, fmt: str) -> str:
    """``n`` as Word writes a note's number in format ``fmt``; decimal for formats not listed."""
    if fmt in ("lowerRoman", "upperRoman") and 0 < n < 4000:
        roman = ""
        for value, letters in _ROMAN:
            count, n = divmod(n, value)
            roman += letters * count
        return roman if fmt == "lowerRoman" else roman.upper()
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        letter = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26] * ((n - 1) // 26 + 1)  # Word: a … z, aa … zz
        return letter if fmt == "lowerLetter" else letter.upper()
    return str(n)


def _notes(package: _Package, body, doc: _Reading) -> list[str]:
    """The lines of the footnotes, then the endnotes, that the body refers to, in the order of
    their marks; each note's mark, and the body's mark for it, is written «[1]» («[i]» for an
    endnote), as Word numbers them. A mark whose author typed a sign of their own
    (``customMarkFollows``: «*») is that sign, already in the text. Above the footnotes, and
    above the endnotes, a «---» line stands for the rule Word draws there: the notes are then
    not read as more of the body's last paragraph (a resolution's text, say). python-docx reads
    no notes, and their text was lost."""
    lines: list[str] = []
    settings = package.settings()
    for kind, default_format in _NOTE_KINDS:
        marks = list(body.iter(f"{_W}{kind}Reference"))
        if not marks:
            continue
        notes = package.related_part(f"/{kind}s")
        by_id = {n.get(f"{_W}id"): n for n in notes.iterchildren(f"{_W}{kind}")} if notes is not None else {}
        props = settings.find(f"{_W}{kind}Pr") if settings is not None else None
        fmt = props.find(f"{_W}numFmt") if props is not None else None
        fmt = fmt.get(f"{_W}val", default_format) if fmt is not None else default_format
        start = props.find(f"{_W}numStart") if props is not None else None
        number = int_value(start, 1) - 1
        kind_lines: list[str] = []
        for mark in marks:
            note = by_id.pop(mark.get(f"{_W}id"), None)  # a note is read once, at its first mark
            custom = mark.get(f"{_W}customMarkFollows")
            if custom is not None and on_off(mark, package.where, "customMarkFollows"):
                shown = ""
            else:
                number += 1
                shown = f"[{_note_number(number, fmt)}]"
            mark.text = f" {shown}" if shown else ""
            if note is None:
                continue
            for own in note.iter(f"{_W}{kind}Ref"):
                own.text = shown
            kind_lines += _container_lines(note, {}, doc)
        if kind_lines:
            lines += ["---", *kind_lines]
    return lines


def _references(package: _Package, section, kind: str) -> list:
    """The headers (or footers) Word shows for ``section``, in page order: the first page's
    when the section has one of its own («titlePg»: an official letterhead, «شماره / تاریخ /
    پیوست», is often there and only there), the default, and the even pages' when the document
    sets them apart (``w:evenAndOddHeaders``). python-docx reads the default only."""
    by_type = {ref.get(f"{_W}type"): ref for ref in section.iterchildren(f"{_W}{kind}Reference")}
    wanted = ["default"]
    title_page = section.find(f"{_W}titlePg")
    if title_page is not None and on_off(title_page, package.where):
        wanted.insert(0, "first")
    if package.even_and_odd():
        wanted.append("even")
    return [by_type[t] for t in wanted if t in by_type]
