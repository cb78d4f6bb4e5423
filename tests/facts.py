"""Facts files: a fixture's ``NAME.expected.md``, a page for people that the tests also check.

A facts file sits beside its document (``tests/fixtures/corpus/NAME.expected.md`` for
``tests/fixtures/corpus/NAME.ext``; the seeds' live in ``tests/fixtures/seeds/``, their documents
in ``seeds/``). ``tests/test_facts.py`` parses the document with ``minutes.parse_file`` and checks
every fact against its JSON output (``json.loads(m.model_dump_json())``).

The page::

    # council_city_10.txt — city council, list-form resolutions «۱-»

    Free prose for the reader: any line that is not a fact line.

    - `header.meeting.date.jalali`: 1402-03-15
    - `header.title`: صورتجلسه دهمین جلسه شورای اسلامی شهر رفسنجان
    - `resolutions[*].(row,actor,deadline.kind)`:
      [[1, "شهرداری", "relative"],
       [2, "کمیسیون عمران شورا", "none"]]
    - `diagnostics[*].(code,line)` contains: [["weekday-mismatch", 8]]

* The first line is ``# DOCUMENT — what shape this document proves``; DOCUMENT is the document's
  file name.
* A **fact line** starts with ``- ` `` (a list item whose first thing is a path in backticks).
  Every such line must be a well-formed fact, so a typo fails loudly instead of being skipped;
  prose list items must not start with a backtick.
* Shape: ``- `PATH` OP: VALUE``. Indented lines right after a fact line continue its VALUE
  (a markdown list item's continuation), so long lists can be wrapped.
* VALUE is JSON when it parses as JSON (``7``, ``null``, ``"10"``, ``[1, "x"]``), otherwise a bare
  string, trimmed (``1402-03-15``, ``سالن جلسات شورا``). Write a string that looks like JSON
  (``"10"``, ``"null"``) in quotes.

PATH, a path into the JSON output, read left to right:

==================  =============================================================================
``key``, ``.key``   a field of an object
``[2]``, ``[-1]``   an item of a list
``[*]``             every item: the rest of the path is applied to each, giving a list
``[1:3]``           a slice (Python's), likewise applied item by item
``[key=V]``         the first item whose ``key`` (a dotted sub-path) equals V (JSON or bare string)
``[?key=V]``        every item whose ``key`` equals V, item by item like ``[*]``
``.(a,b.c)``        a projection: the list ``[a, b.c]`` of the sub-paths' values
==================  =============================================================================

OP, before the colon:

================  ================================================================================
(none)            the value equals VALUE
``starts with``   a string or list that begins with VALUE
``contains``      VALUE is in it (substring / list item); a list VALUE: each of its items is in it
``excludes``      like ``contains``, negated: no item of a list VALUE is in it
``length``        ``len(value) == VALUE``
``distinct``      the items without repeats, in first-seen order, equal VALUE
================  ================================================================================

So ``contains: [["weekday-mismatch", 8]]`` checks one (code, line) pair; to test one pair write it
inside a list, since a list VALUE always means "each of these".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OPS = ("", "starts with", "contains", "excludes", "length", "distinct")
_FACT = re.compile(r"^- `(?P<path>[^`]+)`\s*(?P<op>[a-z ]*?)\s*:(?P<value>.*)$")
_STEP = re.compile(r"""
    \.?(?P<key>[^.\[\]()]+)              # key or .key
  | \[(?P<index>-?\d+)\]                 # [2]
  | \[(?P<slice>-?\d*:-?\d*)\]           # [1:3]
  | \[(?P<all>\*)\]                      # [*]
  | \[(?P<every>\?)?(?P<fkey>[^\]=]+)=(?P<fval>[^\]]*)\]   # [key=V] / [?key=V]
  | \.?\((?P<proj>[^)]*)\)               # .(a,b.c)
