"""Templates run in Jinja's sandbox, within a time and a size limit.

A user's template directory (``render(..., templates=DIR)``, ``minutes sheet --templates``)
is code from outside: in plain Jinja ``cycler.__init__.__globals__.os.popen(…)`` runs a
command, ``range`` nested in ``range`` never ends, and ``"x" * 10**9`` fills the memory.
Here the sandbox refuses private attributes, and every call, attribute access, loop step
over ``range``, repetition of a string and chunk of output checks a deadline and a size:
past either, ``RenderError`` names the template.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Any

from jinja2 import Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from ..errors import RenderError
from ..read.sources import CONTROLS

__all__ = ["LimitedEnvironment", "render_limited", "printable", "TEMPLATE_SECONDS", "TEMPLATE_MAX_CHARS"]

TEMPLATE_SECONDS = 20.0  # one sheet of a few thousand rows takes well under a second
TEMPLATE_MAX_CHARS = 50_000_000  # characters of output, and of any one string a template builds
_STEP = 1024  # range steps between two looks at the clock


class _Limits:
    def __init__(self, seconds: float, max_chars: int):
        self.deadline = time.monotonic() + seconds
        self.seconds, self.max_chars = seconds, max_chars

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise RenderError(f"the template ran longer than {self.seconds:g} s")


class _LimitedTemplate(Template):
    """A template rendered outside ``render_limited`` (the letters' wording, rendered by the
    DOCX writer) keeps the same limits for its one render."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        env = self.environment
        if not isinstance(env, LimitedEnvironment) or env.limits is not None:
            return super().render(*args, **kwargs)
        env.limits = _Limits(TEMPLATE_SECONDS, TEMPLATE_MAX_CHARS)
        try:
            with _named(self.name):
                out = super().render(*args, **kwargs)
        finally:
            env.limits = None
        if len(out) > TEMPLATE_MAX_CHARS:
            raise RenderError(f"the template's output is longer than {TEMPLATE_MAX_CHARS:,} characters",
                              path=self.name)
        return out


class LimitedEnvironment(SandboxedEnvironment):
    """A sandbox whose calls, attribute lookups, ``range`` loops and ``*`` check the limits
    of the render in progress (``limits``, set by ``render_limited``)."""

    intercepted_binops = frozenset(["*", "**"])
    template_class = _LimitedTemplate
    limits: _Limits | None = None

    def _check(self) -> None:
        if self.limits is not None:
            self.limits.check()

    def call(self, __context, __obj, *args, **kwargs):  # noqa: N807 - Jinja's signature
        self._check()
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj, attribute):
        self._check()
        return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        self._check()
        return super().getitem(obj, argument)

    def call_binop(self, context, operator: str, left, right):
        self._check()
        max_chars = self.limits.max_chars if self.limits else TEMPLATE_MAX_CHARS
        if operator == "*" and isinstance(left, (str, list, tuple)) and isinstance(right, int) \
                and len(left) * right > max_chars:
            raise RenderError(f"the template builds a value longer than {max_chars:,} characters")
        if operator == "*" and isinstance(right, (str, list, tuple)) and isinstance(left, int) \
                and len(right) * left > max_chars:
            raise RenderError(f"the template builds a value longer than {max_chars:,} characters")
        if operator == "**" and isinstance(right, int) and right > 256:
            raise RenderError("the template raises a number to a power above 256")
        return super().call_binop(context, operator, left, right)


def _limited_range(env: LimitedEnvironment):
    from jinja2.sandbox import safe_range

    def range_(*args):
        def steps():
            for i, value in enumerate(safe_range(*args)):
                if not i % _STEP:
                    env._check()
                yield value
        return steps()
    return range_


def environment(**options: Any) -> LimitedEnvironment:
    env = LimitedEnvironment(**options)
    env.globals["range"] = _limited_range(env)
    return env


def render_limited(env: LimitedEnvironment, name: str, context: dict[str, Any], *,
                   seconds: float | None = None, max_chars: int | None = None) -> str:
    """Template ``name`` rendered with ``context`` within the limits; ``RenderError`` names
    the template for any failure of the template itself."""
    seconds = TEMPLATE_SECONDS if seconds is None else seconds
    max_chars = TEMPLATE_MAX_CHARS if max_chars is None else max_chars
    env.limits = limits = _Limits(seconds, max_chars)
    parts, size = [], 0
    try:
        with _named(name):
            for chunk in env.get_template(name).generate(**context):
                size += len(chunk)
                if size > max_chars:
                    raise RenderError(f"the template's output is longer than {max_chars:,} characters")
                limits.check()
                parts.append(chunk)
    finally:
        env.limits = None
    return "".join(parts)


@contextmanager
def _named(name: str | None):
    """Any failure of the template in here is a ``RenderError`` naming it."""
    try:
        yield
    except RenderError as exc:
        exc.path = exc.path or name
        raise
    except TemplateError as exc:
        where = getattr(exc, "filename", None) or getattr(exc, "name", None) or name
        raise RenderError(f"template error: {exc.__class__.__name__}: {exc}", path=where,
                          line=getattr(exc, "lineno", None)) from None
    except RecursionError:
        raise RenderError("the template recurses too deeply", path=name) from None
    except (ArithmeticError, TypeError, ValueError, LookupError, AttributeError) as exc:
        raise RenderError(f"template failed: {exc.__class__.__name__}: {exc}", path=name) from None


def printable(text):
    """``text`` without control characters (tab and line breaks kept), each run a space: a
    parse replaces them and says so, but a Minutes JSON written by hand may still carry them,
    and XLSX and DOCX cannot hold them. Anything but a ``str`` is returned as it is."""
    return CONTROLS.sub(" ", text) if isinstance(text, str) and CONTROLS.search(text) else text
