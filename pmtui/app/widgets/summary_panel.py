"""Summary & impact: the incident's metadata, its summary and the impact fields, edited in place.

Every keystroke goes to the session; a value the model refuses (a half-typed date) marks its field
and waits for the next keystroke instead of interrupting the room.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, Static, TextArea

from pmtui.app.session import Area, EditError
from pmtui.app.widgets.panel import Panel
from pmtui.document.model import Severity

INCIDENT_FIELDS = (
    ("title", "Title", ""),
    ("id", "Incident id", "INC-2026-0001"),
    ("date", "Date", "YYYY-MM-DD"),
    ("timezone", "Time zone", "Europe/Berlin"),
    ("author", "Author", ""),
    ("facilitator", "Facilitator", ""),
    ("participants", "Participants", "comma-separated"),
    ("reviewers", "Reviewers", "comma-separated"),
    ("tags", "Tags", "comma-separated"),
)
IMPACT_FIELDS = (
    ("users_affected", "Users affected"),
    ("failed_requests", "Failed requests"),
    ("revenue", "Revenue"),
    ("slo", "SLO / error budget"),
    ("support_tickets", "Support tickets"),
    ("public_communication", "Public comms"),
    ("notes", "Notes"),
)


def incident_text(panel: SummaryPanel, name: str) -> str:
    value = getattr(panel.session.document.incident, name)
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else str(value)


class SummaryPanel(Panel):
    AREAS = frozenset({Area.INCIDENT, Area.IMPACT})

    def compose(self) -> ComposeResult:
        document = self.session.document
        with VerticalScroll(id="summary-scroll"):
            yield Static("Incident", classes="section-title")
            with Grid(classes="form-grid"):
                yield Label("Severity")
                yield Select(
                    [(severity.value, severity.value) for severity in Severity],
                    value=document.incident.severity.value if document.incident.severity else Select.NULL,
                    id="incident-severity", compact=True,
                )
                yield Label("Status")
                yield Static(id="incident-status")
                for name, label, placeholder in INCIDENT_FIELDS:
                    yield Label(label)
                    yield Input(incident_text(self, name), placeholder=placeholder, id=f"incident-{name}",
                                compact=True, select_on_focus=False)
            yield Static("Summary", classes="section-title")
            yield TextArea(document.incident.summary or "", id="incident-summary", soft_wrap=True)
            yield Static("Impact", classes="section-title")
            with Grid(classes="form-grid"):
                for name, label in IMPACT_FIELDS:
                    yield Label(label)
                    yield Input(getattr(document.impact, name) or "", id=f"impact-{name}", compact=True, select_on_focus=False)
            yield Static("", id="summary-error", classes="field-error")

    def on_mount(self) -> None:
        self._show_status()
        self.call_after_refresh(self._show_field_starts)

    def _show_field_starts(self) -> None:
        """An Input given a value shows its end; a long title should read from its start."""
        for field in self.query(Input):
            field.cursor_position = 0

    def focus_editor(self) -> None:
        self.query_one("#incident-title", Input).focus()

    def _show_status(self) -> None:
        status = self.session.document.incident.status
        self.query_one("#incident-status", Static).update(
            Content(f"{status.value}  (changes in Finalize, F9)")
        )

    def _report(self, widget_id: str, problem: str | None) -> None:
        widget = self.query_one(f"#{widget_id}")
        widget.set_class(problem is not None, "-invalid")
        self.query_one("#summary-error", Static).update(Content(problem or ""))

    def _edit(self, widget_id: str, change) -> None:
        try:
            change()
        except EditError as exc:
            self._report(widget_id, str(exc))
        else:
            self._report(widget_id, None)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        widget_id = event.input.id or ""
        section, _, name = widget_id.partition("-")
        if section == "incident":
            self._edit(widget_id, lambda: self.session.set_incident_field(name, event.value))
        elif section == "impact":
            self._edit(widget_id, lambda: self.session.set_section_field("impact", name, event.value))

    @on(TextArea.Changed, "#incident-summary")
    def _summary(self, event: TextArea.Changed) -> None:
        self._edit("incident-summary", lambda: self.session.set_incident_field("summary", event.text_area.text))

    @on(Select.Changed, "#incident-severity")
    def _severity(self, event: Select.Changed) -> None:
        value = "" if event.value is Select.NULL else str(event.value)
        self._edit("incident-severity", lambda: self.session.set_incident_field("severity", value))

    def document_changed(self, area: str) -> None:
        """Load values edited elsewhere (a review rewrite), leaving the field being typed in alone."""
        document = self.session.document
        self._show_status()
        with self.prevent(Input.Changed, TextArea.Changed, Select.Changed):
            for name, _, _ in INCIDENT_FIELDS:
                self._load(f"incident-{name}", incident_text(self, name))
            for name, _ in IMPACT_FIELDS:
                self._load(f"impact-{name}", getattr(document.impact, name) or "")
            summary = self.query_one("#incident-summary", TextArea)
            if not summary.has_focus and summary.text != (document.incident.summary or ""):
                summary.text = document.incident.summary or ""

    def _load(self, widget_id: str, value: str) -> None:
        widget = self.query_one(f"#{widget_id}", Input)
        if not widget.has_focus and widget.value != value and not widget.has_class("-invalid"):
            widget.value = value
            widget.cursor_position = 0
