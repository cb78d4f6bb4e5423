"""Attendance: who was present, absent or invited, as ``Person`` objects.

Three shapes are read:

* a heading, with the list after its colon or on the lines below it —
  «حاضرین: آقایان رضایی، محمدی و کریمی», «غایبین:», «مدعوین جلسه» (``attendance_line``);
* a «با حضور …» phrase inside a subject or first paragraph (``read_people``);
* a signature table «نام و نام خانوادگی | سمت | امضاء» (``signature_columns`` for the
  header row, ``read_signature_row`` for each row).

Words come from ``data/fa/attendance.toml`` and ``people.toml``; code compares keys.
Matching runs on ``numbers.fold(text)`` (same length), so names are slices of the input.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import Person
from ..text.numbers import fold
from ..text.vocab import vocab
from .place import PLACE_AHEAD

__all__ = ["attendance_heading", "attendance_line", "read_people", "read_person",
           "signature_columns", "read_signature_row", "named", "present_after", "merge_people"]

_L, _R = r"(?<![\w\u200c])", r"(?![\w\u200c])"
_TRIM = " \t\u200c.,،:;؛-–—()«»\"'*"
_MAX_NAME_WORDS = 4
_SHORT = 3  # in «آقایان الف، ب و ج», « و » splits names of at most this many words


def _p(name: str) -> str:
    return vocab().pattern(name)


@lru_cache(maxsize=1)
def _res() -> dict[str, re.Pattern]:
    heads = "|".join(_p(t) for t in ("attendance.role_heads", "people.role_heads", "people.organizations"))
    people = "|".join(_p(t) for t in ("people.honorifics", "people.titles", "attendance.plural_honorifics"))
    return {
        "heading": re.compile(rf"^(?:(?:{_p('sections.letters')})\s*[:\-–)]\s*)?(?P<h>{_p('attendance.headings')})"
                              rf"{_R}\s*(?:\([^)]*\)\s*)?(?:[:：]\s*(?P<rest>.*)|[.]?\s*$)"),
        "mark": re.compile(r"^(?:#{1,6}\s*|[-*•+]\s+|\*\*|\(?[0-9]{1,3}\s*[-–.)]\s+)+"),
        "presence": re.compile(rf"{_L}(?:{_p('attendance.presence')}){_R}\s*"),
        # … and before «در» and a place noun («… در سالن …», «… در ساختمان مرکزی»)
        "presence_end": vocab().rx(rf"{_L}(?:<<attendance.presence_end>>){_R}|{_L}{PLACE_AHEAD}|[.؛;]\s|[.؛;]$"),
        "plural": re.compile(rf"^(?:{_p('attendance.plural_honorifics')}){_R}\s*:?\s*"),
        "plural_in": re.compile(rf"{_L}(?:{_p('attendance.plural_honorifics')}){_R}\s*:?\s*"),
        "role_start": re.compile(rf"^(?:{heads}){_R}"),
        "after": re.compile(rf"{_L}(?:{_p('attendance.presence_after')}){_R}"),
        "after_lead": re.compile(rf"{_L}(?:{_p('attendance.presence_after_lead')}){_R}"),
        "fillers": re.compile(rf"{_L}(?:{_p('attendance.presence_fillers')}){_R}"),
        "label": re.compile(rf"^(?:{_p('meeting.labels')}|{_p('sections.names')}){_R}\s*:"),
        "people": re.compile(rf"(?:{people}){_R}"),
        "plural_role": re.compile(rf"^(?:{vocab().pattern('attendance.role_heads', 'plural')}){_R}"),
        "honorific": re.compile(rf"{_L}(?:{_p('people.honorifics')}){_R}"),
        "role": re.compile(rf"{_L}(?:{heads}){_R}"),
        "group": re.compile(rf"(?:{_p('attendance.groups')}){_R}"),
        # «۲۱ نفر از اعضا», «۸۰ عضو», «۷۴ درصد سهامداران»: a count of people is a group too
        "group_count": re.compile(rf"[0-9۰-۹]+\s*(?:{_p('attendance.group_counts')}){_R}"),
        "split": re.compile(r"\s*[،,؛;]\s*"),
        "dash_person": re.compile(rf"(?<=[^\s\d])\s*[-–—]\s*(?=(?:{people}){_R})"),
        "and": re.compile(rf"(\s+(?:{_p('numbers.joiners')})\s+)"),
    }


def _strip_marks(text: str) -> tuple[str, str]:
    """(folded, original) with markdown marks, bullets and numbering removed from the front."""
    original = text.strip().replace("**", "")
    m = _res()["mark"].match(fold(original))
    if m:
        original = original[m.end():]
    return fold(original), original


def attendance_line(text: str) -> tuple[str, str] | None:
    """('attendees'|'absentees'|'guests', the list after the colon or '') for a heading line."""
    folded, original = _strip_marks(text)
    m = _res()["heading"].match(folded)
    if not m:
        return None
    kind = vocab().lookup("attendance.headings", m.group("h"))
    rest = original[m.start("rest"):].strip() if m.group("rest") else ""
    return kind, rest


def attendance_heading(text: str) -> str | None:
    """'attendees', 'absentees', 'guests' or None («حاضرین:», «غایبین», «مدعوین: …»)."""
    hit = attendance_line(text)
    return hit[0] if hit else None


def _honorific_from_plural(folded: str) -> tuple[str | None, int]:
    m = _res()["plural"].match(folded)
    if not m:
        return None, 0
    key = vocab().lookup("attendance.plural_honorifics", m.group(0).rstrip(" :"))
    singular = vocab().table("people.honorifics").get(key or "", [None])[0]
    return singular, m.end()


def _is_group(folded: str) -> bool:
    """«جمعی از مدیران», «سایر اعضا», «۲۱ نفر از اعضا»: a group among those present."""
    res = _res()
    return res["group"].match(folded) is not None or res["group_count"].match(folded) is not None


def read_person(chunk: str, honorific: str | None = None) -> Person | None:
    """One «[honorific] [titles] name [- role | (role) | role]» entry; None if empty."""
    v = vocab()
    text = chunk.strip(_TRIM)
    folded = fold(text)
    if not text:
        return None
    hit = v.key_at_start("people.honorifics", folded)
    if hit:
        honorific, text, folded = text[:len(hit[1])], text[len(hit[1]):].lstrip(), folded[len(hit[1]):].lstrip()
    titles = []
    while (hit := v.key_at_start("people.titles", folded)):
        titles.append(text[:len(hit[1])])
        text, folded = text[len(hit[1]):].lstrip(), folded[len(hit[1]):].lstrip()
    if _is_group(folded):
        return Person(name=None, honorific=honorific.strip() if honorific else None, titles=titles,
                      role=" ".join(text.split()).strip(_TRIM))
    name, role = text, None
    paren = re.search(r"[(（]([^)）]*)[)）]?", text)
    dash = re.search(r"\s[-–—]\s|\s*:\s*", text)
    head = _res()["role"].search(folded)
    # The name ends at the first of: a parenthesis, a dash, a role word.
    cut = min((m.start(), kind) for m, kind in ((paren, "paren"), (dash, "dash"), (head, "role")) if m) \
        if (paren or dash or head) else None
    if cut and cut[1] == "paren":
        name, role = text[:paren.start()], paren.group(1) + " " + text[paren.end():]
    elif cut and cut[1] == "dash":
        name, role = text[:dash.start()], text[dash.end():]
    elif cut:
        name, role = text[:head.start()], text[head.start():]
    words = name.strip(_TRIM).split()
    if len(words) > _MAX_NAME_WORDS:  # too long for a name: the rest is its role, nothing is dropped
        role = " ".join(words[_MAX_NAME_WORDS:] + ([role] if role else []))
        words = words[:_MAX_NAME_WORDS]
    name = " ".join(words) or None
    role = " ".join(role.split()).strip(_TRIM) if role else None
    if role and role.count("(") > role.count(")"):
        role += ")"  # «معاون بهداشت (ماموریت)»: the trim took the closing parenthesis
    if not (name or role):
        return None
    return Person(name=name, honorific=honorific.strip() if honorific else None, titles=titles,
                  role=role or None)


def _before_spaces(text: str, end: int, margin: int = 40) -> int:
    """Where a separator before the spaces that end ``text[:end]`` may begin (``margin``
    characters before them: longer than any joiner)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return max(0, end - margin)


