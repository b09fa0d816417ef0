"""`pmtui meet FILE` (also `pmtui FILE` and bare `pmtui`): run the review meeting."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("meet", help="run the review meeting on a postmortem (default command)")
    parser.add_argument("file", nargs="?", default=None, help="the postmortem (default: the bundled sample)")
    parser.add_argument("--layout", default=None, help="meeting layout: a name (standard, lightweight, sev1-extended) or a path")
    parser.add_argument("--library", default=None, metavar="DIR", help="past postmortems for 'similar incidents'")
    parser.add_argument("--no-bell", action="store_true", help="do not ring the terminal bell at one minute left")
    parser.add_argument("--theme", default=None, help="colour theme, e.g. pmtui-high-contrast for a projector, textual-light")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pmtui.cli import EXIT_BAD_INPUT, error

    try:
        from pmtui.app.launch import launch_meeting
    except ImportError:
        error("the meeting app is not available in this installation")
        return EXIT_BAD_INPUT
    return launch_meeting(args)
