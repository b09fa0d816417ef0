"""Action items: who does what by when. Rows without an owner or a due date are flagged, because
an action item nobody owns is a wish. Sorting changes the view only, never the file's order."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from pmtui.app.meeting.review_marks import marked_rows
from pmtui.app.common.forms import ChoiceScreen, ConfirmScreen, FormField, show_form
from pmtui.app.meeting.session import Area, Session
from pmtui.app.meeting.panels.panel import CopyWanted, Panel
from pmtui.app.common.row_table import Column, Row, RowTable
from pmtui.document import whys as why_tree
from pmtui.document.model import ActionItem, ActionKind, ActionStatus, Priority

SORTS = ("file order", "priority", "due date")
STATUS_SHORT = {ActionStatus.OPEN: "open", ActionStatus.IN_PROGRESS: "doing", ActionStatus.DONE: "done",
                ActionStatus.WONT_DO: "won't"}
TRACKER_CHOICES = {
    "jira-csv": "Jira CSV (Summary, Description, Assignee, Due Date, Priority, Labels)",
    "linear-csv": "Linear CSV",
    "github": "GitHub: a `gh issue create` script to review and run",
}
_LAST = "~"  # sorts after every priority and date text: missing values go to the bottom


def sort_key(sort: str, item: ActionItem) -> tuple[str, str]:
    priority = item.priority.value if item.priority else _LAST
    due = item.due.isoformat() if item.due else _LAST
    return (priority, due) if sort == "priority" else (due, priority)


def needs_attention(item: ActionItem) -> bool:
    return item.status.is_open and (not (item.owner and item.owner.strip()) or item.due is None)


class ActionRows:
    """Action items in the chosen order, as table rows."""

    def __init__(self, panel: ActionsPanel) -> None:
        self.panel = panel

    def row_count(self) -> int:
        return len(self.panel.order)

    def row(self, index: int) -> Row:
        item = self.panel.session.document.action_items[self.panel.order[index]]
        flagged = needs_attention(item)
        return Row((
            Text("⚑" if flagged else " "),
            Text(item.id or ""),
            Text(item.action.replace("\n", " ")),
            Text(item.owner or "no owner"),
            Text(item.due.isoformat() if item.due else "no due"),
            Text(item.priority.value if item.priority else "—"),
            Text(STATUS_SHORT[item.status]),
            Text(item.addresses or ""),
        ), flagged=flagged)


class ActionsPanel(Panel):
    AREAS = frozenset({Area.ACTIONS, Area.WHYS, Area.INCIDENT})
    ROW_SECTION = "action_items"
    BINDINGS = [
        Binding("a", "add", "Add item", id="actions.add"),
        Binding("e", "edit", "Edit", id="actions.edit"),
        Binding("d,delete", "delete", "Delete", id="actions.delete"),
        Binding("o", "sort", "Sort", id="actions.sort"),
        Binding("l", "link", "Link why", id="actions.link"),
        Binding("w", "row_findings", "Finding", id="actions.findings"),
        Binding("c", "copy", "Copy CSV", id="actions.copy"),
    ]

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(session, **kwargs)
        self.highlighted_why: str | None = None  # the why the room last looked at (the screen tells): what `l` offers first
        self.sort = SORTS[0]
        self.order: list[int] = []
        self.marked: frozenset[int] = frozenset()  # action items (file order) with review findings

    def compose(self) -> ComposeResult:
        self._reorder()
        yield RowTable(
            [Column("", 1, marker=True), Column("Id", 5), Column("Action"), Column("Owner", 12), Column("Due", 10),
             Column("Pri", 3), Column("Status", 6), Column("Why", 6)],
            ActionRows(self), empty="No action items yet: press a to add one", id="actions-table",
        )

    @property
    def table(self) -> RowTable:
        return self.query_one("#actions-table", RowTable)

    def on_mount(self) -> None:
        self._show_sort()

    def focus_editor(self) -> None:
        self.table.focus()

    def _reorder(self) -> None:
        items = self.session.document.action_items
        indices = list(range(len(items)))
        if self.sort != SORTS[0]:
            indices.sort(key=lambda index: sort_key(self.sort, items[index]))
        self.order = indices
        self._show_marks()

    def show_review(self, findings: list) -> None:
        super().show_review(findings)
        self.marked = marked_rows(findings, "action_items")
        self._show_marks()

    def _show_marks(self) -> None:
        """The table marks rows in the order it shows, not the file's."""
        rows = frozenset(row for row, index in enumerate(self.order) if index in self.marked)
        for table in self.query("#actions-table").results(RowTable):  # none yet while composing
            table.set_marks(rows)

    def _show_sort(self) -> None:
        missing = sum(needs_attention(item) for item in self.session.document.action_items)
        title = f"Action items · sorted by {self.sort}"
        if missing:
            title += f" · ⚑ {missing} without owner or due date"
        self.table.border_title = title

    def document_changed(self, area: str) -> None:
        if area == Area.ACTIONS:
            self._reorder()
            self.table.refresh_rows()
            self._show_sort()

    def selected_index(self) -> int | None:
        """The highlighted item's index in the document."""
        if not self.order:
            return None
        return self.order[min(self.table.cursor, len(self.order) - 1)]

    def _show_item(self, document_index: int) -> None:
        if document_index in self.order:
            self.table.move_cursor(self.order.index(document_index))

    # ---------------------------------------------------------------------------- editing

    def _why_choices(self) -> tuple[tuple[str, str], ...]:
        return tuple(
            (f"{why.id} {why.answer[:50]}", why.id) for why in why_tree.in_tree_order(self.session.document.whys)
        )

    def open_form(self, index: int | None, addresses: str | None = None) -> None:
        """Add (index None) or edit an action item; `addresses` pre-links a new one to a why."""
        document = self.session.document
        item = document.action_items[index] if index is not None else None
        due_hint = (self.session.today() + dt.timedelta(days=14)).isoformat()
        current = item.model_dump(mode="json", exclude_none=True) if item else {"addresses": addresses or ""}

        def value(name: str) -> str:
            return str(current.get(name) or "")

        fields = [
            FormField("action", "Action (specific and checkable: what will be true when it is done?)", value("action")),
            FormField("owner", "Owner", value("owner"), suggestions=tuple(document.incident.people())),
            FormField("due", "Due (YYYY-MM-DD)", value("due"), placeholder=due_hint),
            FormField("priority", "Priority", value("priority"), choices=tuple((p.value, p.value) for p in Priority)),
            FormField("status", "Status", value("status") or "open", choices=tuple((s.value, s.value) for s in ActionStatus)),
            FormField("kind", "Kind", value("kind"), choices=tuple((k.value, k.value) for k in ActionKind)),
            FormField("addresses", "Addresses why", value("addresses"), choices=self._why_choices()),
            FormField("ticket", "Ticket", value("ticket")),
        ]

        def apply(values: dict[str, str]) -> None:
            if index is None:
                self._show_item(self.session.add_action(values))
            else:
                self.session.update_action(index, values)

        title = f"Edit {item.id}" if item else "New action item" + (f" for why {addresses}" if addresses else "")
        show_form(self.app, title, fields, apply)

    def action_add(self) -> None:
        self.open_form(None)

    def action_edit(self) -> None:
        index = self.selected_index()
        if index is not None:
            self.open_form(index)

    @on(RowTable.Selected, "#actions-table")
    def _open(self) -> None:
        self.action_edit()

    def action_delete(self) -> None:
        index = self.selected_index()
        if index is None:
            return
        item = self.session.document.action_items[index]

        def answered(yes: bool | None) -> None:
            if yes:
                self.attempt(lambda: self.session.delete_action(index))

        self.app.push_screen(ConfirmScreen(f"Delete {item.id} ({item.action[:60]})?"), answered)

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._reorder()
        self.table.refresh_rows()
        self._show_sort()

    def current_row(self) -> int | None:
        return self.selected_index()

    def action_copy(self) -> None:
        """The action items as tickets for a tracker's import, on the clipboard."""
        from pmtui.export import SUFFIXES, TRACKER_FORMATS, render

        if not self.session.document.action_items:
            self.notify("No action items to copy yet.", markup=False)
            return

        def chosen(fmt: str | None) -> None:
            if fmt:
                text = render(self.session.document, fmt, source=self.session.path)
                self.post_message(CopyWanted(text, SUFFIXES[fmt]))

        self.app.push_screen(ChoiceScreen("Copy the action items for which tracker?",
                                          [(TRACKER_CHOICES[fmt], fmt) for fmt in TRACKER_FORMATS]), chosen)

    def action_link(self) -> None:
        index = self.selected_index()
        if index is None:
            return
        choices = [("(none: not linked)", ""), *self._why_choices()]
        item = self.session.document.action_items[index]
        highlighted = item.addresses or self.highlighted_why

        def chosen(why_id: str | None) -> None:
            if why_id is not None:
                self.attempt(lambda: self.session.link_action(index, why_id or None))

        self.app.push_screen(ChoiceScreen(f"Which why does {item.id} address?", choices, highlighted), chosen)
