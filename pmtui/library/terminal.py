"""Plain-text building blocks for the library reports: bars, sparklines, tables that fit a width.

Unicode block characters only (no colour, no markup), so the output reads the same in a pipe,
a file or a terminal, and the app can show the same strings.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Collection

_EIGHTHS = " ▏▎▍▌▋▊▉█"
_SPARKS = "▁▂▃▄▅▆▇█"


def output_width() -> int:
    """The terminal's width, or 80 when writing to a pipe or file."""
    if sys.stdout.isatty():
        return max(60, shutil.get_terminal_size((80, 24)).columns)
    return 80


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar `width` cells long at `maximum`, in eighths of a cell; padded to `width`."""
    if maximum <= 0 or value <= 0:
        return " " * width
    eighths = max(1, round(value / maximum * width * 8))
    full, part = divmod(eighths, 8)
    return ("█" * full + (_EIGHTHS[part] if part else "")).ljust(width)


def sparkline(values: list[float | None]) -> str:
    """One character per value, lowest to highest; a space where the value is unknown."""
    known = [value for value in values if value is not None]
    if not known:
        return " " * len(values)
    low, high = min(known), max(known)
    span = high - low
    return "".join(
        " " if value is None else _SPARKS[0 if span == 0 else round((value - low) / span * (len(_SPARKS) - 1))]
        for value in values
    )


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """`text` as lines of at most `width` columns, each starting with `indent`.

    Most texts fit on one line; skipping textwrap for them keeps a 30,000-item list fast.
    """
    if len(text) + len(indent) <= width and "\n" not in text:
        return [indent + text] if text else []
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False)


def truncate(text: str, width: int) -> str:
    """One line at most `width` characters, an ellipsis marking what was cut."""
    if len(text) > width or "\n" in text or "  " in text:
        text = " ".join(text.split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


GAP = "  "  # between columns
INDENT = "  "  # before the first


def fitted_sizes(header: list[str], rows: list[list[str]], *, width: int, flexible: int,
                 indent: str = INDENT) -> list[int]:
    """Each column as wide as its widest cell, but column `flexible` only as wide as what is left
    of `width` (12 at least)."""
    sizes = [max(map(len, column)) for column in zip(header, *rows)]
    fixed = sum(size for index, size in enumerate(sizes) if index != flexible)
    sizes[flexible] = max(12, min(sizes[flexible], width - len(indent) - fixed - len(GAP) * (len(sizes) - 1)))
    return sizes


def table_width(sizes: list[int], indent: str = INDENT) -> int:
    """How wide a table of columns this wide is."""
    return len(indent) + sum(sizes) + len(GAP) * (len(sizes) - 1)


def table(header: list[str], rows: list[list[str]], *, width: int, flexible: int, right: Collection[int] = (),
          indent: str = INDENT) -> list[str]:
    """Columns sized by `fitted_sizes`: column `flexible` wraps to what is left of `width`.

    The other columns are as wide as their widest cell, never cut; a wrapped cell continues on
    lines of its own under its column, so long action texts stay whole at 80 columns.
    """
    sizes = fitted_sizes(header, rows, width=width, flexible=flexible, indent=indent)
    return draw_table(header, rows, sizes, flexible=flexible, right=right, indent=indent)


def draw_table(header: list[str], rows: list[list[str]], sizes: list[int], *, flexible: int,
               right: Collection[int] = (), indent: str = INDENT) -> list[str]:
    """`table` with its column sizes already chosen (`fitted_sizes`)."""
    # One format string for every line: a 30,000-row table is rendered in a blink.
    template = indent + GAP.join(f"{{:{'>' if index in right else '<'}{size}}}" for index, size in enumerate(sizes))
    room = sizes[flexible]
    blank = [""] * len(sizes)
    lines = []
    for row in [header, *rows]:
        cell = row[flexible]
        if len(cell) <= room and "\n" not in cell:
            lines.append(template.format(*row).rstrip())
            continue
        wrapped = wrap(cell, room) or [""]
        lines.append(template.format(*row[:flexible], wrapped[0], *row[flexible + 1:]).rstrip())
        for more in wrapped[1:]:
            blank[flexible] = more
            lines.append(template.format(*blank).rstrip())
    return lines


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"
