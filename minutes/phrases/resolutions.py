"""Resolutions written as a numbered list in prose: how an item is numbered, who acts, who
oversees and by when.

    مصوبات:
    ۱- مقرر گردید شهرداری ظرف مدت یک ماه نسبت به آسفالت معابر اقدام نماید.
    ۲- تهیه طرح جامع توسط معاونت عمرانی انجام شود. (ناظر: کمیسیون عمران)

``item_start`` reads an item's numbering and ``is_intro`` a list's introduction (the grammar
groups the items); ``extract`` reads one item's actor, supervisor and
deadline phrase (as written — resolve it with ``deadlines.parse_deadline``). Matching
runs on ``numbers.fold(text)`` — one character for one character — so every value
returned is a slice of the caller's text. All words come from ``data/fa/resolutions.toml``
(plus ``people.toml`` for heads of actor names and ``dates.toml`` for deadlines);
unknown text yields ``None``, never an exception.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple
from functools import lru_cache

from ..text.numbers import NUMERIC_DATE, SEP, cardinal_pattern, fold, ordinal_pattern, parse_cardinal, parse_ordinal
from ..text.vocab import vocab

__all__ = ["Extracted", "Item", "extract", "find_deadline", "is_intro", "ends_with_intro", "item_start", "split_actors",
           "inline_items", "is_bare_label", "starts_with_label"]

_L, _R = r"(?<![\w\u200c])", r"(?![\w\u200c])"  # word edges
_TRIM = " \t\u200c.,،:;؛-–—()«»\"'*"
_MAX_ACTOR_WORDS = 9
_MAX_LIST_ITEM_WORDS = 6  # one body of a list «A، B و C»
_MAX_LIST_WORDS = 30
# Leads that only say when something is or was («مورخ ۱۴۰۲/۰۳/۱۰», «روز سه‌شنبه …»): a date after
# them alone is a letter's reference or an event's time, not a deadline.
_DATE_ONLY_LEADS = ("tarikh", "movarrekh", "rooz")
_SHORT_LINE_WORDS = 8  # after a finished sentence, a shorter unnumbered line ends the list


@dataclass(frozen=True)
class Extracted:
    actor: str | None = None
    supervisor: str | None = None
    deadline_text: str | None = None


def _p(name: str) -> str:
    return vocab().pattern(name)


def _keys(name: str, *keys: str) -> str:
    """Regex of the spellings of some keys of a table, spaces and ZWNJ interchangeable."""
    return vocab().pattern(name, keys)


@lru_cache(maxsize=1)
def _res() -> dict[str, re.Pattern]:
    num = rf"(?:[0-9]{{1,4}}|{cardinal_pattern()})"
    months, mw, yw = _p("dates.months"), _p("dates.month_word"), _p("dates.year_word")
    # «۱۴۰۲», «سال ۱۴۰۲», «سال جاری», «امسال» after a month
    year = (rf"(?:{SEP}(?:(?:{yw}){SEP})?[0-9]{{2,4}}{_R}|{SEP}(?:{yw}){SEP}(?:{_p('dates.period_refs')}){_R}"
            rf"|{SEP}(?:{_keys('dates.periods', 'this_year')}){_R})")
    month = rf"(?:{months})(?:{SEP}(?:{mw}))?{year}?"
    tails = rf"(?:{SEP}(?:{_p('dates.period_refs')}|{ordinal_pattern()}|{yw}|[0-9]{{2,4}}){_R}){{0,3}}"
    body = "|".join([
        NUMERIC_DATE,  # ۹۹/۱۲/۱۵
        rf"(?:[0-9]{{1,2}}|{ordinal_pattern()}|{num}){SEP}{month}",  # ۱۵ اسفند ۱۴۰۲
        rf"(?:{_p('dates.period_points')}){SEP}(?:{month}|(?:{_p('dates.periods')}){tails})",  # پایان سال جاری
        month,
        rf"{num}{SEP}(?:{_p('dates.units')})(?:{SEP}(?:{_p('dates.duration_tail')}))?",  # یک ماه
        rf"(?:{_p('dates.kinds')})",
    ])
    lead, wd = _p("dates.lead"), _p("dates.weekdays")
    by = _keys("dates.lead", *(k for k in vocab().table("dates.lead") if k not in _DATE_ONLY_LEADS))
    # «پس از ابلاغ [مصوبه]»: the object word only after a trail phrase, never alone
    trail = rf"(?:{_keys('dates.trail', 'after_notice', 'after_meeting')})(?:{SEP}(?:{_keys('dates.trail', 'notice_object')}))?"
    # one lead at least says «by» («تا», «حداکثر», «ظرف» …): «مورخ …» alone is a reference date
    deadline = (rf"{_L}(?:(?:{by}){SEP}(?:(?:{lead}){SEP})*(?:(?:{wd}){SEP}(?:(?:{lead}){SEP})*)?(?:{body})"
                rf"|{num}{SEP}(?:{_p('dates.units')}){SEP}(?:{trail})"
                rf"|(?:{_p('dates.kinds')})){_R}(?:{SEP}(?:{trail}){_R})?")
    heads = "|".join(_p(t) for t in ("resolutions.actor_heads", "people.organizations",
                                     "people.role_heads", "people.honorifics", "people.titles"))
    stops = "|".join(_p(f"resolutions.{t}") for t in ("actor_stops", "supervision", "agent_markers"))
    return {
        "deadline": re.compile(deadline),
        "not_deadline": re.compile(rf"(?:{_p('resolutions.not_deadline')}){_R}"),
        "next_meeting": re.compile(rf"(?:{_keys('dates.kinds', 'next_meeting')}){_R}"),
        "meeting_owner": re.compile(rf"{SEP}(?:{_p('resolutions.meeting_owners')}){_R}"),
        "list_head": re.compile(rf"(?:{_p('resolutions.list_heads')}){_R}"),
        "pronoun": re.compile(rf"(?:{_p('resolutions.actor_pronouns')}){_R}"),
        "background": re.compile(rf"(?<!\w)(?:{_p('resolutions.background_verbs')}){_R}"),
        "object": re.compile(rf"\s*را{_R}"),
        # a head may be joined by ZWNJ to what follows («پلیس‌راه», «فرمانداری‌ها»)
        "head": re.compile(rf"(?:{heads})(?!\w)"),
        "stop": re.compile(rf"{_L}(?:{stops}|{_p('dates.kinds')}){_R}|[،,:;؛.()«»\[\]!؟?|\n]|\s[-–—]\s"),
        "label": re.compile(rf"{_L}(?:{_p('resolutions.labels')})\s*[:：]\s*"),
        "decided": re.compile(rf"{_L}(?:{_p('resolutions.decided')}|{_p('resolutions.decision_forms')}){_R}\s*"),
        "agent": re.compile(rf"{_L}(?:{_p('resolutions.agent_markers')}){_R}\s*"),
        "assigned": re.compile(rf"{_L}(?:{_p('resolutions.assign_prep')})\s+(?P<x>.+?)\s+(?:{_p('resolutions.assigned')}){_R}"),
        "obligation": re.compile(rf"\s*(?:{_p('resolutions.obligations')}|{_p('resolutions.supervision')}"
                                 rf"|{_p('resolutions.cooperation')}){_R}"),
        # an item that ends on an active verb in the subjunctive: its subject is the one who acts
        "acts": re.compile(rf"\s(?:{_p('resolutions.active_subjunctive')})\s*[.!]?\s*$"),
        "supervision": re.compile(rf"{_L}(?:{_p('resolutions.supervision')}){_R}\s*"),
        "intro": re.compile(rf"^(?:(?:{_p('resolutions.item_letters')})\s*[:\-–)]\s*)?"
                            rf"(?:{_p('resolutions.intros')})\s*(?:[:：؛]\s*(?P<rest>.*))?$"),
        # «پس از بحث و بررسی موارد ذیل به تصویب رسید:» — a few words before, a colon after
        "intro_tail": re.compile(rf"^[^:：]{{0,60}}\s(?:{_p('resolutions.intros')})\s*[:：]\s*(?P<rest>.*)$"),
        "clause": re.compile(rf"^\s*|[.،؛;]\s*|\s(?:{_p('numbers.joiners')})\s+"),
        # «۱_ …» (an underscore for the dash) is one more separator after the number
        "num": re.compile(r"^(?:\(?(?P<n>[0-9]{1,3})\s*[-–—ـ_.)\]:]|\((?P<p>[0-9]{1,3})(?=\s))\s*(?![0-9/])"),
        # «780 مقرر گردید …»: a bare number before a word that neither counts, dates nor votes
        "bare": re.compile(rf"^(?P<n>[0-9]{{1,4}}) +(?![0-9/]|(?:{_p('resolutions.counted_after')}|{_p('resolutions.votes')}){_R})(?=[^\W\d_])"),
        "letter": re.compile(rf"^(?P<l>{_p('resolutions.item_letters')})\s*[-–—ـ):.]\s*"
                             rf"(?:[0-9]{{1,3}}\s*[-–—ـ).:]\s*(?![0-9/]))?"),
        # «ب ـ ۱ـ …» once normalization has dropped the kashidas: «ب 1 …» (not «و», a conjunction)
        "letter_digit": re.compile(rf"^(?!و\s)(?P<l>{_p('resolutions.item_letters')}) +[0-9]{{1,3}} +"
                                   rf"(?!(?:{_p('resolutions.counted_after')}){_R})(?=[^\W\d_])"),
        # «412 -1 …»: an item «1-» whose serial number bidi reordering put first
        "bidi": re.compile(r"^[0-9]{2,4} +-(?P<n>[1-9][0-9]?) *(?=[^\W\d_])"),
        "word": re.compile(rf"^(?:{_p('resolutions.item_words')})(?:\s*(?:{_p('resolutions.item_number_word')}))?\s*"
                           rf"(?P<w>[0-9]{{1,3}}|{ordinal_pattern()}|{cardinal_pattern()})\s*[-–—ـ:.)]\s*"),
        "mark": re.compile(r"^(?:#{1,6}\s*|[-*•+]\s+|\*\*)+"),
    }


# --- deadlines ------------------------------------------------------------------------------

def _deadline_span(folded: str, start: int = 0) -> tuple[int, int] | None:
    res = _res()
    for m in res["deadline"].finditer(folded, start):
        if res["not_deadline"].match(folded, m.start()):
            continue  # «به مدت یک سال» is how long, not by when
        return _meeting_span(folded, m.start(), m.end())
    return None


def _meeting_span(folded: str, begin: int, end: int) -> tuple[int, int]:
    """«جلسه بعدی [شورای آموزشی]»: a next-meeting phrase kept whole, with the body whose meeting
    it is (up to the next stop, at most three words). A bare «در» before it stays out, as a
    preposition does; the «تا» and «حداکثر» leads stay in, as for every deadline."""
    res = _res()
    found = res["next_meeting"].search(folded, begin, end)
    if not found or found.end() != end:
        return begin, end
    owner = res["meeting_owner"].match(folded, end)
    if owner:
        stop = res["stop"].search(folded, owner.end())
        tail = folded[owner.end(): stop.start() if stop else len(folded)]
        words = list(re.finditer(r"\S+", tail))[:2]
        if span := _span_in(folded, owner.end(), owner.end() + len(tail)):
            words = [w for w in words if owner.end() + w.end() <= span[0]]
        end = owner.end() + (words[-1].end() if words else 0)
    return begin, end


def _span_in(folded: str, start: int, end: int) -> tuple[int, int] | None:
    m = _res()["deadline"].search(folded, start, end)
    return (m.start(), m.end()) if m else None


def find_deadline(text: str) -> str | None:
    """The first deadline phrase in ``text`` as written («ظرف مدت یک ماه», «تا پایان سال»)."""
    span = _deadline_span(fold(text))
    return text[span[0]:span[1]].strip(_TRIM) if span else None


# --- actors ---------------------------------------------------------------------------------

def _phrase(text: str, folded: str, start: int, *, need_head: bool) -> str | None:
    """An actor-like noun phrase at ``start``: up to the first stop word, punctuation or
    deadline phrase, at most ``_MAX_ACTOR_WORDS`` words — or a list of bodies, kept whole."""
    res = _res()
    while start < len(folded) and folded[start] in " \t\u200c":
        start += 1
    head = res["head"].match(folded, start)
    if need_head and not head:
        return None
    end = _segment_end(folded, start, head.end() if head else start)
    listed = _list_end(folded, end, shared_head=bool(res["list_head"].match(folded, start)))
    limit = _MAX_ACTOR_WORDS
    if listed is not None:
        end, limit = listed, _MAX_LIST_WORDS
    words = text[start:end].split()[:limit]
    while words and vocab().lookup("resolutions.actor_trailing", words[-1]):
        words.pop()
    out = " ".join(words).strip(_TRIM)
    return out or None


def _segment_end(folded: str, start: int, first: int) -> int:
    """Where a noun phrase that starts at ``start`` (its head ending at ``first``) ends."""
    res = _res()
    end = len(folded)
    stop = res["stop"].search(folded, first)
    if stop:
        end = stop.start()
    span = _deadline_span(folded, start)
    if span and span[0] < end:
        end = span[0]
    return end


def _list_end(folded: str, end: int, *, shared_head: bool) -> int | None:
    """The end of a list of bodies «A، B و C» whose first item ends at ``end``, or None.

    The actor is one string: the whole list is kept as written, never cut at its first
    comma. Each later item starts with a head of its own («اداره کل …، شرکت …») unless the
    first one is a shared plural head («ادارات آموزش و پرورش، بهداشت و ورزش»); the last item
    is joined with «و», and a list followed by «را» is the object, not the actor."""
    res = _res()
    joiner = re.compile(rf"\s(?:{_p('numbers.joiners')})\s")
    pos, last, items = end, end, 0
    while pos < len(folded) and folded[pos] in "،,":
        q = pos + 1
        while q < len(folded) and folded[q] in " \t\u200c":
            q += 1
        head = res["head"].match(folded, q)
        if not (head or shared_head) or res["stop"].match(folded, q):
            break
        seg = _segment_end(folded, q, head.end() if head else q)
        if seg <= q or max(len(x.split()) for x in joiner.split(folded[q:seg])) > _MAX_LIST_ITEM_WORDS:
            break
        pos, last, items = seg, seg, items + 1
    joined = joiner.search(folded, end, last)
    if not items or not joined or res["object"].match(folded, last):
        return None
    return last


def _trim_balanced(text: str) -> str:
    """``text`` trimmed of punctuation at its edges, but a bracket that closes one opened inside
    it stays («شهرداری (معاونت عمرانی)»)."""
    out = text.strip(_TRIM)
    for opening, closing in ("()", "«»", "[]"):
        if out.count(opening) > out.count(closing) and text.rstrip().endswith(closing):
            out += closing
    return out


def split_actors(actor: str | None) -> list[str]:
    """Each body an actor phrase names, in order, as written: «اتاق اصناف، اداره کل صمت و
    فرمانداری» → three, «شهرداری با همکاری اداره برق» → two (a partner gets the letter too).

    A list is cut at its commas and at a «و» that a new body or person follows («… و شورای
    اسلامی», «… و خانم …»); a «و» before a role or a plain word joins one name («معاونت عمرانی و
    خدمات شهری»), unless the list began with a shared plural head («ادارات آموزش و پرورش، بهداشت
    و ورزش»). Never inside brackets nor inside a body whose own name holds «و» or a comma
    (``resolutions.compound_bodies``)."""
    if not actor or not actor.strip(_TRIM):
        return []
    folded = fold(actor)
    res = _res()
    protected = [False] * len(folded)
    for m in vocab().rx("<<resolutions.compound_bodies>>").finditer(folded):
        protected[m.start():m.end()] = [True] * (m.end() - m.start())
    depth, bracketed = 0, [False] * len(folded)
    for i, ch in enumerate(folded):
        depth += ch in "([«"
        bracketed[i] = depth > 0
        depth -= ch in ")]»" and depth > 0
    shared = res["list_head"].match(folded) is not None
    # a body or a person may follow «و»; a role may not: «مدیر کل و رئیس شورای …» is one person
    body = vocab().rx(r"(?:<<resolutions.actor_heads>>|<<people.organizations>>|<<people.honorifics>>)(?!\w)")
    cuts: list[tuple[int, int]] = []  # spans removed between two actors
    for m in vocab().rx(r"\s(?:<<resolutions.actor_partners>>)\s").finditer(folded):
        cuts.append((m.start(), m.end()))
    for m in re.finditer(r"\s*[،,؛;/]\s*|\s(?:" + _p("numbers.joiners") + r")\s+", folded):
        if protected[m.start()] or bracketed[m.start()] or any(a <= m.start() < b for a, b in cuts):
            continue
        joiner = m.group(0).strip() not in "،,؛;/"
        if joiner and not shared and not body.match(folded, m.end()):
            continue
        cuts.append((m.start(), m.end()))
    actors, pos = [], 0
    for start, end in sorted(cuts) + [(len(folded), len(folded))]:
        piece = _trim_balanced(actor[pos:start])
        if piece:
            actors.append(piece)
        pos = max(pos, end)
    return actors


def _person_before(text: str, pos: int) -> str | None:
    """«… آقای مهندس کریمی مدیر فنی … مقرر شد نامبرده …»: the last person named before ``pos``,
    as written (honorific, titles, name)."""
    from .people import person_at

    v = vocab()
    for rx in (v.compiled("people.honorifics"), v.compiled("people.titles")):
        found = None
        for m in rx.finditer(text, 0, pos):
            pm = person_at(text[:pos], m.start(), need_honorific=rx is not v.compiled("people.titles"))
            if pm and pm.name:
                last = pm.name.split()[-1]
                at = text.find(last, m.start(), pos)
                if at >= 0:
                    found = text[m.start(): at + len(last)]
        if found:
            return found.strip(_TRIM)
    return None


def _pronoun(text: str, folded: str, pos: int) -> str | None:
    """The person a pronoun at ``pos`` («نامبرده», «ایشان») stands for, if it stands there."""
    while pos < len(folded) and folded[pos] in " \t\u200c":
        pos += 1
    if not _res()["pronoun"].match(folded, pos):
        return None
    return _person_before(text, pos)


def _background(folded: str, pos: int) -> bool:
    """«نامه … که توسط X ارسال شده بود، مطرح و …»: the agent at ``pos`` did something before
    the meeting (a past perfect follows it in its clause), so X is not the one who acts."""
    res = _res()
    end = len(folded)
    for rx in (res["decided"], re.compile(r"[.؛;]")):
        m = rx.search(folded, pos)
        if m:
            end = min(end, m.start())
    return bool(res["background"].search(folded, pos, end))


def _skip_deadline(folded: str, pos: int) -> int:
    """After a deadline phrase that stands at ``pos`` (past _TRIM characters only), else ``pos``.
    The phrase is tried only where it may begin, as _deadline_span's search would meet it:
    searching the rest of the line from every «مقرر شد» cost time quadratic in the line."""
    res = _res()
    at, end = pos, len(folded)
    while at < end and folded[at] in _TRIM:
        at += 1
    q = pos
    while q <= at:
        m = res["deadline"].match(folded, q)
        if m is None:
            q += 1
            continue
        if res["not_deadline"].match(folded, m.start()):
            q = max(m.end(), q + 1)  # as finditer goes on after a match
            continue
        return _meeting_span(folded, m.start(), m.end())[1]
    return pos


def is_bare_label(text: str) -> bool:
    """«مسئول اجرا:» alone on its line: its value is on the next line."""
    return _res()["label"].fullmatch(fold(text.strip())) is not None


def starts_with_label(text: str) -> bool:
    """«مسئول اجرا: شهرداری», «مهلت:» — a line that gives an item's actor, supervisor or deadline."""
    return _res()["label"].match(fold(text.strip())) is not None


