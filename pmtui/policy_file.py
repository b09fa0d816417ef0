"""Where a folder's team policy lives, found without loading the policy: the meeting app looks
for it before its first frame, and only a folder that has one pays for reading it (`pmtui.policy`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

POLICY_PATH = Path(".pmtui") / "policy.toml"


def find_policy_file(start: Path) -> Path | None:
    """The nearest `.pmtui/policy.toml` from `start` (a document or a folder) up to the root.

    Anything by that name counts, even a folder or a broken link: reading it then says what is
    wrong, where skipping it would silently hold the team to the built-in default instead."""
    folder = start.resolve()
    if not _is(folder, Path.is_dir):
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        path = candidate / POLICY_PATH
        if _is(path, _exists):
            return path
    return None


def _is(path: Path, test: Callable[[Path], bool]) -> bool:
    """`test(path)`, False where the path cannot even be looked at (a name too long for the file
    system): what reads that path reports the problem, not the policy search."""
    try:
        return test(path)
    except OSError:
        return False


def _exists(path: Path) -> bool:
    return path.is_symlink() or path.exists()
