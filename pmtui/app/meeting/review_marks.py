"""Which rows and nodes the review assistant has something to say about, from its findings' paths.

A finding names its field in the document's own terms (`timeline[3].event`, `whys[2].answer`,
`action_items[1].owner`); the timeline table, the whys tree and the action-item table mark the
rows those paths point into. Pure: no Textual, so it is cheap to test and to run per keystroke.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmtui.review.findings import Finding

# A path into one entry of a list section: the section's name, then the entry's index.
_ROW = re.compile(r"(?P<section>[a-z_]+)\[(?P<index>\d+)\]")


def row_of(path: str) -> tuple[str, int] | None:
    """`timeline[3].event` -> ("timeline", 3); a path into no list entry (`incident.summary`) -> None."""
    match = _ROW.match(path)
    return (match["section"], int(match["index"])) if match else None


def marked_rows(findings: Iterable[Finding], section: str) -> frozenset[int]:
    """The indices of `section`'s entries (e.g. "timeline") that at least one finding points into."""
    rows = (row_of(finding.path) for finding in findings)
    return frozenset(row[1] for row in rows if row is not None and row[0] == section)


def findings_at(findings: Iterable[Finding], section: str, index: int) -> list[Finding]:
    """The findings about one entry: `section[index]` itself or any field of it."""
    return findings_by_row(findings).get((section, index), [])


def findings_by_row(findings: Iterable[Finding]) -> dict[tuple[str, int], list[Finding]]:
    """Every finding about a list entry, under its (section, index): one pass per review, so that
    asking about the highlighted row (each cursor move) is a lookup, however many findings there are."""
    by_row: dict[tuple[str, int], list[Finding]] = {}
    for finding in findings:
        row = row_of(finding.path)
        if row is not None:
            by_row.setdefault(row, []).append(finding)
    return by_row
