"""Placing imported events into a document's timeline.

- Instants: an imported time means what it would mean in the document (see document/timeline.py):
  an offset is honoured, a time without one is in the incident's zone, a clock-only time is dated by
  the incident date (rolling past midnight). Imported instants are cut to whole seconds.
- Stored form: a clock time such as `14:22:05` when the instant falls on the incident date or the
  day after, so the timeline table stays readable; otherwise a date-time in the incident's zone; with
  an offset only where a clock change makes local time ambiguous. After sorting, the timeline is read
  back and any event that would land on another instant is written in a fuller form. That can
  include an existing clock time: an imported message from the evening before would otherwise re-date
  the clock times after it. The plan counts those as `pinned`.
- `--since`/`--until` keep only events inside the window (both ends included).
- Duplicates (the same instant and the same text as an event already there, or earlier in the same
  import) are skipped, so importing a file twice adds nothing.
- Milestones an import proposes (PagerDuty's trigger/acknowledge/resolve, a CSV's milestone column)
  are set only where the document has none yet, first in time wins; the event is added either way.
- The timeline ends up sorted by time; new events get `T<n>` ids one past the highest in use, as every edit does.

Nothing changes until `MergePlan.apply`: the new list is built and checked first, so a failing
import leaves the document as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from pmtui.document import edits
from pmtui.document.model import Document, Milestone, TimelineEvent, parse_event_time, reference_problems
from pmtui.document.timeline import UNDATED, resolve_times, sort_key_order, zone_of

# How an event's time is written, from most readable to most explicit. READABLE is an existing
# event's time as its author wrote it, and a new event's clock time.
READABLE, LOCAL_DATETIME, OFFSET_DATETIME = 0, 1, 2
_NEXT_DAY = dt.timedelta(days=1)


class MergeError(Exception):
    """An import that cannot be placed; str() is one line for the user."""


@dataclass(frozen=True)
class Window:
    """Keep only events from `since` to `until` (UTC instants, both included; None is open)."""

    since: dt.datetime | None = None
    until: dt.datetime | None = None

    def contains(self, instant: dt.datetime) -> bool:
        return (self.since is None or instant >= self.since) and (self.until is None or instant <= self.until)


def _bound(document: Document, text: str, flag: str) -> dt.datetime:
    try:
        value = parse_event_time(text)
    except ValueError as exc:
        raise MergeError(f"{flag}: {exc}") from None
    zone = zone_of(document)
    if isinstance(value, dt.time):
        value = dt.datetime.combine(document.incident.date or UNDATED, value, tzinfo=zone)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:  # year 1 or 9999 with an offset that carries it out of the calendar
        raise MergeError(f"{flag}: {text} is out of range (years {dt.MINYEAR + 1} to {dt.MAXYEAR - 1})") from None


def parse_window(document: Document, since: str | None = None, until: str | None = None) -> Window:
    """`--since`/`--until` as the document reads times; `--until 01:00` after `--since 23:00` is the next day."""
    start = _bound(document, since, "--since") if since else None
    end = _bound(document, until, "--until") if until else None
    if start and end and end < start:
        if until and isinstance(parse_event_time(until), dt.time):
            end += _NEXT_DAY
        else:
            raise MergeError(f"--until {until} is before --since {since}")
    return Window(start, end)


@dataclass
class _Entry:
    """One event of the merged timeline, with the instant it must keep."""

    event: TimelineEvent
    instant: dt.datetime  # UTC
    new: bool
    form: int = READABLE

    def materialize(self, zone: ZoneInfo) -> TimelineEvent:
        if not self.new and self.form == READABLE:
            return self.event
        local = self.instant.astimezone(zone)
        time: dt.time | dt.datetime
        # fold=0: a file cannot say "the second 02:30", so the check must not rely on it either.
        if self.form == READABLE:
            time = local.time().replace(fold=0)
        elif self.form == LOCAL_DATETIME:
            time = local.replace(tzinfo=None, fold=0)
        else:
            time = local.astimezone(dt.timezone(local.utcoffset() or dt.timedelta()))
        return self.event.model_copy(update={"time": time})


@dataclass(frozen=True)
class MergePlan:
    """What an import would do; `apply` does it."""

    timeline: list[TimelineEvent]
    added: list[TimelineEvent]
    duplicates: int
    outside_window: int
    milestones_set: list[Milestone]
    milestones_already_set: list[Milestone]
    pinned: int

    def apply(self, document: Document) -> None:
        document.timeline = self.timeline

    def summary(self) -> str:
        added = len(self.added)
        parts = [f"{added} event{'' if added == 1 else 's'} added"]
        if self.duplicates:
            parts.append(f"{self.duplicates} already in the timeline")
        if self.outside_window:
            parts.append(f"{self.outside_window} outside --since/--until")
        if self.milestones_set:
            parts.append("milestones set: " + ", ".join(m.value for m in self.milestones_set))
        if self.milestones_already_set:
            parts.append("milestones already set, not moved: " + ", ".join(m.value for m in self.milestones_already_set))
        if self.pinned:
            parts.append(f"existing times now written with their date to stay on their day: {self.pinned}")
        return "; ".join(parts)


def _key(instant: dt.datetime, text: str) -> tuple[dt.datetime, str]:
    return instant.astimezone(dt.UTC), " ".join(text.split())


def _imported_instants(document: Document, events: list[TimelineEvent]) -> list[dt.datetime]:
    """Each imported event's instant, dated the way the document dates its own times (in file order)."""
    if document.incident.date is None and any(isinstance(event.time, dt.datetime) for event in events):
        raise MergeError("incident.date is empty: set the day the incident started, so imported times can be placed")
    probe = document.model_copy(update={"timeline": events})
    return [instant.astimezone(dt.UTC).replace(microsecond=0) for instant in resolve_times(probe)]


