"""The floor for start-up: a bare Textual app that renders one Static and exits after its first frame.

`benchmarks/run.py` starts it exactly as it starts pmtui (in a pseudo-terminal, exiting right after
the first refresh), so the ratio between the two is what pmtui adds to Textual's own start-up.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("A bare Textual app")

    def on_mount(self) -> None:
        self.call_after_refresh(self.exit)


if __name__ == "__main__":
    BareApp().run()
