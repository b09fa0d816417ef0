"""The review findings about one timeline event, why or action item (the row marked ⚠), opened
with `w` from that row: Enter applies a suggested rewrite, x dismisses with a reason, as in the
Q&A panel. Closes by itself once nothing is left to settle."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label

from pmtui.app.meeting.review_list import ReviewList
from pmtui.app.meeting.session import Session

SECTION_NAMES = {"timeline": "event", "whys": "why", "action_items": "action item"}


def entry_name(document: Any, section: str, index: int) -> str:
    """How the room knows the entry: "event T4", "why 1.2", "action item AI-3"."""
    entries = getattr(document, section, [])
    entry_id = entries[index].id if index < len(entries) else None
    return f"{SECTION_NAMES.get(section, 'entry')} {entry_id or f'{section}[{index}]'}"


class RowFindingsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close", id="row_findings.close")]

    def __init__(self, session: Session, section: str, index: int) -> None:
        super().__init__()
        self.session = session
        self.row = (section, index)

    def compose(self) -> ComposeResult:
        name = entry_name(self.session.document, *self.row)
        with Vertical(classes="dialog"):
            yield Label(Content(f"Review findings on {name}"), classes="dialog-title")
            yield ReviewList(self.session, self.row, id="row-findings")
            yield Label(id="row-findings-hint", classes="dialog-hint")

    def on_mount(self) -> None:
        review_list = self.query_one(ReviewList)
        review_list.show(self.session.review_findings())
        if not review_list.findings:  # settled by an edit since the row was marked
            self.notify("Nothing to settle here any more.", markup=False)
            self.dismiss(None)
            return
        self._show_keys(review_list)
        review_list.focus()

    def _show_keys(self, review_list: ReviewList) -> None:
        """Offer Enter only while a finding here has a rewrite to apply (a model's hit has none)."""
        rewrite = "Enter applies the rewrite · " if any(finding.replacement for finding in review_list.findings) else ""
        self.query_one("#row-findings-hint", Label).update(f"{rewrite}x dismisses (with a reason) · Esc closes")

    @on(ReviewList.Acted)
    def _close_when_settled(self, event: ReviewList.Acted) -> None:
        if not event.review_list.findings:
            self.dismiss(None)
        else:
            self._show_keys(event.review_list)
