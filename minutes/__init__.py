"""minutes — Persian meeting minutes (صورتجلسه) to validated structured data.

    >>> import minutes
    >>> m = minutes.parse_file("seeds/003_d8cfa400d22bdf84.txt")
    >>> m.resolutions[0].deadline.jalali
    '1399-11-30'

Public API: ``parse``, ``parse_file``, ``parse_bytes``, ``parse_deadline``, ``parse_date``,
``render``, the models, and ``MinutesError``. Heavy modules load on first use.
"""

from __future__ import annotations

from importlib import import_module

from .errors import InputError, MinutesError, ParseError, StrictError
from .models import (AgendaItem, Closing, DateRef, Deadline, Diagnostic, Header, Meeting, Minutes,
                     Person, Resolution, ResolutionList, Section, Source, Turn)
from .models import TOOL_VERSION as __version__

__all__ = [
    "parse", "parse_file", "parse_bytes", "parse_deadline", "parse_date", "render", "render_canonical",
    "Minutes", "Header", "Meeting", "Person", "AgendaItem", "Turn", "Resolution", "ResolutionList", "Section",
    "Deadline", "DateRef", "Closing", "Source", "Diagnostic",
    "MinutesError", "InputError", "ParseError", "StrictError", "__version__", "warm_up",
]

_LAZY = {
    "parse": "minutes.pipeline",
    "parse_file": "minutes.pipeline",
    "parse_bytes": "minutes.pipeline",
    "parse_deadline": "minutes.dates.deadlines",
    "parse_date": "minutes.dates.deadlines",
    "render": "minutes.sheets.render",
    "render_canonical": "minutes.sheets.canonical",
    "warm_up": "minutes.batch.work",
}


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        # Cache the function: importing submodule minutes.render would otherwise shadow it.
        globals()[name] = value
        return value
    raise AttributeError(f"module 'minutes' has no attribute {name!r}")
