"""`pmtui search DIR QUERY`: full-text search over a library, ranked, with the matching passage."""

from __future__ import annotations

import argparse

from pmtui.cli._library_common import add_folder_argument


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f'invalid limit "{text}" (use a whole number of 1 or more)')
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
    import sys

    from pmtui.cli import EXIT_BAD_INPUT, error
    from pmtui.cli._library_common import report_on_library
    from pmtui.library import search
    from pmtui.library.index import Library
    from pmtui.library.terminal import output_width

    query = " ".join(args.query)
    try:
        search.query_terms(query)
    except search.QueryError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT

    def produce(library: Library) -> str:
        result = search.search(library, query, args.limit)
        if args.format == "json":
            return search.render_json(result, args.folder)
        emphasis = ("\x1b[1m", "\x1b[22m") if sys.stdout.isatty() else ("**", "**")
        return search.render_text(result, args.folder, width=output_width(), emphasis=emphasis)

    return report_on_library(args.folder, produce)
