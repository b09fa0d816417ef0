"""Pure edits of a document: Document (or one of its lists) in, a new one out, nothing mutated.

The meeting session and the importers both go through these, so an event lands in the same place,
a milestone moves the same way and a new event gets its id by the same rule whoever adds it.
Parsing what a person typed into a form is not here: that is the app's business.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pmtui.document.model import Document, TimelineEvent, next_free_id


def new_ids(prefix: str, taken: set[str], count: int) -> list[str]:
    """Ids for `count` new entries: each one past the highest in use, so an id of a deleted entry
    is never given again (an old citation never points at a different event)."""
    ids: list[str] = []
    for _ in range(count):
        ids.append(next_free_id(prefix, taken | set(ids)))
    return ids


def time_ordered_position(instant: dt.datetime, instants: Sequence[dt.datetime]) -> int:
    """Where an event at `instant` goes in a timeline kept in time order: after every event at or
    before it (so simultaneous events keep the order they were added in)."""
    for index in range(len(instants) - 1, -1, -1):
        if instants[index] <= instant:
            return index + 1
    return 0


def take_milestone(timeline: list[TimelineEvent], keep: int) -> tuple[list[TimelineEvent], str | None]:
    """A milestone belongs to one event: the timeline with it cleared from any other event than
    `keep`, and a note saying where it moved from (None when it moved nowhere)."""
    milestone = timeline[keep].milestone
    if milestone is None:
        return timeline, None
    for index, other in enumerate(timeline):
        if index != keep and other.milestone == milestone:
            changed = list(timeline)
            changed[index] = other.model_copy(update={"milestone": None})
            return changed, f"milestone {milestone} moved from {other.id} to {timeline[keep].id}"
    return timeline, None


def delete_event(document: Document, index: int) -> Document:
    """The document without the event at `index`; whys that cited it as evidence stop citing it."""
    removed = document.timeline[index]
    timeline = [event for at, event in enumerate(document.timeline) if at != index]
    whys = [
        why.model_copy(update={"evidence": [cited for cited in why.evidence if cited != removed.id]})
        if removed.id in why.evidence else why
        for why in document.whys
    ]
    return document.model_copy(update={"timeline": timeline, "whys": whys})
