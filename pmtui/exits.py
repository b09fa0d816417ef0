"""Exit codes of every `pmtui` command: 0 ok, 1 the documents have errors, 2 unreadable input or bad usage,
and the one-line error every command (and the apps' launcher) prints."""

import sys

from pmtui.terminal_text import for_terminal

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def error(message: str) -> None:
    """One line on stderr, prefixed like every other Unix tool's. Messages quote file names and
    file contents, so they are made safe for the terminal (and kept to one line) here."""
    print(f"pmtui: {for_terminal(message)}", file=sys.stderr)
