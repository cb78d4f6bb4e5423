"""The meeting's date and attendance as real pages write them (issue 11): phrase → value tables."""

import pytest

import minutes
from minutes.dates.deadlines import find_date
from minutes.phrases.meeting import chair_in, meeting_date_in, present_in, read_meeting
from minutes.phrases.report import meeting_name
from minutes.text.normalize import normalize


@pytest.mark.parametrize("text, jalali", [
    ("جلسه روزدوشنبه۱۸ مردادماه ۱۴۰۰ برگزار شد", "1400-05-18"),   # glued to the words around it
    ("در تاریخ ۹۷/۷/۹درسالن اجتماعات", "1397-07-09"),
    ("تمدید تا تاریخ ۱۰/اردیبهشت/۹۲", "1392-02-10"),              # a month name between slashes
    ("تاریخ انتشار: ۱۱:۳۱ - ۰۴-۱۲-۱۳۹۰", "1390-12-04"),            # not «۳۱ - ۰۴-۱۲» after the clock
    ("در تاریخ 1404.03.22 تشکیل شد", "1404-03-22"),                # dotted
    ("۱۲ دیدار ۱۴۰۰", None),
])
def test_find_date_in_running_text(text, jalali):
    found = find_date(normalize(text))
    assert (found[0].isoformat() if found else None) == jalali


@pytest.mark.parametrize("text, jalali, text_kept, kind", [
    ("جلسه شورا روز دوشنبه ۱۴۰۲/۰۳/۱۵ در سالن شورا برگزار شد.", "1402-03-15", "۱۴۰۲/۰۳/۱۵", "meeting"),
    ("پیرو نامه شماره ۳۴۵/د مورخ ۱۴۰۲/۰۵/۰۱ بخشداری، جلسه‌ای تشکیل شد.", None, None, None),   # a letter's date
    ("مقرر شد گزارش تا ۱۵ خرداد ۱۴۰۲ ارائه شود و جلسه تشکیل شد.", None, None, None),         # a deadline
    ("۱۵ تیر ۱۴۰۰ ۲۲:۱۱", "1400-04-15", "۱۵ تیر ۱۴۰۰", "stamp"),                              # date and clock
    ("تاریخ انتشار: ۰۲ اسفند ۱۴۰۲", "1402-12-02", "۰۲ اسفند ۱۴۰۲", "stamp"),
    ("date 2025-11-30 جلسه شورای مدیران برگزار شد", "1404-09-09", "2025-11-30", "stamp"),     # Gregorian
    ("۱۳۹۸/۰۵/۳۱", "1398-05-31", "۱۳۹۸/۰۵/۳۱", "stamp"),                                      # a bare date line
    ("شنبه مورخ ۱۷ دیماه ۱۴۰۱", "1401-10-17", "۱۷ دیماه ۱۴۰۱", "dateline"),                   # names the day
    ("امروز: شنبه ۱۷ دیماه ۱۴۰۱", "1401-10-17", "۱۷ دیماه ۱۴۰۱", "stamp"),                     # a today banner
    ("جلسه شورا در روزهای دوم و سوم اسفند ماه ۱۴۰۲ برگزار شد", "1402-12-02", "دوم و سوم اسفند ماه ۱۴۰۲", "meeting"),
    ("هفتم خرداد ماه چهل و سومین جلسه شورای شهر برگزار شد.", None, "هفتم خرداد ماه", "meeting"),  # no year
    ("جلسه بعدی در تاریخ ۱۴۰۲/۰۴/۰۱ برگزار خواهد شد.", "1402-04-01", "۱۴۰۲/۰۴/۰۱", "other"),   # another meeting
])
def test_meeting_date_in_a_sentence(text, jalali, text_kept, kind):
    found = meeting_date_in(normalize(text))
    if kind is None:
        assert found is None
        return
    assert (found.date.isoformat() if found.date else None) == jalali
    assert found.text == text_kept
    assert {"stamp": found.stamp, "dateline": found.dateline, "meeting": found.in_meeting_sentence,
            "other": not (found.stamp or found.dateline or found.in_meeting_sentence)}[kind]


@pytest.mark.parametrize("text, name, role", [
    ("جلسه به ریاست حجت‌الله نصیری‌پور فرماندار شهرستان و با حضور اعضا برگزار شد", "حجت‌الله نصیری‌پور", "فرماندار شهرستان"),
    ("جلسه به ریاست فرماندار در سالن جلسات برگزار شد", None, "فرماندار"),
    ("به ریاست اکرمی،معاون سیاسی امنیتی استانداری برگزار شده بود", "اکرمی", "معاون سیاسی امنیتی استانداری"),
    ("جلسه با حضور اعضا برگزار شد", None, None),
    ("نشست شورای عالی به ریاست رئیس‌جمهور برگزار شد", None, "رئیس‌جمهور"),
    ("نشست به ریاست دکتر حسن کریمی رییس جمهور برگزار شد", "حسن کریمی", "رییس‌جمهور"),
])
def test_chair(text, name, role):
    chair = chair_in(normalize(text))
    assert ((chair.name, chair.role) if chair else (None, None)) == (name and normalize(name), role)


