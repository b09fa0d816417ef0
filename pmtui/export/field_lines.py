"""Where a field sits in its source file: `timeline[3].event` -> (line, column), for TOML and JSON.

CI annotations (`pmtui check --format github|sarif`) point at the line of a finding's field so a
pull request shows it inline. The document model keeps no positions, so the file's text is scanned
again here. A field that is not written in the file (a missing `due`, a section left out) points
at the closest thing that is: its entry, its section, else the first line. Lines and columns
count from 1.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable

Step = str | int
Position = tuple[int, int]

_STEP = re.compile(r"\.?([A-Za-z_]\w*)|\[(\d+)\]")
_TABLE_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(#.*)?$")
_KEY_LINE = re.compile(r"(\s*)([A-Za-z0-9_-]+)\s*=\s*")
_FIRST = (1, 1)


def steps(path: str) -> list[Step]:
    """'timeline[3].event' -> ['timeline', 3, 'event']; what does not parse ends the path."""
    found: list[Step] = []
    position = 0
    while position < len(path):
        match = _STEP.match(path, position)
        if not match:
            break
        name, index = match.groups()
        found.append(name if name is not None else int(index))
        position = match.end()
    return found


def locator(text: str, fmt: str) -> Callable[[str], Position]:
    """A function from a field path to its (line, column) in `text`; the file is scanned once."""
    positions = _toml_positions(text) if fmt == "toml" else _json_positions(text)

    def locate(path: str) -> Position:
        wanted = steps(path)
        while wanted:
            if tuple(wanted) in positions:
                return positions[tuple(wanted)]
            wanted.pop()
        return _FIRST

    return locate


# ------------------------------------------------------------------------------------------ TOML


def _toml_positions(text: str) -> dict[tuple[Step, ...], Position]:
    """Tables, entries of arrays of tables, keys, and the items of arrays written one per line."""
    positions: dict[tuple[Step, ...], Position] = {}
    entries: dict[tuple[Step, ...], int] = {}  # how many [[name]] entries each array has so far
    table: tuple[Step, ...] = ()
    array_key: tuple[Step, ...] | None = None  # inside a multi-line array: its key and next index
    array_index = 0
    string_quote: str | None = None  # inside a multi-line string: its delimiter
    for number, line in enumerate(text.splitlines(), start=1):
        if string_quote:
            if line.count(string_quote) % 2:
                string_quote = None
            continue
        header = _TABLE_HEADER.match(line)
        if header and array_key is None:
            names: tuple[Step, ...] = tuple(header.group(2).split("."))
            if header.group(1) == "[[":
                index = entries.get(names, 0)
                entries[names] = index + 1
                positions.setdefault(names, (number, line.index("[") + 1))
                table = (*_with_entries(names[:-1], entries), names[-1], index)
            else:
                table = _with_entries(names, entries)
            positions.setdefault(table, (number, line.index("[") + 1))
            continue
        if array_key is not None:
            item = line.strip()
            if item.startswith("]"):
                array_key = None
            elif item and not item.startswith("#"):
                positions[(*array_key, array_index)] = (number, len(line) - len(line.lstrip()) + 1)
                array_index += 1
            continue
        key = _KEY_LINE.match(line)
        if not key:
            continue
        path = (*table, key.group(2))
        positions.setdefault(path, (number, len(key.group(1)) + 1))
        value = line[key.end():]
        for quote in ('"""', "'''"):
            if value.startswith(quote) and value.count(quote) % 2:
                string_quote = quote
        if value.rstrip() == "[":
            array_key, array_index = path, 0
    return positions


def _with_entries(names: tuple[Step, ...], entries: dict[tuple[Step, ...], int]) -> tuple[Step, ...]:
    """[meeting.phases] under the latest [[meeting]] entry, were `meeting` an array of tables."""
    resolved: list[Step] = []
    for depth, name in enumerate(names):
        resolved.append(name)
        count = entries.get(names[: depth + 1])
        if count:
            resolved.append(count - 1)
    return tuple(resolved)


# ------------------------------------------------------------------------------------------ JSON

_JSON_SCALAR = re.compile(r"-?[0-9][0-9.eE+-]*|true|false|null")
_WHITESPACE = re.compile(r"[ \t\r\n]*")


class _JsonScanner:
    """Walks JSON text recording where every member and item starts (the key, for a member)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.positions: dict[tuple[Step, ...], Position] = {}
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def position(self, offset: int) -> Position:
        line = _line_index(self.line_starts, offset)
        return line + 1, offset - self.line_starts[line] + 1

    def skip(self, offset: int) -> int:
        return _WHITESPACE.match(self.text, offset).end()  # type: ignore[union-attr]

    def value(self, offset: int, path: tuple[Step, ...]) -> int:
        """Scans the value at `offset`; returns the offset after it."""
        offset = self.skip(offset)
        char = self.text[offset : offset + 1]
        if char == "{":
            return self.members(offset + 1, path)
        if char == "[":
            return self.items(offset + 1, path)
        if char == '"':
            return json.decoder.scanstring(self.text, offset + 1)[1]
        scalar = _JSON_SCALAR.match(self.text, offset)
        if not scalar:
            raise ValueError(f"unexpected {char!r}")
        return scalar.end()

    def members(self, offset: int, path: tuple[Step, ...]) -> int:
        offset = self.skip(offset)
        while self.text[offset] != "}":
            key, after_key = json.decoder.scanstring(self.text, offset + 1)
            self.positions.setdefault((*path, key), self.position(offset))
            offset = self.skip(self.value(self.skip(after_key) + 1, (*path, key)))
            if self.text[offset] == ",":
                offset = self.skip(offset + 1)
        return offset + 1

    def items(self, offset: int, path: tuple[Step, ...]) -> int:
        offset = self.skip(offset)
        index = 0
        while self.text[offset] != "]":
            self.positions[(*path, index)] = self.position(offset)
            offset = self.skip(self.value(offset, (*path, index)))
            if self.text[offset] == ",":
                offset = self.skip(offset + 1)
            index += 1
        return offset + 1


def _line_index(line_starts: list[int], offset: int) -> int:
    return bisect_right(line_starts, offset) - 1


def _json_positions(text: str) -> dict[tuple[Step, ...], Position]:
    scanner = _JsonScanner(text)
    try:
        scanner.value(0, ())
    except (ValueError, IndexError, RecursionError):
        pass  # A file that is not JSON has no fields to find; what was found before stays.
    return scanner.positions
