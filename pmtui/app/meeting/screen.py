"""The meeting screen, THE controller of a meeting: it ticks the agenda, moves between phases,
builds panels ahead of time, re-runs the review once typing pauses, and handles what the panels ask
for (their messages). The app only starts things and holds app-wide settings.

What it shows: agenda bar on top, the prompts, the current phase's panel, and on a wide
terminal a side column with a big countdown, the prompts in full and the parking lot.

Only what the first frame shows is built before it: a phase's panel is built the first time the
meeting reaches it (or something needs it), and the side column the first time the terminal is
wide. Start-up pays for one panel, not five.

Below 80x24 it shows only a "terminal too small" message (nothing is lost; it comes back when the
window grows)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from pmtui.app.common import debounce
from pmtui.app.common.debounce import Debounce
from pmtui.app.common.safe_text import safe_text
from pmtui.app.common.footer import KeyFooter
from pmtui.app.common.sizing import SizeSteps, fit_to_terminal
from pmtui.app.meeting.agenda_bar import AgendaBar
from pmtui.app.meeting.agenda_keys import AgendaKeys
from pmtui.app.meeting.commands import COMMANDS
from pmtui.app.meeting.panels.panel import ActionWanted, CaptureWanted, CopyWanted, Panel, WhyHighlighted
from pmtui.app.meeting.prompts import Prompts
from pmtui.app.meeting.session import Area, Session
from pmtui.meeting.agenda import Agenda, AgendaAlert, AgendaSnapshot, format_clock
from pmtui.meeting.layouts import Layout

if TYPE_CHECKING:
    from pathlib import Path

    from textual.widget import AwaitMount
    from textual.widgets import Digits

    from pmtui.app.meeting.panels.actions import ActionsPanel
    from pmtui.review.findings import Finding

SIZES = SizeSteps(min_width=80, min_height=24, wide=140, tall=40)
SHORT = 30  # below this height the prompts run on in a paragraph rather than a line each

# Layout panel name -> the widget id that shows it ("detection" is the timeline with detection details).
PANEL_WIDGETS = {
    "summary": "summary", "timeline": "timeline", "detection": "timeline",
    "whys": "whys", "actions": "actions", "findings": "findings",
}
PANEL_TITLES = {
    "summary": "Summary & impact", "timeline": "Timeline", "detection": "Detection & response",
    "whys": "5 whys & root cause", "actions": "Action items", "findings": "Q&A & findings",
}


FLASH_LIST_NAMES = {
    "parking_lot": "Park a question or note for later",
    "went_well": "What went well?",
    "went_poorly": "What went poorly?",
    "lessons": "What did we learn?",
    "got_lucky": "Where did we get lucky?",
    "surprises": "What surprised us?",
    "open_questions": "What do we still not know?",
}
RECORD_EVERY = 30  # ticks between writing the running agenda into [meeting] (for `pmtui watch`)
REVIEW_DELAY = 0.3  # re-run the review rules once typing pauses this long
PREPARE_NEXT_DELAY = 2.0  # seconds into a phase: build the next phase's panel, so F4 shows it at once


@dataclass
class Settings:
    """App-wide settings the app holds and the screen reads."""

    bell: bool = True
    library: Path | None = None  # past postmortems, for "similar past incidents" in the root-cause phase


def new_panel(widget_id: str, session: Session, settings: Settings) -> Panel:
    """A phase's panel, its module imported only when the meeting first needs it."""
    if widget_id == "summary":
        from pmtui.app.meeting.panels.summary import SummaryPanel

        return SummaryPanel(session, id=widget_id)
    if widget_id == "timeline":
        from pmtui.app.meeting.panels.timeline import TimelinePanel

        return TimelinePanel(session, id=widget_id)
    if widget_id == "whys":
        from pmtui.app.meeting.panels.whys import WhysPanel

        return WhysPanel(session, library=settings.library, id=widget_id)
    if widget_id == "actions":
        from pmtui.app.meeting.panels.actions import ActionsPanel

        return ActionsPanel(session, id=widget_id)
    from pmtui.app.meeting.panels.findings import FindingsPanel

    return FindingsPanel(session, id=widget_id)


