"""A monotonic clock the test moves by hand: a 40-minute meeting runs in milliseconds.

The apps' delayed actions (`pmtui.app.common.debounce.schedule`) can run on it too: the app tests
do, so `advance` fires every timer that falls due, in time order, and nothing waits on wall time."""

from __future__ import annotations

from collections.abc import Callable


class FakeTimer:
    def __init__(self, at: float, callback: Callable[[], object]) -> None:
        self.at = at
        self.callback = callback
        self.live = True

    def stop(self) -> None:
        self.live = False


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.timers: list[FakeTimer] = []

    def __call__(self) -> float:
        return self.now

    def schedule(self, owner: object, delay: float, callback: Callable[[], object]) -> FakeTimer:
        timer = FakeTimer(self.now + delay, callback)
        self.timers.append(timer)
        return timer

    def repeat(self, owner: object, interval: float, callback: Callable[[], object]) -> FakeTimer:
        def again() -> None:
            timer.at += interval
            timer.live = True
            self.timers.append(timer)
            callback()

        timer = FakeTimer(self.now + interval, again)
        self.timers.append(timer)
        return timer

    def advance(self, seconds: float) -> None:
        until = self.now + seconds
        while due := [timer for timer in self.timers if timer.live and timer.at <= until]:
            timer = min(due, key=lambda timer: timer.at)  # the earliest; min keeps the first scheduled on a tie
            timer.live = False
            self.now = max(self.now, timer.at)
            timer.callback()
        self.now = until
        self.timers = [timer for timer in self.timers if timer.live]
