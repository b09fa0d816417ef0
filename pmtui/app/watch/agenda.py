"""The agenda for `pmtui watch`, drawn from the document's [meeting] record (a `LiveAgenda`).

The meeting app's agenda bar draws from its running timer and carries the facilitator's key hints;
attendees get the same marks and colours without them: a two-line strip on normal terminals, a
phase list in a side column on wide ones.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from pmtui.app.meeting.agenda_bar import CURRENT, DONE, UPCOMING, fit_labels
from pmtui.meeting.agenda import format_clock
from pmtui.meeting.live import LiveAgenda
from pmtui.terminal_text import for_terminal

MARKS = {"done": DONE, "current": CURRENT, "upcoming": UPCOMING}


def minutes(seconds: float) -> str:
    return f"{round(seconds / 60, 1):g}m"


def countdown_kind(live: LiveAgenda) -> str:
    """Which colour the current phase's clock takes."""
    if live.overrun:
        return "overrun"
    if live.warning:
        return "warning"
    return "paused" if live.paused else "current"


def headline(live: LiveAgenda | None, style: Callable[[str], Style]) -> Text:
    """Where the meeting is, in one line: the phase and its time, paused, ended, or not started."""
    line = Text(no_wrap=True, overflow="ellipsis")
    if live is None:
        line.append("Waiting for the meeting to start", style("muted"))
        return line
    if live.ended:
        line.append("The meeting has ended", style("current"))
        line.append(f" · took {format_clock(live.elapsed_total)} of {format_clock(live.planned_total)} planned",
                    style("muted"))
        return line
    phase = live.current_phase
    line.append(f"{CURRENT} {for_terminal(phase.title)}" if phase else "Meeting in progress", style("current"))
    if live.remaining is not None:
        clock = format_clock(live.remaining)
        line.append(" · ")
        line.append(f"over time {clock}" if live.overrun else f"{clock} left", style(countdown_kind(live)))
    if live.paused:
        line.append(" · ")
        line.append("⏸ paused", style("paused"))
    return line


class LiveAgendaWidget(Widget):
    """Shared by the strip and the column: the record to show, and the styles from the theme."""

    COMPONENT_CLASSES = {
        "live-agenda--current", "live-agenda--done", "live-agenda--upcoming", "live-agenda--warning",
        "live-agenda--overrun", "live-agenda--paused", "live-agenda--muted",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.live: LiveAgenda | None = None

    def show(self, live: LiveAgenda | None) -> None:
        if live != self.live:
            # With the same phases only the clocks moved: the height stays, no new layout is needed.
            same_shape = live is not None and self.live is not None and len(live.phases) == len(self.live.phases)
            self.live = live
            self.refresh(layout=not same_shape)

    def style(self, name: str) -> Style:
        return self.get_component_rich_style(f"live-agenda--{name}")


class AgendaStrip(LiveAgendaWidget):
    """Two lines: the headline, then every phase as a chip (the current one with its clock)."""

    def _chips(self, live: LiveAgenda, width: int) -> Text:
        chips: list[tuple[str, str, str]] = []  # (mark and title, suffix, kind)
        for phase in live.phases:
            if phase.state == "current":
                chips.append((f" {CURRENT} {for_terminal(phase.title)}", f" {format_clock(live.remaining or 0)} ", "current"))
            elif phase.state == "done":
                chips.append((f" {DONE} {for_terminal(phase.title)}", " ", "done"))
            else:
                chips.append((f" {UPCOMING} {for_terminal(phase.title)}", f" {minutes(phase.planned)} ", "upcoming"))
        room = width - sum(len(suffix) for _, suffix, _ in chips) - (len(chips) - 1)
        labels = fit_labels([label for label, _, _ in chips], [kind for _, _, kind in chips], room)
        line = Text(no_wrap=True, overflow="ellipsis")
        for position, (label, (_, suffix, kind)) in enumerate(zip(labels, chips)):
            if position:
                line.append("│", self.style("muted"))
            line.append(label, self.style(kind))
            line.append(suffix, self.style(countdown_kind(live) if kind == "current" else kind))
        return line

    def render(self) -> Text:
        live = self.live
        text = headline(live, self.style)
        if live and live.phases:
            text.append("\n")
            text.append_text(self._chips(live, self.content_region.width or 80))
        return text


class AgendaColumn(LiveAgendaWidget):
    """Every phase on its own line, with the time it took (or will take) against its plan."""

    DEFAULT_CSS = "AgendaColumn { height: auto; }"

    def render(self) -> Table | Text:
        live = self.live
        if live is None:
            return Text("The agenda appears when the facilitator starts the meeting.", self.style("muted"))
        table = Table.grid(expand=True, padding=(0, 1))
        table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(justify="right", no_wrap=True)
        for phase in live.phases:
            kind = phase.state
            if kind == "upcoming":
                figure = minutes(phase.planned)
            else:
                figure = f"{format_clock(phase.actual)} of {minutes(phase.planned)}"
            figure_kind = countdown_kind(live) if kind == "current" else kind
            table.add_row(Text(f"{MARKS[kind]} {for_terminal(phase.title)}", self.style(kind)), Text(figure, self.style(figure_kind)))
        table.add_row(Text(""), Text(""))
        table.add_row(Text("Meeting", self.style("muted")),
                      Text(f"{format_clock(live.elapsed_total)} of {format_clock(live.planned_total)}",
                           self.style("muted")))
        return table
