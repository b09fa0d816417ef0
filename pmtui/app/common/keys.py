"""How the apps declare and show keys: one `Command` per action (binding, Footer label, help line),
and the key names and tables the help screens print."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.binding import Binding


@dataclass(frozen=True)
class Command:
    id: str
    keys: str  # Textual key names, comma-separated
    action: str
    label: str  # short, for the Footer
    help: str  # one line, for the palette and the help screen
    show: bool = True
    priority: bool = True  # also while typing in a field
    scope: str = "meeting"  # the binding id's prefix: "meeting.help", "library.sort_date"
    key_display: str | None = None  # what the Footer shows for the key, when not the key itself

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.label, show=self.show, priority=self.priority,
                       id=f"{self.scope}.{self.id}", tooltip=self.help, key_display=self.key_display)


def key_display(keys: str) -> str:
    names = {"question_mark": "?", "ctrl": "Ctrl", "slash": "/", "escape": "Esc"}
    shown = []
    for key in keys.split(","):
        parts = [names.get(part, part if len(part) == 1 else part.upper() if part[1:].isdigit() else part.capitalize())
                 for part in key.split("+")]
        shown.append("+".join(parts))
    return " / ".join(shown)


def key_table(title: str, rows: list[tuple[str, str]]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True, padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    for keys, text in rows:
        table.add_row(Text(keys), Text(text))
    return table
