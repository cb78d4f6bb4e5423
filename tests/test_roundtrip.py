"""Round trip: ``parse(render_canonical(m)) == m`` for random minutes, and on seed 003.

The random models live in the *canonical domain*: the values a parser can give back
(normalized text, one line per paragraph, realistic Persian names, roles that start
with a role word, deadline phrases the resolver reads). Every field the canonical form
carries is compared as is. The fields the parser derives are not ignored wholesale:
each is recomputed from the documented rule and compared —

* ``line`` everywhere: checked against the rendered text (the line holds the item);
* ``turns[].heading``: the rendered heading line, as read;
* ``resolutions[].id``: «meeting date»-s«session»-r«row»;
* ``resolutions[].deadline``: ``explain_deadline(text, meeting_date)``, and the kind
  the phrase was drawn for;
* signatories: titles and role filled from a speaker with the same family name;
* ``source``: sha256 of the rendered text, no path;
* ``diagnostics``: exactly the expected codes (basmala, rows without actor/deadline,
  a count mismatch, extra columns), nothing else.

Examples: the ``minutes-roundtrip`` hypothesis profile runs 500 (set
``MINUTES_ROUNDTRIP_EXAMPLES`` to change it locally).
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from functools import lru_cache
from pathlib import Path

import jdatetime
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import minutes
from minutes import (AgendaItem, Closing, DateRef, Deadline, Header, Meeting, Minutes, Person,
                     Resolution, ResolutionList, Turn, render_canonical)
from minutes.models import Field, Section
from minutes.dates.deadlines import explain_deadline
from minutes.text.normalize import normalize, to_persian_digits
from minutes.text.vocab import vocab

ROOT = Path(__file__).resolve().parent.parent
SEED_003 = next((ROOT / "seeds").glob("003_*.txt"))

settings.register_profile(
    "minutes-roundtrip",
    max_examples=int(os.environ.get("MINUTES_ROUNDTRIP_EXAMPLES", "500")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=bool(os.environ.get("CI")),
)


@lru_cache(maxsize=None)
def n(text: str) -> str:
    """One normalized line: the canonical domain holds only normalized text."""
    return normalize(text)


# --- vocabulary for the generator ------------------------------------------------------------

def _spellings(table: str) -> list[str]:
    return sorted(s for ss in vocab().table(table).values() for s in ss)


FIRST_NAMES = vocab().table("people.first_names")["names"]
FAMILY_NAMES = [
    "احمدی", "کرمی", "غمگین", "رشادتمند", "یحیایی", "عباسی", "خادم", "قراچه", "مکوندی",
    "مرعشی", "امرائی", "منصوری", "نظری", "موسوی", "کاظمی", "رحیمی", "صالحی", "جعفری", "طاهری",
    "نوروزی", "بهرامی", "شریفی", "سلطانی", "حیدری", "قاسمی", "زارعی", "فلاحی", "اسدی", "دقایقی",
    "حسینی نژاد", "زنگنه منش", "حسن زاده", "نیک پور", "مهدوی فر", "رضایی نیا", "امینی راد",
    "باقری کیا", "علی وند", "شجاعی", "پورمحمدی", "آل بویه", "خسروی", "میرزایی", "توکلی",
]
GUESTS = ["رحمانی", "افشار", "کیانی", "صدری", "فرهمند"]
HONORIFICS = _spellings("people.honorifics")
TITLES = _spellings("people.titles")
ROLE_HEADS = [ss[0] for ss in vocab().table("people.role_heads").values()]
ORG_WORDS = [ss[0] for ss in vocab().table("people.organizations").values()]
ROLE_TAILS = [
    "تعاون، کار و رفاه اجتماعی استان", "بهزیستی استان", "صندوق کارآفرینی امید", "شعب بانک رفاه استان",
    "توسعه کارآفرینی و اشتغال", "فنی و حرفه‌ای استان خوزستان", "امور اقتصادی استانداری",
    "بیمه سلامت شهرستان اهواز", "روابط عمومی", "برنامه و بودجه استان", "تامین اجتماعی استان",
]
ROLES = [
    "معاون وزیر در حوزه توسعه کارآفرینی و اشتغال", "مدیر کل و رئیس شورای هماهنگی استان",
    "دبیر شورای هماهنگی", "فرماندار شهرستان اهواز", "کارشناس مسئول اشتغال روستایی",
    "مشاور استاندار در امور بانوان", "نماینده وزارت کشور",
]
ORGANIZATIONS = [
    "بانک رفاه کارگران استان", "صندوق بازنشستگی کشوری", "اداره کل بهزیستی استان",
    "سازمان فنی و حرفه‌ای", "مدیریت بانک توسعه تعاون استان", "صندوق ضمانت سرمایه گذاری تعاون",
    "شرکت شهرک‌های صنعتی استان", "دانشگاه علوم پزشکی اهواز", "حوزه تعاون",
]
LETTERHEAD = [
    "جمهوری اسلامی ایران", "وزارت تعاون، کار و رفاه اجتماعی",
    "اداره کل تعاون، کار و رفاه اجتماعی استان خوزستان", "استانداری خوزستان",
    "شورای هماهنگی مدیران کل", "دفتر امور اقتصادی",
]
COUNCILS = [
    "شورای هماهنگی مدیران کل حوزه وزارت تعاون، کار و رفاه اجتماعی در استان خوزستان",
    "کمیته اشتغال استان", "ستاد تسهیل و رفع موانع تولید استان", "کارگروه اشتغال و سرمایه‌گذاری",
]
PLACES = [
    "سالن شهید دقایقی اداره کل تعاون، کار و رفاه اجتماعی", "سالن جلسات استانداری خوزستان",
    "دفتر مدیر کل", "سالن اجتماعات فرمانداری اهواز",
]
SUPERVISORS = ["دبیرخانه شورای هماهنگی", "دبیرخانه شورا", "دبیرخانه شورای هماهنگی استان",
               "معاونت امور اقتصادی استانداری"]
EXTRA_COLUMNS = ["ملاحظات", "توضیحات", "وضعیت"]
# Words with no meaning to the lexer: no verbs, honorifics, section names, closing nouns.
WORDS = (
    "برنامه توسعه اشتغال روستایی تسهیلات استان شهرستان بانک اعتبارات طرح سامانه گزارش عملکرد "
    "اجرای پیگیری هماهنگی ظرفیت اقتصادی خدمات جامعه مردم سال جاری میلیارد ریال تومان واحد "
    "کسب کار بیمه زنان خانوار آموزش مهارت فنی صنایع تولید حمایت نظارت ارزیابی شاخص آمار اطلاعات "
    "مناطق محروم کشاورزی صنعتی خدماتی نقدینگی سرمایه بازار فروشگاه تعاونی روستاها جوانان "
    "و با به از برای که این آن نیز"
).split()
ORDINALS = {1: "اولین", 2: "دومین", 3: "سومین", 4: "چهارمین", 5: "پنجمین", 6: "ششمین", 7: "هفتمین",
            8: "هشتمین", 9: "نهمین", 10: "دهمین", 11: "یازدهمین", 12: "دوازدهمین", 20: "بیستمین",
            21: "بیست و یکمین", 25: "بیست و پنجمین"}
MONTHS = [ss[0] for ss in vocab().table("dates.months").values()]
CARDINALS = {1: "یک", 2: "دو", 3: "سه", 4: "چهار", 6: "شش", 10: "ده"}


# --- strategies --------------------------------------------------------------------------------

def fa(x) -> str:
    return to_persian_digits(str(x))


def words(lo: int, hi: int):
    return st.lists(st.sampled_from(WORDS), min_size=lo, max_size=hi).map(" ".join)


sentence = words(5, 25).map(lambda s: n(s + "."))
phrase = words(2, 5).map(n)


@st.composite
def jalali_dates(draw):
    d = jdatetime.date(1395, 1, 1) + jdatetime.timedelta(days=draw(st.integers(0, 11 * 365)))
    return d


def date_ref(d: jdatetime.date, two_digit_year: bool = False) -> DateRef:
    y = d.year % 100 if two_digit_year else d.year
    return DateRef(jalali=f"{d.year:04d}-{d.month:02d}-{d.day:02d}", gregorian=d.togregorian().isoformat(),
                   text=fa(f"{y:02d}/{d.month:02d}/{d.day:02d}"))


@st.composite
def deadlines(draw):
    """(phrase, the kind the resolver must give it). Phrases from docs/deadlines.md's forms."""
    d = draw(jalali_dates())
    form = draw(st.sampled_from(["numeric", "dmy", "month_end", "year_end", "duration", "notice",
                                 "asap", "ongoing", "next", "condition", "none"]))
    if form == "numeric":
        return n(f"تا {fa(f'{d.year}/{d.month:02d}/{d.day:02d}')}"), "date"
    if form == "dmy":
        return n(f"{fa(d.day)} {MONTHS[d.month - 1]} {fa(d.year)}"), "date"
    if form == "month_end":
        return n(f"پایان {MONTHS[d.month - 1]} {fa(d.year % 100)}"), "date"
    if form == "year_end":
        return draw(st.sampled_from(["تا پایان سال جاری", "پایان سال"])), "date"
    if form == "duration":
        k = draw(st.sampled_from(sorted(CARDINALS)))
        return n(f"{CARDINALS[k]} {draw(st.sampled_from(['روز', 'هفته', 'ماه']))}"), "relative"
    if form == "notice":
        return n(f"حداکثر {fa(draw(st.integers(2, 90)))} روز پس از ابلاغ"), "relative"
    if form == "asap":
        return draw(st.sampled_from(["در اسرع وقت", "فوری"])), "asap"
    if form == "ongoing":
        return draw(st.sampled_from(["مستمر", "به صورت مستمر"])), "ongoing"
    if form == "next":
        return draw(st.sampled_from(["جلسه بعد", "تا جلسه آتی"])), "next_meeting"
    if form == "condition":
        return draw(st.sampled_from(["جذب کامل تسهیلات", "پس از تصویب بودجه"])), "condition"
    return None, "none"


