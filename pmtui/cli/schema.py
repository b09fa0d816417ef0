"""`pmtui schema [-o FILE]`: the JSON Schema of postmortem files, for editors."""

from __future__ import annotations

import argparse
from pathlib import Path

from pmtui.cli import path_argument


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of postmortem files (for editor validation and completion)",
        description="Print or write the JSON Schema of postmortem files. Save it beside your postmortems "
        "(pmtui schema -o .postmortem.schema.json; a dot-file, so `pmtui check FOLDER` skips it) and point "
        "files at it: TOML with a first line `#:schema ./.postmortem.schema.json` (Taplo / Even Better TOML), "
        'JSON with "$schema": "./.postmortem.schema.json" (VS Code). Files from `pmtui new` already do.',
    )
    parser.add_argument("-o", "--output", default=None, type=path_argument,
                        help="write the schema to OUT instead of stdout")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from pmtui import storage
    from pmtui.cli import EXIT_BAD_INPUT, error, say
    from pmtui.export.schema import shipped_schema_text

    text = shipped_schema_text()
    if args.output is None:
        sys.stdout.write(text)
        return 0
    if not _replaceable(Path(args.output)):
        error(f"{args.output}: exists and is not a JSON Schema; not replacing it (give another -o file)")
        return EXIT_BAD_INPUT
    try:
        storage.write_atomic(Path(args.output), text.encode("utf-8"))
    except storage.DocumentError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    say(f"wrote {args.output}", file=sys.stderr)
    return 0


def _replaceable(path: Path) -> bool:
    """Whether `-o` may write over `path`: nothing there yet, no regular file (a pipe or a device
    is written into), an empty file, or a JSON Schema (an older copy of this one). Anything else
    is most likely a postmortem typed in place of the schema's name, and would be lost."""
    import json

    try:
        if not path.is_file():
            return True
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if not text.strip():
        return True
    try:
        existing = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return isinstance(existing, dict) and str(existing.get("$schema", "")).startswith("https://json-schema.org/")
