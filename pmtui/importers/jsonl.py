"""JSON lines, for whatever a script can produce: one object per line.

    {"time": "2026-03-05T14:02:11Z", "event": "deploy started", "source": "deploy-bot"}

`time` and `event` are required; `source` and `milestone` are optional. Blank lines are skipped.
Unknown keys are errors, because they are usually a misspelt `source` or `milestone`.
"""

from __future__ import annotations

from pmtui.document.model import TimelineEvent
from pmtui.importers import SourceError
from pmtui.importers.events import decode_text, new_event, parse_json, parse_milestone, parse_time

KEYS = ("time", "event", "source", "milestone")


def _text(record: dict[str, object], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise SourceError(f"{where}: {key}: expected a string, got {type(value).__name__}")


def parse_jsonl(data: bytes, name: str) -> list[TimelineEvent]:
    events: list[TimelineEvent] = []
    # Lines end at "\n" only: splitlines() would also break at U+2028 and other separators that
    # JSON allows raw inside a string (a trailing "\r" is whitespace to JSON).
    for number, line in enumerate(decode_text(data, name).split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{name}: line {number}"
        record = parse_json(line, where, "an event", one_line=True)
        if not isinstance(record, dict):
            raise SourceError(f"{where}: expected a JSON object like {{\"time\": ..., \"event\": ...}}, "
                              f"got {type(record).__name__}")
        unknown = [key for key in record if key not in KEYS]
        if unknown:
            raise SourceError(f'{where}: unknown key "{unknown[0]}" (expected {", ".join(KEYS)})')
        for key in ("time", "event"):
            if _text(record, key, where) is None:
                raise SourceError(f'{where}: {key}: required key is missing')
        events.append(
            new_event(
                parse_time(record["time"], where), _text(record, "event", where) or "",
                _text(record, "source", where), where, parse_milestone(_text(record, "milestone", where), where),
            )
        )
    return events
