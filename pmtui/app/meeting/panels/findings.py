"""Q&A & findings: what went well, what went poorly, lessons, the parking lot, and the review
assistant's findings: apply a suggested rewrite, or dismiss with a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.widgets import OptionList

from pmtui.app.common.forms import ConfirmScreen, FormField, show_form
from pmtui.app.meeting.session import Area
from pmtui.app.meeting.panels.panel import PRESENT, CaptureWanted, Panel
from pmtui.app.meeting.review_list import ReviewList
from pmtui.app.common.safe_text import one_line, safe_text

if TYPE_CHECKING:
    from pmtui.review.findings import Finding

LISTS = (
    ("went_well", "Went well"),
    ("went_poorly", "Went poorly"),
    ("lessons", "Lessons"),
    ("got_lucky", "Got lucky"),
    ("surprises", "Surprises"),
    ("open_questions", "Open questions"),
    ("parking_lot", "Parking lot"),
)


class TextList(OptionList):
    """One of the document's free-text lists, one entry per line."""

    def __init__(self, name: str, title: str) -> None:
        super().__init__(id=f"list-{name}", classes="text-list")
        self.list_name = name
        self.border_title = title

    def show(self, entries: list[str]) -> None:
        highlighted = self.highlighted
        self.set_options([safe_text(f"• {entry}") for entry in entries])
        if entries:
            self.highlighted = min(highlighted or 0, len(entries) - 1)


class FindingsPanel(Panel):
    AREAS = frozenset({Area.FINDINGS})
    BINDINGS = [
        Binding("a", "add", "Add", id="findings.add", tooltip="Add to the focused list"),
        Binding("e", "edit", "Edit", id="findings.edit", tooltip="Edit the highlighted entry"),
        Binding("d,delete", "delete", "Delete", id="findings.delete", tooltip="Delete the highlighted entry"),
        PRESENT,
    ]

    def compose(self) -> ComposeResult:
        with Grid(id="findings-grid"):
            for name, title in LISTS:
                yield TextList(name, title)
            review_list = ReviewList(self.session, id="review-findings", classes="text-list")
            review_list.border_title = "Review findings (Enter applies a rewrite, x dismisses; w on a row marked ⚠)"
            yield review_list

    def on_mount(self) -> None:
        for text_list in self.query(TextList):
            text_list.show(self.session.text_list(text_list.list_name))

    def focus_editor(self) -> None:
        self.query_one(TextList).focus()

    def document_changed(self, area: str) -> None:
        for text_list in self.query(TextList):
            text_list.show(self.session.text_list(text_list.list_name))

    def show_review(self, findings: list[Finding]) -> None:
        super().show_review(findings)
        for review_list in self.query(ReviewList):
            review_list.show(findings)

    def _focused_list(self) -> TextList | None:
        focused = self.screen.focused
        return focused if isinstance(focused, TextList) else None

    def action_add(self) -> None:
        text_list = self._focused_list() or self.query_one(TextList)
        self.post_message(CaptureWanted(text_list.list_name))

    def _focused_entry(self) -> tuple[str, int, str] | None:
        """(list name, index, text) of the highlighted entry in the focused list."""
        text_list = self._focused_list()
        if text_list is None or text_list.highlighted is None:
            return None
        entries = self.session.text_list(text_list.list_name)
        if text_list.highlighted >= len(entries):
            return None
        return text_list.list_name, text_list.highlighted, entries[text_list.highlighted]

    def presented(self) -> tuple[str, Text] | None:
        entry = self._focused_entry()
        if entry is None:
            return None
        name, _, text = entry
        return dict(LISTS)[name], safe_text(text, newlines=True)

    def action_edit(self) -> None:
        entry = self._focused_entry()
        if entry is None:
            return
        name, index, text = entry
        show_form(self.app, f"Edit: {dict(LISTS)[name]}", [FormField("text", "Text", text)],
                  lambda fields: self.session.update_text(name, index, fields["text"]))

    def action_delete(self) -> None:
        entry = self._focused_entry()
        if entry is None:
            return
        name, index, text = entry

        def answered(yes: bool | None) -> None:
            if yes:
                self.session.delete_text(name, index)

        self.app.push_screen(ConfirmScreen(f"Delete “{one_line(text)[:70]}”?"), answered)

    def on_option_list_option_selected(self) -> None:
        """Enter on a text list's entry (the review list handles its own)."""
        self.action_edit()
