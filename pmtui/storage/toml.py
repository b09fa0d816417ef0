"""TOML: the reader (rtoml, with tomllib for what it refuses and for its error messages) and the
canonical writer that gives every postmortem the same layout, so diffs stay line-sized."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import TYPE_CHECKING, Any

import rtoml
import tomli_w
from pydantic import BaseModel

from pmtui.storage.files import DocumentError, printable

if TYPE_CHECKING:
    from pathlib import Path

    from pmtui.document.model import Document

_BARE_CLOCK = re.compile(r"=\s*\d:\d{2}(:\d{2})?\s*(#.*)?$")
_AT_LINE = re.compile(r"at line (\d+)")


def _error_line(exc: Exception) -> int | None:
    """The line an error message names: tomllib says "(at line 5, column 8)", rtoml "at line 5 column 8"."""
    found = _AT_LINE.search(str(exc))
    return int(found.group(1)) if found else None


def _toml_hint(text: str, exc: ValueError) -> str:
    """The clock-time mistake TOML 1.1 still refuses: `time = 9:05` (the hour needs two digits)."""
    line_number = _error_line(exc)
    lines = text.splitlines()
    if line_number and line_number <= len(lines) and _BARE_CLOCK.search(lines[line_number - 1]):
        return '; write clock times with two-digit hours, as 09:05, or quoted, as "9:05"'
    return ""


def _rtoml_loads(text: str) -> dict[str, Any]:
    """rtoml.loads, reading what tomllib and tomli read the same way they do."""
    if text.startswith("\ufeff"):  # TOML allows none (_decode removed one already); rtoml would skip it
        raise rtoml.TomlParsingError("byte-order mark at line 1 column 1")
    # rtoml keeps a CRLF inside a multi-line string as it is; tomllib and tomli read it as "\n".
    # Raw CRs are allowed nowhere else but in line endings, so this changes nothing else. (The `in`
    # test first: a replace that finds nothing still takes ~2 ms on the big document.)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return rtoml.loads(text)


def parse_toml(text: str, path: Path | str) -> dict[str, Any]:
    """TOML 1.1 (a superset of 1.0) by rtoml, 7-10x faster than tomllib on a big document.

    What rtoml refuses goes to tomllib (TOML 1.0): it reads what rtoml cannot (arrays nested
    deeper than rtoml allows, floats such as 1e400) or says what is wrong in the words pmtui has
    always used. When tomllib stops on an earlier line than rtoml, it stopped at something only
    TOML 1.1 allows (such as `time = 14:22`), and rtoml's message names the real mistake.
    """
    try:
        return _rtoml_loads(text)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # rtoml.TomlParsingError, or anything else, even a Rust panic: tomllib decides
        refused = exc
    import tomllib  # only here: a readable file never needs it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        tomllib_line, rtoml_line = _error_line(exc), _error_line(refused)
        if tomllib_line is not None and rtoml_line is not None and tomllib_line < rtoml_line:
            message = printable(str(refused))
        else:
            message = f"{exc}{_toml_hint(text, exc)}"
    raise DocumentError(f"{path}: TOML syntax error: {message}")


# ---------------------------------------------------------------------------------------- writing


_encode_basestring = json.encoder.encode_basestring  # JSON's C string escaper, non-ASCII kept
_WRAP_AT = 88  # where long prose is folded
_LINE_WIDTH = 120  # values up to this long stay on one line
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _basic_string(text: str) -> str:
    """A TOML basic string; JSON's escaping is TOML's except for DEL, which TOML forbids raw."""
    return _encode_basestring(text).replace("\x7f", "\\u007f")


def _wrapped_string(text: str) -> str:
    """Long prose as a multi-line string folded at spaces with line-ending backslashes.

    TOML drops a line-ending backslash and the whitespace after it, so the value is unchanged;
    folding only where the next character is not a space keeps every space. One sentence edited
    is then one line changed in a diff.
    """
    body = _basic_string(text)[1:-1]
    lines, start, last_space = [], 0, -1
    for index, char in enumerate(body):
        if char == " " and index + 1 < len(body) and body[index + 1] != " ":
            last_space = index
        if index - start >= _WRAP_AT and last_space > start:
            lines.append(body[start : last_space + 1])
            start = last_space + 1
    lines.append(body[start:])
    return '"""\n' + "\\\n".join(lines) + '"""'


def _multiline_string(text: str) -> str:
    return '"""\n' + "\n".join(_basic_string(line)[1:-1] for line in text.split("\n")) + '"""'


def _toml_literal(value: Any) -> str | None:
    """The TOML text of a value of the kinds the model uses, or None to let tomli_w do it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        if "\r" in value:  # multi-line strings turn CRLF into LF; keep such text exact on one line
            return _basic_string(value)
        if "\n" in value:
            return _multiline_string(value)
        literal = _basic_string(value)
        return _wrapped_string(value) if len(literal) > _LINE_WIDTH else literal
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list):
        items = [_toml_literal(item) for item in value]
        if any(item is None for item in items):
            return None
        inline = "[" + ", ".join(items) + "]"  # type: ignore[arg-type]
        if len(inline) <= _LINE_WIDTH or not items:
            return inline
        return "[\n" + "".join(f"    {item},\n" for item in items) + "]"
    return None


def _toml_value(key: str, value: Any) -> str:
    """One `key = value` line. Hand-formatted for speed (autosave runs this on every change);
    tomli_w, the reference the tests compare against, formats anything else."""
    literal = _toml_literal(value)
    if literal is None or not _BARE_KEY.fullmatch(key):
        return tomli_w.dumps({key: value}, multiline_strings=True)
    return f"{key} = {literal}\n"


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def _compact(entry: dict[str, Any]) -> dict[str, Any]:
    """Inside [[...]] entries, unset flags and empty lists are noise: leave them out."""
    return {key: value for key, value in entry.items() if value is not False and value != []}


def _toml_table(mapping: dict[str, Any], prefix: str) -> list[str]:
    """Keys first, then sub-tables as [a.b] and lists of tables as [[a.b]], in field order."""
    lines = [_toml_value(key, value) for key, value in mapping.items()
             if not isinstance(value, dict) and not _is_table_list(value)]
    for key, value in mapping.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            lines.append(f"\n[{name}]\n")
            lines.extend(_toml_table(value, name))
        elif _is_table_list(value):
            for entry in value:
                lines.append(f"\n[[{name}]]\n")
                lines.extend(_toml_table(_compact(entry), name))
    return lines


def _dump_in_pieces(document: Document) -> dict[str, Any]:
    """`document.model_dump(mode="python", exclude_none=True)`, one section and one list entry at
    a time. pydantic-core holds the GIL for a whole call: dumping a 10,000-event document in one
    call stalled the app's event loop for ~100 ms while an autosave ran in its worker thread."""
    dumped: dict[str, Any] = {}
    for name in type(document).model_fields:
        value = getattr(document, name)
        if value is None:
            continue
        if isinstance(value, list):
            dumped[name] = [item.model_dump(mode="python", exclude_none=True) for item in value]
        elif isinstance(value, BaseModel):
            dumped[name] = value.model_dump(mode="python", exclude_none=True)
        else:
            dumped[name] = value
    return dumped


def to_toml(document: Document) -> str:
    """Sections as [tables] and [[arrays of tables]] (never inline), so diffs stay line-sized."""
    # Enums need no conversion here: they are str subclasses and format as their values.
    dumped = _dump_in_pieces(document)
    mapping = {key: value for key, value in dumped.items() if value != []}
    return "".join(_toml_table(mapping, "")).lstrip("\n")
