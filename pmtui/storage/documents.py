"""Reading and writing postmortem files: TOML (primary) and JSON, the extension picks.

Every failure a user can cause becomes a `DocumentError` with one line that names the file and
where in it (TOML line, or the field path such as `timeline[3].time`). Saves are atomic and never
overwrite a file that changed on disk since it was read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pmtui.document.migrations import MIGRATIONS
from pmtui.document.model import SCHEMA_VERSION, Document
from pmtui.storage.files import (
    MAX_DOCUMENT_BYTES,
    DocumentError,
    SaveError,
    decode_text,
    locked,
    printable,
    read_bytes,
    write_atomic,
    write_new,
    write_target,
)
from pmtui.storage.toml import parse_toml, to_toml

FORMATS = {".toml": "toml", ".json": "json"}
_SURROGATE = re.compile("[\ud800-\udfff]")


class NotAPostmortem(DocumentError):
    """A TOML or JSON table with none of the format's top-level keys: a `package.json` or a tool's
    config in a folder of postmortems. Folders skip such files with a note instead of failing."""


class ConflictError(DocumentError):
    """The file changed on disk since it was loaded: saving would clobber someone's edits."""


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


def _spelled(value: Any) -> str:
    """A value as the file spells it (true, 2026-04-20, an array), not as Python prints it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return repr(value)


def _short(value: Any, limit: int = 40) -> str:
    text = printable(value if isinstance(value, str) else _spelled(value))
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
    if kind == "too_long":
        context = error.get("ctx", {})
        return f"{context.get('actual_length')} entries, more than the {context.get('max_length')} allowed"
    if kind in ("model_type", "dict_type"):
        return f"expected a table ([section] in TOML, {{...}} in JSON), got {_short(error.get('input'))}"
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
    text = decode_text(data, str(path))
    if "\x00" in text:
        raise DocumentError(f"{path}: contains NUL bytes; is it a binary file?")
    return text


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


class _DuplicateKey(Exception):
    pass


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object; a key given twice is refused (TOML refuses it too), because keeping either
    value would silently drop what the other one says."""
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise _DuplicateKey(key)
        mapping[key] = value
    return mapping


def _first_lone_surrogate(value: Any, loc: tuple[int | str, ...] = ()) -> tuple[tuple[int | str, ...], str] | None:
    """Where the first lone surrogate is (JSON can spell "\\ud800": it is no character, cannot be
    saved as UTF-8 and breaks every message that quotes it), and which one."""
    if isinstance(value, str):
        found = _SURROGATE.search(value)
        return (loc, found.group()) if found else None
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        if isinstance(key, str) and _SURROGATE.search(key):
            return (*loc, key), _SURROGATE.search(key).group()
        found = _first_lone_surrogate(item, (*loc, key))
        if found:
            return found
    return None


def _parse(text: str, fmt: str, path: Path) -> dict[str, Any]:
    try:
        if fmt == "toml":
            raw: Any = parse_toml(text, path)
        else:
            raw = json.loads(text, object_pairs_hook=_object_without_duplicates)
    except json.JSONDecodeError as exc:
        raise DocumentError(f"{path}: line {exc.lineno}, column {exc.colno}: JSON syntax error: {exc.msg}") from None
    except _DuplicateKey as exc:
        raise DocumentError(f'{path}: key "{printable(str(exc))}" appears twice in one JSON object '
                            "(keep one: pmtui would lose the other)") from None
    except RecursionError:
        raise DocumentError(f"{path}: nested too deeply to be a postmortem") from None
    except ValueError as exc:
        if "integer string conversion" in str(exc):  # Python refuses to read an integer this long
            raise DocumentError(f"{path}: {fmt.upper()} error: a number longer than "
                                f"{sys.get_int_max_str_digits()} digits") from None
        # e.g. tomllib on a value it cannot represent
        raise DocumentError(f"{path}: {fmt.upper()} error: {exc}") from None
    if not isinstance(raw, dict):  # only JSON can hold something else at the top
        raise DocumentError(f"{path}: expected a JSON object {{...}} at the top, got {_json_kind(raw)}")
    surrogate = _first_lone_surrogate(raw)
    if surrogate:
        loc, character = surrogate
        where = f"{field_path(loc)}: " if loc else ""
        raise DocumentError(f"{path}: {where}contains {ascii(character)[1:-1]}, half of a UTF-16 pair and "
                            "no character on its own")
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
    data, stat = read_bytes(path, limit=MAX_DOCUMENT_BYTES)
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


def _readable_back(data: bytes, path: Path) -> bytes:
    """`data`, if pmtui can read it back: an import of a huge log must not save a file that every
    later load refuses."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise SaveError(f"{path}: not saved: it would be {len(data) // (1024 * 1024)} MB, more than pmtui reads "
                        f"as one file ({MAX_DOCUMENT_BYTES // (1024 * 1024)} MB)")
    return data


def save(loaded: Loaded, *, force: bool = False) -> Fingerprint:
    """Write `loaded.document` back to its file; refuse if the file changed on disk since loading.

    The check and the rename happen under the file's lock, so of two pmtuis saving at once one
    lands and the other gets the ConflictError: none reports success and is then overwritten.
    """
    data = _readable_back(dumps(loaded.document, loaded.format, loaded.preamble, loaded.extras), loaded.path)
    with locked(loaded.path):
        if not force and changed_on_disk(loaded.path, loaded.fingerprint):
            raise ConflictError(
                f"{loaded.path}: changed on disk since it was opened; not overwriting it "
                "(reload it, or save under another name)"
            )
        stat = write_atomic(loaded.path, data)
    loaded.fingerprint = Fingerprint.of_bytes(data, stat)
    return loaded.fingerprint


def save_new(
    document: Document, path: str | os.PathLike[str], *, preamble: str = "", extras: dict[str, Any] | None = None
) -> Loaded:
    """Write a document to a file that must not exist yet."""
    path = Path(path)
    fmt = format_for(path)
    loaded = Loaded(document, path, fmt, None, preamble, dict(extras or {}))
    data = _readable_back(dumps(document, fmt, preamble, loaded.extras), path)
    try:
        stat = write_new(path, data)
    except FileExistsError:
        raise DocumentError(f"{path}: already exists; not overwriting it") from None
    except OSError as exc:
        raise SaveError(f"{path}: cannot save: {exc.strerror or exc}") from None
    loaded.fingerprint = Fingerprint.of_bytes(data, stat)
    return loaded


RECOVERY_SUFFIX = ".pmtui-recovery"


def save_recovery(loaded: Loaded) -> Path:
    """Write `loaded.document` beside its file under a name no file has yet, and return that path.

    For edits that could not be saved (a conflict, a failed save): `FILE.pmtui-recovery`, or
    `FILE.pmtui-recovery-2`, `-3`… when earlier recoveries exist, so no recovery file is ever
    overwritten. The caller names the returned path to the user.
    """
    data = dumps(loaded.document, loaded.format, loaded.preamble, loaded.extras)
    base = write_target(loaded.path)
    number = 1
    while True:
        candidate = base.with_name(base.name + RECOVERY_SUFFIX + (f"-{number}" if number > 1 else ""))
        try:
            write_new(candidate, data)
        except FileExistsError:
            number += 1
            continue
        except OSError as exc:
            raise SaveError(f"{candidate}: cannot save the recovery copy: {exc.strerror or exc}") from None
        return candidate
