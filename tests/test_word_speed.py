"""The Word reader's shortcuts give the answers of the plain lxml calls they stand for: a loop
over an element's children is ``el.find(tag)`` / ``el.find("a/b")``; one walk over a paragraph's
elements joins the text ``el.iter(*_TEXT_PARTS)`` joins, and sends a paragraph with a text box
or a fallback the long way; a loop over a container's children finds the blocks
``iterchildren(*tags)`` finds; a styles part read by the styles asked for answers as the part
parsed whole. Trees are drawn from the tags the reader looks for, comments among them, nested
at random; styles parts from small pools of ids, types and defaults."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from minutes.read import word
from minutes.read.word_styles import StyleIndex, first_child, first_grandchild

_W = word._W
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TAGS = [f"{_W}{name}" for name in ("p", "r", "t", "tab", "br", "cr", "footnoteReference", "endnoteRef", "pPr",
                                    "numPr", "numId", "rPr", "b", "tc", "tcPr", "vMerge", "tr", "tbl", "sdt",
                                    "sdtContent", "customXml", "txbxContent", "hyperlink", "noBreakHyphen")] + [f"{_MC}Fallback"]
# The paths the reader asks for, and two it does not, the trees draw them often enough.
_PAIRS = [(f"{_W}{a}", f"{_W}{b}") for a, b in (("pPr", "numPr"), ("tcPr", "vMerge"), ("numPr", "numId"),
                                                ("p", "r"), ("r", "t"))]
_TEXTS = st.sampled_from([None, "", " ", "متن", "a  b", "\t", "x\xa0y", "  جلسه  "])


@st.composite
def _trees(draw, depth: int = 0):
    """An element of a drawn tag, with drawn text and children (a comment now and then)."""
    el = etree.Element(draw(st.sampled_from(_TAGS)))
    el.text = draw(_TEXTS)
    for _ in range(draw(st.integers(0, 4 if depth < 4 else 0))):
        if draw(st.integers(0, 9)) == 0:
            el.append(etree.Comment("c"))
        else:
            el.append(draw(_trees(depth + 1)))
    return el


def _old_text(el) -> str:
    """``_text_of`` as it was written with lxml's tag-matching walks."""
    parts = word._own_parts(el) if next(el.iter(word._TXBX, word._FALLBACK), None) is not None \
        else el.iter(*word._TEXT_PARTS)
    raw = "".join(node.text or "" if node.tag in word._WITH_TEXT else "\t" if node.tag == word._TAB else " "
                  for node in parts)
    return word._cleaned(raw)


def _old_content(el, *tags):
    for child in el.iterchildren(*tags, word._SDT, word._CUSTOM_XML):
        if child.tag == word._SDT:
            inner = child.find(word._SDT_CONTENT)
            if inner is not None:
                yield from _old_content(inner, *tags)
        elif child.tag == word._CUSTOM_XML:
            yield from _old_content(child, *tags)
        else:
            yield child


def _old_cell_text(tc) -> str:
    paragraphs = word._CELL_PARAGRAPHS(tc) if next(tc.iter(word._FALLBACK), None) is not None \
        else tc.iter(f"{_W}p")
    return " ".join(t for t in (_old_text(p) for p in paragraphs) if t)


@settings(max_examples=150, deadline=None)
@given(tree=_trees())
def test_child_loops_find_what_find_finds(tree):
    for el in tree.iter(tag=etree.Element):
        for tag in _TAGS:
            assert first_child(el, tag) is el.find(tag)
        for tag, inner in _PAIRS:
            assert first_grandchild(el, tag, inner) is el.find(f"{tag}/{inner}")


@settings(max_examples=150, deadline=None)
@given(tree=_trees())
def test_one_walk_reads_the_text_the_tag_walks_read(tree):
    for el in tree.iter(tag=etree.Element):
        plain = word._plain_text(el)
        boxed = next(el.iter(word._TXBX, word._FALLBACK), None) is not None
        assert (plain is None) == boxed
        assert word._text_of(el) == _old_text(el)
        if not boxed:
            assert word._cleaned(plain) == _old_text(el)


