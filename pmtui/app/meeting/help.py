"""`?` / F1: every key, meeting-wide and per panel, built from the same table as the bindings."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from pmtui.app.common.keys import key_display, key_table
from pmtui.app.meeting.commands import COMMANDS, PANEL_KEYS


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q,question_mark", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        meeting = [(key_display(command.keys), command.help) for command in COMMANDS
                   if command.id not in ("quit_key", "interrupt", "help_key")]
        meeting.append(("q / Ctrl+C / ?", "quit / quit / help, when not typing in a field"))
        with VerticalScroll(classes="dialog help"):
            yield Static(Text("Keys (Esc closes)", style="bold"), classes="dialog-title")
            yield Static(key_table("Meeting (work everywhere, even while typing)", meeting))
            for title, rows in PANEL_KEYS:
                yield Static(key_table(title, list(rows)))
