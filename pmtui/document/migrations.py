"""Upgrading a file's raw mapping from one schema_version to the next, before it is validated.

`MIGRATIONS[N]` turns a version-N mapping into version N+1; storage applies them in turn and sets
`schema_version`. Each one is pure and keeps what it does not know, so nothing written is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _learning_review_fields(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 2 added `findings.got_lucky`, `findings.surprises`, `findings.open_questions` and
    the timeline's `key` flag, all empty by default: a version-1 file means the same in version 2."""
    return raw


MIGRATIONS: dict[int, Migration] = {1: _learning_review_fields}
