"""Timeline: the events in time order, the highlighted one in full below them, and the durations a
postmortem is judged by beside them.

The same panel serves the detection & response phase, where the side column also shows how the
incident was detected (edited with `n`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

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
from pmtui.app.meeting.panels.panel import PRESENT, Detail, Panel, append_findings
from pmtui.app.common.row_table import Column, Row, RowTable
from pmtui.app.common.safe_text import one_line, safe_text
from pmtui.document import timeline as tl
from pmtui.document.model import DetectionHow, Milestone, TimelineEvent

if TYPE_CHECKING:
    from pmtui.review.findings import Finding

MILESTONE_CHOICES = tuple((milestone.value, milestone.value) for milestone in Milestone)
KEY_MARK = "★"  # before a key event's text


def editable_time(value: dt.time | dt.datetime) -> str:
    """A time as typed back into the form: a full date-time stays ISO 8601 so it parses again."""
    return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else tl.format_written_time(value)


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
            Text(one_line(event.id or "")),
            Text(self.panel.time_label(index)),
            milestone,
            Text(one_line(event.source or "")),
            Text(f"{KEY_MARK} " if event.key else "", style="bold").append(one_line(event.event)),
        ))


def event_detail(event: TimelineEvent, time: str, findings: list[Finding]) -> Text:
    """The highlighted event in full: what the table cuts to one line, wrapped, with its findings."""
    text = Text()
    text.append(one_line(event.id or "(no id)"), style="bold")
    text.append(f"  {time}")
    if event.source:
        text.append("  · source ", style="dim")
        text.append(one_line(event.source))
    if event.milestone:
        text.append("  · milestone ", style="dim")
        text.append(event.milestone.value, style="bold")
    if event.key:
        text.append(f"  · {KEY_MARK} key event", style="bold")
    text.append("\n")
    text.append_text(safe_text(event.event, newlines=True))
    append_findings(text, findings)
    return text


class Durations(Widget):
    """Time to detect, acknowledge, mitigate, resolve; customer impact; the detection gap.

    A strip under the table, wrapped between figures."""

    DEFAULT_CSS = "Durations { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.durations: tl.Durations | None = None
        self.order_refs: list[str] = []  # where the review found milestones out of order ("T4")

    def show(self, durations: tl.Durations, order_refs: list[str]) -> None:
        if durations == self.durations and order_refs == self.order_refs:
            return  # most edits change no duration: no repaint, no layout pass
        self.durations = durations
        self.order_refs = order_refs
        self.refresh(layout=True)

    def render(self) -> Text:
        """The figures on as few lines as fit, each kept whole: a line breaks between figures,
        never inside one ("Total duration 1h" / "42m" reads as two figures)."""
        text = Text()
        if self.durations is None:
            return text
        line_length = 0
        for _, label, value in self.durations.items():
            figure = self._figure(label, value)
            if line_length and line_length + 3 + figure.cell_len > self.size.width:
                text.append("\n")
                line_length = 0
            elif line_length:
                text.append(" · ")
                line_length += 3
            text.append_text(figure)
            line_length += figure.cell_len
        return text

    def _figure(self, label: str, value: dt.timedelta | None) -> Text:
        figure = Text(f"{label} ", style="bold")
        if value is not None and value < dt.timedelta(0):
            # Milestones out of order: a negative figure means nothing; the finding says which.
            figure.append("—")
            figure.append(f" ⚠ {', '.join(self.order_refs) or 'milestone order'}", style="bold")
        else:
            figure.append(tl.format_duration(value))
        return figure


FIGURES_DELAY = 0.2  # seconds


class TimelinePanel(Panel):
    AREAS = frozenset({Area.TIMELINE, Area.INCIDENT, Area.DETECTION})
    ROW_SECTION = "timeline"
    BINDINGS = [
        Binding("a", "add", "Add event", id="timeline.add", tooltip="Add an event (kept in time order)"),
        Binding("e", "edit", "Edit", id="timeline.edit", tooltip="Edit the highlighted event"),
        Binding("d,delete", "delete", "Delete", id="timeline.delete", tooltip="Delete the highlighted event"),
        Binding("shift+up", "move(-1)", "Move up", id="timeline.move_up", show=False,
                tooltip="Move the event up among events that share its time"),
        Binding("shift+down", "move(1)", "Move down", id="timeline.move_down", show=False,
                tooltip="Move the event down among events that share its time"),
        Binding("s", "sort", "Sort", id="timeline.sort", show=False, tooltip="Sort an imported timeline by time"),
        Binding("k", "toggle_key", "Key event", id="timeline.key",
                tooltip="Mark or unmark the event as a key event (★: kept in the export's short timeline)"),
        Binding("n", "detection", "Detection", id="timeline.detection",
                tooltip="Detection: how the incident was detected, and notes"),
        Binding("w", "row_findings", "Finding", id="timeline.findings",
                tooltip="Review findings on an event marked ⚠: apply the rewrite or dismiss"),
        Binding("i", "import", "Import", id="timeline.import",
                tooltip="Import events: CSV, Slack export, PagerDuty log, JSON lines (preview, then confirm)"),
        PRESENT,
    ]

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(session, **kwargs)
        self._figures = Debounce(self, FIGURES_DELAY, self._show_figures)
        self._time_width: tuple[list[dt.datetime], int] | None = None  # (the session's instants, the width)

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-main"):
            yield RowTable(self._columns(), TimelineRows(self), empty="No events yet: press a to add the first",
                           id="timeline-table")
            yield Detail(id="event-detail")
        with Vertical(id="timeline-side"):
            yield Static("Derived durations", classes="section-title")
            yield Durations(id="durations")
            yield Static("Detection (n edits)", classes="section-title detection-only")
            yield Static(id="detection-summary", classes="detection-only")

    def on_mount(self) -> None:
        self.table.refresh_rows()
        self._show_figures()
        self._show_detail()

    def presented(self) -> tuple[str, Text] | None:
        index = self.current_row()
        if index is None:
            return None
        event = self.session.document.timeline[index]
        findings = self._findings_by_row.get(("timeline", index), [])
        return f"Event {one_line(event.id or '')}", event_detail(event, self.time_label(index), findings)

    def _columns(self) -> list[Column]:
        return [Column("", 1, marker=True), Column("Id", 4), Column("Time", self._time_column_width()),
                Column("Milestone", 12), Column("Source", 12), Column("Event")]

    def _time_column_width(self) -> int:
        """Worked out once per timeline revision, not per row drawn: "Sep 16 00:03:07" is the longest."""
        instants = self.session.instants()
        if self._time_width is None or self._time_width[0] is not instants:
            width = (7 if self.session.times_show_days() else 0) + (8 if any(at.second for at in instants) else 5)
            self._time_width = (instants, width)
        return self._time_width[1]

    def time_label(self, index: int) -> str:
        return tl.format_event_time(self.session.instants()[index], with_day=self.session.times_show_days())

    @on(RowTable.Highlighted, "#timeline-table")
    def _show_detail(self) -> None:
        """Only the highlighted event is drawn here, so a cursor move costs one event, not the timeline."""
        timeline = self.session.document.timeline
        detail = self.query_one("#event-detail", Detail)
        if not timeline:
            detail.show(Text("The highlighted event shows here in full.", style="italic"))
            return
        index = min(self.table.cursor, len(timeline) - 1)
        findings = self._findings_by_row.get(("timeline", index), [])
        detail.show(event_detail(timeline[index], self.time_label(index), findings))

    @property
    def table(self) -> RowTable:
        return self.query_one("#timeline-table", RowTable)

    def focus_editor(self) -> None:
        self.table.focus()

    def document_changed(self, area: str) -> None:
        if area in (Area.TIMELINE, Area.INCIDENT):
            table = self.table
            table.columns = self._columns()  # the time column widens when the incident crosses midnight
            table.refresh_rows()
            self._show_detail()
        # The durations resolve every event's time: once typing pauses, not on every edit of a long timeline.
        self._figures.restart()

    def show_review(self, findings: list) -> None:
        super().show_review(findings)
        self.table.set_marks(marked_rows(findings, "timeline"))
        self._show_detail()
        refs = [finding.ref for finding in findings if finding.rule == "milestone-order"]
        durations = self.query_one(Durations)
        if refs != durations.order_refs and durations.durations is not None:
            durations.show(durations.durations, refs)

    def current_row(self) -> int | None:
        return self.table.cursor if self.session.document.timeline else None

    def action_import(self) -> None:
        from pmtui.app.meeting.import_timeline import ImportScreen

        self.app.push_screen(ImportScreen(self.session))

    def settle(self) -> None:
        self._figures.flush()

    def _show_figures(self) -> None:
        document = self.session.document
        self.query_one(Durations).show(tl.durations(document, self.session.instants()),
                                       [finding.ref for finding in self.shown_findings if finding.rule == "milestone-order"])
        detection = document.detection
        text = Text()
        text.append("How: ", style="bold")
        text.append(detection.how.value if detection.how else "—")
        if detection.notes:
            text.append("\n")
            text.append_text(safe_text(detection.notes.strip(), newlines=True))
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
        return tl.format_written_time(event.time)

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

        self.app.push_screen(ConfirmScreen(f"Delete {one_line(event.id or '')} ({self.time_label(index)} {one_line(event.event)[:60]})?"), answered)

    def action_move(self, step: int) -> None:
        if self.session.document.timeline:
            position = self.attempt(lambda: self.session.move_event(self.table.cursor, step))
            if position is not None:
                self.table.move_cursor(position)

    def action_toggle_key(self) -> None:
        index = self.current_row()
        if index is not None:
            self.session.toggle_key_event(index)

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
