"""What the library commands (`actions`, `patterns`, `search`) share: the folder, dates, the index."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from pmtui.cli import path_argument

if TYPE_CHECKING:
    from pmtui.library.index import Library
    from pmtui.policy import Policy


def add_folder_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", metavar="DIR", type=path_argument,
                        help="the library: a folder searched recursively for postmortems")


def add_today_option(parser: argparse.ArgumentParser) -> None:
    # For tests and for reproducing a report as it was on a given day.
    parser.add_argument("--today", type=report_day, default=None, help=argparse.SUPPRESS)


def report_day(text: str) -> dt.date:
    """A day to report as of: far enough from the calendar's ends for a window to look back."""
    day = iso_date(text)
    if not 1900 <= day.year <= 9000:
        raise argparse.ArgumentTypeError(f'date "{text}" is out of range (years 1900 to 9000)')
    return day


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'invalid date "{text}" (use YYYY-MM-DD)') from None


# A century: far more than any follow-up looks back, and far from where dates overflow.
MAX_WINDOW_DAYS = 36_500


def window_days(text: str) -> int:
    """"90d", "12w" or a plain number of days."""
    match = re.fullmatch(r"\s*(\d+)\s*([dw]?)\s*", text.lower())
    days = int(match.group(1)) * (7 if match.group(2) == "w" else 1) if match else 0
    if not 0 < days <= MAX_WINDOW_DAYS:
        raise argparse.ArgumentTypeError(
            f'invalid window "{text}" (use days like 90d, or weeks like 12w; at most {MAX_WINDOW_DAYS} days)')
    return days


def safe_output(text: str, output_format: str) -> str:
    """A report made safe for where it goes. File names and document text in it may hold escape
    sequences: JSON spells them as `\\uXXXX` escapes (the same JSON); the terminal formats (table,
    text) always show them as visible escapes; CSV and Markdown do so on a terminal and stay
    byte-exact in a pipe or file, as `pmtui export` does."""
    from pmtui.terminal_text import for_terminal, json_for_terminal

    if output_format == "json":
        return json_for_terminal(text)
    if output_format == "csv" and sys.stdout.isatty():
        return for_terminal(text.replace("\r\n", "\n"), newlines=True)  # CSV's line ends are no controls
    if output_format in ("table", "text") or sys.stdout.isatty():
        return for_terminal(text, newlines=True)
    return text


def folder_policy(folder: str) -> Policy | None:
    """The team policy for a library folder; None, after one line on stderr, when it is malformed."""
    from pathlib import Path

    from pmtui.cli import error
    from pmtui.policy import PolicyError, load_policy

    try:
        return load_policy(Path(folder))[0]
    except PolicyError as exc:
        error(str(exc))
        return None


def report_on_library(folder: str, produce: Callable[[Library], str]) -> int:
    """Open and refresh the library, write what `produce` makes of it (made safe with
    `safe_output`) to stdout; the exit code.

    A folder that cannot be used is one line on stderr and exit 2; unreadable postmortems in it
    are listed on stderr as skipped, and files that are no postmortem (package.json) noted, neither
    changing the exit code.
    """
    import gc

    from pmtui.cli import EXIT_BAD_INPUT, EXIT_OK, error
    from pmtui.library.index import LibraryError, open_library

    # One short run that builds tens of thousands of records, none of them in a cycle: the cyclic
    # collector would only walk them over and over (measured: 0.1 s of a 0.4 s warm report).
    gc.disable()

    try:
        with open_library(folder) as library:
            text = produce(library)
            notes = [f"note: {notice}" for notice in library.notices]
            notes += [f"skipped {library.display_path(skipped.path)}: {skipped.message}" for skipped in library.skipped()]
            notes += [f"note: {library.display_path(other.path)}: {other.message}; left out" for other in library.others()]
    except LibraryError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    for note in notes:
        error(note)
    sys.stdout.write(text)
    return EXIT_OK
