"""The edge sizes of the terminals a meeting meets: a laptop split to 40x12 (a clear "too small"
message, no crash), the 80x24 floor, and a 250x70 projector (the side column with the big
countdown, the prompts in full and the parking lot uses the width). Frozen clock, no blinking."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_harness import FakeClock, make_app, run_async
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

SIZES = {"too-small": (40, 12), "floor": (80, 24), "projector": (250, 70)}


async def settle(pilot: Pilot) -> None:
    app = pilot.app
    for widget in [*app.query(Input), *app.query(TextArea)]:
        widget.cursor_blink = False
    await pilot.press("f4")  # the timeline: the widest table, where the space shows
    await app.save_pending()  # the agenda bar then says "saved", whatever the timing
    await pilot.pause()
    app.clear_notifications()
    await pilot.wait_for_scheduled_animations()
    app.meeting.settle()
    await pilot.pause()
    app.screen.refresh(repaint=True, layout=True)  # one full redraw: stable SVG text runs
    await pilot.pause()


@pytest.mark.parametrize("name", list(SIZES))
def test_terminal_size(snap_compare, sample_copy: Path, name: str) -> None:
    app = make_app(sample_copy, FakeClock())
    assert snap_compare(app, terminal_size=SIZES[name], run_before=settle)


@run_async
async def test_the_projector_size_shows_the_side_column_and_more_rows(sample_copy: Path) -> None:
    app = make_app(sample_copy, FakeClock())
    async with app.run_test(size=SIZES["projector"]) as pilot:
        await settle(pilot)
        side = app.meeting.query_one("#side")
        assert app.meeting.has_class("-wide") and side.display and side.size.width > 0
        panels = app.meeting.query_one("#panels")
        assert panels.size.height >= 50 and panels.size.width >= 160


@run_async
async def test_growing_a_too_small_terminal_brings_the_meeting_back(sample_copy: Path) -> None:
    app = make_app(sample_copy, FakeClock())
    async with app.run_test(size=SIZES["too-small"]) as pilot:
        await pilot.pause()
        assert not app.meeting.query_one("#body").display
        await pilot.resize_terminal(*SIZES["floor"])
        await pilot.pause()
        assert app.meeting.query_one("#body").display
        assert not app.meeting.query_one("#too-small").display
