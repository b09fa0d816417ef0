"""`pmtui patterns DIR`: the quarterly review of a library of postmortems."""

from __future__ import annotations

import argparse

from typing import TYPE_CHECKING

from pmtui.cli._library_common import add_folder_argument, add_today_option, iso_date

if TYPE_CHECKING:
    import datetime as dt

    from pmtui.library.index import Library
    from pmtui.policy import Policy

METHOD = """\
how it counts:
  Shares are of incidents (an incident with two tags counts under both).
  Contributing-factor themes: the theme a person would give the factor, as a
  model learned from labelled factors reads its words and these word rules. The
  rules: each factor is matched against each theme's words
  and phrases, whole ("alert", "alerts", "monitoring", "threshold"... for
  alerting/monitoring; "staged" is not "staging"); the theme with most matches
  wins (ties go to the safeguard over what it guarded), and a safeguard named as
  missing ("no alert", "without load testing", not "no traffic change") counts
  three times; a factor naming a code defect ("a race", "an off-by-one") more
  than any theme is unthemed. Tags that name a theme count too: a tag "deploy"
  makes an incident deploy-related.
  Factors matching no theme are grouped by a word they repeat ("other: vendor").
  Repeated incidents: taken oldest first, an incident repeats an earlier one when
  their title, root cause, whys and factors are alike enough: words and two-word
  phrases weighted by how rare they are in the library (words most postmortems
  use count for nothing), plus the failure mode both state (what changed: a config
  push, a deploy, a command run by hand, an expiry...; how it spread; what broke:
  DNS, routing, data...). Two incidents that state different changes (an expiry
  and a deploy) are not repeats. A group holds only incidents all somewhat alike:
  two write-ups of one failure meet through a third like both, while one incident
  resembling two different failures does not join them. Each group says why its
  incidents match.
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

    import json

    from pmtui.cli import EXIT_BAD_INPUT
    from pmtui.cli._library_common import folder_policy, report_on_library, safe_output
    from pmtui.library import patterns
    from pmtui.library.targets import targets_from_policy
    from pmtui.library.terminal import output_width, wrap

    policy = folder_policy(args.folder)
    if policy is None:
        return EXIT_BAD_INPUT
    targets = targets_from_policy(policy)

    def produce(library: Library) -> str:
        today = args.today or dt.date.today()
        incidents = library.incidents(terms=False)
        actions_due = library.actions_due_by_quarter(today, args.since)
        report = patterns.patterns_report(args.folder, incidents, actions_due,
                                          today=today, since=args.since, skipped=library.skipped(),
                                          action_counts=library.action_counts(),
                                          follow=patterns.follow_up(library, today, targets, args.since),
                                          library=library, targets=targets)
        covered = report_incidents(incidents, args.since)
        against_policy = _policy_lines(covered, policy) if covered else {}
        if args.format == "json":
            payload = json.loads(patterns.render_json(report))
            if against_policy:
                payload["policy"] = against_policy
            return safe_output(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", args.format)
        lines = list(against_policy.values())
        if args.format == "md":
            section = "\n## Against the team policy\n\n" + "".join(f"- {line}\n" for line in lines)
            return safe_output(patterns.render_markdown(report) + (section if lines else ""), args.format)
        width = output_width()
        section = "\nAgainst the team policy:\n" + "".join("\n".join(wrap(line, width, "  ")) + "\n" for line in lines)
        return safe_output(patterns.render_text(report, width) + (section if lines else ""), args.format)

    return report_on_library(args.folder, produce)


def report_incidents(incidents: list, since: dt.date | None) -> list:
    """The incidents a report covers: all, or those on or after `since`."""
    return [incident for incident in incidents if since is None or (incident.date and incident.date >= since)]


def _policy_lines(incidents: list, policy: Policy) -> dict[str, str]:
    """What the policy asks that the report does not already say (its follow-up holds the
    completion against the policy's target): how many reviews were held in time."""
    from pmtui.library.targets import reviewed_within_policy_line

    return {"reviewed": reviewed_within_policy_line([incident.business_days_to_review for incident in incidents],
                                                    policy)}
