"""Who speaks: speaker headings and prose attributions become ``Turn``s with one ``Person`` per speaker.

A mixin of the build stage's assembler: it needs ``self.m`` (the Minutes being
filled), ``self.people`` (speakers by name key), ``self.warn`` and ``self.v``.
The same person is one ``Person`` across turns, whatever the spelling
(«سیدنظرزاده» / «سید نظرزاده»); a role-only heading resolves to the person
already seen — as speaker or in the attendance list — with that role.
"""

from __future__ import annotations

from lark import Token

from ..phrases.attribution import attribute
from ..models import Person, Turn
from ..phrases.people import PersonMatch, find_speaker, name_key, person_at, read_role, role_words, strip_speech_verb
from .tree import Head

__all__ = ["Speakers"]


class Speakers:
    """Mixin: turns and the people who speak in them."""

    def attributed(self, tok: Token) -> bool:
        """Start a turn at a paragraph that names its speaker, unless a heading opened the current turn."""
        if self.m.turns and not self.prose_turns:
            return False
        read = self.read_speakers.pop(tok.line, None)  # the lexer's find_speaker(tok.value), if it read one
        found = attribute(tok.value, speech_verb=tok.type == "SPEAKER" or None, speaker=read)
        if found is None or (found.kind == "person" and found.person is None):
            return False
        if found.kind == "pronoun":
            if not self.m.turns:
                return False
            person = self.m.turns[-1].speaker
        elif found.kind == "role":
            person = self.by_role(found.role or "", tok.line, quiet=True)
        else:
            person = self.person(found.person, tok.line)
            last = self.m.turns[-1].speaker if self.m.turns else None
            if last is not None and last.name is None and last.role and self.same_head(person, last):
                # News style: «استاندار … گفت» then «عابدین خرم … گفت» — the role introduced the name.
                person.role = person.role or last.role
                for turn in self.m.turns:
                    if turn.speaker.name is None and turn.speaker.role == last.role:
                        turn.speaker = person
        self.prose_turns = True
        self.m.turns.append(Turn(speaker=person, text=tok.value, heading=None, line=tok.line))
        if person.name:
            self.people[name_key(person.name)] = person
        return True

    def same_head(self, person: Person, last: Person) -> bool:
        """No role, or a role with the same head word («مدیر …», «مدیر …») as ``last``'s."""
        if person.role is None:
            return True
        heads = [self.v.key_at_start("people.role_heads", role) for role in (person.role, last.role or "")]
        return (heads[0] or ("",))[0] == (heads[1] or ("?",))[0]

    # -- turns ------------------------------------------------------------
    def turn(self, head: Head, paragraphs: list[Token]) -> None:
        first = head.tokens[0]
        heading = "\n".join(t.value for t in head.tokens)
        person: Person | None = None
        if first.type == "ROLE_SPEAKER":
            role = read_role(strip_speech_verb(first.value)) or strip_speech_verb(first.value)
            person = self.by_role(role, first.line)
        else:
            read = self.read_speakers.pop(first.line, None)  # the lexer's find_speaker(first.value)
            found = read or find_speaker(first.value) or person_at(first.value, 0, need_honorific=False)
            if found:
                person = self.person(found, first.line)
            for tok in head.tokens[1:]:
                if person is not None and tok.type in ("ROLE_LINE", "ROLE_SPEAKER") and not person.role:
                    person.role = read_role(strip_speech_verb(tok.value))
        if person is None:
            self.warn("speaker-unknown", f"cannot tell who speaks in «{heading[:80]}»", first.line)
            person = Person(line=first.line)
        if head.organization and not person.organization:
            person.organization = head.organization
        text = "\n".join(p.value for p in paragraphs)
        self.prose_turns = False
        self.m.turns.append(Turn(speaker=person, text=text, heading=heading, line=first.line))
        if person.name:
            self.people[name_key(person.name)] = person

    def person(self, found: PersonMatch, line: int) -> Person:
        known = self.people.get(name_key(found.name)) or self.family(found.name)
        if known is not None:
            for t in found.titles:
                if t not in known.titles:
                    known.titles.append(t)
            known.role = known.role or found.role
            return known
        person = Person(name=found.name, honorific=found.honorific, titles=list(found.titles),
                        role=found.role, line=line)
        listed = self.listed(found.name)
        if listed is not None:  # the attendance list knows the full name and a clean role
            person.name = listed.name if len(listed.name or "") > len(person.name or "") else person.name
            person.honorific = person.honorific or listed.honorific
            person.titles = person.titles or list(listed.titles)
            person.role = person.role or listed.role
        return person

    def family(self, name: str | None) -> Person | None:
        """«خرم افزود» after «عابدین خرم …»: a one-word name that is a known speaker's family name."""
        if not name or len(name.split()) != 1:
            return None
        key = name_key(name)
        for p in self.people.values():
            if p.name and len(p.name.split()) > 1 and name_key(p.name.split()[-1]) == key:
                return p
        return None

    def listed(self, name: str | None) -> Person | None:
        """An attendee, guest, chair or secretary of that name (or family name): they carry clean roles."""
        if not name:
            return None
        h, key = self.m.header, name_key(name)
        for p in [*h.attendees, *h.guests, *filter(None, (h.chair, h.secretary))]:
            if p.name and (name_key(p.name) == key or name_key(p.name.split()[-1]) == key):
                return p.model_copy()
        return None

    def by_role(self, role: str, line: int, quiet: bool = False) -> Person:
        """«معاون بهزیستی استان» → the person already seen (speaker or attendee) whose role matches best."""
        words = role_words(role)
        head = self.v.key_at_start("people.role_heads", role)
        best, best_score = None, 0
        h = self.m.header
        for p in [*self.people.values(), *h.attendees, *h.guests, *filter(None, (h.chair, h.secretary))]:
            if not p.role or head is None or self.v.key_at_start("people.role_heads", p.role) is None:
                continue
            if self.v.key_at_start("people.role_heads", p.role)[0] != head[0]:
                continue
            score = len(words & (role_words(p.role) | role_words(p.organization)))
            if score > best_score:
                best, best_score = p, score
        if best is not None:
            return best
        if not quiet:
            self.warn("speaker-role-unresolved", f"no earlier speaker has the role «{role}»", line, "info")
        return Person(role=role, line=line)
