"""PagerDuty incident log entries: the JSON of `GET /incidents/{id}/log_entries` (REST API v2).

Accepts the API response (an object with `log_entries`) or a bare list of entries. Each entry's
`created_at` and `summary` become an event with source "PagerDuty". Trigger, acknowledge and resolve
entries propose the `detected`, `acknowledged` and `resolved` milestones; the merge sets them only
where the document has none yet (the first acknowledgement counts, later ones are plain events).
"""

from __future__ import annotations

from typing import Any

from pmtui.document.model import Milestone, TimelineEvent
from pmtui.importers import SourceError
from pmtui.importers.events import decode_text, new_event, parse_json, parse_time

SOURCE = "PagerDuty"

MILESTONES = {
    "trigger_log_entry": Milestone.DETECTED,
    "acknowledge_log_entry": Milestone.ACKNOWLEDGED,
    "resolve_log_entry": Milestone.RESOLVED,
}


def _entries(raw: Any, name: str) -> list[Any]:
    if isinstance(raw, dict) and isinstance(raw.get("log_entries"), list):
        return raw["log_entries"]
    if isinstance(raw, list):
        return raw
    shape = "an object without a log_entries list" if isinstance(raw, dict) else type(raw).__name__
    raise SourceError(f"{name}: expected PagerDuty log entries (a list, or an object with \"log_entries\"), got {shape}")


def _text(entry: dict[str, Any]) -> str:
    """The entry's summary; a note's text lives in its channel, so annotations carry it along."""
    summary = entry.get("summary")
    text = summary if isinstance(summary, str) else ""
    channel = entry.get("channel")
    note = channel.get("summary") if isinstance(channel, dict) else None
    if entry.get("type") == "annotate_log_entry" and isinstance(note, str) and note.strip() and note not in text:
        text = f"{text}: {note}" if text else note
    return text


def parse_log_entries(data: bytes, name: str) -> list[TimelineEvent]:
    raw = parse_json(decode_text(data, name), name, "a PagerDuty log")
    events: list[TimelineEvent] = []
    for index, entry in enumerate(_entries(raw, name)):
        where = f"{name}: log_entries[{index}]"
        if not isinstance(entry, dict):
            raise SourceError(f"{where}: expected a log entry object, got {type(entry).__name__}")
        created = entry.get("created_at")
        if not isinstance(created, str):
            raise SourceError(f"{where}: created_at: expected an ISO 8601 timestamp, got {created!r}")
        time = parse_time(created, where)
        if not _text(entry).strip():
            raise SourceError(f"{where}: summary: missing or empty")
        kind = entry.get("type")
        milestone = MILESTONES.get(kind) if isinstance(kind, str) else None
        events.append(new_event(time, _text(entry), SOURCE, where, milestone))
    return events