role = st.one_of(
    st.sampled_from(ROLES),
    st.builds(lambda h, o, t: f"{h} {o} {t}", st.sampled_from(ROLE_HEADS), st.sampled_from(ORG_WORDS),
              st.sampled_from(ROLE_TAILS)),
    st.builds(lambda h, t: f"{h} {t}", st.sampled_from(ROLE_HEADS), st.sampled_from(ROLE_TAILS)),
).map(n)


@st.composite
def people(draw, k: int) -> list[Person]:
    """``k`` distinct people; family names (last words) unique, so no two can be confused."""
    families = draw(st.lists(st.sampled_from(FAMILY_NAMES), min_size=k, max_size=k, unique=True))
    out = []
    for family in families:
        first = draw(st.none() | st.sampled_from(FIRST_NAMES))
        name = n(f"{first} {family}" if first else family)
        r = draw(st.none() | role)
        titles = draw(st.lists(st.sampled_from(TITLES), max_size=2, unique=True))
        honorific = draw(st.sampled_from(HONORIFICS))
        if r and len(" ".join([*titles, name]).split()) <= 2 and draw(st.booleans()):
            honorific = None  # «مرعشی مدیر کل تامین اجتماعی»: a name heading with no honorific
        org = draw(st.none() | st.sampled_from(ORGANIZATIONS))
        out.append(Person(name=name, honorific=honorific, titles=titles, role=r, organization=org))
    return out


