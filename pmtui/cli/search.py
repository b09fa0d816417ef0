"""`pmtui search DIR QUERY`: full-text search over a library, ranked, with the matching passage."""

from __future__ import annotations

import argparse

from pmtui.cli._library_common import add_folder_argument


# More results than any library holds, and small enough for SQLite's 64-bit LIMIT.
MAX_LIMIT = 1_000_000


def _positive(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f'invalid limit "{text}" (use a whole number from 1 to {MAX_LIMIT})')
    return int(text)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "search",
        help="full-text search over a library of postmortems, best match first",
        description="Searches titles, summaries, timelines, root causes, contributing factors and lessons. "
        'Words match by stem ("deploys" finds "deployed"); use "quoted phrases" and a trailing * for a prefix.',
    )
    add_folder_argument(parser)
    parser.add_argument("query", nargs="+", metavar="QUERY", help="words to look for")
    parser.add_argument("--limit", "-n", type=_positive, default=10, help="at most N results (default 10)")
    parser.add_argument("--format", "-f", choices=["text", "json"], default="text", help="output format (default text)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import re
    import sys

    from pmtui.cli import EXIT_BAD_INPUT, error
    from pmtui.cli._library_common import report_on_library, safe_output
    from pmtui.library import search
    from pmtui.library.index import Library
    from pmtui.library.terminal import output_width

    query = " ".join(args.query)
    control = re.search(r"[\x00-\x1f\x7f]", query)
    if control:  # no word holds one, and SQLite's full-text parser stops at a NUL
        error(f"the query holds the control character {ascii(control.group())[1:-1]}; give words only")
        return EXIT_BAD_INPUT
    try:
        search.query_terms(query)
    except search.QueryError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT

    def produce(library: Library) -> str:
        result = search.search(library, query, args.limit)
        if args.format == "json":
            return safe_output(search.render_json(result, args.folder), "json")
        # Rendered with the match marks kept, so the text between them can be made safe before the
        # marks become bold, which is the only escape sequence the output may hold.
        marked = search.render_text(result, args.folder, width=output_width(),
                                    emphasis=(search.MATCH_START, search.MATCH_END))
        start, end = ("\x1b[1m", "\x1b[22m") if sys.stdout.isatty() else ("**", "**")
        pieces = re.split(f"({search.MATCH_START}|{search.MATCH_END})", marked)
        return "".join(start if piece == search.MATCH_START else end if piece == search.MATCH_END
                       else safe_output(piece, "text") for piece in pieces)

    return report_on_library(args.folder, produce)
