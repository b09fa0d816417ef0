"""Helpers for the app tests: a fake clock, the app on a file with it, async tests without a plugin."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from fake_clock import FakeClock  # noqa: F401  (the app tests import it from here)
from textual.pilot import Pilot

from pmtui import storage
from pmtui.app.meeting.app import PostmortemApp
from pmtui.app.meeting.session import Session
from pmtui.meeting.layouts import load_layout

TODAY = dt.date(2026, 11, 2)
WALL = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)


def make_app(path: Path, clock: FakeClock, layout: str = "standard", **options) -> PostmortemApp:
    session = Session(storage.load(path), today=lambda: TODAY)
    app = PostmortemApp(session, load_layout(layout), clock=clock, wall=lambda: WALL, **options)
    app.rang = 0  # type: ignore[attr-defined]

    def ring() -> None:
        app.rang += 1  # type: ignore[attr-defined]

    app.bell = ring  # type: ignore[method-assign]
    return app




def run_async(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test on a fresh event loop (the test extras carry no asyncio plugin)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*["space" if char == " " else char for char in text])


async def wait_until(pilot: Pilot, condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Pause until `condition()` holds (for what a timer or a mount brings): a fixed sleep fails
    on a loaded machine. AssertionError when it never does."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition(), "the condition never held"


def screen_lines(app: Any) -> list[str]:
    """The text of every line on screen, as the room reads it (the top screen, dialogs included)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]