def _chunks(text: str) -> list[str]:
    """Split a list on «،», «,», «؛» and on « و » before a person (or between short names), and
    before an honorific that follows a name with no separator («جناب آقای X جناب آقای Y»)."""
    res = _res()
    out: list[str] = []
    # «دکتر الف- دکتر ب- مهندس ج»: a dash before a title or an honorific ends the person before it
    # (a dash before a role, «دکتر الف – رئیس …», stays: read_person reads the role after it)
    text = res["dash_person"].sub("، ", text)
    # Whether a separator ends the text before the honorific is asked of its last characters
    # only (the search may look back past its start): asked of all the text before each
    # honorific, it cost time quadratic in a long attendance line.
    sep = vocab().rx(r"(?:[،,؛;]|(?<![\w\u200c])(?:<<numbers.joiners>>))\s*$")
    cuts = [m.start() for m in res["honorific"].finditer(fold(text))
            if m.start() > 0 and not sep.search(text, _before_spaces(text, m.start()), m.start())]
    if cuts:
        text = "".join(text[a:b] + ("، " if b in cuts else "") for a, b in zip([0, *cuts], [*cuts, len(text)]))
    for part in res["split"].split(text):
        pieces = res["and"].split(part)  # [text, joiner, text, joiner, …]
        current = pieces[0]
        for joiner, nxt in zip(pieces[1::2], pieces[2::2]):
            short = len(current.split()) <= _SHORT and len(nxt.split()) <= _SHORT \
                and not res["role"].search(fold(nxt)) and not res["role"].search(fold(current))
            # «فرماندار، بخشدار و اعضای شورا»: a role after a role is another person
            roles = res["role_start"].match(fold(current.strip(_TRIM))) and res["role_start"].match(fold(nxt))
            # «… رئیس اداره صمت و داود فرهمند بازرس انجمن»: a first name after a role starts a person
            named_next = bool(nxt.split()) and res["role"].search(fold(current)) is not None \
                and vocab().lookup("people.first_names", fold(nxt.split()[0])) is not None
            # «… زارعی معاون خدمات شهری و نمایندگان اصناف»: a plural role after a role is another group
            group = res["plural_role"].match(fold(nxt)) is not None and res["role"].search(fold(current)) is not None
            # «سمیع‌زاده و سایر اعضای کمیسیون», «… و جمعی از مدیران»: a group after a person
            group = group or _is_group(fold(nxt))
            if res["people"].match(fold(nxt)) or short or roles or named_next or group:
                out.append(current)
                current = nxt
            else:
                current = f"{current}{joiner}{nxt}"
        out.append(current)
    return [c for c in (c.strip(_TRIM) for c in out) if c]


