"""Writing files the way careful tools do: never replacing what is not a regular file, following
symlinks to the real file, and giving new files the mode the umask says."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from document_factory import SAMPLES
from pmtui import storage


@pytest.fixture
def umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_fifo_is_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    storage.write_atomic(fifo, b"# Postmortem\n")
    reader.join(timeout=10)
    assert received == [b"# Postmortem\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [path.name for path in tmp_path.iterdir()] == ["out.md"]


def test_a_character_device_is_written_into_not_replaced() -> None:
    # /dev/stdout is a terminal, a pipe or /dev/null in CI: all are written into. /dev/null stands for them.
    before = os.stat("/dev/null")
    storage.write_atomic(Path("/dev/null"), b"discarded\n")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_a_symlink_to_a_device_is_written_into(tmp_path: Path) -> None:
    link = tmp_path / "stdout"
    link.symlink_to("/dev/null")
    storage.write_atomic(link, b"discarded\n")
    assert link.is_symlink() and os.readlink(link) == "/dev/null"


def test_a_folder_is_refused_with_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "notes.md"
    folder.mkdir()
    with pytest.raises(storage.SaveError, match=r"notes.md: is a folder; not writing over it$"):
        storage.write_atomic(folder, b"text")
    assert folder.is_dir() and not any(folder.iterdir())


def test_a_symlinked_postmortem_is_saved_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "repo" / "real.toml"
    real.parent.mkdir()
    real.write_bytes((SAMPLES / "db-pool-exhaustion.toml").read_bytes())
    link = tmp_path / "current.toml"
    link.symlink_to(real)
    loaded = storage.load(link)
    loaded.document.incident.title = "Saved through the link"
    storage.save(loaded)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert storage.load_document(real).incident.title == "Saved through the link"
    assert sorted(path.name for path in real.parent.iterdir()) == ["real.toml"]
    # A second save is no conflict: the fingerprint is of the file the link points at.
    loaded.document.incident.title = "Saved again"
    storage.save(loaded)
    assert storage.load_document(real).incident.title == "Saved again"


def test_a_relative_symlink_is_followed_from_its_own_folder(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    real = tmp_path / "repo" / "real.md"
    real.write_text("old")
    link = tmp_path / "repo" / "link.md"
    link.symlink_to("real.md")
    storage.write_atomic(link, b"new")
    assert link.is_symlink() and real.read_text() == "new"


@pytest.mark.usefixtures("umask")
def test_new_files_get_the_mode_the_umask_gives(tmp_path: Path) -> None:
    path = tmp_path / "new.md"
    storage.write_atomic(path, b"text")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    os.umask(0o077)
    private = tmp_path / "private.md"
    storage.write_atomic(private, b"text")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


@pytest.mark.usefixtures("umask")
def test_a_new_postmortem_is_readable_by_the_other_attendees(tmp_path: Path) -> None:
    document = storage.load_document(SAMPLES / "db-pool-exhaustion.toml")
    loaded = storage.save_new(document, tmp_path / "shared.toml")
    assert stat.S_IMODE(loaded.path.stat().st_mode) == 0o644


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_a_replaced_file_keeps_its_mode_whatever_the_umask(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "kept.md"
    path.write_text("old")
    os.chmod(path, mode)
    storage.write_atomic(path, b"new")
    assert stat.S_IMODE(path.stat().st_mode) == mode and path.read_text() == "new"


def test_export_to_dev_stdout_goes_down_the_pipe() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "pmtui", "export", str(SAMPLES / "db-pool-exhaustion.toml"), "-o", "/dev/stdout"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Orders API outage")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and os.path.islink("/dev/stdout")


@pytest.mark.parametrize("output", ["pm.json", "./pm.json", "link.md", "hard.md"])
def test_export_onto_the_postmortem_it_reads_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str], output: str) -> None:
    from pmtui.cli import main

    monkeypatch.chdir(tmp_path)
    source = tmp_path / "pm.json"
    source.write_bytes(storage.dumps(storage.load_document(SAMPLES / "db-pool-exhaustion.toml"), "json"))
    before = source.read_bytes()
    (tmp_path / "link.md").symlink_to("pm.json")
    os.link(source, tmp_path / "hard.md")
    assert main(["export", "pm.json", "-o", output]) == 2
    err = capsys.readouterr().err
    assert err == f"pmtui: {Path(output)}: is the postmortem being exported; not replacing it (give another -o file)\n"
    assert source.read_bytes() == before
