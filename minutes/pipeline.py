"""The pipeline: sources → normalize → layout → lexer → grammar → build.

``parse`` and ``parse_file`` run it all; ``stages`` runs it up to a named
stage so the CLI can show why a line was read as it was.
"""

from __future__ import annotations

import dataclasses
import gc
import os
from contextlib import contextmanager
from functools import lru_cache

from lark import Lark, Tree
from lark.exceptions import LarkError, UnexpectedInput, UnexpectedToken

from .errors import InputError, MinutesError, ParseError, StrictError
from .models import Diagnostic, Minutes
from .parsing import kind
from .parsing.build import build
from .parsing.layout import layout
from .parsing.lexer import LineLexer, LineStream, LineToken
from .parsing.tree import Document, TreeToNodes
from .read.readers import read_any, read_bytes
from .read.sources import Document as Source, Line, read_text
from .resources import resource_dir
from .text.normalize import normalize_lines

__all__ = ["parse", "parse_file", "parse_bytes", "parse_document", "stages", "line_tokens", "STAGES"]

STAGES = ("lines", "tokens", "tree", "json")


@lru_cache(maxsize=2)
def _parser(build_tree: bool = False) -> Lark:
    """The LALR parser. Without ``build_tree`` it reduces straight to the typed nodes of
    ``parsing.tree``: no ``lark.Tree`` is built (one node per line, on line-heavy input)."""
    grammar = (resource_dir("grammars") / "minutes.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer=LineLexer, propagate_positions=False,
                transformer=None if build_tree else TreeToNodes(), cache=_grammar_cache(build_tree))


def _grammar_cache(build_tree: bool) -> str | bool:
    """Where lark keeps the analysed grammar between processes: analysing it is a tenth of a
    second of every cold start. A file in the user's own cache folder (not lark's default, a
    shared temporary folder where another user could plant a pickle); lark checks the grammar's
    hash in it and analyses anew when the grammar changed. False (no cache) if there is no
    writable folder, or when MINUTES_NO_CACHE is set."""
    if os.environ.get("MINUTES_NO_CACHE"):
        return False
    folder = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
                          "minutes")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return False
    return os.path.join(folder, f"grammar-{'tree' if build_tree else 'nodes'}.lark")


def _prepare(doc: Source) -> tuple[list[Line], list[Diagnostic]]:
    texts = normalize_lines([ln.original for ln in doc.lines])
    lines = [Line(ln.number, ln.original, t) for ln, t in zip(doc.lines, texts)]
    return layout(lines)


def _tree(lines: list[Line], diagnostics: list[Diagnostic], path: str | None, *,
          build_tree: bool = False) -> Tree | Document:
    def recover(e: UnexpectedInput) -> bool:
        # The lexer offers only readings the parser's state accepts, and PARAGRAPH fits
        # everywhere: this runs only where LALR's lookahead promised more than the grammar
        # allows. The line is read as a paragraph, and said so.
        if not isinstance(e, UnexpectedToken) or e.token.type in ("$END", "PARAGRAPH"):
            return False
        diagnostics.append(Diagnostic(
            level="warning", code="unexpected-line",
            message=f"a {e.token.type} line is not expected here (expected one of: "
                    f"{', '.join(sorted(e.expected)[:6])}); read as a paragraph",
            line=e.token.line))
        e.interactive_parser.feed_token(LineToken.of("PARAGRAPH", e.token.source, {"PARAGRAPH": None}))
        return True

    stream = LineStream(lines)
    try:
        parsed = _parser(build_tree).parse(stream, on_error=recover)
    except LarkError as exc:
        line = getattr(exc, "line", None)
        raise ParseError(f"the document's shape is not understood: {exc.__class__.__name__}",
                         path=path, line=line, hint="run `minutes parse --stage tokens` to see how lines were read") from None
    for tok, refused in stream.refused:
        diagnostics.append(Diagnostic(
            level="warning", code="unexpected-line",
            message=f"a {refused} line is not expected here; read as {tok.type}", line=tok.line))
    return parsed


def parse_document(doc: Source, *, strict: bool = False) -> Minutes:
    lines, diagnostics = _prepare(doc)
    nodes = _tree(lines, diagnostics, doc.source.path)
    document_kind, found = kind.decide(nodes)
    minutes = build(nodes, report=document_kind == "report")
    minutes.kind = document_kind
    minutes.source = doc.source
    minutes.diagnostics = doc.diagnostics + diagnostics + minutes.diagnostics
    if document_kind == "report":
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
    if path is not None and not isinstance(path, str):
        if not isinstance(path, os.PathLike):
            raise InputError(f"path must be a str or a path, got {type(path).__name__}")
        path = os.fsdecode(path)
    with _guard(path):
        return parse_document(read_text(text, path=path), strict=strict)


def parse_file(path, *, strict: bool = False, ocr: str = "auto", progress=None) -> Minutes:
    """Parse a minutes file: text, markdown, .docx, .html, PDF or a scan (PNG, JPEG, TIFF),
    picked by content (``-`` is stdin). ``ocr``: auto (pages without a usable text layer),
    always or never; ``progress(done, total)`` is called after each PDF or image page."""
    with _guard(str(path)):
        return parse_document(read_any(path, ocr=ocr, progress=progress), strict=strict)


def parse_bytes(data: bytes, filename: str | None = None, *, path: str | None = None, strict: bool = False,
                ocr: str = "auto") -> Minutes:
    """Parse a minutes file's bytes (any format ``parse_file`` reads), an upload's say.
    ``filename`` (or ``path``) names it in errors and in ``source.path``, and its suffix may hint
    the format, as a file's name does."""
    path = path if path is not None else filename
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError(f"expected bytes, got {type(data).__name__}", path=path)
    with _guard(path):
        return parse_document(read_bytes(bytes(data), path, ocr=ocr), strict=strict)


@contextmanager
def _guard(path):
    """Every entry point runs in here: only ``MinutesError`` leaves, and the cyclic garbage
    collector is paused. A parse makes many small acyclic objects; gen-2 sweeps over a
    growing heap made the cost grow faster than the input (bench/bench_attack.py)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    except MinutesError:
        raise
    except RecursionError:
        raise InputError("input nests too deeply to read", path=path) from None
    finally:
        if paused:
            gc.enable()


def stages(path, stage: str, *, ocr: str = "auto", progress=None):
    """Run the pipeline up to ``stage``; return something printable."""
    with _guard(str(path)):
        doc = read_any(path, ocr=ocr, progress=progress)
        if stage == "json":
            return parse_document(doc)
        lines, diagnostics = _prepare(doc)
        if stage == "lines":
            return "\n".join(f"{ln.number:>5}  {ln.mark or '':<6} {ln.text}" for ln in lines)
        if stage == "tokens":
            return "\n".join(tok.describe() for tok in line_tokens(lines, path=doc.source.path))
        return _tree(lines, diagnostics, doc.source.path, build_tree=True).pretty()


def line_tokens(lines: list[Line], *, path: str | None = None) -> list[LineToken]:
    """Each line as the grammar read it in context (its chosen type and all its readings)."""
    return sorted(_leaves(_tree(lines, [], path)), key=lambda t: t.line)


def _leaves(node):
    """The line tokens of a typed tree, in document order."""
    if isinstance(node, LineToken):
        yield node
    elif isinstance(node, (list, tuple)):
        for child in node:
            yield from _leaves(child)
    elif dataclasses.is_dataclass(node):
        for f in dataclasses.fields(node):
            yield from _leaves(getattr(node, f.name))
