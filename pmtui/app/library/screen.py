"""The library screen: every postmortem in a folder, the patterns across them, the follow-up.

Three views in tabs (i, p, a). The folder is read in a worker thread that opens the index,
refreshes it and reads it (SQLite connections belong to the thread that opened them), then posts
the incidents first and the two reports after, so the table is usable before the charts are ready.
The worker never touches a widget; the handlers here do. Every file name and every text read
from a document or an error passes through `for_terminal` before it is shown.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from pmtui.app.common.keys import key_display, key_table
from pmtui.app.library.commands import LIBRARY_COMMANDS
from pmtui.app.library.actions import ActionsView
from pmtui.app.library.patterns import PatternsView
from pmtui.app.library.table import Catalog, IncidentTable, open_counts
from pmtui.app.common.row_table import RowTable
from pmtui.document.durations_text import format_duration
from pmtui.library.actions import ActionsReport
from pmtui.library.index import IncidentRecord, Skipped
from pmtui.library.patterns import PatternsReport
from pmtui.terminal_text import for_terminal



class IncidentChosen(Message):
    """Run the meeting on this postmortem: the library app ends with it, the launcher opens it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

VIEWS = ("incidents", "patterns", "actions")


class IncidentsRead(Message):
    def __init__(self, incidents: list[IncidentRecord], open_items: dict[int, int], action_items: int,
                 skipped: list[Skipped]) -> None:
        super().__init__()
        self.incidents = incidents
        self.open_items = open_items
        self.action_items = action_items
        self.skipped = skipped


class ReportsReady(Message):
    def __init__(self, patterns: PatternsReport, against_policy: list[str], actions: ActionsReport,
                 seconds: float) -> None:
        super().__init__()
        self.patterns = patterns
        self.against_policy = against_policy  # what `pmtui patterns` adds after the report
        self.actions = actions
        self.seconds = seconds  # from the start of the read to the reports: the "open time"


