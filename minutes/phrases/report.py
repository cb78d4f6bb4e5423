"""Meeting reports (news of a meeting, ``kind: "report"``): what a minutes reader can still use.

A report has no sections or table. Its headline is the title; the meeting is
named inside a sentence («سومین جلسه گروه کاری اشتغال و سرمایه‌گذاری شهرستان»);
decisions are stated in prose («در این جلسه ۱۷۳ طرح … مورد تصویب قرار گرفت»).
Speakers are read by ``attribution`` as in prose minutes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..text.normalize import to_ascii_digits
from ..text.numbers import ordinal_pattern
from .people import ends_with_speech_verb
from .place import PLACE_AHEAD
from .resolutions import inline_items
from ..text.vocab import vocab

__all__ = ["headline", "meeting_name", "decision_sentences", "same_decision", "web_furniture"]

_MAX_HEADLINE_WORDS = 25
_MAX_MEETING_WORDS = 12


def web_furniture(text: str) -> str | None:
    """«کد خبر: …», «برچسب‌ها», «اخبار پیشنهادی», «انتهای پیام», «نظر شما»: the page around the
    news; the kind of furniture (``report.web_furniture``'s key), or None."""
    hit = vocab().key_at_start("report.web_furniture", text.strip(" •*-"))
    return hit[0] if hit else None


def headline(text: str) -> bool:
    """A short first line with no speech verb and no sentence end is the news headline."""
    words = text.split()
    return 0 < len(words) <= _MAX_HEADLINE_WORDS and not ends_with_speech_verb(text) and \
        not text.rstrip().endswith((".", ":"))


@lru_cache(maxsize=1)
def _meeting_re() -> re.Pattern:
    return re.compile(rf"({ordinal_pattern()})\s+(?:{vocab().pattern('meeting.session_words')})(?![\w\u200c])")


def meeting_name(text: str) -> tuple[str, int | None] | None:
    """(«سومین جلسه گروه کاری …», 3) from a sentence that names the meeting, or None."""
    from ..text.numbers import parse_ordinal

    v = vocab()
    if not v.rx(r"(?:<<meeting.session_words>>)").search(text):
        return None  # the session word first: a short alternation, where the ordinals are long
    m = _meeting_re().search(text)
    if not m:
        return None
    rest = text[m.start():]
    # The name ends where the sentence goes on to the meeting's day, place, chair or verb
    # («… شورای شهر | روز سه‌شنبه …», «… | در تالار شورا», «… | به ریاست …», «… | تصویب شد»).
    stop = v.rx(r"\s(?:<<report.meeting_stops>>)(?![\w\u200c])|\s" + PLACE_AHEAD
                + r"|\s(?:<<meeting.day_word>>)\s*(?=<<dates.weekdays>>)|[،,.:؛/(]").search(rest)
    name = rest[: stop.start()] if stop else rest
    words = name.split()[:_MAX_MEETING_WORDS]
    while words and v.lookup("report.meeting_dangling", words[-1]):
        words.pop()  # «… استان در» cut by the word limit or before a date: not part of the name
    return " ".join(words), parse_ordinal(m.group(1))


def decision_sentences(text: str) -> list[str]:
    """The decisions a paragraph states, one string each, as written.

    A sentence decides when it holds a phrase of ``report.decisions`` or a frame
    («مورد بررسی و تصویب اعضاء شورا قرار گرفت», «به تایید اعضای شورا رسید»), or names itself
    one of the meeting's decisions («از دیگر مصوبات این جلسه …»). Not decisions: a phrase in
    the past or a condition («… به تصویب رسیده بود»), a generic mention («مصوباتی … به تصویب
    رسید»), a past session's or a cited body's decision («مصوبات جلسه قبل مورد تایید قرار
    گرفت»), a sentence about «the following» (it introduces a list). Two decisions joined in one
    sentence («… برگزار گردد همچنین مصوب شد …») are two; quoted speech gives the statement
    without who said it («X گفت: «در جلسه امروز مقرر شد …»» → «در جلسه امروز مقرر شد …»).
    """
    rx = _rx()
    if not rx["any"].search(text):
        return []  # most paragraphs: one search, no sentence split
    found, text = _quoted_decisions(text)
    for said in _SENTENCE_END.split(text):
        sentence = _statement(said.strip())
        if not sentence:
            continue
        hits = _hits(sentence)
        following = rx["following"].search(sentence)
        if following:
            close = sentence.rfind("»")
            if close < following.end() or not any(h.start > close for h in hits):
                continue  # «مصوبات زیر … به تصویب رسید»: a sentence about «the following» introduces a list
            # «… به شرح ذیل: «…» این موضوع … مورد موافقت قرار گرفت»: the quote was what it introduced
        if not hits and not sentence.rstrip().endswith(":"):
            vote = rx["vote_led"].search(sentence)
            if vote:  # «با ۹ رأی موافق، …»: a vote decides
                hits = [_Hit(vote.start(), vote.end(), "voted")]
        if sentence != said.strip() and hits and all(h.kind == "duty" for h in hits) \
                and not rx["this_meeting"].search(sentence):
            continue  # «فرماندار افزود: ادارات موظفند …»: what a speaker says must be done, not the meeting's decision
        if hits and hits[-1].end >= len(sentence.rstrip(" :")) and sentence.rstrip().endswith(":"):
            hits.pop()  # «… تصویب نمود:» introduces what follows
        named = rx["among_named"].search(sentence)
        if named:  # «از دیگر مصوبات این جلسه می‌توان به الف و ب اشاره کرد»
            listed = _among_items(named.group("items"))
            if len(listed) > 1:
                found += listed
                continue
        among = rx["among_any"].search(sentence)
        if among and all(h.start >= among.start() for h in hits):
            # «الف، ب و ج از جمله مصوبات این جلسه بود», ««الف»، «ب» … از تصمیمات شورا بود»: the items named
            listed = _among_items(sentence[:among.start()])
            if len(listed) > 1:
                found += listed
                continue
            words = among.group(0).split()
            # a singular noun; «این» before a plural one («… از جمله این مصوبات است»); or a plural one with the
            # meeting named after it («الف تا پایان امسال و ب و ج از تصمیمات چهارمین جلسه … بود», no cut found)
            one = vocab().key_at_start("report.among_one", words[-1]) or \
                any(vocab().lookup("report.among_demonstrative", w) for w in words[:-1]) or \
                rx["session_named"].match(sentence, among.start())
            if not hits and len(listed) == 1 and one and len(listed[0].split()) >= _MIN_NAMED_WORDS:
                found += [listed[0].strip(" ،,")]  # «تصویب تأسیس صندوق … دیگر مصوبه شورای شهر … بود»: one decision, named
                continue
            if not hits:
                continue
        found += [item for part in _split(sentence, hits) for item in inline_items(part)]
    return found


_MIN_NAMED_WORDS = 3  # a decision named alone before «دیگر مصوبه …» is a phrase, not a word or two


def _quoted_decisions(text: str) -> tuple[list[str], str]:
    """«شورا … به شرح ذیل تصویب نمود: «۱۲ـ …»», «… که … به تصویب رسیده است، به شرح ذیل ابلاغ می‌شود:
    «ماده واحده ـ … . تبصره ـ …»»: a sentence about «the following» that decides and ends with a colon,
    then a quote — the quote is what was decided: one resolution, as written inside its marks (its
    own numbering and sentences kept). Returns those decisions and the text without their sentences.
    The quote is found before sentences are cut: a period inside it ends no sentence. Each stretch
    of the text is read once (quotes paired in one pass, an intro starting after the quote before
    it), so a paragraph of many «: «» costs time linear in its length."""
    rx = _rx()
    if "«" not in text or not rx["following"].search(text):
        return [], text
    closes = _quote_closes(text)
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    found, rest, at, read = [], [], 0, 0
    for colon in re.finditer(r":\s*«", text):
        opening = colon.end() - 1
        if opening < read:
            continue  # inside a quote already read
        close = closes.get(opening, -1)
        before = bisect.bisect_right(ends, colon.start())
        start = max(read, ends[before - 1] if before else 0)
        read = close + 1 if close >= 0 else len(text)
        intro = text[start:colon.start()]
        if close < 0 or not rx["following"].search(intro) or not _hits(_statement(intro)):
            continue
        quoted = text[colon.end():close].strip()
        # the quote is whole sentences: it ends one, or a sentence ends right after it
        # («… تصویب شد: «الف» و «ب» …» quotes names inside a sentence, not what was decided)
        if quoted and (quoted[-1] in ".!؟" or text[close + 1:close + 2] in (".", "!", "؟")):
            found.append(quoted)
            rest.append(text[at:start])
            at = close + 1
    return found, "".join(rest) + text[at:]


def _quote_closes(text: str) -> dict[int, int]:
    """Each «'s position → where its » closes it (quotes nested inside counted), in one pass."""
    opened: list[int] = []
    closes: dict[int, int] = {}
    for i, ch in enumerate(text):
        if ch == "«":
            opened.append(i)
        elif ch == "»" and opened:
            closes[opened.pop()] = i
    return closes


def _among_items(head: str) -> list[str]:
    """The items a sentence names before «از جمله مصوبات …»: a quoted, slashed or comma run, or
    two phrases of two words or more joined by one «و»."""
    listed = inline_items(head, commas=True)
    if len(listed) == 1:
        parts = vocab().rx(r"\s(?:<<numbers.joiners>>)\s").split(head.strip(" ،,"))
        # «تأسیس صندوق … به منظور تنوع‌بخشی … و افزایش …»: a «و» after a purpose joins its objects; one
        # after «که» stays inside the relative clause
        purpose = vocab().rx(r"(?:^|\s)(?:<<report.purpose>>|<<report.relative>>)(?![\w\u200c])").search(parts[0])
        if len(parts) == 2 and not purpose and all(len(p.split()) >= 2 for p in parts):
            listed = [p.strip() for p in parts]
    return listed


def same_decision(a: str, b: str, *, lede: bool = False) -> bool:
    """Do two decision sentences state one decision? Near-identical wording («… دهند» / «… دهد»);
    with ``lede``, also a news lead restated in the body, which shares a long run of words and
    most of the shorter one's words («کلیات طرح «…» به تصویب رسید» / «کلیات طرح «…» با ۱۵
    موافق … تصویب شد»)."""
    pairs_a, pairs_b = _word_pairs(a), _word_pairs(b)
    if pairs_a is None or pairs_b is None:
        return False
    if pairs_a and pairs_b and len(pairs_a & pairs_b) >= 0.9 * min(len(pairs_a), len(pairs_b)):
        return True
    if not lede:
        return False
    ca, cb = _content(a), _content(b)  # the decision phrases and short words say nothing of what
    if not ca or not cb:
        return False
    return len(set(ca) & set(cb)) >= _LEDE_SHARE * min(len(set(ca)), len(set(cb))) and \
        _longest_run(ca, cb) >= _LEDE_RUN


# -- decision phrases -------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?:(?<=[.!؟])|(?<=[.!؟][»\"”]))\s+")
_OPENING = frozenset({"decided", "ruled", "arranged", "resolved", "obliged", "duty", "agreed_that", "frame_tasmim", "among"})
_NEAR_WORDS = 2  # an opening phrase this close after a past session's name is that session's («در جلسه قبل مقرر شد»)
_LEDE_RUN = 5  # content words in a row a lead and its restatement share
_LEDE_SHARE = 0.6  # and the share of the shorter one's content words


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    kind: str  # a key of report.decisions, «frame_<key>», or «among»

    @property
    def opening(self) -> bool:
        return self.kind in _OPENING


@lru_cache(maxsize=1)
def _rx() -> dict[str, re.Pattern]:
    v = vocab()
    left = r"(?<![^\W\d_])(?<!\u200c)"  # not inside a word; a digit may be glued before («۱۴۰۳تصویب شد»)
    right = rf"(?:(?![\w\u200c])|(?=\u200c?(?:{v.pattern('report.glued_after')})))"
    word = r"[^\s.،,؛:!؟]+"
    nouns = v.pattern("report.frame_nouns")
    frames = []
    for key in v.table("report.frame_open"):
        opened, closed = v.pattern("report.frame_open", key), v.pattern("report.frame_close", key)
        if key == "voted":  # elected by a vote: «… انتخاب شدند» as well as the active «… را انتخاب کردند»
            closed = f"{v.pattern('report.frame_close', 'elected')}|{closed}"
        if key == "tasmim":
            body = rf"(?:\s{word}){{0,3}}?"
        elif key == "elected":  # the post between
            body = rf"(?:\s{word}){{1,8}}?"
        elif key == "voted":  # who was elected, and to what, between the vote and the election
            body = rf"(?:\s{word}){{1,10}}?"
        else:  # «مورد بررسی و تصویب اعضاء شورا قرار گرفت», «به تایید اعضای شورا رسید»
            before = rf"(?:\s{word}){{0,3}}?" if key == "mored" else ""
            body = rf"{before}\s(?:{nouns})(?:\s{word}){{0,6}}?"
        frames.append(rf"(?P<frame_{key}>{left}(?:{opened}){body}\s(?:{closed}){right})")
    # after the plural noun, the meeting named: «… دیگر این جلسه», «… سومین جلسه»
    session_named = (rf"(?:\s(?:{v.pattern('report.among_lead', 'digar')}))?\s(?:{v.pattern('report.among_this')}"
                     rf"|(?:{ordinal_pattern()})\s(?:{v.pattern('meeting.session_words')})){right}")
    among = (rf"(?P<among>{left}(?P<lead>{v.pattern('report.among_lead')})\s(?P<noun>{v.pattern('report.among_nouns')})"
             rf"{session_named})")
    phrases = rf"(?P<phrase>{left}(?:{v.pattern('report.decisions')}){right})"
    # «… و مقرر گردیدنتایج نهایی … اعلام گردد»: a phrase that opens what was decided, glued to the next word
    glued = (rf"(?P<glued>{left}(?:{v.pattern('report.decisions', 'decided')}|{v.pattern('report.decisions', 'arranged')})"
             rf"(?=[^\W\d_]{{2}}))")
    clause_end = r"[،,:؛;.!؟]"
    this_end = rf"\s(?:{v.pattern('report.among_this')})(?=\s+(?:{v.pattern('report.among_close')})\s*[.!]?\s*$)"
    return {
        "any": re.compile(rf"(?:{v.pattern('report.decisions')}|{v.pattern('report.frame_nouns')}"
                          rf"|{v.pattern('report.among_nouns')}|{v.pattern('report.frame_close')}"
                          rf"|{v.pattern('resolutions.votes')}|{v.pattern('report.vote_led', 'most')})"),
        "hit": re.compile("|".join([phrases, *frames, among, glued])),
        "not_after": re.compile(rf"\s*(?:{v.pattern('report.not_after')})(?![\w\u200c])"),
        "lead_ok": re.compile(rf"^(?:(?:{v.pattern('report.decision_joins')})\s*)?$"),
        "background": re.compile(rf"{left}(?:{v.pattern('report.background')})(?![\w\u200c])"),
        "generic": re.compile(rf"{left}(?:{v.pattern('report.generic')})(?![\w\u200c])"),
        "clause_end": re.compile(clause_end),
        "object": re.compile(rf"(?:^|\s)(?:{v.pattern('report.object_marker')})(?![\w\u200c])"),
        "join": re.compile(rf"(?:^|\s)(?:{v.pattern('report.decision_joins')})(?![\w\u200c])|؛"),
        # «از جمله مصوبات …», «از تصمیمات چهارمین جلسه …» after the items it names
        "among_named": re.compile(rf"(?:{v.pattern('report.among_nouns')})[^.؛]*?\s(?:{v.pattern('report.among_items_lead')})"
                                  rf"\s(?P<items>.+?)\s(?:{v.pattern('report.among_items_end')}){right}"),
        "among_any": re.compile(rf"{left}(?:(?:{v.pattern('report.among_lead', 'digar')})\s"
                                rf"(?:(?:{v.pattern('report.among_demonstrative')})\s)?(?:{v.pattern('report.among_nouns')})"
                                rf"|(?:{v.pattern('report.among_lead', 'az')})\s(?:{v.pattern('report.among_nouns')})\s"
                                rf"(?:{ordinal_pattern()})\s(?:{v.pattern('meeting.session_words')})"
                                rf"|(?:{v.pattern('report.among_lead', 'az')})\s(?:{v.pattern('report.among_nouns')}){this_end}){right}"),
        "this_end": re.compile(this_end),
        # the meeting named after the plural noun: «از دیگر مصوبات این جلسه», «از تصمیمات چهارمین جلسه»
        "session_named": re.compile(rf"{left}(?:{v.pattern('report.among_lead')})\s(?:{v.pattern('report.among_nouns')})"
                                    rf"{session_named}"),
        "this_meeting": re.compile(rf"{left}(?:{v.pattern('report.among_this')}){right}"),
        "following": re.compile(rf"(?:^|\s)(?:{v.pattern('report.following')})(?![\w\u200c])"),
        "vote_led": re.compile(rf"{left}(?:{v.pattern('report.vote_led', 'lead')})\s(?:\d+\s*)?"
                               rf"(?:{v.pattern('resolutions.votes', 'for')}|{v.pattern('resolutions.votes', 'unanimous')}"
                               rf"|{v.pattern('resolutions.votes', 'majority')}|{v.pattern('report.vote_led', 'most')})(?![\w\u200c])"),
    }


def _hits(sentence: str) -> list[_Hit]:
    """The decision phrases of a sentence that state this meeting's decision, in order."""
    rx, v = _rx(), vocab()
    hits: list[_Hit] = []
    raw: list[tuple[int, int]] = []  # every decision phrase, kept or not: see _background
    for m in rx["hit"].finditer(sentence):
        raw.append(m.span())
        kind = m.lastgroup
        if kind == "phrase":
            kind = v.lookup("report.decisions", m.group(0)) or "approved"
        elif kind == "glued":
            kind = v.lookup("report.decisions", m.group(0)) or "decided"
        elif kind == "among" and v.lookup("report.among_lead", m.group("lead")) == "az" \
                and not rx["lead_ok"].match(sentence[: m.start()].strip(" ،,")) \
                and not rx["this_end"].match(sentence, m.end("noun")):
            # a bare «از مصوبات این جلسه» counts only at the start («گزارشی از مصوبات …» does not), or
            # before a closing copula («X از تصمیمات این جلسه بود»)
            continue
        if kind not in ("among", "frame_tasmim", "frame_elected") and rx["not_after"].match(sentence, m.end()):
            continue  # «… به تصویب رسیده بود»: a past, not this meeting's decision
        hits.append(_Hit(m.start(), m.end(), kind))
    # «X تصویب و … مقرر شد …»: an approval with its verb left out decides only before an opening phrase
    hits = [h for i, h in enumerate(hits) if h.kind != "approved_elliptic" or any(b.opening for b in hits[i + 1:])]
    if not hits:
        return hits
    stops = [i for i, ch in enumerate(sentence) if ch in _CLAUSE_END]
    ends = [e for _, e in raw]
    return [h for h in hits if not _background(sentence, h, _search_from(h, stops, raw, ends))]


_CLAUSE_END = frozenset("،,:؛;.!؟")  # the characters of _rx()["clause_end"]
_MARGIN = 200  # characters: longer than any marker phrase, and than a phrase glued after a decision


def _search_from(hit: _Hit, stops: list[int], raw: list[tuple[int, int]], ends: list[int]) -> int:
    """Where a marker that can still qualify for ``hit`` may begin: a marker that ends before the
    last clause end, or before another decision phrase well ahead of the hit, is passed over in
    _background anyway. Searching from the sentence's start for every hit cost time quadratic
    in a long sentence of many decisions («مصوب شد» repeated)."""
    import bisect

    lo = 0
    i = bisect.bisect_left(stops, hit.start)
    if i:
        lo = stops[i - 1] + 1
    j = bisect.bisect_right(ends, hit.start - _MARGIN)
    if j:
        lo = max(lo, raw[j - 1][0])
    return max(0, lo - _MARGIN)


def _background(sentence: str, hit: _Hit, start: int = 0) -> bool:
    """A past session's or a cited decision («مصوبات جلسه قبل … تایید شد»), or a generic one
    («مصوباتی … به تصویب رسید»): the first phrase in the marker's clause, closing; or an opening
    one right after a past session («در جلسه گذشته مقرر شد»). Markers are looked for from
    ``start`` (see _search_from)."""
    rx = _rx()
    for name in ("background", "generic"):
        for m in rx[name].finditer(sentence, start, hit.start):
            between = sentence[m.end(): hit.start]
            if rx["clause_end"].search(between) or rx["hit"].search(between):
                continue  # another clause, or another phrase stands first
            key = vocab().lookup(f"report.{name}", m.group(0))
            if key == "citation" and rx["object"].search(between):
                continue  # «اعطای مجوز … براساس مصوبه شماره ۴۷۲ را به تصویب رساند»: the citation is in what this meeting approved
            near = len(between.split()) <= _NEAR_WORDS
            if key == "procedural" and not near:
                continue  # «دستورات جلسه مصوب گردید», not «… دستورات جلسه امروز بود که … به تصویب رسیدند»
            if not hit.opening or (near and key == "past_at"):
                return True
    return False


def _split(sentence: str, hits: list[_Hit]) -> list[str]:
    """One string per decision: cut before a join («همچنین», «؛») between two decision phrases,
    at a bare «و» right before an opening one («… تصویب شد و مقرر شد …»), before the opening
    one that follows an approval named in passing («ضمن تصویب برنامه سفر، مقرر شد …»), or after
    an approval whose verb is left out when words stand before the opening one («X تصویب و بنا به
    … مقرر شد …»)."""
    if not hits:
        return []
    parts, start = [], 0
    for a, b in zip(hits, hits[1:]):
        joins = list(_rx()["join"].finditer(sentence, a.end, b.start))
        if not joins:
            if b.opening and sentence[a.end:b.start].strip(" \u200c") == "و":  # «… تصویب شد و مقرر شد …»
                parts.append(sentence[start:a.end])
                start = b.start
            elif b.opening and a.kind == "approved_elliptic" and sentence[a.end:b.start].strip():
                # «X تصویب و | بنا به … مقرر شد»: cut after its «و» («تصویب و مقرر گردید …» is one)
                parts.append(sentence[start:a.end].rstrip()[:-1])
                start = a.end
            elif b.opening and a.kind == "while_approving":  # «ضمن تصویب برنامه سفر، | مقرر شد …»
                parts.append(sentence[start:b.start])
                start = b.start
            continue
        join = joins[-1]
        words = join.group(0).split()
        # «و همچنین»: the «و» ends neither part
        cut = join.end() - len(" ".join(words[1:])) if len(words) > 1 and len(words[0]) == 1 else join.start()
        parts.append(sentence[start: join.start()])
        start = cut + (1 if sentence[cut] == "؛" else 0)
    parts.append(sentence[start:])
    return [p.strip(" ،,؛;") for p in parts if p.strip(" ،,؛;")]


def _statement(sentence: str) -> str:
    """The statement without who said it: «X گفت: «…»» → «…» (a colon after a speech verb,
    the quotes around the rest dropped), so a decision reads the same quoted or not."""
    colon = sentence.find(":")
    if colon > 0 and ends_with_speech_verb(sentence[:colon]) and not _rx()["hit"].search(sentence, 0, colon):
        sentence = sentence[colon + 1:].strip()
    close = sentence.rfind("»")
    after = sentence[close + 1:].strip() if close >= 0 else ""
    if sentence.startswith("«") and (close < 0 or not after.strip(".")) and _wraps(sentence[:close + 1]):
        sentence = sentence[1:close] + after if close >= 0 else sentence[1:]  # «…» whole, or going on
    elif close >= 0 and not after.strip(".") and sentence.count("»") > sentence.count("«"):
        sentence = sentence[:close] + after  # a quote that began in an earlier sentence
    return sentence.strip()


def _wraps(quoted: str) -> bool:
    """Does the first «, at the start, close only at the end (or not at all)?"""
    depth = 0
    for i, ch in enumerate(quoted):
        depth += (ch == "«") - (ch == "»")
        if depth == 0 and i < len(quoted) - 1:
            return False
    return depth in (0, 1)


@lru_cache(maxsize=1024)
def _word_pairs(text: str) -> frozenset[tuple[str, str]] | None:
    """The pairs of neighbouring words of a sentence (None when it has no word), read once: a
    decision is compared with each of up to 200 before it (parsing.build._SAME_REACH)."""
    words = _words(text)
    return frozenset(zip(words, words[1:])) if words else None


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+|\d+", to_ascii_digits(text.replace("\u200c", "")))


def _content(sentence: str) -> list[str]:
    """The words that say what was decided: not the decision phrases, nor words of one or two letters."""
    for hit in reversed(_hits(sentence)):
        sentence = sentence[: hit.start] + " " + sentence[hit.end:]
    return [w for w in _words(sentence) if len(w) > 2]


def _longest_run(a: list[str], b: list[str]) -> int:
    best, prev = 0, [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best
