"""Forms the fourth survey sample showed, one phrase at a time: Dari «فیصله», a decision named alone before a
bare «از تصمیمات این جلسه بود», a vote that decides a sentence with no decision verb, an active rejection, an
approval in the active frame «مورد تأیید قرار داد», progress so far («تاکنون … قرار گرفته است»), and «به شرح
ذیل» whose quote closes before the approval, «تصمیم‌گیری» in the frame «مورد … قرار گرفت», «منصوب گردیدند»,
an approval named in passing («ضمن تصویب …، مقرر شد …»), and a news lead's second lead or the agency's desk.

Every phrase here is invented; the forms are those of real pages (docs/forms.md, fourth sample)."""

from __future__ import annotations

import pytest

from minutes.phrases.attribution import lead_in
from minutes.phrases.report import decision_sentences
from minutes.text.normalize import normalize

# paragraph → the decisions it states
DECISIONS = [
    # Dari «فیصله گردید / فیصله شد» opens what was decided, as «مقرر شد» does
    ("در این نشست فیصله گردید که ریاست معارف مکتب‌های تازه را ثبت کند.",
     ["در این نشست فیصله گردید که ریاست معارف مکتب‌های تازه را ثبت کند."]),
    ("همچنین فیصله شد که جاده ولسوالی پیش از زمستان ترمیم شود.",
     ["همچنین فیصله شد که جاده ولسوالی پیش از زمستان ترمیم شود."]),
    # a bare «از» names one decision when only a copula follows it at the sentence's end
    ("تعمیر سقف سالن کتابخانه مرکزی از تصمیمات این جلسه بود.",
     ["تعمیر سقف سالن کتابخانه مرکزی از تصمیمات این جلسه بود."]),
    ("ساخت پارکینگ طبقاتی میدان شهدا از مصوبات جلسه مذکور بوده است.",
     ["ساخت پارکینگ طبقاتی میدان شهدا از مصوبات جلسه مذکور بوده است."]),
    # … but not mid-sentence: a report of the decisions, not one
    ("در پایان گزارشی از مصوبات این جلسه به استانداری ارسال شد.", []),
    # a «و» inside a relative clause joins no two decisions: one, the sentence as written
    ("بستن کارگاه‌هایی که بدون پروانه و در حریم رودخانه فعالیت می‌کنند از دیگر مصوبات این جلسه بود.",
     ["بستن کارگاه‌هایی که بدون پروانه و در حریم رودخانه فعالیت می‌کنند از دیگر مصوبات این جلسه بود."]),
    # … while two phrases joined by one «و» stay two
    ("تعمیر سالن ورزشی محله و خرید تجهیزات کتابخانه از دیگر مصوبات این جلسه بود.",
     ["تعمیر سالن ورزشی محله", "خرید تجهیزات کتابخانه"]),
    # «از جمله این مصوبات»: the demonstrative between lead and noun; one phrase named is one decision
    ("تخفیف نیم‌بهای بلیت موزه شهر در هفته میراث فرهنگی از جمله این مصوبات است.",
     ["تخفیف نیم‌بهای بلیت موزه شهر در هفته میراث فرهنگی"]),
    ("ساخت دو پارک محله‌ای و تعمیر پل چوبی از جمله این مصوبات بود.", ["ساخت دو پارک محله‌ای", "تعمیر پل چوبی"]),
    # a plural noun with the meeting named after it, the run before it not cut (two «و»): one, the run
    ("لایروبی نهر شرقی تا پایان پاییز و تعمیر دریچه‌های آب و برق ایستگاه از تصمیمات سومین جلسه شورای آب دهستان بود.",
     ["لایروبی نهر شرقی تا پایان پاییز و تعمیر دریچه‌های آب و برق ایستگاه"]),
    # … but with no meeting named after the plural noun, nothing
    ("پیگیری برخی موارد از جمله مصوبات سال گذشته در دستور کار قرار گرفت.", []),
    # a vote decides a sentence with no decision phrase
    ("با ۷ رأی موافق، نرخ ورودی استخر شهرداری از فروردین پنج درصد بیشتر خواهد بود.",
     ["با ۷ رأی موافق، نرخ ورودی استخر شهرداری از فروردین پنج درصد بیشتر خواهد بود."]),
    ("در ادامه با رای حداکثری حاضران، برگه‌های عضویت از این تاریخ با امضای دبیر صادر می‌شود.",
     ["در ادامه با رای حداکثری حاضران، برگه‌های عضویت از این تاریخ با امضای دبیر صادر می‌شود."]),
    ("به اتفاق آرا برگزاری جشنواره کتاب در تابستان قطعی شد.",
     ["به اتفاق آرا برگزاری جشنواره کتاب در تابستان قطعی شد."]),
    # a vote beside a decision phrase is that one decision, not two
    ("طرح تعریض خیابان با ۱۱ رأی موافق تصویب شد.", ["طرح تعریض خیابان با ۱۱ رأی موافق تصویب شد."]),
    # a vote phrase before a colon introduces what follows
    ("موارد زیر با اتفاق آرا:", []),
    # the active voice: a rejection whose participle goes on to another verb, an approval «مورد تأیید قرار داد»
    ("هیئت رئیسه با طرح تغییر ساعت کار مخالفت کرده و خواستار بررسی بیشتر شد.",
     ["هیئت رئیسه با طرح تغییر ساعت کار مخالفت کرده و خواستار بررسی بیشتر شد."]),
    ("کمیته فنی طرح نوسازی پل چوبی را مورد تأیید قرار داد.",
     ["کمیته فنی طرح نوسازی پل چوبی را مورد تأیید قرار داد."]),
    # progress so far is no decision of this meeting; a past participle alone still is not either
    ("گزارش طرح کاشت درخت که تاکنون در شش روستا مورد تأیید ناظران قرار گرفته است ارائه شد.", []),
    ("در این جلسه برنامه کاشت درخت در شش روستا مورد تأیید قرار گرفت.",
     ["در این جلسه برنامه کاشت درخت در شش روستا مورد تأیید قرار گرفت."]),
    # «به شرح ذیل: «…»» then the approval after the closed quote: a decision
    ("پیرو پیشنهاد دو عضو به شرح ذیل: «نصب چراغ در کوچه‌های محله بالا» این موضوع پس از بحث مورد موافقت قرار گرفت.",
     ["پیرو پیشنهاد دو عضو به شرح ذیل: «نصب چراغ در کوچه‌های محله بالا» این موضوع پس از بحث مورد موافقت قرار گرفت."]),
    # «تصمیم‌گیری» in the frame «مورد … قرار گرفت» decides; two people appointed at once
    ("پیشنهاد تغییر نام پارک محله مطرح و مورد بحث و تصمیم‌گیری حاضران قرار گرفت.",
     ["پیشنهاد تغییر نام پارک محله مطرح و مورد بحث و تصمیم‌گیری حاضران قرار گرفت."]),
    ("خانم رحیمی به عنوان دبیر و آقای نادری به عنوان خزانه‌دار انجمن منصوب گردیدند.",
     ["خانم رحیمی به عنوان دبیر و آقای نادری به عنوان خزانه‌دار انجمن منصوب گردیدند."]),
    # an approval named in passing, then what was decided: two
    ("در این جلسه ضمن تصویب برنامه سفر علمی دانشجویان، مقرر شد معاونت آموزشی هزینه‌ها را برآورد کند.",
     ["در این جلسه ضمن تصویب برنامه سفر علمی دانشجویان", "مقرر شد معاونت آموزشی هزینه‌ها را برآورد کند."]),
    ("ضمن تأیید صورت‌های مالی از زحمات خزانه‌دار قدردانی شد.", ["ضمن تأیید صورت‌های مالی از زحمات خزانه‌دار قدردانی شد."]),
    # an approval with its verb left out («تصویب و»), then words and an opening phrase: two, cut after its «و»
    ("در این مجمع ترازنامه تعاونی تصویب و بنا به پیشنهاد بازرس مقرر شد سود هر سهم ۳۰۰ ریال باشد.",
     ["در این مجمع ترازنامه تعاونی تصویب", "بنا به پیشنهاد بازرس مقرر شد سود هر سهم ۳۰۰ ریال باشد."]),
    # … «تصویب و مقرر گردید» with nothing between is one; with no opening phrase after it, none
    ("با رعایت آیین‌نامه انجمن تصویب و مقرر گردید حق عضویت سالانه دو برابر شود.",
     ["با رعایت آیین‌نامه انجمن تصویب و مقرر گردید حق عضویت سالانه دو برابر شود."]),
    ("پس از تصویب و ابلاغ دستورالعمل تازه، دبیرخانه آن را اجرا می‌کند.", []),
    # … while «به شرح ذیل» with the approval before the list still introduces it
    ("پیشنهادهای زیر به شرح ذیل به تصویب رسید: «الف» و «ب»", []),
]


