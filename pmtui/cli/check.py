"""`pmtui check FILE...`: validate postmortems for CI and pre-commit hooks."""

from __future__ import annotations

import argparse

from pmtui.cli import path_argument


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="validate postmortems against the status they claim (exit 0 ok, 1 errors, 2 unreadable)",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", type=path_argument,
                        help="postmortem files or folders (searched recursively)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as failures")
    parser.add_argument("--format", choices=["text", "json", "github", "sarif"], default="text",
                        help="output format (default text); github: workflow commands for GitHub Actions, "
                        "sarif: SARIF 2.1.0 for code scanning")
    parser.add_argument("--library", default=None, metavar="DIR",
                        help="past postmortems, for the policy's repeated-incident check (default: each file's folder)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pmtui.checking import check_paths, expand_paths
    from pmtui.cli import error

    for argument in args.files:
        if not expand_paths([argument]):  # a folder with nothing to check: say so, or CI passes on a typo
            error(f"{argument}: no postmortems in this folder (.toml or .json files; hidden ones are skipped)")
    return check_paths(args.files, strict=args.strict, output_format=args.format, library=args.library)
