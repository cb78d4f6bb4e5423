"""The pipeline: sources → normalize → layout → lexer → grammar → build.

``parse`` and ``parse_file`` run it all; ``stages`` runs it up to a named
stage so the CLI can show why a line was read as it was.
"""

from __future__ import annotations

import gc
from functools import lru_cache

from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedInput, UnexpectedToken

from .parsing.build import assemble
from .parsing.tree import Parts, TreeToParts
from .errors import InputError, MinutesError, ParseError, StrictError
from .parsing.layout import layout
from .parsing.lexer import LineLexer, LineToken, tokenize
from .models import Diagnostic, Minutes
from .text.normalize import normalize_lines
from .resources import resource_dir
from .read.readers import read_any
from .read.sources import Document, Line, read_text

__all__ = ["parse", "parse_file", "parse_document", "stages", "STAGES"]

STAGES = ("lines", "tokens", "tree", "json")


@lru_cache(maxsize=2)
def _parser(build_tree: bool = False) -> Lark:
    """The LALR parser. Without ``build_tree`` it reduces straight to ``Parts``: no ``Tree``
    is built, which saves a third of the memory on line-heavy input (one node per line)."""
    grammar = (resource_dir("grammars") / "minutes.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer=LineLexer, propagate_positions=False,
                transformer=None if build_tree else TreeToParts())


def _prepare(doc: Document) -> tuple[list[Line], list[Diagnostic]]:
    texts = normalize_lines([ln.original for ln in doc.lines])
    lines = [Line(ln.number, ln.original, t) for ln, t in zip(doc.lines, texts)]
    return layout(lines)


def _tree(tokens: list[LineToken], diagnostics: list[Diagnostic], path: str | None, *,
          build_tree: bool = False) -> Tree | Parts:
    def recover(e: UnexpectedInput) -> bool:
        # Lenient by default: a line out of place is read as a paragraph, and said so.
        if not isinstance(e, UnexpectedToken) or e.token.type in ("$END", "PARAGRAPH"):
            return False
        diagnostics.append(Diagnostic(
            level="warning", code="unexpected-line",
            message=f"a {e.token.type} line is not expected here (expected one of: "
                    f"{', '.join(sorted(e.expected)[:6])}); read as a paragraph",
            line=e.token.line))
        e.interactive_parser.feed_token(Token("PARAGRAPH", e.token.value, line=e.token.line))
        return True

    try:
        # An iterator, not the list: after a recovery Lark calls the lexer again, and it must
        # go on from the next line, not start over (which looped, re-reading every line).
        return _parser(build_tree).parse(iter(tokens), on_error=recover)
    except LarkError as exc:
        line = getattr(exc, "line", None)
        raise ParseError(f"the document's shape is not understood: {exc.__class__.__name__}",
                         path=path, line=line, hint="run `minutes parse --stage tokens` to see how lines were read") from None


def parse_document(doc: Document, *, strict: bool = False) -> Minutes:
    lines, diagnostics = _prepare(doc)
    tokens = tokenize(lines)
    report = not {t.type for t in tokens} & {"TITLE", "SECTION", "TABLE_HEAD", "TABLE_ROW", "DECISION_INTRO",
                                             "ATTENDANCE"}
    speakers = {t.line.number: t.speaker for t in tokens if t.speaker is not None}
    parts = _tree(tokens, diagnostics, doc.source.path)
    del tokens  # each stage's input is let go once the next holds what it needs: a lower peak
    minutes = assemble(parts, {ln.number: ln for ln in lines}, report=report, speakers=speakers)
    minutes.source = doc.source
    minutes.diagnostics = diagnostics + minutes.diagnostics
    if report:
        minutes.kind = "report"
        minutes.diagnostics.insert(0, Diagnostic(
            level="info", code="not-minutes",
            message="no title, sections or resolution table: read as a meeting report, not minutes"))
    minutes.diagnostics.sort(key=lambda d: (d.line or 0))
    if strict:
        for d in minutes.diagnostics:
            if d.level in ("warning", "error"):
                raise StrictError(f"{d.code}: {d.message}", path=doc.source.path, line=d.line)
    return minutes


def parse(text: str, *, path: str | None = None, strict: bool = False) -> Minutes:
    """Parse minutes from a string. Raises ``MinutesError`` only (``StrictError`` in strict mode)."""
    if not isinstance(text, str):
        raise InputError(f"expected text (str), got {type(text).__name__}", path=path)
    return _guard(lambda: parse_document(read_text(text, path=path), strict=strict), path)


def parse_file(path, *, strict: bool = False) -> Minutes:
    """Parse a minutes file: text, markdown, .docx or .html, picked by content (``-`` is stdin)."""
    return _guard(lambda: parse_document(read_any(path), strict=strict), str(path))


def _guard(run, path):
    # A parse makes many small acyclic objects; pausing the cyclic collector keeps the
    # cost linear in the input (gen-2 sweeps over a growing heap are not).
    paused = gc.isenabled()
    gc.disable()
    try:
        return run()
    except MinutesError:
        raise
    except RecursionError:
        raise InputError("input nests too deeply to read", path=path) from None
    finally:
        if paused:
            gc.enable()


def stages(path, stage: str):
    """Run the pipeline up to ``stage``; return something printable."""
    doc = read_any(path)
    if stage == "json":
        return parse_document(doc)
    lines, diagnostics = _prepare(doc)
    if stage == "lines":
        return "\n".join(f"{ln.number:>5}  {ln.mark or '':<6} {ln.text}" for ln in lines)
    tokens = tokenize(lines)
    if stage == "tokens":
        return "\n".join(str(t) for t in tokens)
    return _tree(tokens, diagnostics, doc.source.path, build_tree=True).pretty()
