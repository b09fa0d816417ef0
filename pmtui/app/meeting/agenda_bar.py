"""The agenda bar, always on screen: every phase, the current one's countdown, the meeting clock,
and the overrun ledger ("will end +03:10 late") so the room sees whether it still ends on time."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from pmtui.app.common.safe_text import one_line
from pmtui.meeting.agenda import AgendaSnapshot, format_clock

DONE, CURRENT, UPCOMING = "✓", "▶", "·"


def _minutes(seconds: float) -> str:
    minutes = seconds / 60
    return f"{minutes:g}m" if minutes == int(minutes) else f"{minutes:.1f}m"


def ledger_text(snapshot: AgendaSnapshot) -> str:
    """Where the meeting stands against its plan, in the room's words."""
    late = round(snapshot.debt)
    if snapshot.ended:
        return f"ended, {format_clock(-late)} over plan" if late > 0 else "ended on time"
    if late >= 1:
        return f"will end {format_clock(-late)} late"
    return "on time"


# Which chips give up their width first: finished phases, then upcoming ones, the current one last.
SHRINK_ORDER = {"done": 0, "upcoming": 1, "current": 2}


def fit_labels(labels: list[str], kinds: list[str], room: int, shortest: int = 5) -> list[str]:
    """Shorten labels one character at a time, the longest of the least important kind first,
    until they fit in `room`."""
    lengths = [len(label) for label in labels]
    while sum(lengths) > room:
        candidates = [index for index in range(len(lengths)) if lengths[index] > shortest]
        if not candidates:
            break
        longest = min(candidates, key=lambda index: (SHRINK_ORDER[kinds[index]], -lengths[index]))
        lengths[longest] -= 1
    return [label if len(label) <= length else label[: length - 1] + "…" for label, length in zip(labels, lengths)]


class AgendaBar(Widget):
    DEFAULT_CSS = """
    AgendaBar { height: 2; background: $panel; padding: 0 1; }
    AgendaBar > .agenda-bar--current { background: $primary; color: $text; text-style: bold; }
    AgendaBar > .agenda-bar--done { color: $text-muted; }
    AgendaBar > .agenda-bar--upcoming { color: $text; }
    AgendaBar > .agenda-bar--warning { background: $warning; color: $text; text-style: bold; }
    AgendaBar > .agenda-bar--overrun { background: $error; color: $text; text-style: bold; }
    AgendaBar > .agenda-bar--muted { color: $text-muted; }
    AgendaBar > .agenda-bar--alert { color: $text-error; text-style: bold; }
    """
    COMPONENT_CLASSES = {
        "agenda-bar--current", "agenda-bar--done", "agenda-bar--upcoming", "agenda-bar--warning",
        "agenda-bar--overrun", "agenda-bar--muted", "agenda-bar--alert",
    }

    def __init__(self, snapshot: AgendaSnapshot, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.snapshot = snapshot
        self.status = ""  # save state and review findings, set by the screen

    def show(self, snapshot: AgendaSnapshot, status: str | None = None) -> None:
        self.snapshot = snapshot
        if status is not None:
            self.status = status
        self.refresh()

    def _style(self, name: str):
        return self.get_component_rich_style(f"agenda-bar--{name}")

    def countdown_style(self) -> str:
        snapshot = self.snapshot
        if snapshot.ended:
            return "done"
        if snapshot.overrun:
            return "overrun"
        return "warning" if snapshot.warning else "current"

    def _phases_line(self, width: int) -> Text:
        snapshot = self.snapshot
        count = len(snapshot.phases)
        clock = f" {format_clock(snapshot.remaining)} "
        chips: list[tuple[str, str, str]] = []  # (mark+title, suffix, style)
        for state in snapshot.phases:
            if state.state == "current" and not snapshot.ended:
                chips.append((f" {CURRENT} {state.title}", clock, "current"))
            elif state.state == "done":
                chips.append((f" {DONE} {state.title}", " ", "done"))
            else:
                chips.append((f" {UPCOMING} {state.title}", f" {_minutes(state.planned)} ", "upcoming"))
        room = width - sum(len(suffix) for _, suffix, _ in chips) - (count - 1)
        labels = fit_labels([label for label, _, _ in chips], [kind for _, _, kind in chips], room)
        line = Text(no_wrap=True, overflow="ellipsis")
        for position, (label, (_, suffix, style)) in enumerate(zip(labels, chips)):
            if position:
                line.append("│", self._style("muted"))
            chip_style = self._style(style)
            line.append(one_line(label), chip_style)  # layout text: never a control sequence
            if suffix:
                line.append(suffix, self._style(self.countdown_style()) if style == "current" else chip_style)
        return line

    def _clock_line(self) -> Text:
        snapshot = self.snapshot
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f"Meeting {format_clock(snapshot.elapsed_total)} of {format_clock(snapshot.scheduled_total)}")
        ledger = ledger_text(snapshot)
        line.append(" · ")
        line.append(ledger, self._style("alert") if snapshot.debt >= 1 else self._style("muted"))
        if snapshot.paused and not snapshot.ended:
            line.append(" · ")
            line.append("⏸ PAUSED (F2 resumes)", self._style("alert"))
        elif not snapshot.started:
            line.append(" · not started (F2 starts)", self._style("muted"))
        if self.status:
            line.append("  ")
            line.append(one_line(self.status), self._style("muted"))
        return line

    def render(self) -> Text:
        width = self.content_region.width or 80
        text = self._phases_line(width)
        text.append("\n")
        text.append_text(self._clock_line())
        return text
