"""Minutes or a news report of a meeting: decided here, and only here, from what the parse found.

Evidence of minutes (any one suffices): a title («صورتجلسه …», or a session title such as
«بیست و ششمین جلسه هیئت مدیره …» on its own line), a section head, a resolution
table, a decision list with its introduction («مصوبات:», «… به شرح ذیل اتخاذ شد:») and an
item, or of two items or more, an attendance list («حاضرین:»). Without any of these the document is read as
a report: a news item quotes people in prose and states decisions in sentences.

The kind changes how prose is attributed (a report attributes statement by statement, and
its first short line is the headline); what is extracted — resolutions, speakers, the
meeting's date — is read the same way in both.
"""

from __future__ import annotations

from . import tree

__all__ = ["evidence", "decide"]


def evidence(doc: tree.Document) -> list[str]:
    """The marks of minutes found in the tree, each named once, in the order met."""
    found: list[str] = []

    def note(mark: str) -> None:
        if mark not in found:
            found.append(mark)

    if any(tok.type == "TITLE" for tok in doc.header):
        note("title")
    for section in doc.sections:
        if section.head is not None:
            note("section")
        for block in section.blocks:
            match block:
                case tree.Title():
                    note("title")
                case tree.Table():
                    note("resolution table")
                case tree.Decisions(intro=intro, items=items) if _items(items) >= (1 if intro is not None else 2):
                    note("decision list")
                case tree.Attendance():
                    note("attendance list")
    if doc.closing is not None and doc.closing.tables:
        note("resolution table")
    return found


def decide(doc: tree.Document) -> tuple[str, list[str]]:
    """('minutes' or 'report', the evidence of minutes found)."""
    found = evidence(doc)
    return ("minutes" if found else "report"), found


def _items(blocks: list) -> int:
    return sum(1 for b in blocks if isinstance(b, tree.Item))
