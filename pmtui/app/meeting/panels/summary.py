"""Summary & impact: the incident's metadata, its summary and the impact fields.

A table of fields, one per row, and below it the highlighted field at length (the summary reads as
a paragraph). Enter edits a field in a small form that writes through as it is typed, exactly like
editing in place: nothing waits for a Save, and a value the model refuses (a half-typed date) is
kept in the form with its error instead of interrupting the room.

A table rather than a grid of inputs: it reads better on a projector, it marks what is still
missing, and it costs one widget where the inputs cost twenty (this is the first panel a meeting
shows, so it is what start-up waits for).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from pmtui.app.meeting.session import Area
from pmtui.app.meeting.panels.panel import PRESENT, Panel, append_findings
from pmtui.app.common.row_table import Column, Row, RowTable
from pmtui.app.common.safe_text import one_line, safe_text
from pmtui.document.model import Severity


@dataclass(frozen=True)
class SummaryField:
    section: str  # "incident" or "impact"
    name: str
    label: str
    placeholder: str = ""
    multiline: bool = False
    wanted: bool = False  # shown in the warning colour while empty: the review needs it


FIELDS = (
    SummaryField("incident", "title", "Title", wanted=True),
    SummaryField("incident", "summary", "Summary", multiline=True, wanted=True),
    SummaryField("incident", "severity", "Severity", wanted=True),
    SummaryField("incident", "status", "Status"),
    SummaryField("incident", "id", "Incident id", "INC-2026-0001"),
    SummaryField("incident", "date", "Date", "YYYY-MM-DD", wanted=True),
    SummaryField("incident", "timezone", "Time zone", "Europe/Berlin"),
    SummaryField("incident", "author", "Author"),
    SummaryField("incident", "facilitator", "Facilitator"),
    SummaryField("incident", "participants", "Participants", "comma-separated"),
    SummaryField("incident", "reviewers", "Reviewers", "comma-separated"),
    SummaryField("incident", "tags", "Tags", "comma-separated"),
    SummaryField("impact", "users_affected", "Users affected", wanted=True),
    SummaryField("impact", "failed_requests", "Failed requests"),
    SummaryField("impact", "revenue", "Revenue"),
    SummaryField("impact", "slo", "SLO / error budget"),
    SummaryField("impact", "support_tickets", "Support tickets"),
    SummaryField("impact", "public_communication", "Public comms"),
    SummaryField("impact", "notes", "Impact notes", multiline=True),
)
SUMMARY_ROW = 1  # where the cursor starts: the walkthrough reads the summary first


class SummaryRows:
    """The fields as table rows, read from the document on demand."""

    def __init__(self, panel: SummaryPanel) -> None:
        self.panel = panel

    def row_count(self) -> int:
        return len(FIELDS)

    def row(self, index: int) -> Row:
        field = FIELDS[index]
        value = self.panel.field_text(field)
        if field.name == "status":
            value += "  (changes in Finalize, F9)"
        first_line = value.strip().split("\n", 1)[0]
        if first_line != value.strip():
            first_line += " …"
        shown = Text(one_line(first_line)) if value.strip() else Text("—", style="italic")
        return Row((Text(field.label), shown), flagged=field.wanted and not value.strip())


class SummaryPanel(Panel):
    AREAS = frozenset({Area.INCIDENT, Area.IMPACT})
    BINDINGS = [Binding("e", "edit", "Edit", id="summary.edit", tooltip="Edit the highlighted field"), PRESENT]

    def compose(self) -> ComposeResult:
        yield RowTable([Column("Field", 18), Column("Value")], SummaryRows(self), id="summary-table")
        yield Static(id="summary-detail")

    def on_mount(self) -> None:
        table = self.table
        table.refresh_rows()
        table.move_cursor(SUMMARY_ROW)
        self._show_detail()

    @property
    def table(self) -> RowTable:
        return self.query_one("#summary-table", RowTable)

    def focus_editor(self) -> None:
        self.table.focus()

    def field_text(self, field: SummaryField) -> str:
        """A field's value as typed into its form: lists comma-separated, unset as empty."""
        value = getattr(getattr(self.session.document, field.section), field.name)
        if isinstance(value, list):
            return ", ".join(value)
        if hasattr(value, "value"):  # an enum (severity, status)
            return str(value.value)
        return "" if value is None else str(value)

    @on(RowTable.Highlighted, "#summary-table")
    def _show_detail(self) -> None:
        field = FIELDS[self.table.cursor]
        detail = Text()
        detail.append(field.label, style="bold")
        value = self.field_text(field)
        definition = self._severity_definition() if field.name == "severity" else None
        if definition:
            value += f" — {definition}"  # the table shows "SEV2"; the room reads what it means
        if field.multiline or definition or len(value) > max(8, self.size.width - 22):
            detail.append("\n")
            detail.append_text(safe_text(value or "—", newlines=True))
        detail.append("   Enter edits" if field.name != "status" else "   changes in Finalize (F9)", style="dim")
        path = f"{field.section}.{field.name}"
        append_findings(detail, [finding for finding in self.shown_findings
                                 if finding.path == path or finding.path.startswith((f"{path}.", f"{path}["))])
        self.query_one("#summary-detail", Static).update(detail)

    def show_review(self, findings: list) -> None:
        super().show_review(findings)
        self._show_detail()

    def severity_definitions(self) -> dict[Severity, str]:
        """The team policy's one-line definition of each severity (docs/policy.md); none when the
        policy file cannot be read (`pmtui policy` says why)."""
        from pmtui.policy import PolicyError, load_policy

        try:
            policy = load_policy(self.session.path)[0]
        except PolicyError:
            return {}
        return {severity: rules.definition for severity, rules in policy.severities.items()}

    def _severity_definition(self) -> str | None:
        severity = self.session.document.incident.severity
        return None if severity is None else self.severity_definitions().get(severity)

    def _severity_choices(self) -> tuple[tuple[str, str], ...]:
        """Each severity with its definition, so the room picks by meaning, not by number."""
        definitions = self.severity_definitions()
        return tuple((f"{severity.value} — {one_line(definitions[severity])}" if severity in definitions
                      else severity.value, severity.value) for severity in Severity)

    def presented(self) -> tuple[str, Text] | None:
        field = FIELDS[self.table.cursor]
        value = self.field_text(field).strip()
        return field.label, safe_text(value, newlines=True) if value else Text("not filled in yet", style="italic")

    @on(RowTable.Selected, "#summary-table")
    def action_edit(self) -> None:
        from pmtui.app.common.forms import FormField, LiveFormScreen  # the first frame needs no form widgets

        field = FIELDS[self.table.cursor]
        if field.name == "status":
            self.notify("The status changes in Finalize (F9), where its gates are checked.", markup=False)
            return
        form_field = FormField(
            "value", field.label, self.field_text(field), field.placeholder,
            choices=self._severity_choices() if field.name == "severity" else None, multiline=field.multiline,
        )

        def apply(values: dict[str, str]) -> None:
            if field.section == "incident":
                self.session.set_incident_field(field.name, values["value"])
            else:
                self.session.set_section_field(field.section, field.name, values["value"])

        self.app.push_screen(LiveFormScreen(field.label, [form_field], apply))

    def document_changed(self, area: str) -> None:
        self.table.refresh_rows()
        self._show_detail()
