"""Errors raised to callers. Everything the library raises is a ``MinutesError``."""

from __future__ import annotations

__all__ = ["MinutesError", "InputError", "ParseError", "StrictError"]


class MinutesError(Exception):
    """Base class: carries the file, the 1-based line and column, and a hint."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 column: int | None = None, text: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.text = text
        self.hint = hint

    def get_context(self) -> str:
        """The offending line with a caret under the bad spot (as lark does)."""
        if self.text is None:
            return ""
        col = max(1, self.column or 1)
        return f"{self.text}\n{' ' * (col - 1)}^"

    def __str__(self) -> str:
        where = self.path or "<text>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        out = f"{where}: {self.message}"
        if self.hint:
            out += f" ({self.hint})"
        return out


class InputError(MinutesError):
    """The input cannot be read at all: missing, a directory, undecodable, not a document."""


class ParseError(MinutesError):
    """The grammar rejected the token stream."""


class StrictError(MinutesError):
    """``strict`` mode: a warning diagnostic was raised as an error."""
