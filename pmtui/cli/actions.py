"""`pmtui actions DIR`: every action item in a library, overdue first, and the completion rate."""

from __future__ import annotations

import argparse

from pmtui.cli._library_common import add_folder_argument, add_today_option, window_days


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "actions",
        help="follow up action items across a library: overdue first, completion rate",
        description="Every action item in the postmortems under DIR with its incident, owner, due date, "
        "priority and status, overdue items first. Ends with the completion rate: of the items due in the "
        "window (the last 90 days by default), how many are done; below 70%% (or the policy's "
        "completion_target, see `pmtui policy`) it says so.",
    )
    add_folder_argument(parser)
    parser.add_argument("--owner", default=None, help="only items owned by OWNER (any case)")
    parser.add_argument("--overdue", action="store_true", help="only items past their due date and not closed")
    parser.add_argument("--format", "-f", choices=["table", "csv", "json"], default="table",
                        help="output format (default table)")
    parser.add_argument("--window", type=window_days, default=None, metavar="DAYS",
                        help="completion-rate window ending today, like 90d or 12w (default 90d)")
    add_today_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import datetime as dt

    from pmtui.cli import EXIT_BAD_INPUT
    from pmtui.cli._library_common import folder_policy, report_on_library, safe_output
    from pmtui.library import actions
    from pmtui.library.index import Library
    from pmtui.library.targets import targets_from_policy
    from pmtui.library.terminal import output_width

    policy = folder_policy(args.folder)
    if policy is None:
        return EXIT_BAD_INPUT
    today = args.today or dt.date.today()
    targets = targets_from_policy(policy)
    window = args.window or targets.completion_window_days

    def produce(library: Library) -> str:
        report = actions.actions_report(args.folder, library.action_items(), today=today,
                                        targets=targets, window_days=window,
                                        owner=args.owner, overdue_only=args.overdue)
        if args.format == "csv":
            text = actions.render_csv(report)
        elif args.format == "json":
            text = actions.render_json(report, [{"file": item.path, "error": item.message}
                                                for item in library.skipped()])
        else:
            text = actions.render_table(report, output_width())
        return safe_output(text, args.format)

    return report_on_library(args.folder, produce)
