"""The presenter view (`z`): the item the room is discussing alone on the screen, in large,
wrapped text for the back of the room. `z` or Esc returns to the panel, where nothing moved."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class PresenterScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    PresenterScreen { background: $background; align: center middle; }
    PresenterScreen > VerticalScroll { width: 100%; height: 100%; padding: 1 4; background: $surface; }
    PresenterScreen #presented { width: 100%; height: auto; text-style: bold; }
    PresenterScreen #presenter-hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,z", "dismiss", "Back to the panel", id="presenter.close")]

    def __init__(self, title: str, body: Text) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(self.title_text, style="underline"), id="presenter-title")
            yield Static(spaced(self.body), id="presented")
            yield Static("z or Esc returns to the panel", id="presenter-hint")


def spaced(body: Text) -> Text:
    """Each line of `body` as its own paragraph: a blank line between them reads from afar."""
    lines = body.split("\n")
    text = Text()
    for position, line in enumerate(lines):
        if position:
            text.append("\n\n")
        text.append_text(line)
    return text
