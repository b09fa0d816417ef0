"""Pilot tests: a whole meeting driven by keys, the agenda keys, the timer, saving and its failures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from app_harness import FakeClock, make_app, run_async, type_text, wait_until
from textual.widgets import Static

from pmtui import storage
from pmtui.app.meeting.agenda_bar import AgendaBar
from pmtui.document.model import Milestone, Status


def agenda_text(app) -> str:
    return str(app.meeting.query_one(AgendaBar).render())


@run_async
async def test_a_whole_meeting_by_keys_lands_in_the_file(blank_draft: Path, clock: FakeClock) -> None:
    app = make_app(blank_draft, clock)
    async with app.run_test() as pilot:
        # Walkthrough: the summary (where the cursor starts), typed into its form.
        assert app.agenda.snapshot().phase.id == "walkthrough"
        await pilot.press("enter")
        await type_text(pilot, "Checkout failed for 20 minutes.")
        await pilot.press("escape")
        await pilot.press("f4")

        # Timeline check: one event, with a milestone picked from the drop-down.
        assert app.meeting.shown_panel == "timeline"
        await pilot.press("a")
        await type_text(pilot, "14:30")
        await pilot.press("tab")
        await type_text(pilot, "Rollback of [/deploy] starts")
        await pilot.press("tab")
        await type_text(pilot, "Slack")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f4")

        # Root cause: a three-deep chain with a branch, a root mark, and the summary.
        assert app.meeting.shown_panel == "whys"
        for answer in ("Requests timed out", "The pool was exhausted", "Workers doubled"):
            await pilot.press("a")
            await type_text(pilot, answer)
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("s")
        await type_text(pilot, "Autoscaler added pods")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("r")
        await pilot.press("c")
        await type_text(pilot, "No connection budget per service.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f4")

        # Action items: owner and due date.
        assert app.meeting.shown_panel == "actions"
        await pilot.press("a")
        await type_text(pilot, "Add a CI check on connections")
        await pilot.press("tab")
        await type_text(pilot, "Priya")
        await pilot.press("tab")
        await type_text(pilot, "2026-12-01")
        await pilot.press("enter")
        await pilot.pause()

        # Q&A, and a parking-lot note captured with one key.
        await pilot.press("f4")
        assert app.meeting.shown_panel == "findings"
        await pilot.press("f8")
        await type_text(pilot, "Ask the DBA team about limits")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f4")
        assert app.agenda.ended

        # Finalize: nothing blocks in_review any more, so m moves it.
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert app.session.document.incident.status == Status.IN_REVIEW
        await pilot.press("escape")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0

    saved = storage.load_document(blank_draft)
    assert saved.incident.summary == "Checkout failed for 20 minutes."
    assert saved.incident.status == Status.IN_REVIEW
    [event] = saved.timeline
    assert (event.time, event.event, event.source) == (dt.time(14, 30), "Rollback of [/deploy] starts", "Slack")
    assert [(why.id, why.answer, why.root) for why in saved.whys] == [
        ("1", "Requests timed out", False),
        ("1.1", "The pool was exhausted", False),
        ("1.1.1", "Workers doubled", False),
        ("1.1.2", "Autoscaler added pods", True),
    ]
    assert saved.root_cause.summary == "No connection budget per service."
    [item] = saved.action_items
    assert (item.action, item.owner, item.due) == ("Add a CI check on connections", "Priya", dt.date(2026, 12, 1))
    assert saved.meeting.parking_lot == ["Ask the DBA team about limits"]
    assert saved.meeting.layout == "standard"
    assert saved.meeting.ended is not None
    assert [phase.id for phase in saved.meeting.phases] == [phase.id for phase in app.layout.phases]


@run_async
async def test_new_events_keep_time_order_and_take_their_milestone(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test():
        session = app.session
        before = [event.id for event in session.document.timeline]
        index = session.add_event("14:10", "Error budget alert fires", "Grafana", "detected")
        timeline = session.document.timeline
        assert timeline[index - 1].time <= dt.time(14, 10) <= timeline[index + 1].time
        assert [event.id for event in timeline if event.milestone == Milestone.DETECTED] == [timeline[index].id]
        assert len(timeline) == len(before) + 1


@run_async
async def test_undo_advance_restores_the_phase_and_its_clock(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test() as pilot:
        clock.advance(100)
        await pilot.press("f4")
        clock.advance(10)
        assert app.agenda.snapshot().phase.id == "timeline"
        await pilot.press("f5")
        snapshot = app.agenda.snapshot()
        assert snapshot.phase.id == "walkthrough"
        assert snapshot.phases[0].actual == pytest.approx(100)  # the 10 s in the wrong phase are not charged
        assert snapshot.phases[1].actual == 0
        assert app.meeting.shown_panel == "summary"


@run_async
async def test_extend_adds_minutes_to_the_current_phase(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test() as pilot:
        await pilot.press("f6")
        await pilot.press("f7")
        assert app.agenda.snapshot().remaining == pytest.approx((5 + 1 + 5) * 60)
        record = app.session.document.meeting
        assert (record.phases[0].planned_minutes, record.phases[0].extended_minutes) == (5, 6)
        bar = str(app.meeting.query_one("#agenda").render())
        assert "of 46:00" in bar  # the standard layout's 40 minutes and the 6 added, as `pmtui watch` shows


@run_async
async def test_pause_stops_the_phase_clock(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test() as pilot:
        await pilot.press("f2")
        clock.advance(120)
        assert app.agenda.snapshot().remaining == pytest.approx(300)
        assert "PAUSED" in agenda_text(app)
        await pilot.press("f2")
        clock.advance(30)
        assert app.agenda.snapshot().remaining == pytest.approx(270)


@run_async
async def test_timer_warns_at_one_minute_and_shows_the_overrun(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test() as pilot:
        clock.advance(239)  # the agenda ticks every second of the injected clock
        assert not app.meeting.has_class("-flash") and app.rang == 0
        clock.advance(1.5)  # 60 s left at the tick of second 240
        assert app.meeting.has_class("-flash")
        assert app.rang == 1
        await pilot.pause()
        assert "Walkthrough 01:00" in agenda_text(app)  # as of the tick at second 240
        clock.advance(1)  # the flash lasts one second
        assert not app.meeting.has_class("-flash")
        clock.advance(10)
        assert app.rang == 1  # once per phase
        clock.advance(131.5)  # 6:23 into the 5-minute phase
        assert app.rang == 1  # the overrun is a notice, not a second bell
        await pilot.pause()
        text = agenda_text(app)
        assert "+01:23" in text
        assert "will end +01:23 late" in text


@run_async
async def test_no_bell_keeps_quiet_but_still_flashes(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock, bell=False)
    async with app.run_test():
        clock.advance(240.5)
        assert app.rang == 0
        assert app.meeting.has_class("-flash")


@run_async
async def test_autosave_writes_by_itself_once_typing_pauses(sample_copy: Path, clock: FakeClock) -> None:
    from pmtui.app.meeting.autosave import AUTOSAVE_DELAY

    app = make_app(sample_copy, clock)
    async with app.run_test() as pilot:
        before = sample_copy.read_bytes()
        await pilot.press("f8")
        await type_text(pilot, "Who sized the pool")
        await pilot.press("enter")
        await pilot.pause()
        assert sample_copy.read_bytes() == before  # the save waits for the pause in typing
        clock.advance(AUTOSAVE_DELAY)  # no save_pending(): the autosave's own timer fires
        await wait_until(pilot, lambda: b"Who sized the pool" in sample_copy.read_bytes())
        await wait_until(pilot, lambda: "✓ saved" in agenda_text(app))
    assert storage.load_document(sample_copy).meeting.parking_lot[-1] == "Who sized the pool"


@run_async
async def test_an_edit_reaches_the_disk(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test() as pilot:
        app.session.add_text("lessons", "Budgets beat limits")
        await app.save_pending()
        assert not app.session.dirty
        assert "Budgets beat limits" in storage.load_document(sample_copy).findings.lessons
        await pilot.pause()
        assert "✓ saved" in agenda_text(app)


@run_async
async def test_autosave_writes_in_a_worker_without_being_asked(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test() as pilot:
        await app.save_pending()  # the meeting record written at start-up, out of the way
        app.session.add_text("went_well", "The rollback was quick")
        app.action_save_now()  # what the autosave timer does when it fires
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.session.dirty
        assert "The rollback was quick" in storage.load_document(sample_copy).findings.went_well


async def conflict(app, pilot, sample_copy: Path) -> str:
    """Someone else changes the file, then the room adds a lesson: the save stops. What they wrote."""
    await app.save_pending()
    outside = sample_copy.read_text(encoding="utf-8").replace("Orders API outage", "Edited elsewhere")
    sample_copy.write_text(outside, encoding="utf-8")
    app.session.add_text("lessons", "Mine")
    await app.save_pending()
    await pilot.pause()
    assert app.session.conflict
    return outside


@run_async
async def test_a_file_changed_on_disk_is_not_clobbered(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test() as pilot:
        outside = await conflict(app, pilot, sample_copy)
        assert "CHANGED ON DISK" in agenda_text(app) and "Ctrl+R reloads it" in agenda_text(app)
        assert sample_copy.read_text(encoding="utf-8") == outside
        earlier = sample_copy.with_name(sample_copy.name + ".pmtui-recovery")
        earlier.write_text("an earlier recovery, kept\n", encoding="utf-8")
        messages = []
        real_exit = app.exit
        app.exit = lambda **options: (messages.append(options.get("message")), real_exit(**options))[1]
        await pilot.press("ctrl+q")
        await pilot.pause()
    recovery = sample_copy.with_name(sample_copy.name + ".pmtui-recovery-2")
    assert "Mine" in storage.parse_document(recovery.read_bytes(), Path("x.toml"))[0].findings.lessons
    assert earlier.read_text(encoding="utf-8") == "an earlier recovery, kept\n"
    assert sample_copy.read_text(encoding="utf-8") == outside
    assert app.return_code != 0 and str(recovery) in str(messages)


@run_async
async def test_reload_after_a_conflict_keeps_the_unsaved_edits_in_a_recovery_file(sample_copy: Path,
                                                                                 clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test() as pilot:
        await conflict(app, pilot, sample_copy)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.session.document.incident.title.startswith("Edited elsewhere")
        assert "Mine" not in app.session.document.findings.lessons
        assert not app.session.conflict and not app.session.dirty
        recovery = sample_copy.with_name(sample_copy.name + ".pmtui-recovery")
        assert any(str(recovery) in str(notice.message) for notice in app._notifications)
        app.session.add_text("lessons", "After the reload")
        await app.save_pending()
    assert "Mine" in storage.parse_document(recovery.read_bytes(), Path("x.toml"))[0].findings.lessons
    assert storage.load_document(sample_copy).findings.lessons[-1] == "After the reload"
    assert app.return_code in (0, None)


@run_async
async def test_save_as_after_a_conflict_continues_in_the_new_file(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test() as pilot:
        outside = await conflict(app, pilot, sample_copy)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await type_text(pilot, "mine.toml")
        await pilot.press("enter")
        await pilot.pause()
        mine = sample_copy.with_name("mine.toml")
        assert app.session.path == mine and not app.session.conflict
        app.session.add_text("lessons", "Later")
        await app.save_pending()
    assert storage.load_document(mine).findings.lessons[-2:] == ["Mine", "Later"]
    assert sample_copy.read_text(encoding="utf-8") == outside


@run_async
async def test_a_failed_save_keeps_the_edit_and_retries(sample_copy: Path, clock: FakeClock,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(sample_copy, clock)
    real_write = storage.write_atomic

    def disk_full(path, data):
        raise storage.SaveError(f"{path}: cannot save: No space left on device; the file on disk is unchanged")

    async with app.run_test() as pilot:
        monkeypatch.setattr(storage.documents, "write_atomic", disk_full)
        app.session.add_text("lessons", "Kept in memory")
        await app.save_pending()
        await pilot.pause()
        assert app.session.dirty and "No space left" in (app.session.save_error or "")
        assert "NOT SAVED" in agenda_text(app)
        monkeypatch.setattr(storage.documents, "write_atomic", real_write)
        await app.save_pending()
        assert not app.session.dirty and app.session.save_error is None
    assert "Kept in memory" in storage.load_document(sample_copy).findings.lessons


@pytest.mark.parametrize("size", [(79, 24), (60, 20), (40, 12)])
@run_async
async def test_a_too_small_terminal_says_so(sample_copy: Path, clock: FakeClock, size: tuple[int, int]) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        message = app.meeting.query_one("#too-small", Static)
        assert message.display
        assert f"needs 80x24, this one is {size[0]}x{size[1]}" in str(message.render())
        assert not app.meeting.query_one("#body").display


@run_async
async def test_user_text_with_markup_characters_is_shown_literally(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test() as pilot:
        await pilot.press("f4")
        app.session.add_event("14:29", "rollback [/deploy] [bold]now", "Slack")
        await pilot.pause()
        assert app.is_running


@run_async
async def test_start_up_builds_only_what_the_first_frame_shows(sample_copy: Path, clock: FakeClock) -> None:
    from pmtui.app.meeting.panels.panel import Panel

    app = make_app(sample_copy, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [panel.id for panel in app.meeting.query(Panel)] == ["summary"]  # the first phase's only
        assert not app.meeting.query("#side")  # the wide side column: not at 80 columns
        await pilot.press("f4")
        await pilot.pause()
        assert [panel.id for panel in app.meeting.query(Panel)] == ["summary", "timeline"]
        assert app.meeting.query_one("#timeline-table").has_focus
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert app.meeting.query_one("#side").display


@run_async
async def test_the_next_phase_panel_is_built_a_moment_into_the_current_phase(sample_copy: Path, clock: FakeClock) -> None:
    from pmtui.app.meeting.panels.panel import Panel
    from pmtui.app.meeting.screen import PREPARE_NEXT_DELAY

    app = make_app(sample_copy, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert set(app.meeting.panels) == {"summary"}  # not before the delay
        clock.advance(PREPARE_NEXT_DELAY)
        await wait_until(pilot, lambda: "timeline" in app.meeting.panels and app.meeting.panels["timeline"].is_mounted)
        built = app.meeting.panels
        assert set(built) == {"summary", "timeline"}  # walkthrough's, and timeline check's ahead of F4
        assert built["timeline"].is_mounted and not built["timeline"].display
        assert app.meeting.query_one("#summary-table").has_focus
        await pilot.press("f4")
        clock.advance(PREPARE_NEXT_DELAY)
        await wait_until(pilot, lambda: "whys" in app.meeting.panels and app.meeting.panels["whys"].is_mounted)
        assert set(app.meeting.panels) == {"summary", "timeline", "whys"}
        assert app.meeting.query_one("#panels").query_children(Panel).nodes == list(built.values())
        assert app.meeting.query_one("#timeline-table").has_focus  # the prepared panel takes the keys


@run_async
async def test_racing_through_the_phases_builds_each_panel_once(sample_copy: Path, clock: FakeClock) -> None:
    from pmtui.app.meeting.panels.findings import TextList
    from pmtui.app.meeting.panels.panel import Panel

    app = make_app(sample_copy, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "f4", "f3", "f4", "f4", "f4")  # no pause: panels are still mounting
        await pilot.pause()
        assert app.meeting.shown_panel == "findings"
        panels = app.meeting.query_one("#panels").query_children(Panel)
        assert sorted(str(panel.id) for panel in panels) == ["actions", "findings", "summary", "timeline", "whys"]
        assert [panel.id for panel in panels if panel.display] == ["findings"]
        assert isinstance(app.focused, TextList)


@run_async
async def test_a_panel_still_being_built_misses_no_edit_and_no_review(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.meeting.panel("timeline")  # asked for, not mounted yet: no table to redraw
        app.session.add_event("14:30", "Rollback starts", "Slack")  # redraws reach only mounted panels
        app.meeting.review_now()
        assert not panel.is_mounted
        await app.meeting.panels_mounted()
        await pilot.pause()
        assert panel.table.row_count == len(app.session.document.timeline)
        assert panel.shown_findings == app.session.review_findings()


@run_async
async def test_closing_the_terminal_right_after_an_edit_saves_it(sample_copy: Path, clock: FakeClock) -> None:
    """SIGHUP (the window closed) and SIGTERM arrive well within the autosave delay: the edit is written first."""
    import signal

    for number in (signal.SIGHUP, signal.SIGTERM):
        app = make_app(sample_copy, clock)
        async with app.run_test() as pilot:
            await app.save_pending()
            app.session.add_text("lessons", f"Kept through signal {number}")
            assert app.session.dirty  # the autosave has not run yet
            signal.raise_signal(number)
            await wait_until(pilot, lambda: not app.is_running)
        lessons = storage.load_document(sample_copy).findings.lessons
        assert f"Kept through signal {number}" in lessons
        assert storage.load_document(sample_copy).meeting.paused  # quit as Ctrl+Q does: the record says paused


@run_async
async def test_opening_a_paused_meeting_and_quitting_leaves_the_file_untouched(sample_copy: Path,
                                                                               clock: FakeClock) -> None:
    """Looking at a postmortem is not a change: git shows no diff after open and Ctrl+Q."""
    from app_harness import TODAY
    from pmtui.app.meeting.app import PostmortemApp
    from pmtui.app.meeting.session import Session
    from pmtui.meeting.layouts import load_layout

    app = make_app(sample_copy, clock)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running)
    before = sample_copy.read_bytes()
    an_hour_later = dt.datetime(2026, 11, 2, 11, 0, tzinfo=dt.UTC)
    app = PostmortemApp(Session(storage.load(sample_copy), today=lambda: TODAY), load_layout("standard"),
                        clock=clock, wall=lambda: an_hour_later)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running)
    assert sample_copy.read_bytes() == before