def _settle(document: Document, entries: list[_Entry]) -> list[TimelineEvent]:
    """Write each time as readably as possible while every event keeps its instant."""
    zone = zone_of(document)
    while True:
        timeline = [entry.materialize(zone) for entry in entries]
        resolved = resolve_times(document.model_copy(update={"timeline": timeline}))
        # Compared in UTC: Python never finds a time in a repeated hour equal to one in another zone.
        wrong = next((index for index, entry in enumerate(entries)
                      if resolved[index].astimezone(dt.UTC) != entry.instant), None)
        if wrong is None:
            return timeline
        # Only the first misread event is certain to be wrong itself; later ones may follow from it.
        entries[wrong].form += 1


def _number_new_events(entries: list[_Entry]) -> None:
    """Ids for new events in time order, by the rule every edit uses (`edits.new_ids`)."""
    new = [entry for entry in entries if entry.new]
    taken = {entry.event.id for entry in entries if entry.event.id and not entry.new}
    for entry, event_id in zip(new, edits.new_ids("T", taken, len(new)), strict=True):
        entry.event = entry.event.model_copy(update={"id": event_id})


def plan_merge(document: Document, events: list[TimelineEvent], window: Window | None = None) -> MergePlan:
    window = window or Window()
    instants = _imported_instants(document, events)
    existing = resolve_times(document)
    seen = {_key(instant, event.event) for instant, event in zip(existing, document.timeline)}
    duplicates = outside = 0
    fresh: list[_Entry] = []
    for instant, event in zip(instants, events):
        if not window.contains(instant):
            outside += 1
            continue
        key = _key(instant, event.event)
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        fresh.append(_Entry(event, instant, new=True))

    day = document.incident.date or UNDATED
    zone = zone_of(document)
    for entry in fresh:
        if entry.instant.astimezone(zone).date() not in (day, day + _NEXT_DAY):
            entry.form = LOCAL_DATETIME
    kept = [_Entry(document.timeline[index], existing[index].astimezone(dt.UTC), new=False)
            for index in sort_key_order(document)]
    # A stable sort: at equal instants existing events stay first, imports keep their source order.
    merged = sorted(kept + fresh, key=lambda entry: entry.instant)

    # The first event proposing a milestone sets it; later ones (a second acknowledgement) are
    # plain events. Only milestones the document already had are reported as not moved.
    before = {event.milestone for event in document.timeline if event.milestone}
    milestones_set: list[Milestone] = []
    already_set: list[Milestone] = []
    for entry in merged:
        milestone = entry.event.milestone
        if not entry.new or milestone is None:
            continue
        if milestone in before or milestone in milestones_set:
            if milestone in before and milestone not in already_set:
                already_set.append(milestone)
            entry.event = entry.event.model_copy(update={"milestone": None})
        else:
            milestones_set.append(milestone)

    _number_new_events(merged)
    timeline = _settle(document, merged)
    problems = reference_problems(document.model_copy(update={"timeline": timeline}))
    if problems:
        raise MergeError(problems[0])
    return MergePlan(
        timeline=timeline,
        added=[event for event, entry in zip(timeline, merged) if entry.new],
        duplicates=duplicates,
        outside_window=outside,
        milestones_set=milestones_set,
        milestones_already_set=already_set,
        pinned=sum(1 for entry in merged if not entry.new and entry.form != READABLE),
    )
