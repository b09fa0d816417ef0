"""How a screen adapts to the terminal: a "too small" notice below a minimum, extra columns when wide."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static


@dataclass(frozen=True)
class SizeSteps:
    min_width: int
    min_height: int
    wide: int
    tall: int


def fit_to_terminal(screen: Screen, steps: SizeSteps, program: str, advice: str = "") -> None:
    """Set the -too-small/-wide/-tall classes; below the minimum, say what is needed in #too-small."""
    width, height = screen.size
    too_small = width < steps.min_width or height < steps.min_height
    screen.set_class(too_small, "-too-small")
    screen.set_class(width >= steps.wide, "-wide")
    screen.set_class(height >= steps.tall, "-tall")
    if too_small:
        message = f"Terminal too small: {program} needs {steps.min_width}x{steps.min_height}, this one is {width}x{height}."
        screen.query_one("#too-small", Static).update(Text(message + (f"\n{advice}" if advice else ""), justify="center"))
