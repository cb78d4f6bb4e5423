"""Decisions stated in prose (news reports and minutes written as paragraphs): which sentences
are decisions, how a paragraph is cut into them, and when two statements are one decision.

Every sentence here is invented; the forms are those of real pages (issue 11's survey)."""

from __future__ import annotations

import pytest

import minutes
from minutes.phrases.report import decision_sentences, same_decision
from minutes.text.normalize import normalize


def _decisions(text: str) -> list[str]:
    return decision_sentences(normalize(text))


# sentence → is it a decision of this meeting
DECIDES = [
    # approval, with words between the frame's parts
    ("در این جلسه ۴۲ طرح عمرانی مورد بررسی و تصویب اعضاء شورا قرار گرفت.", True),
    ("گزارش عملکرد مالی مطرح و مورد تأیید و تصویب اکثریت اعضاء قرار گرفت.", True),
    ("برنامه‌های گروه‌های مطالعاتی به تصویب اعضای هیأت مدیره رسید.", True),
    ("پرونده‌های کمیسیون عمران امروز به تایید اعضای شورا رسید.", True),
    ("کلیات طرح ساماندهی پارکینگ‌ها با ۱۲ موافق از ۱۳ نفر حاضر تصویب شد.", True),
    ("طرح جامع ناحیه به تصویب رسیده و به شهرداری ابلاغ شد.", True),
    ("همچنین سه کوچه در محله باغ‌شاه به نام شهدا نامگذاری و مصوب گردید.", True),
    # agreement
    ("در ادامه با کلیات سند توسعه با اکثریت آراء موافقت نمودند.", True),
    ("پیشنهاد شهردار مطرح و با آن موافقت گردید.", True),
    ("درخواست هیئت ورزشی مورد موافقت قرار گرفت.", True),
    ("هیئت امنا موافقت کرد که ساختمان جدید اجاره شود.", True),
    ("اعضای دو شورا به توافق رسیدند که زمین بین دو روستا تقسیم گردد.", True),
    ("در ادامه همه اعضا به توافق رسیدن که زمین بین دو روستا تقسیم گردد.", True),
    # rejection and referral: resolutions too
    ("لایحه افزایش عوارض تصویب نشد.", True),
    ("درخواست افزایش کرایه با ۵ رأی مخالف رد شد.", True),
    ("با درخواست تمدید قرارداد پیمانکار مخالفت شد.", True),
    ("طرح نامگذاری بوستان جهت بررسی به کمیسیون فرهنگی ارجاع شد.", True),
    # «مقرر شد», «قرار شد», «تصمیم …»
    ("در پایان قرار شد جلسه بعدی در مهرماه برگزار شود.", True),
    ("همچنین قرار بر این شد جلسه‌ای با حضور کشاورزان برگزار گردد.", True),
    ("مقرر گردیده است که داروهای بیمارستان‌ها متمرکز خریداری شود.", True),
    ("شورا مقرر می‌دارد شهرداری گزارش ماهانه ارائه کند.", True),
    ("اعضای شورا تصمیم گرفتند از یک استاد مدعو دعوت شود.", True),
    ("تصمیم اعضا بر آن شد که ترکیب شورا تغییر کند.", True),
    ("تصمیم گرفته شد که شورای مشترک کانون‌ها تشکیل گردد.", True),
    # obligations
    ("شهرداری موظف است ظرف یک ماه گزارش دهد.", True),
    ("واحد مالی مکلف است صورت‌های مالی را ارسال کند.", True),
    ("ادارات راهداری و اوقاف موظف شدند از نمازخانه‌ها بازدید کنند.", True),
    # named as one of the meeting's decisions
    ("از دیگر مصوبات این جلسه می‌توان به پرداخت حق عضویت باشگاه‌ها اشاره کرد.", True),
    ("از تصمیمات دیگر این جلسه این بود که گزارش ماهانه ارائه شود.", True),
    ("آماده‌سازی نمازخانه طبقه اول دیگر مصوبه این جلسه بود.", True),
    ("از مهمترین مصوبات این جلسه برگزاری ده اجلاس شهرستانی بود.", True),
    # an election
    ("رضا امینی به عنوان دبیر انجمن انتخاب شد.", True),
    # glued verbs, as web pages have them
    ("طبق مصوبه هیات مدیره، مقررمی گردد اعضا اقساط را به موقع بپردازند.", True),
    ("ضمنا مصوب گردیدباعنایت به درخواست اعضا قیمت‌ها ثابت بماند.", True),
    ("در خصوص مرمت بقعه قرار شدتا نشستی برگزار شود.", True),
    ("برنامه توسعه استان ۱۴۰۷-۱۴۰۳تصویب شد.", True),
    # not decisions: generic, procedural, past, conditional, background, reviews, intros
    ("تصمیمات لازم اتخاذ شد.", False),
    ("تصمیماتی درباره برنامه‌های هفته گرفته شد.", False),
    ("مصوبات جلسه قبل مرور شد.", False),
    ("در ادامه جلسه نیز مصوباتی پیرامون موضوعات دستور کار به تصویب رسید.", False),
    ("در این جلسه دستورات جلسه مصوب گردید.", False),
    ("مصوبات جلسه قبل مورد تایید قرار گرفت.", False),
    ("در جلسه گذشته مقرر شد گزارش ارائه شود.", False),
    ("آیین‌نامه‌ای که در جلسه قبل به تصویب رسیده بود قرائت شد.", False),
    ("باید این موضوع در مجمع به تصویب سه چهارم آراء رسیده باشد.", False),
    ("نقشه‌های طرح هادی به تایید بنیاد مسکن رسیده ولی اجرای آن متوقف است.", False),
    ("طبق مصوبه مورخ ۱۴۰۱/۰۳/۲۰ مجمع عمومی، هزینه نگهداری بر عهده اعضا است.", False),
    ("تقویم مسابقات فصل آینده مورد بررسی اعضای هیئت رئیسه قرار گرفت.", False),
    ("گزارشی از مصوبات این جلسه به استانداری ارسال می‌شود.", False),
    ("موارد زیر به تصویب اعضا رسید:", False),
    ("پس از بحث و بررسی تصویب نمود:", False),
    ("طرح‌هایی که مورد تائید قرار گرفته‌اند مورد به مورد تشریح شد.", False),
    ("وی گفت: حضور مردم نشانه قدردانی از ایثارگران است.", False),
]


