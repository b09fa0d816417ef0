"""Exit codes of every `pmtui` command: 0 ok, 1 the documents have errors, 2 unreadable input or bad usage,
and the one-line error every command (and the apps' launcher) prints."""

import sys

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def error(message: str) -> None:
    """One line on stderr, prefixed like every other Unix tool's."""
    print(f"pmtui: {message}", file=sys.stderr)
