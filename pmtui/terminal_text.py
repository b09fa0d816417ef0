"""Untrusted text made safe to show on a terminal.

Text from a document, an import, a layout or a file name may hold escape sequences: `ESC ]52;…`
writes the viewer's clipboard, `ESC ]0;…` sets the window title, `ESC [?1049l` leaves the
alternate screen, a newline in a file name forges a whole output line, and bidi overrides make
text read differently from what it is. Every place that shows such text passes it through
`for_terminal` first: each control character becomes a visible escape (`\\x1b`, `\\u202e`), so
nothing is hidden and nothing is executed.
"""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls; bidi embeddings, overrides and isolates; line and paragraph
# separators (terminals and some viewers break lines on them); lone surrogates (JSON can spell
# "\ud800"; they cannot be encoded, so printing one would crash the command).
_OTHER_UNSAFE = "\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u2028\u2029\ud800-\udfff"
_UNSAFE_RE = re.compile(f"[\x00-\x1f{_OTHER_UNSAFE}]")
_UNSAFE_KEEPING_NEWLINES_RE = re.compile(f"[\x00-\x09\x0b-\x1f{_OTHER_UNSAFE}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def for_terminal(text: str, *, newlines: bool = False, tab_width: int | None = None) -> str:
    """`text` with every terminal control character shown as a visible escape.

    `newlines=True` keeps line feeds (for a block of prose printed on its own lines); by default a
    newline is escaped too, so one value can never forge a second output line. `tab_width`
    expands tabs to spaces instead of escaping them.
    """
    if tab_width is not None:
        text = text.expandtabs(tab_width)
    if text.isprintable():  # every character the patterns match is unprintable: a fast path for most text
        return text
    pattern = _UNSAFE_KEEPING_NEWLINES_RE if newlines else _UNSAFE_RE
    return pattern.sub(_escape, text)


def json_for_terminal(text: str) -> str:
    """JSON text with every character `for_terminal` would escape (outside line breaks, which
    JSON uses only between values) spelled as a JSON `\\uXXXX` escape: the same JSON, safe to print."""
    return _UNSAFE_KEEPING_NEWLINES_RE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def is_terminal_safe(text: str, *, newlines: bool = False) -> bool:
    """Whether `text` can be shown as it is (nothing `for_terminal` would change)."""
    pattern = _UNSAFE_KEEPING_NEWLINES_RE if newlines else _UNSAFE_RE
    return pattern.search(text) is None
