"""Action items: who does what by when, and the highlighted item in full below the table with the
why it addresses. Rows without an owner or a due date are flagged, because an action item nobody
owns is a wish. Sorting changes the view only, never the file's order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from pmtui.app.meeting.review_marks import marked_rows
from pmtui.app.common.forms import ChoiceScreen, ConfirmScreen, FormField, show_form
from pmtui.app.meeting.session import Area, Session
from pmtui.app.meeting.panels.panel import PRESENT, CopyWanted, Detail, Panel, append_findings
from pmtui.app.common.row_table import Column, Row, RowTable
from pmtui.app.common.safe_text import one_line, safe_text
from pmtui.document import whys as why_tree
from pmtui.document.model import ActionItem, ActionKind, ActionStatus, Document, Priority

if TYPE_CHECKING:
    from pmtui.review.findings import Finding

SORTS = ("file order", "priority", "due date")
STATUS_SHORT = {ActionStatus.OPEN: "open", ActionStatus.IN_PROGRESS: "doing", ActionStatus.DONE: "done",
                ActionStatus.WONT_DO: "won't"}
TRACKER_CHOICES = {
    "jira-csv": "Jira CSV (Summary, Description, Assignee, Due Date, Priority, Labels)",
    "linear-csv": "Linear CSV",
    "github": "GitHub: a `gh issue create` script to review and run",
}
OWNER_WIDTH_MAX = 18
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
            Text(one_line(item.id or "")),
            Text(one_line(item.action)),
            Text(one_line(item.owner or "no owner")),
            Text(item.due.isoformat() if item.due else "no due"),
            Text(item.priority.value if item.priority else "—"),
            Text(STATUS_SHORT[item.status]),
            Text(one_line(item.addresses or "")),
        ), flagged=flagged)


def action_detail(document: Document, item: ActionItem, findings: list[Finding]) -> Text:
    """The highlighted item in full, with the why it addresses (id and answer) and its findings."""
    text = Text()
    text.append(one_line(item.id or "(no id)") + "  ", style="bold")
    text.append_text(safe_text(item.action, newlines=True))
    facts = [
        ("owner", item.owner or "none"), ("due", item.due.isoformat() if item.due else "none"),
        ("priority", item.priority.value if item.priority else "none"), ("status", item.status.value),
        ("kind", item.kind.value if item.kind else "none"), ("ticket", item.ticket or "none"),
    ]
    text.append("\n")
    for position, (label, value) in enumerate(facts):
        text.append(f"{' · ' if position else ''}{label} ", style="dim")
        text.append(one_line(value))
    text.append("\nAddresses ", style="bold")
    why = next((why for why in document.whys if why.id == item.addresses), None) if item.addresses else None
    if why is None:
        text.append("no why yet (l links one)" if not item.addresses else f"why {one_line(item.addresses)}, which is gone")
    else:
        text.append(f"why {one_line(why.id)}: ")
        text.append_text(safe_text(why.answer, newlines=True))
    append_findings(text, findings)
    return text


class ActionsPanel(Panel):
    AREAS = frozenset({Area.ACTIONS, Area.WHYS, Area.INCIDENT})
    ROW_SECTION = "action_items"
    BINDINGS = [
        Binding("a", "add", "Add item", id="actions.add", tooltip="Add an action item"),
        Binding("e", "edit", "Edit", id="actions.edit", tooltip="Edit the highlighted action item"),
        Binding("d,delete", "delete", "Delete", id="actions.delete", tooltip="Delete the highlighted action item"),
        Binding("o", "sort", "Sort", id="actions.sort", tooltip="Sort by file order, priority or due date"),
        Binding("l", "link", "Link why", id="actions.link", tooltip="Link the action item to the why it addresses"),
        Binding("w", "row_findings", "Finding", id="actions.findings",
                tooltip="Review findings on an item marked ⚠: apply the rewrite or dismiss"),
        Binding("c", "copy", "Copy CSV", id="actions.copy",
                tooltip="Copy the action items for a tracker: Jira CSV, Linear CSV, or a GitHub script"),
        PRESENT,
    ]

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(session, **kwargs)
        self.highlighted_why: str | None = None  # the why the room last looked at (the screen tells): what `l` offers first
        self.sort = SORTS[0]
        self.order: list[int] = []
        self.marked: frozenset[int] = frozenset()  # action items (file order) with review findings

    def compose(self) -> ComposeResult:
        self._reorder()
        yield RowTable(self._columns(), ActionRows(self), empty="No action items yet: press a to add one",
                       id="actions-table")
        yield Detail(id="action-detail")

    def _columns(self) -> list[Column]:
        """The Why column as wide as the longest id it shows: `1.2.1.1` and `1.2.1.1.1` both whole."""
        items = self.session.document.action_items
        why_width = max((len(item.addresses or "") for item in items), default=0)
        # Owners whole up to a long name; "no owner" is the narrowest the column gets.
        owner_width = min(OWNER_WIDTH_MAX, max((len(item.owner or "") for item in items), default=0))
        return [Column("", 1, marker=True), Column("Id", 5), Column("Action"), Column("Owner", max(8, owner_width)),
                Column("Due", 10), Column("Pri", 3), Column("Status", 6), Column("Why", max(3, why_width))]

    @on(RowTable.Highlighted, "#actions-table")
    def _show_detail(self) -> None:
        """Only the highlighted item is drawn here: a cursor move costs one item."""
        index = self.selected_index()
        detail = self.query_one("#action-detail", Detail)
        if index is None:
            detail.show(Text("The highlighted action item shows here in full.", style="italic"))
            return
        findings = self._findings_by_row.get(("action_items", index), [])
        detail.show(action_detail(self.session.document, self.session.document.action_items[index], findings))

    @property
    def table(self) -> RowTable:
        return self.query_one("#actions-table", RowTable)

    def on_mount(self) -> None:
        self._show_sort()
        self._show_detail()

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
        self._show_detail()

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
            self.table.columns = self._columns()
            self.table.refresh_rows()
            self._show_sort()
        self._show_detail()  # an edited why answer shows in "Addresses" too

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
            (f"{why.id} {one_line(why.answer)[:50]}", why.id) for why in why_tree.in_tree_order(self.session.document.whys)
        )

    def open_form(self, index: int | None, addresses: str | None = None) -> None:
        """Add (index None) or edit an action item; `addresses` pre-links a new one to a why."""
        document = self.session.document
        item = document.action_items[index] if index is not None else None
        # "e.g.": a bare date in an empty field reads as a due date already set
        due_hint = f"e.g. {(self.session.today() + dt.timedelta(days=14)).isoformat()}, two weeks from today"
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

        self.app.push_screen(ConfirmScreen(f"Delete {one_line(item.id or '')} ({one_line(item.action)[:60]})?"), answered)

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._reorder()
        self.table.refresh_rows()
        self._show_sort()
        self._show_detail()

    def current_row(self) -> int | None:
        return self.selected_index()

    def presented(self) -> tuple[str, Text] | None:
        index = self.selected_index()
        if index is None:
            return None
        item = self.session.document.action_items[index]
        findings = self._findings_by_row.get(("action_items", index), [])
        return f"Action item {one_line(item.id or '')}", action_detail(self.session.document, item, findings)

    def action_copy(self) -> None:
        """The action items as tickets for a tracker's import, on the clipboard."""
        from pmtui.export import SUFFIXES, TRACKER_FORMATS, render

        if not self.session.document.action_items:
            self.notify("No action items to copy yet.", markup=False)
            return

        from pmtui.export.ticket_mark import repository_path

        def chosen(fmt: str | None) -> None:
            if fmt:
                # The ticket mark names the postmortem as `pmtui sync` finds it: repository-relative.
                source = Path(repository_path(self.session.path))
                text = render(self.session.document, fmt, source=source)
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
