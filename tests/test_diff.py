"""`pmtui diff`: changes described in the document's words, alone and as git's diff driver."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from pmtui import storage
from pmtui.cli import main
from pmtui.document.changes import describe_changes
from tests.document_factory import SAMPLES, events, make_document
from tests.git_repository import GitRepository

SAMPLE = SAMPLES / "db-pool-exhaustion.toml"


def test_the_examples_of_the_issue_read_as_promised():
    old = make_document({"status": "in_review"}, timeline=events("14:00", "14:05"),
                        root_cause={"summary": "The pool was sized for four workers per pod, and " * 2},
                        action_items=[{"action": "Alert on pool saturation", "owner": "Ana"}])
    new = make_document({"status": "final"}, timeline=events("14:00", "14:05", "14:09", "14:12"),
                        root_cause={"summary": "Nobody owned the connection arithmetic across three files."},
                        action_items=[{"action": "Alert on pool saturation", "owner": "Ben"}])
    assert describe_changes(old, new) == [
        "status: in_review → final",
        "+2 timeline events (T3, T4)",
        "root cause summary changed",
        "AI-1 owner: Ana → Ben",
    ]


def test_entries_are_matched_by_id_and_fields_named():
    old = make_document(timeline=[{"id": "T1", "time": "14:00", "event": "deploy"},
                                  {"id": "T2", "time": "14:05", "event": "alert"}],
                        whys=[{"id": "1", "answer": "pool full"}, {"id": "1.1", "answer": "workers doubled"}],
                        findings={"lessons": ["keep", "drop"]})
    new = make_document(timeline=[{"id": "T2", "time": "14:06", "event": "alert", "milestone": "detected"}],
                        whys=[{"id": "1", "answer": "pool full", "root": True}],
                        findings={"lessons": ["keep", "new lesson"]})
    assert describe_changes(old, new) == [
        "-1 timeline event (T1)",
        "T2 time: 14:05:00 → 14:06:00",
        "T2 milestone: (none) → detected",
        "-1 why (1.1)",
        "why 1 root: no → yes",
        'findings lessons: +"new lesson"',
        'findings lessons: -"drop"',
    ]


def test_the_same_document_has_no_changes():
    document = storage.load_document(SAMPLE)
    assert describe_changes(document, document.model_copy(deep=True)) == []


def test_command_compares_two_files_and_escapes_document_text(tmp_path, capsys):
    loaded = storage.load(SAMPLE)
    old, new = tmp_path / "old.toml", tmp_path / "new.toml"
    old.write_bytes(SAMPLE.read_bytes())
    loaded.document.action_items[0].owner = "Ben\x1b]52;c;bad\x07"
    new.write_bytes(storage.dumps(loaded.document, "toml", loaded.preamble))
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert out.endswith("AI-1 owner: Jonas Weber → Ben\\x1b]52;c;bad\\x07\n")
    assert "\x1b" not in out


def test_command_errors_are_one_line(tmp_path, capsys):
    assert main(["diff", str(SAMPLE), str(tmp_path / "missing.toml")]) == 2
    assert capsys.readouterr().err == f"pmtui: {tmp_path / 'missing.toml'}: no such file\n"
    assert main(["diff", "a", "b", "c"]) == 2
    assert "expected OLD NEW" in capsys.readouterr().err


@pytest.fixture
def repository(tmp_path) -> GitRepository:
    repository = GitRepository(tmp_path / "repo")
    command = f"{shlex.quote(sys.executable)} -m pmtui diff"
    repository.git("config", "diff.pmtui.command", command)
    repository.commit({".gitattributes": "*.toml diff=pmtui\n*.json diff=pmtui\n"}, "Use pmtui for postmortem diffs")
    return repository


def _revision(path: Path, edit) -> bytes:
    loaded = storage.load(path)
    edit(loaded.document)
    return storage.dumps(loaded.document, loaded.format, loaded.preamble, loaded.extras)


def test_git_diff_and_log_show_the_description(repository):
    first = SAMPLE.read_bytes()
    repository.commit({"postmortems/orders.toml": first}, "Orders outage postmortem")

    def hand_over(document):
        document.action_items[0].owner = "Ben"
        document.incident.status = "in_review"
    second = _revision(SAMPLE, hand_over)
    (repository.root / "postmortems" / "orders.toml").write_bytes(second)

    working = repository.git("diff")
    assert working.splitlines() == ["pmtui diff postmortems/orders.toml", "  status: final → in_review",
                                    "  AI-1 owner: Jonas Weber → Ben"]

    repository.commit({"postmortems/orders.toml": second}, "Hand AI-1 to Ben")
    log = repository.git("log", "-p", "--ext-diff", "--format=commit %s")
    assert "commit Hand AI-1 to Ben\n\npmtui diff postmortems/orders.toml\n  status: final → in_review\n" in log
    # The first commit adds the file: git passes /dev/null for the old side.
    assert "pmtui diff postmortems/orders.toml\n  new postmortem: Orders API outage: database connection pool" in log


def test_git_driver_reads_json_and_removed_files_and_survives_a_broken_revision(repository, tmp_path):
    disk = SAMPLES / "disk-full.json"
    repository.commit({"disk.json": disk.read_bytes(), "broken.toml": b"title = \n"}, "Add files")
    repository.commit({"broken.toml": SAMPLE.read_bytes()}, "Fix the broken file")
    repository.git("rm", "--quiet", "disk.json")
    repository.git("commit", "--quiet", "-m", "Remove disk")
    log = repository.git("log", "-p", "--ext-diff", "--format=commit %s")
    assert "pmtui diff disk.json\n  postmortem removed: " in log
    assert "pmtui diff broken.toml\n  broken.toml (old): TOML syntax error" in log
    assert "commit Add files" in log  # git went on past the broken revision


def test_a_running_meeting_is_one_line_beside_what_people_typed():
    old = make_document(meeting={"layout": "standard", "current_phase": "timeline", "phase_remaining_seconds": 300,
                                 "phases": [{"id": "timeline", "title": "Timeline", "planned_minutes": 5}]})
    new = make_document(meeting={"layout": "standard", "current_phase": "root-cause", "phase_remaining_seconds": 12.5,
                                 "updated": "2026-10-28T10:05:00+00:00", "parking_lot": ["Who owns PgBouncer?"],
                                 "phases": [{"id": "timeline", "title": "Timeline", "planned_minutes": 5,
                                             "actual_seconds": 290}]})
    assert describe_changes(old, new) == [
        "meeting current phase: timeline → root-cause",
        'meeting parking lot: +"Who owns PgBouncer?"',
        "meeting clock and phase times updated",
    ]


def test_git_driver_refuses_a_version_larger_than_any_document_before_reading_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("pmtui.storage.files.MAX_DOCUMENT_BYTES", 1024 * 1024)
    big = tmp_path / "big"
    big.write_bytes(b"#" * (1024 * 1024 + 1))
    assert main(["diff", "pm.toml", str(big), "0" * 40, "100644", str(tmp_path / "gone"), "0" * 40, "100644"]) == 0
    assert capsys.readouterr().out == ("pmtui diff pm.toml\n"
                                       "  old version unreadable: larger than 1 MB, more than pmtui reads as one file\n"
                                       "  new version unreadable: no such file\n")