def _labels(text: str, folded: str) -> dict[str, str]:
    """Values of «مسئول اجرا: …», «ناظر: …», «مهلت: …» labels, by canonical key."""
    res = _res()
    found = list(res["label"].finditer(folded))
    out: dict[str, str] = {}
    for i, m in enumerate(found):
        key = vocab().lookup("resolutions.labels", re.sub(r"\s*[:：]\s*$", "", m.group(0)))
        end = found[i + 1].start() if i + 1 < len(found) else len(folded)
        stop = re.search(r"[؛;()\[\]|\n]|\s[-–—]\s|[.،,]\s*$", folded[m.end():end])
        value = text[m.end(): m.end() + stop.start() if stop else end].strip(_TRIM)
        if key and value and key not in out:
            out[key] = value
    return out


def _actor(text: str, folded: str) -> str | None:
    res = _res()
    for m in res["decided"].finditer(folded):  # «مقرر گردید [حداکثر تا …] شهرداری …»
        at = _skip_deadline(folded, m.end())
        actor = _pronoun(text, folded, at) or _phrase(text, folded, at, need_head=True)
        if actor:
            return actor
    for m in res["agent"].finditer(folded):  # «… توسط معاونت عمرانی انجام شود»
        if _background(folded, m.end()):
            continue
        actor = _pronoun(text, folded, m.end()) or _phrase(text, folded, m.end(), need_head=False)
        if actor:
            return actor
    m = res["assigned"].search(folded)  # «… به معاونت شهرسازی محول گردید»
    if m and res["head"].match(folded, m.start("x")):
        x_end = m.end("x")
        return _phrase(text[:x_end], folded[:x_end], m.start("x"), need_head=True)
    # «[… و] شهرداری [ظرف یک ماه] موظف است / نسبت به … اقدام نماید» at a clause start
    for m in res["clause"].finditer(folded):
        start = m.end()
        pronoun = _pronoun(text, folded, start)
        if pronoun:
            after = _skip_deadline(folded, res["pronoun"].match(folded, start).end())
            if res["obligation"].match(folded, after):
                return pronoun
        actor = _phrase(text, folded, start, need_head=True)
        if actor:
            at = folded.find(fold(actor), start)  # _phrase may have tidied the text: not found
            after = _skip_deadline(folded, at + len(actor)) if at >= 0 else None
            if after is not None and res["obligation"].match(folded, after):
                return actor
            if start == 0 and res["acts"].search(folded):
                return actor  # «دفتر برنامه‌ریزی تا پایان خرداد فهرست … را تهیه کند.»: the subject acts
    return None


