"""Document, import, layout and path text as the app shows it: never markup, never a control sequence.

Rich `Text` stops markup (`[/deploy]` is shown, not parsed), not control characters: an
`ESC ]52;…` in an event would write the projector laptop's clipboard. Every widget that shows
such text builds it here, so the escaping is one decision (`pmtui.terminal_text.for_terminal`).
"""

from __future__ import annotations

from rich.text import Text

from pmtui.terminal_text import for_terminal


def safe_text(text: str, style: str = "", *, newlines: bool = False) -> Text:
    """Untrusted `text` as Rich text; `newlines=True` keeps its line breaks (prose shown wrapped)."""
    return Text(for_terminal(text, newlines=newlines, tab_width=4), style=style)


def one_line(text: str) -> str:
    """Untrusted text for a one-line cell or label: line breaks become spaces, controls escapes."""
    return for_terminal(" ".join(text.split("\n")), tab_width=4)
