"""Who speaks in a paragraph of prose: «سپس آقای مهندس جعفری شهردار … توضیح داد که …».

Minutes written as prose, and news reports of meetings, attribute statements
inside sentences rather than under headings. ``attribute`` reads the start of
a paragraph: an optional connective («سپس», «در ابتدا»), then a person
(honorific-led, or a bare name followed by a role), a role alone («رئیس شورا»),
or a pronoun («وی», «او») continuing the last speaker — and requires a speech
verb later in the sentence. Unknown text yields None.

Before the speaker the sentence may carry page furniture that says nothing of who speaks:
a bullet or emoji («*-», «🔻»), a dateline («تهران- ایرنا-»), a news lead («به گزارش …،»)
and connectives («در ادامه این جلسه»). Besides the lead, a speaker may be the agent of a
report («گزارش … توسط آقای X ارائه شد»), named mid-paragraph («… و آقای X مدیر فنی توضیح
داد»), or a collective body («کمیسیون فرهنگی … گزارش داد»: the body is the role). A bare
name with no role counts when the caller knows it (``known``: a person named before).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from .people import PersonMatch, find_speaker, person_at, read_role, role_end, starts_with_role
from ..text.vocab import vocab

__all__ = ["Attribution", "attribute", "clean_role", "has_speech_verb", "lead_in"]

_LEAD_WORDS = 8  # the speaker is named near the start of the sentence
_REPORT_LEAD_AFTER = 4  # words a news lead may follow («date ۲۰۲۵-۱۱-۲۸ به گزارش …»)
_BODY_WORDS = 6  # words of a collective body's name
_SENTENCE_END = re.compile(r"[.!؟]\s+")
_CLAUSE_END = re.compile(r"[.!؟؛:]")
# Bullets, dashes, emoji and list numbers before a sentence («*- آقای …», «🔻 فرماندار …», «۱ - آقای …»).
_JUNK = re.compile(r"^(?:[^\w\s«]|_|[0-9۰-۹]{1,2}\s*[-–.)](?=\s|\D))+\s*")
# A page's ISO date stamp before the sentence, with a one-word Latin label («date 2025-10-14 …»).
_ISO_STAMP = re.compile(r"(?:[A-Za-z]+\s+)?[0-9۰-۹]{4}-[0-9۰-۹]{1,2}-[0-9۰-۹]{1,2}\s+")
# A dateline: «تهران- ایرنا- », «دزفول- » (one or two words, a dash and a space, at most twice).
# A news agency named alone at the start (four words at most), closed by «؛» («باشگاه خبرنگاران جوان؛ پریسا بهرامی- …»).
_AGENCY = re.compile(r"(?:[^\W\d][\w\u200c]*\s){0,3}[^\W\d][\w\u200c]*\s*؛\s*")
# The agency's desk or bureau after a news lead, closed by «؛» («به گزارش …، مرکز اصفهان؛ …»).
# A news lead up to the mark that ends it («به گزارش روابط عمومی …،»).
_LEAD = r"(?:<<people.report_leads>>)[^،,:؛;.]*[،,؛;]\s*"
_DESK = re.compile(r"[^\W\d][\w\u200c]*(?:\s[^\W\d][\w\u200c]*)?\s*؛\s*")
_DATELINE = re.compile(r"(?:[^\W\d][\w\u200c]*(?:\s[^\W\d][\w\u200c]*)?\s*[-–]\s+){1,2}")


@dataclass
class Attribution:
    kind: str  # 'person', 'role' or 'pronoun'
    person: PersonMatch | None = None
    role: str | None = None


def has_speech_verb(text: str) -> bool:
    v = vocab()
    return bool(v.rx(r"(?:^|\s)(?:<<people.speech_verbs>>)(?![\w\u200c])").search(text))


def _after_connective(text: str) -> int:
    """Skip connectives, one after another («همچنین در این جلسه …»)."""
    v, pos = vocab(), 0
    for _ in range(3):
        m = v.rx(r"(?:<<people.connectives>>)(?![\w\u200c])\s*[،,]?\s*").match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    return pos


def _reported_by(text: str) -> int:
    """Skip a news lead «به گزارش سایت …،» (or «…؛») to the clause after it; a few words
    of page furniture may come before it («date ۲۰۲۵-۱۱-۲۸ به گزارش …»), and a second lead or
    the agency's desk after it («به گزارش …، به نقل از …؛», «به گزارش …، مرکز اصفهان؛»)."""
    v = vocab()
    m = v.rx(r"(?:^|\s)" + _LEAD).search(text, 0, 240)
    if m is None or len(text[:m.start()].split()) > _REPORT_LEAD_AFTER:
        return 0
    end = m.end()
    for _ in range(2):  # a second lead («…، به نقل از پایگاه …؛»), or the agency's desk («…، مرکز اصفهان؛»)
        more = v.rx(_LEAD).match(text, end) or _DESK.match(text, end)
        if more is None:
            break
        end = more.end()
    return end


