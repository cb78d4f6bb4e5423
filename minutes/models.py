"""The output of the parse: pydantic models that are the JSON contract.

This module imports nothing else from the package, so a consumer can depend on
the models alone. Every object that comes from text carries its 1-based
source ``line``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, model_serializer
from pydantic import Field as _field

__all__ = [
    "Closing",
    "DateRef",
    "Deadline",
    "DeadlineKind",
    "Diagnostic",
    "DiagnosticCode",
    "Field",
    "AgendaItem",
    "Header",
    "Meeting",
    "Minutes",
    "Page",
    "Person",
    "Resolution",
    "ResolutionList",
    "Section",
    "Source",
    "Turn",
    "Tool",
    "TOOL_VERSION",
    "SCHEMA_VERSION",
    "json_schema",
]


class _Strict(BaseModel):
    # Every field is written out (defaults and nulls too), so the output's schema requires them all.
    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


# The columns of a resolution table, in the order layout puts them and renderers write them.
CANONICAL_COLUMNS = ("row", "text", "topic", "actor", "supervisor", "deadline")

DeadlineKind = Literal["date", "relative", "asap", "ongoing", "next_meeting", "condition", "none"]


# Every code a diagnostic can carry; each has an entry in docs/troubleshooting.md
# (tests/test_diagnostics_doc.py checks both ways). A new code is one line here plus a row there.
DiagnosticCode = Literal[
    # reading: bytes and code points mended before anything else
    "control-character",
    "invalid-bytes",
    "lone-surrogate",
    # reading PDFs and scans: pages, furniture and OCR
    "ocr-low-confidence",
    "ocr-page",
    "page-furniture",
    "page-unread",
    # layout: lines dropped or mended before the lexer
    "furniture",
    "markup",
    "no-text",
    "table-group-row",
    "table-header-repeated",
    "table-mirrored",
    "table-row-cells",
    "table-rule",
    "web-furniture",
    # parse: the grammar's recovery and the kind of document
    "not-minutes",
    "unexpected-line",
    # build: fields, meeting, speakers, attendance
    "after-closing",
    "attendee-cells",
    "attendee-unread",
    "attendee-repeated",
    "basmala",
    "date-unread",
    "field-empty",
    "heading-without-speaker",
    "meeting-date-missing",
    "meeting-date-year",
    "meeting-two-days",
    "publication-stamp",
    "signature-note",
    "speaker-role-unresolved",
    "speaker-unknown",
    "time-unread",
    "unplaced-paragraph",
    "weekday-mismatch",
    # build: the resolution table
    "deadline-invalid",
    "resolution-count-mismatch",
    "resolution-row-duplicate",
    "resolution-without-actor",
    "resolution-without-deadline",
    "table-extra-columns",
    "table-header",
    "table-row-without-header",
]


class Diagnostic(_Strict):
    level: Literal["error", "warning", "info"]
    code: DiagnosticCode
    message: str
    line: int | None = None


class DateRef(_Strict):
    """A calendar date as written, with its Jalali and Gregorian ISO forms."""

    jalali: str | None = None  # 'YYYY-MM-DD' in the Jalali calendar
    gregorian: str | None = None  # ISO 'YYYY-MM-DD'
    text: str | None = None  # as written in the document


class Person(_Strict):
    name: str | None = None
    honorific: str | None = None  # جناب آقای, سرکار خانم, …
    titles: list[str] = _field(default_factory=list)  # دکتر, مهندس, سید, …
    role: str | None = None
    organization: str | None = None
    line: int | None = None


class Meeting(_Strict):
    date: DateRef | None = None
    weekday: str | None = None
    time: str | None = None  # 'HH:MM', 24-hour
    time_text: str | None = None
    end_time: str | None = None
    place: str | None = None
    text: str | None = None  # the line(s) the meeting fields were read from, as normalized
    line: int | None = None


class Section(_Strict):
    """A section head as written: «الف : موضوع جلسه» → letter الف, key 'subject'."""

    letter: str | None = None
    key: str | None = None  # subject, time_place, agenda, discussion, resolutions, attendees, …
    title: str
    line: int | None = None


class Field(_Strict):
    """A labelled field as written: «تاریخ جلسه: یکشنبه ۲۱ آبان ۱۴۰۲» → label, key 'meeting_date', value."""

    label: str
    key: str | None = None
    value: str | None = None
    line: int | None = None


class Header(_Strict):
    organization: list[str] = _field(default_factory=list)
    number: str | None = None  # letterhead شماره
    date: DateRef | None = None  # letterhead تاریخ
    attachment: str | None = None  # letterhead پیوست
    title: str | None = None
    subject: str | None = None
    session_number: int | None = None
    chair: Person | None = None
    secretary: Person | None = None
    meeting: Meeting = _field(default_factory=Meeting)
    fields: list[Field] = _field(default_factory=list)  # every labelled field, as written
    attendees: list[Person] = _field(default_factory=list)
    absentees: list[Person] = _field(default_factory=list)
    guests: list[Person] = _field(default_factory=list)


class AgendaItem(_Strict):
    number: int | None = None
    text: str
    line: int | None = None


class Turn(_Strict):
    speaker: Person
    text: str
    heading: str | None = None  # the line(s) that introduced the turn, as read
    line: int | None = None


class Deadline(_Strict):
    """A deadline phrase resolved against the meeting date."""

    text: str | None = None  # as written
    kind: DeadlineKind = "none"
    jalali: str | None = None
    gregorian: str | None = None
    days: int | None = None  # for kind == 'relative': the duration
    weeks: int | None = None
    months: int | None = None


class Resolution(_Strict):
    id: str | None = None  # stable across re-parses of the same document
    row: int | None = None
    text: str
    topic: str | None = None
    actor: str | None = None
    actors: list[str] = _field(default_factory=list)  # each body ``actor`` names, in order, as written
    supervisor: str | None = None
    deadline: Deadline = _field(default_factory=Deadline)
    extra: dict[str, str] = _field(default_factory=dict)  # columns we do not know
    line: int | None = None


class ResolutionList(_Strict):
    """The title line above a resolution table, e.g. «مصوبات ششمین نشست … ۱۳۹۹/۱۱/۲۵»."""

    title: str | None = None
    date: DateRef | None = None
    columns: list[str] = _field(default_factory=list)  # the header cells as written, canonical order
    line: int | None = None


class Closing(_Strict):
    declared_resolution_count: int | None = None
    text: str | None = None  # the closing line, e.g. «در این جلسه ۷ مصوبه مورد تأیید قرار گرفته است.»
    signatories: list[Person] = _field(default_factory=list)
    line: int | None = None


class Page(_Strict):
    """A page of a PDF or image: which output lines came from it, and how it was read."""

    number: int  # 1-based page (or frame of a TIFF)
    first_line: int | None = None  # the page's first and last line numbers; None when it gave none
    last_line: int | None = None
    method: Literal["text", "ocr", "empty"] = "text"  # its text layer, OCR, or nothing readable
    confidence: float | None = None  # OCR: mean word confidence, 0–100
    line_confidence: list[float] | None = None  # OCR: each line's, from first_line on


class Source(_Strict):
    path: str | None = None
    sha256: str | None = None
    format: str = "text"  # text, markdown, html, docx, pdf, image
    encoding: str | None = None
    # PDF and image input only (absent from the JSON otherwise): a line's page is the page
    # whose first_line..last_line holds it.
    pages: list[Page] | None = None

    @model_serializer(mode="wrap")
    def _without_absent_pages(self, handler):
        data = handler(self)
        if self.pages is None:
            data.pop("pages", None)
        return data


# The tool's version (pyproject.toml reads it from here) and the JSON contract's: its major
# number changes when a field is removed or changes meaning, its minor when a field is added.
TOOL_VERSION = "0.1.0"
SCHEMA_VERSION = "1.0"


class Tool(_Strict):
    """What wrote this JSON: the tool and its version, and the version of the contract."""

    name: Literal["minutes"] = "minutes"
    version: str = TOOL_VERSION
    schema_version: str = SCHEMA_VERSION


class Minutes(_Strict):
    kind: Literal["minutes", "report"] = "minutes"
    source: Source = _field(default_factory=Source)
    header: Header = _field(default_factory=Header)
    sections: list[Section] = _field(default_factory=list)
    agenda: list[AgendaItem] = _field(default_factory=list)
    turns: list[Turn] = _field(default_factory=list)
    resolution_list: ResolutionList | None = None
    resolutions: list[Resolution] = _field(default_factory=list)
    closing: Closing = _field(default_factory=Closing)
    diagnostics: list[Diagnostic] = _field(default_factory=list)
    tool: Tool = _field(default_factory=Tool)


# Fields a model's serializer leaves out when they are empty: the one exception to "every field
# is written" (model → fields).
_WRITTEN_WHEN_PRESENT = {"Source": ("pages",)}


def json_schema() -> dict:
    """The JSON Schema of the output (``minutes schema``): every field required, since every
    field is written (but those of ``_WRITTEN_WHEN_PRESENT``); ``$id`` names the contract's version."""
    schema = Minutes.model_json_schema(mode="serialization")
    for model, fields in _WRITTEN_WHEN_PRESENT.items():
        definition = schema.get("$defs", {}).get(model, {})
        definition["required"] = [f for f in definition.get("required", []) if f not in fields]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"urn:minutes:schema:{SCHEMA_VERSION}", **schema}
