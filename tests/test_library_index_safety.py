"""The library index heals itself and is safe to share: links, damage, a full disk, concurrent runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from library_corpus import write_corpus, write_document

from pmtui.cli import main
from pmtui.library import index
from pmtui.library.index import open_library


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "postmortems"
    write_corpus(folder)
    return folder


def cache_files(tmp_path: Path) -> list[str]:
    return sorted(path.name for path in (tmp_path / "cache" / "pmtui").glob("*.sqlite"))


def test_a_linked_index_folder_is_never_followed(corpus: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.sqlite").write_bytes(b"someone else's file")
    (corpus / ".pmtui-index").symlink_to(elsewhere)
    with open_library(corpus) as library:
        assert library.index_path.parent == tmp_path / "cache" / "pmtui"
        assert len(library.incidents()) == 12
    assert sorted(path.name for path in elsewhere.iterdir()) == ["index.sqlite"]
    assert (elsewhere / "index.sqlite").read_bytes() == b"someone else's file"


@pytest.mark.parametrize("name", ["index.sqlite", "index.sqlite-wal", "index.sqlite-journal"])
def test_a_linked_index_file_is_never_followed(corpus: Path, tmp_path: Path, name: str) -> None:
    outside = tmp_path / "outside.bin"
    outside.write_bytes(b"not the index")
    (corpus / ".pmtui-index").mkdir()
    (corpus / ".pmtui-index" / name).symlink_to(outside)
    with open_library(corpus) as library:
        assert library.index_path.parent == tmp_path / "cache" / "pmtui"
        assert len(library.incidents()) == 12
    assert outside.read_bytes() == b"not the index"


def test_a_damaged_index_is_dropped_and_rebuilt_with_a_notice(corpus: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    open_library(corpus).close()
    path = corpus / ".pmtui-index" / "index.sqlite"
    damaged = path.read_bytes()[:100] + b"\x00garbage\xff" * 500  # the header intact, the pages not
    path.write_bytes(damaged)
    assert main(["actions", str(corpus), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert '"incident": "INC-012"' in captured.out
    assert captured.err.startswith(f"pmtui: note: the library index {path} was unreadable (")
    assert captured.err.endswith("); rebuilt it\n") and len(captured.err.splitlines()) == 1
    with open_library(corpus, refresh=False) as library:  # healed: the next run finds a good index
        assert not library.notices and not library.in_memory and len(library.incidents()) == 12


def test_garbage_that_is_no_database_is_left_alone(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Not even an SQLite file: not something pmtui wrote, so never deleted; the run uses memory."""
    (corpus / ".pmtui-index").mkdir()
    path = corpus / ".pmtui-index" / "index.sqlite"
    path.write_bytes(b"\x00garbage\xff" * 500)
    assert main(["actions", str(corpus), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert '"incident": "INC-012"' in captured.out
    assert captured.err == (f"pmtui: note: cannot use the library index {path} (file is not a database); "
                            "using a temporary one for this run\n")
    assert path.read_bytes() == b"\x00garbage\xff" * 500


def test_an_index_file_that_is_not_ours_is_left_alone(corpus: Path, tmp_path: Path) -> None:
    """A second hard link means someone else's file: never written or deleted; the user cache is used."""
    (corpus / ".pmtui-index").mkdir()
    path = corpus / ".pmtui-index" / "index.sqlite"
    path.write_bytes(b"garbage" * 100)
    os.link(path, tmp_path / "their-file")
    with open_library(corpus) as library:
        assert library.index_path.parent == tmp_path / "cache" / "pmtui"
        assert len(library.incidents()) == 12
    assert (tmp_path / "their-file").read_bytes() == b"garbage" * 100


def test_a_damaged_file_that_is_not_ours_is_never_deleted(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    path.write_bytes(b"garbage" * 100)
    os.link(path, tmp_path / "their-file")
    connection, notice = index._connect(path, index.fts5_available())
    connection.close()
    assert notice == (f"cannot use the library index {path} (file is not a database); "
                      "using a temporary one for this run")
    assert path.read_bytes() == b"garbage" * 100


def test_a_full_disk_during_refresh_falls_back_to_memory(corpus: Path) -> None:
    write_document(corpus, "long.toml", incident={"title": "Long write-up", "summary": "Words. " * 20_000})
    with open_library(corpus, refresh=False) as library:
        # SQLite's own "database or disk is full", as a full disk gives it: the file may not grow.
        pages = library.connection.execute("PRAGMA page_count").fetchone()[0]
        library.connection.execute(f"PRAGMA max_page_count = {pages}")
        library.refresh()
        assert library.in_memory
        assert library.notices == [f"cannot use the library index {library.index_path} (database or disk is full); "
                                   "using a temporary one for this run"]
        assert len(library.incidents()) == 13 and len(library.action_items()) == 18


def test_the_index_deleted_during_a_cold_refresh(corpus: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    parse_all = index.Library._parse_all

    def parse_and_delete(self: index.Library, jobs: list, workers: int | None) -> list:
        shutil.rmtree(corpus / ".pmtui-index")
        return parse_all(self, jobs, workers)

    monkeypatch.setattr(index.Library, "_parse_all", parse_and_delete)
    assert main(["patterns", str(corpus), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert '"incidents": 12,' in captured.out
    assert "Traceback" not in captured.err and len(captured.err.splitlines()) <= 1


def test_an_error_on_a_query_falls_back_to_memory(corpus: Path) -> None:
    with open_library(corpus) as library:
        library.connection.execute("DROP TABLE actions")  # what a damaged page would do to a read
        assert len(library.action_items()) == 18
        assert library.in_memory and len(library.notices) == 1


def test_a_same_size_edit_with_a_new_mtime_is_picked_up(corpus: Path) -> None:
    relative = "2026/2026-05-01-11.toml"
    path = corpus / relative
    with open_library(corpus) as library:
        assert library.incident_at(relative).severity == "SEV3"
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b'"SEV3"', b'"SEV4"'))  # a one-character fix
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    assert path.stat().st_size == before.st_size
    with open_library(corpus) as library:
        assert library.incident_at(relative).severity == "SEV4"


CONCURRENT_RUN = """
import sys
from pmtui.library.index import open_library
with open_library(sys.argv[1]) as library:
    assert len(library.incidents()) == 12, len(library.incidents())
    assert not library.notices, library.notices
"""


def concurrent_cold_runs(folder: Path, processes: int, rounds: int) -> list[str]:
    """`processes` runs at once on a library without an index, `rounds` times; the failures."""
    failures = []
    for _ in range(rounds):
        shutil.rmtree(folder / ".pmtui-index", ignore_errors=True)
        runs = [subprocess.Popen([sys.executable, "-c", CONCURRENT_RUN, str(folder)], stderr=subprocess.PIPE, text=True)
                for _ in range(processes)]
        for run in runs:
            _, err = run.communicate(timeout=120)
            if run.returncode:
                failures.append(err.strip().splitlines()[-1])
    return failures


def test_concurrent_cold_runs_all_succeed(corpus: Path) -> None:
    assert concurrent_cold_runs(corpus, processes=4, rounds=3) == []


@pytest.mark.slow
def test_concurrent_cold_runs_all_succeed_4_by_25(corpus: Path) -> None:
    assert concurrent_cold_runs(corpus, processes=4, rounds=25) == []