@pytest.mark.parametrize("sentence, decides", DECIDES, ids=[s[:40] for s, _ in DECIDES])
def test_sentence_is_a_decision(sentence, decides):
    assert bool(_decisions(sentence)) is decides


# paragraph → its decisions, as written
SPLITS = [
    # two in one sentence, joined by «همچنین» / «و همچنین» / «؛»
    ("مقرر گردید مراسم در خرداد برگزار گردد همچنین مصوب شد از برگزیدگان تقدیر شود.",
     ["مقرر گردید مراسم در خرداد برگزار گردد", "همچنین مصوب شد از برگزیدگان تقدیر شود."]),
    ("مقرر شد تا اجاره منوط به نشست دو شورا باشد و همچنین قرار شد تا برق به نام شورا ثبت گردد.",
     ["مقرر شد تا اجاره منوط به نشست دو شورا باشد", "همچنین قرار شد تا برق به نام شورا ثبت گردد."]),
    ("طرح الف تصویب شد؛ طرح ب به کمیسیون ارجاع شد.", ["طرح الف تصویب شد", "طرح ب به کمیسیون ارجاع شد."]),
    # two sentences of one paragraph, and a review between them that is not one
    ("۸ طرح مورد بررسی و تصویب اعضاء قرار گرفت. گزارش بودجه ارائه شد. با کلیات سند موافقت نمودند.",
     ["۸ طرح مورد بررسی و تصویب اعضاء قرار گرفت.", "با کلیات سند موافقت نمودند."]),
    # quoted speech: the statement, not who made it, and not the quotes
    ("مدیر ستاد گفت: «در جلسه امروز مقرر شد کمیته‌ها تشکیل شوند.»", ["در جلسه امروز مقرر شد کمیته‌ها تشکیل شوند."]),
    ("وی افزود: «یادواره در آبان برگزار می‌شود. همچنین قرار شد برنامه‌ها تهیه شود.»",
     ["همچنین قرار شد برنامه‌ها تهیه شود."]),
    ("مدیرکل در حاشیه جلسه گفت: در این نشست مقرر شد فرمانداران گزارش ماهانه ارائه کنند.",
     ["در این نشست مقرر شد فرمانداران گزارش ماهانه ارائه کنند."]),
    ("وی افزود: «مقرر شد طرح «نشاط» اجرا شود».", ["مقرر شد طرح «نشاط» اجرا شود."]),
    # a generic mention and a real decision in one sentence: the decision
    ("تصمیمات لازم اتخاذ و مقرر شد شهرداری گزارش دهد.", ["تصمیمات لازم اتخاذ و مقرر شد شهرداری گزارش دهد."]),
    # a citation that ends at its comma, then the decision
    ("با توجه به مصوبه جلسه قبل مقرر شد شهرداری اقدام کند.", ["با توجه به مصوبه جلسه قبل مقرر شد شهرداری اقدام کند."]),
]