class MeetingScreen(Screen):
    def __init__(self, session: Session, agenda: Agenda, layout: Layout, settings: Settings) -> None:
        super().__init__()
        self.session = session
        self.agenda = agenda
        self.agenda_layout = layout
        self.settings = settings
        self.selected_why: str | None = None  # the why the room last looked at: what `l` links to
        self.shown_panel = ""
        self.review_findings: list[Finding] = []  # the latest review pass: a panel built later shows it too
        self.panels: dict[str, Panel] = {}  # by widget id: the panels built so far
        self._mounting: dict[str, AwaitMount] = {}  # the ones still being mounted
        self.countdown: Digits | None = None  # the side column's big countdown, once it is built
        self.save_state = ""  # what the autosave says about the file ("✓ saved"): the agenda bar shows it
        self._review = Debounce(self, REVIEW_DELAY, self.refresh_review)
        self._prepare = Debounce(self, PREPARE_NEXT_DELAY, self._prepare_next_panel)
        self._ticks = 0

    def compose(self) -> ComposeResult:
        snapshot = self.agenda.snapshot()
        with Vertical(id="body"):
            yield AgendaBar(snapshot, id="agenda")
            yield Prompts(snapshot.phase, compact=True, id="prompts-top")
            with Horizontal(id="main"):
                first = new_panel(PANEL_WIDGETS[snapshot.phase.panel], self.session, self.settings)
                self.panels[str(first.id)] = first
                yield ContentSwitcher(first, id="panels")
                if self.app.size.width >= SIZES.wide:  # in the first frame, not mounted a moment later
                    yield self._side_column()
            yield AgendaKeys(COMMANDS, id="agenda-keys")
        yield Static(id="too-small")
        yield KeyFooter(show_command_palette=False)  # the agenda-keys line names ^P

    def on_mount(self) -> None:
        self.show_panel(self.agenda.snapshot().phase.panel)
        self.on_resize()
        self.refresh_agenda()

    def on_resize(self) -> None:
        fit_to_terminal(self, SIZES, "pmtui", "Make the window larger (or the font smaller). Nothing is lost meanwhile.")
        if self.has_class("-wide") and not self.query("#side"):
            self.query_one("#main", Horizontal).mount(self._side_column())
        self.query_one("#prompts-top", Prompts).flow(self.size.height < SHORT)

    def _side_column(self) -> Vertical:
        from textual.widgets import Digits  # its font takes a while to load: only wide terminals need it

        snapshot = self.agenda.snapshot()
        self.countdown = Digits(format_clock(snapshot.remaining), id="countdown")
        return Vertical(
            self.countdown,
            Prompts(snapshot.phase, compact=False, id="prompts-side"),
            Static("Parking lot (F8)", classes="section-title"),
            Static(self._parking_text(), id="parking"),
            id="side",
        )

    # ---------------------------------------------------------------------------- agenda

    def start(self) -> None:
        """Once the app runs: the clock ticks every second and the first record is written."""
        if not self.agenda.started:
            self.agenda.start()
        self.session.record_agenda(self.agenda.write_record)
        debounce.repeat(self, 1.0, self.tick_agenda)  # on the injected clock in tests, like every timer

    def status_text(self) -> str:
        parts = [f"{self.session.path.name} {self.save_state}"]
        if self.review_findings:
            count = len(self.review_findings)
            parts.append(f"⚑ {count} finding{'s' if count != 1 else ''}")
        if not self.settings.bell:
            parts.append("bell off")
        return " · ".join(parts)

    def refresh_agenda(self) -> None:
        if self.is_mounted:
            self.show_agenda(self.agenda.snapshot(), self.status_text())

    def tick_agenda(self) -> None:
        """Once a second: alerts, the agenda bar, and now and then the record for `pmtui watch`."""
        alerts = self.agenda.tick()
        self.refresh_agenda()
        phase = self.agenda.snapshot().phase.title
        for alert in alerts:
            if alert is AgendaAlert.ONE_MINUTE_LEFT:
                self.flash()
                if self.settings.bell:
                    self.app.bell()
                self.notify(f"One minute left for {phase} (F6 adds a minute, F4 moves on)", markup=False, severity="warning")
            else:
                self.notify(f"{phase} is over time: F4 moves on, F6/F7 extend", markup=False, severity="warning")
        self._ticks += 1
        if self.agenda.running and self._ticks % RECORD_EVERY == 0:
            self.session.record_agenda(self.agenda.write_record)

    async def agenda_moved(self) -> None:
        """Record the move, show the phase's panel, and wait until it is mounted (if it had to be
        built), so the keys typed next reach it."""
        self.session.record_agenda(self.agenda.write_record)
        snapshot = self.agenda.snapshot()
        self.refresh_agenda()
        self.show_panel(snapshot.phase.panel)
        self.prepare_next_panel_soon()
        await self.panels_mounted()

    def prepare_next_panel_soon(self) -> None:
        """Panels are built when first shown (start-up builds one); the next phase's is built a
        moment into the current phase, while the room talks, rather than when F4 is pressed."""
        self._prepare.restart()

    def stop_preparing(self) -> None:
        self._prepare.stop()

    def _prepare_next_panel(self) -> None:
        following = self.agenda.snapshot().index + 1
        if following < len(self.agenda_layout.phases) and self.is_mounted and self.query("#panels"):
            self.panel(PANEL_WIDGETS[self.agenda_layout.phases[following].panel])

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
            panel = self.panels[widget_id] = new_panel(widget_id, self.session, self.settings)
            if widget_id == "actions":
                panel.highlighted_why = self.selected_why  # type: ignore[attr-defined]
            panel.display = False  # the switcher shows it when it becomes current
            mounted = self.query_one("#panels", ContentSwitcher).mount(panel)
            self._mounting[widget_id] = mounted
            self.call_next(self._panel_ready, mounted, panel, self.session.revision)
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
        if self.session.revision != revision:
            for area in panel.AREAS:
                panel.document_changed(area)
        panel.show_review(self.review_findings)
        if PANEL_WIDGETS.get(self.shown_panel) == panel.id:
            panel.focus_editor()

    def current_panel(self) -> Panel | None:
        """The panel on screen, once it is built."""
        panel = self.panels.get(PANEL_WIDGETS.get(self.shown_panel, ""))
        return panel if panel is not None and panel.is_mounted else None

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
        debounce.schedule(self, 1.0, lambda: self.remove_class("-flash"))

    # ---------------------------------------------------------------------------- document

    def document_changed(self, area: str, note: str | None = None) -> None:
        """Redraw the panels built so far (one built later reads the document as it is then), and
        review the document again once typing pauses."""
        if note:
            self.notify(note, markup=False)
        if area != Area.MEETING:  # the agenda's record holds nothing to review
            self._review.restart()
        if not self.is_mounted:
            return
        for panel in self.ready_panels():
            if area in panel.AREAS:
                panel.document_changed(area)
        if area == Area.FINDINGS:
            for parking in self.query("#parking").results(Static):
                parking.update(self._parking_text())

    def review_now(self) -> None:
        """Run a pending review at once instead of when typing pauses (tests drive the debounce with it)."""
        self._review.flush()

    def settle(self) -> None:
        """Everything that waits for typing to pause, now: the review, then each panel's redraws."""
        self.review_now()
        for panel in self.ready_panels():
            panel.settle()

    def refresh_review(self) -> None:
        """The review findings of the latest revision: the Q&A panel lists them, the others mark rows."""
        self._review.stop()  # the first pass, after the first frame, may come before the debounce
        self.review_findings = findings = self.session.review_findings()
        if not self.is_mounted:
            return
        for panel in self.ready_panels():
            panel.show_review(findings)

    def _parking_text(self) -> Text:
        entries = self.session.text_list("parking_lot")
        return safe_text("\n".join(f"• {entry}" for entry in entries), newlines=True) if entries else Text("empty", style="italic")

    # ---------------------------------------------------------------------------- what the panels ask for

    @on(WhyHighlighted)
    def _why_highlighted(self, message: WhyHighlighted) -> None:
        self.selected_why = message.why_id
        actions = self.panels.get("actions")
        if actions is not None:
            actions.highlighted_why = message.why_id  # type: ignore[attr-defined]

    @on(ActionWanted)
    def _action_wanted(self, message: ActionWanted) -> None:
        actions: ActionsPanel = self.panel("actions")  # type: ignore[assignment]
        actions.open_form(None, addresses=message.why_id)

    @on(CopyWanted)
    def _copy_wanted(self, message: CopyWanted) -> None:
        self.copy_out(message.text, message.suffix)

    @on(CaptureWanted)
    def _capture_wanted(self, message: CaptureWanted) -> None:
        self.capture(message.list_name)

    def copy_out(self, text: str, suffix: str) -> None:
        """Copy an export: the system clipboard, else the terminal's (OSC 52) plus a file in the
        user's cache folder; the notice says which happened."""
        from pmtui.clipboard import copy_text

        result = copy_text(text, suffix=suffix, terminal_copy=self.app.copy_to_clipboard)
        self.notify(result.message, markup=False, severity="information" if result.copied else "warning")

    def capture(self, list_name: str) -> None:
        """One line into a findings list or the parking lot, from any phase."""
        from pmtui.app.common.forms import FormField, show_form

        show_form(self.app, FLASH_LIST_NAMES[list_name], [FormField("text", "Text")],
                  lambda fields: self.session.add_text(list_name, fields["text"]))
