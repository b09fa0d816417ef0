"""`pmtui remind DIR`: the follow-up digest for a scheduled CI job (Markdown, or JSON for a chat webhook)."""

from __future__ import annotations

import argparse

from pmtui.cli._library_common import add_folder_argument, add_today_option


# Ten years ahead already lists every open item; more would run the dates past what they can hold.
MAX_DAYS = 3660


def _days(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 6 or int(text) > MAX_DAYS:
        raise argparse.ArgumentTypeError(f'invalid number of days "{text}" (use a whole number from 0 to {MAX_DAYS})')
    return int(text)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "remind",
        help="a follow-up digest: per owner overdue and due-soon items, late postmortems, completion vs policy",
        description="For a scheduled CI job: per owner, the action items that are overdue or due within DAYS; "
        "postmortems whose draft or review is late by the policy; the completion rate of the last 90 days "
        "against the policy's target. --format json gives {\"text\": <the Markdown>, ...} to post to a chat "
        "webhook with the team's own script.",
    )
    add_folder_argument(parser)
    parser.add_argument("--format", "-f", choices=["md", "json"], default="md", help="output format (default md)")
    parser.add_argument("--days", type=_days, default=7, help="how far ahead 'due soon' looks (default 7)")
    add_today_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import datetime as dt
    import functools
    import sys
    from pathlib import Path

    from pmtui import storage
    from pmtui.checking import expand_paths
    from pmtui.cli import EXIT_BAD_INPUT, EXIT_OK, error
    from pmtui.cli._library_common import folder_policy
    from pmtui.library.remind import build_digest, render_json, render_markdown
    from pmtui.library.targets import targets_from_policy
    from pmtui.policy import PolicyError, load_policy
    from pmtui.terminal_text import for_terminal

    folder = Path(args.folder)
    if not folder.is_dir():
        error(f"{args.folder}: not a folder")
        return EXIT_BAD_INPUT
    policy = folder_policy(args.folder)
    if policy is None:
        return EXIT_BAD_INPUT
    documents = []
    for path in expand_paths([args.folder]):
        try:
            documents.append((path.relative_to(folder).as_posix(), storage.load_document(path)))
        except storage.DocumentError as exc:
            error(f"skipped {exc}")

    @functools.cache
    def policy_of_folder(relative_folder: str):
        return load_policy(folder / relative_folder)[0]

    try:
        digest = build_digest(documents, lambda file: policy_of_folder(Path(file).parent.as_posix()),
                              today=args.today or dt.date.today(), days=args.days,
                              targets=targets_from_policy(policy))
    except PolicyError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    text = render_json(digest) if args.format == "json" else for_terminal(render_markdown(digest), newlines=True)
    sys.stdout.write(text)
    return EXIT_OK
