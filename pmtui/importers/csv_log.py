"""A hand-kept or spreadsheet timeline: CSV with a header row `time,event,source[,milestone]`.

Columns may come in any order and any letter case. Times are `HH:MM`, `HH:MM:SS` or ISO 8601
datetimes (with or without an offset); clock times are dated by the incident. Errors name the
file's line, so a spreadsheet user can find the cell.
"""

from __future__ import annotations

import csv
import io

from pmtui.document.model import TimelineEvent
from pmtui.importers import SourceError
from pmtui.importers.events import decode_text, new_event, parse_milestone, parse_time

REQUIRED = ("time", "event", "source")
OPTIONAL = ("milestone",)


def _columns(header: list[str], name: str) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        key = title.strip().lower()
        if key not in REQUIRED + OPTIONAL:
            raise SourceError(
                f'{name}: line 1: unknown column "{title}" (expected {", ".join(REQUIRED)}[, {", ".join(OPTIONAL)}])'
            )
        if key in columns:
            raise SourceError(f'{name}: line 1: column "{key}" appears twice')
        columns[key] = index
    missing = [key for key in REQUIRED if key not in columns]
    if missing:
        raise SourceError(
            f"{name}: line 1: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"(the header must name {', '.join(REQUIRED)})"
        )
    return columns


def parse_csv(data: bytes, name: str) -> list[TimelineEvent]:
    reader = csv.reader(io.StringIO(decode_text(data, name), newline=""))
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise SourceError(f"{name}: line 1: no header row (expected {','.join(REQUIRED)}[,milestone])")
        columns = _columns(header, name)
        events: list[TimelineEvent] = []
        line = reader.line_num + 1  # where the next record starts; a quoted cell may span lines
        for row in reader:
            where = f"{name}: line {line}"
            line = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise SourceError(f"{where}: {len(row)} cells but the header has {len(header)} columns")
            cells = {key: row[index] if index < len(row) else "" for key, index in columns.items()}
            if not cells["time"].strip():
                raise SourceError(f"{where}: time: is empty")
            events.append(
                new_event(
                    parse_time(cells["time"], where), cells["event"], cells["source"], where,
                    parse_milestone(cells.get("milestone"), where),
                )
            )
    except csv.Error as exc:
        raise SourceError(f"{name}: line {reader.line_num}: CSV error: {exc}") from None
    return events
