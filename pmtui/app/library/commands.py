"""`pmtui library`: the keys of the library screen (the table's own ↑ ↓ PgUp PgDn Home End Enter too)."""

from __future__ import annotations

from pmtui.app.common.keys import Command

LIBRARY_COMMANDS: tuple[Command, ...] = (
    Command("help", "f1", "help", "Help", "Show every key", scope="library"),
    Command("incidents", "i", "show_view('incidents')", "Incidents", "The table of every postmortem",
            priority=False, scope="library"),
    Command("patterns", "p", "show_view('patterns')", "Patterns", "Patterns: trends per quarter, severities, themes",
            priority=False, scope="library"),
    Command("actions", "a", "show_view('actions')", "Actions", "Action-item follow-up: overdue first, completion rate",
            priority=False, scope="library"),
    Command("filter", "slash", "filter", "Filter", "Filter the table by words in title, tags, severity, status, id "
            "or date (Enter or ↓ back to the table, Esc clears)", priority=False, scope="library"),
    Command("sort_date", "1", "sort(0)", "Sort", "Sort by date (again: reverse)", priority=False, scope="library",
            key_display="1-9"),
    Command("sort_title", "2", "sort(1)", "Sort", "Sort by title (again: reverse)", show=False, priority=False,
            scope="library"),
    Command("sort_severity", "3", "sort(2)", "Sort", "Sort by severity (again: reverse)", show=False, priority=False,
            scope="library"),
    Command("sort_status", "4", "sort(3)", "Sort", "Sort by status (again: reverse)", show=False, priority=False,
            scope="library"),
    Command("sort_ttd", "5", "sort(4)", "Sort", "Sort by time to detect (again: reverse)", show=False, priority=False,
            scope="library"),
    Command("sort_ttr", "6", "sort(5)", "Sort", "Sort by time to resolve (again: reverse)", show=False,
            priority=False, scope="library"),
    Command("sort_open", "7", "sort(6)", "Sort", "Sort by open action items (again: reverse)", show=False,
            priority=False, scope="library"),
    Command("sort_draft", "8", "sort(7)", "Sort", "Sort by days from resolution to the draft (again: reverse)",
            show=False, priority=False, scope="library"),
    Command("sort_review", "9", "sort(8)", "Sort", "Sort by business days from resolution to the review "
            "(again: reverse)", show=False, priority=False, scope="library"),
    Command("skipped", "s", "skipped", "Skipped", "The files that could not be read, and why", priority=False,
            scope="library"),
    Command("reload", "r", "reload", "Reload", "Read the folder again (after editing files elsewhere)",
            show=False, priority=False, scope="library"),
    Command("clear", "escape", "escape", "Back", "Leave the filter; in the table: clear the filter", show=False,
            priority=False, scope="library"),
    Command("quit", "ctrl+q", "app.quit", "Quit", "Quit", scope="library"),
    Command("quit_key", "q", "app.quit", "Quit", "Quit (when not typing in the filter)", show=False, priority=False,
            scope="library"),
    Command("help_key", "question_mark", "help", "Help", "Show every key (when not typing in the filter)",
            show=False, priority=False, scope="library"),
)