def extract(text: str) -> Extracted:
    """Actor, supervisor and deadline phrase of one resolution item; None where not found.

    Labels win over what the sentence says. «مسئول پیگیری: …» is the actor when no other
    actor is named, the supervisor when one is (as in resolution tables).
    """
    folded = fold(text)
    labels = _labels(text, folded)
    actor = labels.get("actor")
    supervisor = labels.get("supervisor")
    follow_up = labels.get("follow_up")
    if actor is None:
        actor = follow_up or _actor(text, folded)
    elif supervisor is None:
        supervisor = follow_up
    if supervisor is None:
        m = _res()["supervision"].search(folded)
        if m:
            supervisor = _phrase(text, folded, m.end(), need_head=False)
    deadline = labels.get("deadline") or find_deadline(text)
    return Extracted(actor=actor, supervisor=supervisor, deadline_text=deadline)


# --- splitting the list ---------------------------------------------------------------------

def _bare(line: str) -> str:
    return _res()["mark"].sub("", fold(line).strip()).replace("**", "").strip()


def _tail_possible(bare: str) -> bool:
    """Can «… موارد زیر مقرر گردید:» match? Only if the text before the first colon ends
    as an intro ends: a cheap test that spares the intro_tail regex most lines."""
    colon, wide = bare.find(":"), bare.find("：")
    if wide >= 0 and (colon < 0 or wide < colon):
        colon = wide
    return colon > 0 and bare[:colon].rstrip().endswith(_intro_endings())


