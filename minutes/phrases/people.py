"""Find people in a line: honorific, titles, name, role — and speech verbs.

Used by the lexer to tell speaker headings from prose, and by build to fill
``Person``. Everything it recognises comes from ``data/fa/people.toml``;
unknown text yields ``None``, never an exception.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from dataclasses import dataclass, field

from ..text.normalize import squash
from ..text.vocab import vocab

__all__ = ["PersonMatch", "find_speaker", "person_at", "ends_with_speech_verb", "strip_speech_verb",
           "starts_with_role", "read_role", "role_end", "name_key", "role_words"]

_WORD = re.compile(r"[^\s]+")
_PUNCT = "،,:;.؛!؟?()«»\"'"
_MAX_ROLE_WORDS = 14


@dataclass(slots=True)
class PersonMatch:
    start: int  # offset of the person's first word (honorific or name) in the line
    name: str | None
    honorific: str | None = None
    titles: list[str] = field(default_factory=list)
    role: str | None = None


def _words(text: str) -> list[re.Match]:
    return list(_WORD.finditer(text))


def _bare(word: str) -> str:
    return word.strip(_PUNCT)


def name_key(name: str | None) -> str:
    """Identity of a name: spaces and ZWNJ removed («حسن زاده» == «حسن‌زاده»)."""
    return squash(name or "")


def _verb_re() -> re.Pattern:
    v = vocab()
    return re.compile(rf"(?:^|\s)(?:{v.pattern('people.speech_verbs')})\s*[:.،]*\s*$")


_VERB_RE: re.Pattern | None = None


def ends_with_speech_verb(text: str) -> bool:
    global _VERB_RE
    _VERB_RE = _VERB_RE or _verb_re()
    # Only the end can match: the search starts a verb's length before the closing «:» or «.»
    # (a search from the start tries every verb at every space of a long paragraph).
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in ":.،"):
        end -= 1
    return bool(_VERB_RE.search(text, max(0, end - vocab().longest("people.speech_verbs") - 1)))



def strip_speech_verb(text: str) -> str:
    global _VERB_RE
    _VERB_RE = _VERB_RE or _verb_re()
    return _VERB_RE.sub("", text).strip()


def starts_with_role(text: str) -> bool:
    return vocab().key_at_start("people.role_heads", text) is not None


@lru_cache(maxsize=None)
def _stops_re() -> tuple[re.Pattern, re.Pattern]:
    v = vocab()
    return (re.compile(rf"(?:^|\s)(?:{v.pattern('people.role_stops')})(?![\w\u200c])"),
            re.compile(rf"(?:^|\s)(?:{v.pattern('people.speech_verbs')})(?![\w\u200c])"))


def _stop_at(text: str) -> int:
    """Offset where a role phrase ends: a role stop phrase or a speech verb."""
    stops, verbs = _stops_re()
    end = len(text)
    m = stops.search(text)
    if m:
        end = m.start()
    m = verbs.search(text, 0, end)
    if m and m.start() < end:
        end = m.start()
    return end


def role_end(text: str) -> int:
    """Offset where a role (or a body's name) that starts ``text`` ends: at a role stop
    phrase or a speech verb."""
    return _stop_at(text)


def read_role(text: str) -> str | None:
    """The role phrase at the start of ``text`` («مدیر حوزه تعاون استان در این جلسه …» → «مدیر حوزه تعاون استان»)."""
    if not starts_with_role(text):
        return None
    role = text[:_stop_at(text)]
    words = role.split()[:_MAX_ROLE_WORDS]
    role = " ".join(words).strip(_PUNCT + " ")
    return role or None


@lru_cache(maxsize=1)
def _name_stops() -> frozenset[str]:
    return frozenset(s for s, _ in vocab().spellings("people.name_stops"))


@lru_cache(maxsize=4096)
def _word(word: str) -> tuple[str, bool, bool, bool, bool]:
    """What a name reader asks of one word, cached: the same words (names, role heads)
    come back on every heading. (bare word, cannot start or continue a name, opens a role,
    is a first name, is a family-name suffix word)."""
    v = vocab()
    bare = _bare(word)
    opens_role = starts_with_role(word)
    not_a_name = bare in _name_stops() or opens_role or v.key_at_start("people.speech_verbs", word) is not None
    return (bare, not_a_name, opens_role, bool(v.lookup("people.first_names", bare)),
            bool(v.lookup("people.name_suffixes", bare)))


def _name_from(words: list[str]) -> tuple[str | None, int]:
    """Read a name from the start of ``words``; return (name, words used)."""
    if not words:
        return None, 0
    first = words[0]
    bare, not_a_name, _, first_name, _ = _word(first)
    # «خانم / آقای ……»: a form's blank to fill, not a name.
    if not_a_name or "/" in bare or not any(ch.isalpha() for ch in bare) or \
            vocab().key_at_start("people.honorifics", bare):
        return None, 0
    parts = [bare]
    used = 1
    # A first name takes the family name after it; a family-name suffix word joins the name.
    if first_name and len(words) > 1 and first == bare:
        second, _, second_opens_role, _, _ = _word(words[1])
        if second not in _name_stops() and not second_opens_role:
            parts.append(second)
            used = 2
    while used < len(words) and words[used - 1] == _bare(words[used - 1]):
        word, _, _, _, suffix = _word(words[used])
        if not suffix:
            break
        parts.append(word)
        used += 1
    # «محمد ناصر یوسفی ولسوال …», «سعید سلیم ساسانی مدیرکل …»: two first names, then the family
    # name right before a role.
    if used == 2 and len(words) > 3 and words[1] == parts[1] and _word(words[1])[3] and \
            words[2].rstrip("،,") == words[2] and not _word(words[2])[1] and _word(words[3])[2]:
        parts.append(_bare(words[2]))
        used = 3
    # «ناصر فخر موحد، معاون …», «محمد اسماعیل مطلق، گفت»: a first name, two more words, a comma, then a role
    # or a speech verb — the comma closes a name of three words.
    elif used == 2 and len(words) > 3 and words[1] == parts[1] and words[2][-1:] in "،," and \
            not _word(words[2])[1] and not _word(words[2])[2] and \
            (_word(words[3])[2] or vocab().key_at_start("people.speech_verbs", " ".join(words[3:5])) is not None):
        parts.append(_bare(words[2]))
        used = 3
    # «میرشاد ماجدی سرپرست فدراسیون», «نسترن ملک‌پور، رئیس …»: one more word, then a role —
    # a first and a family name.
    if used == 1 and len(words) > 2 and first == bare:
        second, second_stop, _, _, _ = _word(words[1])
        if not second_stop and words[1].rstrip("،,") == second and _word(words[2])[2] and \
                not vocab().key_at_start("people.role_stops", words[1]):
            parts.append(second)
            used = 2
    # «دکتر فرخ ضیایی در گفتگو با …»: an unlisted first name, one more word, then a word that follows
    # a whole name — a first and a family name (one family name stops at the preposition itself).
    if used == 1 and len(words) > 2 and first == bare:
        second, second_stop, second_opens_role, _, _ = _word(words[1])
        if not second_stop and not second_opens_role and words[1] == second and \
                vocab().key_at_start("people.after_full_name", " ".join(words[2:6])):
            parts.append(second)
            used = 2
    name = " ".join([p for p in parts if p])
    return (name or None), used


@lru_cache(maxsize=1)
def _lead_res() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """An honorific, a run of titles, one title: each a whole word, with the spaces after it."""
    v = vocab()
    title = rf"(?:{v.pattern('people.titles')})(?![\w\u200c])"
    return (re.compile(rf"({v.pattern('people.honorifics')})(?![\w\u200c])\s*"),
            re.compile(rf"(?:{title}\s*)*"), re.compile(title))


def person_at(text: str, start: int = 0, *, need_honorific: bool = True) -> PersonMatch | None:
    """Read «[honorific] [titles] name [role]» starting at offset ``start``."""
    v = vocab()
    honorific_re, titles_re, title_re = _lead_res()
    m = honorific_re.match(text, start)
    if m:
        honorific = m.group(1)
        pos = m.end()
    elif need_honorific:
        return None
    else:
        honorific, pos = None, start
    # Titles in a row («دکتر سید …»): one match for the run, then its words.
    m = titles_re.match(text, pos)
    titles = title_re.findall(text, pos, m.end()) if m.end() > pos else []
    rest = text[m.end():]
    # «سیدنظرزاده»: the title سید written joined to the name.
    m = v.rx(r"(<<people.joined_titles>>)(?=[^\s\u200c]{4,})").match(rest)
    if m and not v.lookup("people.first_names", rest.split()[0] if rest.split() else ""):
        titles.append(m.group(1))
        rest = rest[m.end():]
    words = rest.split()
    name, used = _name_from(words)
    if name is None:
        return None
    after = rest
    for w in words[:used]:
        after = after[after.index(w) + len(w):]
    role = read_role(after.strip(_PUNCT + " "))
    if role is None:  # «محمدی ایروانلوفرماندار شهرستان»: a role head glued to the family name
        glued = _glued_role(name)
        if glued is None and used == 1 and len(words) > 1 and not _word(words[1])[1]:
            glued = _glued_role(f"{name} {words[1]}")  # the name's second word carries the head
            if glued is not None:
                after = after[after.index(words[1]) + len(words[1]):]
        if glued is not None:
            name, head = glued
            role = read_role(head + " " + after.strip(_PUNCT + " "))
    return PersonMatch(start=start, name=name, honorific=honorific, titles=titles, role=role)


_GLUED_NAME_MIN = 3  # letters the name keeps when a role head is split off its end


def _glued_role(name: str) -> tuple[str, str] | None:
    """(name, role head) when the last word of ``name`` ends with a head of
    ``people.glued_role_heads`` after at least three letters of its own."""
    last = name.split()[-1]
    for spelling, _ in vocab().spellings("people.glued_role_heads"):
        if last.endswith(spelling) and len(last) - len(spelling) >= _GLUED_NAME_MIN:
            kept = last[:-len(spelling)].rstrip("\u200c")
            return " ".join(name.split()[:-1] + [kept]), spelling
    return None


def find_speaker(text: str, within: int | None = None) -> PersonMatch | None:
    """The first honorific-led person in ``text`` who is not merely mentioned; with
    ``within``, only an honorific that starts before that offset counts.

    «پس از خاتمه سخنان جناب آقای …» and «با حضور جناب آقای …» are mentions: the
    word before the honorific (``people.mention_before``) says so. The lexer hands its reading
    of a heading to the builder (``LineToken.speaker``); a line read as prose is searched by
    both, and the search is kept for the last lines (``_first_speaker``).
    """
    found = _first_speaker(text, vocab())
    if found is None or (within is not None and found.start >= within):
        return None  # ``within`` only cuts the same search short: the first person or none
    return dataclasses.replace(found, titles=list(found.titles))  # callers tidy its role


@lru_cache(maxsize=64)
def _first_speaker(text: str, v) -> PersonMatch | None:
    """find_speaker without ``within``, once per line (and vocabulary ``v``): the lexer reads a
    line's speaker, and the builder reads the same line again."""
    for m in v.compiled("people.honorifics").finditer(text):
        # The word before, and the person after, read near the honorific: splitting the whole
        # line before and after each honorific cost time quadratic in a line of honorifics
        # that name no one («جناب آقای» repeated).
        j = m.start()
        while j > 0 and text[j - 1].isspace():
            j -= 1
        k = j
        while k > 0 and not text[k - 1].isspace():
            k -= 1
        if k < j and v.lookup("people.mention_before", _bare(text[k:j])):
            continue
        found = person_at(text[m.start():m.start() + _PERSON_WINDOW])
        if found:
            found.start = m.start()
            return found
    return None


_PERSON_WINDOW = 1000  # characters: honorific, titles, name and a role of _MAX_ROLE_WORDS words fit


def role_words(role: str | None) -> set[str]:
    """Content words of a role, for matching «معاون بهزیستی استان» to «معاون سازمان بهزیستی»."""
    if not role:
        return set()
    return _role_words(role) - _generic_roles(vocab()) - {""}


@lru_cache(maxsize=4096)
def _role_words(role: str) -> frozenset[str]:
    return frozenset(_bare(w) for w in role.split())


@lru_cache(maxsize=1)
def _generic_roles(v) -> frozenset[str]:
    """Built once per vocabulary: role_words is asked of every person on every role-only heading."""
    return frozenset(s for s, _ in v.spellings("people.role_generic"))