@pytest.mark.parametrize("paragraph, expected", SPLITS, ids=[p[:40] for p, _ in SPLITS])
def test_paragraph_decisions(paragraph, expected):
    assert _decisions(paragraph) == [normalize(e) for e in expected]


SAME = [
    # a lede restated with the vote: one decision when compared with the lede
    ("کلیات طرح «ساماندهی دستفروشان بازار قدیم» در جلسه علنی شورا تصویب شد.",
     "به گزارش روابط عمومی، کلیات طرح «ساماندهی دستفروشان بازار قدیم» با ۹ موافق از ۱۱ نفر حاضر در جلسه شورا تصویب شد.",
     True, True),
    # the same sentence twice with one word changed: one decision anywhere
    ("هیئت موسس موافقت کرد که پس از دریافت مصوبه در هفته آینده هیئت امنا بار دیگر تشکیل جلسه دهند.",
     "هیئت موسس موافقت کرد که پس از دریافت مصوبه در هفته آینده هیئت امنا بار دیگر تشکیل جلسه دهد.",
     False, True),
    # digits written two ways and glued are the same words
    ("برنامه راهبردی توسعه استان ۱۴۰۷-۱۴۰۳تصویب شد.",
     "برنامه راهبردی توسعه استان 1407-1403 تصویب گردید و با همکاری دستگاه‌ها تهیه شده است.",
     True, True),
    # two decisions of one template are two
    ("مقرر شد شهرداری نسبت به آسفالت معابر روستای بالا اقدام کند.",
     "مقرر شد شهرداری نسبت به لایروبی جوی‌های روستای پایین اقدام کند.",
     True, False),
    ("لایحه نرخ کرایه تاکسی تصویب شد.", "لایحه عوارض تابلوهای تبلیغاتی تصویب شد.", True, False),
]


@pytest.mark.parametrize("a, b, lede, same", SAME, ids=[f"{a[:25]}|{lede}" for a, _, lede, _ in SAME])
def test_same_decision(a, b, lede, same):
    assert same_decision(normalize(a), normalize(b), lede=lede) is same


def test_a_restated_lede_is_one_resolution_with_the_fuller_text():
    m = minutes.parse("\n\n".join([
        "کلیات طرح ساماندهی بازار قدیم در جلسه علنی شورای شهر نیک‌آباد تصویب شد.",
        "به گزارش روابط عمومی شورا، کلیات طرح ساماندهی بازار قدیم با ۹ موافق از ۱۱ عضو حاضر در جلسه علنی شورای شهر تصویب شد.",
        "همچنین لایحه نرخ بلیت اتوبوس به کمیسیون عمران ارجاع شد.",
    ]))
    assert [(r.row, r.line) for r in m.resolutions] == [(1, 3), (2, 5)]
    assert "با ۹ موافق از ۱۱ عضو حاضر" in m.resolutions[0].text


def test_the_same_decision_twice_in_one_paragraph_is_kept_twice():
    """Within one paragraph two statements are two decisions, however alike (a list written inline)."""
    m = minutes.parse("مقرر شد شهرداری معابر را آسفالت کند. مقرر شد شهرداری معابر را لایروبی کند.")
    assert len(m.resolutions) == 2
