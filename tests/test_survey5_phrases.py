"""Forms the fifth survey sample showed, one phrase at a time: an agreement «in principle» or a «final» one
(«موافقت اصولی شد», «موافقت قطعی به عمل آورد», «… موافقت اصولی خود را اعلام کرد»), a decision named as one of
the decisions of «this council / commission», a speaker whose first name is not in the list of first names
(«دکتر سید کیوان‌مهر طاهرخانی در گفتگو با …»), attendees each after a dash glued to the name before
(«دکتر الف- دکتر ب- مهندس ج»), the meeting's date on a line «مورخ: …» of its own, and a resolution page that
quotes what was decided after «… به شرح ذیل تصویب نمود:», and people elected by a vote («با رای‌گیری … انتخاب
شدند», «به اتفاق آرا X را … انتخاب کردند»), and a news headline that says what was approved when the body
does not.

Every phrase here is invented; the forms are those of real pages (docs/forms.md, fifth sample)."""

from __future__ import annotations

import pytest

import minutes
from minutes.phrases.attendance import read_people
from minutes.phrases.report import decision_sentences
from minutes.text.normalize import normalize

# paragraph → the decisions it states
DECISIONS = [
    # an agreement with its adjective between noun and verb, in the passive and in the active
    ("در نشست شورا با ایجاد دو رشته کارشناسی تازه موافقت اصولی شد.",
     ["در نشست شورا با ایجاد دو رشته کارشناسی تازه موافقت اصولی شد."]),
    ("وزارت نیرو با احداث نیروگاه خورشیدی روستای کهک موافقت قطعی به عمل آورد.",
     ["وزارت نیرو با احداث نیروگاه خورشیدی روستای کهک موافقت قطعی به عمل آورد."]),
    ("هیئت امنا با خرید ساختمان خوابگاه موافقت اصولی بعمل آورد.",
     ["هیئت امنا با خرید ساختمان خوابگاه موافقت اصولی بعمل آورد."]),
    ("شورای گسترش همچنین با تأسیس پژوهشکده گیاهان دارویی موافقت اصولی خود را اعلام کرد.",
     ["شورای گسترش همچنین با تأسیس پژوهشکده گیاهان دارویی موافقت اصولی خود را اعلام کرد."]),
    # the plain active «موافقت به عمل آورد», without an adjective
    ("استانداری با برگزاری نمایشگاه کتاب در میدان اصلی موافقت به عمل آورد.",
     ["استانداری با برگزاری نمایشگاه کتاب در میدان اصلی موافقت به عمل آورد."]),
    # an agreement in principle named as a hope, not given: «… موافقت اصولی» with no verb after it decides nothing
    ("رئیس دانشکده امیدوار است موافقت اصولی وزارتخانه برای رشته جدید گرفته شود.", []),
    # a decision named as one of «this council's» decisions
    ("تعمیر پل چوبی روستای بالا از دیگر مصوبات این شورا بود.",
     ["تعمیر پل چوبی روستای بالا از دیگر مصوبات این شورا بود."]),
    ("خرید دو دستگاه آمبولانس از جمله مصوبات این کارگروه بود.",
     ["خرید دو دستگاه آمبولانس از جمله مصوبات این کارگروه بود."]),
    # … but a report of the council's decisions is none of them
    ("در پایان گزارشی از مصوبات این شورا به استانداری فرستاده شد.", []),
    # a sentence about «the following» that decides, a colon, then a quote: the quote is the decision, whole
    ("شورای دانشگاه در جلسه ۱۲ مورخ ۳/۲/۱۴۰۱ به شرح ذیل تصویب نمود: «ماده واحده ـ هر دانشکده یک دفتر ارتباط با "
     "صنعت دارد. تبصره ـ دفتر زیر نظر معاون پژوهشی است.» دبیر شورای دانشگاه ـ پرویز ناصری",
     ["ماده واحده ـ هر دانشکده یک دفتر ارتباط با صنعت دارد. تبصره ـ دفتر زیر نظر معاون پژوهشی است."]),
    ("آیین‌نامه‌ای که در جلسه ۹ مورخ ۱۴۰۰/۵/۲ شورا به تصویب رسیده است، به شرح ذیل ابلاغ می‌شود: «ماده ۱ ـ "
     "دوره‌ها رایگان است».",
     ["ماده ۱ ـ دوره‌ها رایگان است"]),
    # people elected by a vote, who was elected between the vote and the verb; the active voice; the verb left out
    ("در پایان با رای‌گیری پنج عضو هیئت‌مدیره و یک بازرس انتخاب شدند.",
     ["در پایان با رای‌گیری پنج عضو هیئت‌مدیره و یک بازرس انتخاب شدند."]),
    ("اعضا به اتفاق آرا خانم صدری را به دبیری انجمن انتخاب کردند.",
     ["اعضا به اتفاق آرا خانم صدری را به دبیری انجمن انتخاب کردند."]),
    ("سپس اعضای شورا با رای‌گیری هیئت‌رئیسه شورا را انتخاب و صورتجلسه آن را به بخشدار دادند.",
     ["سپس اعضای شورا با رای‌گیری هیئت‌رئیسه شورا را انتخاب و صورتجلسه آن را به بخشدار دادند."]),
    # … but a vote on what is no election is not read by this frame
    ("نامه فرمانداری با رای‌گیری اعضا به کمیسیون فرستاده شد.", []),
    # … not when the sentence decides nothing («قرائت شد»), nor when the quote is a name inside a sentence
    ("متن نامه استاندار به شرح ذیل قرائت شد: «لطفا گزارش کارها را بفرستید.» سپس اعضا نظر دادند.", []),
    ("به شرح ذیل تصویب شد: «الف» و «ب» در دستور قرار گرفت. مقرر شد شهرداری اقدام کند.",
     ["مقرر شد شهرداری اقدام کند."]),
]


