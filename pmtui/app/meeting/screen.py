"""The meeting screen: agenda bar on top, the prompts, the current phase's panel, and on a wide
terminal a side column with a big countdown, the prompts in full and the parking lot.

Only what the first frame shows is built before it: a phase's panel is built the first time the
meeting reaches it (or something needs it), and the side column the first time the terminal is
wide. Start-up pays for one panel, not five.

Below 80x24 it shows only a "terminal too small" message (nothing is lost; it comes back when the
window grows)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Static

from pmtui.app.meeting.session import Area
from pmtui.app.common.sizing import SizeSteps, fit_to_terminal
from pmtui.app.meeting.agenda_bar import AgendaBar
from pmtui.app.meeting.panels.panel import Panel
from pmtui.app.meeting.prompts import Prompts
from pmtui.meeting.agenda import AgendaSnapshot, format_clock

if TYPE_CHECKING:
    from textual.widget import AwaitMount
    from textual.widgets import Digits

    from pmtui.app.meeting.app import PostmortemApp
    from pmtui.app.meeting.panels.actions import ActionsPanel

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


def new_panel(widget_id: str) -> Panel:
    """A phase's panel, its module imported only when the meeting first needs it."""
    if widget_id == "summary":
        from pmtui.app.meeting.panels.summary import SummaryPanel

        return SummaryPanel(id=widget_id)
    if widget_id == "timeline":
        from pmtui.app.meeting.panels.timeline import TimelinePanel

        return TimelinePanel(id=widget_id)
    if widget_id == "whys":
        from pmtui.app.meeting.panels.whys import WhysPanel

        return WhysPanel(id=widget_id)
    if widget_id == "actions":
        from pmtui.app.meeting.panels.actions import ActionsPanel

        return ActionsPanel(id=widget_id)
    from pmtui.app.meeting.panels.findings import FindingsPanel

    return FindingsPanel(id=widget_id)


