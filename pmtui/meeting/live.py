"""The agenda as an attendee sees it: the document's [meeting] record, moved on to now.

The meeting app writes the record (`Agenda.write_record`) when the agenda moves and every
30 seconds while its clock runs. Between those saves the current phase's clock keeps running, so
`pmtui watch` shows the record advanced by `now - updated` unless the meeting is paused or over.
Pure: no I/O, no Textual.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pmtui.document.model import MeetingRecord
from pmtui.meeting.agenda import WARNING_SECONDS, PhaseState

# A running meeting whose record is older than this has most likely lost its facilitator's app
# (closed, crashed, or unable to save): the countdown shown is a guess from the last record.
STALE_AFTER_SECONDS = 90.0


@dataclass(frozen=True)
class LiveAgenda:
    phases: tuple[PhaseState, ...]
    current: int | None  # index into `phases`; None once the meeting ended
    remaining: float | None  # seconds left in the current phase; negative once it overran
    paused: bool
    ended: bool
    since_record: int  # whole seconds since the meeting app wrote the record

    @property
    def running(self) -> bool:
        return not self.paused and not self.ended

    @property
    def current_phase(self) -> PhaseState | None:
        return None if self.current is None else self.phases[self.current]

    @property
    def overrun(self) -> bool:
        return self.remaining is not None and self.remaining <= 0

    @property
    def warning(self) -> bool:
        return self.remaining is not None and 0 < self.remaining <= WARNING_SECONDS

    @property
    def stale(self) -> bool:
        return self.running and self.since_record > STALE_AFTER_SECONDS

    @property
    def elapsed_total(self) -> float:
        return sum(phase.actual for phase in self.phases)

    @property
    def planned_total(self) -> float:
        """The plan with the extensions granted, as the meeting app's agenda bar shows it."""
        return sum(phase.planned for phase in self.phases)


def _as_utc(moment: dt.datetime) -> dt.datetime:
    """A hand-edited file may drop the offset; the meeting app always writes UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def live_agenda(record: MeetingRecord, now: dt.datetime) -> LiveAgenda | None:
    """The agenda at `now` (an aware datetime), or None while the meeting has not started."""
    if record.started is None:
        return None
    ended = record.ended is not None
    # Whole seconds, as `updated` is written: between two ticks of the same second the agenda is
    # equal, so a view redraws only when what it shows has moved. Clocks of two machines sharing a
    # folder may disagree a little: never run the clock backwards.
    since_record = 0
    if record.updated:
        since_record = max(0, int((_as_utc(now) - _as_utc(record.updated)).total_seconds()))
    moved_on = since_record if not (ended or record.paused) else 0
    ids = [phase.id for phase in record.phases]
    current = None if ended or record.current_phase not in ids else ids.index(record.current_phase)
    phases = []
    for index, phase in enumerate(record.phases):
        actual = phase.actual_seconds
        if index == current:
            state, actual = "current", actual + moved_on
        elif ended or (current is not None and index < current):
            state = "done"
        else:
            state = "upcoming"
        planned = (phase.planned_minutes + phase.extended_minutes) * 60
        phases.append(PhaseState(phase.id, phase.title, planned, actual, state))
    remaining = None
    if not ended and record.phase_remaining_seconds is not None:
        remaining = record.phase_remaining_seconds - moved_on
    return LiveAgenda(tuple(phases), current, remaining, record.paused, ended, since_record)
