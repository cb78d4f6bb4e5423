"""The documents a batch converts, from the command line's inputs.

The tool expands the inputs itself (a Windows shell leaves ``*.docx`` as it is):

* a file is one document, whatever its name;
* a directory is every file below it (recursively) whose suffix is one the library reads,
  hidden files and folders left out;
* anything else is a glob (``**`` crosses folders), each file it matches one document.

Each document gets a name relative to its input (the directory, or the glob's folder part),
so the output folder mirrors the input tree: ``archive/1399/a.docx`` given as ``archive``
becomes ``OUT/1399/a.docx.json``. The input's suffix stays in the name: ``a.txt`` and
``a.docx`` side by side stay two outputs.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

__all__ = ["Item", "expand", "READ_SUFFIXES"]

# What a directory contributes: the suffixes read_any reads (a file named alone is read whatever it is).
READ_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".docx", ".html", ".htm", ".xhtml", ".pdf",
                 ".png", ".jpg", ".jpeg", ".tif", ".tiff")  # scans: read with OCR
_MAGIC = set("*?[")


@dataclass(frozen=True, slots=True)
class Item:
    path: str  # as the worker opens it (and as ``minutes parse`` would be given it)
    name: str  # relative, with '/' separators: the output's name, the tables' document key


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def _glob_root(pattern: str) -> str:
    """The folder part of a glob before its first magic character."""
    parts = Path(pattern).parts
    fixed = []
    for part in parts:
        if _MAGIC & set(part):
            break
        fixed.append(part)
    return str(Path(*fixed)) if fixed else "."


def _files_of(arg: str) -> list[tuple[str, str]]:
    """(path, name) for one command-line input; raises ``InputError`` when it names nothing."""
    p = Path(arg)
    if p.is_dir():
        found = []
        for folder, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                if f.startswith(".") or not f.lower().endswith(READ_SUFFIXES):
                    continue
                full = Path(folder) / f
                found.append((str(full), full.relative_to(p).as_posix()))
        return found
    if p.is_file():
        return [(arg, p.name)]
    if _MAGIC & set(arg):
        root = Path(_glob_root(arg))
        matches = sorted(m for m in glob.glob(arg, recursive=True) if Path(m).is_file())
        out = []
        for m in matches:
            rel = Path(m).relative_to(root) if Path(m).is_relative_to(root) else Path(Path(m).name)
            if not _hidden(rel):
                out.append((m, rel.as_posix()))
        if out:
            return out
        raise InputError("the pattern matches no file", path=arg)
    raise InputError("no such file or directory", path=arg)


def expand(inputs: list[str]) -> tuple[list[Item], list[InputError]]:
    """The documents, each once, in command-line order; and an error per input naming nothing.

    Two inputs giving one name (``a/x.txt`` and ``b/x.txt`` named alone) keep both: the
    later one's name gets its input's position (``x.txt`` → ``2/x.txt``)."""
    items: list[Item] = []
    errors: list[InputError] = []
    seen_paths: set[str] = set()
    seen_names: set[str] = set()
    for index, arg in enumerate(inputs, 1):
        try:
            found = _files_of(arg)
        except InputError as exc:
            errors.append(exc)
            continue
        for path, name in found:
            key = os.path.realpath(path)
            if key in seen_paths:
                continue
            seen_paths.add(key)
            if name in seen_names:
                name = f"{index}/{name}"
            seen_names.add(name)
            items.append(Item(path, name))
    return items, errors
