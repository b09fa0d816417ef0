"""Where a folder's team policy lives, found without loading the policy: the meeting app looks
for it before its first frame, and only a folder that has one pays for reading it (`pmtui.policy`)."""

from __future__ import annotations

from pathlib import Path

POLICY_PATH = Path(".pmtui") / "policy.toml"


def find_policy_file(start: Path) -> Path | None:
    """The nearest `.pmtui/policy.toml` from `start` (a document or a folder) up to the root."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        path = candidate / POLICY_PATH
        if path.is_file():
            return path
    return None
