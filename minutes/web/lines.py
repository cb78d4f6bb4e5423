"""Each field's own source line, for the review page's links.

The JSON contract keeps one line per resolution (its first) and none for the header's title,
subject or organization. A field read from another line — a table row's cells are on the row's
line, but a prose item's «مسئول اجرا: …» or «مهلت: …» often stands on a line after it, and an
intro above a list may name the actor — is found here by its text among the lines around the
resolution: the resolution's own line first, then the lines after it up to the next resolution,
then the lines before it (an intro above a list, or the row above a ditto mark «〃»). Text is compared letters and digits only,
folded to one spelling each, so the normalized value matches the line as written. Not found,
the field links to the resolution's line, as before.

Done here rather than in the parser, because a line per field in the contract would be a new
field in every golden for every resolution, while the text and the lines already say where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Minutes
from ..text.numbers import fold

__all__ = ["FieldLines", "field_lines"]

_WINDOW = 8  # lines searched after and before a resolution, at most
_PREFIX = 24  # a long value (a subject over two lines) is looked for by its start


def _key(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", fold(text or ""))


@dataclass
class FieldLines:
    header: dict[str, int] = field(default_factory=dict)  # title, subject, place, time
    organization: list[int | None] = field(default_factory=list)
    resolutions: list[dict[str, int | None]] = field(default_factory=list)  # actor, supervisor, deadline


def _find(keys: dict[int, str], value: str | None, order) -> int | None:
    k = _key(value)
    if not k:
        return None
    for probe in (k, k[:_PREFIX]) if len(k) > _PREFIX else (k,):
        for n in order:
            if probe in keys.get(n, ""):
                return n
    return None


def field_lines(m: Minutes, lines: list[tuple[int, str]]) -> FieldLines:
    keys = {n: _key(text) for n, text in lines}
    numbers = sorted(keys)
    out = FieldLines()
    h = m.header
    top = numbers  # header fields: the first line from the top that holds them
    for name, value in (("title", h.title), ("subject", h.subject), ("place", h.meeting.place),
                        ("time", h.meeting.time_text)):
        n = _find(keys, value, top)
        if n is not None:
            out.header[name] = n
    out.organization = [_find(keys, org, top) for org in h.organization]
    starts = [r.line for r in m.resolutions]
    for i, r in enumerate(m.resolutions):
        if r.line is None:
            out.resolutions.append({"actor": None, "supervisor": None, "deadline": None})
            continue
        after_end = next((s for s in starts[i + 1:] if s is not None and s > r.line), r.line + _WINDOW + 1)
        order = [r.line, *range(r.line + 1, min(after_end, r.line + _WINDOW + 1)),
                 *range(r.line - 1, r.line - _WINDOW - 1, -1)]
        found: dict[str, int | None] = {}
        for name, value in (("actor", r.actor), ("supervisor", r.supervisor), ("deadline", r.deadline.text)):
            n = _find(keys, value, order) if value else None
            found[name] = n if n is not None else (r.line if value else None)
        out.resolutions.append(found)
    return out
