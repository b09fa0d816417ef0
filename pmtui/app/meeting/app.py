"""The meeting app: routes keys to the agenda and the session, runs the timer and the autosave.

The session owns the document; the agenda (pmtui.meeting) owns the clock. This class ties them to
the screen: a 1 s interval ticks the agenda and redraws only the agenda bar, every edit schedules
a save that a worker thread writes, and quitting saves first.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, get_current_worker

from pmtui.app.meeting.commands import COMMANDS
from pmtui.app.meeting.screen import PANEL_TITLES, PANEL_WIDGETS, MeetingScreen
from pmtui.app.meeting.session import Area, SaveJob, SaveOutcome, Session, review_module, run_save
from pmtui.app.common.themes import THEMES
from pmtui.meeting.agenda import Agenda, AgendaAlert, utc_now
from pmtui.meeting.layouts import Layout

AUTOSAVE_DELAY = 0.5  # seconds after a change; edits in a burst share one save
SAVE_SWITCH_INTERVAL = 0.001  # seconds: GIL slices while a save serializes (see `_write`)
RETRY_DELAY = 5.0  # after a failed save (disk full): edits stay in memory meanwhile
RECORD_EVERY = 30  # ticks between writing the running agenda into [meeting] (for `pmtui watch`)
REVIEW_DELAY = 0.3  # re-run the review rules once typing pauses this long
PREPARE_NEXT_DELAY = 2.0  # seconds into a phase: build the next phase's panel, so F4 shows it at once
EXIT_AFTER_FIRST_FRAME = "PMTUI_EXIT_AFTER_FIRST_FRAME"  # set: quit after the first frame, unsaved
FLASH_LIST_NAMES = {
    "parking_lot": "Park a question or note for later",
    "went_well": "What went well?",
    "went_poorly": "What went poorly?",
    "lessons": "What did we learn?",
}


class SaveFinished(Message):
    def __init__(self, worker: Worker, outcome: SaveOutcome) -> None:
        super().__init__()
        self.worker = worker
        self.outcome = outcome


class PostmortemApp(App[None]):
    CSS_PATH = "../common/app.tcss"
    BINDINGS = [command.binding() for command in COMMANDS]
    TITLE = "pmtui"

    def __init__(
        self,
        session: Session,
        layout: Layout,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], dt.datetime] = utc_now,
        bell: bool = True,
        notice: str | None = None,
        theme: str | None = None,
        library: Path | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.library_dir = library  # past postmortems, for "similar past incidents" in the root-cause phase
        session.on_change = self._document_changed
        self.layout = layout
        self.agenda = Agenda.restore(layout, session.document.meeting, clock, wall)
        self.bell_enabled = bell
        self.notice = notice
        self.requested_theme = theme
        self.meeting = MeetingScreen()
        self._save_timer: Timer | None = None
        self._save_worker: Worker | None = None
        self._review_timer: Timer | None = None
        self._prepare_timer: Timer | None = None
        self._review_count = 0
        self._ticks = 0
        self._quit_armed = False
        self.sub_title = str(session.path) + (f" · {notice}" if notice else "")
        for custom in THEMES:
            self.register_theme(custom)

    def get_default_screen(self) -> Screen:
        return self.meeting

    def on_mount(self) -> None:
        if self.requested_theme:
            self.theme = self.requested_theme
        if not self.agenda.started:
            self.agenda.start()
        self.session.record_agenda(self.agenda.write_record)
        self.set_interval(1.0, self.tick_agenda)
        if self.notice:
            self.notify(self.notice, markup=False, timeout=10)
        if os.environ.get(EXIT_AFTER_FIRST_FRAME):  # benchmarks/run.py times start-up to the first frame
            self.call_after_refresh(self.exit)  # and nothing after it; nothing is saved
        else:
            self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """What the first frame does not wait for: the first review pass (a while on a big document),
        then freezing what start-up built: the document and the widgets live as long as the app, and
        every full garbage collection re-scanned them (~100 ms each with a 10,000-event timeline)."""
        self._refresh_review()
        gc.freeze()
        self._prepare_next_panel_soon()

    def _prepare_next_panel_soon(self) -> None:
        """Panels are built when first shown (start-up builds one); the next phase's is built a
        moment into the current phase, while the room talks, rather than when F4 is pressed."""
        if self._prepare_timer is not None:
            self._prepare_timer.stop()
        self._prepare_timer = self.set_timer(PREPARE_NEXT_DELAY, self._prepare_next_panel)

    def _prepare_next_panel(self) -> None:
        self._prepare_timer = None
        following = self.agenda.snapshot().index + 1
        if following < len(self.layout.phases) and self.meeting.is_mounted and self.meeting.query("#panels"):
            self.meeting.panel(PANEL_WIDGETS[self.layout.phases[following].panel])

    # ---------------------------------------------------------------------------- agenda

    def status_text(self) -> str:
        session = self.session
        if session.conflict:
            state = "⚠ FILE CHANGED ON DISK: not saving (your edits are kept; Ctrl+Q writes a recovery copy)"
        elif session.save_error:
            state = "⚠ NOT SAVED (retrying): " + session.save_error
        elif session.dirty:
            state = "● saving"
        else:
            state = "✓ saved"
        parts = [f"{session.path.name} {state}"]
        if self._review_count:
            parts.append(f"⚑ {self._review_count} finding{'s' if self._review_count != 1 else ''}")
        if not self.bell_enabled:
            parts.append("bell off")
        return " · ".join(parts)

    def show_agenda(self) -> None:
        if self.meeting.is_mounted:
            self.meeting.show_agenda(self.agenda.snapshot(), self.status_text())

    def tick_agenda(self) -> None:
        """Once a second: alerts, the agenda bar, and now and then the record for `pmtui watch`."""
        alerts = self.agenda.tick()
        self.show_agenda()
        phase = self.agenda.snapshot().phase.title
        for alert in alerts:
            if alert is AgendaAlert.ONE_MINUTE_LEFT:
                self.meeting.flash()
                if self.bell_enabled:
                    self.bell()
                self.notify(f"One minute left for {phase} (F6 adds a minute, F4 moves on)", markup=False, severity="warning")
            else:
                self.notify(f"{phase} is over time: F4 moves on, F6/F7 extend", markup=False, severity="warning")
        self._ticks += 1
        if self.agenda.running and self._ticks % RECORD_EVERY == 0:
            self.session.record_agenda(self.agenda.write_record)

    async def _agenda_moved(self) -> None:
        """Record the move, show the phase's panel, and wait until it is mounted (if it had to be
        built), so the keys typed next reach it."""
        self.session.record_agenda(self.agenda.write_record)
        snapshot = self.agenda.snapshot()
        self.show_agenda()
        self.meeting.show_panel(snapshot.phase.panel)
        self._prepare_next_panel_soon()
        await self.meeting.panels_mounted()

    async def action_toggle_pause(self) -> None:
        paused = self.agenda.toggle_pause()
        await self._agenda_moved()
        self.notify("Paused: F2 resumes" if paused else "Resumed", markup=False)

    async def action_next_phase(self) -> None:
        if self.agenda.next_phase():
            await self._agenda_moved()
            if self.agenda.ended:
                self.notify("The meeting has ended. F9 finalizes the document; F5 or F3 goes back.", markup=False)

    async def action_previous_phase(self) -> None:
        if self.agenda.previous_phase():
            await self._agenda_moved()

    async def action_undo_advance(self) -> None:
        if self.agenda.undo_advance():
            await self._agenda_moved()
            self.notify("Back to the phase you left, with its clock as it was.", markup=False)
        else:
            self.notify("Nothing to undo: the last move was not a move to the next phase.", markup=False)

    async def action_extend(self, minutes: float) -> None:
        self.agenda.extend(minutes)
        await self._agenda_moved()
        self.notify(f"+{minutes:g} min for {self.agenda.snapshot().phase.title}", markup=False)

    def action_toggle_bell(self) -> None:
        self.bell_enabled = not self.bell_enabled
        self.show_agenda()
        self.notify("Bell on" if self.bell_enabled else "Bell off", markup=False)

    # ---------------------------------------------------------------------------- screens

    def action_help(self) -> None:
        from pmtui.app.meeting.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_finalize(self) -> None:
        from pmtui.app.meeting.finalize import FinalizeScreen

        self.push_screen(FinalizeScreen())

    def action_pick_panel(self) -> None:
        from pmtui.app.common.forms import ChoiceScreen

        choices = [(title, panel) for panel, title in PANEL_TITLES.items() if panel != "detection"]

        def chosen(panel: str | None) -> None:
            if panel:
                self.meeting.show_panel(panel)

        self.push_screen(ChoiceScreen("Show which panel? (the agenda stays where it is)", choices,
                                      self.meeting.shown_panel), chosen)

    def copy_out(self, text: str, suffix: str) -> None:
        """Copy an export: the system clipboard, else the terminal's (OSC 52) plus a file beside the
        document; the notice says which happened."""
        from pmtui.clipboard import copy_text

        result = copy_text(text, self.session.path.parent, suffix=suffix, terminal_copy=self.copy_to_clipboard)
        self.notify(result.message, markup=False, severity="information" if result.copied else "warning")

    def capture(self, list_name: str) -> None:
        """One line into a findings list or the parking lot, from any phase."""
        from pmtui.app.common.forms import FormField, FormScreen

        self.push_screen(FormScreen(FLASH_LIST_NAMES[list_name], [FormField("text", "Text")],
                                    lambda fields: self.session.add_text(list_name, fields["text"])))

    def action_capture(self, list_name: str) -> None:
        self.capture(list_name)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for command in COMMANDS:
            if command.priority or command.id == "save":
                yield SystemCommand(command.label if len(command.label) > 4 else command.help, command.help,
                                    lambda action=command.action: self.run_action(action))
        for panel, title in PANEL_TITLES.items():
            if panel != "detection":
                yield SystemCommand(f"Show panel: {title}", "Without moving the agenda",
                                    lambda panel=panel: self.meeting.show_panel(panel))

    # ---------------------------------------------------------------------------- document changes

    def _document_changed(self, area: str, note: str | None) -> None:
        if note:
            self.notify(note, markup=False)
        if self.meeting.is_mounted:
            self.meeting.document_changed(area)
        self._schedule_save()
        if area != Area.MEETING and review_module() is not None:  # the agenda's record holds nothing to review
            if self._review_timer is not None:
                self._review_timer.stop()
            self._review_timer = self.set_timer(REVIEW_DELAY, self._refresh_review)

    def review_now(self) -> None:
        """Run a pending review at once instead of when typing pauses (tests drive the debounce with it)."""
        if self._review_timer is not None:
            self._review_timer.stop()
            self._refresh_review()

    def _refresh_review(self) -> None:
        self._review_timer = None
        findings = self.session.review_findings()
        self._review_count = len(findings)
        if self.meeting.is_mounted:
            self.meeting.show_review(findings)

    # ---------------------------------------------------------------------------- saving

    def _schedule_save(self, delay: float = AUTOSAVE_DELAY) -> None:
        if self._save_timer is None:
            self._save_timer = self.set_timer(delay, self._start_save)

    def _start_save(self) -> None:
        self._save_timer = None
        job = self.session.begin_save()
        if job is not None:
            self._save_worker = self._write(job)
        self.show_agenda()

    # A description, or Textual builds one from repr(job): the whole document, on the event loop.
    @work(thread=True, exclusive=True, group="autosave", exit_on_error=False, description="autosave")
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
        self.post_message(SaveFinished(get_current_worker(), outcome))
        return outcome

    def on_save_finished(self, message: SaveFinished) -> None:
        if message.worker is not self._save_worker:
            return  # already applied by `save_pending`
        self._save_worker = None
        self._apply_outcome(message.outcome)

    def _apply_outcome(self, outcome: SaveOutcome) -> None:
        self.session.finish_save(outcome)
        if outcome.conflict:
            self.notify(f"{outcome.error}. Autosave is off; Ctrl+Q writes your edits to "
                        f"{self.session.recovery_path().name}.", severity="error", markup=False, timeout=30)
        elif outcome.error:
            self.notify(f"Not saved: {outcome.error}. Your edits are kept; retrying in {RETRY_DELAY:g} s.",
                        severity="error", markup=False, timeout=10)
            self._schedule_save(RETRY_DELAY)
        elif self.session.dirty:
            self._schedule_save()
        self.show_agenda()

    async def save_pending(self) -> None:
        """Write everything now: wait for a save in flight, then save what came after it."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        worker, self._save_worker = self._save_worker, None
        if worker is not None:
            await worker.wait()
            if isinstance(worker.result, SaveOutcome):
                self.session.finish_save(worker.result)
            else:
                self.session.saving = False  # the worker died; the revision is still dirty
        if self.session.dirty and not self.session.conflict:
            outcome = self.session.save_now()
            if outcome.error and not outcome.conflict:
                self.notify(f"Not saved: {outcome.error}", severity="error", markup=False)
        self.show_agenda()

    def action_save_now(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = None
        self._start_save()

    async def action_quit(self) -> None:
        """Save first; if the file cannot take it, write a recovery copy; never drop an edit silently."""
        if self._prepare_timer is not None:  # nothing more to build
            self._prepare_timer.stop()
        if self.agenda.running:
            self.agenda.toggle_pause()  # attendees following with `pmtui watch` see "paused", not a clock running on
        self.session.record_agenda(self.agenda.write_record)
        await self.save_pending()
        if not self.session.dirty:
            self.exit()
            return
        try:
            recovery = self.session.save_recovery_copy()
        except Exception as exc:  # noqa: BLE001 - any failure here must reach the user, not end the app
            if self._quit_armed:
                self.exit(message=f"pmtui: quit without saving {self.session.path}: {exc}")
                return
            self._quit_armed = True
            self.notify(f"Could not save anywhere ({exc}). Ctrl+Q again quits and loses the unsaved edits.",
                        severity="error", markup=False, timeout=30)
            return
        reason = self.session.conflict or self.session.save_error or "not saved"
        self.exit(message=f"pmtui: {reason}\npmtui: your edits are in {recovery}")