@st.composite
def minutes_models(draw) -> tuple[Minutes, dict]:
    """A random ``Minutes`` in the canonical domain, and the deadline kinds drawn."""
    h = Header()
    h.organization = draw(st.lists(st.sampled_from(LETTERHEAD), max_size=4, unique=True))
    h.number = draw(st.none() | st.builds(lambda a, b: n(f"{fa(a)}/{fa(b)}"), st.integers(1, 9999),
                                          st.integers(1, 99)))
    h.date = draw(st.none() | jalali_dates().map(date_ref))
    h.attachment = draw(st.none() | st.sampled_from(["ندارد", "دارد"]))
    h.title = draw(st.sampled_from(["صورتجلسه", None]))
    session = draw(st.none() | st.sampled_from(sorted(ORDINALS)) | st.integers(1, 400))
    council = draw(st.sampled_from(COUNCILS))
    guest = draw(st.none() | st.sampled_from(GUESTS))  # not a speaker: a speaker who attends is merged
    if session is None:
        subject = draw(st.none() | st.just(council))
    elif session in ORDINALS and draw(st.booleans()):
        subject = f"{ORDINALS[session]} {draw(st.sampled_from(['نشست', 'جلسه']))} {council}"
    else:
        subject = f"جلسه شماره {fa(session)} {council}"
    if subject and guest:
        subject += f" با حضور جناب آقای {guest}"
    h.subject = n(subject) if subject else None
    h.session_number = session if subject else None

    mt = Meeting()
    day = draw(st.none() | jalali_dates())
    if day is not None:
        mt.date = date_ref(day, two_digit_year=draw(st.booleans()))
        if draw(st.booleans()):
            mt.weekday = [ss[0] for ss in vocab().table("dates.weekdays").values()][day.weekday()]
    if draw(st.booleans()):
        hour, minute = draw(st.integers(7, 21)), draw(st.sampled_from([0, 15, 30, 45]))
        mt.time, mt.time_text = f"{hour:02d}:{minute:02d}", n(f"ساعت {fa(hour)}:{fa(f'{minute:02d}')}")
    mt.place = draw(st.none() | st.sampled_from(PLACES).map(n))
    h.meeting = mt

    agenda = [AgendaItem(number=num, text=text) for num, text in zip(
        draw(st.lists(st.none() | st.integers(1, 999), max_size=6)), draw(st.lists(phrase, min_size=6, max_size=6)))]

    pool = draw(people(draw(st.integers(1, 6))))
    turns = []
    for speaker in draw(st.lists(st.sampled_from(pool), max_size=8)):
        text = "\n".join(draw(st.lists(sentence, max_size=4)))
        turns.append(Turn(speaker=speaker.model_copy(deep=True), text=text))

    k = draw(st.integers(0, 30))
    rows = draw(st.one_of(st.just(list(range(1, k + 1))),
                          st.lists(st.integers(1, 999), min_size=k, max_size=k, unique=True)))
    extra_cols = draw(st.lists(st.sampled_from(EXTRA_COLUMNS), max_size=2, unique=True))
    kinds = []
    resolutions = []
    for row in rows:
        text, kind = draw(deadlines())
        kinds.append(kind)
        extra = {c: v for c in extra_cols if (v := draw(st.none() | phrase))}
        actor = draw(st.none() | role | st.sampled_from(ORGANIZATIONS).map(n))  # one body each
        resolutions.append(Resolution(
            row=row, text=draw(sentence), topic=draw(st.none() | phrase),
            actor=actor, actors=[actor] if actor else [],
            supervisor=draw(st.none() | st.sampled_from(SUPERVISORS)), deadline=Deadline(text=text),
            extra=extra))
    resolution_list = None
    if draw(st.booleans()) or (resolutions and draw(st.booleans())):
        d = draw(st.none() | jalali_dates())
        title = n(f"مصوبات {council}" + (f" {fa(f'{d.year}/{d.month:02d}/{d.day:02d}')}" if d else ""))
        resolution_list = ResolutionList(title=title, date=date_ref(d) if d else DateRef(text=title))

    closing = Closing(declared_resolution_count=draw(st.none() | st.just(k) | st.integers(0, 40)))
    if closing.declared_resolution_count is not None:
        signers = draw(st.lists(st.sampled_from(pool), max_size=2, unique_by=lambda p: p.name))
        signers += draw(people(draw(st.integers(0, 1))).filter(
            lambda ps: all(p.name.split()[-1] not in {q.name.split()[-1] for q in pool} for p in ps)))
        for p in signers:
            short = p.role if p.role and len(p.role.split()) <= 8 else None
            titles = p.titles[:1] if p.honorific else []
            closing.signatories.append(Person(name=p.name, honorific=p.honorific, titles=titles, role=short))

    m = Minutes(header=h, agenda=agenda, turns=turns, resolution_list=resolution_list,
                resolutions=resolutions, closing=closing)
    # Derived from the subject: «… با حضور جناب آقای X» names an attendee.
    present = [Person(name=n(guest), honorific="جناب آقای")] if subject and guest else []
    return m, {"kinds": kinds, "attendees": present}


