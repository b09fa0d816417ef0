"""The library's action-item follow-up: `pmtui actions` as a view.

The completion rate sits on top, as a warning banner when fewer of the items due in the window
are done than the folder's policy asks (70% by default); below it every action item, overdue first (the longest overdue at the top), in a
virtual table: 30,000 items cost what 30 do. Enter on an item opens its incident's meeting.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from pmtui.app.common.row_table import Column, Row, RowTable
from pmtui.library.actions import STATUS_NAMES, ActionsReport
from pmtui.library.index import ActionRecord
from pmtui.terminal_text import for_terminal

ACTION_COLUMNS = [Column("Due", 10), Column("Late", 6), Column("Status", 11), Column("Owner", 10),
                  Column("Incident", 13), Column("Action")]


class ActionSource:
    """The report's items in follow-up order, for the table; overdue rows are flagged."""

    def __init__(self) -> None:
        self.report: ActionsReport | None = None

    @property
    def items(self) -> list[ActionRecord]:
        return self.report.items if self.report else []

    def row_count(self) -> int:
        return len(self.items)

    def row(self, index: int) -> Row:
        item = self.items[index]
        late = item.days_overdue(self.report.today)  # type: ignore[union-attr]
        return Row((
            Text(item.due.isoformat() if item.due else "—"),
            Text(f"{late}d" if late is not None else ""),
            Text(for_terminal(STATUS_NAMES.get(item.status, item.status))),
            Text(for_terminal(item.owner or "—")),
            Text(for_terminal(item.incident_label)),
            Text(for_terminal(item.action)),
        ), flagged=late is not None)


class ActionsView(Vertical):
    DEFAULT_CSS = """
    ActionsView #completion { height: auto; padding: 0 1; }
    ActionsView #completion.-below-target {
        background: $warning; color: $text; text-style: bold; border: heavy $error; padding: 0 1;
    }
    ActionsView #action-counts { height: auto; padding: 0 1; color: $text-muted; }
    ActionsView #action-table { height: 1fr; }
    ActionsView #action-detail { height: auto; max-height: 5; padding: 0 1; background: $boost; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.source = ActionSource()

    def compose(self) -> ComposeResult:
        yield Static(Text("Reading the library…", style="italic"), id="completion")
        yield Static(id="action-counts")
        yield RowTable(ACTION_COLUMNS, self.source, empty="No action items", id="action-table")
        yield Static(id="action-detail")  # the table cuts owner, incident and action: the highlighted one in full

    @property
    def table(self) -> RowTable:
        return self.query_one("#action-table", RowTable)

    def show(self, report: ActionsReport) -> None:
        self.source.report = report
        rate = report.completion
        warning = rate.warning()
        completion = self.query_one("#completion", Static)
        completion.update(Text(f"⚠ {warning}") if warning else Text(rate.sentence()))
        completion.set_class(warning is not None, "-below-target")
        counts = Text(f"{len(report.items)} action items, {report.overdue} overdue (shown first, in the warning "
                      f"colour). Today is {report.today.isoformat()}.")
        if warning:
            counts.append(f" {rate.sentence()}")
        self.query_one("#action-counts", Static).update(counts)
        self.table.refresh_rows()
        self._show_detail()

    @on(RowTable.Highlighted, "#action-table")
    def _highlighted(self, event: RowTable.Highlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        detail = Text()
        items, report = self.source.items, self.source.report
        if items and report:
            item = items[min(self.table.cursor, len(items) - 1)]
            late = item.days_overdue(report.today)
            detail.append(f"{for_terminal(item.item_id)}  {for_terminal(item.action)}", style="bold")
            detail.append(f"\nowner {for_terminal(item.owner or 'none')} · due {item.due.isoformat() if item.due else 'none'}"
                          f"{f' · {late} days late' if late is not None else ''} · "
                          f"{for_terminal(STATUS_NAMES.get(item.status, item.status))}")
            detail.append(f"\n{for_terminal(item.incident_label)}: {for_terminal(item.incident_title)}", style="italic")
        self.query_one("#action-detail", Static).update(detail)
