"""`?` / F1: every key, meeting-wide and per panel, read from the bindings themselves."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from pmtui.app.common.keys import key_display, key_table
from pmtui.app.meeting.commands import COMMANDS

# Keys of the widgets every panel is made of (tables, lists, forms), not of one panel.
WIDGET_KEYS = (
    ("Every panel", (
        ("Tab / Shift+Tab", "move between fields and lists"),
        ("↑ ↓ PgUp PgDn Home End", "move in a table or list"),
        ("Enter", "open the highlighted row for editing"),
        ("Ctrl+P", "command palette: every action by name, and the theme (high contrast for projectors)"),
    )),
    ("Forms", (("Enter / Ctrl+S", "save (Ctrl+S in a form with a multi-line field)"), ("Esc", "cancel"))),
)


def panel_keys() -> list[tuple[str, list[tuple[str, str]]]]:
    """Each panel's keys, from its BINDINGS: (panel title, [(keys, what they do)])."""
    from pmtui.app.meeting.panels.actions import ActionsPanel
    from pmtui.app.meeting.panels.findings import FindingsPanel
    from pmtui.app.meeting.panels.summary import SummaryPanel
    from pmtui.app.meeting.panels.timeline import TimelinePanel
    from pmtui.app.meeting.panels.whys import WhysPanel

    panels = (("Summary & impact", SummaryPanel), ("Timeline", TimelinePanel), ("5 whys", WhysPanel),
              ("Action items", ActionsPanel), ("Q&A & findings", FindingsPanel))
    return [(title, [(key_display(binding.key), binding.tooltip) for binding in panel.BINDINGS])
            for title, panel in panels]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q,question_mark", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        meeting = [(key_display(command.keys), command.help) for command in COMMANDS
                   if command.id not in ("quit_key", "interrupt", "help_key")]
        meeting.append(("q / Ctrl+C / ?", "quit / quit / help, when not typing in a field"))
        with VerticalScroll(classes="dialog help"):
            yield Static(Text("Keys (Esc closes)", style="bold"), classes="dialog-title")
            yield Static(key_table("Meeting (work everywhere, even while typing)", meeting))
            for title, rows in [*WIDGET_KEYS[:1], *panel_keys(), *WIDGET_KEYS[1:]]:
                yield Static(key_table(title, list(rows)))
