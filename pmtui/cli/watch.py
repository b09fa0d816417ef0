"""`pmtui watch FILE`: follow a meeting from another terminal, read-only."""

from __future__ import annotations

import argparse
import math


def poll_interval(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not (math.isfinite(seconds) and 0.1 <= seconds <= 60):
        raise argparse.ArgumentTypeError(f"must be between 0.1 and 60 seconds, got {text}")
    return seconds


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "watch",
        help="follow a running meeting read-only: the agenda, its time left and the document as it grows",
    )
    parser.add_argument("file", metavar="FILE", help="the postmortem the facilitator's pmtui is saving")
    parser.add_argument("--interval", type=poll_interval, default=None, metavar="SECONDS",
                        help="how often to check the file for a new save (default 0.5)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pmtui import storage
    from pmtui.cli import EXIT_BAD_INPUT, EXIT_OK, error

    try:
        from pmtui.app.watch.app import POLL_SECONDS, WatchApp, read_version
    except ImportError:
        error("the terminal app is not available in this installation")
        return EXIT_BAD_INPUT
    path = Path(args.file)
    try:
        first = read_version(path)
    except storage.DocumentError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    WatchApp(path, first, interval=args.interval or POLL_SECONDS).run()
    return EXIT_OK
