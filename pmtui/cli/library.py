"""`pmtui library DIR`: the library in the app: every postmortem, patterns, action follow-up."""

from __future__ import annotations

import argparse

from pmtui.cli._library_common import add_folder_argument


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "library",
        help="the library in the app: every postmortem, patterns, action follow-up; Enter starts a meeting",
        description="A sortable, filterable table of the postmortems under DIR, a patterns view with charts "
        "and the action-item follow-up. Enter on a postmortem starts a meeting on it (with DIR as the "
        "library for similar past incidents); quitting the meeting comes back to the library.",
    )
    add_folder_argument(parser)
    parser.add_argument("--no-bell", action="store_true", help="in meetings: no bell at one minute left")
    parser.add_argument("--theme", default=None, help="colour theme, e.g. pmtui-high-contrast for a projector")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    from pmtui.cli import EXIT_BAD_INPUT, error

    folder = Path(args.folder)
    if not folder.is_dir():
        error(f"{args.folder}: {'not a folder' if folder.exists() else 'no such folder'}")
        return EXIT_BAD_INPUT
    if not os.access(folder, os.R_OK | os.X_OK):
        error(f"{args.folder}: cannot read the folder (permission denied)")
        return EXIT_BAD_INPUT
    try:
        from pmtui.app.launch import launch_library
    except ImportError:
        error("the terminal app is not available in this installation")
        return EXIT_BAD_INPUT
    return launch_library(args)
