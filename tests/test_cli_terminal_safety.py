"""No command prints untrusted text raw: documents, imports and file names full of terminal escape
sequences (clipboard writes, window titles, leaving the alternate screen, C1 controls, bidi
overrides, newlines in file names) reach stdout and stderr only as visible escapes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from document_factory import make_document
from pmtui import storage
from pmtui.cli import main

SEQUENCES = ["\x1b]52;c;ZXZpbA==\x07", "\x1b]0;owned\x07", "\x1b[?1049l", "\x9b2J", "\x85", "\u202eevil\u202c",
             "\r", "\t", "\x7f", "\x00"]
HOSTILE = "deploy " + " ".join(SEQUENCES) + " done"
# A file name with a newline and a fake verdict: it must not forge an `ok` line in CI logs.
HOSTILE_NAME = "pm\x1b]0;t\x07\nfake.toml: ok (final; 0 error(s), 0 warning(s))\u202e.toml"


def unsafe_characters(text: str) -> list[str]:
    """Characters a terminal acts on: C0 controls but newline, DEL, C1 controls, bidi controls."""
    return sorted({char for char in text if (ord(char) < 0x20 and char != "\n") or 0x7f <= ord(char) <= 0x9f
                   or char in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"})


def hostile_document() -> dict:
    return {
        "incident": {"title": HOSTILE, "summary": HOSTILE, "author": HOSTILE, "tags": [HOSTILE],
                     "date": "2026-03-05", "status": "final"},
        "timeline": [{"time": "10:00", "event": HOSTILE, "source": HOSTILE}],
        "action_items": [{"action": HOSTILE, "owner": HOSTILE}],
        "appendix": [{"title": HOSTILE, "url": "javascript:" + HOSTILE}],
    }


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    storage.save_new(make_document(**{k: v for k, v in hostile_document().items() if k != "incident"},
                                   incident=hostile_document()["incident"]), tmp_path / HOSTILE_NAME)
    (tmp_path / "broken\x1b]0;x\x07.toml").write_text(f'[incident]\ntitle = "{HOSTILE.encode("unicode_escape").decode()}"\n'
                                                      'severity = "SEV\\u001b]52;c;x\\u0007"\n')
    (tmp_path / "events.jsonl").write_text(json.dumps({"time": "2026-03-05T10:05:00Z", "event": HOSTILE,
                                                       "source": HOSTILE}) + "\n")
    (tmp_path / "bad.jsonl").write_text(json.dumps({"time": "10:05", "event": "x", HOSTILE: 1}) + "\n")
    (tmp_path / "events.csv").write_text(f'time,event,source\n10:06,"{HOSTILE}","{HOSTILE}"\n')
    (tmp_path / "pagerduty.json").write_text(json.dumps({"log_entries": [
        {"type": "trigger_log_entry", "created_at": "2026-03-05T10:07:00Z", "summary": HOSTILE}]}))
    return tmp_path


COMMANDS = {
    "check": ["check", HOSTILE_NAME],
    "check-folder": ["check", "."],
    "check-unreadable": ["check", "broken\x1b]0;x\x07.toml"],
    "check-json": ["check", ".", "--format", "json"],
    "export-md": ["export", HOSTILE_NAME],
    "export-json": ["export", HOSTILE_NAME, "--format", "json"],
    "export-toml": ["export", HOSTILE_NAME, "--format", "toml"],
    "export-to-a-file": ["export", HOSTILE_NAME, "-o", "out\x1b]0;x\x07.md"],
    "export-missing": ["export", "missing\x1b[?1049l.toml"],
    "import-jsonl": ["import", HOSTILE_NAME, "--from", "jsonl", "events.jsonl", "--dry-run"],
    "import-csv": ["import", HOSTILE_NAME, "--from", "csv", "events.csv", "--dry-run"],
    "import-pagerduty": ["import", HOSTILE_NAME, "--from", "pagerduty", "pagerduty.json", "--dry-run"],
    "import-error": ["import", HOSTILE_NAME, "--from", "jsonl", "bad.jsonl"],
    "import-missing-source": ["import", HOSTILE_NAME, "--from", "csv", "gone\x9b2J.csv"],
    "import-saves": ["import", HOSTILE_NAME, "--from", "jsonl", "events.jsonl"],
    "new": ["new", "new\x1b]0;x\x07\nok.toml", "--title", HOSTILE],
    "new-bad-severity": ["new", "other.toml", "--severity", HOSTILE],
    "new-exists": ["new", HOSTILE_NAME],
    "schema": ["schema", "-o", "schema\x1b]52;c;x\x07.json"],
    "actions": ["actions", "."],
    "actions-csv": ["actions", ".", "--format", "csv"],
    "actions-json": ["actions", ".", "--format", "json"],
    "patterns": ["patterns", "."],
    "patterns-md": ["patterns", ".", "--format", "md"],
    "patterns-json": ["patterns", ".", "--format", "json"],
    "search": ["search", ".", "deploy"],
    "search-json": ["search", ".", "deploy", "--format", "json"],
}


@pytest.mark.parametrize("command", COMMANDS, ids=list(COMMANDS))
def test_no_command_prints_a_terminal_control(folder: Path, command: str, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)  # export, CSV and Markdown clean what goes to a terminal
    main(COMMANDS[command])
    out, err = capsys.readouterr()
    assert out or err
    out = out.replace("\x1b[1m", "").replace("\x1b[22m", "")  # pmtui's own bold, around search matches
    assert unsafe_characters(out) == [] and unsafe_characters(err) == []


def test_a_file_name_cannot_forge_a_verdict_line(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", HOSTILE_NAME])
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith("pm\\x1b]0;t\\x07\\x0afake.toml: ok (final; ") for line in lines)
    assert lines[-1].endswith(".toml: FAIL (final; 3 error(s), 1 warning(s))")


def test_escapes_stay_visible_so_nothing_is_hidden(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["import", HOSTILE_NAME, "--from", "jsonl", "bad.jsonl"])
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\\x1b]52;c;ZXZpbA==\\x07" in err


def test_export_to_a_pipe_or_file_is_byte_exact(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["export", HOSTILE_NAME, "--format", "toml"])
    out = capsys.readouterr().out
    assert out == storage.dumps(storage.load_document(folder / HOSTILE_NAME), "toml").decode()


def test_check_json_is_the_same_json_with_escapes(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", ".", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    files = {problem["file"] for problem in report}
    assert HOSTILE_NAME in files and "broken\x1b]0;x\x07.toml" in files  # the real names, once decoded


def test_library_reports_keep_the_real_text_in_json_and_in_a_pipe(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["actions", ".", "--format", "json"])
    items = json.loads(capsys.readouterr().out)["items"]
    assert [item["owner"] for item in items] == [HOSTILE]  # the real text, once the JSON is decoded
    main(["actions", ".", "--format", "csv"])
    assert HOSTILE.replace("\r", "") in capsys.readouterr().out.replace("\r", "")  # data for a spreadsheet, byte-exact


def test_search_matches_are_bold_and_nothing_else_is_an_escape(folder: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    main(["search", ".", "deploy"])
    out = capsys.readouterr().out
    assert "\x1b[1mdeploy\x1b[22m" in out
    assert unsafe_characters(out.replace("\x1b[1m", "").replace("\x1b[22m", "")) == []
