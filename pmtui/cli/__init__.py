"""The `pmtui` command: parses arguments and dispatches to one module per subcommand.

Each module in this package defines `add_parser(subparsers)`; it imports only argparse at module
level and loads the layer it needs inside its `run`, so `pmtui check` never imports Textual.
Exit codes: 0 ok, 1 the documents have errors, 2 unreadable input or bad usage.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from typing import TextIO
from importlib import import_module

from pmtui import __version__

# Subcommand modules, in the order `pmtui --help` lists them.
COMMAND_MODULES = [
    "meet",
    "new",
    "check",
    "diff",
    "export",
    "schema",
    "import_",
    "actions",
    "patterns",
    "search",
    "similar",
    "library",
    "watch",
    "policy",
    "sync",
    "remind",
]

from pmtui.exits import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, error  # noqa: F401  (commands import them from here)
from pmtui.terminal_text import for_terminal


class UsageError(Exception):
    """A mistake on the command line; the message is shown as one line, exit code 2."""


def path_argument(text: str) -> str:
    """A file or folder argument. An empty one is refused: it is most likely a shell variable that
    was never set (`pmtui check "$CHANGED"`), and as a path it would mean the whole current folder."""
    if not text:
        raise argparse.ArgumentTypeError("an empty path (a shell variable that is not set?)")
    return text


def command_name(module: str) -> str:
    """A subcommand module's command: `import_` is `pmtui import`."""
    return module.rstrip("_")


COMMANDS = frozenset(command_name(module) for module in COMMAND_MODULES)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with `only` just that command's part: a command being run
    imports no other command's module (the meeting app starts sooner)."""
    parser = argparse.ArgumentParser(
        prog="pmtui",
        description="Run incident postmortem reviews in the terminal. "
        "With no command, opens the bundled sample incident; `pmtui FILE` opens FILE.",
    )
    parser.add_argument("--version", action="version", version=f"pmtui {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        if only is None or command_name(module) == only:
            import_module(f"pmtui.cli.{module}").add_parser(subparsers)
    return parser


def _with_default_command(argv: list[str]) -> list[str]:
    """`pmtui` and `pmtui FILE [options]` mean `pmtui meet [FILE] [options]`."""
    if not argv:
        return ["meet"]
    first = argv[0]
    if first in COMMANDS or first in ("-h", "--help", "--version"):
        return argv
    return ["meet", *argv]


def _never_fail_to_encode() -> None:
    """A character the output's encoding lacks (a latin-1 or ASCII locale, a Windows console)
    is written as an escape like `\\u2026` instead of ending the command with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _never_fail_to_encode()
    arguments = _with_default_command(list(sys.argv[1:] if argv is None else argv))
    parser = build_parser(arguments[0] if arguments[0] in COMMANDS else None)
    args = parser.parse_args(arguments)
    try:
        return int(args.run(args) or 0)
    except UsageError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `pmtui export x | head`: the reader left; that is not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:
        # What no command foresaw about the machine (a name too long to look up, a folder that
        # cannot be listed) is still one line naming the file, not a traceback.
        error(f"{exc.filename}: {exc.strerror}" if exc.filename and exc.strerror else str(exc))
        return EXIT_BAD_INPUT


def say(message: str, *, file: TextIO | None = None) -> None:
    """One line of a command's report (stdout by default), safe for the terminal like `error`."""
    print(for_terminal(message), file=file or sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