# --- comparison -----------------------------------------------------------------------------------

def _strip_lines(obj):
    if isinstance(obj, dict):
        return {k: _strip_lines(v) for k, v in obj.items() if k != "line"}
    if isinstance(obj, list):
        return [_strip_lines(v) for v in obj]
    return obj


def _check_lines(parsed: Minutes, text: str) -> None:
    """Every line number points at the rendered line that holds the item."""
    lines = text.split("\n")

    def at(line: int | None) -> str:
        assert line is not None and 1 <= line <= len(lines), line
        return n(lines[line - 1])

    for a in parsed.agenda:
        assert a.text in at(a.line)
    for t in parsed.turns:
        assert t.speaker.name is None or t.speaker.name in at(t.line)
        assert t.heading == at(t.line).lstrip("# ").strip(), (t.heading, at(t.line))
    for r in parsed.resolutions:
        assert r.text in at(r.line)
    if parsed.header.meeting.line is not None:
        assert parsed.header.meeting.place is None or parsed.header.meeting.place in at(parsed.header.meeting.line)
    if parsed.closing.line is not None:
        assert fa(parsed.closing.declared_resolution_count) in at(parsed.closing.line)
    for p in parsed.closing.signatories:
        assert p.name in at(p.line)
    if parsed.resolution_list is not None:
        title = parsed.resolution_list.title
        assert at(parsed.resolution_list.line) == (title or "\t".join(parsed.resolution_list.columns))
    for section in parsed.sections:
        assert at(section.line).lstrip("# ") == section.title