class MeetingScreen(Screen):
    def __init__(self) -> None:
        super().__init__()
        self.selected_why: str | None = None  # the why the room last looked at: what `l` links to
        self.shown_panel = ""
        self.review_findings: list[Any] = []  # the latest review pass: a panel built later shows it too
        self.panels: dict[str, Panel] = {}  # by widget id: the panels built so far
        self._mounting: dict[str, AwaitMount] = {}  # the ones still being mounted
        self.countdown: Digits | None = None  # the side column's big countdown, once it is built

    @property
    def pm_app(self) -> PostmortemApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        snapshot = self.pm_app.agenda.snapshot()
        with Vertical(id="body"):
            yield AgendaBar(snapshot, id="agenda")
            yield Prompts(snapshot.phase, compact=True, id="prompts-top")
            with Horizontal(id="main"):
                first = new_panel(PANEL_WIDGETS[snapshot.phase.panel])
                self.panels[str(first.id)] = first
                yield ContentSwitcher(first, id="panels")
        yield Static(id="too-small")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show_panel(self.pm_app.agenda.snapshot().phase.panel)
        self.on_resize()
        self.pm_app.show_agenda()

    def on_resize(self) -> None:
        fit_to_terminal(self, SIZES, "pmtui", "Make the window larger (or the font smaller). Nothing is lost meanwhile.")
        if self.has_class("-wide") and not self.query("#side"):
            self._mount_side_column()

    def _mount_side_column(self) -> None:
        from textual.widgets import Digits  # its font takes a while to load: only wide terminals need it

        snapshot = self.pm_app.agenda.snapshot()
        self.countdown = Digits(format_clock(snapshot.remaining), id="countdown")
        side = Vertical(
            self.countdown,
            Prompts(snapshot.phase, compact=False, id="prompts-side"),
            Static("Parking lot (F8)", classes="section-title"),
            Static(self._parking_text(), id="parking"),
            id="side",
        )
        self.query_one("#main", Horizontal).mount(side)

    # ---------------------------------------------------------------------------- agenda

    def show_agenda(self, snapshot: AgendaSnapshot, status: str | None = None) -> None:
        """Redraw the agenda bar and the countdown (every second), and follow a phase change.

        Queried, or checked still attached: a timer may fire while the app is shutting the screen down."""
        for bar in self.query(AgendaBar):
            bar.show(snapshot, status)
        countdown = self.countdown
        if countdown is not None and countdown.is_attached:
            countdown.update(format_clock(snapshot.remaining))
            countdown.set_class(snapshot.warning, "-warning")
            countdown.set_class(snapshot.overrun and not snapshot.ended, "-overrun")
        for prompts in self.query(Prompts):
            prompts.show(snapshot.phase)

    def panel(self, widget_id: str) -> Panel:
        """The panel with this id, built and mounted (hidden) the first time it is asked for."""
        panel = self.panels.get(widget_id)
        if panel is None:
            panel = self.panels[widget_id] = new_panel(widget_id)
            panel.display = False  # the switcher shows it when it becomes current
            mounted = self.query_one("#panels", ContentSwitcher).mount(panel)
            self._mounting[widget_id] = mounted
            self.call_next(self._panel_ready, mounted, panel, self.pm_app.session.revision)
        return panel

    async def panels_mounted(self) -> None:
        """Wait until every panel asked for is mounted. The agenda keys wait for it, so the keys
        typed right after F4 reach the new panel instead of the one it replaced."""
        for mounted in list(self._mounting.values()):
            await mounted

    async def _panel_ready(self, mounted: AwaitMount, panel: Panel, revision: int) -> None:
        """A panel built after start-up, once mounted: it catches up with edits made while it was
        being built (it heard none of them), shows the review marks, and takes the keyboard if the
        room is looking at it."""
        await mounted
        self._mounting.pop(str(panel.id), None)
        if self.pm_app.session.revision != revision:
            for area in panel.AREAS:
                panel.document_changed(area)
        panel.show_review(self.review_findings)
        if PANEL_WIDGETS.get(self.shown_panel) == panel.id:
            panel.focus_editor()

    def ready_panels(self) -> list[Panel]:
        """The panels that are mounted: one still being built has no table to redraw yet."""
        return [panel for panel in self.query(Panel) if panel.is_mounted]

    def show_panel(self, panel_name: str) -> None:
        """Switch the main area to a layout panel ("detection" shows the timeline's detection details)."""
        widget_id = PANEL_WIDGETS[panel_name]
        panel = self.panel(widget_id)
        switcher = self.query_one("#panels", ContentSwitcher)
        switcher.current = widget_id
        if widget_id == "timeline":
            panel.set_class(panel_name == "detection", "-detection")
        switcher.border_title = PANEL_TITLES[panel_name]
        if panel_name != self.shown_panel:
            self.shown_panel = panel_name
            if panel.is_mounted:
                panel.focus_editor()

    def flash(self) -> None:
        """One second of warning colour: the room notices the last minute even without the bell."""
        self.add_class("-flash")
        self.set_timer(1.0, lambda: self.remove_class("-flash"))

    # ---------------------------------------------------------------------------- document

    def document_changed(self, area: str) -> None:
        """Redraw the panels built so far; one built later reads the document as it is then."""
        for panel in self.ready_panels():
            if area in panel.AREAS:
                panel.document_changed(area)
        if area == Area.FINDINGS:
            for parking in self.query("#parking").results(Static):
                parking.update(self._parking_text())

    def show_review(self, findings: list) -> None:
        """The review findings of the latest revision: the Q&A panel lists them, the others mark rows."""
        self.review_findings = findings
        for panel in self.ready_panels():
            panel.show_review(findings)

    def _parking_text(self) -> Text:
        entries = self.pm_app.session.text_list("parking_lot")
        return Text("\n".join(f"• {entry}" for entry in entries)) if entries else Text("empty", style="italic")

    def add_action_item(self, addresses: str | None) -> None:
        actions: ActionsPanel = self.panel("actions")  # type: ignore[assignment]
        actions.open_form(None, addresses=addresses)
