"""Speakers as real minutes and news reports name them: phrase tables (input → who speaks).

Each row is an invented sentence with the shape of a surveyed form (issue 11): role only,
collective body, report by agent, mid-paragraph, bullet, dateline and news lead, the wider
set of speech verbs, «برادر»/«خواهر», and mentions that are not speakers.
"""

from __future__ import annotations

import pytest

import minutes
from minutes.phrases.attribution import attribute, clean_role, lead_in
from minutes.text.normalize import normalize


def _who(text: str, known: set[str] | None = None):
    found = attribute(normalize(text), known=(lambda name: name in known) if known else None)
    if found is None:
        return None
    if found.kind == "person":
        p = found.person
        return ("person", p.honorific, p.name, p.role)
    return (found.kind, found.role)


@pytest.mark.parametrize("text, expected", [
    # role only, and a collective body: the role is kept, no name is made up
    ("رئیس کمیته بهداشت شورا در این نشست گفت: سه درمانگاه تعطیل است.", ("role", "رئیس کمیته بهداشت شورا")),
    ("در ادامه کمیسیون عمران شورا گزارشی از پروژه‌ها ارائه داد.", ("role", "کمیسیون عمران شورا")),
    ("سخنگوی هیئت مدیره گفت: مجمع در تیرماه برگزار می‌شود.", ("role", "سخنگوی هیئت مدیره")),
    # reports by agent, person or role
    ("گزارش مالی توسط آقای بهمن سپهری خزانه‌دار انجمن ارائه شد.", ("person", "آقای", "بهمن سپهری", "خزانه‌دار انجمن")),
    ("در این جلسه گزارش عملکرد توسط مدیرعامل شرکت تشریح شد.", ("role", "مدیرعامل شرکت")),
    ("در این جلسه موارد زیر توسط امام جمعه شهرستان مطرح گردید:", ("role", "امام جمعه شهرستان")),
    # named mid-paragraph, or in a later sentence
    ("جلسه در دفتر شرکت برگزار شد و آقای کاوه نیک‌زاد مدیر فنی توضیح داد که خط تولید متوقف است.",
     ("person", "آقای", "کاوه نیک‌زاد", "مدیر فنی")),
    ("جلسه با حضور اعضا برگزار شد. مهندس ساره امینی در ادامه جلسه گفت: بودجه کافی است.",
     ("person", None, "ساره امینی", None)),
    # behind bullets and emoji, after a dateline or a news lead closed by «؛»
    ("*- آقای فرهاد صالحی رئیس انجمن گزارشی از فعالیت‌ها ارائه داد.", ("person", "آقای", "فرهاد صالحی", "رئیس انجمن")),
    ("🔻 فرماندار شهرستان بر تسریع در اجرای مصوبات تأکید کرد.", ("role", "فرماندار شهرستان")),
    ("کوهسار- ایرنا- سخنگوی شورای شهر گفت: بودجه تصویب شد.", ("role", "سخنگوی شورای شهر")),
    ("به گزارش روابط عمومی شهرداری؛ سعید مرادی در این نشست گفت: طرح آغاز می‌شود.",
     ("person", None, "سعید مرادی", None)),
    # more verbs
    ("در ابتدای این جلسه دبیر شورا در خصوص برنامه‌های سال آینده توضیحاتی را تشریح نمودند.", ("role", "دبیر شورا")),
    ("معاون فرماندار خواستار تسریع در تکمیل پروژه شد.", ("role", "معاون فرماندار")),
    ("رئیس هیئت به بررسی مشکلات بیمه پرداختند.", ("role", "رئیس هیئت")),
    ("مدیر مدرسه با بیان این که کلاس‌ها فشرده است، از اولیا همکاری خواست.", ("role", "مدیر مدرسه")),
    ("مدیر شبکه بهداشت یادآور شد: واکسیناسیون ادامه دارد.", ("role", "مدیر شبکه بهداشت")),
    # honorifics «برادر» and «خواهر»
    ("سپس برادر یوسف کاوسی رئیس شورا گفت: کار آغاز می‌شود.", ("person", "برادر", "یوسف کاوسی", "رئیس شورا")),
    ("خواهر زهرا امیری عضو شورا خواستار تعمیر مدرسه شد.", ("person", "خواهر", "زهرا امیری", "عضو شورا")),
    # a name before a role, without a known first name
    ("سید میرشاد ماجدی سرپرست فدراسیون در این نشست گفت: هدف ما روشن است.",
     ("person", None, "میرشاد ماجدی", "سرپرست فدراسیون")),
])
def test_who_speaks(text, expected):
    assert _who(text) == tuple(normalize(x) if isinstance(x, str) else x for x in expected)


