"""Regressions the other save tests would miss: an outside edit that keeps the file's size, a
dropped folder fsync, and a write that is not atomic (a process killed while writing must leave
the old file or the new one, never a mix)."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from document_factory import SAMPLES
from pmtui import storage


def test_a_same_size_outside_edit_with_a_new_mtime_is_a_conflict(tmp_path: Path) -> None:
    path = tmp_path / "incident.toml"
    path.write_bytes((SAMPLES / "db-pool-exhaustion.toml").read_bytes())
    loaded = storage.load(path)
    assert loaded.fingerprint is not None
    original = path.read_text()
    edited = original.replace('severity = "SEV1"', 'severity = "SEV2"')
    assert edited != original and len(edited) == len(original)
    path.write_text(edited)
    later = loaded.fingerprint.mtime_ns + 2_000_000_000
    os.utime(path, ns=(later, later))  # the edit's own mtime, whatever the clock's granularity
    loaded.document.incident.title = "Edited in the meeting"
    with pytest.raises(storage.ConflictError, match="changed on disk since it was opened"):
        storage.save(loaded)
    assert path.read_text() == edited


def test_an_unchanged_file_with_only_a_new_mtime_is_no_conflict(tmp_path: Path) -> None:
    # A `touch` or a checkout of the same content: the hash shows nothing changed.
    path = tmp_path / "incident.toml"
    path.write_bytes((SAMPLES / "db-pool-exhaustion.toml").read_bytes())
    loaded = storage.load(path)
    os.utime(path, ns=(1, 1))
    loaded.document.incident.title = "Edited in the meeting"
    storage.save(loaded)
    assert storage.load_document(path).incident.title == "Edited in the meeting"


def test_the_folder_is_fsynced_after_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "incident.md"
    path.write_text("old")
    steps: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            assert (info.st_dev, info.st_ino) == (tmp_path.stat().st_dev, tmp_path.stat().st_ino)
            steps.append("fsync folder")
        else:
            steps.append("fsync file")
        real_fsync(descriptor)

    def replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        steps.append("rename")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    storage.write_atomic(path, b"new")
    assert steps == ["fsync file", "rename", "fsync folder"]
    assert path.read_text() == "new"


# Writes two different, large contents over one file in a loop until it is killed. fsync is made a
# no-op: a killed process loses nothing from the page cache, and without the disk waits nearly all
# of the loop is writing, so a kill lands where a non-atomic write would show.
WRITER = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from pmtui import storage

    os.fsync = lambda descriptor: None
    path = Path(sys.argv[1])
    contents = [bytes([ord("a")]) * 4_000_000, bytes([ord("b")]) * 3_000_000]
    print("writing", flush=True)
    turn = 0
    while True:
        storage.write_atomic(path, contents[turn % 2])
        turn += 1
""")


def kill_during_writes(tmp_path: Path, rounds: int, seed: int) -> list[str]:
    """Kill the writer at random moments; return what each round found in the file."""
    rng = random.Random(seed)
    path = tmp_path / "incident.md"
    found = []
    for _ in range(rounds):
        path.write_bytes(b"a" * 4_000_000)
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
        assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
        time.sleep(rng.uniform(0.0, 0.05))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        writer.stdout.close()
        data = path.read_bytes()
        found.append("old or new" if data in (b"a" * 4_000_000, b"b" * 3_000_000) else f"a mix of {len(data)} bytes")
    return found


def test_a_write_killed_midway_leaves_the_old_file_or_the_new(tmp_path: Path) -> None:
    assert kill_during_writes(tmp_path, rounds=8, seed=3) == ["old or new"] * 8


@pytest.mark.slow
def test_a_hundred_writes_killed_midway(tmp_path: Path) -> None:
    assert kill_during_writes(tmp_path, rounds=100, seed=100) == ["old or new"] * 100
