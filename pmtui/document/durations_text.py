"""Durations as people read them. Imports nothing heavy: the library's warm reports use it
without loading the document model."""

from __future__ import annotations

import datetime as dt


def format_duration(value: dt.timedelta | None) -> str:
    """'1h 07m', '12m 30s', '45s'; a dash when unknown; a leading minus when negative."""
    if value is None:
        return "—"
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    days, rest = divmod(abs(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{sign}{days}d {hours}h {minutes:02d}m"
    if hours:
        return f"{sign}{hours}h {minutes:02d}m"
    if minutes:
        return f"{sign}{minutes}m {secs:02d}s" if secs else f"{sign}{minutes}m"
    return f"{sign}{secs}s"


def brief_duration(value: dt.timedelta | None) -> str:
    """At most two units, for a narrow column: '9d 19h', '17h 08m', '12m 30s'; the rest is dropped,
    never rounded up."""
    return " ".join(format_duration(value).split(" ")[:2])  # the sign stays on the first unit
