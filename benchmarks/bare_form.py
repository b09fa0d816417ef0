"""The floor for editing: a bare Textual app doing the round trip every pmtui edit does.

A 20-row DataTable; `a` opens a ModalScreen with five labelled Inputs and two Buttons; Enter in an
input dismisses it and adds a row. F4 switches a ContentSwitcher between two panels of the same
size (the table and a second one like it), the floor for moving to the next phase.
`benchmarks/run.py` drives it with the same Pilot driver, in the same run, as pmtui's actions, and
shows each of pmtui's actions as a ratio to it.
"""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, ContentSwitcher, DataTable, Input, Label

ROWS = 20
FIELDS = 5


class BareForm(ModalScreen[str]):
    def compose(self) -> ComposeResult:
        with Vertical():
            for number in range(FIELDS):
                yield Label(f"Field {number + 1}")
                yield Input(id=f"field-{number}")
            with Horizontal():
                yield Button("Save", variant="primary")
                yield Button("Cancel")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.dismiss(" ".join(field.value for field in self.query(Input)))


def filled_table(table_id: str) -> DataTable:
    table = DataTable(id=table_id)
    table.add_columns("Id", "Time", "Event")
    for number in range(ROWS):
        table.add_row(f"T{number + 1}", f"14:{number:02d}", f"event {number + 1}")
    return table


class BareFormApp(App[None]):
    BINDINGS = [("a", "add", "Add"), ("f4", "switch", "Switch")]

    def compose(self) -> ComposeResult:
        yield ContentSwitcher(filled_table("first"), filled_table("second"), initial="first")

    def action_add(self) -> None:
        table = self.query_one(f"#{self.query_one(ContentSwitcher).current}", DataTable)

        def add(text: str | None) -> None:
            table.add_row(str(table.row_count + 1), "", text or "")

        self.push_screen(BareForm(), add)

    def action_switch(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        switcher.current = "second" if switcher.current == "first" else "first"


if __name__ == "__main__":
    BareFormApp().run()
