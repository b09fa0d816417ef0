"""The agenda keys on one compact line above the Footer: F1–F9, Ctrl+O, the palette and quitting.

The Footer shows the shown panel's keys. With the agenda keys in it too, it ran past 120 columns
and cut F7–F9 off; here they take one line of their own, visible from 100 columns on.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from pmtui.app.common.keys import Command, key_display

PALETTE = ("ctrl+p", "Palette")


def agenda_keys_line(commands: tuple[Command, ...]) -> Text:
    """`F1 Help  F2 Pause … ^P Palette`: each shown command's key in bold, then its label."""
    text = Text(no_wrap=True, overflow="crop")
    shown = [(command.keys, command.label) for command in commands if command.show] + [PALETTE]
    for position, (keys, label) in enumerate(shown):
        if position:
            text.append(" ")
        text.append(short_key(keys.split(",")[0]), style="bold")
        text.append(f" {label}")
    return text


def short_key(key: str) -> str:
    """`F4`, `^O`: how terminals and the Footer spell keys, short enough for one line."""
    shown = key_display(key)
    return "^" + shown.removeprefix("Ctrl+").upper() if shown.startswith("Ctrl+") else shown


class AgendaKeys(Static):
    DEFAULT_CSS = "AgendaKeys { height: 1; background: $panel; color: $text; padding: 0 1; }"

    def __init__(self, commands: tuple[Command, ...], *, id: str | None = None) -> None:
        super().__init__(agenda_keys_line(commands), id=id)
