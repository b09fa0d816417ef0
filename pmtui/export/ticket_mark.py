"""The mark every exported ticket carries, so `pmtui sync` can find its action item again.

The last line of a ticket's description reads `pmtui-action: postmortems/2026-10-27-orders.toml#AI-3`:
the postmortem's path relative to its git repository (so it is the same on every clone and in CI)
and the action item's id. Trackers keep descriptions as they were imported, with the markup
escapes pmtui added (`\\_` in Jira, `\\*` in Markdown), which `find_marks` reads through.
"""

from __future__ import annotations

import re
from pathlib import Path

PREFIX = "pmtui-action:"
_MARK = re.compile(rf"^\s*{re.escape(PREFIX)}\s*(?P<path>.+)#(?P<id>[^#\s]+)\s*$", re.MULTILINE)
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation


def repository_path(path: Path) -> str:
    """`path` relative to the git repository that holds it (the folder with `.git`), else as given."""
    resolved = path.resolve()
    for folder in resolved.parents:
        if (folder / ".git").exists():
            return resolved.relative_to(folder).as_posix()
    return path.as_posix()


def mark(source: str, item_id: str) -> str:
    return f"{PREFIX} {source}#{item_id}"


def find_marks(text: str) -> list[tuple[str, str]]:
    """(repository path, action id) of each mark in a ticket's description."""
    plain = _ESCAPED.sub(r"\1", text)
    return [(found["path"].strip(), found["id"]) for found in _MARK.finditer(plain)]