@lru_cache(maxsize=1)
def _intro_endings() -> tuple[str, ...]:
    return tuple({re.split(r"[\s\u200c]+", s)[-1] for s, _ in vocab().spellings("resolutions.intros")})


def is_intro(line: str) -> tuple[bool, str]:
    """(True, text after the colon) when ``line`` introduces the list («مصوبات:», «نتایج جلسه»)."""
    bare = _bare(line)
    res = _res()
    m = res["intro"].match(bare.rstrip(" .:")) or res["intro"].match(bare) or \
        (_tail_possible(bare) and res["intro_tail"].match(bare))
    if not m:
        return is_heading(bare), ""
    rest = m.group("rest") or ""
    return True, line[len(line) - len(rest):] if rest else ""


_MAX_HEADING_WORDS = 16


def is_heading(text: str) -> bool:
    """«مصوبات چهل و دومین جلسه شورای اسلامی شهر …»: a short line that starts with a resolutions
    heading word and ends as a heading does (no sentence end, no finite verb)."""
    v = vocab()
    core = text.strip(" *:")
    if not core or len(core.split()) > _MAX_HEADING_WORDS or core.endswith((".", "!", "؟", "؛")):
        return False
    return bool(v.key_at_start("resolutions.headings", core)) and \
        not v.rx(r"(?:^|\s)(?:<<resolutions.heading_verb_endings>>)$").search(core)


