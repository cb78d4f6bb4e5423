"""Stage 5½ — the parse tree as parts: one Transformer method per rule of ``grammars/minutes.lark``.

The methods only regroup tokens (Lark ``Token``s, one per source line) into
plain tuples and dataclasses; ``build`` gives them meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lark import Token, Transformer

__all__ = ["Head", "Parts", "TreeToParts"]


@dataclass(slots=True)  # one per turn: a dict each was a tenth of a long debate's memory
class Head:
    """A speaker heading: its tokens and the organisation heading above it, if any."""

    tokens: list[Token]
    organization: str | None = None
    organization_token: Token | None = None


@dataclass
class Parts:
    header: list[Token] = field(default_factory=list)
    sections: list[tuple[Token | None, list]] = field(default_factory=list)
    closing: list[Token] = field(default_factory=list)


class _Inlined:
    """What an inlined rule (Lark's «__body_star_1» for «( … )*») hands its parent, which splices in
    its ``children``: Lark needs only that attribute, and a ``Tree`` per line cost more."""

    __slots__ = ("children",)

    def __init__(self, children: list) -> None:
        self.children = children


class TreeToParts(Transformer):
    """One method per rule of grammars/minutes.lark."""

    def __default__(self, data, children, meta):
        if data.startswith("_"):  # a rule name: a str, or Lark's Token (a str too)
            return _Inlined(children)
        return super().__default__(data, children, meta)

    def start(self, children):
        parts = Parts()
        for child in children:
            if isinstance(child, tuple) and child[0] == "header":
                parts.header = child[1]
            elif isinstance(child, tuple) and child[0] == "body":
                parts.sections = child[1]
            elif isinstance(child, tuple) and child[0] == "closing":
                parts.closing = child[1]
        return parts

    def header(self, children):
        return ("header", list(children))

    def body(self, children):
        sections: list[tuple[Token | None, list]] = []
        loose = [c for c in children if not (isinstance(c, tuple) and c[0] == "section")]
        if loose:
            sections.append((None, loose))
        sections += [c[1] for c in children if isinstance(c, tuple) and c[0] == "section"]
        return ("body", sections)

    def section(self, children):
        return ("section", (children[0], list(children[1:])))

    def paragraph(self, children):
        return ("paragraph", children[0])

    def agenda(self, children):
        return ("agenda", list(children))

    def title(self, children):
        return ("title", children[0])

    def field(self, children):
        return ("field", children[0])

    def attendance(self, children):
        return ("attendance", children[0], list(children[1:]))

    def decisions(self, children):
        intro = children[0] if isinstance(children[0], Token) else None
        return ("decisions", intro, [c for c in children if isinstance(c, tuple)])

    def decision(self, children):
        return ("decision", children[0], list(children[1:]))

    def org_heading(self, children):
        return ("org_heading", children[0])

    def turn(self, children):
        return ("turn", children[0], list(children[1:]))

    def speaker_head(self, children):
        org = children[0] if len(children) > 1 and children[0].type == "ORG_HEAD" else None
        rest = children[1:] if org is not None else children
        tokens = rest[0] if isinstance(rest[0], list) else list(rest)
        return Head(tokens=tokens, organization=org.value if org is not None else None, organization_token=org)

    def named_head(self, children):
        return list(children)

    def resolutions(self, children):
        title = children[0] if isinstance(children[0], Token) else None
        rows = [row for table in children if isinstance(table, list) for row in table]
        return ("resolutions", title, rows)

    def table(self, children):
        return list(children)

    def closing(self, children):
        return ("closing", list(children))