""", re.X)


class FactsError(ValueError):
    """A facts file that cannot be read: names the file and line."""


class PathError(LookupError):
    """A path that does not lead anywhere in the output."""


@dataclass(frozen=True)
class Fact:
    file: Path
    line: int
    path: str
    op: str
    value: Any
    source: str  # the fact as written, for messages

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class FactsFile:
    file: Path
    document: str  # the document's file name, from the first line
    title: str
    facts: list[Fact]


def scalar(text: str) -> Any:
    """A VALUE: JSON when it parses, else the bare string (trimmed)."""
    text = text.strip()
    try:
        return json.loads(text)
    except ValueError:
        return text


def read(file: Path) -> FactsFile:
    lines = Path(file).read_text(encoding="utf-8").split("\n")
    head = re.match(r"^# (\S+)\s+—\s+(.+)$", lines[0]) if lines else None
    if not head:
        raise FactsError(f"{file}:1: the first line must be '# DOCUMENT — what this document proves'")
    facts: list[Fact] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("- `"):
            i += 1
            continue
        start = i
        body = line
        while i + 1 < len(lines) and lines[i + 1].startswith("  ") and lines[i + 1].strip() \
                and not lines[i + 1].lstrip().startswith("- "):
            i += 1
            body += "\n" + lines[i]
        i += 1
        m = _FACT.match(body.split("\n", 1)[0])
        if not m or m["op"] not in OPS:
            raise FactsError(f"{file}:{start + 1}: not a fact line: {line!r} "
                             f"(want - `PATH` OP: VALUE, OP one of {', '.join(repr(o) for o in OPS)})")
        value_text = m["value"] + ("\n" + body.split("\n", 1)[1] if "\n" in body else "")
        if not value_text.strip():
            raise FactsError(f"{file}:{start + 1}: fact without a value: {line!r}")
        try:
            parse_path(m["path"])
        except PathError as exc:
            raise FactsError(f"{file}:{start + 1}: {exc}") from None
        value = scalar(value_text)
        if m["op"] == "length" and not isinstance(value, int):
            raise FactsError(f"{file}:{start + 1}: length wants a number, not {value!r}")
        facts.append(Fact(Path(file), start + 1, m["path"], m["op"], value, body))
    return FactsFile(Path(file), head[1], head[2], facts)


def parse_path(path: str) -> list[tuple[str, Any]]:
    """PATH → steps: ("key", k), ("index", n), ("slice", slice), ("all", None),
    ("first", (subpath, V)), ("every", (subpath, V)), ("proj", [subpaths])."""
    steps: list[tuple[str, Any]] = []
    pos = 0
    while pos < len(path):
        m = _STEP.match(path, pos)
        if not m or m.end() == pos:
            raise PathError(f"bad path {path!r} at {path[pos:]!r}")
        if m["key"] is not None:
            steps.append(("key", m["key"].strip()))
        elif m["index"] is not None:
            steps.append(("index", int(m["index"])))
        elif m["slice"] is not None:
            a, b = (int(x) if x else None for x in m["slice"].split(":"))
            steps.append(("slice", slice(a, b)))
        elif m["all"]:
            steps.append(("all", None))
        elif m["fkey"] is not None:
            steps.append(("every" if m["every"] else "first", (parse_path(m["fkey"].strip()), scalar(m["fval"]))))
        else:
            subs = [p.strip() for p in m["proj"].split(",")]
            if not all(subs):
                raise PathError(f"empty projection in {path!r}")
            steps.append(("proj", [parse_path(p) for p in subs]))
        pos = m.end()
    return steps


def resolve(data: Any, steps: list[tuple[str, Any]]) -> Any:
    """Follow STEPS into DATA; ``[*]``, ``[?k=v]`` and slices map the rest over the items."""
    for n, (kind, arg) in enumerate(steps):
        rest = steps[n + 1:]
        if kind == "key":
            if not isinstance(data, dict) or arg not in data:
                raise PathError(f"no field {arg!r} in {_short(data)}")
            data = data[arg]
        elif kind == "index":
            if not isinstance(data, list) or not -len(data) <= arg < len(data):
                raise PathError(f"no item [{arg}] in {_short(data)}")
            data = data[arg]
        elif kind in ("slice", "all", "every"):
            if not isinstance(data, list):
                raise PathError(f"not a list: {_short(data)}")
            items = data[arg] if kind == "slice" else data if kind == "all" else \
                [x for x in data if _matches(x, *arg)]
            return [resolve(x, rest) for x in items]
        elif kind == "first":
            if not isinstance(data, list):
                raise PathError(f"not a list: {_short(data)}")
            found = [x for x in data if _matches(x, *arg)]
            if not found:
                raise PathError(f"no item with that {arg[0]!r} = {arg[1]!r}")
            data = found[0]
        elif kind == "proj":
            data = [resolve(data, sub) for sub in arg]
    return data


def _matches(item: Any, sub: list, want: Any) -> bool:
    try:
        return resolve(item, sub) == want
    except PathError:
        return False


def _short(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def check(fact: Fact, data: Any) -> str | None:
    """None when FACT holds for DATA (the output as JSON), else what went wrong."""
    try:
        got = resolve(data, parse_path(fact.path))
    except PathError as exc:
        return str(exc)
    want, op = fact.value, fact.op
    if op == "":
        ok = got == want
    elif op == "starts with":
        ok = isinstance(got, (str, list)) and type(got) is type(want) and got[:len(want)] == want
    elif op in ("contains", "excludes"):
        items = want if isinstance(want, list) else [want]
        try:
            hits = [x in got for x in items]
        except TypeError:
            return f"cannot look inside {_short(got)}"
        ok = all(hits) if op == "contains" else not any(hits)
    elif op == "length":
        ok = isinstance(got, (str, list, dict)) and len(got) == want
        got = len(got) if isinstance(got, (str, list, dict)) else got
    else:  # distinct
        seen: list = []
        for x in got if isinstance(got, list) else [got]:
            if x not in seen:
                seen.append(x)
        ok, got = seen == want, seen
    return None if ok else f"got {json.dumps(got, ensure_ascii=False)}"