class PolicyUnreadable(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class ReadFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


@dataclass
class LibraryState:
    """What the screen looked like, so coming back from a meeting finds it as it was left."""

    view: str = "incidents"
    sort_column: int = 0
    descending: bool = True
    filter_text: str = ""
    selected: str | None = None  # the incident's path inside the library


class LibraryScreen(Screen):
    BINDINGS = [command.binding() for command in LIBRARY_COMMANDS]

    def __init__(self, folder: Path, state: LibraryState, today: dt.date) -> None:
        super().__init__()
        self.folder = folder
        self.folder_shown = for_terminal(str(folder))  # a name with an escape sequence in it is shown, not obeyed
        self.state = state
        self.today = today
        self.catalog = Catalog()
        self.catalog.sort_column, self.catalog.descending = state.sort_column, state.descending
        self.catalog.filter_text = state.filter_text
        self.skipped: list[Skipped] = []
        self.action_items = 0
        self.reports: ReportsReady | None = None
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Static(id="library-status")
        with TabbedContent(id="library-views", initial=self.state.view):
            with TabPane("Incidents (i)", id="incidents"):
                yield Input(self.state.filter_text, placeholder="/ filter: words in title, tags, severity, status, "
                            "id or date", id="library-filter", compact=True)
                yield IncidentTable(self.catalog, empty="Reading the library…", id="incident-table")
                yield Static(id="incident-detail")  # the title column is cut: the highlighted one in full
            with TabPane("Patterns (p)", id="patterns"):
                yield PatternsView(id="patterns-view")
            with TabPane("Action items (a)", id="actions"):
                yield ActionsView(id="actions-view")
        yield Footer(compact=True)

    @property
    def table(self) -> IncidentTable:
        return self.query_one("#incident-table", IncidentTable)

    def on_mount(self) -> None:
        self._show_status()
        self.show_view(self.state.view)
        self.read_library()

    # ---------------------------------------------------------------------------- reading

    def action_reload(self) -> None:
        self.read_library()

    def read_library(self) -> None:
        self.loaded = False
        self._show_status()
        self._read(self.folder, self.today)

    @work(thread=True, exclusive=True, group="library-read", exit_on_error=False)
    def _read(self, folder: Path, today: dt.date) -> None:
        from pmtui.library.actions import actions_report
        from pmtui.library.index import LibraryError, open_library
        from pmtui.library.patterns import follow_up, patterns_report
        from pmtui.library.targets import reviewed_within_policy_line, targets_from_policy
        from pmtui.policy import DEFAULT_POLICY, PolicyError, load_policy

        worker = get_current_worker()
        started = time.perf_counter()
        try:
            policy = load_policy(folder)[0]
        except PolicyError as exc:
            # The library is still worth seeing: measured against the built-in figures, and said so.
            self.post_message(PolicyUnreadable(for_terminal(f"{exc}; the built-in policy is used")))
            policy = DEFAULT_POLICY
        targets = targets_from_policy(policy)
        try:
            with open_library(folder) as library:
                incidents = library.incidents(terms=False)  # the repeats read the terms when they must
                items = library.action_items()
                skipped = library.skipped()
                if worker.is_cancelled:
                    return
                self.post_message(IncidentsRead(incidents, open_counts(items), len(items), skipped))
                # As `pmtui patterns` makes it, so the tab and the command say the same.
                patterns = patterns_report(str(folder), incidents, library.actions_due_by_quarter(today),
                                           today=today, skipped=skipped, action_counts=library.action_counts(),
                                           follow=follow_up(library, today, targets), library=library,
                                           targets=targets)
        except (LibraryError, sqlite3.Error, OSError) as exc:
            self.post_message(ReadFailed(for_terminal(str(exc))))
            return
        actions = actions_report(str(folder), items, today=today, targets=targets)
        reviewed = reviewed_within_policy_line([incident.business_days_to_review for incident in incidents], policy)
        if not worker.is_cancelled:
            self.post_message(ReportsReady(patterns, [reviewed] if incidents else [], actions,
                                           time.perf_counter() - started))

    def on_incidents_read(self, message: IncidentsRead) -> None:
        self.loaded = True
        self.skipped = message.skipped
        self.action_items = message.action_items
        self.catalog.load(message.incidents, message.open_items)
        self.table.empty = f"No postmortems in {self.folder_shown}"
        self._show_rows(keep=self.state.selected)
        if self.skipped:
            self.notify(f"{len(self.skipped)} file(s) could not be read: s shows which and why.",
                        severity="warning", markup=False)

    def on_reports_ready(self, message: ReportsReady) -> None:
        self.reports = message
        self.query_one(PatternsView).show(message.patterns, message.against_policy)
        self.query_one(ActionsView).show(message.actions)
        self._show_status()

    def on_policy_unreadable(self, message: PolicyUnreadable) -> None:
        self.notify(message.error, severity="error", markup=False, timeout=15)

    def on_read_failed(self, message: ReadFailed) -> None:
        self.table.empty = f"Cannot read the library: {message.error}"
        self.table.refresh_rows()
        self.notify(message.error, severity="error", markup=False, timeout=15)

    # ---------------------------------------------------------------------------- status

    def _show_status(self) -> None:
        status = Text(no_wrap=True, overflow="ellipsis")
        status.append(f" {self.folder_shown}", style="bold")
        if not self.loaded:
            status.append(" · reading… (the first time, every file is parsed)", style="italic")
        else:
            shown, total = self.catalog.row_count(), len(self.catalog.rows)
            status.append(f" · {total} postmortem{'s' if total != 1 else ''}")
            if shown != total:
                status.append(f", {shown} shown")
            if self.skipped:
                status.append(f" · {len(self.skipped)} skipped (s)", style="bold")
            if self.reports is not None and self.reports.actions.completion.below_target:
                rate = self.reports.actions.completion
                status.append(f" · ⚠ {rate.done}/{rate.due} actions done (a)", style="bold")
            status.append(f" · {self.catalog.describe()}")  # last: the header's arrow says it too
        self.query_one("#library-status", Static).update(status)

    # ---------------------------------------------------------------------------- views and keys

    def show_view(self, view: str) -> None:
        self.query_one(TabbedContent).active = view
        self.state.view = view
        focus = {"incidents": self.table, "patterns": self.query_one(PatternsView),
                 "actions": self.query_one(ActionsView).table}[view]
        focus.focus()

    def action_show_view(self, view: str) -> None:
        self.show_view(view)

    @on(TabbedContent.TabActivated)
    def _tab_clicked(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id in VIEWS:
            self.state.view = event.pane.id

    def action_filter(self) -> None:
        self.show_view("incidents")
        self.query_one("#library-filter", Input).focus()

    def action_sort(self, column: int) -> None:
        self.show_view("incidents")
        selected = self._selected_path()
        self.catalog.sort_by(column)
        self.state.sort_column, self.state.descending = self.catalog.sort_column, self.catalog.descending
        self.table.columns = self.catalog.columns()
        self._show_rows(keep=selected)

    def action_escape(self) -> None:
        filter_input = self.query_one("#library-filter", Input)
        if filter_input.has_focus:
            self.table.focus()
        elif filter_input.value:
            filter_input.value = ""  # Input.Changed clears the filter

    def action_focus_table(self) -> None:
        self.table.focus()

    @on(Input.Changed, "#library-filter")
    def _filter_typed(self, event: Input.Changed) -> None:
        if event.value == self.catalog.filter_text:
            return  # the value restored from the state, not typed
        self.catalog.set_filter(event.value)
        self.state.filter_text = event.value
        self._show_rows(keep=None)

    @on(Input.Submitted, "#library-filter")
    def _filter_done(self) -> None:
        self.table.focus()

    def on_key(self, event: events.Key) -> None:
        # ↓ from the filter goes to the table (Input has no use for it).
        if event.key == "down" and self.query_one("#library-filter", Input).has_focus:
            event.stop()
            self.table.focus()

    def _selected_path(self) -> str | None:
        if not self.catalog.row_count():
            return None
        return self.catalog.shown[min(self.table.cursor, self.catalog.row_count() - 1)].incident.path

    def _show_rows(self, keep: str | None) -> None:
        """Redraw the table after the rows changed, the cursor on `keep` when it is still shown."""
        self.table.refresh_rows()
        index = self.catalog.index_of(keep)
        self.table.move_cursor(index if index is not None else 0)
        self._show_incident_detail()
        if self.loaded:
            self.table.empty = (f'Nothing matches "{self.catalog.filter_text}" (Esc clears the filter)'
                                if self.catalog.rows else f"No postmortems in {self.folder_shown}")
        self._show_status()

    @on(RowTable.Highlighted, "#incident-table")
    def _incident_highlighted(self, event: RowTable.Highlighted) -> None:
        self.state.selected = self._selected_path()
        self._show_incident_detail()

    def _show_incident_detail(self) -> None:
        detail = Text()
        if self.catalog.row_count():
            incident = self.catalog.shown[min(self.table.cursor, self.catalog.row_count() - 1)].incident
            detail.append(for_terminal(incident.title), style="bold")
            detail.append(f"  detected in {format_duration(incident.time_to_detect)}, resolved in "
                          f"{format_duration(incident.time_to_resolve)}")
            detail.append(f"  {for_terminal(incident.path)}", style="italic")
        self.query_one("#incident-detail", Static).update(detail)

    @on(RowTable.Selected, "#incident-table")
    def _incident_chosen(self, event: RowTable.Selected) -> None:
        row = self.catalog.shown[event.index]
        self.state.selected = row.incident.path
        self.post_message(IncidentChosen(self.folder / row.incident.path))

    @on(RowTable.Selected, "#action-table")
    def _action_chosen(self, event: RowTable.Selected) -> None:
        item = self.query_one(ActionsView).source.items[event.index]
        self.state.selected = item.incident_path
        self.post_message(IncidentChosen(self.folder / item.incident_path))

    def action_skipped(self) -> None:
        self.app.push_screen(SkippedScreen(self.folder, self.skipped))

    def action_help(self) -> None:
        self.app.push_screen(LibraryHelpScreen())


class SkippedScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,s,q", "dismiss", "Close", id="library.skipped.close")]

    def __init__(self, folder: Path, skipped: list[Skipped]) -> None:
        super().__init__()
        self.folder = folder
        self.skipped = skipped

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            count = len(self.skipped)
            yield Static(Text(f"{count} file{'s' if count != 1 else ''} skipped (Esc closes)", style="bold"),
                         classes="dialog-title")
            lines = Text()
            for item in self.skipped:
                lines.append(f"{for_terminal((self.folder / item.path).as_posix())}\n", style="bold")
                lines.append(f"  {for_terminal(item.message)}\n")
            yield Static(lines or Text("Every file in the folder could be read.", style="italic"))


class LibraryHelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q,question_mark", "dismiss", "Close", id="library.help.close")]

    def compose(self) -> ComposeResult:
        keys = [(key_display(command.keys), command.help) for command in LIBRARY_COMMANDS
                if command.id not in ("quit_key", "help_key")]
        keys.append(("q / ?", "quit / help, when not typing in the filter"))
        table = [("↑ ↓ PgUp PgDn Home End", "move in a table"),
                 ("Enter", "open the postmortem (or the action item's) and start a meeting on it; "
                           "quitting the meeting (Ctrl+Q) saves and comes back here")]
        with VerticalScroll(classes="dialog help"):
            yield Static(Text("Library keys (Esc closes)", style="bold"), classes="dialog-title")
            yield Static(key_table("Library", keys))
            yield Static(key_table("Tables", table))
