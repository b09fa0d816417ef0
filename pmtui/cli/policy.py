"""`pmtui policy [DIR]`: the rules that apply to the postmortems in DIR, and where each comes from."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "policy",
        help="print the effective policy (.pmtui/policy.toml or the built-in default) and where each value came from",
        description="The policy for DIR is the nearest .pmtui/policy.toml in DIR or a folder above it; "
        "values it leaves out keep the built-in default. See docs/policy.md.",
    )
    parser.add_argument("folder", nargs="?", default=".", metavar="DIR",
                        help="a folder or postmortem file (default: the current folder)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pmtui.cli import EXIT_BAD_INPUT, EXIT_OK, error
    from pmtui.policy import PolicyError, describe, load_policy
    from pmtui.terminal_text import for_terminal

    if not Path(args.folder).exists():  # else a typo would print the built-in default as if it applied
        error(f"{args.folder}: no such file or folder")
        return EXIT_BAD_INPUT
    try:
        policy, path = load_policy(Path(args.folder))
    except PolicyError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    print(f"policy for {for_terminal(args.folder)}: {for_terminal(str(path)) if path else 'built-in default (no .pmtui/policy.toml found)'}")
    rows = list(describe(policy))
    width = max(len(key) for key, _, _ in rows)
    for key, value, origin in rows:
        print(f"  {key:<{width}}  {for_terminal(value)}  [{for_terminal(origin)}]")
    return EXIT_OK
