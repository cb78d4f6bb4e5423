"""Who speaks: speaker headings and prose attributions become ``Turn``s with one ``Person`` per speaker.

Functions over the build stage's ``State`` (``state.m``, the Minutes being filled;
``state.people``, speakers by name key; ``state.warn``).
The same person is one ``Person`` across turns, whatever the spelling
(«سیدنظرزاده» / «سید نظرزاده»); a role-only heading resolves to the person
already seen — as speaker or in the attendance list — with that role.

People named in apposition in prose («به ریاست ابوالفضل کریمی، فرماندار شهرستان», «با حضور
آقای … مدیر …») are remembered in ``state.people`` without being speakers, so that a later
role («فرماندار … گفت») or bare name («کریمی … تأکید کرد») refers back to them. A paragraph
opening with a label «Name:» is a transcript turn when the name is a person named before
(glued «فلاح:» or misspelt by one letter); an unknown name before a colon is prose.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..models import Person, Turn
import re

from ..phrases.attribution import attribute, clean_role, lead_in
from ..phrases.meeting import present_in
from ..phrases.people import PersonMatch, find_speaker, name_key, person_at, read_role, role_words, strip_speech_verb
from ..text.vocab import vocab
from .lexer import LineToken
from .tree import SpeakerHead

if TYPE_CHECKING:
    from .build import State

__all__ = ["attributed", "turn"]


def attributed(state: "State", tok: LineToken, text: str) -> bool:
    """Start a turn at a paragraph that names its speaker, unless a heading opened the current turn."""
    if state.m.turns and not state.prose_turns:
        return False
    _remember_mentions(state, text, tok.line)
    labelled = _label(state, text)
    if labelled is not None:
        _append(state, labelled, text, tok.line)
        return True
    # The lexer's find_speaker(tok.value), if it read one (a speaker heading read as prose).
    read = tok.reading if tok.type in ("SPEAKER", "NAME_HEAD", "PERSON_LINE") and text == tok.value else None
    found = attribute(text, speech_verb=tok.type == "SPEAKER" or None, speaker=read,
                      known=lambda name: _known(state, name) is not None)
    if found is None or (found.kind == "person" and found.person is None):
        return False
    if found.kind == "pronoun":
        if not state.m.turns:
            return False
        person = state.m.turns[-1].speaker
    elif found.kind == "role":
        person = by_role(state, found.role or "", tok.line, quiet=True)
        last = state.m.turns[-1].speaker if state.m.turns else None
        if person.name is None and last is not None and last.name and not last.role:
            # «صغیری … اظهار داشت» then «سرپرست بخشداری … افزود»: the role no one else holds is the
            # one of the person just named without it
            last.role = person.role
            person = last
    else:
        person = known_person(state, found.person, tok.line)
        last = state.m.turns[-1].speaker if state.m.turns else None
        if last is not None and last.name is None and last.role and same_head(state, person, last):
            # News style: «استاندار … گفت» then «عابدین خرم … گفت» — the role introduced the name.
            person.role = person.role or last.role
            for earlier in state.m.turns:
                if earlier.speaker.name is None and earlier.speaker.role == last.role:
                    earlier.speaker = person
    _append(state, person, text, tok.line)
    return True


def _append(state: "State", person: Person, text: str, line: int) -> None:
    state.prose_turns = True
    state.m.turns.append(Turn(speaker=person, text=text, heading=None, line=line))
    if person.name:
        state.people[name_key(person.name)] = person


_LABEL = re.compile(r"^([^\s:،,.]{2,}(?:[\s\u200c][^\s:،,.]+){0,3})\s*:\s*(?=\S)")


def _label(state: "State", text: str) -> Person | None:
    """«فلاح: …», «آقای فلاح:…»: a transcript label naming a person named before."""
    start = lead_in(text)
    m = _LABEL.match(text, start)
    if m is None:
        return None
    label = m.group(1)
    found = person_at(label, 0) or person_at(label, 0, need_honorific=False)
    names = [found.name] if found and found.name else []
    names.append(label)
    for name in names:
        known = _known(state, name) or _near(state, name)
        if known is not None:
            return known
    return None


def _known(state: "State", name: str | None) -> Person | None:
    """The person already seen (speaker, mention or listed) with that name or family name."""
    if not name:
        return None
    return state.people.get(name_key(name)) or family(state, name) or listed(state, name)


def _near(state: "State", name: str) -> Person | None:
    """A known person whose name (or family name) is ``name`` with one letter added, dropped or
    changed («فلاحی» for «فلاح»): misspelt labels. Names under four letters never match."""
    key = name_key(name)
    if len(key) < 4:
        return None
    h = state.m.header
    for p in [*state.people.values(), *h.attendees, *filter(None, (h.chair, h.secretary))]:
        for cand in {name_key(p.name), name_key((p.name or "").split()[-1] if p.name else "")}:
            if len(cand) >= 4 and _one_edit(key, cand):
                return p
    return None


def _one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _remember_mentions(state: "State", text: str, line: int) -> None:
    """«به ریاست ابوالفضل کریمی، فرماندار شهرستان», «با حضور آقای … مدیر …»: people named
    with their role, kept so that a later role or family name refers back to them."""
    v = vocab()
    people: list[PersonMatch | Person] = []
    for m in v.rx(r"(?:^|\s)(?:<<people.chair_before>>)\s+").finditer(text):
        found = person_at(text, m.end()) or person_at(text, m.end(), need_honorific=False)
        if found and found.role:
            people.append(found)
    people += [p for p in present_in(text, line) if p.honorific or p.titles]
    for p in people:
        if not p.name or not p.role or name_key(p.name) in state.people:
            continue
        role = clean_role(p.role)
        state.people[name_key(p.name)] = Person(name=p.name, honorific=p.honorific, titles=list(p.titles),
                                                role=role or None, line=line)


def same_head(state: "State", person: Person, last: Person) -> bool:
    """No role, or a role with the same head word («مدیر …», «مدیر …») as ``last``'s."""
    if person.role is None:
        return True
    heads = [vocab().key_at_start("people.role_heads", role) for role in (person.role, last.role or "")]
    return (heads[0] or ("",))[0] == (heads[1] or ("?",))[0]


