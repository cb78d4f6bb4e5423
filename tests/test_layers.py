"""The package's layers: which part of ``minutes`` may import which, read from the source (ast).

Layers (a module's layer is its subpackage, or itself for a top-level module):

    read      sources, readers, html               text     normalize, vocab, numbers
    dates     jalali, deadlines                    phrases  people, attendance, attribution,
    parsing   layout, lexer, tree, build, closing,          meeting, resolutions, report
              speakers (and any new module there)  sheets   render, office, track, command, canonical
    register  identity, schema, store, migrations, command, … (``minutes register``)
    batch     inputs, work, tables, command, warm (``minutes batch``)
    web       app, store, command (``minutes serve``)
    top level errors, models, resources, pipeline, cli, and the package root ``minutes`` (the public API)

Rules:

* ``text`` imports from minutes only text, models, errors, resources.
* ``dates`` imports only text, models, errors, resources and dates.
* ``phrases`` does not import parsing, sheets, pipeline, cli, read.
* ``parsing`` does not import sheets, pipeline, cli.
* ``sheets`` never imports parsing, phrases or pipeline, anywhere in the module. It may reach the
  parser only through the public API (``from .. import parse_file``, an import of the package
  root) and only inside a function, so importing a sheet module never loads the parser.
* ``register`` does not import parsing, phrases, pipeline, batch (it reads documents through
  the sheets' loader); ``sheets`` does not import ``register`` (the register is built on them).
* ``batch`` does not import parsing, phrases, sheets: it runs documents through the pipeline.
* ``web`` does not import parsing, phrases, batch: it reads uploads through the readers and the
  pipeline's entry points, and keeps them through the register's API.
* ``models`` and ``errors`` import nothing from minutes.

What counts: every ``import``/``from … import`` statement in the module, at module level, inside
functions and under ``if TYPE_CHECKING:`` alike (the one distinction drawn is the sheets' lazy
import of the package root). Relative imports are resolved against the module's package, and
``from PKG import NAME`` counts as an import of ``PKG.NAME`` when that is a module. Imports made
with ``importlib.import_module`` (the package root's lazy ``__getattr__``) are not seen.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "minutes"
LAYERS = {"read", "text", "dates", "phrases", "parsing", "sheets", "register", "batch",
          "web", "errors", "models", "resources", "pipeline", "cli", "minutes"}

# layer -> the only layers it may import (itself included where it has several modules)
ONLY = {
    "text": {"text", "models", "errors", "resources"},
    "dates": {"text", "models", "errors", "resources", "dates"},
    "models": set(),
    "errors": set(),
}
# layer -> layers it must not import
NEVER = {
    "phrases": {"parsing", "sheets", "pipeline", "cli", "read"},
    "parsing": {"sheets", "pipeline", "cli"},
    "sheets": {"parsing", "phrases", "pipeline", "register"},
    "register": {"parsing", "phrases", "pipeline", "batch"},
    # batch runs the whole pipeline through its entry points, never a stage's insides
    "batch": {"parsing", "phrases", "sheets"},
    "web": {"parsing", "phrases", "batch"},
}
# layer -> layers it may import only inside a function
LAZY_ONLY = {"sheets": {"minutes"}}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


FILES = sorted(PACKAGE.rglob("*.py"))
MODULES = {module_name(p) for p in FILES}


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


@dataclass(frozen=True)
class Import:
    file: Path
    line: int
    statement: str
    target: str  # the minutes module imported
    lazy: bool  # inside a function

    def __str__(self) -> str:
        where = "inside a function" if self.lazy else "at module level"
        return f"{self.file.relative_to(ROOT)}:{self.line}: {self.statement}  (imports {self.target}, {where})"


def imports_of(path: Path) -> list[Import]:
    """The imports of minutes modules made by the module at PATH."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    source = path.read_text(encoding="utf-8")
    found: list[Import] = []

    def visit(node: ast.AST, lazy: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = lazy or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                text = ast.get_source_segment(source, child) or ast.dump(child)
                for target in _targets(child, package):
                    if target == "minutes" or target.startswith("minutes."):
                        found.append(Import(path, child.lineno, " ".join(text.split()), target, inner))
            visit(child, inner)

    visit(ast.parse(source, filename=str(path)), False)
    return found


def _targets(node: ast.Import | ast.ImportFrom, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = package.split(".")
        base = base[:len(base) - (node.level - 1)]
        module = ".".join(base + ([node.module] if node.module else []))
    else:
        module = node.module or ""
    # «from PKG import NAME» imports the module PKG.NAME when there is one, else PKG itself
    return list(dict.fromkeys(f"{module}.{a.name}" if f"{module}.{a.name}" in MODULES else module
                              for a in node.names))


ALL_IMPORTS = [imp for path in FILES for imp in imports_of(path)]


def test_every_module_has_a_layer():
    assert {m: layer(m) for m in MODULES if layer(m) not in LAYERS} == {}


def test_imports_are_resolved():
    by_file = {(i.file.relative_to(PACKAGE).as_posix(), i.target, i.lazy) for i in ALL_IMPORTS}
    assert ("parsing/build.py", "minutes.parsing.closing", False) in by_file  # from . import closing
    assert ("parsing/build.py", "minutes.text.vocab", False) in by_file  # from ..text.vocab import vocab
    assert ("cli.py", "minutes.errors", False) in by_file  # from .errors import …
    assert all(i.target in MODULES for i in ALL_IMPORTS), [str(i) for i in ALL_IMPORTS if i.target not in MODULES]


@pytest.mark.parametrize("importer", sorted(ONLY.keys() | NEVER.keys() | LAZY_ONLY.keys()))
def test_layer_rules(importer):
    bad = []
    for imp in ALL_IMPORTS:
        if layer(module_name(imp.file)) != importer:
            continue
        target = layer(imp.target)
        if importer in ONLY and target not in ONLY[importer]:
            allowed = ", ".join(sorted(ONLY[importer])) or "nothing from minutes"
            bad.append(f"{imp}: {importer} may import only {allowed}")
        elif target in NEVER.get(importer, ()):
            bad.append(f"{imp}: {importer} must not import {target}")
        elif target in LAZY_ONLY.get(importer, ()) and not imp.lazy:
            bad.append(f"{imp}: {importer} may import {target} only inside a function")
    assert not bad, "layer rule broken:\n" + "\n".join(bad)
