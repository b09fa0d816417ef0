"""`pmtui import FILE --from KIND SOURCE`: add a CSV, Slack, PagerDuty, JSON-lines or git timeline to a postmortem."""

from __future__ import annotations

import argparse

from pmtui.cli import path_argument
from pmtui.importers import KINDS

EVENT_WIDTH = 72


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="add timeline events from a CSV, a Slack export, a PagerDuty log, JSON lines or a git repository",
        description="Add timeline events to FILE. Times are converted into the incident's time zone, "
        "events already in the timeline are skipped, and the timeline stays sorted. "
        "On any error the file is left untouched.",
    )
    parser.add_argument("file", type=path_argument, help="the postmortem file to add events to")
    parser.add_argument("--from", dest="kind", required=True, choices=KINDS, help="what SOURCE is")
    parser.add_argument("source", type=path_argument, help="the file to import (for Slack: the export folder or .zip, "
                        "a channel folder, or one day file; for git: the repository's folder)")
    parser.add_argument("--channel", default=None,
                        help="Slack only: import just this channel (needed when the export has more than one)")
    parser.add_argument("--skip-routine", action="store_true",
                        help="PagerDuty only: leave out notifications and urgency changes")
    parser.add_argument("--ref", default=None, metavar="BRANCH",
                        help="git only: the branch, tag or commit whose history to read (default HEAD)")
    parser.add_argument("--paths", nargs="+", default=[], metavar="PATH",
                        help="git only: just the commits that touch these paths")
    parser.add_argument("--since", default=None, metavar="TIME",
                        help="skip events before TIME (HH:MM on the incident date, or an ISO 8601 datetime)")
    parser.add_argument("--until", default=None, metavar="TIME", help="skip events after TIME")
    parser.add_argument("--dry-run", action="store_true", help="show what would be added; write nothing")
    parser.set_defaults(run=run)


def _table(events: list) -> list[str]:
    """Plain aligned columns: the dry run is read in a terminal or pasted into a chat."""
    from pmtui.document.timeline import format_written_time
    from pmtui.terminal_text import for_terminal

    rows = [("TIME", "EVENT", "SOURCE", "MILESTONE")]
    for event in events:
        text = for_terminal(event.event)
        text = text if len(text) <= EVENT_WIDTH else text[: EVENT_WIDTH - 1] + "…"
        rows.append((format_written_time(event.time), text, for_terminal(event.source or ""),
                     event.milestone.value if event.milestone else ""))
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    return [f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}".rstrip() for row in rows]


def run(args: argparse.Namespace) -> int:
    from pmtui import storage
    from pmtui.cli import EXIT_BAD_INPUT, error, say
    from pmtui.importers import SourceError, read_source
    from pmtui.importers.merge import MergeError, parse_window, plan_merge

    try:
        loaded = storage.load(args.file)
        window = parse_window(loaded.document, args.since, args.until)
        imported = read_source(args.kind, args.source, channel=args.channel, skip_routine=args.skip_routine,
                               ref=args.ref, paths=args.paths, window=window)
        plan = plan_merge(loaded.document, imported.events, window)
    except (storage.DocumentError, SourceError, MergeError) as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    for note in imported.notes:
        error(f"note: {note}")
    if args.dry_run:
        if plan.added:
            print("\n".join(_table(plan.added)))  # each cell already made safe
        say(f"dry run, {args.file} not changed: {plan.summary()}")
        return 0
    if not plan.added:
        say(f"{args.file} not changed: {plan.summary()}")
        return 0
    plan.apply(loaded.document)
    try:
        storage.save(loaded)
    except storage.DocumentError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    say(f"{args.file}: {plan.summary()}")
    return 0
