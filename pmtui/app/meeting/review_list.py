"""A list of the review assistant's findings that acts on them: Enter applies the highlighted
finding's suggested rewrite, x dismisses it with a reason (kept in the document).

The Q&A panel shows every finding; the dialog opened from a marked row shows that row's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList

from pmtui.app.common.safe_text import one_line
from pmtui.app.meeting.review_marks import findings_at
from pmtui.app.meeting.session import EditError

if TYPE_CHECKING:
    from pmtui.review.findings import Finding
    from pmtui.app.meeting.session import Session


class ReviewList(OptionList):
    BINDINGS = [Binding("x", "dismiss_finding", "Dismiss finding", id="review.dismiss")]

    class Acted(Message):
        """A finding was applied or dismissed; the list shows what is left."""

        def __init__(self, review_list: ReviewList) -> None:
            super().__init__()
            self.review_list = review_list

        @property
        def control(self) -> ReviewList:
            return self.review_list

    def __init__(self, session: Session, row: tuple[str, int] | None = None, *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.session = session
        self.row = row  # (section, index): only the findings about that entry; None: all of them
        self.findings: list[Finding] = []

    def show(self, findings: list[Finding]) -> None:
        self.findings = findings if self.row is None else findings_at(findings, *self.row)
        highlighted = self.highlighted
        if not self.findings:
            self.set_options([Text("No findings", style="italic")])
            return
        options = []
        for finding in self.findings:
            line = Text(f"{finding.severity}: ", style="bold")
            line.append(f"{finding.ref}: ")  # "T4", "why 1.2.1": what the row on screen shows
            line.append(one_line(finding.message))
            if finding.suggestion:
                line.append(f"\n  → {one_line(finding.suggestion)}", style="italic")
            options.append(line)
        self.set_options(options)
        self.highlighted = min(highlighted or 0, len(self.findings) - 1)

    def selected(self) -> Finding | None:
        if not self.findings or self.highlighted is None:
            return None
        return self.findings[self.highlighted]

    def _acted(self) -> None:
        self.show(self.session.review_findings())
        self.post_message(self.Acted(self))

    @on(OptionList.OptionSelected)
    def _apply(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        finding = self.selected()
        if finding is None:
            return
        if finding.replacement:
            try:
                self.session.apply_suggestion(finding)
            except EditError as exc:
                self.notify(str(exc), severity="error", markup=False)
            self._acted()
        else:
            self.notify("This finding has no automatic rewrite; edit the field, or x to dismiss it.", markup=False)

    def action_dismiss_finding(self) -> None:
        from pmtui.app.common.forms import FormField, FormScreen

        finding = self.selected()
        if finding is None:
            return

        def closed(saved: bool | None) -> None:
            if saved:
                self._acted()

        self.app.push_screen(FormScreen(f"Dismiss: {finding.message}", [
            FormField("reason", "Why it does not apply (kept in the document)"),
        ], lambda fields: self.session.dismiss_finding(finding, fields["reason"])), closed)