DEFAULT_SECTIONS = [Section(letter="الف", key="subject", title="الف: موضوع جلسه"),
                    Section(letter="ب", key="time_place", title="ب: زمان و مکان"),
                    Section(letter="ج", key="agenda", title="ج: دستور کار جلسه"),
                    Section(letter="د", key="discussion", title=n("د: موضوعات مطرح شده در این جلسه"))]
TABLE_HEAD = ["ردیف", "شرح مصوبات", "موضوع محوری", "اقدام کننده", "مسئول نظارت", "مدت اجراء"]


def expected_model(m: Minutes, text: str, parsed: Minutes) -> Minutes:
    """``m`` with the derived fields filled as the parser documents them."""
    e = m.model_copy(deep=True)
    e.source.sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    e.sections = e.sections or [s.model_copy() for s in DEFAULT_SECTIONS]
    # The letterhead fields the template writes are recorded as written, in its order.
    h = e.header
    letterhead = (("شماره", "number", h.number), ("تاریخ", "date", h.date and h.date.text), ("پیوست", "attachment", h.attachment))
    h.fields = [Field(label=label, key=key, value=value) for label, key, value in letterhead if value]
    lines = text.split("\n")
    mt = e.header.meeting
    if mt.time or mt.date or mt.place:
        # The line the meeting was read from, as normalized; it holds each part as written.
        line = n(lines[parsed.header.meeting.line - 1])
        parts = (mt.time_text, mt.date and mt.date.text, mt.weekday, mt.place)
        assert all(part in line for part in parts if part), (line, parts)
        mt.text = line
    if e.closing.declared_resolution_count is not None:
        line = n(lines[parsed.closing.line - 1])
        assert fa(e.closing.declared_resolution_count) in line
        e.closing.text = line
    if e.resolutions and e.resolution_list is None:
        e.resolution_list = ResolutionList()
    if e.resolution_list is not None:
        extra = [k for r in e.resolutions for k in r.extra]
        e.resolution_list.columns = TABLE_HEAD + sorted(set(extra), key=extra.index)
    meeting_date = m.header.meeting.date.jalali if m.header.meeting.date else None
    stamp = meeting_date or "undated"
    for i, r in enumerate(e.resolutions, 1):
        r.deadline = explain_deadline(r.deadline.text, meeting_date=meeting_date)[0]
        r.id = f"{stamp}-s{m.header.session_number or 0}-r{r.row if r.row is not None else f'x{i}'}"
    # A signatory named in the turns takes the titles (and, if unsigned, the role) given there.
    speakers = {t.speaker.name.split()[-1]: t.speaker for t in m.turns if t.speaker.name}
    for p in e.closing.signatories:
        known = speakers.get(p.name.split()[-1])
        if known is not None:
            p.role = p.role or known.role
            p.titles = p.titles or list(known.titles)
    return e


