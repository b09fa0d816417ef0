"""Timeline: the events in time order, and the durations a postmortem is judged by beside them.

The same panel serves the detection & response phase, where the side column also shows how the
incident was detected (edited with `n`).
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from pmtui.app.meeting.review_marks import marked_rows
from pmtui.app.common.forms import FormField, show_form
from pmtui.app.common.debounce import Debounce
from pmtui.app.meeting.session import Area, Session
from pmtui.app.meeting.panels.panel import Panel
from pmtui.app.common.row_table import Column, Row, RowTable
from pmtui.document import timeline as tl
from pmtui.document.model import DetectionHow, Milestone

MILESTONE_CHOICES = tuple((milestone.value, milestone.value) for milestone in Milestone)


def editable_time(value: dt.time | dt.datetime) -> str:
    """A time as typed back into the form: a full date-time stays ISO 8601 so it parses again."""
    return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else tl.format_event_time(value)


class TimelineRows:
    """The document's timeline as table rows, read on demand (nothing is copied)."""

    def __init__(self, panel: TimelinePanel) -> None:
        self.panel = panel

    def row_count(self) -> int:
        return len(self.panel.session.document.timeline)

    def row(self, index: int) -> Row:
        event = self.panel.session.document.timeline[index]
        milestone = Text(event.milestone.value if event.milestone else "", style="bold")
        return Row((
            Text(""),  # the review mark
            Text(event.id or ""),
            Text(tl.format_event_time(event.time)),
            milestone,
            Text(event.source or ""),
            Text(event.event.replace("\n", " ")),
        ))


class Durations(Widget):
    """Time to detect, acknowledge, mitigate, resolve; customer impact; the detection gap.

    A labelled column in the wide side panel; a wrapped line under the table when narrow."""

    DEFAULT_CSS = "Durations { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.durations: tl.Durations | None = None

    def show(self, durations: tl.Durations) -> None:
        if durations == self.durations:  # most edits change no duration: no repaint, no layout pass
            return
        self.durations = durations
        self.refresh(layout=True)

    def render(self) -> Text:
        text = Text()
        if self.durations is None:
            return text
        column = self.size.width < 60
        for position, (_, label, value) in enumerate(self.durations.items()):
            if position:
                text.append("\n" if column else " · ")
            text.append(f"{label:<20}" if column else f"{label} ", style="bold")
            text.append(tl.format_duration(value))
        return text


FIGURES_DELAY = 0.2  # seconds


