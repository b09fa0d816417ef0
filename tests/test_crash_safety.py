"""Crash safety: SIGKILL mid-meeting loses nothing older than the autosave interval; a full disk
loses nothing at all (the edits stay in memory, the old file stays intact).

The kill rounds drive the real app in a subprocess (benchmarks/crash_harness.py): a few here,
100 with `--run-slow`."""

from __future__ import annotations

import asyncio
import errno
import os
import shutil
import sys
from pathlib import Path

import pytest

from pmtui import storage
from pmtui.resources import default_sample

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "app"))

from app_harness import FakeClock, make_app  # noqa: E402
from crash_harness import SAVED_WITHIN, run_rounds, summary  # noqa: E402

from pmtui.app.meeting.agenda_bar import AgendaBar  # noqa: E402


def test_a_killed_app_leaves_a_valid_file_with_every_edit_older_than_a_second(tmp_path: Path) -> None:
    # Kill late enough that edits are due: the check must have something to verify.
    results = run_rounds(3, default_sample(), tmp_path, seed=11, kill_window=(1.4, 2.0))
    assert [problem for result in results for problem in result.problems] == []
    assert all(result.verified > 0 for result in results)
    assert all(result.lag < SAVED_WITHIN for result in results)


@pytest.mark.slow
def test_a_hundred_kills(tmp_path: Path, terminal_summary) -> None:
    results = run_rounds(100, default_sample(), tmp_path, seed=1000)
    terminal_summary("crash harness: " + summary(results))
    assert [problem for result in results for problem in result.problems] == []
    assert sum(result.verified for result in results) > 500


def test_a_full_disk_keeps_the_edits_in_memory_and_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "incident.toml"
    shutil.copyfile(default_sample(), path)
    before = path.read_bytes()
    app = make_app(path, FakeClock())
    real_fsync = os.fsync

    def disk_full(descriptor: int) -> None:  # the data write reaches the disk at fsync: that is where ENOSPC shows
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    async def meeting() -> None:
        async with app.run_test() as pilot:
            monkeypatch.setattr(os, "fsync", disk_full)
            app.session.add_text("lessons", "Said while the disk was full")
            app.action_save_now()  # the autosave, through the worker thread
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "No space left on device" in (app.session.save_error or "")
            assert "NOT SAVED" in str(app.meeting.query_one(AgendaBar).render())
            assert "Said while the disk was full" in app.session.document.findings.lessons
            assert path.read_bytes() == before
            assert sorted(entry.name for entry in tmp_path.iterdir()) == ["incident.toml"]  # no temp file left

            await pilot.press("ctrl+q")  # nowhere to write a recovery copy either: it refuses to quit silently
            await pilot.pause()
            assert app.is_running
            assert any("Could not save anywhere" in str(note.message) for note in app._notifications)

            monkeypatch.setattr(os, "fsync", real_fsync)  # space freed: the next save goes through
            await app.save_pending()
            assert not app.session.dirty

    asyncio.run(meeting())
    assert "Said while the disk was full" in storage.load_document(path).findings.lessons
