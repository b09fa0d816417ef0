"""CSV cells a spreadsheet opens as text, never as a formula.

Excel, Google Sheets and LibreOffice run a cell that starts with `=`, `+`, `-` or `@` (and, in
some of them, a tab or a carriage return before one) as a formula: an action item titled
`=HYPERLINK("https://evil.example", "docs")` becomes a link, and worse formulas fetch data or
run commands (OWASP "CSV injection"). Every CSV pmtui writes passes its text cells through
`formula_safe`: a leading `'` makes the spreadsheet show the rest as text, and the value stays
readable.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value
