"""`pmtui library DIR`: the library app. One screen (`screen.py`); Enter on a postmortem
ends this app with the file chosen, and `launch.launch_library` runs the meeting on it and then
brings the library back, as it was left (view, sort, filter, the row)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.screen import Screen

from pmtui.app.library.screen import IncidentChosen, LibraryScreen, LibraryState
from pmtui.app.common.themes import THEMES
from pmtui.terminal_text import for_terminal


class LibraryApp(App[Path]):
    CSS_PATH = "../common/app.tcss"
    TITLE = "pmtui library"

    def __init__(self, folder: Path, *, state: LibraryState | None = None,
                 today: Callable[[], dt.date] = dt.date.today, theme: str | None = None,
                 notice: str | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.state = state or LibraryState()
        self.today = today
        self.requested_theme = theme
        self.notice = notice
        for custom in THEMES:
            self.register_theme(custom)

    def get_default_screen(self) -> Screen:
        return LibraryScreen(self.folder, self.state, self.today())

    def on_mount(self) -> None:
        if self.requested_theme:
            self.theme = self.requested_theme
        if self.notice:
            self.notify(for_terminal(self.notice), markup=False, severity="error", timeout=15)

    def on_incident_chosen(self, message: IncidentChosen) -> None:
        """Leave the library with the chosen file: the launcher starts the meeting on it."""
        self.exit(message.path)