def expected_codes(m: Minutes) -> Counter:
    codes = Counter({"basmala": 1})
    for r in m.resolutions:
        codes["resolution-without-actor"] += r.actor is None
        codes["resolution-without-deadline"] += r.deadline.text is None
        codes["table-extra-columns"] += bool(r.extra)
    declared = m.closing.declared_resolution_count
    codes["resolution-count-mismatch"] += declared is not None and declared != len(m.resolutions)
    codes["meeting-date-missing"] += not (m.header.meeting.date and m.header.meeting.date.jalali)
    return +codes


def _diff(got, want, path="") -> list[str]:
    """Paths where two dumps differ, for a readable failure."""
    if isinstance(got, dict) and isinstance(want, dict):
        return [d for k in {**got, **want} for d in _diff(got.get(k), want.get(k), f"{path}.{k}")]
    if isinstance(got, list) and isinstance(want, list) and len(got) == len(want):
        return [d for i, (g, w) in enumerate(zip(got, want)) for d in _diff(g, w, f"{path}[{i}]")]
    return [] if got == want else [f"{path}: parsed {got!r} != expected {want!r}"]


def assert_round_trip(m: Minutes, kinds: list[str] | None = None, attendees=()) -> Minutes:
    text = render_canonical(m)
    parsed = minutes.parse(text)
    try:
        _check_lines(parsed, text)
        want = expected_model(m, text, parsed)
        want.header.attendees = [p.model_copy() for p in attendees]
        assert Counter(d.code for d in parsed.diagnostics) == expected_codes(m), parsed.diagnostics
        got_dump = _strip_lines(parsed.model_dump(exclude={"diagnostics"}))
        want_dump = _strip_lines(want.model_dump(exclude={"diagnostics"}))
        for t in got_dump["turns"]:
            t["heading"] = None  # checked against the rendered line in _check_lines
        for t in want_dump["turns"]:
            t["heading"] = None
        assert got_dump == want_dump, "\n".join(_diff(got_dump, want_dump))
        if kinds is not None:
            assert [r.deadline.kind for r in parsed.resolutions] == kinds
    except AssertionError:
        print("\n".join(f"{i:>4}  {line}" for i, line in enumerate(text.split("\n"), 1)))
        raise
    return parsed


@settings(parent=settings.get_profile("minutes-roundtrip"))
@given(minutes_models())
def test_random_minutes_round_trip(drawn):
    m, info = drawn
    assert_round_trip(m, info["kinds"], info["attendees"])


def test_generator_names_read_back():
    """The name lists are in the canonical domain: each is read back whole after an honorific."""
    from minutes.phrases.people import person_at

    for family in FAMILY_NAMES:
        for first in (None, "علی"):
            name = n(f"{first} {family}" if first else family)
            found = person_at(f"جناب آقای دکتر {name} مدیر کل استان فرمودند:", 0)
            assert found is not None and found.name == name and found.titles == ["دکتر"], (name, found)


def test_empty_minutes_round_trip():
    assert_round_trip(Minutes(header=Header(title="صورتجلسه")))


# --- seed 003 --------------------------------------------------------------------------------------

def _comparable(m: Minutes) -> dict:
    dump = _strip_lines(m.model_dump(exclude={"source", "diagnostics"}))
    for t in dump["turns"]:
        t.pop("heading")  # as read: the seed's headings are prose, the canonical ones are composed
    return dump


def test_seed_003_round_trip():
    first = minutes.parse_file(SEED_003)
    text = render_canonical(first)
    second = minutes.parse(text)
    assert _comparable(second) == _comparable(first)
    assert len(second.turns) == len(first.turns) and len(second.resolutions) == 7
    # The canonical text reads with no warnings, and it is a fixed point of render ∘ parse.
    assert [d.code for d in second.diagnostics] == ["basmala"]
    assert render_canonical(second) == text
    third = minutes.parse(render_canonical(second))
    assert third.model_dump(exclude={"source"}) == second.model_dump(exclude={"source"})