def lead_in(text: str) -> int:
    """Offset where the sentence's own words start: after bullets and emoji, a dateline, a news
    lead and connectives («🔻 در ادامه جلسه آقای …» → «آقای …»). Asked twice of each paragraph
    (a transcript label, then the speaker), so the last answers are kept."""
    return _lead_in(text, vocab())


@lru_cache(maxsize=64)
def _lead_in(text: str, v) -> int:
    start = 0
    m = _JUNK.match(text)
    if m:
        start = m.end()
    m = _ISO_STAMP.match(text, start)
    if m:
        start = m.end()
    m = _AGENCY.match(text, start)
    if m:  # «باشگاه خبرنگاران جوان؛ …»: the agency, closed by «؛», before a byline or the sentence
        start = m.end()
    m = _DATELINE.match(text, start)
    if m and not vocab().key_at_start("people.connectives", text[start:]):
        start = m.end()
    start += _reported_by(text[start:])
    start += _after_connective(text[start:])
    return start


@lru_cache(maxsize=1)
def _elected() -> re.Pattern:
    v = vocab()
    return re.compile(rf"(?<![\w\u200c])(?:{v.pattern('report.frame_close', 'elected')}|{v.pattern('report.decisions', 'elected_by_vote')})(?![\w\u200c])")


def attribute(text: str, *, speech_verb: bool | None = None,
              speaker: PersonMatch | None = None,
              known: Callable[[str], bool] | None = None) -> Attribution | None:
    """Who speaks in ``text``. A caller that read the line already (the lexer, on a speaker
    heading) passes what it knows: ``speech_verb`` True, and ``speaker``, the first person
    ``find_speaker(text)`` gave. ``known`` says whether a bare name is a person named before."""
    start = lead_in(text)
    rest = text[start:]
    if not (speech_verb or has_speech_verb(text)):
        # Without a speech verb only an honorific-led person opening the sentence counts
        # («آقای کرمانی نایب‌رئیس شورا با اشاره به … خواستار تسریع شد»), or the agent of a
        # report («گزارش … توسط آقای X ارائه شد»).
        lead = person_at(rest, 0)
        if lead and _elected().search(rest):
            return None  # «خانم X، عضو …، به عنوان دبیر … انتخاب شد»: chosen, not speaking
        if lead:
            lead.role = clean_role(lead.role)
            return Attribution(kind="person", person=lead)
        return _agent(text)
    found = _at_lead(rest, speaker if start == 0 else None, known, led=start > 0)
    if found is not None:
        return found
    return _agent(text) or _later(text, known)


def _at_lead(rest: str, speaker: PersonMatch | None, known: Callable[[str], bool] | None,
             led: bool = False) -> Attribution | None:
    """The speaker named at the start of a sentence (after its lead-in). ``led``: a news lead,
    dateline or connective came first — there a family name alone («به گزارش …، صغیری در این
    دیدار … اظهار داشت») is the speaker when a role stop follows it and the sentence speaks."""
    v = vocab()
    if v.key_at_start("people.pronouns", rest):
        return Attribution(kind="pronoun")
    lead = _lead_end(rest)
    # The reading of the whole line is this one's when no connective or news lead comes first.
    found = speaker if speaker is not None and speaker.start < lead else find_speaker(rest, within=lead)
    if found:
        found.role = clean_role(found.role)
        return Attribution(kind="person", person=found)
    if starts_with_role(rest):
        return Attribution(kind="role", role=clean_role(read_role(rest)))
    body = _body(rest)
    if body:
        return Attribution(kind="role", role=body)
    bare = person_at(rest, 0, need_honorific=False)
    if bare is None:
        return None
    bare.role = clean_role(bare.role)
    full_name = len((bare.name or "").split()) == 2  # a first name, then a family name
    if bare.role or full_name or bare.titles or _verb_follows(rest, bare.name) or \
            (known is not None and known(bare.name or "")) or (led and _family_name_speaks(rest, bare.name)):
        return Attribution(kind="person", person=bare)
    return None


def _family_name_speaks(text: str, name: str | None) -> bool:
    """«صغیری در این دیدار ضمن … اظهار داشت»: one word, then a role stop, and a speech verb in
    the same sentence. Plurals («کارشناسان», «اعضا») and words of ``people.name_stops`` are not names."""
    v = vocab()
    if not name or len(name.split()) != 1 or name.endswith(_plural_endings()) or \
            any(v.lookup(t, name) for t in ("people.plural_subjects", "people.bodies", "people.pronouns")):
        return False
    after = text[text.find(name) + len(name):].lstrip(" ،,")
    if not v.key_at_start("people.role_stops", after):
        return False
    end = _SENTENCE_END.search(text)
    return has_speech_verb(text[:end.start() if end else len(text)])


