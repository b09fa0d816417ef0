"""PagerDuty incident log entries: the JSON of `GET /incidents/{id}/log_entries` (REST API v2).

Accepts the API response (an object with `log_entries`) or a bare list of entries. Each entry's
`created_at` and `summary` become an event with source "PagerDuty"; a trigger carries the alert's
own summary (`channel.summary`, or `event_details.description`) rather than "Triggered through the
API.". Trigger, acknowledge and resolve entries propose the `detected`, `acknowledged` and
`resolved` milestones; the merge sets them only where the document has none yet (the first
acknowledgement counts, later ones are plain events).

A page of a longer log (`"more": true`) proposes no milestones: the first acknowledgement or the
resolution may be on another page. `skip_routine` leaves out notifications and urgency changes.
"""

from __future__ import annotations

from typing import Any

from pmtui.document.model import Milestone
from pmtui.importers import Imported, SourceError
from pmtui.importers.events import decode_text, new_event, parse_json, parse_time

SOURCE = "PagerDuty"

MILESTONES = {
    "trigger_log_entry": Milestone.DETECTED,
    "acknowledge_log_entry": Milestone.ACKNOWLEDGED,
    "resolve_log_entry": Milestone.RESOLVED,
}
# Entries PagerDuty writes on every incident: who was paged how, and urgency set by the service.
ROUTINE = {"notify_log_entry", "urgency_change_log_entry"}


def _entries(raw: Any, name: str) -> list[Any]:
    if isinstance(raw, dict) and isinstance(raw.get("log_entries"), list):
        return raw["log_entries"]
    if isinstance(raw, list):
        return raw
    shape = "an object without a log_entries list" if isinstance(raw, dict) else type(raw).__name__
    raise SourceError(f"{name}: expected PagerDuty log entries (a list, or an object with \"log_entries\"), got {shape}")


def _field(entry: dict[str, Any], section: str, key: str) -> Any:
    holder = entry.get(section)
    return holder.get(key) if isinstance(holder, dict) else None


def _alert_summary(entry: dict[str, Any]) -> str | None:
    for value in (_field(entry, "channel", "summary"), _field(entry, "event_details", "description")):
        if isinstance(value, str) and value.strip():
            return value
    return None


def _text(entry: dict[str, Any]) -> str:
    """The entry's summary; a note's text and a trigger's alert live in its channel."""
    summary = entry.get("summary")
    text = summary if isinstance(summary, str) else ""
    kind = entry.get("type")
    if kind == "trigger_log_entry":
        alert = _alert_summary(entry)
        return f"Triggered: {alert}" if alert else text
    note = _field(entry, "channel", "summary")
    if kind == "annotate_log_entry" and isinstance(note, str) and note.strip() and note not in text:
        text = f"{text}: {note}" if text else note
    return text


def parse_log_entries(data: bytes, name: str, *, skip_routine: bool = False) -> Imported:
    raw = parse_json(decode_text(data, name), name, "a PagerDuty log")
    partial = isinstance(raw, dict) and raw.get("more") is True
    imported = Imported([])
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
        if skip_routine and kind in ROUTINE:
            continue
        milestone = MILESTONES.get(kind) if isinstance(kind, str) and not partial else None
        imported.events.append(new_event(time, _text(entry), SOURCE, where, milestone))
    if partial:
        imported.notes.append(
            f"{name}: one page of a longer log (\"more\": true), so no milestones were taken from it; "
            "import the whole log (every page's entries in one list) to set them"
        )
    return imported
