"""Identity: which meeting a document is, which resolution a row is.

A parse gives each resolution an id from the meeting date, the session number and the
row (``1399-11-21-s6-r1``). Real minutes break that: two meetings on one day without a
session number collide, news reports are all ``undated-s0``, and a revised version with
a row inserted at the top shifts every row. Here:

* ``meeting_key(m)`` — the date, then ``s<session>-<body hash>`` when the session number
  is known (two bodies can both hold a session 12 on one day), else ``h<hash>`` of the
  body, title, subject, time and place (and of the source file's name when the date or
  all of these are missing): ``1399-11-21-s6-a3f9``, ``undated-h5c20e1``;
* ``resolution_ids(m)`` — the meeting key plus the row (``…-r3``), rows without a
  number by position, a row number used twice made distinct *and reported*;
* ``fingerprint(text)`` — a digest of the resolution's words, blind to spacing, ZWNJ,
  punctuation and digit script, so a revised version finds each old resolution again;
* ``match(old, new)`` — pairs the resolutions of two versions: ``matched`` (same text,
  same row), ``moved`` (same text, another row), ``edited`` (the same row, or another,
  with text close enough), ``new`` and ``gone``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import PurePath

from ..models import Minutes, Resolution
from ..sheets.units import plain as _plain

__all__ = ["meeting_key", "meeting_body", "resolution_ids", "fingerprint", "Match", "match",
           "SIMILAR"]

SIMILAR = 0.8  # difflib ratio above which a changed text is the same resolution, edited

def _digest(text: str, n: int) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def meeting_body(m: Minutes) -> str:
    """The body that met: the letterhead's last line (the most specific unit), else ''."""
    org = [o for o in m.header.organization if o.strip()]
    return org[-1].strip() if org else ""


def _date(m: Minutes) -> str | None:
    d = m.header.meeting.date
    return d.jalali if d and d.jalali else None


def meeting_key(m: Minutes) -> str:
    """A key for the meeting from what identifies it; stable across re-parses and revisions."""
    h = m.header
    stamp = _date(m) or "undated"
    body = _plain(meeting_body(m))
    if h.session_number:
        return f"{stamp}-s{h.session_number}-{_digest(body, 4)}"
    parts = [body, _plain(h.title), _plain(h.subject), h.meeting.time or "", _plain(h.meeting.place)]
    # Without a date (news reports) or anything else in the text, the file tells meetings apart.
    if (stamp == "undated" or not any(parts)) and m.source.path:
        parts.append(_plain(PurePath(m.source.path).stem))
    return f"{stamp}-h{_digest('|'.join(parts), 6)}"


def resolution_ids(m: Minutes, key: str | None = None) -> tuple[list[str], list[str]]:
    """(id of each resolution in order, warnings about duplicate row numbers)."""
    key = key or meeting_key(m)
    ids: list[str] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for i, r in enumerate(m.resolutions, 1):
        rid = f"{key}-r{r.row}" if r.row is not None else f"{key}-x{i}"
        if rid in seen:
            warnings.append(f"{key}: row {r.row} is used twice; the second is {rid}.{i}")
            rid = f"{rid}.{i}"
        seen.add(rid)
        ids.append(rid)
    return ids, warnings


def fingerprint(text: str | None) -> str:
    """An id-independent digest of a resolution's words (16 hex digits)."""
    return _digest(_plain(text), 16)


@dataclass
class Match:
    """How the resolutions of a new version relate to the old one's.

    ``pairs`` maps the index of each new resolution to the index of the old one it is
    (None: new); ``kind`` gives matched / moved / edited / new per new index; ``gone``
    lists old indexes no new resolution took."""

    pairs: dict[int, int | None] = field(default_factory=dict)
    kind: dict[int, str] = field(default_factory=dict)
    gone: list[int] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = {k: 0 for k in ("matched", "moved", "edited", "new", "gone")}
        for k in self.kind.values():
            out[k] += 1
        out["gone"] = len(self.gone)
        return out


def match(old: list[tuple[int | None, str]], new: list[tuple[int | None, str]]) -> Match:
    """Pair two versions' resolutions, each given as (row, text).

    Exact fingerprints first (each old one taken once, same row preferred), then the
    closest remaining text above ``SIMILAR``; what is left is new or gone."""
    result = Match()
    old_fp = [fingerprint(t) for _, t in old]
    new_fp = [fingerprint(t) for _, t in new]
    free = set(range(len(old)))
    for j, fp in enumerate(new_fp):
        same = [i for i in sorted(free) if old_fp[i] == fp]
        if same:
            i = next((i for i in same if old[i][0] == new[j][0]), same[0])
            free.discard(i)
            result.pairs[j] = i
            result.kind[j] = "matched" if old[i][0] == new[j][0] else "moved"
    for j in range(len(new)):
        if j in result.pairs:
            continue
        best, score = None, SIMILAR
        plain = _plain(new[j][1])
        for i in sorted(free):
            ratio = SequenceMatcher(None, _plain(old[i][1]), plain, autojunk=False).ratio()
            if ratio > score or (ratio == score and best is not None and old[i][0] == new[j][0]):
                best, score = i, ratio
        if best is None:
            result.pairs[j], result.kind[j] = None, "new"
        else:
            free.discard(best)
            result.pairs[j], result.kind[j] = best, "edited"
    result.gone = sorted(free)
    return result


def rows_of(resolutions: list[Resolution]) -> list[tuple[int | None, str]]:
    return [(r.row, r.text) for r in resolutions]