class TimelinePanel(Panel):
    AREAS = frozenset({Area.TIMELINE, Area.INCIDENT, Area.DETECTION})
    ROW_SECTION = "timeline"
    BINDINGS = [
        Binding("a", "add", "Add event", id="timeline.add"),
        Binding("e", "edit", "Edit", id="timeline.edit"),
        Binding("d,delete", "delete", "Delete", id="timeline.delete"),
        Binding("shift+up", "move(-1)", "Move up", id="timeline.move_up", show=False),
        Binding("shift+down", "move(1)", "Move down", id="timeline.move_down", show=False),
        Binding("s", "sort", "Sort", id="timeline.sort", show=False),
        Binding("n", "detection", "Detection", id="timeline.detection"),
        Binding("w", "row_findings", "Finding", id="timeline.findings"),
        Binding("i", "import", "Import", id="timeline.import"),
    ]

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(session, **kwargs)
        self._figures = Debounce(self, FIGURES_DELAY, self._show_figures)

    def compose(self) -> ComposeResult:
        yield RowTable(
            [Column("", 1, marker=True), Column("Id", 4), Column("Time", 8), Column("Milestone", 12),
             Column("Source", 12), Column("Event")],
            TimelineRows(self), empty="No events yet: press a to add the first", id="timeline-table",
        )
        with Vertical(id="timeline-side"):
            yield Static("Derived durations", classes="section-title")
            yield Durations(id="durations")
            yield Static("Detection (n edits)", classes="section-title detection-only")
            yield Static(id="detection-summary", classes="detection-only")

    def on_mount(self) -> None:
        self.table.refresh_rows()
        self._show_figures()

    @property
    def table(self) -> RowTable:
        return self.query_one("#timeline-table", RowTable)

    def focus_editor(self) -> None:
        self.table.focus()

    def document_changed(self, area: str) -> None:
        if area in (Area.TIMELINE, Area.INCIDENT):
            self.table.refresh_rows()
        # The durations resolve every event's time: once typing pauses, not on every edit of a long timeline.
        self._figures.restart()

    def show_review(self, findings: list) -> None:
        super().show_review(findings)
        self.table.set_marks(marked_rows(findings, "timeline"))

    def current_row(self) -> int | None:
        return self.table.cursor if self.session.document.timeline else None

    def action_import(self) -> None:
        from pmtui.app.meeting.import_timeline import ImportScreen

        self.app.push_screen(ImportScreen(self.session))

    def settle(self) -> None:
        self._figures.flush()

    def _show_figures(self) -> None:
        document = self.session.document
        self.query_one(Durations).show(tl.durations(document, self.session.instants()))
        detection = document.detection
        text = Text()
        text.append("How: ", style="bold")
        text.append(detection.how.value if detection.how else "—")
        if detection.notes:
            text.append("\n")
            text.append(detection.notes.strip())
        summary = self.query_one("#detection-summary", Static)
        if summary.content != text:  # an update lays the whole screen out again: only when it changed
            summary.update(text)

    # ---------------------------------------------------------------------------- editing

    def _form(self, title: str, index: int | None) -> None:
        document = self.session.document
        if index is not None:
            event = document.timeline[index]
            values = {
                "time": editable_time(event.time),
                "event": event.event, "source": event.source or "",
                "milestone": event.milestone.value if event.milestone else "",
            }
        else:
            values = {"time": self._suggested_time(), "event": "", "source": "", "milestone": ""}

        def apply(fields: dict[str, str]) -> None:
            args = (fields["time"], fields["event"], fields["source"], fields["milestone"])
            position = self.session.update_event(index, *args) if index is not None else self.session.add_event(*args)
            self.table.move_cursor(position)

        show_form(self.app, title, [
            FormField("time", "Time (HH:MM, HH:MM:SS or an ISO 8601 date-time)", values["time"]),
            FormField("event", "What happened", values["event"]),
            FormField("source", "Source (where this is recorded: Slack, PagerDuty…)", values["source"]),
            FormField("milestone", "Milestone", values["milestone"], choices=MILESTONE_CHOICES),
        ], apply)

    def _suggested_time(self) -> str:
        """New events usually go right after the one the room is looking at."""
        timeline = self.session.document.timeline
        if not timeline:
            return ""
        event = timeline[min(self.table.cursor, len(timeline) - 1)]
        return tl.format_event_time(event.time)

    def action_add(self) -> None:
        self._form("Add a timeline event", None)

    def action_edit(self) -> None:
        if self.session.document.timeline:
            self._form(f"Edit {self.session.document.timeline[self.table.cursor].id}", self.table.cursor)

    @on(RowTable.Selected, "#timeline-table")
    def _open(self) -> None:
        self.action_edit()

    def action_delete(self) -> None:
        timeline = self.session.document.timeline
        if not timeline:
            return
        from pmtui.app.common.forms import ConfirmScreen

        index = self.table.cursor
        event = timeline[index]

        def answered(yes: bool | None) -> None:
            if yes:
                self.attempt(lambda: self.session.delete_event(index))

        self.app.push_screen(ConfirmScreen(f"Delete {event.id} ({tl.format_event_time(event.time)} {event.event[:60]})?"), answered)

    def action_move(self, step: int) -> None:
        if self.session.document.timeline:
            position = self.attempt(lambda: self.session.move_event(self.table.cursor, step))
            if position is not None:
                self.table.move_cursor(position)

    def action_sort(self) -> None:
        if not self.session.sort_timeline():
            self.notify("The timeline is already in time order.")

    def action_detection(self) -> None:
        detection = self.session.document.detection

        def apply(fields: dict[str, str]) -> None:
            self.session.set_section_field("detection", "how", fields["how"])
            self.session.set_section_field("detection", "notes", fields["notes"])

        show_form(self.app, "How was the incident detected?", [
            FormField("how", "Detected by", detection.how.value if detection.how else "",
                      choices=tuple((how.value, how.value) for how in DetectionHow)),
            FormField("notes", "Detection notes (what would have shown it sooner?)", detection.notes or "", multiline=True),
        ], apply)
