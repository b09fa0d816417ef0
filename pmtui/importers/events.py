"""What every importer shares: the error type, text decoding, and building one checked event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pmtui.document.model import Milestone, TimelineEvent, parse_event_time
from pmtui.importers import SourceError
from pmtui.storage import files

MILESTONE_NAMES = ", ".join(milestone.value for milestone in Milestone)


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark from spreadsheet tools is dropped) or a SourceError."""
    return files.decode_text(data, name, SourceError)


def parse_time(value: Any, where: str) -> dt.time | dt.datetime:
    """A clock time or ISO 8601 datetime, as the document's `time` field reads it."""
    try:
        return parse_event_time(value)
    except ValueError as exc:
        raise SourceError(f"{where}: time: {exc}") from None


def parse_milestone(value: str | None, where: str) -> Milestone | None:
    if value is None or not value.strip():
        return None
    name = value.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return Milestone(name)
    except ValueError:
        raise SourceError(f'{where}: milestone: unknown milestone "{value}" (use one of {MILESTONE_NAMES})') from None


def fold_lines(text: str) -> str:
    """One line per event: the timeline is a table, so line breaks become spaces."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def new_event(
    time: dt.time | dt.datetime, text: str, source: str | None, where: str, milestone: Milestone | None = None
) -> TimelineEvent:
    event = fold_lines(text)
    if not event:
        raise SourceError(f"{where}: event: must not be empty")
    return TimelineEvent(time=time, event=event, source=(source or "").strip() or None, milestone=milestone)
