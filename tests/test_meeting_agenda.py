"""The agenda timer, driven by a fake clock: a 40-minute meeting runs in milliseconds."""

from __future__ import annotations

import datetime as dt

import pytest
from fake_clock import FakeClock

from pmtui.document.model import MeetingRecord
from pmtui.meeting.agenda import Agenda, AgendaAlert, format_clock
from pmtui.meeting.layouts import load_layout


WALL = dt.datetime(2026, 4, 22, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def agenda(clock: FakeClock) -> Agenda:
    meeting = Agenda(load_layout("standard"), clock=clock, wall=lambda: WALL)
    meeting.start()
    return meeting


def test_countdown_starts_with_the_phase(agenda: Agenda, clock: FakeClock) -> None:
    assert agenda.snapshot().remaining == 300
    clock.advance(61)
    assert agenda.snapshot().remaining == 239
    assert format_clock(agenda.snapshot().remaining) == "03:59"


def test_warns_once_at_one_minute_left_then_overruns_once(agenda: Agenda, clock: FakeClock) -> None:
    clock.advance(239)
    assert agenda.tick() == []
    clock.advance(1)
    assert agenda.tick() == [AgendaAlert.ONE_MINUTE_LEFT]
    assert agenda.snapshot().warning
    clock.advance(30)
    assert agenda.tick() == []
    clock.advance(30)
    assert agenda.tick() == [AgendaAlert.OVERRUN]
    clock.advance(83)
    assert agenda.tick() == []
    snap = agenda.snapshot()
    assert snap.overrun and format_clock(snap.remaining) == "+01:23"
    assert snap.debt == 83


def test_pause_stops_the_phase_clock(agenda: Agenda, clock: FakeClock) -> None:
    clock.advance(100)
    assert agenda.toggle_pause() is True
    clock.advance(500)
    assert agenda.tick() == []
    assert agenda.snapshot().remaining == 200
    assert agenda.toggle_pause() is False
    clock.advance(50)
    assert agenda.snapshot().remaining == 150


def test_extend_gives_time_and_rearms_alerts(agenda: Agenda, clock: FakeClock) -> None:
    clock.advance(290)
    assert agenda.tick() == [AgendaAlert.ONE_MINUTE_LEFT]
    agenda.extend(5)
    assert agenda.snapshot().remaining == 310
    clock.advance(250)
    assert agenda.tick() == [AgendaAlert.ONE_MINUTE_LEFT]
    # An extension is time the meeting now owes: the room sees it will end later.
    assert agenda.snapshot().debt == 300


def test_overrun_debt_carries_and_early_finish_pays_it_back(agenda: Agenda, clock: FakeClock) -> None:
    clock.advance(300 + 90)  # walkthrough overruns by 1:30
    agenda.next_phase()
    assert agenda.snapshot().debt == 90
    clock.advance(200)  # timeline check done 100 s early
    agenda.next_phase()
    snap = agenda.snapshot()
    assert snap.debt == -10
    assert [state.state for state in snap.phases] == ["done", "done", "current", "upcoming", "upcoming"]
    assert snap.elapsed_total == 590


def test_undo_advance_restores_the_phase_and_its_clock(agenda: Agenda, clock: FakeClock) -> None:
    clock.advance(120)
    agenda.next_phase()
    clock.advance(15)
    assert agenda.snapshot().phase.id == "timeline"
    assert agenda.undo_advance() is True
    snap = agenda.snapshot()
    assert snap.phase.id == "walkthrough"
    assert snap.remaining == 300 - 120  # the 15 s in the wrong phase are not charged to it
    assert snap.phases[1].actual == 0
    assert agenda.undo_advance() is False


def test_undo_after_a_pause_in_the_wrong_phase_gives_back_the_clock_as_it_was_left(agenda: Agenda, clock: FakeClock) -> None:
    clock.advance(100)
    agenda.next_phase()
    clock.advance(10)
    agenda.toggle_pause()
    clock.advance(60)
    agenda.undo_advance()
    snap = agenda.snapshot()
    assert snap.phase.id == "walkthrough" and snap.paused
    assert snap.remaining == 200
    assert snap.phases[1].actual == 0


def test_previous_phase_and_end_of_meeting(agenda: Agenda, clock: FakeClock) -> None:
    assert agenda.previous_phase() is False
    for _ in range(5):
        clock.advance(60)
        agenda.next_phase()
    snap = agenda.snapshot()
    assert snap.ended and agenda.ended_at == WALL
    assert agenda.next_phase() is False
    clock.advance(30)
    assert agenda.snapshot().elapsed_total == 300  # the clock stopped at the end
    assert agenda.undo_advance() is True
    assert not agenda.snapshot().ended
    assert agenda.snapshot().phases[-1].actual == 90
    assert agenda.previous_phase() is True
    assert agenda.snapshot().phase.id == "actions"


def test_record_round_trip_resumes_paused(agenda: Agenda, clock: FakeClock) -> None:
    clock.advance(330)
    agenda.next_phase()
    agenda.extend(1)
    clock.advance(20)
    record = MeetingRecord()
    agenda.write_record(record)
    assert record.layout == "standard" and record.current_phase == "timeline"
    assert record.phase_remaining_seconds == 340
    assert [p.actual_seconds for p in record.phases] == [330, 20, 0, 0, 0]
    assert [(p.planned_minutes, p.extended_minutes) for p in record.phases[:2]] == [(5, 0), (5, 1)]
    restored = Agenda.restore(load_layout("standard"), record, clock=clock, wall=lambda: WALL)
    snap = restored.snapshot()
    assert snap.phase.id == "timeline" and snap.paused and snap.remaining == 340
    assert snap.debt == agenda.snapshot().debt


def test_a_record_that_folded_extensions_into_the_plan_still_restores_them(agenda: Agenda, clock: FakeClock) -> None:
    record = MeetingRecord()
    agenda.write_record(record)
    record.phases[0] = record.phases[0].model_copy(update={"planned_minutes": 7})  # as older versions wrote it
    restored = Agenda.restore(load_layout("standard"), record, clock=clock, wall=lambda: WALL)
    assert restored.snapshot().phases[0].planned == 7 * 60


def test_the_agenda_and_the_attendees_view_agree_on_the_total_after_extensions(agenda: Agenda, clock: FakeClock) -> None:
    from pmtui.meeting.live import live_agenda

    agenda.extend(1)
    agenda.extend(5)
    record = MeetingRecord()
    agenda.write_record(record)
    snap = agenda.snapshot()
    assert snap.scheduled_total == snap.planned_total + 6 * 60
    live = live_agenda(record, WALL)
    assert live is not None and live.planned_total == snap.scheduled_total


def test_record_of_another_layout_starts_fresh(agenda: Agenda, clock: FakeClock) -> None:
    record = MeetingRecord()
    agenda.write_record(record)
    restored = Agenda.restore(load_layout("lightweight"), record, clock=clock)
    assert not restored.started and restored.snapshot().phase.id == "summary"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(300, "05:00"), (299.2, "05:00"), (59, "00:59"), (0.4, "00:01"), (0, "00:00"), (-0.5, "00:00"), (-83, "+01:23"), (-3600, "+60:00")],
)
def test_format_clock(seconds: float, text: str) -> None:
    assert format_clock(seconds) == text
