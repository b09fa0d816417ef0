"""The agenda an attendee sees: the [meeting] record written by the meeting app, moved on to now."""

from __future__ import annotations

import datetime as dt

from pmtui.document.model import MeetingRecord
from pmtui.meeting.agenda import Agenda
from pmtui.meeting.layouts import load_layout
from pmtui.meeting.live import STALE_AFTER_SECONDS, live_agenda

WALL = dt.datetime(2026, 4, 22, 15, 0, tzinfo=dt.UTC)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def recorded(*, into_meeting: float = 30.0, moves: int = 0, pause: bool = False, end: bool = False) -> MeetingRecord:
    """The record the meeting app writes after `moves` phase changes and `into_meeting` seconds."""
    clock = FakeClock()
    agenda = Agenda(load_layout("standard"), clock, wall=lambda: WALL)
    agenda.start()
    for _ in range(moves):
        agenda.next_phase()
    clock.now += into_meeting
    if pause:
        agenda.toggle_pause()
    if end:
        while not agenda.ended:
            agenda.next_phase()
    record = MeetingRecord()
    agenda.write_record(record)
    return record


def test_no_record_means_the_meeting_has_not_started() -> None:
    assert live_agenda(MeetingRecord(), WALL) is None


def test_a_running_phase_counts_down_from_the_record() -> None:
    record = recorded(moves=1, into_meeting=30)
    live = live_agenda(record, WALL + dt.timedelta(seconds=12))
    assert live is not None
    assert live.current == 1 and live.current_phase.id == "timeline"
    assert live.remaining == record.phase_remaining_seconds - 12
    assert live.current_phase.actual == 30 + 12
    assert [phase.state for phase in live.phases][:3] == ["done", "current", "upcoming"]
    assert live.running and not live.overrun and not live.stale


def test_past_the_plan_the_remaining_time_goes_negative() -> None:
    record = recorded(into_meeting=0)
    planned = record.phases[0].planned_minutes * 60
    live = live_agenda(record, WALL + dt.timedelta(seconds=planned + 83))
    assert live.remaining == -83
    assert live.overrun and not live.warning


def test_the_last_minute_is_a_warning() -> None:
    record = recorded(into_meeting=0)
    planned = record.phases[0].planned_minutes * 60
    assert live_agenda(record, WALL + dt.timedelta(seconds=planned - 30)).warning


def test_a_paused_meeting_stands_still() -> None:
    record = recorded(into_meeting=40, pause=True)
    live = live_agenda(record, WALL + dt.timedelta(minutes=10))
    assert live.paused and not live.running
    assert live.remaining == record.phase_remaining_seconds
    assert live.current_phase.actual == 40
    assert not live.stale  # a long pause is not a lost facilitator


def test_an_ended_meeting_has_every_phase_done_and_no_clock() -> None:
    live = live_agenda(recorded(end=True), WALL + dt.timedelta(minutes=5))
    assert live.ended and live.current is None and live.remaining is None
    assert {phase.state for phase in live.phases} == {"done"}


def test_a_clock_behind_the_facilitators_never_runs_the_countdown_backwards() -> None:
    record = recorded()
    live = live_agenda(record, WALL - dt.timedelta(seconds=20))
    assert live.remaining == record.phase_remaining_seconds
    assert live.since_record == 0


def test_a_hand_written_time_without_offset_is_read_as_utc() -> None:
    record = recorded()
    record.updated = WALL.replace(tzinfo=None)
    assert live_agenda(record, WALL + dt.timedelta(seconds=5)).remaining == record.phase_remaining_seconds - 5


def test_an_unknown_current_phase_still_shows_the_time_left() -> None:
    record = recorded()
    record.current_phase = "renamed"
    live = live_agenda(record, WALL)
    assert live.current is None and live.current_phase is None
    assert live.remaining == record.phase_remaining_seconds
    assert {phase.state for phase in live.phases} == {"upcoming"}


def test_a_running_record_that_stopped_coming_is_stale() -> None:
    record = recorded()
    assert not live_agenda(record, WALL + dt.timedelta(seconds=STALE_AFTER_SECONDS)).stale
    assert live_agenda(record, WALL + dt.timedelta(seconds=STALE_AFTER_SECONDS + 1)).stale
