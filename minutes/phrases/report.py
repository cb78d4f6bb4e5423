"""Meeting reports (news of a meeting, ``kind: "report"``): what a minutes reader can still use.

A report has no sections or table. Its headline is the title; the meeting is
named inside a sentence («سومین جلسه گروه کاری اشتغال و سرمایه‌گذاری شهرستان»);
decisions are stated in prose («در این جلسه ۱۷۳ طرح … مورد تصویب قرار گرفت»).
Speakers are read by ``attribution`` as in prose minutes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.numbers import ordinal_pattern
from .people import ends_with_speech_verb
from ..text.vocab import vocab

__all__ = ["headline", "meeting_name", "decision_sentences", "web_furniture"]

_MAX_HEADLINE_WORDS = 25
_SENTENCE_END = re.compile(r"(?<=[.!؟])\s+")
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
    stop = v.rx(r"\s(?:<<report.meeting_stops>>)(?![\w\u200c])|[،,.:؛]").search(rest)
    name = rest[: stop.start()] if stop else rest
    name = " ".join(name.split()[:_MAX_MEETING_WORDS])
    return name, parse_ordinal(m.group(1))


def decision_sentences(text: str) -> list[str]:
    """Sentences stating a decision: they hold a phrase of ``report.decisions``."""
    v = vocab()
    pattern = v.rx(r"(?:<<report.decisions>>)(?![\w\u200c])")
    if not pattern.search(text):
        return []  # most paragraphs: one search, no sentence split
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    # «مصوبات زیر … به تصویب رسید»: a sentence about «the following» introduces a list, it is not one
    following = v.rx(r"(?:^|\s)(?:<<report.following>>)(?![\w\u200c])")
    return [s for s in sentences if pattern.search(s) and not following.search(s)]
