"""A timeline the room can trust: in order, milestones consistent, no silent stretches.

Rule ids: `timeline-order`, `milestone-order`, `timeline-gap`, `milestone-missing`,
`detection-slow`, `timeline-outside`. Times are compared as resolved instants (dated by the
incident, in its time zone, rolled past midnight), so 23:58 → 00:03 is in order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from pmtui.document.model import ActionKind, Milestone, TimelineEvent
from pmtui.document.timeline import elapsed, format_duration, format_written_time, since_epoch
from pmtui.review.fields import screen_ref
from pmtui.review.findings import INFO, WARNING, Finding, ReviewContext

# The order milestones happen in; `declared` may come any time after detection.
MILESTONE_CHAIN = [
    Milestone.TRIGGER,
    Milestone.IMPACT_START,
    Milestone.DETECTED,
    Milestone.ACKNOWLEDGED,
    Milestone.MITIGATED,
    Milestone.RESOLVED,
    Milestone.CLOSED,
]
NEEDED_MILESTONES = [Milestone.IMPACT_START, Milestone.DETECTED, Milestone.RESOLVED]
# Where the impact window ends, in order of preference: once mitigated, users are no longer hurt
# and the clean-up that follows is rightly sparse.
IMPACT_ENDS = [Milestone.MITIGATED, Milestone.RESOLVED, Milestone.CLOSED]


def _clock(instant: dt.datetime) -> str:
    return instant.strftime("%H:%M:%S" if instant.second else "%H:%M")


def out_of_order(context: ReviewContext) -> Iterator[Finding]:
    timeline, instants = context.document.timeline, context.instants
    for index in range(1, len(timeline)):
        if instants[index] < instants[index - 1]:
            earlier = timeline[index - 1]
            yield Finding(
                "timeline-order", WARNING, f"timeline[{index}].time",
                f"{format_written_time(timeline[index].time)} is earlier than the event before it "
                f"({earlier.id} at {format_written_time(earlier.time)})",
                f"Move {timeline[index].id} before {earlier.id}, or correct its time",
            )


def milestones_out_of_order(context: ReviewContext) -> Iterator[Finding]:
    at = context.milestone_indices
    instants = context.instants
    present = [milestone for milestone in MILESTONE_CHAIN if milestone in at]
    pairs = list(zip(present, present[1:]))
    if Milestone.DECLARED in at and Milestone.DETECTED in at:
        pairs.append((Milestone.DETECTED, Milestone.DECLARED))
    for earlier, later in pairs:
        if instants[at[later]] < instants[at[earlier]]:
            yield Finding(
                "milestone-order", WARNING, f"timeline[{at[later]}].time",
                f"{later.value} ({_clock(instants[at[later]])}) is before {earlier.value} ({_clock(instants[at[earlier]])})",
                f"Check both times: {later.value} cannot come before {earlier.value}, or a derived duration turns negative",
            )


# An event that says work was under way or being waited on explains the silence after it, until an
# event says it finished ("restore started" … "restore complete"); a finishing event also explains
# the silence just before it.
_ONGOING = re.compile(
    r"\b(?:wait\w*|restor\w*|copy\w*|running|in\s+progress|rebuild\w*|reindex\w*|resync\w*|replicat\w*"
    r"|backfill\w*|drain\w*|migrat\w*|monitor\w*|watch\w*|on\s+hold|ticket|vendor|provider|estimat\w*|eta)\b",
    re.IGNORECASE,
)
_FINISHED = re.compile(
    r"\b(?:complete[sd]?|finish(?:ed|es)|done|restored|caught\s+up|drained|back\s+online)\b", re.IGNORECASE
)
LOOK_BACK = 20  # events read back from a gap for work still under way: gaps are rare, timelines long


def _under_way(timeline: list[TimelineEvent], earlier: list[int]) -> int | None:
    """The latest of the `earlier` events that started work no later one reports finished."""
    for index in reversed(earlier):
        if _FINISHED.search(timeline[index].event):
            return None
        if _ONGOING.search(timeline[index].event):
            return index
    return None


# More gap findings than this in one document are reported as one finding that lists them.
MAX_SEPARATE_GAPS = 3


def silent_gaps(context: ReviewContext) -> Iterator[Finding]:
    """Stretches of the impact window with nothing recorded: questions for the room.

    Only inside the impact window (impact_start → mitigated, else resolved, else closed). A
    stretch the events around it explain (a restore running, a wait for a vendor) is a question
    at most (`info`); more than three stretches become one finding that lists them.
    """
    gaps = list(_gaps(context))
    if len(gaps) <= MAX_SEPARATE_GAPS:
        yield from (finding for finding, _ in gaps)
        return
    severity = WARNING if any(finding.severity == WARNING for finding, _ in gaps) else INFO
    yield Finding(
        "timeline-gap", severity, "timeline",
        f"{len(gaps)} silent stretches in the impact window: " + ", ".join(stretch for _, stretch in gaps),
        "Add what happened in each: signals that fired, what responders tried, even 'waiting for the restore'",
    )


def _gaps(context: ReviewContext) -> Iterator[tuple[Finding, str]]:
    at = context.milestone_indices
    if Milestone.IMPACT_START not in at:
        return
    timeline, instants = context.document.timeline, context.instants
    start = instants[at[Milestone.IMPACT_START]]
    ends = [instants[at[milestone]] for milestone in IMPACT_ENDS if milestone in at]
    end = ends[0] if ends else max(instants)
    threshold = dt.timedelta(minutes=context.config.timeline_gap_minutes)
    window = sorted((instant, index) for index, instant in enumerate(instants) if start <= instant <= end)
    real = [since_epoch(instant) for instant, _ in window]  # once per instant, not twice per pair
    for position in range(1, len(window)):
        gap = real[position] - real[position - 1]
        if gap <= threshold:
            continue
        (before, opened), (after, index) = window[position - 1], window[position]
        running = _under_way(timeline, [index for _, index in window[max(0, position - LOOK_BACK):position]])
        if running is None and _FINISHED.search(timeline[index].event):
            running = opened
        while_running = f"while {screen_ref(context.document, f'timeline[{running}]')} was under way" if running is not None else ""
        stretch = f"{_clock(before)}–{_clock(after)} ({format_duration(gap)}{', ' + while_running if while_running else ''})"
        if while_running:
            finding = Finding(
                "timeline-gap", INFO, f"timeline[{index}].time",
                f"Nothing is recorded between {_clock(before)} and {_clock(after)} ({format_duration(gap)}), "
                f"{while_running}: anything else happen?",
                "If something else happened meanwhile, add it; otherwise nothing to do",
            )
        else:
            finding = Finding(
                "timeline-gap", WARNING, f"timeline[{index}].time",
                f"Nothing is recorded between {_clock(before)} and {_clock(after)} "
                f"({format_duration(gap)}): what happened?",
                "Add what happened then: signals that fired, what responders tried, even 'waiting for the restore'",
            )
        yield finding, stretch


def milestones_missing(context: ReviewContext) -> Iterator[Finding]:
    if not context.document.timeline:
        return
    at = context.milestone_indices
    missing = [milestone.value for milestone in NEEDED_MILESTONES if milestone not in at]
    if missing:
        yield Finding(
            "milestone-missing", WARNING, "timeline",
            f"no {', '.join(missing)} milestone, so the detection gap and time to resolve cannot be computed",
            "Mark the events where users were first hurt, where the team found out and where it ended",
        )


def slow_detection(context: ReviewContext) -> Iterator[Finding]:
    """Slow detection is the most common lesson; the hint stops once a detect item exists."""
    if any(item.kind == ActionKind.DETECT for item in context.document.action_items):
        return
    at = context.milestone_indices
    if Milestone.DETECTED not in at:
        return
    detected = at[Milestone.DETECTED]
    threshold = dt.timedelta(minutes=context.config.detection_threshold_minutes)
    figures = [
        (label, elapsed(context.instants[at[start]], context.instants[detected]))
        for label, start in (("detection gap", Milestone.IMPACT_START), ("time to detect", Milestone.TRIGGER))
        if start in at
    ]
    slow = [f"{label} {format_duration(value)}" for label, value in figures if value > threshold]
    if not slow:
        return
    said = " and ".join(slow)
    yield Finding(
        "detection-slow", WARNING, f"timeline[{detected}].time",
        f"{said}, above {format_duration(threshold)}",
        "Press a in Action items to add a detection item: the alert or check that would have caught this sooner",
        file_suggestion='Add a detection action item (kind = "detect"): the alert or check that would have caught this sooner',
    )


def outside_incident(context: ReviewContext) -> Iterator[Finding]:
    """Events dated before the incident's day, or after it was closed."""
    document = context.document
    instants = context.instants
    closed_index = context.milestone_indices.get(Milestone.CLOSED)
    closed = instants[closed_index] if closed_index is not None else None
    for index, instant in enumerate(instants):
        if document.incident.date is not None and instant.date() < document.incident.date:
            reason = f"is dated {instant.date().isoformat()}, before the incident's date {document.incident.date.isoformat()}"
        elif closed is not None and instant > closed:
            reason = f"is after the incident was closed ({_clock(closed)})"
        else:
            continue
        yield Finding(
            "timeline-outside", WARNING, f"timeline[{index}].time",
            f"{format_written_time(document.timeline[index].time)} {reason}",
            "Correct the time or the incident's date, or move the event to the appendix or notes",
        )


RULES = [out_of_order, milestones_out_of_order, silent_gaps, milestones_missing, slow_detection, outside_incident]
