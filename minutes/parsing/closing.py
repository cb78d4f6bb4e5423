"""The closing: declared resolution count, end of meeting, signatories.

A mixin of the build stage's assembler (needs ``self.m``, ``self.parts``,
``self.people``, ``self.warn``, ``self.v``). Signatures come as one name per
line with the role under it, as names side by side with roles side by side, or
as a signature table «نام و نام خانوادگی | سمت | امضاء».
"""

from __future__ import annotations

import re

from lark import Token

from ..phrases.attendance import read_signature_row, signature_columns
from ..phrases.meeting import read_time
from ..models import Person
from ..text.normalize import to_ascii_digits
from ..phrases.people import name_key, person_at, starts_with_role

__all__ = ["ClosingReader"]


class ClosingReader:
    """Mixin: the closing lines of the minutes."""

    # -- closing ----------------------------------------------------------
    def closing(self) -> None:
        for tok in self.parts.closing:
            if tok.type == "CLOSING" and self.m.closing.text is None:
                if self.v.rx("<<sections.closing_end>>").search(tok.value):
                    # «جلسه در ساعت ۱۹:۳۰ … خاتمه یافت»: the end time, not a count.
                    self.m.header.meeting.end_time = self.m.header.meeting.end_time or read_time(tok.value)[0]
                else:
                    m = re.search(r"([0-9]+)", to_ascii_digits(tok.value))
                    self.m.closing.declared_resolution_count = int(m.group(1)) if m else None
                self.m.closing.text = tok.value
                self.m.closing.line = tok.line
            elif tok.type == "CLOSING":
                m = re.search(r"([0-9]+)", to_ascii_digits(tok.value))
                if m and self.m.closing.declared_resolution_count is None and \
                        not self.v.rx("<<sections.closing_end>>").search(tok.value):
                    self.m.closing.declared_resolution_count = int(m.group(1))
                self.m.closing.text += "\n" + tok.value
                self.m.closing.line = tok.line
            elif tok.type == "SIGNATURE" and self.v.lookup("sections.signature_heads", tok.value.strip(" :")):
                # «امضای حاضرین:» heads the signatures; the line is kept in closing.text
                self.m.closing.text = "\n".join(filter(None, (self.m.closing.text, tok.value)))
            elif tok.type == "SIGNATURE" and "\t" in tok.value:
                self.signature_row(tok)
            elif tok.type == "SIGNATURE" and starts_with_role(tok.value) and self.m.closing.signatories \
                    and self.m.closing.signatories[-1].role is None:
                self.m.closing.signatories[-1].role = tok.value.strip()  # «مدیر کل و رئیس …» under the name
            elif tok.type == "SIGNATURE":
                self.m.closing.signatories.append(self.signatory(tok))
            else:
                self.warn("after-closing", f"text after the closing: «{tok.value[:120]}»", tok.line, "info")

    def signatory(self, tok: Token) -> Person:
        text = tok.value.strip()
        found = person_at(text, 0) or person_at(text, 0, need_honorific=False)
        role = None
        words = text.split()
        for i in range(1, len(words)):
            if starts_with_role(" ".join(words[i:])):
                role, text = " ".join(words[i:]), " ".join(words[:i])
                break
        person = Person(name=text if not found or found.honorific is None else found.name,
                        honorific=found.honorific if found else None,
                        titles=found.titles if found else [], role=role, line=tok.line)
        if found and found.honorific and found.name and role is None:
            # «جناب آقای دکتر احمدی ۹۹/۱۱/۲۱»: what follows the name (a date, a note) is reported, not dropped
            extra = text[text.find(found.name) + len(found.name):].strip(" ،,-–")
            if extra:
                self.warn("signature-note", f"beside the signature of {found.name}: «{extra}»", tok.line, "info")
        return person

    def signature_row(self, tok: Token) -> None:
        """A signature table row («نام و نام خانوادگی | سمت | امضاء»), or names side by side
        with their roles side by side on the next line."""
        raw = tok.value.split("\t")
        signed = self.m.closing.signatories
        header = signature_columns(raw)
        if header:
            self.signature_columns = header
            # the table's header row is kept beside the closing line, as written
            self.m.closing.text = "\n".join(filter(None, (self.m.closing.text, tok.value.replace("\t", " | "))))
            return
        if self.signature_columns:
            person = read_signature_row(raw, self.signature_columns)
            if person:
                person.line = tok.line
                signed.append(person)
            return
        cells = [c.strip() for c in raw if c.strip()]
        pending = [p for p in signed if p.role is None and p.line == self.last_signature_line]
        if pending and len(pending) == len(cells) and all(starts_with_role(c) for c in cells):
            for person, role in zip(pending, cells):
                person.role = role
            return
        self.last_signature_line = tok.line
        for cell in cells:
            signed.append(self.signatory(Token("SIGNATURE", cell, line=tok.line)))

    def signatories_from_turns(self) -> None:
        """A signatory named in the turns takes the titles (and, if unsigned, the role) given there."""
        for person in self.m.closing.signatories:
            family = name_key(person.name.split()[-1]) if person.name and person.name.split() else ""
            for p in self.people.values():
                if family and p.name and name_key(p.name.split()[-1]) == family:
                    person.role = person.role or p.role
                    person.titles = person.titles or list(p.titles)
