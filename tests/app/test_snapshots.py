"""What the room sees: each phase panel at 80x24 (the floor), 120x40 (a laptop on the projector)
and 200x60 (a projector), frozen clock, on an incident that runs past midnight (times show their day)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from app_harness import FakeClock, make_app
from document_factory import SAMPLES
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from pmtui.document.model import Status

# Phase index in the standard layout -> the panel it shows.
PANELS = {"summary": 0, "timeline": 1, "whys": 2, "actions": 3, "findings": 4}


def settle_at_phase(index: int):
    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        # The snapshot harness starts this before the meeting screen has composed its panels: without
        # the pause the first F4 hits a panel with no table yet and the snapshot shows a crashed app.
        await pilot.pause()
        for widget in app.query(Input):
            widget.cursor_blink = False
        for widget in app.query(TextArea):
            widget.cursor_blink = False
        await pilot.press(*["f4"] * index)
        await app.save_pending()  # the agenda bar then says "saved", whatever the timing
        await pilot.pause()
        app.clear_notifications()
        await pilot.wait_for_scheduled_animations()
        app.meeting.settle()  # the review and the panels' debounced redraws: every panel has its final content
        await pilot.pause()
        # Redraw everything once more: a screen assembled from cached and fresh lines splits its text
        # runs differently (same pixels, different SVG), which would make the comparison flaky.
        app.screen.refresh(repaint=True, layout=True)
        await pilot.pause()

    return run_before


CASES = [(panel, size) for panel in PANELS for size in ((80, 24), (120, 40), (200, 60))]
PAST_MIDNIGHT = SAMPLES / "checkout-index-lock.toml"


@pytest.mark.parametrize(("panel", "size"), CASES, ids=[f"{panel}-{w}x{h}" for panel, (w, h) in CASES])
def test_panel(snap_compare, tmp_path: Path, panel: str, size: tuple[int, int]) -> None:
    path = tmp_path / "checkout.toml"
    shutil.copyfile(PAST_MIDNIGHT, path)
    app = make_app(path, FakeClock())
    assert snap_compare(app, terminal_size=size, run_before=settle_at_phase(PANELS[panel]))



def open_finalize(pilot_before):
    async def run_before(pilot: Pilot) -> None:
        await pilot_before(pilot)
        app = pilot.app
        # In review, with a blame finding that blocks `final` and the parking lot not yet settled.
        app.session.set_status(Status.IN_REVIEW)
        app.session.add_event("14:50", "Priya forgot to check the pool size")
        app.session.add_text("parking_lot", "Do other services share the pool limit?")
        await app.save_pending()
        await pilot.press("f9")
        await pilot.pause()
        app.clear_notifications()
        app.screen.refresh(repaint=True, layout=True)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_finalize(snap_compare, sample_copy: Path, size: tuple[int, int]) -> None:
    app = make_app(sample_copy, FakeClock())
    assert snap_compare(app, terminal_size=size, run_before=open_finalize(settle_at_phase(0)))