class Item(NamedTuple):
    """A numbered (or bulleted) line: how it is numbered, its number, the text after it."""

    kind: str  # 'digit', 'letter', 'word' or 'bullet'
    number: int | None  # None for letters and bullets: the caller numbers them by position
    text: str


def ends_with_intro(text: str) -> bool:
    """«… تشکیل و پس از بحث، تصمیمات به شرح ذیل اتخاذ شد:» — a paragraph whose last sentence
    introduces the list that follows."""
    core = text.rstrip(" *")
    if not core.endswith((":", "：", ".")) and not core.endswith(tuple(_intro_tails())):
        return False
    tail = fold(core[-_tail_window():])
    v = vocab()
    # «… به تصویب رسید و مقرر شد :», «… تصویب نمود:» — a decision verb introduces a list only before a colon
    return bool(v.rx(r"(?:<<resolutions.intro_endings>>)\s*[:：.]?$").search(tail) or
                v.rx(r"(?:^|\s)(?:<<resolutions.intro_verbs>>)\s*[:：]$").search(tail))


@lru_cache(maxsize=1)
def _intro_tails() -> tuple[str, ...]:
    return tuple({re.split(r"[\s\u200c]+", s)[-1] for s, _ in vocab().spellings("resolutions.intro_endings")})


@lru_cache(maxsize=1)
def _tail_window() -> int:
    return vocab().longest("resolutions.intro_endings") + 8


