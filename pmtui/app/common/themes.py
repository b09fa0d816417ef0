"""pmtui's own themes: high contrast for projectors and washed-out meeting-room screens.

Textual's built-in themes (textual-dark, textual-light and the rest) stay available in the
command palette; the styles use theme variables only, so every theme works.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="pmtui-high-contrast",
    primary="#FFD700",
    secondary="#00FFFF",
    accent="#FFD700",
    warning="#FF8C00",
    error="#FF3030",
    success="#00FF66",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    dark=True,
)

HIGH_CONTRAST_LIGHT = Theme(
    name="pmtui-high-contrast-light",
    primary="#0000CC",
    secondary="#7A0099",
    accent="#0000CC",
    warning="#B35900",
    error="#CC0000",
    success="#006B1F",
    foreground="#000000",
    background="#FFFFFF",
    surface="#FFFFFF",
    panel="#E6E6E6",
    dark=False,
)

THEMES = (HIGH_CONTRAST, HIGH_CONTRAST_LIGHT)
