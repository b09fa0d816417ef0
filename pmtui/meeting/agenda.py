"""The agenda timer: which phase the room is in, how long it has left, and the overrun ledger.

Time comes from an injected monotonic `clock` (seconds) and `wall` (datetime) so tests run a
40-minute meeting in milliseconds. Nothing here schedules anything: the app calls `tick()` once a
second and shows `snapshot()`.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from pmtui.document.model import MeetingRecord, PhaseRecord
from pmtui.meeting.layouts import Layout, Phase

WARNING_SECONDS = 60


def utc_now() -> dt.datetime:
    """Milliseconds kept: `pmtui watch` counts down from the moment the record was written."""
    now = dt.datetime.now(dt.UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


class AgendaAlert(Enum):
    ONE_MINUTE_LEFT = "one_minute_left"
    OVERRUN = "overrun"


@dataclass(frozen=True)
class PhaseState:
    id: str
    title: str
    planned: float  # seconds, extensions included
    actual: float  # seconds spent in the phase so far
    state: str  # "done" | "current" | "upcoming"

    @property
    def overrun(self) -> float:
        return max(0.0, self.actual - self.planned)


@dataclass(frozen=True)
class AgendaSnapshot:
    index: int
    phase: Phase
    remaining: float  # seconds; negative once the phase overran
    elapsed_total: float
    planned_total: float  # the layout's plan, before extensions (what the ledger measures against)
    debt: float  # seconds the meeting is running late if the rest goes to plan; negative = ahead
    paused: bool
    started: bool
    ended: bool
    phases: tuple[PhaseState, ...]

    @property
    def warning(self) -> bool:
        return 0 < self.remaining <= WARNING_SECONDS

    @property
    def scheduled_total(self) -> float:
        """The plan with the extensions granted: the meeting's length as the agenda shows it."""
        return sum(state.planned for state in self.phases)

    @property
    def overrun(self) -> bool:
        return self.remaining <= 0


def format_clock(seconds: float) -> str:
    """Countdown text: "04:59" while time is left, "+01:23" once overrun."""
    whole = int(seconds) if seconds >= 0 else -int(-seconds)
    if seconds > 0 and seconds != whole:
        whole += 1  # a countdown shows 00:01 until the last second is gone
    sign = "+" if whole < 0 else ""
    minutes, secs = divmod(abs(whole), 60)
    return f"{sign}{minutes:02d}:{secs:02d}"


@dataclass
class _Advance:
    """What `undo_advance` restores."""

    from_index: int
    at: float
    previous_actual_of_target: float
    was_ended: bool


