"""The timeline's derived durations redraw when a duration changes, and only then (a redraw lays
the whole screen out again)."""

from __future__ import annotations

from pathlib import Path

from app_harness import FakeClock, make_app, run_async

from pmtui.app.meeting.panels.timeline import Durations


@run_async
async def test_durations_redraw_only_when_an_edit_changes_one(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f4")
        await app.meeting.panels_mounted()
        app.meeting.settle()
        durations = app.meeting.query_one(Durations)
        before = durations.durations
        redraws: list[dict] = []
        redraw = durations.refresh
        durations.refresh = lambda *args, **kwargs: (redraws.append(kwargs), redraw(*args, **kwargs))[1]

        app.session.add_event("15:10", "A note that moves no milestone")
        app.meeting.settle()
        assert redraws == [] and durations.durations == before

        timeline = app.session.document.timeline
        index = next(number for number, event in enumerate(timeline)
                     if event.milestone is not None and event.milestone.value == "resolved")
        resolved = timeline[index]
        app.session.update_event(index, "15:40", resolved.event, resolved.source or "", "resolved")
        app.meeting.settle()
        assert redraws and durations.durations != before
        assert "Time to resolve 1h 31m" in durations.render().plain  # 47m in the sample, resolved 44 min later
