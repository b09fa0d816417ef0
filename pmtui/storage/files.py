"""Bytes in and out of files: the one way pmtui reads a file into text, and writes one safely.

Postmortems, importer sources and meeting layouts are all read by `read_bytes` and `decode_text`,
so an unreadable or binary file gives the same one-line message everywhere, raised as the
caller's own error type. `write_atomic` is how every file pmtui writes reaches the disk.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import secrets
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


# How long a save waits for another one to the same file (each holds the lock for milliseconds).
LOCK_WAIT_SECONDS = 10


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


# A postmortem with 100,000 timeline events is about 10 MB; parsing one costs about 20 times its
# size in memory, so a file much larger would exhaust a laptop before it could be reported.
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024


def read_bytes(path: Path, error: type[Exception] = DocumentError, *,
               limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """The file's bytes and its stat as read, or `error` with one line naming the file. With
    `limit`, a file larger than that many bytes is refused before it is read whole (a pipe too)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read() if limit is None else handle.read(limit + 1)
            if limit is not None and len(data) > limit:
                raise error(f"{path}: larger than {limit // (1024 * 1024)} MB, more than pmtui reads as one file")
            return data, os.fstat(handle.fileno())
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


def _write_to(descriptor: int, data: bytes, *, sync: bool = True) -> None:
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        if sync:
            os.fsync(handle.fileno())


def _write_in_place(path: Path, data: bytes) -> None:
    """Stdout, a pipe, a terminal or a device: write into it; replacing it would break it."""
    try:
        # Pipes and devices cannot be fsynced (EINVAL); what they pass on is not ours to keep.
        _write_to(os.open(path, os.O_WRONLY | os.O_APPEND), data, sync=False)
    except OSError as exc:
        raise SaveError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _temp_beside(path: Path, mode: int) -> tuple[int, Path]:
    """A new file next to `path` (same folder, so the rename is atomic), created with `mode`
    through the umask: a new postmortem gets 0644 under umask 022, as any other tool's file."""
    while True:
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), temp
        except FileExistsError:
            continue


def write_target(path: Path) -> Path:
    """The file a write to `path` really replaces: a symlink's target, as editors do (replacing
    the link would leave the real file unchanged)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def write_atomic(path: Path, data: bytes) -> os.stat_result:
    """Temp file in the same folder, flush + fsync, rename over the target, fsync the folder.

    A symlink's target is what gets replaced. A path that exists but is not a regular file is
    never replaced: a FIFO, a terminal or a character device (`-o /dev/stdout`) is written
    into, anything else (a folder, a block device, a socket) refused. A replaced file keeps
    its permission bits.
    """
    try:
        existing = path.stat()
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise SaveError(f"{path}: cannot save: {exc.strerror or exc}") from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        if stat.S_ISFIFO(existing.st_mode) or stat.S_ISCHR(existing.st_mode):
            _write_in_place(path, data)
            return path.stat()
        kind = "a folder" if stat.S_ISDIR(existing.st_mode) else "not a regular file"
        raise SaveError(f"{path}: is {kind}; not writing over it")
    path = write_target(path)
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666
    try:
        descriptor, temp = _temp_beside(path, mode)
    except OSError as exc:
        raise SaveError(f"{path}: cannot save: {exc.strerror or exc}") from None
    try:
        _write_to(descriptor, data)
        if existing is not None:
            os.chmod(temp, mode)  # the umask may have taken bits the file had
        os.replace(temp, path)
    except OSError as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise SaveError(f"{path}: cannot save: {exc.strerror or exc}; the file on disk is unchanged") from None
    sync_folder(path.parent)
    return path.stat()


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable: without this a power cut can bring the old file back."""
    try:
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError:
        pass  # Some filesystems cannot fsync a folder; the rename itself is already atomic.


def write_new(path: Path, data: bytes) -> os.stat_result:
    """Write a file that must not exist yet: it appears whole (written beside it, then hard-linked
    into place, which fails rather than replaces) or not at all. FileExistsError when it exists."""
    descriptor, temp = _temp_beside(path, 0o666)
    try:
        _write_to(descriptor, data)
        try:
            os.link(temp, path)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            # No hard links here (some network and FAT filesystems): exclusive create, then write.
            _write_to(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), data)
    finally:
        os.unlink(temp)
    sync_folder(path.parent)
    return path.stat()


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the write lock of `path` (for its check-for-changes and rename) against every other
    pmtui on this machine or over NFS: `flock` on a sidecar `.NAME.lock` beside the real file.

    The kernel drops the lock when its holder exits or is killed, so a crashed pmtui leaves no
    stale lock behind, only the sidecar file, which the next holder takes over. The holder deletes
    the sidecar before unlocking; a process that locked a deleted sidecar sees its inode is gone
    from the folder and tries again.
    """
    target = write_target(path)
    lock_path = target.with_name(f".{target.name}.lock")
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise SaveError(f"{path}: cannot lock for saving: {exc.strerror or exc}") from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            if time.monotonic() > deadline:
                raise SaveError(f"{path}: another program has held its save lock for {LOCK_WAIT_SECONDS} s; "
                                "not saving (try again)") from None
            time.sleep(0.005)
            continue
        if _same_file(descriptor, lock_path):
            break
        os.close(descriptor)
    try:
        yield
    finally:
        try:
            os.unlink(lock_path)
        finally:
            os.close(descriptor)  # closing releases the lock


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    held = os.fstat(descriptor)
    return (held.st_dev, held.st_ino) == (on_disk.st_dev, on_disk.st_ino)
