"""Agenda keys while a dialog is open: the form's text is kept and the form closes before the agenda
moves, or the key says why it waits; the agenda never moves behind an open form."""

from __future__ import annotations

from pathlib import Path

from app_harness import FakeClock, make_app, run_async, type_text

from pmtui import storage
from pmtui.app.common.forms import FormScreen
from pmtui.app.meeting.screen import MeetingScreen


async def open_add_event_form(app, pilot) -> None:
    await pilot.press("f4")  # the timeline phase
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, FormScreen)


@run_async
async def test_f4_saves_the_typed_event_and_closes_the_form_before_moving_on(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test() as pilot:
        await open_add_event_form(app, pilot)
        await type_text(pilot, "14:31")
        await pilot.press("tab")
        await type_text(pilot, "Rollback of [/deploy] starts")
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.agenda.snapshot().index == 2  # the phase after the timeline
        assert "Rollback of [/deploy] starts" in [event.event for event in app.session.document.timeline]
        await app.save_pending()
    assert "Rollback of [/deploy] starts" in [event.event for event in storage.load_document(sample_copy).timeline]


@run_async
async def test_f4_waits_while_the_form_holds_text_it_cannot_save(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test() as pilot:
        await open_add_event_form(app, pilot)
        events = len(app.session.document.timeline)
        await type_text(pilot, "14:7")  # half-typed
        await pilot.press("tab")
        await type_text(pilot, "Pager goes off")
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)  # still open, with what was typed
        assert app.screen.values()["event"] == "Pager goes off"
        assert app.agenda.snapshot().phase.id == "timeline"
        assert len(app.session.document.timeline) == events
        assert any(str(notice.message).startswith("F4 waits: ") for notice in app._notifications)


@run_async
async def test_an_untouched_form_just_closes_and_the_agenda_moves(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test() as pilot:
        await open_add_event_form(app, pilot)
        events = len(app.session.document.timeline)
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.agenda.snapshot().phases[1].planned == 6 * 60
        assert len(app.session.document.timeline) == events


@run_async
async def test_an_agenda_key_waits_behind_a_dialog_without_text(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test() as pilot:
        await pilot.press("f9")
        await pilot.pause()
        finalize = app.screen
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen is finalize
        assert app.agenda.snapshot().phase.id == "walkthrough"
        assert any("F4 waits: close this dialog first" in str(notice.message) for notice in app._notifications)
