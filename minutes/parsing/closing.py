"""The closing: declared resolution count, end of meeting, signatories.

Functions over the build stage's ``State``. Signatures come as one name per
line with the role under it, as names side by side with roles side by side, or
as a signature table «نام و نام خانوادگی | سمت | امضاء».
"""

from __future__ import annotations

import re

from typing import TYPE_CHECKING

from ..phrases.attendance import read_signature_row, signature_columns
from ..phrases.meeting import read_time
from ..models import Person
from ..text.normalize import to_ascii_digits
from ..phrases.people import name_key, person_at, starts_with_role

from ..text.vocab import vocab
from . import tree
from .lexer import LineToken, closing_kind

if TYPE_CHECKING:
    from .build import State

__all__ = ["read", "signatories_from_turns"]


def read(state: "State", closing: tree.Closing) -> None:
    """The closing lines: the declared count or the end time, signature heads, signatories."""
    for tok in closing.lines:
        if tok.type == "CLOSING":
            c = state.m.closing
            if (tok.reading or closing_kind(tok.value)) == "end":
                # «جلسه در ساعت ۱۹:۳۰ … خاتمه یافت»: the end time, not a count.
                state.m.header.meeting.end_time = state.m.header.meeting.end_time or read_time(tok.value)[0]
            elif c.declared_resolution_count is None:  # «در این جلسه ۷ مصوبه … قرار گرفت»
                m = re.search(r"([0-9]+)", to_ascii_digits(tok.value))
                c.declared_resolution_count = int(m.group(1)) if m else None
            c.text = tok.value if c.text is None else c.text + "\n" + tok.value
            c.line = tok.line
        elif tok.type == "SIGNATURE_HEAD" or (tok.type == "SIGNATURE" and
                                              vocab().lookup("sections.signature_heads", tok.value.strip(" :"))):
            # «امضای حاضرین:» heads the signatures; the line is kept in closing.text
            state.m.closing.text = "\n".join(filter(None, (state.m.closing.text, tok.value)))
        elif tok.type == "SIGNATURE" and "\t" in tok.value:
            signature_row(state, tok)
        elif tok.type == "SIGNATURE" and starts_with_role(tok.value) and state.m.closing.signatories \
                and state.m.closing.signatories[-1].role is None:
            state.m.closing.signatories[-1].role = tok.value.strip()  # «مدیر کل و رئیس …» under the name
        elif tok.type == "SIGNATURE":
            state.m.closing.signatories.append(signatory(state, tok.value, tok.line))
        else:
            state.warn("after-closing", f"text after the closing: «{tok.value}»", tok.line, "info")


def signatory(state: "State", text: str, line: int) -> Person:
    text = text.strip()
    found = person_at(text, 0) or person_at(text, 0, need_honorific=False)
    role = None
    words = text.split()
    for i in range(1, len(words)):
        if starts_with_role(" ".join(words[i:])):
            role, text = " ".join(words[i:]), " ".join(words[:i])
            break
    person = Person(name=text if not found or found.honorific is None else found.name,
                    honorific=found.honorific if found else None,
                    titles=found.titles if found else [], role=role, line=line)
    if found and found.honorific and found.name and role is None:
        # «جناب آقای دکتر احمدی ۹۹/۱۱/۲۱»: what follows the name (a date, a note) is reported, not dropped
        extra = text[text.find(found.name) + len(found.name):].strip(" ،,-–")
        if extra:
            state.warn("signature-note", f"beside the signature of {found.name}: «{extra}»", line, "info")
    return person


def signature_row(state: "State", tok: LineToken) -> None:
    """A signature table row («نام و نام خانوادگی | سمت | امضاء»), or names side by side
    with their roles side by side on the next line."""
    raw = tok.value.split("\t")
    signed = state.m.closing.signatories
    header = signature_columns(raw)
    if header:
        state.signature_columns = header
        # the table's header row is kept beside the closing line, as written
        state.m.closing.text = "\n".join(filter(None, (state.m.closing.text, tok.value.replace("\t", " | "))))
        return
    if state.signature_columns:
        person = read_signature_row(raw, state.signature_columns)
        if person:
            person.line = tok.line
            signed.append(person)
        # Cells under a header no one knows («تلفن»), or past the header's end: kept here.
        keys = state.signature_columns + [None] * max(0, len(raw) - len(state.signature_columns))
        extra = [c.strip() for k, c in zip(keys, raw) if k is None and c.strip()]
        if extra:
            state.warn("signature-note", f"signature table cells in no known column: «{' | '.join(extra)}»",
                       tok.line, "info")
        return
    cells = [c.strip() for c in raw if c.strip()]
    pending = [p for p in signed if p.role is None and p.line == state.last_signature_line]
    if pending and len(pending) == len(cells) and all(starts_with_role(c) for c in cells):
        for person, role in zip(pending, cells):
            person.role = role
        return
    state.last_signature_line = tok.line
    for cell in cells:
        signed.append(signatory(state, cell, tok.line))


def signatories_from_turns(state: "State") -> None:
    """A signatory named in the turns takes the titles (and, if unsigned, the role) given there."""
    for person in state.m.closing.signatories:
        family = name_key(person.name.split()[-1]) if person.name and person.name.split() else ""
        for p in state.people.values():
            if family and p.name and name_key(p.name.split()[-1]) == family:
                person.role = person.role or p.role
                person.titles = person.titles or list(p.titles)
