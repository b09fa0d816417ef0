"""Reading and writing postmortem files: TOML (primary) and JSON, the extension picks.

Every failure a user can cause becomes a `DocumentError` with one line that names the file and
where in it (TOML line, or the field path such as `timeline[3].time`). Saves are atomic and never
overwrite a file that changed on disk since it was read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import rtoml
import tomli_w
from pydantic import BaseModel, ValidationError

from pmtui.document.model import SCHEMA_VERSION, Document

FORMATS = {".toml": "toml", ".json": "json"}

# schema_version N -> function upgrading a raw mapping from N to N+1. Empty while the format is at 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class DocumentError(Exception):
    """A file pmtui cannot use; str() is the one-line message for the user."""


class NotAPostmortem(DocumentError):
    """A TOML or JSON table with none of the format's top-level keys: a `package.json` or a tool's
    config in a folder of postmortems. Folders skip such files with a note instead of failing."""


class ConflictError(DocumentError):
    """The file changed on disk since it was loaded: saving would clobber someone's edits."""


class SaveError(DocumentError):
    """Writing failed (disk full, permissions); the old file is intact."""


@dataclass(frozen=True)
class Fingerprint:
    """What the file on disk was when we last read or wrote it."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of_bytes(cls, data: bytes, stat: os.stat_result) -> Fingerprint:
        return cls(stat.st_size, stat.st_mtime_ns, hashlib.sha256(data).hexdigest())


@dataclass
class Loaded:
    """A document with where it came from, so it can be saved back the same way."""

    document: Document
    path: Path
    format: str
    fingerprint: Fingerprint | None = None
    # Leading comment lines of a TOML file (e.g. a `#:schema` reference), or a JSON "$schema".
    preamble: str = ""
    extras: dict[str, Any] = field(default_factory=dict)


def format_for(path: Path) -> str:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise DocumentError(f"{path}: unknown file type {path.suffix or '(none)'!r}; use .toml or .json") from None


# ---------------------------------------------------------------------------------------- reading


def field_path(loc: tuple[int | str, ...]) -> str:
    """('timeline', 3, 'time') -> 'timeline[3].time'"""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


# Control characters, line and paragraph separators, lone surrogates (JSON can spell "\ud800").
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(text: str) -> str:
    """User text made safe inside a one-line message: what would break the line, garble the
    terminal or fail to encode as UTF-8 is spelled as an escape (a tab becomes \\t)."""
    return _UNPRINTABLE.sub(lambda match: ascii(match.group())[1:-1], text)


def _short(value: Any, limit: int = 40) -> str:
    text = printable(value if isinstance(value, str) else repr(value))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f'"{text}"' if isinstance(value, str) else text


def _error_message(error: dict[str, Any]) -> str:
    kind = error["type"]
    message = error["msg"]
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see docs/format.md)"
    if kind.startswith("date"):
        return f"invalid date {_short(error.get('input'))} (use YYYY-MM-DD)"
    if kind == "string_too_short":
        return "must not be empty"
    return f"{message[0].lower()}{message[1:]} (got {_short(error.get('input'))})"


def describe_validation_error(exc: ValidationError) -> str:
    # An unknown key beside a missing one is usually the same typo: report the unknown key.
    errors = sorted(exc.errors(), key=lambda error: error["type"] != "extra_forbidden")
    first = errors[0]
    where = field_path(first["loc"])
    text = _error_message(first)
    # Model-level messages carry their own path ("timeline[2].id: duplicate ...").
    line = f"{where}: {text}" if where else text
    if len(errors) > 1:
        line += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return printable(line)


def _decode(data: bytes, path: Path) -> str:
    if not data.strip():
        raise DocumentError(f"{path}: file is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); is it a binary file?"
        ) from None
    if "\x00" in text:
        raise DocumentError(f"{path}: contains NUL bytes; is it a binary file?")
    return text.removeprefix("\ufeff")


def _toml_preamble(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if line.startswith("#"):
            lines.append(line)
        else:
            break
    return "\n".join(lines)


def _json_kind(value: Any) -> str:
    kinds = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "true/false"}
    return kinds.get(type(value), "null")


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


def _parse(text: str, fmt: str, path: Path) -> dict[str, Any]:
    try:
        if fmt == "toml":
            raw: Any = parse_toml(text, path)
        else:
            raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocumentError(f"{path}: line {exc.lineno}, column {exc.colno}: JSON syntax error: {exc.msg}") from None
    except RecursionError:
        raise DocumentError(f"{path}: nested too deeply to be a postmortem") from None
    except ValueError as exc:  # e.g. tomllib on a value it cannot represent
        raise DocumentError(f"{path}: {fmt.upper()} error: {exc}") from None
    if not isinstance(raw, dict):  # only JSON can hold something else at the top
        raise DocumentError(f"{path}: expected a JSON object {{...}} at the top, got {_json_kind(raw)}")
    return raw


def migrate(raw: dict[str, Any], path: Path) -> dict[str, Any]:
    """Bring an older file up to the current schema_version (a missing version means the current one)."""
    version = raw.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool):
        raise DocumentError(f"{path}: schema_version: expected an integer, got {_short(version)}")
    if version > SCHEMA_VERSION:
        raise DocumentError(
            f"{path}: schema_version {version} was written by a newer pmtui (this one reads up to "
            f"{SCHEMA_VERSION}); upgrade pmtui"
        )
    while version < SCHEMA_VERSION:
        upgrade = MIGRATIONS.get(version)
        if upgrade is None:
            raise DocumentError(f"{path}: schema_version {version} is not a pmtui format version")
        raw = upgrade(raw)
        version += 1
        raw["schema_version"] = version
    return raw


def parse_document(data: bytes, path: Path, fmt: str | None = None) -> tuple[Document, str, dict[str, Any]]:
    """Bytes to a document, or a one-line DocumentError. Returns (document, preamble, extras)."""
    fmt = fmt or format_for(path)
    text = _decode(data, path)
    raw = _parse(text, fmt, path)
    if raw and not raw.keys() & Document.model_fields.keys():
        raise NotAPostmortem(f"{path}: not a postmortem (no [incident] table)")
    preamble = _toml_preamble(text) if fmt == "toml" else ""
    extras: dict[str, Any] = {}
    if fmt == "json" and "$schema" in raw:
        extras["$schema"] = raw.pop("$schema")
    raw = migrate(raw, path)
    try:
        document = Document.model_validate(raw)
    except ValidationError as exc:
        raise DocumentError(f"{path}: {describe_validation_error(exc)}") from None
    except RecursionError:
        raise DocumentError(f"{path}: nested too deeply to be a postmortem") from None
    return document, preamble, extras


def load(path: str | os.PathLike[str]) -> Loaded:
    path = Path(path)
    fmt = format_for(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
            stat = os.fstat(handle.fileno())
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a folder, not a postmortem file") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read: {exc.strerror or exc}") from None
    document, preamble, extras = parse_document(data, path, fmt)
    return Loaded(document, path, fmt, Fingerprint.of_bytes(data, stat), preamble, extras)


def load_document(path: str | os.PathLike[str]) -> Document:
    return load(path).document


# ---------------------------------------------------------------------------------------- writing


def _plain(value: Any) -> Any:
    """Model dump -> what tomli_w accepts: enums as their values, nothing else changed."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def to_mapping(document: Document) -> dict[str, Any]:
    """The document as the file's tree (None fields left out: TOML has no null)."""
    return _plain(document.model_dump(mode="python", exclude_none=True))


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


