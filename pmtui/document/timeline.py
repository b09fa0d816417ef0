"""Timeline times as instants, and the durations a postmortem is judged by.

Clock-only times are dated by `incident.date` and roll to the next day when they jump backwards
by more than half a day (the incident went past midnight); a small step backwards is an
out-of-order entry, not a new day. Times without an offset are in `incident.timezone`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from pmtui.document.durations_text import format_duration  # noqa: F401  (re-exported: callers format durations via timeline)
from pmtui.document.model import Document, Milestone, TimelineEvent

# A day the incident cannot be on, used when `incident.date` is missing: durations still work.
UNDATED = dt.date(2000, 1, 1)
_MIDNIGHT_ROLL = dt.timedelta(hours=12)


def zone_of(document: Document) -> ZoneInfo:
    return ZoneInfo(document.incident.timezone)


def resolve_times(document: Document) -> list[dt.datetime]:
    """The aware instant of each timeline event, in file order, in the incident's time zone."""
    zone = zone_of(document)
    day = document.incident.date or UNDATED
    previous: dt.datetime | None = None
    instants: list[dt.datetime] = []
    for event in document.timeline:
        value = event.time
        if isinstance(value, dt.datetime):
            instant = value.replace(tzinfo=zone) if value.tzinfo is None else _in_zone(value, zone)
            day = instant.date()
        else:
            instant = dt.datetime.combine(day, value, tzinfo=zone)
            # On 9999-12-31 there is no next day to roll to: the time stays on the last one.
            if previous is not None and previous - instant > _MIDNIGHT_ROLL and day < dt.date.max:
                day = day + dt.timedelta(days=1)
                instant = dt.datetime.combine(day, value, tzinfo=zone)
        instants.append(instant)
        previous = instant
    return instants


