"""Forms the sixth survey sample showed, one phrase at a time: a sentence that introduces the decisions with
«… موارد زیر مورد تصویب قرار گرفت :» or «… موارد ذیل مصوب گردید:» (at the end of a paragraph, or before a
list run inline in it); a headline that says, with a full date, when the meeting was held, and a later sentence
that dates another event; a zero typed for the full stop («… برگزارگردید0سپس …»); a letterhead line that names
«صورت‌جلسه» and its date; speakers whose role runs into the speech's object («… دبیر انجمن بیاناتی در مورد …»)
or «در بخشی از …», who speak with «درخواست کردند», «صحبت کردند», «تاکید داشتند», and a role-only speaker whose
role is another post than an earlier speaker's with the same head («مسئول کمیته علمی», «مسئول کمیته فرهنگی»); a
decision verb glued to the next word («مقرر گردیدفهرست …»), «تصمیم اتخاذ گردید تا …», «… پذیرفتند که …» and the
active «… را … تعیین کردند»; a name of three words closed by a comma («ناصر فخر موحد، معاون …»).

Every phrase here is invented; the forms are those of real pages (docs/forms.md, sixth sample)."""

from __future__ import annotations

import pytest

import minutes
from minutes.phrases.meeting import held_date_in
from minutes.phrases.report import decision_sentences
from minutes.phrases.resolutions import ends_with_intro
from minutes.text.normalize import normalize

# a paragraph → does its last sentence introduce the list that follows?
INTROS = [
    # «the following» approved, in the words of a notice or a commission's news
    ("پیرو صورتجلسه مورخ ۱۴۰۲/۷/۱۰ شورای آموزشی موارد زیر مورد تصویب قرار گرفت :", True),
    ("در این جلسه برنامه‌های هفته کتاب بررسی و موارد ذیل مصوب گردید:", True),
    ("پس از بحث و تبادل نظر موارد زیر مصوب شد.", True),
    # a decision verb without «the following» introduces a list only before a colon
    ("هیئت مدیره پس از بررسی گزارش‌ها، پیشنهادهای کمیسیون را مصوب شد:", True),
    ("پیشنهادهای کمیته پس از بحث مورد تصویب قرار گرفت:", True),
    ("گزارش مالی سال گذشته پس از بحث مورد تصویب قرار گرفت.", False),
    ("بودجه پیشنهادی کتابخانه در جلسه مصوب گردید.", False),
    # nor does a sentence that only names something approved before
    ("مصوبات جلسه قبل مورد تصویب قرار گرفته بود و گزارش آن خوانده شد.", False),
]


@pytest.mark.parametrize("text,introduces", INTROS)
def test_ends_with_intro(text, introduces):
    assert ends_with_intro(normalize(text)) is introduces


# a page → its resolutions' texts
LISTS = [
    # the intro at the end of a paragraph, the items on lines of their own
    ("اطلاعیه اداره آموزش\n\nپیرو صورتجلسه مورخ ۱۴۰۰/۲/۳ کمیته موارد زیر مورد تصویب قرار گرفت :\n\n"
     "1- ثبت‌نام نیمسال تابستان تا دهم تیر ادامه دارد.\n\n2- کلاس‌های جبرانی در روزهای پنجشنبه برگزار می‌شود.\n",
     ["ثبت‌نام نیمسال تابستان تا دهم تیر ادامه دارد.", "کلاس‌های جبرانی در روزهای پنجشنبه برگزار می‌شود."]),
    # the intro and the items run inline in one paragraph
    ("جلسه کمیسیون عمران شورا روز دوشنبه برگزار شد و موارد ذیل مصوب گردید: 1- بازسازی پیاده‌روی خیابان بهار "
     "2- شهرداری نقشه پارک محله را به کمیسیون بدهد\n",
     ["بازسازی پیاده‌روی خیابان بهار", "شهرداری نقشه پارک محله را به کمیسیون بدهد"]),
]


@pytest.mark.parametrize("text,expected", LISTS)
def test_list_after_intro(text, expected):
    assert [r.text for r in minutes.parse(text).resolutions] == [normalize(e) for e in expected]


# a sentence → the date on which it says the meeting was held (None: it says no such thing)
HELD = [
    ("در روز دوشنبه مورخ ۹/۳/۱۴۰۱ دومین جلسه شورای سلامت شهرستان تشکیل شد", "1401-03-09"),
    ("نشست هیئت‌مدیره انجمن روز ۱۲ آذر ۱۴۰۲ در دفتر انجمن برگزار گردید", "1402-09-12"),
    # to come, not held
    ("جلسه شورا روز دوشنبه مورخ ۹/۳/۱۴۰۱ برگزار خواهد شد", None),
    # a session word but no held verb, another paper's date, a day without a year
    ("در پایان جلسه دکتر امینی از برنامه روز جهانی بدون دخانیات مورخ ۱۰/۳/۱۴۰۱ گفت", None),
    ("نامه شماره ۱۲ مورخ ۹/۳/۱۴۰۱ در جلسه خوانده شد", None),
    ("دومین جلسه شورا روز دوشنبه نهم خرداد تشکیل شد", None),
]


@pytest.mark.parametrize("text,jalali", HELD)
def test_held_date_in(text, jalali):
    found = held_date_in(normalize(text))
    assert (found.date.isoformat() if found else None) == jalali


