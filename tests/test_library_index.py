"""The library index: a cache of the files that follows them, skips what it cannot read, rebuilds itself."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from library_corpus import SPECS, TODAY, document_for, write_corpus

from pmtui import storage
from pmtui.cli import main
from pmtui.library import index
from pmtui.library.index import open_library


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "postmortems"
    write_corpus(folder)
    return folder


def test_cold_then_warm(corpus: Path) -> None:
    with open_library(corpus, refresh=False) as library:
        assert library.refresh() == index.RefreshCounts(parsed=12, unchanged=0, removed=0, skipped=0)
        assert library.refresh() == index.RefreshCounts(parsed=0, unchanged=12, removed=0, skipped=0)
        assert library.index_path == corpus / ".pmtui-index" / "index.sqlite"
        assert len(library.incidents()) == 12 and len(library.action_items()) == 18
    assert (corpus / ".pmtui-index" / ".gitignore").read_text().endswith("*\n")


def test_records_hold_what_the_reports_need(corpus: Path) -> None:
    with open_library(corpus) as library:
        record = library.incident_at("2025/2025-07-10-01.toml")
        items = library.action_items([record.key])
    assert record is not None
    assert (record.title, record.incident_id, record.severity, record.status, record.detection) == (
        "Checkout errors after deploy", "INC-001", "SEV2", "final", "alert")
    assert record.tags == ("checkout",)
    assert (record.time_to_detect.total_seconds(), record.time_to_resolve.total_seconds()) == (300, 3600)
    assert record.root_cause == "A deploy shipped a query without an index"
    assert record.factors == ("deploy went out without a canary",) and record.themes == ("deploy",)
    assert [(item.item_id, item.owner, item.due.isoformat(), item.priority, item.status) for item in items] == [
        ("AI-1", "ana", "2025-08-01", "P2", "done"), ("AI-2", "ben", "2025-08-15", "P2", "open")]


def test_changed_file_is_reparsed_and_deleted_file_forgotten(corpus: Path) -> None:
    first = corpus / "2025/2025-07-10-01.toml"
    with open_library(corpus) as library:
        renamed = document_for(SPECS[0])
        renamed.incident.title = "Checkout errors after the Tuesday deploy"
        first.write_bytes(storage.dumps(renamed, "toml"))
        os.utime(first, ns=(1, 1))  # a different mtime even on coarse-grained file systems
        (corpus / "2026/2026-06-01-12.json").unlink()
        assert library.refresh() == index.RefreshCounts(parsed=1, unchanged=10, removed=1, skipped=0)
        assert library.incident_at("2025/2025-07-10-01.toml").title == "Checkout errors after the Tuesday deploy"
        assert library.incident_at("2026/2026-06-01-12.json") is None
        assert len(library.action_items()) == 16
        assert library.connection.execute("SELECT count(*) FROM search").fetchone() == (11,)


def test_touched_but_unchanged_file_is_not_reparsed(corpus: Path) -> None:
    with open_library(corpus) as library:
        os.utime(corpus / "2025/2025-07-10-01.toml", ns=(5, 5))
        assert library.refresh() == index.RefreshCounts(parsed=0, unchanged=12, removed=0, skipped=0)
        assert library.connection.execute("SELECT mtime_ns FROM files WHERE path='2025/2025-07-10-01.toml'"
                                          ).fetchone() == (5,)


def test_unreadable_files_are_skipped_with_their_message(corpus: Path) -> None:
    (corpus / "broken.toml").write_text('[incident]\ntitle = "x\n')
    (corpus / "notes.json").write_text('{"incident": {"title": "x"}, "colour": 1}')
    (corpus / ".drafts").mkdir()
    (corpus / ".drafts" / "wip.toml").write_text("not toml at all [")
    (corpus / "README.md").write_text("# not a postmortem")
    with open_library(corpus) as library:
        skipped = library.skipped()
        assert len(library.incidents()) == 12
    assert [item.path for item in skipped] == ["broken.toml", "notes.json"]
    assert skipped[0].message.startswith("TOML syntax error: ")
    assert skipped[1].message == "colour: unknown field (check the spelling; see docs/format.md)"


def test_skipped_files_are_listed_on_stderr_and_are_not_fatal(corpus: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    (corpus / "empty.toml").write_text("")
    assert main(["actions", str(corpus), "--today", TODAY.isoformat()]) == 0
    captured = capsys.readouterr()
    assert captured.err == f"pmtui: skipped {corpus.as_posix()}/empty.toml: file is empty\n"
    assert "18 action items" in " ".join(captured.out.split())


def test_a_fixed_file_is_no_longer_skipped(corpus: Path) -> None:
    broken = corpus / "late.toml"
    broken.write_text("nonsense = [")
    with open_library(corpus) as library:
        assert len(library.skipped()) == 1
        broken.write_bytes(storage.dumps(document_for(SPECS[0]), "toml"))
        os.utime(broken, ns=(7, 7))
        assert library.refresh().skipped == 0
        assert len(library.incidents()) == 13


def test_a_corrupted_index_still_gives_the_right_answer(corpus: Path) -> None:
    open_library(corpus).close()
    path = corpus / ".pmtui-index" / "index.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with open_library(corpus) as library:
        assert len(library.incidents()) == 12


def test_index_of_another_format_is_rebuilt(corpus: Path) -> None:
    open_library(corpus).close()
    path = corpus / ".pmtui-index" / "index.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value='0/old' WHERE key='format'")
    with open_library(corpus, refresh=False) as library:
        assert library.incidents() == []
        assert library.refresh().parsed == 12


def test_index_goes_to_the_user_cache_when_the_folder_is_not_writable(corpus: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (corpus / ".pmtui-index").write_text("a file where the index folder would go")
    with open_library(corpus) as library:
        assert library.index_path.parent == tmp_path / "cache" / "pmtui"
        assert len(library.incidents()) == 12
    with open_library(corpus, refresh=False) as again:
        assert again.index_path == library.index_path and len(again.incidents()) == 12


def test_parsing_in_worker_processes_gives_the_same_index(tmp_path: Path) -> None:
    results = []
    for workers in (1, 2):
        folder = tmp_path / f"with-{workers}"
        write_corpus(folder)
        (folder / "broken.json").write_text("{")
        with open_library(folder, refresh=False) as library:
            library.refresh(workers=workers)
            results.append(([(i.path, i.title, i.terms) for i in library.incidents()],
                            [(a.incident_path, a.item_id) for a in library.action_items()],
                            [s.message for s in library.skipped()]))
    assert results[0] == results[1]


def test_index_knows_the_same_file_types_as_storage() -> None:
    assert set(index.DOCUMENT_SUFFIXES) == set(storage.FORMATS)


def test_a_warm_report_does_not_load_the_document_model() -> None:
    """Importing pydantic and the model costs about 0.2 s: the warm path must not need it, nor the
    team policy every report reads."""
    code = ("import sys; import pmtui.cli, pmtui.cli.patterns, pmtui.cli.actions, pmtui.cli.search, pmtui.policy; "
            "import pmtui.library.patterns, pmtui.library.actions, pmtui.library.search, pmtui.library.index; "
            "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'textual', 'pmtui.document.model'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_skipped_files_in_json_and_text_reports(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (corpus / "2025" / "broken.toml").write_text("title = ")
    assert main(["actions", str(corpus), "--format", "json", "--today", TODAY.isoformat()]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [item["file"] for item in data["skipped"]] == ["2025/broken.toml"]
    assert data["skipped"][0]["error"].startswith("TOML syntax error: ")
    assert main(["patterns", str(corpus), "--today", TODAY.isoformat()]) == 0
    captured = capsys.readouterr()
    assert "\nSkipped 1 unreadable file(s), listed on stderr.\n" in captured.out
    assert captured.err.startswith(f"pmtui: skipped {corpus.as_posix()}/2025/broken.toml: TOML syntax error: ")
