"""`pmtui similar FILE`: the past incidents most like a postmortem, as the meeting's panel lists them."""

from __future__ import annotations

import argparse


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f'invalid limit "{text}" (use a whole number of 1 or more)')
    return int(text)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "similar",
        help="the past incidents in a library most like a postmortem, and their action items",
        description="Compares FILE with every postmortem in the library the way `pmtui patterns` finds "
        "repeats (rare words, phrases and the failure mode of title, root cause, whys and factors) and lists "
        "the closest, best first, with why they match and their action items: for the facilitator before "
        "the meeting, and for scripts. The same list the meeting shows.",
    )
    parser.add_argument("file", metavar="FILE", help="the postmortem (.toml or .json)")
    parser.add_argument("--library", metavar="DIR", default=None,
                        help="the library: a folder searched recursively (default: FILE's folder)")
    parser.add_argument("--limit", "-n", type=_positive, default=5, help="at most N incidents (default 5)")
    parser.add_argument("--format", "-f", choices=["text", "json"], default="text", help="output format (default text)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from pmtui import storage
    from pmtui.cli import EXIT_BAD_INPUT, EXIT_OK, error
    from pmtui.library import similar
    from pmtui.library.index import LibraryError
    from pmtui.library.terminal import output_width

    source = Path(args.file)
    try:
        document = storage.load_document(source)
    except storage.DocumentError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    library_dir = args.library if args.library is not None else str(source.parent)
    try:
        matches = similar.similar_incidents(document, library_dir, limit=args.limit, exclude_path=source)
    except LibraryError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    if args.format == "json":
        sys.stdout.write(similar.render_json(matches, library_dir))
    else:
        sys.stdout.write(similar.render_text(matches, library_dir, output_width()))
    return EXIT_OK
