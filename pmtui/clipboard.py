"""Copying exported text, with a way out where there is no clipboard.

The order: the system clipboard (pyperclip); where there is none (SSH, containers, CI), the
terminal's clipboard if the caller can reach it (the app passes Textual's OSC 52 copy as
`terminal_copy`), and then a file in the user's cache folder, because a terminal may ignore OSC 52 without telling anyone.
`copy_text` never raises: it returns a `CopyResult` whose `message` is one line for the user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
import tempfile
from pathlib import Path


class CopyMethod(StrEnum):
    SYSTEM = "system"  # the system clipboard: certain
    TERMINAL = "terminal"  # OSC 52 sent to the terminal, and a file as well
    FILE = "file"  # only a file
    NONE = "none"  # nothing worked


@dataclass(frozen=True)
class CopyResult:
    method: CopyMethod
    message: str
    path: Path | None = None

    @property
    def copied(self) -> bool:
        """True when the text is (probably) on a clipboard; otherwise it is only in `path`, if anywhere."""
        return self.method in (CopyMethod.SYSTEM, CopyMethod.TERMINAL)


def _system_copy(text: str) -> str | None:
    """None when copied, else why not."""
    try:
        import pyperclip

        pyperclip.copy(text)
    # pyperclip raises PyperclipException where no clipboard tool exists, and the platform tools it
    # runs fail in their own ways; an export must not crash over any of them.
    except Exception as exc:  # noqa: BLE001
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return None


def write_fallback(text: str, folder: Path, *, suffix: str = ".md", now: dt.datetime | None = None) -> Path:
    """`pmtui-export-<timestamp><suffix>` in `folder`, never replacing a file that is there."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    number = 1
    while True:
        path = folder / f"pmtui-export-{stamp}{'' if number == 1 else f'-{number}'}{suffix}"
        try:
            with open(path, "x", encoding="utf-8", newline="") as handle:
                handle.write(text)
            return path
        except FileExistsError:
            number += 1


def fallback_folder() -> Path:
    """Where copied text goes when no clipboard takes it: the user's cache folder, else the
    temporary folder; never the postmortem's folder, which is usually a repository."""
    from pmtui.user_folders import cache_folder

    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return Path(tempfile.gettempdir())
    return folder


def copy_text(
    text: str, fallback_dir: Path | None = None, *, suffix: str = ".md",
    terminal_copy: Callable[[str], None] | None = None, now: dt.datetime | None = None,
) -> CopyResult:
    """`fallback_dir`: where the file goes when no clipboard takes the text (`fallback_folder()` by default)."""
    reason = _system_copy(text)
    if reason is None:
        return CopyResult(CopyMethod.SYSTEM, f"Copied to the clipboard ({len(text):,} characters).")
    if terminal_copy is not None:
        terminal_copy(text)
    fallback_dir = fallback_dir or fallback_folder()
    try:
        path = write_fallback(text, fallback_dir, suffix=suffix, now=now)
    except OSError as exc:
        problem = f"No system clipboard ({reason}), and saving a copy in {fallback_dir} failed: {exc.strerror or exc}."
        if terminal_copy is not None:
            return CopyResult(CopyMethod.TERMINAL, f"Sent to the terminal's clipboard. {problem}")
        return CopyResult(CopyMethod.NONE, problem)
    if terminal_copy is not None:
        return CopyResult(CopyMethod.TERMINAL, f"Sent to the terminal's clipboard; if it did not arrive, "
                                               f"the text is in {path}.", path)
    return CopyResult(CopyMethod.FILE, f"No system clipboard here ({reason}); wrote the text to {path} instead.", path)
