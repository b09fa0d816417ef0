"""One timer that waits for a pause: the review after typing, a save after a burst of edits, the
next panel a moment into a phase. Every delayed action of the apps goes through it, so tests can
run them all on a clock they move by hand (`schedule` and `repeat` are the one place that meets wall time)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from textual.message_pump import MessagePump


class Stoppable(Protocol):
    def stop(self) -> None: ...


def schedule(owner: MessagePump, delay: float, callback: Callable[[], object]) -> Stoppable:
    """Call `callback` on `owner`'s event loop in `delay` seconds of wall time."""
    return owner.set_timer(delay, callback)


def repeat(owner: MessagePump, interval: float, callback: Callable[[], object]) -> Stoppable:
    """Call `callback` on `owner`'s event loop every `interval` seconds of wall time (polling, clocks)."""
    return owner.set_interval(interval, callback)


class Debounce:
    """Run `callback` once, `delay` seconds after the latest `restart()` (or the first `start()`)."""

    def __init__(self, owner: MessagePump, delay: float, callback: Callable[[], object]) -> None:
        self.owner = owner
        self.delay = delay
        self.callback = callback
        self._timer: Stoppable | None = None

    @property
    def pending(self) -> bool:
        return self._timer is not None

    def start(self, delay: float | None = None) -> None:
        """Run it after `delay` unless it is already waiting (a burst shares the first wait)."""
        if self._timer is None:
            self._timer = schedule(self.owner, self.delay if delay is None else delay, self._fire)

    def restart(self) -> None:
        """Wait the whole delay again from now (typing goes on)."""
        self.stop()
        self.start()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def flush(self) -> None:
        """Run it now if it was waiting (tests drive the delay with this instead of sleeping)."""
        if self._timer is not None:
            self.stop()
            self.callback()

    def _fire(self) -> None:
        self._timer = None
        self.callback()
