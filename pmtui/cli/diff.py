"""`pmtui diff OLD NEW`: what changed between two versions of a postmortem, in its own words.

Also git's external diff driver: git runs `diff.<driver>.command` with seven arguments
(path old-file old-hex old-mode new-file new-hex new-mode), and /dev/null stands for the side
of an added or removed file.
"""

from __future__ import annotations

import argparse

GIT_DRIVER_ARGUMENTS = 7
NO_FILE = "/dev/null"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="describe what changed between two versions of a postmortem (also a git diff driver)",
        description="Describe what changed from OLD to NEW in the words of the document: timeline events, "
        "whys and action items by id, fields before and after. Given the seven arguments git passes to "
        "a diff driver (path old-file old-hex old-mode new-file new-hex new-mode), it describes that "
        "file's change for `git diff` and `git log -p --ext-diff`; see the README for the set-up.",
        usage="%(prog)s [-h] OLD NEW",
    )
    parser.add_argument("files", nargs="+", metavar="OLD NEW",
                        help="the two versions to compare (or the seven arguments of a git diff driver)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pmtui.cli import UsageError

    if len(args.files) == 2:
        return _compare_files(*args.files)
    if len(args.files) == GIT_DRIVER_ARGUMENTS:
        path, old_file, _old_hex, _old_mode, new_file, _new_hex, _new_mode = args.files
        return _git_driver(path, old_file, new_file)
    raise UsageError(f"diff: expected OLD NEW, or the {GIT_DRIVER_ARGUMENTS} arguments of a git diff driver "
                     f"(got {len(args.files)})")


def _compare_files(old_file: str, new_file: str) -> int:
    from pmtui import storage
    from pmtui.cli import EXIT_BAD_INPUT, error

    try:
        old = storage.load_document(old_file)
        new = storage.load_document(new_file)
    except storage.DocumentError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    _print_changes(old, new)
    return 0


def _git_driver(path: str, old_file: str, new_file: str) -> int:
    """Always exit 0: git stops `git log -p` at a driver that fails, and one unreadable old
    revision should not hide every other commit. A file that cannot be read says so instead."""
    from pmtui.terminal_text import for_terminal

    print(f"pmtui diff {for_terminal(path)}")
    old, old_problem = _read_version(old_file, path, "old")
    new, new_problem = _read_version(new_file, path, "new")
    for problem in (old_problem, new_problem):
        if problem:
            print(f"  {for_terminal(problem)}")
    if old_problem or new_problem:
        return 0
    if old is None and new is not None:
        print(f"  new postmortem: {for_terminal(new.incident.title)}")
    elif new is None and old is not None:
        print(f"  postmortem removed: {for_terminal(old.incident.title)}")
    elif old is not None and new is not None:
        _print_changes(old, new, indent="  ")
    return 0


def _read_version(file: str, path: str, side: str):
    """(document, None), (None, None) for /dev/null, or (None, the one-line problem).

    The format follows the repository path: git's copy of an old version is a temporary file
    whose name need not end like the original's.
    """
    from pathlib import Path

    from pmtui import storage

    if file == NO_FILE:
        return None, None
    from pmtui.storage.files import MAX_DOCUMENT_BYTES, read_bytes

    try:
        # A version larger than any document is refused before it is read whole, as `load` does.
        data, _ = read_bytes(Path(file), limit=MAX_DOCUMENT_BYTES)
    except storage.DocumentError as exc:
        return None, f"{side} version unreadable: {str(exc).removeprefix(f'{file}: ')}"
    try:
        document, _preamble, _extras = storage.parse_document(data, Path(f"{path} ({side})"),
                                                              storage.format_for(Path(path)))
    except storage.DocumentError as exc:
        return None, str(exc)
    return document, None


def _print_changes(old, new, indent: str = "") -> None:
    from pmtui.document.changes import describe_changes
    from pmtui.terminal_text import for_terminal

    lines = describe_changes(old, new) or ["no change to the document (only its layout in the file)"]
    for line in lines:
        print(f"{indent}{for_terminal(line)}")