@pytest.mark.parametrize("text, people", [
    ("جلسه با حضور علی احمدی، رضا کریمی و مریم سلطانی برگزار شد",
     [("علی احمدی", None), ("رضا کریمی", None), ("مریم سلطانی", None)]),
    ("با حضور فرماندار، بخشدار و اعضای شورا تشکیل شد", [(None, "فرماندار"), (None, "بخشدار"), (None, "اعضای شورا")]),
    ("با حضور اکثریت اعضا تشکیل شد", []),
    ("در این نشست که مهندس کاوه صدری رئیس اداره صمت و داود فرهمند بازرس انجمن نیز حضور داشتند، بحث شد",
     [("کاوه صدری", "رئیس اداره صمت"), ("داود فرهمند", "بازرس انجمن")]),
    ("با حضور اعضای هیئت مدیره آقایان: حمید نادری و سعید موسوی برگزار شد",
     [("حمید نادری", "اعضای هیئت مدیره"), ("سعید موسوی", "اعضای هیئت مدیره")]),
])
def test_presence(text, people):
    assert [(p.name, p.role) for p in present_in(normalize(text), 1)] == [
        tuple(normalize(x) if x else x for x in person) for person in people]


def test_a_minutes_without_a_meeting_date_says_so():
    m = minutes.parse("صورتجلسه شورای اداری\nالف : موضوع جلسه\nبررسی بودجه\n")
    missing = [d for d in m.diagnostics if d.code == "meeting-date-missing"]
    assert m.header.meeting.date is None and [d.level for d in missing] == ["warning"]


def test_the_year_of_a_date_written_without_one_comes_from_the_letter_date():
    m = minutes.parse("تاریخ: ۱۴۰۲/۰۳/۲۰\nصورتجلسه\nجلسه شورای دبیران روز دوشنبه پانزدهم خرداد ماه در دفتر مدرسه "
                      "تشکیل شد.\n۱- مقرر شد برنامه امتحانات اعلام شود.\n")
    assert m.header.meeting.date.jalali == "1402-03-15"
    assert [d.code for d in m.diagnostics if d.code.startswith("meeting")] == ["meeting-date-year"]


@pytest.mark.parametrize("text, jalali", [
    # Afghan month names, with a day and a year
    ("جلسه به روز شنبه مورخ ۱۱ حوت ۱۳۹۷ در تالار اتاق برگزار گردید.", "1397-12-11"),
    ("نشست شورا به تاریخ ۲ حمل سال ۱۴۰۱ دایر شد", "1401-01-02"),
    ("جلسه در ۳ میزان ۹۹ برگزار شد", "1399-07-03"),
    ("جلسه به میزان ۵۰ درصد اعضا برگزار شد", None),                    # «میزان» the word, not the month
    # a citation in parentheses is another paper's date; a weekday and date in them is the meeting's
    ("اعضای نمونه (مصوب بند ۱۲ صورتجلسه ۹۴ شورا، مورخ ۱۴/۰۲/۹۶) معرفی شدند", None),
    ("جلسه عصر دیروز (دوشنبه- ۱۷ مهرماه ۱۴۰۲) شورای شهر برگزار شد", "1402-07-17"),
    ("(مصوب سیصد و دهمین جلسه مورخ ۱۰/۷/۷۵ شورای عالی)", "1375-07-10"),  # the approving session named
    ("شورای عالی در تاریخ 10 /7 /1361 جهت رسیدگی تشکیل شد", "1361-07-10"),  # spaces inside
])
def test_meeting_date_round_2(text, jalali):
    found = meeting_date_in(normalize(text))
    assert (found.date.isoformat() if found and found.date else None) == jalali


@pytest.mark.parametrize("text, people", [
    # honorifics with no separator between the people
    ("جلسه با حضور جناب آقای رضا امیری جناب آقای حسن کاظمی و جناب آقای مهدی نوری برگزار شد",
     [("رضا امیری", None), ("حسن کاظمی", None), ("مهدی نوری", None)]),
    # a plural role after a person's role is another group
    ("با حضور آقای کیوان زارعی معاون خدمات شهری و نمایندگان اصناف برگزار شد",
     [("کیوان زارعی", "معاون خدمات شهری"), (None, "نمایندگان اصناف")]),
    # one person with two roles stays one
    ("با حضور آقای علی کریمی رئیس شورا و مدیرعامل شرکت برگزار شد", [("علی کریمی", "رئیس شورا و مدیرعامل شرکت")]),
    ("جلسه با حضور اعضا و نماینده فرمانداری برگزار شد", [(None, "اعضا"), (None, "نماینده فرمانداری")]),
])
def test_presence_round_2(text, people):
    assert [(p.name, p.role) for p in present_in(normalize(text), 1)] == [
        tuple(normalize(x) if x else x for x in person) for person in people]