# Bullets: dashes, stars, dots, «*-», a run of kashida or an underscore (often glued to the
# word), and any pictograph (✅, 🔹, 📌 …: Unicode category So) with its variation selector.
_BULLET = re.compile(r"^(?:\*-|[-–—*•·+▪►●○◆■□]\s|ـ{2,}\s*|_(?=\S))\s*")


def _bullet_end(folded: str) -> int:
    m = _BULLET.match(folded)
    if m:
        return m.end()
    if folded and unicodedata.category(folded[0]) == "So":
        end = 1
        while end < len(folded) and (folded[end] in "\ufe0f\u200d" or unicodedata.category(folded[end]) == "So"):
            end += 1
        return end + len(folded[end:]) - len(folded[end:].lstrip())
    return 0


def item_start(line: str) -> Item | None:
    """The one reader of list numbering: «۱-», «1.», «1)», «(1», «۱ :», a bare «780 » before a
    word, «الف-», «بند ۱:», and bullets («-», «*-», «•», «_», «ــ», ✅ …); None for anything else."""
    res = _res()
    stripped = line.strip()
    folded = fold(stripped)
    offset = _bullet_end(folded)
    body = folded[offset:]
    for kind in ("num", "word", "letter", "letter_digit", "bare", "bidi"):
        m = res[kind].match(body)
        if m:
            text = stripped[offset + m.end():].strip()
            if kind in ("num", "bare", "bidi"):
                return Item("digit", int(m.group("n") or m.group("p")), text)
            if kind == "word":
                w = m.group("w")
                n = int(w) if w.isdigit() else (parse_cardinal(w) or parse_ordinal(w))
                return Item("word", n, text)
            return Item("letter", None, text)
    if offset:
        return Item("bullet", None, stripped[offset:].strip())
    return None


