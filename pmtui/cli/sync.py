"""`pmtui sync DIR --from github|jira|linear EXPORT`: action items follow their tickets."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sync",
        help="update action items (ticket, status, completed) from a tracker's own export",
        description="Reads what the tracker exported and updates the action items of the postmortems under "
        "DIR: fills `ticket` where it is empty (matching the mark pmtui's exports put on every ticket), "
        "sets `status` and `completed`. Nothing else in the files changes. No network, no credentials: "
        "export with the tracker's own tools, e.g. "
        "`gh issue list --state all --limit 1000 --json number,title,state,closedAt,body,url > issues.json`, "
        "Jira's issue navigator 'Export CSV (all fields)', Linear's 'Export CSV'.",
    )
    parser.add_argument("folder", metavar="DIR", help="the postmortems: a folder searched recursively, or one file")
    parser.add_argument("--from", dest="tracker", required=True, choices=["github", "jira", "linear"],
                        help="which tracker wrote EXPORT")
    parser.add_argument("export", metavar="EXPORT", help="the tracker's export: JSON for github, CSV for jira/linear")
    parser.add_argument("--dry-run", action="store_true", help="print the changes without writing anything")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pmtui import storage
    from pmtui.checking import expand_paths
    from pmtui.cli import EXIT_BAD_INPUT, EXIT_OK, error
    from pmtui.export.ticket_mark import repository_path
    from pmtui.importers import SourceError, read_file
    from pmtui.importers.tickets import read_tickets
    from pmtui.library.sync import TicketIndex, apply, changes_for
    from pmtui.terminal_text import for_terminal

    try:
        tickets = read_tickets(args.tracker, read_file(Path(args.export)), args.export)
    except SourceError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    if not Path(args.folder).exists():  # else a typo would report "nothing to change"
        error(f"{args.folder}: no such file or folder")
        return EXIT_BAD_INPUT
    index = TicketIndex(tickets)
    for (source, item_id), keys in index.ambiguous.items():
        error(f"left {source}#{item_id} as it is: tickets {', '.join(dict.fromkeys(keys))} all carry its mark")
    changed_files = changed_items = 0
    for path in expand_paths([args.folder]):
        try:
            loaded = storage.load(path)
        except storage.DocumentError as exc:
            error(f"skipped {exc}")
            continue
        changes = changes_for(loaded.document, repository_path(path), index)
        if not changes:
            continue
        for change in changes:
            print(f"{for_terminal(str(path))}: {for_terminal(change.describe())}")
        if not args.dry_run:
            apply(loaded.document, changes)
            try:
                storage.save(loaded)
            except storage.DocumentError as exc:
                error(str(exc))
                return EXIT_BAD_INPUT
        changed_files += 1
        changed_items += len({change.index for change in changes})
    unmatched = len(tickets) - len(index.matched)
    verb = "would change" if args.dry_run else "changed"
    print(f"{verb} {changed_items} action item(s) in {changed_files} postmortem(s); "
          f"{unmatched} of {len(tickets)} ticket(s) matched no action item"
          + (" (dry run: nothing written)" if args.dry_run else ""))
    return EXIT_OK
