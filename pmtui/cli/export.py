"""`pmtui export FILE`: the finished postmortem (Markdown) or the document in another format."""

from __future__ import annotations

import argparse

FORMATS = ["md", "json", "toml"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("export", help="export a postmortem as Markdown (default), JSON or TOML")
    parser.add_argument("file", help="the postmortem file")
    parser.add_argument("--format", "-f", choices=FORMATS, default="md", help="output format (default md)")
    parser.add_argument("-o", "--output", default=None, help="write to OUT instead of stdout")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from pmtui import storage
    from pmtui.cli import EXIT_BAD_INPUT, error
    from pmtui.export import render

    try:
        document = storage.load_document(args.file)
    except storage.DocumentError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    text = render(document, args.format, source=Path(args.file))
    if args.output:
        try:
            storage.write_atomic(Path(args.output), text.encode("utf-8"))
        except storage.DocumentError as exc:
            error(str(exc))
            return EXIT_BAD_INPUT
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
