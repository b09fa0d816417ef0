"""The meeting app: starts the meeting and holds what is app-wide (theme, bell, the library, the keys).

The session owns the document, the agenda (pmtui.meeting) owns the clock, the meeting screen
drives the meeting (agenda ticks, phase moves, panels, review) and `autosave.py` saves. This class
builds them, routes the app-wide keys to the screen, and quits without losing an edit.
"""

from __future__ import annotations

import datetime as dt
import gc
import asyncio
import os
import signal
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen

from pmtui import storage
from pmtui.app.common.keys import key_display
from pmtui.app.common.themes import THEMES
from pmtui.app.meeting.autosave import Autosave, SaveFinished
from pmtui.app.meeting.commands import COMMANDS
from pmtui.app.meeting.screen import PANEL_TITLES, MeetingScreen, Settings
from pmtui.app.meeting.session import EditError, Session
from pmtui.exits import EXIT_BAD_INPUT
from pmtui.meeting.agenda import Agenda, utc_now
from pmtui.meeting.layouts import Layout
from pmtui.terminal_text import for_terminal

EXIT_AFTER_FIRST_FRAME = "PMTUI_EXIT_AFTER_FIRST_FRAME"  # set: quit after the first frame, unsaved
# Closing the terminal window (SIGHUP) or a `kill` (SIGTERM) would otherwise end the process within
# the autosave delay of an edit and lose it: both quit the way Ctrl+Q does, saving first.
QUIT_SIGNALS = (signal.SIGHUP, signal.SIGTERM)
PALETTE_ALSO = ("save", "reload", "save_as")  # keys that yield to a field being typed in, still in the palette


