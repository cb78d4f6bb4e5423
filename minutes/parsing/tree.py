"""Stage 5 — the parse tree, typed: one small dataclass per rule of ``grammars/minutes.lark``.

``TreeToNodes`` is the Transformer Lark runs as it reduces (LALR with ``transformer=``), so
no ``lark.Tree`` is built for a parse; the leaves are the lexer's ``LineToken``s. The build
stage reads these nodes by attribute, never by position.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lark import Transformer

from .lexer import LineToken

__all__ = [
    "Document", "Paragraph", "Turn", "SpeakerHead", "Decisions", "Item", "Topic", "Agenda", "Table", "Attendance",
    "FieldLine", "Title", "OrgHeading", "Section", "Closing", "Block", "TreeToNodes",
]


@dataclass(slots=True)
class _OneLine:
    """A rule of one line: its token."""

    token: LineToken


class Paragraph(_OneLine):
    __slots__ = ()


@dataclass(slots=True)  # one per turn: a dict each was a tenth of a long debate's memory
class SpeakerHead:
    """A speaker heading (one to three lines) and the organisation heading above it, if any."""

    tokens: list[LineToken]
    organization: LineToken | None = None


@dataclass(slots=True)
class Turn:
    head: SpeakerHead
    paragraphs: list[LineToken]


@dataclass(slots=True)
class Item:
    """A resolution written as a list item, with its continuation lines."""

    token: LineToken
    more: list[LineToken]


@dataclass(slots=True)
class Decisions:
    """A decision list: its introduction, if any, and its items (with topic headings among them)."""

    intro: LineToken | None
    items: list[Item | Topic]


@dataclass(slots=True)
class Agenda:
    items: list[LineToken]


@dataclass(slots=True)
class Table:
    """A resolution table: its title line, if any, and its header and rows across page breaks."""

    title: LineToken | None
    rows: list[LineToken]


@dataclass(slots=True)
class Attendance:
    head: LineToken
    rows: list[LineToken]


class Topic(_OneLine):
    """A heading inside a decision list: the topic of the items below it."""

    __slots__ = ()


class FieldLine(_OneLine):
    __slots__ = ()


class Title(_OneLine):
    __slots__ = ()


class OrgHeading(_OneLine):
    __slots__ = ()


Block = Paragraph | Turn | Decisions | Item | Topic | Agenda | Table | Attendance | FieldLine | Title | OrgHeading


@dataclass(slots=True)
class Section:
    """A section head and its blocks; ``head`` is None for the blocks before the first head."""

    head: LineToken | None
    blocks: list[Block]


@dataclass(slots=True)
class Closing:
    lines: list[LineToken]
    tables: list[Table] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    header: list[LineToken] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: Closing | None = None


class _Spliced:
    """What an inlined rule (Lark's «__body_star_1» for «( … )*», or «_section») hands its
    parent, which splices in its ``children``: Lark needs only that attribute, and a ``Tree``
    per line would cost more. This is the one place that knows how Lark inlines."""

    __slots__ = ("children",)

    def __init__(self, children: list) -> None:
        self.children = children


class TreeToNodes(Transformer):
    """One method per rule of grammars/minutes.lark."""

    def __default__(self, data, children, meta):
        if data.startswith("_"):  # a rule name: a str, or Lark's Token (a str too)
            return _Spliced(children)
        return super().__default__(data, children, meta)

    def start(self, children) -> Document:
        doc = Document()
        for child in children:
            if isinstance(child, Closing):
                doc.closing = child
            elif isinstance(child, list) and child and isinstance(child[0], Section):
                doc.sections = child
            elif isinstance(child, list) and child and isinstance(child[0], LineToken):
                doc.header = child
        return doc

    def header(self, children) -> list[LineToken]:
        return list(children)

    def body(self, children) -> list[Section]:
        loose = [c for c in children if not isinstance(c, Section)]
        return ([Section(None, loose)] if loose else []) + [c for c in children if isinstance(c, Section)]

    def section(self, children) -> Section:
        return Section(children[0], list(children[1:]))

    agenda_section = resolutions_section = section

    def agenda(self, children) -> Agenda:
        return Agenda(list(children))

    def decisions(self, children) -> Decisions:
        intro = children[0] if isinstance(children[0], LineToken) else None
        return Decisions(intro, [c for c in children if isinstance(c, (Item, Topic))])

    def intro(self, children) -> LineToken:
        return children[0]

    def decided(self, children) -> Item:
        return Item(children[0], list(children[1:]))

    item = prose = decided

    def paragraph(self, children) -> Paragraph:
        return Paragraph(children[0])

    def topic(self, children) -> Topic:
        return Topic(children[0])

    def field(self, children) -> FieldLine:
        return FieldLine(children[0])

    def title(self, children) -> Title:
        return Title(children[0])

    def attendance(self, children) -> Attendance:
        return Attendance(children[0], list(children[1:]))

    def org_heading(self, children) -> OrgHeading:
        return OrgHeading(children[0])

    def turn(self, children) -> Turn:
        return Turn(children[0], list(children[1:]))

    def speaker_head(self, children) -> SpeakerHead:
        org = children[0] if len(children) > 1 and isinstance(children[0], LineToken) \
            and children[0].type == "ORG_HEAD" else None
        rest = children[1:] if org is not None else children
        tokens = rest[0] if isinstance(rest[0], list) else list(rest)
        return SpeakerHead(tokens, org)

    def named_head(self, children) -> list[LineToken]:
        return list(children)

    def resolutions(self, children) -> Table:
        title = children[0] if isinstance(children[0], LineToken) else None
        return Table(title, [row for table in children if isinstance(table, list) for row in table])

    def table(self, children) -> list[LineToken]:
        return list(children)

    def closing(self, children) -> Closing:
        return Closing([c for c in children if isinstance(c, LineToken)], [c for c in children if isinstance(c, Table)])
