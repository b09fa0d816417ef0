"""`pmtui patterns DIR`: the quarterly review of a library of postmortems."""

from __future__ import annotations

import argparse

from pmtui.cli._library_common import add_folder_argument, add_today_option, iso_date

METHOD = """\
how it counts:
  Shares are of incidents (an incident with two tags counts under both).
  Contributing-factor themes: each factor is matched against each theme's words
  and phrases, whole ("alert", "alerts", "monitoring", "threshold"... for
  alerting/monitoring; "staged" is not "staging"); the theme with most matches
  wins, and a safeguard named as missing ("no alert", "without load testing")
  counts three times. Tags that name a theme count too: a tag "deploy" makes an
  incident deploy-related.
  Factors matching no theme are grouped by a word they repeat ("other: vendor").
  Repeated incidents: taken oldest first, an incident repeats an earlier one when
  their title, root cause, whys and factors are alike enough: words and two-word
  phrases weighted by how rare they are in the library (words most postmortems
  use count for nothing), plus the failure mode both state (what changed: a config
  push, a deploy, a command run by hand, an expiry...; how it spread; what broke:
  DNS, routing, data...). Each group says why its incidents match.
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

    from pmtui.cli._library_common import report_on_library
    from pmtui.library import patterns
    from pmtui.library.index import Library
    from pmtui.library.terminal import output_width

    def produce(library: Library) -> str:
        today = args.today or dt.date.today()
        report = patterns.patterns_report(args.folder, library.incidents(terms=False),
                                          library.actions_due_by_quarter(today, args.since),
                                          today=today, since=args.since, skipped=library.skipped(),
                                          action_counts=library.action_counts(),
                                          follow=patterns.follow_up(library, today, args.since), library=library)
        if args.format == "md":
            return patterns.render_markdown(report)
        if args.format == "json":
            return patterns.render_json(report)
        return patterns.render_text(report, output_width())

    return report_on_library(args.folder, produce)
