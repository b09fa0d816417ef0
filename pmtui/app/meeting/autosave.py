"""Saving while the meeting runs: one home for the debounce, the save worker, retries and the flush at quit.

Every edit schedules a save a moment later (edits in a burst share one). The session hands over a
consistent snapshot (`snapshot`); a worker thread serializes and writes it, one save at a time;
the outcome comes back to the event loop as `SaveFinished` and goes to the session (`saved`).
A failed save (disk full) is retried; a file changed on disk stops autosave until quit.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from textual.app import App
from textual.message import Message
from textual.worker import Worker, get_current_worker

from pmtui.app.common.debounce import Debounce
from pmtui.app.meeting.session import SaveJob, SaveOutcome, Session, run_save

AUTOSAVE_DELAY = 0.5  # seconds after a change; edits in a burst share one save
SAVE_SWITCH_INTERVAL = 0.001  # seconds: GIL slices while a save serializes (see `_write`)
RETRY_DELAY = 5.0  # after a failed save (disk full): edits stay in memory meanwhile


class SaveFinished(Message):
    def __init__(self, worker: Worker, outcome: SaveOutcome) -> None:
        super().__init__()
        self.worker = worker
        self.outcome = outcome


class Autosave:
    """Runs its timers and worker on `app`, which forwards `SaveFinished` to `finished`.
    `on_state` is told what to show ("✓ saved", "● saving", …) whenever that may have changed."""

    def __init__(self, app: App, session: Session, on_state: Callable[[str], None]) -> None:
        self.app = app
        self.session = session
        self.on_state = on_state
        self._timer = Debounce(app, AUTOSAVE_DELAY, self._start)
        self._worker: Worker | None = None

    def state(self) -> str:
        session = self.session
        if session.conflict:
            return "⚠ FILE CHANGED ON DISK: not saving (your edits are kept): Ctrl+R reloads it, Ctrl+E saves under another name"
        if session.save_error:
            return "⚠ NOT SAVED (retrying): " + session.save_error
        return "● saving" if session.dirty else "✓ saved"

    def _show_state(self) -> None:
        self.on_state(self.state())

    def schedule(self, delay: float = AUTOSAVE_DELAY) -> None:
        """Save `delay` seconds from now, or sooner if a save is already waiting (a burst shares it)."""
        self._timer.start(delay)

    def save_soon_as_possible(self) -> None:
        """Ctrl+S: start a save now instead of when the delay runs out."""
        self._timer.stop()
        self._start()

    @property
    def saving(self) -> bool:
        """A save is being written (the next one waits for it: `finished` schedules it)."""
        return self._worker is not None

    def _start(self) -> None:
        job = None if self.saving else self.session.snapshot()
        if job is not None:
            # A description, or Textual builds one from repr(job): the whole document, on the event loop.
            self._worker = self.app.run_worker(lambda: self._write(job), thread=True, exclusive=True,
                                               group="autosave", exit_on_error=False, description="autosave")
        self._show_state()

    def _write(self, job: SaveJob) -> SaveOutcome:
        """Serialize and write off the event loop; the outcome goes back as a message.

        Serializing is pure Python and holds the GIL: with Python's default 5 ms switch interval
        the loop waited up to ~20 ms for it on a 10,000-event document. 1 ms slices while the save
        runs keep the room's keystrokes flowing (one save at a time: the worker is exclusive)."""
        default_interval = sys.getswitchinterval()
        sys.setswitchinterval(SAVE_SWITCH_INTERVAL)
        try:
            outcome = run_save(job)
        finally:
            sys.setswitchinterval(default_interval)
        self.app.post_message(SaveFinished(get_current_worker(), outcome))
        return outcome

    def finished(self, message: SaveFinished) -> None:
        if message.worker is not self._worker:
            return  # already applied by `flush`
        self._worker = None
        self.session.saved(message.outcome)
        outcome = message.outcome
        if outcome.conflict:
            self.app.notify(f"{outcome.error}. Autosave is off: Ctrl+R reloads it (your unsaved edits go to a "
                            "recovery file first), Ctrl+E saves under another name; quitting writes a recovery file.",
                            severity="error", markup=False, timeout=30)
        elif outcome.error:
            self.app.notify(f"Not saved: {outcome.error}. Your edits are kept; retrying in {RETRY_DELAY:g} s.",
                            severity="error", markup=False, timeout=10)
            self.schedule(RETRY_DELAY)
        elif self.session.dirty:
            self.schedule()
        self._show_state()

    async def flush(self) -> None:
        """Write everything now: wait for a save in flight, then save what came after it."""
        self._timer.stop()
        worker, self._worker = self._worker, None
        if worker is not None:
            await worker.wait()
            if isinstance(worker.result, SaveOutcome):  # else the worker died: the revision is still dirty
                self.session.saved(worker.result)
        if self.session.dirty and not self.session.conflict:
            outcome = self.session.save_now()
            if outcome.error and not outcome.conflict:
                self.app.notify(f"Not saved: {outcome.error}", severity="error", markup=False)
        self._show_state()