# --- items run together in one sentence ------------------------------------------------------

_QUOTED = re.compile(r"«([^«»]*)»")
_SLASH = re.compile(r"(?<![0-9۰-۹])\s*/\s*(?![0-9۰-۹])")  # «… نوروزی/ تهیه نهال …», not «۹۷/۱۰/۴»
_MIN_RUN = 3  # slash- and comma-separated runs: fewer parts are a pair of words, not a list
_MIN_ITEM_WORDS = 2
_MAX_RUN_ITEM_WORDS = 25  # a longer comma segment is a sentence's clause, not a listed item


def inline_items(text: str, *, commas: bool = False) -> list[str]:
    """The items of a list run together in one sentence, as written, or ``[text]``.

    * quoted: «…»، «…» و «…» — two quoted phrases or more side by side (joined only by commas
      or «و»), each an item, its quotes dropped;
    * slashed: «… مقرر گردید الف/ ب/ ج/ د …» — three parts or more between slashes (a date's
      slashes do not count), the first and the last keeping the sentence around them;
    * with ``commas`` (a paragraph right after a list's intro, which has no decision verb of
      its own): «الف، ب، ج و د» — three noun phrases or more between commas, the last «و»
      cutting the last one when both its sides are phrases of their own.
    An item has two words at least; anything else is one item, the whole text."""
    quoted = [m for m in _QUOTED.finditer(text) if len(m.group(1).split()) >= _MIN_ITEM_WORDS]
    runs: list[list[re.Match]] = []
    for m in quoted:
        if runs and vocab().rx(r"^[\s،,؛;]*(?:(?:<<numbers.joiners>>)\s+)?$").match(text[runs[-1][-1].end():m.start()]):
            runs[-1].append(m)
        else:
            runs.append([m])
    longest = max(runs, key=len, default=[])
    if len(longest) >= 2:
        return [m.group(1).strip() for m in longest]
    outside = _QUOTED.sub(lambda m: "x" * len(m.group(0)), text)  # cut nowhere inside quotes
    parts = _cut(text, [m.span() for m in _SLASH.finditer(outside) if not _alternatives(outside, m)])
    if len(parts) >= _MIN_RUN and all(len(p.split()) >= _MIN_ITEM_WORDS for p in parts):
        return parts
    if commas:
        parts = _cut(text, [m.span() for m in re.finditer(r"\s*[،,]\s*", _unbracketed(outside))])
        if len(parts) >= _MIN_RUN - 1 and all(_MIN_ITEM_WORDS <= len(p.split()) <= _MAX_RUN_ITEM_WORDS for p in parts) \
                and not _has_verb(text):  # «…، از دو نفر به سه نفر افزایش می‌یابد» is a clause
            # «… و انتخاب دو شهرستان …» cuts; «شانزدهمین و هفدهمین دوره» joins two ordinals of one phrase
            last = [m for m in vocab().rx(r"\s(?:<<numbers.joiners>>)\s").finditer(parts[-1]) if not _ordinal_or_number(parts[-1][m.end():])]
            if last and min(len(parts[-1][:last[-1].start()].split()),
                            len(parts[-1][last[-1].end():].split())) >= _MIN_ITEM_WORDS:
                parts[-1:] = [parts[-1][:last[-1].start()].strip(), parts[-1][last[-1].end():].strip()]
            if len(parts) >= _MIN_RUN:
                return [p.rstrip(" .") for p in parts]
    return [text]


