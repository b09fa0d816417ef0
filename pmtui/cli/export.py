"""`pmtui export FILE`: the finished postmortem (Markdown), the document in another format, or its
action items for a tracker (Jira CSV, Linear CSV, a GitHub `gh issue create` script)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from pmtui.cli import path_argument
from pmtui.export import SUFFIXES, TRACKER_FORMATS

if TYPE_CHECKING:
    from pathlib import Path

FORMATS = list(SUFFIXES)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export a postmortem as Markdown (default), JSON or TOML, or its action items for a tracker",
        description="Tracker formats export the action items that are open and have no ticket yet: "
        "jira-csv and linear-csv for the trackers' CSV import, github for a `gh issue create` script to "
        "review and run (with -o FOLDER, also one Markdown issue body per item).",
    )
    parser.add_argument("file", type=path_argument, help="the postmortem file")
    parser.add_argument("--format", "-f", choices=FORMATS, default="md", help="output format (default md)")
    parser.add_argument("-o", "--output", default=None, metavar="OUT", type=path_argument,
                        help="write to OUT instead of stdout (for github, a folder gets the script and one body per item)")
    parser.add_argument("--timeline", choices=["key", "all"], default="all",
                        help="Markdown only: all timeline events (default), or only the key events (key = true)")
    parser.add_argument("--copy", action="store_true",
                        help="copy the output to the clipboard (or, where there is none, to a file in this folder)")
    parser.set_defaults(run=run)


def _same_file(output: Path, source: Path) -> bool:
    """Whether writing `output` would replace `source`: the same path, or a link or another name of it."""
    import os

    try:
        return os.path.samefile(output, source)
    except OSError:  # the output does not exist yet
        return False


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from pmtui import storage
    from pmtui.cli import EXIT_BAD_INPUT, error, say
    from pmtui.export import render
    from pmtui.terminal_text import for_terminal

    from pmtui.export.ticket_mark import repository_path
    from pmtui.policy import PolicyError, load_policy

    path = Path(args.file)
    if args.timeline != "all" and args.format != "md":
        error(f"--timeline {args.timeline} only applies to --format md")
        return EXIT_BAD_INPUT
    try:
        document = storage.load_document(path)
        policy, _ = load_policy(path) if args.format == "jira-csv" else (None, None)
    except (storage.DocumentError, PolicyError) as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    # Tickets name the postmortem by its place in the repository: the same on every clone, and
    # what `pmtui sync` matches them by.
    source = Path(repository_path(path))
    output = Path(args.output) if args.output else None
    if output is not None and _same_file(output, path):
        error(f"{output}: is the postmortem being exported; not replacing it (give another -o file)")
        return EXIT_BAD_INPUT
    text = render(document, args.format, source=source, key_events_only=args.timeline == "key",
                  owner_emails=policy.owner_emails if policy else None)
    try:
        if output is not None and args.format == "github" and (output.is_dir() or args.output.endswith(("/", "\\"))):
            from pmtui.export.trackers import SCRIPT_NAME, github_files

            output.mkdir(parents=True, exist_ok=True)
            for name, content in github_files(document, source).items():
                storage.write_atomic(output / name, content.encode("utf-8"))
            say(f"wrote {output / SCRIPT_NAME} and the issue bodies beside it", file=sys.stderr)
        elif output is not None:
            if output.is_dir():
                error(f"{output}: is a folder; give a file name (only --format github writes into a folder)")
                return EXIT_BAD_INPUT
            storage.write_atomic(output, text.encode("utf-8"))
            say(f"wrote {output}", file=sys.stderr)
        elif not args.copy:
            sys.stdout.write(for_terminal(text, newlines=True) if sys.stdout.isatty() else text)
    except OSError as exc:
        error(f"{output}: cannot write: {exc.strerror or exc}")
        return EXIT_BAD_INPUT
    except storage.DocumentError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    if args.format in TRACKER_FORMATS:
        from pmtui.export.trackers import items_to_track

        count, total = len(items_to_track(document)), len(document.action_items)
        print(f"{count} of {total} action items exported (the others are done, dropped or already have a ticket)",
              file=sys.stderr)
    if args.copy:
        from pmtui.clipboard import copy_text

        result = copy_text(text, suffix=SUFFIXES[args.format])
        say(result.message, file=sys.stderr)
    return 0