def read_people(text: str) -> list[Person]:
    """People named in ``text``: a heading's list («حاضرین: …»), a «با حضور …» phrase,
    or a bare comma/«،»-separated list. Plural honorifics («آقایان: الف، ب») are given
    to every person after them as the singular honorific («آقای»)."""
    res = _res()
    hit = attendance_line(text)
    if hit:
        text = hit[1]
    else:
        folded = fold(text)
        m = res["presence"].search(folded)
        if m:
            end = res["presence_end"].search(folded, m.end())
            text = text[m.end(): end.start() if end else len(text)]
    folded, text = _strip_marks(text)
    if res["label"].match(folded) and not hit:
        return []  # «دستور جلسه: …» after the list is a field of its own, not a person
    people: list[Person] = []
    default, cut = _honorific_from_plural(folded)
    collective = None
    if not default:  # «اعضای هیئت مدیره آقایان: …»: a collective title, then the people
        inner = res["plural_in"].search(folded)
        if inner and inner.start() > 0 and not res["split"].search(folded[:inner.start()]):
            collective = text[:inner.start()].strip(_TRIM) or None
            default, cut = _honorific_from_plural(folded[inner.start():])
            cut += inner.start()
    text = text[cut:]
    # «دکتر X – وزیر علوم، تحقیقات و فناوری و رئیس هیئت امنا»: one name, one dash, the rest its role
    one = re.match(r"^[^،,؛;–—-]+\s[-–—]\s([^–—]+)$", text.strip())
    one = one and len(re.findall(r"\s[-–—]\s", text)) == 1 and not res["people"].search(fold(one.group(1)))
    for chunk in ([text] if one else _chunks(text)):
        f = fold(chunk)
        if vocab().lookup("attendance.none_words", f.strip(_TRIM)):
            continue
        plural, cut = _honorific_from_plural(f)
        if plural:
            default, chunk = plural, chunk[cut:]
        person = read_person(chunk, default)
        if person and person.name is None and people and people[-1].name and not people[-1].role \
                and not _is_group(f.strip(_TRIM)):
            people[-1].role = person.role  # «جناب آقای یحیایی، مدیر شعب …»: the role after a comma
        elif person and person.name and person.role and person.name.split()[-1] in _joiners():
            # «سوپروایزر کنترل عفونت و مسئولان بخش‌ها»: two roles, not a name and a role
            people += [Person(role=person.name.rsplit(None, 1)[0]), Person(role=person.role)]
        elif person:
            people.append(person)
    if collective:
        for person in people:
            person.role = person.role or collective
    return people


