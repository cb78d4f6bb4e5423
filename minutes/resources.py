"""Where the package's data lives, in a checkout and in an installed wheel.

The wheel carries ``grammars/`` and ``templates/`` inside the package
(hatchling force-include); a checkout keeps them at the top level.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["resource_dir"]

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the directory ``name`` ('grammars', 'templates' or 'data')."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"package resource directory {name!r} not found beside {_PACKAGE}")
