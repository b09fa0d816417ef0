"""Every meeting-wide action in one table: its key, its Footer label, its help line.

The app's bindings, the command palette and the help screen are all built from this list, so a
key shown anywhere is a key that works. The agenda keys are F-keys with priority: they work while
someone is typing in a field (a letter would be typed instead), and terminals and tmux pass them
through, unlike ctrl+enter or ctrl+m. See the README's key table.
"""

from __future__ import annotations

from pmtui.app.common.keys import Command

COMMANDS: tuple[Command, ...] = (
    Command("help", "f1", "help", "Help", "Show every key"),
    Command("pause", "f2", "toggle_pause", "Pause", "Pause or resume the agenda timer"),
    Command("previous_phase", "f3", "previous_phase", "◀Phase", "Go back to the previous phase"),
    Command("next_phase", "f4", "next_phase", "Phase▶", "Move on to the next phase (after the last: end the meeting)"),
    Command("undo_advance", "f5", "undo_advance", "Undo▶", "Undo an accidental move to the next phase, restoring its clock"),
    Command("extend_1", "f6", "extend(1)", "+1m", "Give the current phase one more minute"),
    Command("extend_5", "f7", "extend(5)", "+5m", "Give the current phase five more minutes"),
    Command("park", "f8", "capture('parking_lot')", "Park", "Capture a question or note in the parking lot, from any phase"),
    Command("finalize", "f9", "finalize", "Finalize", "Check what blocks the next status, move it, export"),
    Command("panels", "ctrl+o", "pick_panel", "Panel", "Show another phase's panel without moving the agenda"),
    Command("bell", "ctrl+g", "toggle_bell", "Bell", "Turn the one-minute bell on or off", show=False),
    Command("save", "ctrl+s", "save_now", "Save", "Save now (autosave runs within a second of every change)",
            show=False, priority=False),
    Command("reload", "ctrl+r", "reload_file", "Reload", "Reload the file from disk (your unsaved edits go to a recovery file first)",
            show=False, priority=False),
    Command("save_as", "ctrl+e", "save_as", "Save as", "Save under another name and continue in that file",
            show=False, priority=False),
    Command("quit", "ctrl+q", "quit", "Quit", "Save and quit"),
    Command("quit_key", "q", "quit", "Quit", "Save and quit (when not typing in a field)", show=False, priority=False),
    Command("interrupt", "ctrl+c", "quit", "Quit", "Save and quit (when not typing in a field)", show=False, priority=False),
    Command("help_key", "question_mark", "help", "Help", "Show every key (when not typing in a field)", show=False,
            priority=False),
)

# Shown on the help screen beside the meeting-wide keys: the keys of each panel.
PANEL_KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Every panel", (
        ("Tab / Shift+Tab", "move between fields and lists"),
        ("↑ ↓ PgUp PgDn Home End", "move in a table or list"),
        ("Enter", "open the highlighted row for editing"),
        ("Ctrl+P", "command palette: every action by name, and the theme (high contrast for projectors)"),
    )),
    ("Timeline", (
        ("a", "add an event (kept in time order)"), ("e / Enter", "edit"), ("d / Delete", "delete"),
        ("Shift+↑ / Shift+↓", "reorder events that share a time"), ("s", "sort an imported timeline by time"),
        ("n", "detection: how it was detected, notes"),
        ("i", "import events: CSV, Slack export, PagerDuty log, JSON lines (preview, then confirm)"),
        ("w", "review findings on an event marked ⚠: apply the rewrite or dismiss"),
    )),
    ("5 whys", (
        ("a", "add a why under the selected node"), ("s", "add a sibling (another cause)"),
        ("e / Enter", "edit"), ("d / Delete", "delete with everything under it"),
        ("r", "mark/unmark root cause"), ("x", "mark/unmark accepted risk"),
        ("v", "cite timeline events as evidence"), ("t", "add an action item for this why"),
        ("p", "problem statement"), ("f", "contributing factors"), ("c", "root-cause summary"),
        ("i", "similar past incidents in the library, with their action items"),
        ("w", "review findings on a why marked ⚠: apply the rewrite or dismiss"),
    )),
    ("Action items", (
        ("a", "add"), ("e / Enter", "edit"), ("d / Delete", "delete"),
        ("o", "sort by file order / priority / due date"), ("l", "link to a why"),
        ("w", "review findings on an item marked ⚠: apply the rewrite or dismiss"),
        ("c", "copy the action items for a tracker: Jira CSV, Linear CSV, or a GitHub script"),
    )),
    ("Findings", (
        ("a", "add to the focused list"), ("e / Enter", "edit"), ("d / Delete", "delete"),
        ("Enter on a review finding", "apply its suggested rewrite"), ("x", "dismiss a review finding with a reason"),
    )),
    ("Forms", (("Enter / Ctrl+S", "save"), ("Esc", "cancel"))),
)