def dumps(document: Document, fmt: str, preamble: str = "", extras: dict[str, Any] | None = None) -> bytes:
    if fmt == "toml":
        body = to_toml(document)
        head = f"{preamble}\n\n" if preamble else ""
        return (head + body).encode("utf-8")
    mapping = json.loads(document.model_dump_json(exclude_none=True))
    if extras:
        mapping = {**extras, **mapping}
    return (json.dumps(mapping, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def current_fingerprint(path: Path) -> Fingerprint | None:
    """The file as it is now, or None when it does not exist."""
    try:
        with open(path, "rb") as handle:
            stat = os.fstat(handle.fileno())
            return Fingerprint.of_bytes(handle.read(), stat)
    except FileNotFoundError:
        return None


def changed_on_disk(path: Path, known: Fingerprint | None) -> bool:
    """True when the file is not what we last read or wrote (cheap when size and mtime agree)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return False
    if known is None:
        return True
    if stat.st_size == known.size and stat.st_mtime_ns == known.mtime_ns:
        return False
    now = current_fingerprint(path)
    return now is not None and now.sha256 != known.sha256


def write_atomic(path: Path, data: bytes) -> os.stat_result:
    """Temp file in the same folder, flush + fsync, rename over the target, fsync the folder."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = None
    try:
        descriptor, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SaveError(f"{path}: cannot save: {exc.strerror or exc}") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except OSError as exc:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise SaveError(f"{path}: cannot save: {exc.strerror or exc}; the file on disk is unchanged") from None
    try:
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError:
        pass  # Some filesystems cannot fsync a folder; the rename itself is already atomic.
    return path.stat()


def save(loaded: Loaded, *, force: bool = False) -> Fingerprint:
    """Write `loaded.document` back to its file; refuse if the file changed on disk since loading."""
    if not force and changed_on_disk(loaded.path, loaded.fingerprint):
        raise ConflictError(
            f"{loaded.path}: changed on disk since it was opened; not overwriting it "
            "(reload it, or save under another name)"
        )
    data = dumps(loaded.document, loaded.format, loaded.preamble, loaded.extras)
    stat = write_atomic(loaded.path, data)
    loaded.fingerprint = Fingerprint.of_bytes(data, stat)
    return loaded.fingerprint


def save_new(
    document: Document, path: str | os.PathLike[str], *, preamble: str = "", extras: dict[str, Any] | None = None
) -> Loaded:
    """Write a document to a file that must not exist yet."""
    path = Path(path)
    fmt = format_for(path)
    if path.exists():
        raise DocumentError(f"{path}: already exists; not overwriting it")
    loaded = Loaded(document, path, fmt, None, preamble, dict(extras or {}))
    data = dumps(document, fmt, preamble, loaded.extras)
    stat = write_atomic(path, data)
    loaded.fingerprint = Fingerprint.of_bytes(data, stat)
    return loaded