# a page → its meeting's date
DATES = [
    # the headline dates the meeting; a speaker's «… مورخ …» after the opening is another day's
    ("در روز شنبه مورخ ۱۴۰۰/۷/۳ سومین جلسه شورای ورزش شهرستان تشکیل شد\n"
     "در این جلسه برنامه مسابقات پاییزه بررسی شد.\n"
     "آقای مهندس کاوه از اداره ورزش درباره زمین چمن توضیحاتی را ارائه نمودند.\n"
     "در پایان جلسه آقای رفیعی درباره جشنواره روز کودک مورخ ۱۴۰۰/۷/۱۶ نیز توضیحاتی را ارائه نمودند.\n",
     "1400-07-03"),
    # a title read as letterhead that names «صورتجلسه» and its date, over a list that gives none
    ("دهمین صورت جلسه کمیته خرید 2/5/94 شرکت آب\n\n1- خرید دو پمپ تازه تصویب شد.\n", "1394-05-02"),
    # a zero typed for the full stop ends the sentence that dates the meeting
    ("صورتجلسه کمیته ایمنی\n\nدرروزشنبه مورخ 3/2/90 جلسه کمیته ایمنی در کارخانه تشکیل گردید0سپس مصوبات جلسه قبل "
     "خوانده شد0\n\nمصوبات :\n\n1ـ مقررگردید کپسول‌های آتش‌نشانی شارژ شود0\n",
     "1390-02-03"),
]


@pytest.mark.parametrize("text,jalali", DATES)
def test_meeting_date(text, jalali):
    assert minutes.parse(text).header.meeting.date.jalali == jalali


# a report → (name, role) of each turn
SPEAKERS = [
    # the role ends before the speech's indefinite object and before «در بخشی از …»
    ("نشست انجمن برگزار شد.\nآقای دکتر فرجی رئیس انجمن توضیحاتی درباره بودجه ارائه دادند.\n",
     [("فرجی", "رئیس انجمن")]),
    ("نشست انجمن برگزار شد.\nخانم نوری دبیر انجمن مطالبی درباره کارگاه‌ها عنوان نمودند.\n",
     [("نوری", "دبیر انجمن")]),
    ("نشست انجمن برگزار شد.\nدکتر فرجی رئیس انجمن در بخشی از سخنان خود به بودجه اشاره کرد.\n",
     [("فرجی", "رئیس انجمن")]),
    # more speech verbs
    ("نشست انجمن برگزار شد.\nدر پایان دکتر فرجی با یادآوری اهمیت کار از اعضا درخواست کردند گزارش بدهند.\n",
     [("فرجی", None)]),
    ("نشست انجمن برگزار شد.\nخانم مهندس نوری نیز بر دعوت از استادان تاکید داشتند.\n",
     [("نوری", None)]),
    # a first name, two more words, a comma, then a role or a speech verb: a name of three words
    ("نشست انجمن برگزار شد.\nناصر کیان مهر، رئیس انجمن گفت: کار آغاز شد.\n", [("ناصر کیان مهر", "رئیس انجمن")]),
    ("نشست انجمن برگزار شد.\nدکتر محمد اسماعیل ستوده، گفت: کار آغاز شد.\n", [("محمد اسماعیل ستوده", None)]),
    # … but not without the comma, nor when the third word is a role
    ("نشست انجمن برگزار شد.\nناصر کیانی رئیس انجمن گفت: کار آغاز شد.\n", [("ناصر کیانی", "رئیس انجمن")]),
    # a role-only speaker whose post is another than the earlier speaker's (the same head, other words)
    ("نشست کمیسیون برگزار شد.\nآقای رضوانی معاون آموزشی دانشگاه گفت: کار آغاز شد.\n"
     "معاون پژوهشی دانشگاه نیز گفت: بودجه رسید.\n",
     [("رضوانی", "معاون آموزشی دانشگاه"), (None, "معاون پژوهشی دانشگاه")]),
]


@pytest.mark.parametrize("text,expected", SPEAKERS)
def test_speakers(text, expected):
    turns = minutes.parse(text).turns
    assert [(t.speaker.name, t.speaker.role) for t in turns] == \
        [(normalize(n) if n else None, normalize(r) if r else None) for n, r in expected]


# a sentence → does it state a decision of the meeting?
DECIDES = [
    # an opening phrase glued to the next word
    ("آثار بررسی شد و مقرر گردیدفهرست برگزیدگان تا پایان آذر اعلام گردد.", True),
    ("پس از گفتگو قرار شدکارگاه بعدی در دانشکده فنی برگزار شود.", True),
    # … but not one glued to a plural ending, nor a closing phrase glued (a participle, a state)
    ("طرح‌ها قبلا مصوب شده بود و اکنون اجرا می‌شود.", False),
    # a decision taken, what was decided after «تا»
    ("پس از بحث همه جانبه، تصمیم اتخاذ گردید تا ادارات گزارش خود را بفرستند.", True),
    ("در این باره تصمیم اتخاذ شد که دو کارگروه تشکیل شود.", True),
    # the generic «تصمیمات لازم اتخاذ شد» states none
    ("در پایان تصمیمات لازم اتخاذ شد.", False),
    # «agreed that»: what was agreed follows
    ("در این نشست روسای بانک‌ها پذیرفتند که پرونده طرح‌ها را بررسی کنند.", True),
    # … but a responsibility accepted is no «پذیرفتند که»
    ("مدیران مسئولیت این کار را پذیرفتند.", False),
    # set in the active voice
    ("اعضای هیئت‌مدیره شهر اراک را به عنوان میزبان بازی تعیین کردند.", True),
    ("هیئت امنا مبلغ شهریه را تعیین نمودند.", True),
]


@pytest.mark.parametrize("text,decides", DECIDES)
def test_decides(text, decides):
    assert bool(decision_sentences(normalize(text))) is decides