class PostmortemApp(App[None]):
    CSS_PATH = "../common/app.tcss"
    # Out of the Footer: the agenda-keys line shows them (it has room for all; the Footer had not).
    BINDINGS = [replace(command, show=False).binding() for command in COMMANDS]
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
        self.layout = layout
        self.agenda = Agenda.restore(layout, session.document.meeting, clock, wall)
        self.settings = Settings(bell=bell, library=library)
        self.notice = notice
        self.requested_theme = theme
        self.meeting = MeetingScreen(session, self.agenda, layout, self.settings)
        self.autosave = Autosave(self, session, self._save_state)
        session.on_change = self._document_changed
        self._quit_armed = False
        self.sub_title = str(session.path) + (f" · {notice}" if notice else "")
        for custom in THEMES:
            self.register_theme(custom)

    @property
    def library_dir(self) -> Path | None:
        return self.settings.library

    def get_default_screen(self) -> Screen:
        return self.meeting

    def on_mount(self) -> None:
        if self.requested_theme:
            self.theme = self.requested_theme
        loop = asyncio.get_running_loop()
        for number in QUIT_SIGNALS:
            loop.add_signal_handler(number, self.call_next, self.action_quit)
        self.meeting.save_state = self.autosave.state()
        self.meeting.start()
        if self.notice:
            self.notify(self.notice, markup=False, timeout=10)
        if os.environ.get(EXIT_AFTER_FIRST_FRAME):  # benchmarks/run.py times start-up to the first frame
            self.call_after_refresh(self.exit)  # and nothing after it; nothing is saved
        else:
            self.call_after_refresh(self._after_first_frame)

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for number in QUIT_SIGNALS:
            loop.remove_signal_handler(number)

    def _after_first_frame(self) -> None:
        """What the first frame does not wait for: the first review pass (a while on a big document),
        then freezing what start-up built: the document and the widgets live as long as the app, and
        every full garbage collection re-scanned them (~100 ms each with a 10,000-event timeline)."""
        self.meeting.refresh_review()
        gc.freeze()
        self.meeting.prepare_next_panel_soon()

    # ---------------------------------------------------------------------------- agenda keys

    async def agenda_key_may_act(self, key: str) -> bool:
        """An agenda key never moves the agenda behind an open dialog. A form's text is kept first:
        saved as the form's Save would, or, when nothing was typed, the form just closes. A form
        whose text cannot be saved yet (a half-typed time) stays open and says why the key waits,
        and so does any other dialog. True when the meeting screen is in front and the key may act."""
        from pmtui.app.common.forms import FormScreen, LiveFormScreen

        screen = self.screen
        if screen is self.meeting:
            return True
        problem: str | None = None
        if isinstance(screen, FormScreen):
            values = screen.values()
            if values != {field.name: field.value for field in screen.fields}:
                try:
                    screen.apply(values)
                except EditError as exc:
                    problem = str(exc)
                else:
                    self.notify(f"{screen.form_title}: saved before {key}.", markup=False)
        elif isinstance(screen, LiveFormScreen):
            problem = screen.problem  # everything else it holds is saved already
        else:
            problem = "close this dialog first (Esc)"
        if problem is not None:
            self.notify(f"{key} waits: {problem}", severity="warning", markup=False)
            return False
        await screen.dismiss(None if isinstance(screen, LiveFormScreen) else True)
        return self.screen is self.meeting or await self.agenda_key_may_act(key)

    async def action_toggle_pause(self) -> None:
        if not await self.agenda_key_may_act("F2"):
            return
        paused = self.agenda.toggle_pause()
        await self.meeting.agenda_moved()
        self.notify("Paused: F2 resumes" if paused else "Resumed", markup=False)

    async def action_next_phase(self) -> None:
        if not await self.agenda_key_may_act("F4"):
            return
        if self.agenda.next_phase():
            await self.meeting.agenda_moved()
            if self.agenda.ended:
                parked = len(self.session.text_list("parking_lot"))
                settle = (f" ({parked} parked item{'s' if parked != 1 else ''} to settle there: action item, "
                          "lesson or open question)") if parked else ""
                self.notify(f"The meeting has ended. F9 finalizes the document{settle}; F5 or F3 goes back.",
                            markup=False)

    async def action_previous_phase(self) -> None:
        if not await self.agenda_key_may_act("F3"):
            return
        if self.agenda.previous_phase():
            await self.meeting.agenda_moved()

    async def action_undo_advance(self) -> None:
        if not await self.agenda_key_may_act("F5"):
            return
        if self.agenda.undo_advance():
            await self.meeting.agenda_moved()
            self.notify("Back to the phase you left, with its clock as it was.", markup=False)
        else:
            self.notify("Nothing to undo: the last move was not a move to the next phase.", markup=False)

    async def action_extend(self, minutes: float) -> None:
        if not await self.agenda_key_may_act(f"+{minutes:g} min"):
            return
        self.agenda.extend(minutes)
        await self.meeting.agenda_moved()
        self.notify(f"+{minutes:g} min for {self.agenda.snapshot().phase.title}", markup=False)

    def action_toggle_bell(self) -> None:
        self.settings.bell = not self.settings.bell
        self.meeting.refresh_agenda()
        self.notify("Bell on" if self.settings.bell else "Bell off", markup=False)

    # ---------------------------------------------------------------------------- screens

    def action_help(self) -> None:
        from pmtui.app.meeting.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_finalize(self) -> None:
        from pmtui.app.meeting.finalize import FinalizeScreen

        self.push_screen(FinalizeScreen(self.session, self.meeting.copy_out))

    def action_pick_panel(self) -> None:
        from pmtui.app.common.forms import ChoiceScreen

        choices = [(title, panel) for panel, title in PANEL_TITLES.items() if panel != "detection"]

        def chosen(panel: str | None) -> None:
            if panel:
                self.meeting.show_panel(panel)

        self.push_screen(ChoiceScreen("Show which panel? (the agenda stays where it is)", choices,
                                      self.meeting.shown_panel), chosen)

    def action_capture(self, list_name: str) -> None:
        self.meeting.capture(list_name)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Each action once: Textual's own, less the two ours replace ("Quit" is Ctrl+Q's save and
        quit, "Keys" is F1's list of every key); the meeting's; the shown panel's, from its BINDINGS."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Keys"):
                yield command
        for command in COMMANDS:
            if command.priority or command.id in PALETTE_ALSO:
                yield SystemCommand(command.label if len(command.label) > 4 else command.help, command.help,
                                    lambda action=command.action: self.run_action(action))
        panel = self.meeting.current_panel()
        if panel is not None:
            for binding in panel.BINDINGS:
                yield SystemCommand(binding.tooltip, f"{key_display(binding.key)} on this panel",
                                    lambda action=binding.action: panel.run_action(action))
        for panel_name, title in PANEL_TITLES.items():
            if panel_name != "detection":
                yield SystemCommand(f"Show panel: {title}", "Without moving the agenda",
                                    lambda panel_name=panel_name: self.meeting.show_panel(panel_name))

    # ---------------------------------------------------------------------------- document changes and saving

    def _document_changed(self, area: str, note: str | None) -> None:
        self.meeting.document_changed(area, note)
        self.autosave.schedule()

    def _save_state(self, state: str) -> None:
        self.meeting.save_state = state
        self.meeting.refresh_agenda()

    def on_save_finished(self, message: SaveFinished) -> None:
        self.autosave.finished(message)

    async def save_pending(self) -> None:
        """Write everything now (tests and quitting wait for it)."""
        await self.autosave.flush()

    def action_save_now(self) -> None:
        self.autosave.save_soon_as_possible()

    def action_reload_file(self) -> None:
        """Read the file as it is on disk (after a conflict): unsaved edits go to a recovery file first."""
        try:
            recovery = self.session.reload()
        except (EditError, storage.DocumentError) as exc:
            self.notify(f"Not reloaded: {for_terminal(str(exc))}", severity="error", markup=False, timeout=30)
            return
        kept = f"; your unsaved edits are in {for_terminal(str(recovery))}" if recovery else ""
        self.notify(f"Reloaded {for_terminal(str(self.session.path))}{kept}", markup=False, timeout=30)
        self._file_changed()

    def action_save_as(self) -> None:
        """Write the document to a new file and continue there (after a conflict, or to branch off)."""
        from pmtui.app.common.forms import FormField, FormScreen

        def save_as(fields: dict[str, str]) -> None:
            name = fields["path"].strip()
            if not name:
                raise EditError("save as: type a file name ending in .toml or .json")
            self.session.save_as(self.session.path.parent / Path(name).expanduser())
            self.notify(f"Saved as {for_terminal(str(self.session.path))}; editing it from now on", markup=False)
            self._file_changed()

        suggestion = self.session.path.with_name(f"{self.session.path.stem}-mine{self.session.path.suffix}").name
        self.push_screen(FormScreen("Save under another name (relative to the file's folder)",
                                    [FormField("path", "File name", suggestion)], save_as))

    def _file_changed(self) -> None:
        """Another file, or the file read again: the title and the save state follow."""
        self.sub_title = str(self.session.path) + (f" · {self.notice}" if self.notice else "")
        self._save_state(self.autosave.state())

    async def action_quit(self) -> None:
        """Save first; if the file cannot take it, write a recovery copy; never drop an edit silently."""
        self.meeting.stop_preparing()  # nothing more to build
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
        # Not 0: a script or the library that started the meeting must not take it for a saved file.
        self.exit(return_code=EXIT_BAD_INPUT,
                  message=f"pmtui: {for_terminal(reason)}\npmtui: your edits are in {for_terminal(str(recovery))}")