@pytest.mark.parametrize("text, name, role", [
    ("نشست اتاق تحت ریاست محترم نصیر احمد وفادار رئیس اتاق و اشتراک نمایندگان برگزار گردید",
     "نصیر احمد وفادار", "رئیس اتاق"),
])
def test_chair_dari(text, name, role):
    chair = chair_in(normalize(text))
    assert (chair.name, chair.role) == (normalize(name), normalize(role))


def test_outline_numbered_fields_and_the_role_line():
    m = minutes.parse("صورتجلسه\n\n1-5 مکان: تالار شورا\n\n1-6 رئیس جلسه: نام و نام خانوادگی: دکتر کامبیز رحمتی\n\n"
                      "سمت: رئیس هیئت امنا\n")
    assert m.header.meeting.place == "تالار شورا"
    assert (m.header.chair.name, m.header.chair.titles, m.header.chair.role) == ("کامبیز رحمتی", ["دکتر"],
                                                                                   "رئیس هیئت امنا")


def test_a_later_presence_sentence_adds_attendees_but_a_speakers_event_does_not():
    m = minutes.parse("خبر\n\nنشست شورا روز دوشنبه ۱۴۰۲/۰۳/۱۵ برگزار شد. آقای کاوه نیک‌زاد رئیس شورا گفت: کار آغاز می‌شود.\n\n"
                      "این جلسه با حضور آقای سعید مرادی بخشدار برگزار شد.\n\n"
                      "نیک‌زاد افزود: طرح با حضور وزیر افتتاح خواهد شد.\n")
    assert [(p.name, p.role) for p in m.header.attendees] == [("سعید مرادی", "بخشدار")]


# The meeting's place from the opening sentence: a place noun («سالن …», «دانشگاه …») after
# «در» or first, a label, or a short «در …»; never the attendance, the chair or the verb.
@pytest.mark.parametrize("text, place", [
    ("ساعت ۱۰ صبح روز شنبه ۱۴۰۲/۰۲/۱۰ سالن جلسات بخشداری نمونه", "سالن جلسات بخشداری نمونه"),
    ("جلسه شورای اسلامی شهر نمونه روز یکشنبه ۲۶ مرداد ۱۴۰۲ با حضور اعضا برگزار شد.", None),
    ("نشست کمیته روز دوشنبه ۳ مهر ۱۴۰۱ با حضور معاونان و مدیران در دانشگاه شهر نو برگزار شد.", "دانشگاه شهر نو"),
    ("جلسه هیئت مدیره روز ۱۲ آذر ۱۴۰۰ در محل فرمانداری شهرستان با حضور اعضا تشکیل شد.", "فرمانداری شهرستان"),
    ("کارگروه اشتغال روز ۵ دی ۱۴۰۱ در بندرگاه برگزار شد.", "بندرگاه"),
    ("جلسه شورا روز ۵ دی ۱۴۰۱ در خصوص بودجه سال آینده برگزار شد.", None),
    ("جلسه شورا روز ۵ دی ۱۴۰۱ به ریاست فرماندار و اعضای کمیته ترافیک تشکیل شد.", None),
    ("مجمع روز ۲ اسفند ۱۴۰۲ در مسجد محله با تلاوت آیاتی از قرآن آغاز شد.", "مسجد محله"),
    ("نشست روز ۸ تیر ۱۴۰۰ در مقر ولایت دایر گردید. درین نشست اعضا حضور داشتند.", "مقر ولایت"),
    ("جلسه روز ۸ تیر ۱۴۰۰ برگزار شد. در این جلسه گزارش ارائه شد.", None),
    ("مجمع عمومی روز ۱۹ بهمن ۱۴۰۱ برگزار شد و سالن اجتماعات شهرداری میزبان اعضا بود.", None),
    ("تاریخ جلسه ۱۴۰۱/۰۹/۰۱ محل جلسه: اتاق شورای دانشکده، طبقه دوم", "اتاق شورای دانشکده، طبقه دوم"),
])
def test_place(text, place):
    assert read_meeting(normalize(text), 1, lambda *said: None).place == place