def turn(state: "State", head: SpeakerHead, paragraphs: list[LineToken]) -> None:
    first = head.tokens[0]
    heading = "\n".join(t.value for t in head.tokens)
    person: Person | None = None
    if first.type == "ROLE_SPEAKER":
        role = read_role(strip_speech_verb(first.value)) or strip_speech_verb(first.value)
        person = by_role(state, role, first.line)
    else:
        found = first.reading or find_speaker(first.value) or person_at(first.value, 0, need_honorific=False)
        if found:
            person = known_person(state, found, first.line)
        for tok in head.tokens[1:]:
            if person is not None and tok.type in ("ROLE_LINE", "ROLE_SPEAKER") and not person.role:
                person.role = read_role(strip_speech_verb(tok.value))
    if person is None:
        state.warn("speaker-unknown", f"cannot tell who speaks in «{heading}»", first.line)
        person = Person(line=first.line)
    if head.organization is not None and not person.organization:
        person.organization = head.organization.value
    text = "\n".join(p.value for p in paragraphs)
    state.prose_turns = False
    state.m.turns.append(Turn(speaker=person, text=text, heading=heading, line=first.line))
    if person.name:
        state.people[name_key(person.name)] = person


def known_person(state: "State", found: PersonMatch, line: int) -> Person:
    known = state.people.get(name_key(found.name)) or family(state, found.name)
    if known is not None:
        for t in found.titles:
            if t not in known.titles:
                known.titles.append(t)
        known.role = known.role or found.role
        return known
    person = Person(name=found.name, honorific=found.honorific, titles=list(found.titles),
                    role=found.role, line=line)
    on_list = listed(state, found.name)
    if on_list is not None:  # the attendance list knows the full name and a clean role
        person.name = on_list.name if len(on_list.name or "") > len(person.name or "") else person.name
        person.honorific = person.honorific or on_list.honorific
        person.titles = person.titles or list(on_list.titles)
        person.role = person.role or on_list.role
    return person


def family(state: "State", name: str | None) -> Person | None:
    """«خرم افزود» after «عابدین خرم …»: a one-word name that is a known speaker's family name
    (the first such speaker, in the order first seen)."""
    if not name or len(name.split()) != 1:
        return None
    if not isinstance(state.people, _People):
        state.people = _People(state.people)
    return state.people.families().get(name_key(name))