class Agenda:
    def __init__(
        self,
        layout: Layout,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.layout = layout
        self._clock = clock
        self._wall = wall
        count = len(layout.phases)
        self._actual = [0.0] * count
        self._extra = [0.0] * count
        self._alerted: list[set[AgendaAlert]] = [set() for _ in range(count)]
        self.index = 0
        self._since: float | None = None  # clock value when the current phase last resumed
        self.started_at: dt.datetime | None = None
        self.ended_at: dt.datetime | None = None
        self.paused = False
        self._undo: _Advance | None = None

    # ------------------------------------------------------------------------ state changes

    @property
    def started(self) -> bool:
        return self.started_at is not None

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    @property
    def running(self) -> bool:
        return self._since is not None

    def start(self) -> None:
        """Start the meeting clock (the first phase's timer starts by itself)."""
        if not self.started:
            self.started_at = self._wall()
        if not self.ended and not self.paused:
            self._resume_clock()

    def _resume_clock(self) -> None:
        if self._since is None:
            self._since = self._clock()

    def _stop_clock(self) -> None:
        if self._since is not None:
            self._actual[self.index] += self._clock() - self._since
            self._since = None

    def toggle_pause(self) -> bool:
        """Pause or resume; returns True when now paused."""
        if self.paused:
            self.paused = False
            if self.started and not self.ended:
                self._resume_clock()
        else:
            self.paused = True
            self._stop_clock()
        return self.paused

    def _enter(self, index: int) -> None:
        self._stop_clock()
        self.index = index
        if self.started and not self.paused and not self.ended:
            self._resume_clock()

    def next_phase(self) -> bool:
        """Move on; past the last phase the meeting ends. False when already ended."""
        if self.ended:
            return False
        if not self.started:
            self.start()
        last = self.index == len(self.layout.phases) - 1
        target = self.index if last else self.index + 1
        self._undo = _Advance(self.index, self._clock(), self._actual[target], self.ended)
        if last:
            self._stop_clock()
            self.ended_at = self._wall()
        else:
            self._enter(target)
        return True

    def previous_phase(self) -> bool:
        """Go back deliberately (time from now on counts on the earlier phase)."""
        if self.index == 0 and not self.ended:
            return False
        self._undo = None
        if self.ended:
            self.ended_at = None
            self._enter(self.index)
        else:
            self._enter(self.index - 1)
        return True

    def undo_advance(self) -> bool:
        """Take back the last `next_phase`, as if it never happened: the phase that was left gets
        back its clock as it was when left (the seconds in the phase entered by mistake are not
        charged to it), and the phase entered by mistake gets its clock back too."""
        undo = self._undo
        if undo is None:
            return False
        self._undo = None
        self._stop_clock()
        if undo.from_index != self.index:
            self._actual[self.index] = undo.previous_actual_of_target
            self.index = undo.from_index
        elif not self.paused:
            # Undoing the end of the meeting: the room kept talking about the last phase.
            self._actual[self.index] += self._clock() - undo.at
        self.ended_at = self.ended_at if undo.was_ended else None
        if self.started and not self.paused:
            self._resume_clock()
        return True

    def extend(self, minutes: float) -> None:
        """Give the current phase more time; its alerts can fire again."""
        self._extra[self.index] += minutes * 60
        remaining = self._planned(self.index) - self._elapsed(self.index)
        if remaining > 0:
            self._alerted[self.index].discard(AgendaAlert.OVERRUN)
        if remaining > WARNING_SECONDS:
            self._alerted[self.index].discard(AgendaAlert.ONE_MINUTE_LEFT)

    def tick(self) -> list[AgendaAlert]:
        """Alerts newly due for the current phase (each fires once per phase)."""
        if not self.running:
            return []
        remaining = self._planned(self.index) - self._elapsed(self.index)
        due = []
        if remaining <= WARNING_SECONDS:
            due.append(AgendaAlert.ONE_MINUTE_LEFT)
        if remaining <= 0:
            due.append(AgendaAlert.OVERRUN)
        fired = self._alerted[self.index]
        new = [alert for alert in due if alert not in fired]
        fired.update(new)
        # Crossing both thresholds at once (a short phase, a long pause) reports the overrun only.
        if AgendaAlert.OVERRUN in new:
            return [AgendaAlert.OVERRUN]
        return new

    # ------------------------------------------------------------------------ reading

    def _planned(self, index: int) -> float:
        return self.layout.phases[index].seconds + self._extra[index]

    def _elapsed(self, index: int) -> float:
        running = self._clock() - self._since if (self._since is not None and index == self.index) else 0.0
        return self._actual[index] + running

    def snapshot(self) -> AgendaSnapshot:
        phases = []
        projected = 0.0
        for index, phase in enumerate(self.layout.phases):
            planned, actual = self._planned(index), self._elapsed(index)
            if self.ended or index < self.index:
                state = "done"
                projected += actual
            elif index == self.index:
                state = "current"
                projected += max(planned, actual)
            else:
                state = "upcoming"
                projected += planned
            phases.append(PhaseState(phase.id, phase.title, planned, actual, state))
        planned_total = self.layout.total_minutes * 60
        current = phases[self.index]
        return AgendaSnapshot(
            index=self.index,
            phase=self.layout.phases[self.index],
            remaining=current.planned - current.actual,
            elapsed_total=sum(state.actual for state in phases),
            planned_total=planned_total,
            debt=projected - planned_total,
            paused=self.paused,
            started=self.started,
            ended=self.ended,
            phases=tuple(phases),
        )

    # ------------------------------------------------------------------------ the document record

    def write_record(self, meeting: MeetingRecord) -> None:
        """Store the agenda in the document's [meeting] section (read back by `restore` and `pmtui watch`)."""
        snap = self.snapshot()
        meeting.layout = self.layout.name
        meeting.started = self.started_at
        meeting.ended = self.ended_at
        meeting.current_phase = None if self.ended else snap.phase.id
        meeting.phase_remaining_seconds = None if self.ended else round(snap.remaining, 1)
        meeting.paused = self.paused
        meeting.updated = self._wall()
        meeting.phases = [
            PhaseRecord(
                id=state.id, title=state.title,
                planned_minutes=round(phase.seconds / 60, 2), actual_seconds=round(state.actual, 1),
                extended_minutes=round(self._extra[index] / 60, 2),
            )
            for index, (phase, state) in enumerate(zip(self.layout.phases, snap.phases, strict=True))
        ]

    @classmethod
    def restore(
        cls,
        layout: Layout,
        record: MeetingRecord,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], dt.datetime] = utc_now,
    ) -> Agenda:
        """Continue a meeting from its record (same layout); a record of another layout is ignored."""
        agenda = cls(layout, clock, wall)
        if record.layout != layout.name or not record.started:
            return agenda
        agenda.started_at = record.started
        agenda.ended_at = record.ended
        for phase_record in record.phases:
            index = layout.index_of(phase_record.id)
            if index is None:
                continue
            agenda._actual[index] = phase_record.actual_seconds
            # Older records folded the extensions into planned_minutes: what exceeds the layout's plan counts too.
            folded = max(0.0, phase_record.planned_minutes * 60 - layout.phases[index].seconds)
            agenda._extra[index] = phase_record.extended_minutes * 60 + folded
        current = layout.index_of(record.current_phase) if record.current_phase else None
        if current is not None:
            agenda.index = current
        elif record.ended:
            agenda.index = len(layout.phases) - 1
        # A reopened meeting starts paused: the facilitator resumes when the room is back.
        agenda.paused = not agenda.ended
        return agenda
