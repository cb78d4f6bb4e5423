"""Who speaks in a paragraph of prose: «سپس آقای مهندس جعفری شهردار … توضیح داد که …».

Minutes written as prose, and news reports of meetings, attribute statements
inside sentences rather than under headings. ``attribute`` reads the start of
a paragraph: an optional connective («سپس», «در ابتدا»), then a person
(honorific-led, or a bare name followed by a role), a role alone («رئیس شورا»),
or a pronoun («وی», «او») continuing the last speaker — and requires a speech
verb later in the sentence. Unknown text yields None.
"""

from __future__ import annotations

from dataclasses import dataclass

from .people import PersonMatch, find_speaker, person_at, read_role, starts_with_role
from ..text.vocab import vocab

__all__ = ["Attribution", "attribute", "has_speech_verb"]

_LEAD_WORDS = 8  # the speaker is named near the start of the sentence


@dataclass
class Attribution:
    kind: str  # 'person', 'role' or 'pronoun'
    person: PersonMatch | None = None
    role: str | None = None


def has_speech_verb(text: str) -> bool:
    v = vocab()
    return bool(v.rx(r"(?:^|\s)(?:<<people.speech_verbs>>)(?![\w\u200c])").search(text))


def _after_connective(text: str) -> int:
    v = vocab()
    m = v.rx(r"^(?:<<people.connectives>>)\s*[،,]?\s*").match(text)
    return m.end() if m else 0


def _reported_by(text: str) -> int:
    """Skip a news lead «به گزارش سایت …،» to the clause after its comma."""
    v = vocab()
    m = v.rx(r"^(?:<<people.report_leads>>)[^،,:]*[،,]\s*").match(text)
    return m.end() if m else 0


def attribute(text: str, *, speech_verb: bool | None = None,
              speaker: PersonMatch | None = None) -> Attribution | None:
    """Who speaks in ``text``. A caller that read the line already (the lexer, on a speaker
    heading) passes what it knows: ``speech_verb`` True, and ``speaker``, the first person
    ``find_speaker(text)`` gave."""
    start = _reported_by(text)
    start += _after_connective(text[start:])
    rest = text[start:]
    if not (speech_verb or has_speech_verb(text)):
        # Without a speech verb only an honorific-led person opening the sentence counts
        # («آقای کرمانی نایب‌رئیس شورا با اشاره به … خواستار تسریع شد»).
        lead = person_at(rest, 0)
        return Attribution(kind="person", person=lead) if lead else None
    v = vocab()
    if v.key_at_start("people.pronouns", rest):
        return Attribution(kind="pronoun")
    lead = _lead_end(rest)
    # The reading of the whole line is this one's when no connective or news lead comes first.
    found = speaker if speaker is not None and start == 0 and speaker.start < lead else \
        find_speaker(rest, within=lead)
    if found:
        person = found
        person.role = _clean_role(person.role)
        return Attribution(kind="person", person=person)
    if starts_with_role(rest):
        return Attribution(kind="role", role=_clean_role(read_role(rest)))
    bare = person_at(rest, 0, need_honorific=False)
    full_name = bare is not None and len((bare.name or "").split()) == 2  # a first name, then a family name
    if bare and (bare.role or full_name or _verb_follows(rest, bare.name)):
        return Attribution(kind="person", person=bare)
    return None


def _lead_end(text: str) -> int:
    """Offset of the word after the first ``_LEAD_WORDS`` words of ``text`` (or its length)."""
    parts = text.split(None, _LEAD_WORDS)
    return len(text) - len(parts[-1]) if len(parts) > _LEAD_WORDS else len(text)


def _verb_follows(text: str, name: str | None) -> bool:
    """«توصیفیان تصریح کرد: …» — a bare name directly followed by a speech verb."""
    if not name:
        return False
    v = vocab()
    after = text[text.find(name) + len(name):].lstrip(" ،,")
    return bool(v.rx(r"(?:<<people.speech_verbs>>)(?![\w\u200c])").match(after))


def _clean_role(role: str | None) -> str | None:
    """In prose the role runs into the sentence («رئیس شورا وضعیت جاده … را»): a role that
    reaches an object marker or a quotation is cut before it (eight words at most)."""
    if not role:
        return role
    m = vocab().rx(r"(?:^|(?<=\s))(?:(?:<<people.role_enders>>)(?!\S)|«)").search(role)
    if m is None:
        return role
    return " ".join(role.split()[:min(len(role[:m.start()].split()), 8)]) or None