def _alternatives(text: str, slash: re.Match) -> bool:
    """«خانم/آقای», «و/یا»: a slash between two words that stand for one another, not a list."""
    before, after = text[:slash.start()].split()[-1:], text[slash.end():].split()[:1]
    if not before or not after:
        return False
    v = vocab()
    return all(v.lookup("people.honorifics", w) or v.lookup("numbers.joiners", w) or v.lookup("resolutions.alternatives", w)
               for w in before + after)


def _has_verb(text: str) -> bool:
    v = vocab()
    return any(v.lookup("resolutions.heading_verb_endings", w) is not None or v.lookup("resolutions.clause_verbs", w)
               is not None or v.rx(r"^(?:<<resolutions.verb_prefixes>>)\u200c").match(w) for w in re.findall(r"[^\s.،,:;؛]+", text))


def _ordinal_or_number(text: str) -> bool:
    word = fold(text.split()[0]) if text.split() else ""
    return word[:1].isdigit() or re.fullmatch(ordinal_pattern(), word) is not None


def _cut(text: str, spans: list[tuple[int, int]]) -> list[str]:
    bounds = [0, *(x for span in spans for x in span), len(text)]
    return [p for a, b in zip(bounds[::2], bounds[1::2]) if (p := text[a:b].strip())]


def _unbracketed(text: str) -> str:
    """``text`` with what stands inside brackets masked (same length), so no cut falls there."""
    out, depth = [], 0
    for ch in text:
        depth += ch in "(["
        out.append("x" if depth > 0 and ch not in "([)]" else ch)
        depth -= ch in ")]" and depth > 0
    return "".join(out)
