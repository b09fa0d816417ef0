"""What every importer shares: the error type, text decoding, and building one checked event."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from typing import Any

from pmtui.document.model import Milestone, TimelineEvent, parse_event_time
from pmtui.importers import SourceError
from pmtui.storage import files

_SURROGATE = re.compile("[\ud800-\udfff]")
MILESTONE_NAMES = ", ".join(milestone.value for milestone in Milestone)


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark from spreadsheet tools is dropped) or a SourceError."""
    return files.decode_text(data, name, SourceError)


def parse_json(text: str, where: str, what: str, *, one_line: bool = False) -> Any:
    """JSON text to a value, or a one-line SourceError naming `where` (the file, or with `one_line`
    the file and line) and the place in it. `what` says what the JSON should have been."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        place = f", column {exc.colno}" if one_line else f": line {exc.lineno}, column {exc.colno}"
        raise SourceError(f"{where}{place}: JSON syntax error: {exc.msg}") from None
    except RecursionError:
        raise SourceError(f"{where}: nested too deeply to be {what}") from None
    except ValueError:  # Python refuses to read an integer this long (a denial of service otherwise)
        raise SourceError(f"{where}: JSON error: a number longer than {sys.get_int_max_str_digits()} digits") from None


def parse_time(value: Any, where: str) -> dt.time | dt.datetime:
    """A clock time or ISO 8601 datetime, as the document's `time` field reads it."""
    try:
        time = parse_event_time(value)
    except ValueError as exc:
        raise SourceError(f"{where}: time: {exc}") from None
    return checked_instant(time, f"{where}: time") if isinstance(time, dt.datetime) else time


def checked_instant(instant: dt.datetime, where: str) -> dt.datetime:
    """`instant`, if it can be moved into any time zone: the merge converts every imported time
    into the incident's, and a time in year 1 or 9999 would overflow there."""
    if not dt.MINYEAR < instant.year < dt.MAXYEAR:
        raise SourceError(f"{where}: {instant.isoformat()} is out of range (years {dt.MINYEAR + 1} to {dt.MAXYEAR - 1})")
    return instant


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
    for name, value in (("event", event), ("source", source or "")):
        surrogate = _SURROGATE.search(value)
        if surrogate:  # JSON can spell "\ud800"; it is no character and cannot be saved as UTF-8
            raise SourceError(f"{where}: {name}: contains {ascii(surrogate.group())[1:-1]}, half of a "
                              "UTF-16 pair and no character on its own")
    return TimelineEvent(time=time, event=event, source=(source or "").strip() or None, milestone=milestone)