@pytest.mark.parametrize("text,expected", DECISIONS)
def test_decision_sentences(text, expected):
    assert decision_sentences(normalize(text)) == [normalize(e) for e in expected]


# sentence → where its own words start: a second news lead, or the agency's desk closed by «؛», is skipped too
LEADS = [
    ("به گزارش خبرگزاری پارس، دفتر کرمان؛ مدیر کل بهزیستی استان گفت: …", "مدیر کل بهزیستی استان گفت"),
    ("به گزارش سایت شهر، به نقل از دفتر بخشداری؛ فرماندار لنگرود افزود: …", "فرماندار لنگرود افزود"),
    ("به گزارش سایت شهر، به نقل از دفتر بخشداری، کاظمی رئیس اداره گفت: …", "کاظمی رئیس اداره گفت"),
    # the agency alone before «؛» (no «به گزارش»), then a reporter's byline «X Y-»
    ("date 2025-03-02 خبرگزاری دشت و دمن؛ مریم صالحی- مسعود نوروزی گفت: …", "مسعود نوروزی گفت"),
    # a bullet, then the page's ISO stamp and a dateline: each is skipped where the last one ends
    ("🔹 date 2025-01-05 شیراز- فرماندار شیراز گفت: …", "فرماندار شیراز گفت"),
    # a comma after one or two words is not a desk: a name before its role stays
    ("به گزارش ایسنا، رستمی، مدیر کل بنادر گفت: …", "رستمی، مدیر کل بنادر گفت"),
]


@pytest.mark.parametrize("text,rest", LEADS)
def test_lead_in(text, rest):
    text = normalize(text)
    assert text[lead_in(text):].startswith(normalize(rest))