def _in_zone(value: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """`value` on the zone's clock; at the ends of the calendar (years 1 and 9999), where that
    clock reading does not exist, the time keeps the offset it was written with."""
    try:
        return value.astimezone(zone)
    except OverflowError:
        return value


# Subtracting an instant in another zone makes Python count real time (both UTC offsets), exactly
# and without overflow even at years 1 and 9999; two instants in one ZoneInfo subtract as wall clocks.
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def since_epoch(instant: dt.datetime) -> dt.timedelta:
    """Real time since 1970-01-01 UTC: a key that orders and subtracts across DST changes."""
    return instant - _EPOCH


def elapsed(start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """Real time from `start` to `end`, counting a DST change between them."""
    return since_epoch(end) - since_epoch(start)


@dataclass(frozen=True)
class Durations:
    """Derived from milestones; None where a milestone it needs is missing."""

    detection_gap: dt.timedelta | None
    time_to_detect: dt.timedelta | None
    time_to_acknowledge: dt.timedelta | None
    time_to_mitigate: dt.timedelta | None
    time_to_resolve: dt.timedelta | None
    customer_impact: dt.timedelta | None
    total: dt.timedelta | None

    LABELS = {
        "detection_gap": "Detection gap",
        "time_to_detect": "Time to detect",
        "time_to_acknowledge": "Time to acknowledge",
        "time_to_mitigate": "Time to mitigate",
        "time_to_resolve": "Time to resolve",
        "customer_impact": "Customer impact",
        "total": "Total duration",
    }

    def items(self) -> list[tuple[str, str, dt.timedelta | None]]:
        """(field, label, value) in display order."""
        return [(name, label, getattr(self, name)) for name, label in self.LABELS.items()]


def milestone_times(document: Document, instants: list[dt.datetime] | None = None) -> dict[Milestone, dt.datetime]:
    """`instants`: the document's resolved times when the caller has them already."""
    if instants is None:
        instants = resolve_times(document)
    return {
        event.milestone: instant
        for event, instant in zip(document.timeline, instants)
        if event.milestone is not None
    }


def durations(document: Document, instants: list[dt.datetime] | None = None) -> Durations:
    """`instants`: the document's resolved times when the caller has them already."""
    if instants is None:
        instants = resolve_times(document)  # once: a 10,000-event timeline costs tens of ms per pass
    at = milestone_times(document, instants)

    def between(start: Milestone, end: Milestone) -> dt.timedelta | None:
        if start in at and end in at:
            return elapsed(at[start], at[end])
        return None

    points = [since_epoch(instant) for instant in instants]
    gap = between(Milestone.IMPACT_START, Milestone.DETECTED)
    return Durations(
        detection_gap=gap,
        time_to_detect=between(Milestone.TRIGGER, Milestone.DETECTED) if Milestone.TRIGGER in at else gap,
        time_to_acknowledge=between(Milestone.DETECTED, Milestone.ACKNOWLEDGED),
        time_to_mitigate=between(Milestone.IMPACT_START, Milestone.MITIGATED),
        time_to_resolve=between(Milestone.IMPACT_START, Milestone.RESOLVED),
        customer_impact=between(Milestone.IMPACT_START, Milestone.RESOLVED),
        total=(max(points) - min(points)) if instants else None,
    )


def format_written_time(value: dt.time | dt.datetime) -> str:
    """A time as the user wrote it (forms, import previews, review messages): seconds only when
    they matter, a full datetime with its date and offset."""
    if isinstance(value, dt.datetime):
        text = value.strftime("%Y-%m-%d %H:%M")
        if value.second:
            text += value.strftime(":%S")
        if value.tzinfo is not None:
            text += value.strftime(" %z")
        return text
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def spans_days(instants: list[dt.datetime]) -> bool:
    """Whether the resolved times fall on more than one day of the incident's calendar."""
    return len({instant.date() for instant in instants}) > 1


def format_event_time(instant: dt.datetime, *, with_day: bool) -> str:
    """How the room reads an event's time (app, `watch`, export): `23:50` in a one-day incident,
    `Sep 16 00:03` when it spans days, seconds only when they matter.

    `instant` is a resolved time (`resolve_times`), already on the incident's clock; the month is
    spelled in English whatever the locale, so every screen and export shows the same text."""
    clock = instant.strftime("%H:%M:%S" if instant.second else "%H:%M")
    if not with_day:
        return clock
    return f"{_MONTHS[instant.month - 1]} {instant.day:02d} {clock}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def event_times(document: Document, instants: list[dt.datetime] | None = None) -> list[str]:
    """Every event's time as the room reads it, in file order (see `format_event_time`).

    `instants`: the document's resolved times when the caller has them already."""
    if instants is None:
        instants = resolve_times(document)
    with_day = spans_days(instants)
    return [format_event_time(instant, with_day=with_day) for instant in instants]


def sort_key_order(document: Document) -> list[int]:
    """Indices of the timeline in chronological order (stable for equal times)."""
    instants = resolve_times(document)
    return sorted(range(len(instants)), key=lambda index: instants[index])


def sorted_timeline(document: Document) -> list[TimelineEvent]:
    return [document.timeline[index] for index in sort_key_order(document)]


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Monday-to-Friday days after `start` up to and including `end` (0 when end <= start)."""
    days = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        days += day.weekday() < 5
    return days


@dataclass(frozen=True)
class ProcessTimes:
    """How long the postmortem took after the incident was resolved (None: not known or not yet).

    The team policy's timeliness rules, the library index ("days to draft / to review") and
    `patterns`' "reviewed within policy" read these."""

    resolved: dt.datetime | None
    to_draft: dt.timedelta | None  # resolved -> incident.draft_started
    business_days_to_review: int | None  # resolved -> meeting.started, Monday to Friday

    @property
    def hours_to_draft(self) -> float | None:
        return None if self.to_draft is None else round(self.to_draft.total_seconds() / 3600, 1)


def process_times(document: Document, instants: list[dt.datetime] | None = None) -> ProcessTimes:
    """`instants`: the document's resolved times when the caller has them already."""
    resolved = milestone_times(document, instants).get(Milestone.RESOLVED)
    if resolved is None:
        return ProcessTimes(None, None, None)
    drafted = document.incident.draft_started
    reviewed = document.meeting.started
    zone = zone_of(document)
    return ProcessTimes(
        resolved,
        None if drafted is None else elapsed(resolved, drafted),
        None if reviewed is None else business_days_between(resolved.astimezone(zone).date(),
                                                            reviewed.astimezone(zone).date()),
    )
