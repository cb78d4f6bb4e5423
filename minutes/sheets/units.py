"""The actor directory: one unit per body, whatever the spelling; one entry per body named.

* ``actors_of(resolution)`` — the bodies a resolution's actor cell names, in order
  (``Resolution.actors`` from the parser; the cell itself when that list is absent);
* ``unit_key(spelling)`` — what two spellings of one body share: words only, without
  spacing, ZWNJ, punctuation, Arabic letter forms or filler words («محترم»,
  ``actors.fillers``);
* ``Directory`` — spelling → unit name, from aliases: the user's ``actors.toml``
  (``[aliases]``: a key, then the unit's name first and its other spellings) and, in a
  register, the aliases confirmed there.

Sheets group letters and summaries by unit with it; the register (``minutes.register``)
keeps its units and confirmed aliases in the database.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from ..models import Resolution
from ..text.normalize import LETTER_FIXES, squash, to_ascii_digits
from ..text.vocab import vocab

__all__ = ["actors_of", "unit_key", "Directory", "read_alias_file", "directory", "only", "plain"]

_LETTERS = str.maketrans(LETTER_FIXES)
_PUNCT = re.compile(r"[^\w]+")


def plain(text: str | None) -> str:
    """Words only: spacing, ZWNJ, punctuation and digit script do not count."""
    return squash(_PUNCT.sub(" ", to_ascii_digits(text or "")).lower())


def actors_of(r: Resolution) -> list[str]:
    """Each body the resolution's actor cell names; [] when it names none."""
    listed = getattr(r, "actors", None)
    if listed:
        return [a for a in listed if a and a.strip()]
    return [r.actor] if r.actor and r.actor.strip() else []


def unit_key(spelling: str) -> str:
    words = spelling.translate(_LETTERS).split()
    kept = [w for w in words if vocab().lookup("actors.fillers", w) is None]
    return plain(" ".join(kept or words))[:255]


def read_alias_file(path: Path) -> dict[str, list[str]]:
    """``[aliases]`` of a user's actors.toml: {unit name: [other spellings]}."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise InputError(f"cannot read alias file: {exc.strerror or exc}", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", path=str(path)) from None
    out: dict[str, list[str]] = {}
    for key, spellings in (data.get("aliases") or {}).items():
        if not (isinstance(spellings, list) and spellings and all(isinstance(s, str) for s in spellings)):
            raise InputError(f"[aliases] {key} must be a list of spellings, the unit's name first",
                             path=str(path))
        out[spellings[0].strip()] = [s.strip() for s in spellings[1:]]
    return out


class Directory:
    """Spelling → unit name. Unknown spellings are units of their own, as written."""

    def __init__(self, aliases: dict[str, Iterable[str]] | None = None):
        self._names: dict[str, str] = {}
        for name, others in (aliases or {}).items():
            self.add(name, others)

    def add(self, name: str, spellings: Iterable[str] = ()) -> None:
        for s in (name, *spellings):
            self._names[unit_key(s)] = name

    def unit(self, spelling: str) -> str:
        """The unit's name; a spelling not in the directory names a unit of its own, which
        later spellings with the same key join (the first one seen names it)."""
        return self._names.setdefault(unit_key(spelling), spelling.strip())

    def units(self, r: Resolution) -> list[str]:
        """The units of a resolution, each once, in the order named."""
        return list(dict.fromkeys(self.unit(a) for a in actors_of(r)))

    @classmethod
    def from_vocab(cls, directory: str | Path | None = None) -> "Directory":
        """The aliases of ``actors.toml`` in the user's vocabulary folder (if there is one)."""
        from ..text.vocab import user_vocab_dir

        folder = Path(directory) if directory else user_vocab_dir()
        path = folder / "actors.toml" if folder else None
        return cls(read_alias_file(path) if path and path.is_file() else None)


def directory() -> Directory:
    """The directory of the user's vocabulary folder, read once per folder."""
    from ..text.vocab import user_vocab_dir

    folder = user_vocab_dir()
    found = _DIRECTORIES.get(folder)
    if found is None:
        found = _DIRECTORIES[folder] = Directory.from_vocab(folder)
    return found


_DIRECTORIES: dict = {}


def only(r: Resolution, unit: str) -> Resolution:
    """``r`` as the resolution of ``unit`` alone (its letter, its row in a per-unit sheet)."""
    update = {"actor": unit}
    if "actors" in type(r).model_fields:
        update["actors"] = [unit]
    return r.model_copy(update=update)