def _joiners() -> set[str]:
    return {s for s, _ in vocab().spellings("numbers.joiners")}


def named(person: Person) -> bool:
    """A person the text names as one: with an honorific, a title or a role, or a full name
    that starts with a first name («علی احمدی»), or a group («جمعی از مدیران»: its role). «اکثریت اعضا»
    names nobody."""
    if person.honorific or person.titles or person.role:
        return True
    words = (person.name or "").split()
    return 2 <= len(words) <= _MAX_NAME_WORDS and vocab().lookup("people.first_names", fold(words[0])) is not None


def present_after(text: str) -> list[Person]:
    """«… در این جلسه که A، B و C نیز حضور داشتند»: the people before the verb."""
    res = _res()
    folded = fold(text)
    verb = res["after"].search(folded)
    if not verb:
        return []
    start = 0
    for lead in res["after_lead"].finditer(folded, 0, verb.start()):
        start = lead.end()
    for end in re.finditer(r"[.؛;!؟]\s", folded[:verb.start()]):
        start = max(start, end.end())
    return [p for p in read_people(_drop_fillers(text[start:verb.start()])) if named(p)]


def _drop_fillers(text: str) -> str:
    folded = fold(text)
    out, last = [], 0
    for m in _res()["fillers"].finditer(folded):
        out.append(text[last:m.start()])
        last = m.end()
    out.append(text[last:])
    return " ".join("".join(out).split())


def signature_columns(cells: list[str]) -> list[str | None] | None:
    """Column keys ('row', 'name', 'role', 'organization', 'signature') of a signature-table
    header row, or None when the row is not such a header (it needs a name column)."""
    keys = [vocab().lookup("attendance.columns", c.strip(_TRIM)) for c in cells]
    return keys if "name" in keys and len([k for k in keys if k]) >= 2 else None


def read_signature_row(cells: list[str], columns: list[str | None] | None = None) -> Person | None:
    """A person from one row of a signature table; None for an empty row.

    With ``columns`` (from ``signature_columns``) cells are read by column, in any order
    (a mirrored table works). Without, row numbers and signature marks are skipped and
    the remaining cells are name, role, organization in that order."""
    v = vocab()
    cells = [c.strip() for c in cells]
    if columns:
        by = {k: c for k, c in zip(columns, cells) if k}
        name, role, org = by.get("name", ""), by.get("role", ""), by.get("organization", "")
    else:
        rest = [c for c in cells if c.strip(_TRIM) and not fold(c).strip(_TRIM).isdigit()
                and not v.lookup("attendance.signature_marks", c.strip(_TRIM))]
        name, role, org = (rest + ["", "", ""])[:3]
    person = read_person(name) if name.strip(_TRIM) else None
    if person is None and not role.strip(_TRIM):
        return None
    person = person or Person()
    if role.strip(_TRIM):
        person.role = role.strip(_TRIM)
    if org.strip(_TRIM):
        person.organization = org.strip(_TRIM)
    return person


def merge_people(people: list[Person]) -> list[Person]:
    """One entry per name: «با حضور دکتر X …» in the opening and X again in the list below are
    one attendee; the first keeps what the later one adds (honorific, titles, role)."""
    seen: dict[str, Person] = {}
    out: list[Person] = []
    for p in people:
        key = " ".join(fold(p.name).split()) if p.name else None
        if key is None or key not in seen:
            out.append(p)
            if key:
                seen[key] = p
            continue
        first = seen[key]
        first.honorific = first.honorific or p.honorific
        first.titles = first.titles or p.titles
        if p.role and (not first.role or len(p.role) > len(first.role)):
            first.role = p.role
    return out
