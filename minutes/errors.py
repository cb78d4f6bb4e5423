"""Errors raised to callers. Everything the library raises is a ``MinutesError``."""

from __future__ import annotations

__all__ = ["MinutesError", "InputError", "ParseError", "StrictError", "RenderError"]


def _one_line(text: str) -> str:
    return " ".join(text.split("\n")) if "\n" in text or "\r" in text else text


class MinutesError(Exception):
    """Base class: carries the file, the 1-based line and column, the line's text and a hint.

    ``str(err)`` is one line, ``path:line:col: message (hint)`` (``<text>`` when there is no
    path; line and column only when known); ``get_context()`` shows the line with a caret."""

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
        """The offending line and, under it, a caret at ``column`` (as lark's
        ``UnexpectedInput.get_context`` does); "" when the line's text is not known.

        The column counts characters, not bytes or display cells: a Persian letter is one. A
        tab before the column is expanded as a terminal shows it, so the caret lines up."""
        if self.text is None:
            return ""
        line = self.text.split("\n", 1)[0].rstrip("\r")
        col = min(max(1, self.column or 1), len(line) + 1)
        return f"{line}\n{' ' * len(line[:col - 1].expandtabs())}^\n"

    def __str__(self) -> str:
        where = self.path or "<text>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        out = f"{where}: {_one_line(str(self.message))}"
        if self.hint:
            out += f" ({_one_line(self.hint)})"
        return out


class InputError(MinutesError):
    """The input cannot be read at all: missing, a directory, undecodable, not a document."""


class ParseError(MinutesError):
    """The grammar rejected the token stream."""


class StrictError(MinutesError):
    """``strict`` mode: a warning diagnostic was raised as an error."""


class RenderError(MinutesError, ValueError):
    """``render`` cannot make the sheet: an unknown format or grouping, a bad day, a template
    that fails or breaks the sandbox's limits. (Also a ``ValueError``, as it was before.)"""