@settings(max_examples=300, deadline=None)
@given(tree=_trees())
def test_a_paragraphs_one_walk_reads_its_text_and_runs_as_the_two_walks(tree):
    for el in tree.iter(tag=etree.Element):
        if el.tag in word._SHOWN:
            continue  # a paragraph (or what the test draws in its place) is itself no text part
        walked = word._paragraph_walk(el)
        plain = word._plain_text(el)
        assert (walked is None) == (plain is None)
        if walked is not None:
            props = list(el.iterchildren(f"{_W}pPr"))
            assert walked == (plain, [word._run_parts(r) for r in el.iterchildren(f"{_W}r")], props)
            assert word._num_pr(props) is el.find(f"{_W}pPr/{_W}numPr")


@settings(max_examples=150, deadline=None)
@given(tree=_trees())
def test_content_and_cells_as_the_tag_walks_give_them(tree):
    tags = (f"{_W}p", f"{_W}tbl")
    for el in tree.iter(tag=etree.Element):
        assert list(word._content(el, *tags)) == list(_old_content(el, *tags))
        assert list(word._content(el, f"{_W}tc")) == list(_old_content(el, f"{_W}tc"))
        assert word._cell_text(el) == _old_cell_text(el)


@settings(max_examples=300, deadline=None)
@given(blob=st.lists(st.sampled_from([b"<", b"!", b"<!", b"DOCTYPE", b"entity", b" ", b"\n", b"<w:t>", b"x"]),
                     max_size=12).map(b"".join))
def test_the_dtd_check_finds_what_the_pattern_finds(blob):
    assert word._declares_dtd(blob) == (word._DTD.search(blob) is not None)


# Styles parts drawn at random: ids, types and defaults from small pools (so that ids repeat
# and defaults compete), attributes in any order and quoting, with now and then a shape the
# targeted reading must leave to the whole parse (an empty style, a style inside a style or in
# another element, a comment).
_STYLE_IDS = ["Normal", "A", "a b", "Heading1", ""]
_KINDS = ["paragraph", "character", "table", None]


@st.composite
def _style_xml(draw, depth: int = 0) -> bytes:
    attributes = []
    for name, values in (("w:type", _KINDS), ("w:styleId", _STYLE_IDS + [None]),
                         ("w:default", [None, "1", "0", "true", "off"])):
        value = draw(st.sampled_from(values))
        if value is not None:
            quote, space = draw(st.sampled_from(['"', "'"])), draw(st.sampled_from(["", " "]))
            attributes.append(f"{name}{space}={space}{quote}{value}{quote}")
    attributes = draw(st.permutations(attributes))
    body = ""
    if draw(st.booleans()):
        body += f'<w:name w:val="{draw(st.sampled_from(["Normal", "heading 1", "List Number", "x"]))}"/>'
    if draw(st.booleans()):
        body += f'<w:basedOn w:val="{draw(st.sampled_from(_STYLE_IDS))}"/>'
    if draw(st.booleans()):
        body += '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr>'
    if draw(st.booleans()):
        body += "<w:rPr><w:b/></w:rPr>"
    shape = draw(st.sampled_from(["plain"] * 12 + ["empty", "nested", "grouped", "comment"])) if depth == 0 else "plain"
    tag = "<w:style" + "".join(" " + a for a in attributes)
    if shape == "empty":
        return (tag + "/>").encode()
    if shape == "nested":
        body += draw(_style_xml(1)).decode()
    xml = f"{tag}>{body}</w:style>"
    return {"grouped": f"<w:group>{xml}</w:group>", "comment": f"<!-- x -->{xml}"}.get(shape, xml).encode()


_STYLES_ROOT = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                b"<w:docDefaults/><w:latentStyles/>")


def _style_answers(index) -> list:
    out = []
    for sid in _STYLE_IDS + [None]:
        for kind in ("paragraph", "character"):
            style = index._style(sid, kind)
            out.append((etree.tostring(style) if style is not None else None, index.name(style),
                        index.bold(style), index.numbering(style)))
    return out


@settings(max_examples=300, deadline=None)
@given(styles=st.lists(_style_xml(), max_size=6))
def test_styles_found_when_asked_answer_as_the_part_parsed_whole(styles):
    blob = _STYLES_ROOT + b"".join(styles) + b"</w:styles>"
    parse = lambda b: etree.fromstring(b, word._PARSER)  # noqa: E731
    whole = StyleIndex(parse(blob))
    assert _style_answers(StyleIndex(blob, parse=parse)) == _style_answers(whole)
