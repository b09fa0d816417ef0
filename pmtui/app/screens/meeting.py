"""The meeting screen: agenda bar on top, the prompts, the current phase's panel, and on a wide
terminal a side column with a big countdown, the prompts in full and the parking lot.

Below 80x24 it shows only a "terminal too small" message (nothing is lost; it comes back when the
window grows)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Digits, Footer, Static

from pmtui.app.session import Area
from pmtui.app.sizing import SizeSteps, fit_to_terminal
from pmtui.app.widgets.actions_panel import ActionsPanel
from pmtui.app.widgets.agenda_bar import AgendaBar
from pmtui.app.widgets.findings_panel import FindingsPanel
from pmtui.app.widgets.panel import Panel
from pmtui.app.widgets.prompts import Prompts
from pmtui.app.widgets.summary_panel import SummaryPanel
from pmtui.app.widgets.timeline_panel import TimelinePanel
from pmtui.app.widgets.whys_panel import WhysPanel
from pmtui.meeting.agenda import AgendaSnapshot, format_clock

if TYPE_CHECKING:
    from pmtui.app.app import PostmortemApp

SIZES = SizeSteps(min_width=80, min_height=24, wide=140, tall=40)

# Layout panel name -> the widget id that shows it ("detection" is the timeline with detection details).
PANEL_WIDGETS = {
    "summary": "summary", "timeline": "timeline", "detection": "timeline",
    "whys": "whys", "actions": "actions", "findings": "findings",
}
PANEL_TITLES = {
    "summary": "Summary & impact", "timeline": "Timeline", "detection": "Detection & response",
    "whys": "5 whys & root cause", "actions": "Action items", "findings": "Q&A & findings",
}


class MeetingScreen(Screen):
    def __init__(self) -> None:
        super().__init__()
        self.selected_why: str | None = None  # the why the room last looked at: what `l` links to
        self.shown_panel = ""

    @property
    def pm_app(self) -> PostmortemApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        snapshot = self.pm_app.agenda.snapshot()
        with Vertical(id="body"):
            yield AgendaBar(snapshot, id="agenda")
            yield Prompts(snapshot.phase, compact=True, id="prompts-top")
            with Horizontal(id="main"):
                with ContentSwitcher(id="panels"):
                    yield SummaryPanel(id="summary")
                    yield TimelinePanel(id="timeline")
                    yield WhysPanel(id="whys")
                    yield ActionsPanel(id="actions")
                    yield FindingsPanel(id="findings")
                with Vertical(id="side"):
                    yield Digits("", id="countdown")
                    yield Prompts(snapshot.phase, compact=False, id="prompts-side")
                    yield Static("Parking lot (F8)", classes="section-title")
                    yield Static(id="parking")
        yield Static(id="too-small")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show_panel(self.pm_app.agenda.snapshot().phase.panel)
        self._show_parking()
        self.on_resize()
        self.pm_app.show_agenda()

    def on_resize(self) -> None:
        fit_to_terminal(self, SIZES, "pmtui", "Make the window larger (or the font smaller). Nothing is lost meanwhile.")

    # ---------------------------------------------------------------------------- agenda

    def show_agenda(self, snapshot: AgendaSnapshot, status: str | None = None) -> None:
        """Redraw the agenda bar and the countdown (every second), and follow a phase change.

        Queried, not looked up: a timer may fire while the app is shutting the screen down."""
        for bar in self.query(AgendaBar):
            bar.show(snapshot, status)
        for countdown in self.query("#countdown").results(Digits):
            countdown.update(format_clock(snapshot.remaining))
            countdown.set_class(snapshot.warning, "-warning")
            countdown.set_class(snapshot.overrun and not snapshot.ended, "-overrun")
        for prompts in self.query(Prompts):
            prompts.show(snapshot.phase)

    def show_panel(self, panel: str) -> None:
        """Switch the main area to a layout panel ("detection" shows the timeline's detection details)."""
        widget_id = PANEL_WIDGETS[panel]
        switcher = self.query_one("#panels", ContentSwitcher)
        switcher.current = widget_id
        self.query_one(TimelinePanel).set_class(panel == "detection", "-detection")
        switcher.border_title = PANEL_TITLES[panel]
        if panel != self.shown_panel:
            self.shown_panel = panel
            self.query_one(f"#{widget_id}", Panel).focus_editor()

    def flash(self) -> None:
        """One second of warning colour: the room notices the last minute even without the bell."""
        self.add_class("-flash")
        self.set_timer(1.0, lambda: self.remove_class("-flash"))

    # ---------------------------------------------------------------------------- document

    def document_changed(self, area: str) -> None:
        for panel in self.query(Panel):
            if area in panel.AREAS:
                panel.document_changed(area)
        if area == Area.FINDINGS:
            self._show_parking()

    def show_review(self, findings: list) -> None:
        """The review findings of the latest revision: the Q&A panel lists them, the others mark rows."""
        for panel in self.query(Panel):
            panel.show_review(findings)

    def _show_parking(self) -> None:
        entries = self.pm_app.session.text_list("parking_lot")
        self.query_one("#parking", Static).update(
            Text("\n".join(f"• {entry}" for entry in entries)) if entries else Text("empty", style="italic")
        )

    def add_action_item(self, addresses: str | None) -> None:
        self.query_one(ActionsPanel).open_form(None, addresses=addresses)
