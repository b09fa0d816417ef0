"""`pmtui patterns DIR`: the quarterly review of a library of postmortems."""

from __future__ import annotations

import argparse

from pmtui.cli._library_common import add_folder_argument, add_today_option, iso_date

METHOD = """\
how it counts:
  Shares are of incidents (an incident with two tags counts under both).
  Contributing-factor themes: each factor's words are normalised (lower case, common
  words dropped, "deploys"/"deployed"/"deployment" -> "deploy", "db" -> "database")
  and matched against each theme's keywords ("alert", "monitoring", "threshold",
  "page"... for alerting/monitoring); the theme with most shared words wins. Tags
  that name a theme count too: a tag "deploy" makes an incident deploy-related.
  Factors matching no theme are grouped by a word they repeat ("other: vendor").
  Repeated incidents: taken oldest first, an incident repeats an earlier one when
  40% or more of their title, root-cause and factor words are shared (Jaccard).
"""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "patterns",
        help="patterns across a library: severities, themes, detection, trends, repeats",
        description="Counts and shares by severity, tag, detection and contributing-factor theme; median time "
        "to detect and resolve and customer impact per quarter; action-item completion per quarter; "
        "repeated incidents. Text for the terminal, Markdown for a quarterly review, JSON for tools.",
        epilog=METHOD,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_folder_argument(parser)
    parser.add_argument("--since", type=iso_date, default=None, metavar="DATE",
                        help="only incidents on or after DATE (YYYY-MM-DD)")
    parser.add_argument("--format", "-f", choices=["text", "md", "json"], default="text",
                        help="output format (default text)")
    add_today_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import datetime as dt

    from pmtui.cli._library_common import report_on_library, safe_output
    from pmtui.library import patterns
    from pmtui.library.index import Library
    from pmtui.library.terminal import output_width

    def produce(library: Library) -> str:
        today = args.today or dt.date.today()
        report = patterns.patterns_report(args.folder, library.incidents(),
                                          library.actions_due_by_quarter(today, args.since),
                                          today=today, since=args.since, skipped=library.skipped())
        if args.format == "md":
            text = patterns.render_markdown(report)
        elif args.format == "json":
            text = patterns.render_json(report)
        else:
            text = patterns.render_text(report, output_width())
        return safe_output(text, args.format)

    return report_on_library(args.folder, produce)