# A news item's name of the meeting («سومین جلسه …»): it ends where the sentence goes on to the
# meeting's day, place, chair or verb, and never with a dangling «در».
@pytest.mark.parametrize("text, name, number", [
    ("سومین جلسه شورای آب دهستان کوهسار بود که با حضور اعضا برگزار شد", "سومین جلسه شورای آب دهستان کوهسار", 3),
    ("دهمین جلسه کارگروه تنظیم بازار شهرستان روز سه‌شنبه ۱۴۰۲/۰۳/۰۹ تشکیل شد", "دهمین جلسه کارگروه تنظیم بازار شهرستان", 10),
    ("نخستین نشست کمیته فنی راه روزدوشنبه۱۴۰۲/۰۵/۰۱درسالن اداره برگزار شد", "نخستین نشست کمیته فنی راه", 1),
    ("پنجمین جلسه شورای برنامه‌ریزی استان در مورخ ۱۴۰۱/۰۹/۰۹ در استانداری برگزار شد",
     "پنجمین جلسه شورای برنامه‌ریزی استان", 5),
    ("هشتمین جلسه هیئت مؤسس این دانشگاه را اعلام کرد", "هشتمین جلسه هیئت مؤسس این دانشگاه", 8),
    ("اولین نشست کارگروه اشتغال شهرستان به ریاست فرماندار برگزار شد", "اولین نشست کارگروه اشتغال شهرستان", 1),
    ("چهل و سومین جلسه شورای شهر در تالار شورا تشکیل شد", "چهل و سومین جلسه شورای شهر", 43),
    ("دومین جلسه کمیته مبارزه با مواد مخدر صبح امروز برگزار شد", "دومین جلسه کمیته مبارزه با مواد مخدر", 2),
])
def test_meeting_name(text, name, number):
    assert meeting_name(normalize(text)) == (normalize(name), number)


# A news page's short lines over its text: the headline is the title; a body's name is the
# organization; a stamp, a kicker ending with «:» and a section label are kept in diagnostics.
@pytest.mark.parametrize("top, title, organization", [
    (["انجمن صنفی قنادان شهرستان نمونه", "نشست هیئت‌مدیره انجمن با اداره صمت برگزار شد"],
     "نشست هیئت‌مدیره انجمن با اداره صمت برگزار شد", ["انجمن صنفی قنادان شهرستان نمونه"]),
    (["اخبار استان", "شورای هماهنگی آب استان"], None, ["شورای هماهنگی آب استان"]),
    (["مدیرکل بهزیستی استان:", "پوشش بیمه مددجویان روستایی کامل می‌شود"],
     "پوشش بیمه مددجویان روستایی کامل می‌شود", []),
    (["تاریخ انتشار: ۱۴۰۳/۰۲/۱۰ - ۱۰:۲۴", "برگزاری کمیته ایمنی بیمار بیمارستان نمونه"],
     "برگزاری کمیته ایمنی بیمار بیمارستان نمونه", []),
    (["برگزاری دهمین جلسه هیئت‌مدیره انجمن نمونه ۱۲ آذر ۱۴۰۲"], "برگزاری دهمین جلسه هیئت‌مدیره انجمن نمونه ۱۲ آذر ۱۴۰۲", []),
    (["یکشنبه ۲ خرداد ۱۴۰۳ بازدید: ۴۰", "طرح ساماندهی پیاده‌روها در شورا تصویب شد"],
     "طرح ساماندهی پیاده‌روها در شورا تصویب شد", []),
])
def test_a_news_pages_headline_is_its_title(top, title, organization):
    body = ("به گزارش روابط عمومی، در این نشست که روز گذشته برگزار شد مدیر اداره گفت: برنامه‌ها "
            "تا پایان سال اجرا می‌شود و همکاری دستگاه‌ها ادامه دارد.")
    m = minutes.parse("\n".join(top) + "\n\n" + body + "\n")
    assert m.kind == "report"
    assert (m.header.title, m.header.organization) == (title and normalize(title), [normalize(o) for o in organization])
    # every other line over the text is kept, in a diagnostic that quotes it
    quoted = " ".join(d.message for d in m.diagnostics)
    assert all(normalize(line) in quoted for line in top if normalize(line) not in (m.header.title, *organization))


def test_a_short_line_after_the_news_text_is_no_headline():
    text = ("به گزارش روابط عمومی، جلسه شورای ورزش شهرستان روز گذشته برگزار شد و مدیر اداره گفت: "
            "برنامه‌های تابستانی تا پایان شهریور اجرا می‌شود.\n\nبرای خواندن باقی خبر اینجا بزنید\n")
    m = minutes.parse(text)
    assert m.kind == "report" and m.header.title is None
    assert any("برای خواندن باقی خبر اینجا بزنید" in d.message for d in m.diagnostics)