_MISSING = object()


class _People(dict):
    """``state.people`` that keeps its index of family names up to date as people are added:
    scanning every speaker on each one-word name cost time quadratic in the speakers (20,000
    one-word speaker headings took 45 s). A person's name does not change once here."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._index: dict[str, Person] = {}
        self._new: list[Person] = list(self.values())
        self._stale = False

    def __setitem__(self, key, value) -> None:
        old = self.get(key, _MISSING)
        if old is _MISSING:
            self._new.append(value)
        elif old is not value:  # a replaced person: the index is built again
            self._stale = True
        super().__setitem__(key, value)

    def __delitem__(self, key) -> None:
        self._stale = True
        super().__delitem__(key)

    def families(self) -> dict[str, Person]:
        if self._stale:
            self._index, self._new, self._stale = {}, list(self.values()), False
        for p in self._new:
            if p.name and len(p.name.split()) > 1:
                self._index.setdefault(name_key(p.name.split()[-1]), p)
        self._new = []
        return self._index


def listed(state: "State", name: str | None) -> Person | None:
    """An attendee, guest, chair or secretary of that name (or family name): they carry clean roles."""
    if not name:
        return None
    h, key = state.m.header, name_key(name)
    # An index of the lists, built again when they change: scanning every attendee for each
    # speaker cost time quadratic in a long list (10,000 attendees × speakers: 84 s).
    listed_now = (id(h.attendees), len(h.attendees), id(h.guests), len(h.guests), id(h.chair), id(h.secretary))
    cached = getattr(state, "_listed", None)
    if cached is None or cached[0] != listed_now:
        index: dict[str, Person] = {}
        for p in [*h.attendees, *h.guests, *filter(None, (h.chair, h.secretary))]:
            if p.name:
                for k in (name_key(p.name), name_key(p.name.split()[-1])):
                    index.setdefault(k, p)
        state._listed = cached = (listed_now, index)
    p = cached[1].get(key)
    if p is not None and p.name and (name_key(p.name) == key or name_key(p.name.split()[-1]) == key):
        return p.model_copy()
    if p is not None:  # a name changed since: read the lists again
        state._listed = None
        return listed(state, name)
    return None


@lru_cache(maxsize=4096)
def _role_head(role: str, v) -> str | None:
    """The role head's key («معاون», «مدیر» …), asked once per role (and vocabulary ``v``):
    by_role asks it of every person for every role-only heading."""
    found = v.key_at_start("people.role_heads", role)
    return found[0] if found else None


def _other_post(role: str, other: str) -> bool:
    """«مسئول کمیته علمی» and «مسئول کمیته فرهنگی», «معاون آموزشی دانشگاه» and «معاون پژوهشی دانشگاه»: the
    same head, but each names a word the other lacks — two posts, not one. A word that starts the other's
    («شورا», «شورای …») is no difference, nor is a generic one («استان», «شهرستان»)."""
    # the heads are the same post word already, however spelt («رئیس», «ریاست»)
    a, b = role_words(" ".join(role.split()[1:])), role_words(" ".join(other.split()[1:]))
    a_only = {w for w in a - b if not any(x.startswith(w) or w.startswith(x) for x in b - a)}
    b_only = {x for x in b - a if not any(x.startswith(w) or w.startswith(x) for w in a - b)}
    return bool(a_only and b_only)


def by_role(state: "State", role: str, line: int, quiet: bool = False) -> Person:
    """«معاون بهزیستی استان» → the person already seen (speaker or attendee) whose role matches best."""
    words = role_words(role)
    v = vocab()
    head = _role_head(role, v)
    best, best_score = None, 0
    h = state.m.header
    for p in [*state.people.values(), *h.attendees, *h.guests, *filter(None, (h.chair, h.secretary))]:
        if not p.role or head is None or _role_head(p.role, v) != head or _other_post(role, p.role):
            continue
        score = len(words & (role_words(p.role) | role_words(p.organization)))
        if score > best_score:
            best, best_score = p, score
    if best is not None:
        return best
    if not quiet:
        state.warn("speaker-role-unresolved", f"no earlier speaker has the role «{role}»", line, "info")
    return Person(role=role, line=line)
