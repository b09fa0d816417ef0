"""Every CSV pmtui writes, made safe to open in a spreadsheet.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by Excel,
Google Sheets and LibreOffice (OWASP "CSV injection"): `=HYPERLINK("http://evil", "click")` in an
action item would become a live link, `=cmd|…` worse. Such a cell gets a leading `'`, the mark
spreadsheets use for "text" and that Linear's importer strips again; the value stays readable.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """`value` as CSV cell text that no spreadsheet runs as a formula (None is an empty cell)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_text(header: list[str], rows: Iterable[Iterable[object]], *, line_end: str = "\r\n") -> str:
    """RFC 4180 CSV (quoted where needed), every cell through `safe_cell`.

    Rows are written with CRLF, whatever `line_end` is: Python's csv quotes a cell holding a line
    break only when the break is in its line terminator, and an unquoted CR splits the row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in [header, *rows]:
        writer.writerow([safe_cell(value) for value in row])
        lines.append(buffer.getvalue().removesuffix("\r\n"))
        buffer.seek(0)
        buffer.truncate()
    return "".join(line + line_end for line in lines)
