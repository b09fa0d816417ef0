"""The facilitator's prompts for the current phase, large and high-contrast enough for a room."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from pmtui.app.common.safe_text import one_line
from pmtui.meeting.layouts import Phase
from pmtui.terminal_text import for_terminal


class Prompts(Widget):
    DEFAULT_CSS = """
    Prompts { height: auto; max-height: 6; padding: 0 1; background: $boost; }
    Prompts > .prompts--title { color: $text-accent; text-style: bold; }
    Prompts > .prompts--prompt { color: $text; text-style: bold; }
    Prompts > .prompts--description { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"prompts--title", "prompts--prompt", "prompts--description"}

    def __init__(self, phase: Phase, *, compact: bool, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.phase = phase
        self.compact = compact  # one line per prompt under the agenda bar, or a roomy side column
        self.flowing = False  # on a short terminal the compact prompts run on, to leave the panel its lines

    def show(self, phase: Phase) -> None:
        if phase is not self.phase:
            self.phase = phase
            self.refresh(layout=True)

    def flow(self, flowing: bool) -> None:
        if flowing != self.flowing:
            self.flowing = flowing
            self.refresh(layout=True)

    def render(self) -> Text:
        phase = self.phase
        text = Text()
        text.append(one_line(phase.title), self.get_component_rich_style("prompts--title"))
        if phase.description and not self.compact:
            text.append("\n")
            text.append(for_terminal(phase.description, newlines=True), self.get_component_rich_style("prompts--description"))
        gap = "  " if self.flowing and self.compact else "\n" if self.compact else "\n\n"
        for prompt in phase.prompts:
            text.append(gap)
            text.append(f"› {one_line(prompt)}", self.get_component_rich_style("prompts--prompt"))
        return text
