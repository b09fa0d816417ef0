"""Bytes in and out of files: the one way pmtui reads a file into text, and writes one safely.

Postmortems, importer sources and meeting layouts are all read by `read_bytes` and `decode_text`,
so an unreadable or binary file gives the same one-line message everywhere, raised as the
caller's own error type. `write_atomic` is how every file pmtui writes reaches the disk.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path


class DocumentError(Exception):
    """A file pmtui cannot use; str() is the one-line message for the user."""


class SaveError(DocumentError):
    """Writing failed (disk full, permissions); the old file is intact."""


# Control characters, line and paragraph separators, lone surrogates (JSON can spell "\ud800").
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(text: str) -> str:
    """User text made safe inside a one-line message: what would break the line, garble the
    terminal or fail to encode as UTF-8 is spelled as an escape (a tab becomes \\t)."""
    return _UNPRINTABLE.sub(lambda match: ascii(match.group())[1:-1], text)


def read_bytes(path: Path, error: type[Exception] = DocumentError) -> tuple[bytes, os.stat_result]:
    """The file's bytes and its stat as read, or `error` with one line naming the file."""
    try:
        with open(path, "rb") as handle:
            return handle.read(), os.fstat(handle.fileno())
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except IsADirectoryError:
        raise error(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from None


def decode_text(data: bytes, name: str, error: type[Exception] = DocumentError) -> str:
    """UTF-8 text without a byte-order mark (spreadsheet tools and Notepad write one), or `error`."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(
            f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); is it a binary file?"
        ) from None
    return text.removeprefix("\ufeff")


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
