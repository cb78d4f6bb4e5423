"""The meeting's place in a sentence («… در سالن جلسات فرمانداری تشکیل شد»), and the one
pattern for «در» before a place noun, where a place begins: the attendance after «با حضور …»
and a news item's name of the meeting both end there."""

from __future__ import annotations

from ..text.vocab import vocab

__all__ = ["PLACE_AHEAD", "place_in"]

# «در» (meeting.toml [place_lead]) and a place noun after it ([place_nouns]), glued or not
# («در سالن …», «درسالن …»): a vocabulary template; the match ends where the place begins.
PLACE_AHEAD = r"(?:<<meeting.place_lead>>)\s*(?=(?:<<meeting.place_nouns>>)(?![\w\u200c]))"


def place_in(rest: str) -> str:
    """The place named in what a meeting sentence says after its time and date, '' for none.

    A place is labelled («محل جلسه: …»), or begins with a place noun («سالن …», «دانشگاه …»),
    written after «در» or first; or, failing both, it is a short «در …» that does not begin with
    a word that never starts a place («در اهواز برگزار شد», not «در خصوص …»). It ends before the
    verb that held the meeting and before what is said of the meeting next («با حضور …»,
    «به ریاست …», «با تلاوت …»). Anything else after the date («با حضور اعضا برگزار شد») names
    no place: the field stays empty rather than hold the attendance or the chair."""
    v = vocab()
    label = v.key_at_start("meeting.place_labels", rest)
    if label:
        place = rest[len(label[1]):].strip(" :،,")
    elif v.key_at_start("meeting.place_nouns", rest):
        place = rest
    elif noun := v.rx(r"(?:^|\s)" + PLACE_AHEAD).search(rest):
        place = rest[noun.end():]  # «… با حضور … در سالن جلسات …», glued «درسالن»
    elif (lead := v.key_at_start("meeting.place_lead", rest)) and \
            not v.key_at_start("meeting.not_places", rest[len(lead[1]):].lstrip()):
        place = rest[len(lead[1]):].strip()
    else:
        return ""
    named = not label and v.key_at_start("meeting.place_labels", place)  # «در محل فرمانداری»
    if named:
        place = place[len(named[1]):].strip(" :،,")
    place = place.split(". ", 1)[0]  # a place ends with its sentence
    place = v.rx(r"\s*(?:<<meeting.place_end>>)\s*[.]?\s*$").sub("", place).strip(" ،,.")
    stop = v.rx(r"\s(?:<<meeting.place_stops>>)(?![\w\u200c])").search(place)
    if stop:
        place = place[:stop.start()].strip(" ،,.")
    if not label and not named and not v.key_at_start("meeting.place_nouns", place) and \
            len(place.split()) > _MAX_BARE_PLACE_WORDS:
        return ""  # «در …» with no place noun: a town's name, not a clause
    return place


# A place after «در» without a place noun: a town or a building's name, a few words at most.
_MAX_BARE_PLACE_WORDS = 4