def _body(text: str) -> str | None:
    """«کمیسیون فرهنگی شورا گزارش داد» → «کمیسیون فرهنگی شورا»: a collective body that speaks."""
    if not vocab().key_at_start("people.bodies", text):
        return None
    body = clean_role(text[:role_end(text)].strip("،,:;. "))
    if not body or len(body.split()) > _BODY_WORDS:
        return None
    return body


def _agent(text: str) -> Attribution | None:
    """«گزارش … توسط آقای X ارائه شد», «… که توسط فرماندار به آن اشاره شد»: the agent of a
    report or a statement in the passive is its speaker (a person, or a role)."""
    v = vocab()
    for m in v.rx(r"(?:^|\s)(?:<<people.agents>>)\s+").finditer(text):
        clause = _CLAUSE_END.search(text, m.end())
        stop = clause.start() if clause else len(text)
        if not v.rx(r"(?:^|\s)(?:<<people.agent_verbs>>)(?![\w\u200c])").search(text, m.end(), stop):
            continue
        after = text[m.end():stop]
        found = person_at(after, 0) or person_at(after, 0, need_honorific=False)
        if found and (found.honorific or found.titles or found.role):
            found.role = clean_role(found.role)
            return Attribution(kind="person", person=found)
        if starts_with_role(after):
            return Attribution(kind="role", role=clean_role(read_role(after)))
    return None


def _later(text: str, known: Callable[[str], bool] | None) -> Attribution | None:
    """A speaker named after the lead: a later sentence that opens with one («… برگزار شد.
    مهندس X در آغاز جلسه … بیان داشت»), or «… و آقای X مدیر فنی توضیح داد» mid-sentence."""
    for m in _SENTENCE_END.finditer(text):
        sentence = text[m.end():]
        cut = _SENTENCE_END.search(sentence)
        sentence = sentence[:cut.start() + 1] if cut else sentence
        if not has_speech_verb(sentence):
            continue
        rest = sentence[lead_in(sentence):]
        found = _at_lead(rest, None, known)
        if found is not None and found.kind != "pronoun":
            return found
    return _mid_sentence(text)


def _mid_sentence(text: str) -> Attribution | None:
    """«… و آقای X مدیر فنی توضیح داد»: an honorific-led person after «و» or a comma whose
    clause ends in a speech verb with no other person between."""
    v = vocab()
    honorifics = v.compiled("people.honorifics")
    for m in honorifics.finditer(text):
        before = text[:m.start()].rstrip()
        if not (before.endswith(("،", ",")) or vocab().lookup("numbers.joiners", (before.split() or [""])[-1]) is not None):
            continue
        clause = _CLAUSE_END.search(text, m.end())
        stop = clause.start() if clause else len(text)
        if honorifics.search(text, m.end(), stop):
            continue
        found = person_at(text, m.start())
        if found and has_speech_verb(text[m.end():stop]):
            found.role = clean_role(found.role)
            return Attribution(kind="person", person=found)
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


def clean_role(role: str | None) -> str | None:
    """In prose the role runs into the sentence («رئیس شورا وضعیت جاده … را»): a role that
    reaches an object marker, a quotation, a passive verb («… مطرح گردید»), another person
    («مسئول امور آقای …») or the end of an apposition («مدیر ستاد، در حاشیه …») is cut
    before it (eight words at most)."""
    if not role:
        return role
    v = vocab()
    cut = len(role)
    for m in (v.rx(r"(?:^|(?<=\s))(?:(?:<<people.role_enders>>)(?!\S)|«)").search(role),
              v.rx(r"(?:^|(?<=\s))(?:<<people.agent_verbs>>|<<people.honorifics>>)(?![\w\u200c])").search(role),
              v.rx(r"،\s*(?=(?:<<people.name_stops>>|<<people.role_stops>>)(?![\w\u200c]))").search(role),
              re.search(r"\)", role) if "(" not in role else None):
        if m is not None:
            cut = min(cut, m.start())
    if cut == len(role):
        return role
    words = role[:cut].split()[:8]
    if v.lookup("people.role_enders", role[cut:].split()[0]) == "ra" or \
            v.rx(r"^(?:<<people.agent_verbs>>)").match(role[cut:]):
        # «رئیس هیئت برنامه‌های سال آینده را …», «امام جمعه موارد زیر مطرح گردید»: the object
        # (or the passive's subject) is not the role's
        for i in range(2, len(words)):
            if v.lookup("people.role_objects", words[i].strip("،,")):
                words = words[:i]
                break
    return " ".join(words).strip("،,:;. ") or None


@lru_cache(maxsize=1)
def _plural_endings() -> tuple[str, ...]:
    return tuple(sp for sp, _ in vocab().spellings("people.plural_endings"))