@pytest.mark.parametrize("text", [
    # people only mentioned, and forms with nobody in them
    "جلسه به ریاست آقای کریم نوروزی و با حضور خانم لیلا رحیمی برگزار شد.",
    "با همکاری آقای اسدی مقرر شد جشن پایان سال برگزار شود.",
    "۱-خانم/آقای\tدارای\tریال سهم الشرکه",
    "در آغاز جلسه آیاتی از قرآن کریم تلاوت شد.",
    "گزارش ماهانه باید توسط شهرداری ارائه گردد.",
    # people chosen by the meeting, not speaking
    "سرکار خانم نرگس بهرامی، عضو هیئت‌مدیره انجمن، به عنوان دبیر همایش سالانه انتخاب شد.",
    "آقای سعید رنجبر با اکثریت آرا انتخاب شد.",
])
def test_no_speaker(text):
    assert _who(text) is None


@pytest.mark.parametrize("text, known, expected", [
    # a bare family name with a far verb counts only when the person was named before
    ("زمانی در بخش دیگری از سخنان خود بر پیگیری مطالبات تأکید کرد.", {"زمانی"}, ("person", None, "زمانی", None)),
    ("زمانی در بخش دیگری از سخنان خود بر پیگیری مطالبات تأکید کرد.", None, None),
])
def test_known_bare_name(text, known, expected):
    assert _who(text, known) == expected


@pytest.mark.parametrize("text, rest", [
    ("*- آقای رضایی گفت", "آقای رضایی گفت"),
    ("🔻محمد زاده افزود", "محمد زاده افزود"),
    ("تهران- ایرنا- سخنگوی دولت گفت", "سخنگوی دولت گفت"),
    ("date ۲۰۲۵-۱۱-۲۸ به گزارش ایلنا، بهرام سرمست گفت", "بهرام سرمست گفت"),
    ("همچنین در این جلسه رئیس شورا گفت", "رئیس شورا گفت"),
    ("در ادامه این جلسه خسروی گفت", "خسروی گفت"),
])
def test_lead_in(text, rest):
    text = normalize(text)
    assert text[lead_in(text):] == normalize(rest)


@pytest.mark.parametrize("role, expected", [
    ("مدیر ستاد نماز استان، در حاشیه این جلسه", "مدیر ستاد نماز استان"),
    ("مسئول امور شهرستان‌ها آقای دری مطرح گردید", "مسئول امور شهرستان‌ها"),
    ("رئیس اداره منابع آب شهرستان گزارشی", "رئیس اداره منابع آب شهرستان"),
    ("معاون سیاسی، امنیتی و اجتماعی فرماندار", "معاون سیاسی، امنیتی و اجتماعی فرماندار"),
    ("ریاست اتاق تعاون استان) در ارتباط", "ریاست اتاق تعاون استان"),
])
def test_clean_role(role, expected):
    assert clean_role(normalize(role)) == normalize(expected)


_MINUTES = """صورتجلسه نشست ماهانه هیئت امنا

حاضرین: آقایان حسن کیانی (رئیس)، مرتضی شکیبا (خزانه‌دار)

خلاصه مذاکرات:
{label}: کار بازسازی باید تمام شود.
"""


@pytest.mark.parametrize("label, name", [
    ("کیانی", "حسن کیانی"),            # a family name
    ("آقای شکیبا", "مرتضی شکیبا"),     # with its honorific
    ("شکیبای", "مرتضی شکیبا"),         # one letter added
    ("کیانی‌", "حسن کیانی"),           # a stray ZWNJ
])
def test_transcript_label_matches_a_person_named_before(label, name):
    m = minutes.parse(_MINUTES.format(label=label))
    assert [t.speaker.name for t in m.turns] == [name]


@pytest.mark.parametrize("label", ["یادداشت", "نتیجه بحث", "شک"])
def test_unknown_label_is_not_a_speaker(label):
    m = minutes.parse(_MINUTES.format(label=label))
    assert m.turns == []


