"""The command line: ``minutes parse``, ``minutes schema``, ``minutes sheet``, ``minutes register``.

Errors print one line on stderr (file, line, what was expected) and exit 2 for
unusable input, 1 for ``--strict`` failures; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from .errors import MinutesError, StrictError, _one_line

__all__ = ["main"]


def _parse_command(args) -> int:
    from .pipeline import STAGES, stages

    if args.vocab:
        from .text.vocab import use_vocab

        use_vocab(args.vocab)

    progress = _progress()
    out = stages(args.file, args.stage, ocr=args.ocr, progress=progress) if args.stage != "json" else None
    if args.stage == "json":
        from .pipeline import parse_file

        minutes = parse_file(args.file, strict=args.strict, ocr=args.ocr, progress=progress)
        out = minutes.model_dump_json(indent=2, exclude_none=False)
    elif not isinstance(out, str):
        out = str(out)
    _write(out, args.output)
    assert args.stage in STAGES
    return 0


def _progress():
    """Pages done / total on the terminal's line while a PDF or scan is read; nothing when
    standard error is not a terminal (logs and pipes stay clean)."""
    if not (sys.stderr is not None and sys.stderr.isatty()):
        return None

    def report(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        sys.stderr.write(f"\rminutes: page {done}/{total}{end}")
        sys.stderr.flush()

    return report


def _schema_command(args) -> int:
    from .models import json_schema

    _write(json.dumps(json_schema(), ensure_ascii=False, indent=2), args.output)
    return 0


def _write(text: str, output: str | None) -> None:
    if output and output != "-":
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    else:
        if sys.stdout is None:  # started with `>&-`
            raise MinutesError("standard output is closed", path="-", hint="give -o FILE")
        sys.stdout.write(text + "\n")


def build_parser() -> argparse.ArgumentParser:
    from .models import TOOL_VERSION, SCHEMA_VERSION

    p = argparse.ArgumentParser(prog="minutes", description="Persian meeting minutes (صورتجلسه) to JSON and follow-up sheets")
    p.add_argument("--version", action="version", version=f"minutes {TOOL_VERSION} (JSON schema {SCHEMA_VERSION})")
    sub = p.add_subparsers(dest="command", required=True)
    parse = sub.add_parser("parse", help="parse a minutes file to JSON")
    parse.add_argument("file", help="a .txt/.md/.docx/.html/.pdf file or a scan (.png/.jpg/.tif), or - for standard input")
    parse.add_argument("-o", "--output", help="write here instead of standard output")
    parse.add_argument("--stage", choices=("lines", "tokens", "tree", "json"), default="json",
                       help="stop after this stage and print it (for debugging)")
    parse.add_argument("--strict", action="store_true", help="treat warnings as errors (exit status 1)")
    parse.add_argument("--max-bytes", type=int, metavar="N",
                       help="refuse inputs larger than N bytes (default 64 MiB, or MINUTES_MAX_BYTES)")
    parse.add_argument("--vocab", metavar="DIR", help="your own words (docs/vocabulary.md)")
    parse.add_argument("--ocr", choices=("auto", "always", "never"), default="auto",
                       help="PDF and images: OCR pages without a usable text layer (auto), every page, or none")
    parse.set_defaults(run=_parse_command)
    schema = sub.add_parser("schema", help="print the JSON Schema of the output")
    schema.add_argument("-o", "--output")
    schema.set_defaults(run=_schema_command)
    from .batch import command as batch_command

    batch_command.add_parser(sub)
    try:
        from .sheets import command as sheet_command
    except ImportError:  # pragma: no cover - the sheet command ships with the package
        sheet_command = None
    if sheet_command is not None:
        sheet_command.add_parser(sub)
    from .register import command as register_command

    register_command.add_parser(sub)
    from .web import command as web_command

    web_command.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if getattr(args, "max_bytes", None) is not None:  # the option wins over MINUTES_MAX_BYTES
            os.environ["MINUTES_MAX_BYTES"] = str(max(0, args.max_bytes))
        run = getattr(args, "run", None)
        if run is None:  # subcommands registered by other modules keep their own entry point
            from .sheets import command as sheet_command

            return sheet_command.run(args)
        return run(args)
    except StrictError as exc:
        print(f"minutes: {exc}", file=sys.stderr)
        return 1
    except MinutesError as exc:
        print(f"minutes: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"minutes: {getattr(exc, 'filename', '') or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug of ours: still one line, never a traceback
        print(f"minutes: internal error: {exc.__class__.__name__}: {_one_line(str(exc))[:300]} "
              "(please report it with the input)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
