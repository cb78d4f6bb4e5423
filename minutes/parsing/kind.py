"""Minutes or a news report of a meeting: decided here, and only here, from what the parse found.

Evidence of minutes comes in two strengths. Strong (any one suffices): a «صورتجلسه» title, a
section head, a resolution table, an attendance list («حاضرین:»), a labelled meeting field
(«تاریخ جلسه:», «شماره جلسه:», «رئیس جلسه:»). Weak: a session title without «صورتجلسه»
(«بیست و ششمین جلسه هیئت مدیره …», «جلسه بررسی …» on its own line), a decision list with its
introduction («مصوبات:», «… به شرح ذیل اتخاذ شد:») and an item, or of two items or more, and a
page headed by a resolution («مصوبه شورای عالی …», «تصویب‌نامه …», «ماده واحده …»). Weak
evidence makes minutes unless the text reads as news: an agency or a reporter speaks
(«به گزارش …», «به نقل از …», «خبرنگار»; not the body's own press office, «به گزارش روابط
عمومی …», whose pages are often its minutes) or the text dates itself «today» («صبح امروز»).
Without any evidence the document is read as a report: a news item quotes people in prose and
states decisions in sentences.

The kind changes how prose is attributed (a report attributes statement by statement, and
its first short line is the headline); what is extracted — resolutions, speakers, the
meeting's date — is read the same way in both.
"""

from __future__ import annotations

from ..text.vocab import vocab
from . import tree
from .lexer import _is_title

__all__ = ["evidence", "decide", "STRONG"]

STRONG = frozenset(("title", "section", "resolution table", "attendance list", "meeting field"))
# Labelled fields that only minutes carry (a news page has «تاریخ:» and «ساعت:» too).
_MEETING_FIELDS = frozenset(("meeting_date", "day_date", "session_number", "chair", "secretary", "end_time"))
_PAGE_HEAD_LINES = 4  # a resolution page names the resolution in its first lines
_MAX_HEAD_WORDS = 30
_NEWS_LINES = 12  # a news cue stands in the first paragraphs


def evidence(doc: tree.Document) -> list[str]:
    """The marks of minutes found in the tree, each named once, in the order met."""
    found: list[str] = []

    def note(mark: str) -> None:
        if mark not in found:
            found.append(mark)

    def title(tok) -> None:
        note("title" if _is_title(tok.value) else "session title")

    def field(tok) -> None:
        if tok.reading is not None and tok.reading.table == "meeting.labels" and tok.reading.key in _MEETING_FIELDS:
            note("meeting field")

    for tok in doc.header:
        if tok.type == "TITLE":
            title(tok)
        elif tok.type in ("FIELD", "BLANK_FIELD"):
            field(tok)
    for section in doc.sections:
        if section.head is not None:
            note("section")
        for block in section.blocks:
            match block:
                case tree.Title(token=tok):
                    title(tok)
                case tree.FieldLine(token=tok):
                    field(tok)
                case tree.Table():
                    note("resolution table")
                case tree.Decisions(intro=intro, items=items) if _items(items) >= (1 if intro is not None else 2):
                    note("decision list")
                case tree.Attendance():
                    note("attendance list")
    if doc.closing is not None and doc.closing.tables:
        note("resolution table")
    if _resolution_page(doc):
        note("resolution page")
    return found


def decide(doc: tree.Document) -> tuple[str, list[str]]:
    """('minutes' or 'report', the evidence of minutes found)."""
    found = evidence(doc)
    if found and not STRONG.intersection(found) and _news(doc):
        return "report", found
    return ("minutes" if found else "report"), found


def _items(blocks: list) -> int:
    return sum(1 for b in blocks if isinstance(b, tree.Item))


def _lines(doc: tree.Document, limit: int):
    """The first ``limit`` lines of the text as the tree holds them (header, then blocks)."""
    count = 0

    def tokens(block):
        match block:
            case tree.Paragraph(token=tok) | tree.Title(token=tok) | tree.FieldLine(token=tok) | \
                    tree.Topic(token=tok) | tree.OrgHeading(token=tok):
                yield tok
            case tree.Turn(head=head, paragraphs=paragraphs):
                yield from head.tokens
                yield from paragraphs
            case tree.Decisions(intro=intro, items=items):
                if intro is not None:
                    yield intro
                for item in items:
                    yield from tokens(item)
            case tree.Item(token=tok, more=more):
                yield tok
                yield from more
            case tree.Agenda(items=items):
                yield from items
            case tree.Attendance(head=head, rows=rows):
                yield head
                yield from rows

    for tok in doc.header:
        yield tok
        count += 1
        if count >= limit:
            return
    for section in doc.sections:
        if section.head is not None:
            yield section.head
            count += 1
        for block in section.blocks:
            for tok in tokens(block):
                if count >= limit:
                    return
                yield tok
                count += 1


def _resolution_page(doc: tree.Document) -> bool:
    """«مصوبه شورای عالی شهرسازی …», «تصویب‌نامه هیئت وزیران …» among the first lines."""
    v = vocab()
    verb = v.rx(r"(?:^|\s)(?:<<resolutions.heading_verb_endings>>)$")
    for tok in _lines(doc, _PAGE_HEAD_LINES):
        core = tok.value.strip(" *#«:")
        if v.key_at_start("sections.resolution_page_heads", core) and len(core.split()) <= _MAX_HEAD_WORDS \
                and not core.endswith((".", "!", "؟", "؛")) and not verb.search(core):
            return True  # a headline ending with its verb («مصوبه … ابلاغ شد») is news
    return False


def _news(doc: tree.Document) -> bool:
    rx = vocab().rx(r"(?:^|[\s\W])(?:<<sections.news_cues>>)(?![\w\u200c])(?!\s*(?:<<sections.own_press>>))")
    return any(rx.search(tok.value) for tok in _lines(doc, _NEWS_LINES))
