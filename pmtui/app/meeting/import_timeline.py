"""Import events into the timeline from the timeline panel (`i`): a CSV, a Slack export, a
PagerDuty log or JSON lines, as `pmtui import` does.

Reading and planning run in a worker thread on a snapshot of the document; the plan (events added,
those already there, milestones set) is shown for confirmation, and only then does the session
apply it. Bad input is one line in the dialog, with what was typed kept, and the document untouched.
What the importer notes about the source (a PagerDuty log that is one page of a longer one) is shown
with the plan; a Slack export of several channels offers its channels to pick from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static
from textual.worker import Worker, WorkerState

from pmtui.app.common.forms import FormField, field_widget, read_fields
from pmtui.app.common.safe_text import one_line
from pmtui.app.meeting.session import EditError
from pmtui.document.timeline import format_written_time

if TYPE_CHECKING:
    from pmtui.app.meeting.session import Session
    from pmtui.document.model import Document
    from pmtui.importers.merge import MergePlan

KIND_CHOICES = (
    ("CSV: time,event,source[,milestone], with a header", "csv"),
    ("Slack export: the export folder or .zip", "slack"),
    ("PagerDuty incident log entries (JSON)", "pagerduty"),
    ('JSON lines: {"time": …, "event": …, "source": …} per line', "jsonl"),
)
FIELDS = (
    FormField("kind", "From", choices=KIND_CHOICES),
    FormField("source", "File (for Slack: the export folder or .zip)", placeholder="e.g. ~/Downloads/alerts.csv"),
    FormField("channel", "Slack channel (optional)", placeholder="e.g. incident-4242"),
    FormField("since", "Since (optional: HH:MM on the incident date, or ISO 8601)"),
    FormField("until", "Until (optional)"),
)
PREVIEW_EVENTS = 5  # the first few events the import adds, so the room sees what comes


@dataclass(frozen=True)
class ImportRequest:
    kind: str
    source: Path
    channel: str | None
    since: str | None
    until: str | None


def request_from(fields: dict[str, str]) -> ImportRequest:
    """What was typed, checked for what the importers cannot say themselves."""
    if not fields["kind"]:
        raise EditError("From: pick what kind of file this is")
    if not fields["source"].strip():
        raise EditError("File: say which file to import")
    return ImportRequest(
        kind=fields["kind"], source=Path(fields["source"].strip()).expanduser(),
        channel=fields["channel"].strip().lstrip("#") or None,
        since=fields["since"].strip() or None, until=fields["until"].strip() or None,
    )


@dataclass(frozen=True)
class Planned:
    plan: MergePlan
    notes: list[str]  # the importer's one-line notes about the source


def plan_import(document: Document, request: ImportRequest) -> Planned:
    """Read the source and place its events (runs in a worker: touches no widget, changes nothing)."""
    from pmtui.importers import read_source
    from pmtui.importers.merge import parse_window, plan_merge

    window = parse_window(document, request.since, request.until)
    imported = read_source(request.kind, request.source, channel=request.channel)
    return Planned(plan_merge(document, imported.events, window), list(imported.notes))


def plan_text(plan: MergePlan, notes: Sequence[str] = ()) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    for note in notes:
        text.append(f"⚠ {one_line(note)}\n", style="bold")
    text.append(plan.summary() if plan.added else f"Nothing to add: {plan.summary()}", style="bold")
    for event in plan.added[:PREVIEW_EVENTS]:
        text.append(f"\n  {one_line(event.id or '')} {format_written_time(event.time)}  {one_line(' '.join(event.event.split()))}")
    if len(plan.added) > PREVIEW_EVENTS:
        text.append(f"\n  … and {len(plan.added) - PREVIEW_EVENTS} more", style="italic")
    return text


class ImportScreen(ModalScreen[None]):
    """First the form (Enter previews), then the plan (Enter imports); Esc cancels at any point."""

    DEFAULT_CSS = """
    ImportScreen #import-plan { height: auto; }
    ImportScreen #import, ImportScreen #back { display: none; }
    ImportScreen.-planned #import, ImportScreen.-planned #back { display: block; }
    ImportScreen.-planned #preview, ImportScreen.-planned .dialog-fields { display: none; }
    """
    BINDINGS = [Binding("escape", "dismiss", "Cancel", id="import.cancel")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.plan: MergePlan | None = None
        self.planned_on: Document | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog import-dialog"):
            yield Label("Import events into the timeline", classes="dialog-title")
            with VerticalScroll(classes="dialog-fields", can_focus=False):
                for field in FIELDS:
                    yield Label(Content(field.label), classes="field-label")
                    yield field_widget(field)
            yield Static(id="import-plan")
            yield Static("", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Preview (Enter)", variant="primary", id="preview", compact=True)
                yield Button("Import (Enter)", variant="primary", id="import", compact=True)
                yield Button("Back", id="back", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._show_form()

    def _say(self, problem: str) -> None:
        self.query_one(".dialog-error", Static).update(Content(problem))

    def _show_form(self) -> None:
        self.plan = self.planned_on = None
        self.set_class(False, "-planned")
        self.query_one("#preview", Button).disabled = False
        self.query_one("#field-kind").focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#preview")
    def preview(self) -> None:
        if self.plan is not None:
            return
        try:
            request = request_from(read_fields(self, FIELDS))
        except EditError as exc:
            self._say(str(exc))
            return
        self._say("")
        self.query_one("#preview", Button).disabled = True
        self.query_one("#import-plan", Static).update(Content(f"Reading {request.source}…"))
        snapshot = self.session.document.model_copy()  # edits are copy-on-write: this stays as it is now
        self.planned_on = snapshot
        self.run_worker(lambda: plan_import(snapshot, request), thread=True, exclusive=True,
                        group="import", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS:
            self._show_plan(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self._failed(event.worker.error)

    def _failed(self, error: Any) -> None:
        from pmtui.importers import ChannelNeeded, SourceError
        from pmtui.importers.merge import MergeError

        self.query_one("#import-plan", Static).update("")
        self.query_one("#preview", Button).disabled = False
        if isinstance(error, ChannelNeeded):
            self._say(f"{len(error.channels)} channels in this export: pick the incident's channel")
            self._offer_channels(error.channels)
            return
        known = isinstance(error, SourceError | MergeError)
        self._say(str(error) if known else f"could not import: {type(error).__name__}: {error}")

    def _offer_channels(self, channels: list[str]) -> None:
        from pmtui.app.common.forms import ChoiceScreen

        def picked(channel: str | None) -> None:
            if channel is not None:
                self.query_one("#field-channel", Input).value = channel
                self.preview()

        self.app.push_screen(ChoiceScreen("Import which channel?", [(f"#{name}", name) for name in channels]), picked)

    def _show_plan(self, planned: Planned) -> None:
        plan = self.plan = planned.plan
        self.set_class(True, "-planned")
        self.query_one("#import-plan", Static).update(plan_text(plan, planned.notes))
        import_button = self.query_one("#import", Button)
        import_button.disabled = not plan.added
        (self.query_one("#back", Button) if import_button.disabled else import_button).focus()

    @on(Button.Pressed, "#import")
    def apply(self) -> None:
        if self.plan is None or self.planned_on is None or not self.plan.added:
            return
        try:
            self.session.import_timeline(self.plan, self.planned_on)
        except EditError as exc:
            self._say(str(exc))
            self._show_form()
            return
        self.dismiss(None)

    @on(Button.Pressed, "#back")
    def back(self) -> None:
        self.query_one("#import-plan", Static).update("")
        self._show_form()

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)
