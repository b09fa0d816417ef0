"""The key footer as one line of text, redrawn only when the keys it shows change.

Textual's Footer is a container of one widget per key and rebuilds them all (unmount, mount,
restyle, a layout pass of the whole screen) whenever the screen's bindings may have changed: on
every focus change, so on every form that opens and closes, and whenever a key is offered or
withdrawn. In the meeting that rebuild was about half the CPU of an edit and of a phase switch.
This footer looks the same (theme's footer colours, "key description" pairs, the command palette
key on the right), but is one widget of fixed height: a change of keys is a repaint of one line.
A click on a key presses it, as in Textual's Footer.
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class KeyFooter(Widget):
    DEFAULT_CSS = """
    KeyFooter { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground; }
    KeyFooter > .key-footer--item { background: $footer-item-background; }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground; background: $footer-key-background; text-style: bold;
    }
    KeyFooter > .key-footer--description {
        color: $footer-description-foreground; background: $footer-description-background;
    }
    KeyFooter > .key-footer--separator { color: $foreground 20%; }
    """
    COMPONENT_CLASSES = {"key-footer--item", "key-footer--key", "key-footer--description", "key-footer--separator"}

    def __init__(self, *, show_command_palette: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_command_palette = show_command_palette  # off where another line names ^P already
        self._shown: tuple[tuple[Any, ...], ...] = ()  # (key, shown key, description, enabled) as last drawn
        self._spans: list[tuple[int, int, str]] = []  # (from x, to x, key) of each key as last drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        shown = self._keys(screen)
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def _keys(self, screen: Screen) -> tuple[tuple[Any, ...], ...]:
        """The screen's shown keys, one per action (the first bound), then the command palette's."""
        keys: list[tuple[Any, ...]] = []
        actions: set[str] = set()
        palette = None
        for key, (_, binding, enabled, _) in screen.active_bindings.items():
            if key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                if self.show_command_palette:
                    palette = (binding.key, self.app.get_key_display(binding), binding.description, enabled)
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)
                keys.append((binding.key, self.app.get_key_display(binding), binding.description, enabled))
        return (*keys, palette) if palette else tuple(keys)

    def render(self) -> Text:
        item = self.get_component_rich_style("key-footer--item")
        key_style = item + self.get_component_rich_style("key-footer--key", partial=True)
        description_style = item + self.get_component_rich_style("key-footer--description", partial=True)
        has_palette = bool(self._shown) and self._shown[-1][0] == self.app.COMMAND_PALETTE_BINDING
        keys = self._shown[:-1] if has_palette else self._shown
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []

        def add(key: str, shown: str, description: str, enabled: bool) -> None:
            start = len(line)
            dim = Style(dim=not enabled)
            line.append(shown, key_style + dim)
            if description:
                line.append(f" {description}", description_style + dim)
            self._spans.append((start, len(line), key))

        for key, shown, description, enabled in keys:
            add(key, shown, description, enabled)
            line.append(" ")
        if has_palette:
            key, shown, description, enabled = self._shown[-1]
            palette_width = len(shown) + len(description) + 2  # a separator, the key, a space, the description
            line.truncate(max(0, self.size.width - palette_width), pad=True)
            line.append("▏", self.get_component_rich_style("key-footer--separator"))
            add(key, shown, description, enabled)
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
