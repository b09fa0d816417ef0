"""Two pmtuis saving the same file: every save either lands or reports the conflict, none is lost;
the save lock is released on every path and never outlives its holder; recovery files are never
overwritten."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from document_factory import make_document
from pmtui import storage

# One writer: load, add an event, save; on a conflict, load again and retry. Prints its conflicts.
WRITER = textwrap.dedent("""
    import datetime as dt, sys
    from pathlib import Path
    from pmtui import storage
    from pmtui.document.model import TimelineEvent

    path, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    saved = conflicts = 0
    while saved < count:
        loaded = storage.load(path)
        loaded.document.timeline.append(TimelineEvent(time=dt.time(10, 0), event=f"{name} {saved}"))
        try:
            storage.save(loaded)
        except storage.ConflictError:
            conflicts += 1
            continue
        saved += 1
    print(conflicts)
""")


def run_two_writers(path: Path, saves_each: int) -> list[str]:
    storage.save_new(make_document(), path)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(saves_each)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in "AB"]
    for writer in writers:
        out, err = writer.communicate(timeout=600)
        assert writer.returncode == 0, err
    return [event.event for event in storage.load_document(path).timeline]


def test_two_writers_lose_none_of_300_saves(tmp_path: Path) -> None:
    events = run_two_writers(tmp_path / "shared.toml", 150)
    expected = {f"{name} {number}" for name in "AB" for number in range(150)}
    assert len(events) == 300 and set(events) == expected
    assert sorted(path.name for path in tmp_path.iterdir()) == ["shared.toml"]  # no lock or temp files left


@pytest.mark.slow
def test_two_writers_lose_none_of_4000_saves(tmp_path: Path) -> None:
    events = run_two_writers(tmp_path / "shared.toml", 2000)
    assert len(events) == 4000 and len(set(events)) == 4000


def test_the_lock_is_released_when_the_save_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "incident.toml"
    loaded = storage.save_new(make_document(), path)

    def disk_full(target: Path, data: bytes) -> os.stat_result:
        raise storage.SaveError(f"{target}: cannot save: No space left on device")

    monkeypatch.setattr(storage.documents, "write_atomic", disk_full)
    with pytest.raises(storage.SaveError):
        storage.save(loaded)
    path.write_text(path.read_text() + "\n")  # changed on disk: the next save is a conflict, not a wait
    with pytest.raises(storage.ConflictError):
        storage.save(loaded)
    monkeypatch.undo()
    storage.save(loaded, force=True)
    assert sorted(child.name for child in tmp_path.iterdir()) == ["incident.toml"]


def test_a_lock_held_by_a_killed_process_does_not_block_saving(tmp_path: Path) -> None:
    path = tmp_path / "incident.toml"
    loaded = storage.save_new(make_document(), path)
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from pathlib import Path
            from pmtui import storage
            with storage.locked(Path({str(path)!r})):
                print("locked", flush=True)
                time.sleep(600)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    assert (tmp_path / ".incident.toml.lock").exists()
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    loaded.document.incident.title = "Saved after the crash"
    storage.save(loaded)  # would wait LOCK_WAIT_SECONDS and fail if the dead holder's lock remained
    assert storage.load_document(path).incident.title == "Saved after the crash"
    assert sorted(child.name for child in tmp_path.iterdir()) == ["incident.toml"]


def test_a_held_lock_makes_a_save_wait_then_give_up_with_one_line(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "incident.toml"
    loaded = storage.save_new(make_document(), path)
    monkeypatch.setattr(storage.files, "LOCK_WAIT_SECONDS", 0)
    with storage.locked(path):
        with pytest.raises(storage.SaveError, match=r"incident.toml: another program has held its save lock"):
            storage.save(loaded)
    storage.save(loaded)


def test_recovery_files_are_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "incident.toml"
    loaded = storage.save_new(make_document(), path)
    written = []
    for title in ("first meeting", "second meeting", "third meeting"):
        loaded.document.incident.title = title
        written.append(storage.save_recovery(loaded))
    assert [recovery.name for recovery in written] == [
        "incident.toml.pmtui-recovery", "incident.toml.pmtui-recovery-2", "incident.toml.pmtui-recovery-3",
    ]
    titles = [storage.parse_document(recovery.read_bytes(), path)[0].incident.title for recovery in written]
    assert titles == ["first meeting", "second meeting", "third meeting"]
    assert storage.load_document(path).incident.title == "Search latency"


def test_a_recovery_copy_of_a_symlinked_postmortem_goes_beside_the_real_file(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    real = tmp_path / "repo" / "real.toml"
    storage.save_new(make_document(), real)
    link = tmp_path / "current.toml"
    link.symlink_to(real)
    recovery = storage.save_recovery(storage.load(link))
    assert recovery == real.with_name("real.toml.pmtui-recovery")
    assert recovery.is_file()


def test_save_new_never_overwrites_even_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    def no_links(source: object, target: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "incident.toml"
    storage.save_new(make_document(), path)
    assert storage.load_document(path).incident.title == "Search latency"
    with pytest.raises(storage.DocumentError, match="already exists; not overwriting it"):
        storage.save_new(make_document({"title": "Other"}), path)
    assert storage.load_document(path).incident.title == "Search latency"
    assert sorted(child.name for child in tmp_path.iterdir()) == ["incident.toml"]