@pytest.mark.parametrize("text,expected", DECISIONS)
def test_decision_sentences(text, expected):
    assert decision_sentences(normalize(text)) == [normalize(e) for e in expected]


# a report's sentence → the name of the speaker it is read as
SPEAKERS = [
    # a first name not in the list, one more word, then «در گفتگو با» / «با اشاره به» / «ضمن …»: both words
    ("دکتر سید کیوان‌مهر طاهرخانی در گفتگو با خبرنگار ما گفت: کار آغاز شد.", "کیوان‌مهر طاهرخانی"),
    ("مهندس فرخ ایزدی با اشاره به بودجه سال آینده گفت: کار آغاز شد.", "فرخ ایزدی"),
    ("دکتر کیارش نوبخت ضمن تشکر از همکاران افزود: کار آغاز شد.", "کیارش نوبخت"),
    # a family name alone before «در گفتگو با» stays one word
    ("دکتر طاهرخانی در گفتگو با خبرنگار ما گفت: کار آغاز شد.", "طاهرخانی"),
    # a word after the name that is not followed by one of those phrases is not part of the name
    ("آقای احمدی امروز در جلسه گفت: کار آغاز شد.", "احمدی"),
    ("خانم پایرنج گزارشی در جلسه ارائه کرد.", "پایرنج"),
]


@pytest.mark.parametrize("text,name", SPEAKERS)
def test_speaker_name(text, name):
    turns = minutes.parse(text).turns
    assert [t.speaker.name for t in turns] == [normalize(name)]


# attendance line → (name, titles) of each person
PEOPLE = [
    # a dash glued to a name, before a title or an honorific: another person
    ("حاضران: دکتر نیک‌سرشت- دکتر پاکدامن- مهندس سپهری- خانم توانا",
     [("نیک‌سرشت", ["دکتر"]), ("پاکدامن", ["دکتر"]), ("سپهری", ["مهندس"]), ("توانا", [])]),
    ("حاضرین: آقای نادری - دکتر فلاحی - خانم کاوه",
     [("نادری", []), ("فلاحی", ["دکتر"]), ("کاوه", [])]),
    # a dash before a role stays the role of the person before it
    ("حاضرین: دکتر فلاحی – رئیس دانشکده، مهندس سپهری",
     [("فلاحی", ["دکتر"]), ("سپهری", ["مهندس"])]),
]


@pytest.mark.parametrize("text,expected", PEOPLE)
def test_read_people(text, expected):
    assert [(p.name, p.titles) for p in read_people(normalize(text))] == \
        [(normalize(n), t) for n, t in expected]


def test_role_after_a_spaced_dash_is_kept():
    people = read_people(normalize("حاضرین: دکتر فلاحی – رئیس دانشکده، مهندس سپهری"))
    assert people[0].role == normalize("رئیس دانشکده")


# the line under the attendance → the meeting's date
DATED = [
    ("مورخ: ۱۴/۹/۸۹", "1389-09-14"),
    ("مورخه: ۱۳۹۱/۲/۵", "1391-02-05"),
    ("تاریخ جلسه: ۱۴/۹/۸۹", "1389-09-14"),
]


@pytest.mark.parametrize("line,jalali", DATED)
def test_dated_label_line(line, jalali):
    text = (f"صورتجلسه کمیته آموزش\n\nحاضران: دکتر نادری- مهندس فلاحی\n\n{line}\n\n"
            "دستور جلسه:\n\n۱- بررسی برنامه دوره‌ها\n\nمصوبات:\n\n۱- برنامه دوره‌ها تصویب شد.\n")
    assert minutes.parse(text).header.meeting.date.jalali == jalali


# a report → its resolutions: a headline that opens with «تصویب» gives its items only when the body states no decision
HEADLINES = [
    ("تصویب «برنامه آموزشی سال آینده سازمان» و «آیین‌نامه داخلی کمیته‌های تخصصی سازمان نظام مهندسی»\n\n"
     "در جلسه هیئت مدیره که روز دوشنبه برگزار شد رئیس سازمان گزارشی از کارهای ماه گذشته داد و اعضا درباره\n",
     ["برنامه آموزشی سال آینده سازمان", "آیین‌نامه داخلی کمیته‌های تخصصی سازمان نظام مهندسی"]),
    ("تصویب «برنامه آموزشی سال آینده سازمان» و «آیین‌نامه داخلی کمیته‌های تخصصی سازمان نظام مهندسی»\n\n"
     "در جلسه هیئت مدیره که روز دوشنبه برگزار شد مقرر شد دبیرخانه برنامه آموزشی را به اعضا بفرستد.\n",
     ["در جلسه هیئت‌مدیره که روز دوشنبه برگزار شد مقرر شد دبیرخانه برنامه آموزشی را به اعضا بفرستد."]),
    ("بررسی «برنامه آموزشی سال آینده سازمان» و «آیین‌نامه داخلی کمیته‌های تخصصی سازمان نظام مهندسی»\n\n"
     "در جلسه هیئت مدیره که روز دوشنبه برگزار شد رئیس سازمان گزارشی از کارهای ماه گذشته داد و اعضا درباره\n",
     []),
]


@pytest.mark.parametrize("text,expected", HEADLINES)
def test_headline_approval(text, expected):
    m = minutes.parse(text)
    assert m.kind == "report"
    assert [r.text for r in m.resolutions] == [normalize(e) for e in expected]