def test_role_refers_back_to_the_chair_named_in_apposition():
    m = minutes.parse("جلسه شورای اداری به ریاست کوروش تابان‌مهر، فرماندار شهرستان برگزار شد.\n"
                      "فرماندار نیک‌آباد گفت: کار آغاز می‌شود.\n"
                      "تابان‌مهر در بخش دیگری از سخنان خود بر پیگیری مطالبات تأکید کرد.\n")
    assert [(t.line, t.speaker.name) for t in m.turns] == [(2, "کوروش تابان‌مهر"), (3, "کوروش تابان‌مهر")]


@pytest.mark.parametrize("text, expected", [
    # a family name alone after a news lead, a role stop and a speech verb in the same sentence
    ("به گزارش روابط عمومی بخشداری، نیکوکار در این دیدار ضمن قدردانی از شوراها اظهار داشت: کار ادامه دارد.",
     ("person", None, "نیکوکار", None)),
    # plural subjects in that place are nobody
    ("به گزارش روابط عمومی، اعضا در این دیدار گفتند: کار ادامه دارد.", None),
    ("به گزارش روابط عمومی، کارشناسان ضمن بازدید گفتند: کار ادامه دارد.", None),
    ("به گزارش روابط عمومی، شرکت‌کنندگان ضمن بازدید گفتند: کار ادامه دارد.", None),
    # a role head glued to the family name, and «باشاره» glued too
    ("بنا بر این گزارش بهروز سلطانلوفرماندار شهرستان باشاره به گرانی بر نظارت تأکید کرد.",
     ("person", None, "بهروز سلطانلو", "فرماندار شهرستان")),
    ("سعید مرادی‌بخشدار مرکزی گفت: طرح آغاز می‌شود.", ("person", None, "سعید مرادی", "بخشدار مرکزی")),
    # roles that run into the object or the passive's subject end before it
    ("رئیس هیئت برنامه‌های سال آینده را تشریح کرد.", ("role", "رئیس هیئت")),
    ("در این جلسه توسط امام جمعه موارد زیر مطرح گردید:", ("role", "امام جمعه")),
    ("رئیس هیأت مدیره در سخنان پیش از دستور گفت: شرایط دشوار است.", ("role", "رئیس هیأت مدیره")),
])
def test_who_speaks_round_2(text, expected):
    want = tuple(normalize(x) if isinstance(x, str) else x for x in expected) if expected else None
    assert _who(text) == want


@pytest.mark.parametrize("role, expected", [
    ("رئیس هیئت برنامه‌های سال آینده را", "رئیس هیئت"),
    ("مدیر کل امور شهرستان‌ها گزارش عملکرد را", "مدیر کل امور شهرستان‌ها"),  # a plural inside the role stays
    ("امام جمعه موارد زیر مطرح گردید", "امام جمعه"),
])
def test_clean_role_object(role, expected):
    assert clean_role(normalize(role)) == normalize(expected)


def test_named_speaker_takes_the_role_spoken_of_next():
    m = minutes.parse("دیدار سرپرست بخشداری با شوراها\n\n"
                      "به گزارش روابط عمومی بخشداری، نیکوکار در این دیدار ضمن تشکر اظهار داشت: همکاری لازم است.\n\n"
                      "سرپرست بخشداری افزود: طرح‌ها ادامه دارد.\n")
    assert [(t.speaker.name, t.speaker.role) for t in m.turns] == [("نیکوکار", "سرپرست بخشداری")] * 2


def test_meeting_sentence_that_is_also_a_turn_dates_the_meeting():
    m = minutes.parse("بازدید از پروژه\n\nنشست شورای شهر روز دوشنبه ۱۴۰۲/۰۳/۱۵ برگزار شد. آقای کاوه نیک‌زاد "
                      "رئیس شورا گفت: کار آغاز می‌شود.\n\nنیک‌زاد افزود: جلسه قبلی در تاریخ ۱۴۰۲/۰۲/۰۱ برگزار شد.\n")
    assert m.header.meeting.date.jalali == "1402-03-15"
    assert [t.speaker.name for t in m.turns] == ["کاوه نیک‌زاد", "کاوه نیک‌زاد"]
